"""`tidings code`: read pages, code events, store them (and optionally print JSON Lines)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Optional

import typer

from .records import Article, ArticleResult, Reject

WRITE_BATCH = 64  # articles per store transaction: a kill loses the batch being stored and the one being coded, no more


def _configure(actors: list[str], actors_petrarch: list[str], verbs_petrarch: list[str]) -> None:
    if actors or actors_petrarch:
        from .actors import configure as configure_actors

        configure_actors(actor_files=actors, petrarch_paths=actors_petrarch)
    if verbs_petrarch:
        from .events import configure as configure_events

        configure_events(petrarch_verbs=verbs_petrarch)


def _valid_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


def estimate_total(paths: Iterable[str]) -> int | None:
    """Cheap article count for the progress bar's ETA; None when it cannot be known cheaply."""
    from .ingest.sources import expand_paths

    total = 0
    for path in expand_paths(list(paths)):
        p = Path(path)
        if str(path) == "-" or p.suffix in {".gz", ".warc"}:
            return None
        if p.suffix == ".jsonl":
            try:
                with open(p, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:  # the reader reports it as a reject; the bar just guesses
                total += 1
        else:
            total += 1
    return total


class Coder:
    """Runs one `tidings code` job: ingest → code → store, in resumable batches."""

    def __init__(self, store, run_id: str, workers: int = 1, jsonl=None):
        self.store = store
        self.run_id = run_id
        self.workers = workers
        self.jsonl = jsonl
        self.counts: Counter[str] = Counter()
        self.reject_reasons: Counter[str] = Counter()
        self.undated: list[str] = []  # articles stored without a publication date, by name
        self._seen: set[str] = store.known_article_ids()

    def _fresh_articles(self, items: Iterable[Article | Reject], rejects: list[Reject]) -> Iterator[Article]:
        from .nlp import MAX_CHARS
        from .pipeline import too_long

        for item in items:
            if isinstance(item, Reject):
                self._reject(item, rejects)
                continue
            # Refused here already, before near-duplicate hashing; the NLP stage checks again.
            reject = too_long(item, MAX_CHARS)
            if reject is not None:
                self._reject(reject, rejects)
                continue
            self.counts["read"] += 1
            if item.id in self._seen:  # stored by an earlier run, or repeated in this input
                self.counts["already_stored"] += 1
                continue
            self._seen.add(item.id)
            yield item

    def _route(self, articles: list[Article]) -> dict[str, str]:
        """Syndicated copies map to their original and are not coded again.

        The original is the closest one stored before the run or routed earlier in it (every
        original of the run is in the batch index), so the answer does not depend on how many
        batches the store has written yet: the next batch is routed while the last is stored.
        """
        dup_of: dict[str, str] = {}
        for art in articles:
            sig = self.store.signature(art.body)  # cached: the store reuses it when writing
            found = [m for m in (self.store.near_duplicate_match(art.body), self._batch_index.best(sig)) if m]
            if found:
                dup_of[art.id] = max(found)[1]
            else:
                self._batch_index.add(art.id, sig)
        return dup_of

    def run(self, items: Iterable[Article | Reject], progress=None, task=None) -> None:
        from .dedup import ArticleDeduper
        from .pipeline import CodingPool, _chunks

        # Near-copies inside the current batch are not in the store yet.
        self._batch_index = ArticleDeduper()
        rejects: list[Reject] = []
        pending = None  # the batch being coded while the one before it is stored
        with CodingPool(self.workers) as pool:
            for batch in _chunks(self._fresh_articles(items, rejects), WRITE_BATCH):
                dup_of = self._route(batch)
                coding = pool.submit([a for a in batch if a.id not in dup_of])
                if pending is not None:
                    self._finish(*pending, progress, task)
                pending = (batch, dup_of, coding, list(rejects))  # the rejects read with this batch
                rejects.clear()
            if pending is not None:
                self._finish(*pending, progress, task)
        self._flush([], rejects)

    def _finish(self, batch: list[Article], dup_of: dict[str, str], coding, rejects: list[Reject], progress, task) -> None:
        coded = iter(coding.results())
        results = [
            ArticleResult(article=a, duplicate_of=dup_of[a.id]) if a.id in dup_of else next(coded) for a in batch
        ]
        self._flush(results, rejects)
        if progress is not None:
            progress.advance(task, len(batch))

    def _flush(self, batch: list[ArticleResult], rejects: list[Reject]) -> None:
        stored: list[ArticleResult] = []
        for result in batch:
            if result.reject is not None:  # could not be coded: recorded, not stored
                self._reject(result.reject, rejects)
            else:
                stored.append(result)
        if rejects:
            self.store.add_rejects(list(rejects), self.run_id)
            rejects.clear()
        if not stored:
            return
        for result in self._store(stored):
            self.counts["stored"] += 1
            if result.duplicate_of:
                self.counts["duplicates"] += 1
            if result.article.pub_date is None and not result.duplicate_of:
                self.undated.append(article_name(result.article))
            if self.jsonl is not None:
                self.jsonl.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        if self.jsonl is not None:
            self.jsonl.flush()
        batch.clear()

    def _reject(self, reject: Reject, rejects: list[Reject]) -> None:
        rejects.append(reject)
        self.reject_reasons[reject.reason] += 1
        self.counts["rejects"] += 1

    def _store(self, batch: list[ArticleResult]) -> list[ArticleResult]:
        """Stores a batch in one transaction; when the batch's data is refused, each article is
        stored alone so that only the one at fault becomes a reject. The results stored."""
        from .store import is_store_failure

        try:
            counts = self.store.add_results(list(batch), self.run_id)
        except Exception as exc:
            if is_store_failure(exc):  # the database itself is in trouble: stop the run
                raise
            if len(batch) > 1:
                return [r for result in batch for r in self._store([result])]
            art = batch[0].article
            rejects: list[Reject] = []
            detail = f"{type(exc).__name__}: {exc}"[:500]
            self._reject(Reject(art.source_path or "-", "store_failed", detail, art.locator), rejects)
            self.store.add_rejects(rejects, self.run_id)
            return []
        self.counts["mentions"] += counts["mentions"]
        return batch


def article_name(art: Article) -> str:
    where = art.source_path or art.input_id or art.id[:12]
    return f"{where} ({art.locator})" if art.locator else where


def report_undated(console, names: list[str], db: str, shown: int = 10) -> None:
    """Names the articles coded without a date: their events carry no date (none is made up)."""
    if not names:
        return
    n = len(names)
    console.print(
        f"[yellow]{n} article{'s have' if n != 1 else ' has'} no date:[/yellow] give --pub-date or a date field "
        f"(stored ones: tidings redate --pub-date YYYY-MM-DD --db {db}); their events are undated"
    )
    for name in names[:shown]:
        console.print(f"  {name}")
    if n > shown:
        console.print(f"  ... and {n - shown} more")


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} articles/s" if task.speed else "- articles/s")

    return RateColumn()


def _progress(enabled: bool):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]coding"),
        BarColumn(),
        MofNCompleteColumn(),
        _rate_column(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=_console(),
        disable=not enabled,
        transient=False,
    )


def _console():
    from rich.console import Console

    return Console(stderr=True)


def register(app: typer.Typer) -> None:
    @app.command("code")
    def code(
        paths: list[str] = typer.Argument(..., help="Files, folders, globs, or - for stdin."),
        db: str = typer.Option("tidings.duckdb", "--db", help="DuckDB file to write."),
        pub_date: Optional[str] = typer.Option(
            None, "--pub-date",
            help="Publication date (YYYY-MM-DD) for records that carry none (no date field, HTML date, dated "
            "dateline or date in their text); with --recode, also for stored articles that have none.",
        ),
        jsonl: Optional[str] = typer.Option(None, "--jsonl", help="Also write one JSON record per article to FILE, or - for stdout."),
        workers: int = typer.Option(1, "--workers", min=1, help="Worker processes, one model each."),
        recode: bool = typer.Option(False, "--recode", help="Re-code every stored article with the current lexicons."),
        actors: list[str] = typer.Option([], "--actors", help="Extra actor table (CSV); repeatable."),
        actors_petrarch: list[str] = typer.Option([], "--actors-petrarch", help="PETRARCH/Phoenix actor or agent dictionary; repeatable."),
        verbs_petrarch: list[str] = typer.Option([], "--verbs-petrarch", help="PETRARCH CAMEO verb dictionary; repeatable."),
        max_bytes: int = typer.Option(20_000_000, "--max-bytes", help="Files larger than this are rejected."),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
        merge_days: int = typer.Option(1, "--merge-days", min=0, help="Reports of one event may differ in date by this many days."),
        merge_undated: bool = typer.Option(False, "--merge-undated", help="Also merge reports that carry no date."),
        rules_only: bool = typer.Option(False, "--rules-only", help="The pure rule coder: no learned decision (confidences and threshold are the rules')."),
    ) -> None:
        """Code news pages into events and store them."""
        if rules_only:
            # Through the environment, so worker processes and Spark tasks decide the same way.
            os.environ["TIDINGS_RULES_ONLY"] = "1"
        from .cli_errors import NOTHING_READ, OUTPUT, USAGE, fail, friendly_errors, warn
        from .cli_store import counts_line
        from .ingest import read_inputs
        from .ingest.sources import expand_with_missing
        from .nlp import ModelNotFound, model_name
        from .provenance import model_description
        from .store import Store

        pub = _valid_date(pub_date)
        console = _console()
        try:
            _configure(actors, actors_petrarch, verbs_petrarch)
        except (OSError, ValueError) as exc:
            fail(f"could not load a dictionary: {exc}", USAGE)
        if not recode and not any(found for _, found in expand_with_missing(paths)):
            # Checked before the store is opened, so a typo leaves no empty database behind.
            fail(f"nothing could be read: no such file, folder or matching glob: {', '.join(paths)}", NOTHING_READ)
        try:
            model = model_name()
        except ModelNotFound as exc:
            fail(str(exc), USAGE)
        with friendly_errors(db):
            store = Store(db, max_days=merge_days, allow_undated=merge_undated)
        for w in store.warnings:
            warn(w)
        out = None
        if jsonl == "-":
            out = sys.stdout
        elif jsonl:
            try:
                out = open(jsonl, "a", encoding="utf-8")
            except OSError as exc:
                store.close()
                fail(f"cannot write {jsonl}: {exc.strerror or exc}", OUTPUT)
        with store, friendly_errors(db, output=jsonl if jsonl not in (None, "-") else None, values=False):
            options = {
                "paths": paths,
                "pub_date": pub,
                "workers": workers,
                "recode": recode,
                "model": model_description(),  # the spaCy pipeline, and the event model when one decides
                "actors": actors,
                "actors_petrarch": actors_petrarch,
                "verbs_petrarch": verbs_petrarch,
                "merge_days": merge_days,
                "merge_undated": merge_undated,
            }
            run_id = store.start_run(options)
            coder = Coder(store, run_id, workers=workers, jsonl=out)
            status = "interrupted"
            try:
                if recode:
                    if pub:  # --pub-date with --recode dates the stored articles that have none
                        store.set_pub_date([a[0] for a in store.undated_articles()], pub)
                    items: Iterable[Article | Reject] = list(store.articles())
                    store.delete_outputs([a.id for a in items])  # type: ignore[union-attr]
                    coder._seen = set()
                    total: int | None = len(items)  # type: ignore[arg-type]
                else:
                    items = read_inputs(paths, pub_date=pub, max_bytes=max_bytes)
                    total = estimate_total(paths) if progress else None
                with _progress(progress and not (out is sys.stdout and sys.stdout.isatty())) as bar:
                    task = bar.add_task("coding", total=total)
                    coder.run(items, progress=bar, task=task)
                status = "completed"
            finally:
                try:
                    store.end_run(run_id, dict(coder.counts), status=status)
                finally:
                    if out is not None and out is not sys.stdout:
                        out.close()
            stored = store.counts()
        c = coder.counts
        reasons = ", ".join(f"{r}: {n}" for r, n in sorted(coder.reject_reasons.items()))
        console.print(
            f"this run: {c['read']} articles read, {c['stored']} stored "
            f"({c['duplicates']} near-duplicates), {c['already_stored']} already stored, "
            f"{c['mentions']} event mentions, {c['rejects']} rejected" + (f" ({reasons})" if reasons else ""),
            soft_wrap=True,
        )
        console.print("the store now: " + counts_line(stored), soft_wrap=True)
        report_undated(console, coder.undated, db)
        # "read" counts already-stored articles too, so zero means nothing at all was readable.
        if c["read"] == 0 and not recode:
            fail("nothing could be read", NOTHING_READ)
