"""`tidings events`, `tidings export`, `tidings plot` and `tidings summary`: reading the store."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import typer

from .cli_errors import OUTPUT, USAGE, fail, friendly_errors, warn

DB_HELP = "DuckDB file written by `tidings code`."
ALL_HELP = "Every event: not only the counted ones (asserted, confidence at or above the threshold)."
MODALITY_HELP = "Modalities to show instead of asserted: a list (negated,future) or all."
CONF_HELP = "Confidence floor instead of the counting threshold (0-1)."


def _console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # Piped output is not cut to 80 columns: a wide table is still readable in a file or a pager.
    return Console(stderr=stderr, width=None if stream.isatty() else 160)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@contextmanager
def _open_store(db: str, output: str | None = None) -> Iterator[Any]:
    """The store, read-only, with what was found on opening said on stderr; errors as one line."""
    from .store import Store

    with friendly_errors(db, output=output):
        with Store(db, read_only=True) as store:
            for w in store.warnings:
                warn(w)
            yield store


def _print_events(rows: list[dict[str, Any]], fmt: str, with_text: bool, shown: str = "events") -> None:
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps({k: _jsonable(v) for k, v in r.items()}, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        from .export import neutralise
        from .query import EVENT_COLUMNS, TEXT_COLUMNS

        # An empty result still has its header, so a script reading it finds the columns.
        fields = list(rows[0]) if rows else EVENT_COLUMNS + (TEXT_COLUMNS if with_text else [])
        w = csv.DictWriter(sys.stdout, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow({k: neutralise(_jsonable(v)) for k, v in r.items()})
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} {shown}", show_lines=with_text)
    show_modality = any(r.get("modality") != "asserted" for r in rows)
    if with_text:  # few columns, so the sentence gets the width
        cols = ["date", "plover_type", "dyad", "num_mentions", "sentence"]
        heads = ["date", "type", "dyad", "reports", "sentence"]
    else:
        cols = ["date", "plover_type", "cameo_code", "quad_class", "dyad", "location_name",
                "num_mentions", "confidence"] + (["modality"] if show_modality else [])
        heads = ["date", "type", "cameo", "quad", "dyad", "place", "reports", "conf"] + (
            ["modality"] if show_modality else []
        )
    for h in heads:
        table.add_column(h, overflow="fold", min_width=10 if h == "date" else None, ratio=3 if h == "sentence" else None)
    for r in rows:
        src = r.get("source_code") or r.get("source_country") or ""
        tgt = r.get("target_code") or r.get("target_country") or ""
        cells = []
        for c in cols:
            v = f"{src} → {tgt}" if c == "dyad" else r.get(c)
            if c in ("source_code", "target_code") and not v:
                v = r.get(c.replace("_code", "_country"))
            if isinstance(v, float):
                v = f"{v:.2f}"
            cells.append("" if v is None else str(v))
        table.add_row(*cells)
    _console().print(table)


def _shown_as(shown: dict[str, Any], noun: str) -> str:
    """'counted events', or what the options showed instead: 'events (negated; confidence >= 0.3)'."""
    if shown.get("counted_only"):
        return f"counted {noun}"
    mods = shown.get("modality")
    floor = shown.get("min_confidence")
    parts = ["every modality" if mods == "all" else "/".join(mods or []),
             "any confidence" if floor is None else f"confidence >= {floor:g}"]
    return f"{noun} ({'; '.join(parts)})"


def counts_line(s: dict[str, Any]) -> str:
    """The store's counts in words: the first line of `tidings summary` and the last of `tidings code`."""
    return (
        f"[bold]{s['articles']}[/bold] articles ({s['duplicates']} near-duplicates), "
        f"[bold]{s['events']}[/bold] {_shown_as(s['shown'], 'events')} of {s['events_all_modalities']}, "
        f"[bold]{s['mentions_shown']}[/bold] {_shown_as(s['shown'], 'mentions')} of {s['mentions']}, "
        f"{s['actors']} actor mentions, "
        f"[bold]{s['rejects']}[/bold] rejects, {s['runs']} runs"
    )


def _print_summary(s: dict[str, Any]) -> None:
    from rich.table import Table

    con = _console()
    con.print(counts_line(s))
    if s.get("stories"):
        line = f"{s['stories']} stories, {s['told_by_several_outlets']} told by two or more outlets"
        best = s["top_stories"][:3]
        if best:
            line += "; most told: " + "; ".join(f"{(b['title'] or b['story_id'])[:60]} ({b['outlets']} outlets)" for b in best)
        con.print(line)
    if s["rejects_by_reason"]:
        con.print("rejects: " + ", ".join(f"{k} {v}" for k, v in s["rejects_by_reason"].items()))
    for title, key, cols in (
        ("Top dyads", "top_dyads", ("source", "target", "events", "mentions")),
        ("Top event types", "top_types", ("plover_type", "events", "mentions")),
        ("Top places", "top_places", ("place", "country", "events")),
    ):
        if not s[key]:
            continue
        t = Table(title=title)
        for c in cols:
            t.add_column(c)
        for row in s[key]:
            t.add_row(*("" if row[c] is None else str(row[c]) for c in cols))
        con.print(t)


def register(app: typer.Typer) -> None:
    @app.command("events")
    def events(
        db: str = typer.Option("tidings.duckdb", "--db", help=DB_HELP),
        actor: Optional[str] = typer.Option(None, "--actor", help="Either side: country, code prefix or name."),
        country: Optional[str] = typer.Option(None, "--country", help="Either side's country: ISO code or name (UKR, Ukraine)."),
        dyad: Optional[str] = typer.Option(None, "--dyad", help="SOURCE:TARGET, e.g. SYR:KAZ, SYRGOV:KAZ or Syria:Kazakhstan."),
        undirected: bool = typer.Option(False, "--undirected", help="Match the dyad in both directions."),
        plover_type: Optional[str] = typer.Option(None, "--type", help="PLOVER type(s), comma-separated."),
        quad: Optional[str] = typer.Option(None, "--quad", help="Quad class(es) 0-4, comma-separated."),
        cameo: Optional[str] = typer.Option(None, "--cameo", help="CAMEO code prefix, e.g. 04."),
        since: Optional[str] = typer.Option(None, "--since", help="Events on or after YYYY-MM-DD."),
        until: Optional[str] = typer.Option(None, "--until", help="Events on or before YYYY-MM-DD."),
        location_country: Optional[str] = typer.Option(None, "--location-country", help="Where it happened (ISO)."),
        modality: Optional[str] = typer.Option(None, "--modality", help=MODALITY_HELP),
        min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help=CONF_HELP),
        all_events: bool = typer.Option(False, "--all", help=ALL_HELP),
        min_mentions: Optional[int] = typer.Option(None, "--min-mentions"),
        with_text: bool = typer.Option(False, "--with-text", help="Add the sentence of the first report."),
        limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many events."),
        fmt: str = typer.Option("table", "--format", help="table, csv or jsonl."),
        raw: bool = typer.Option(False, "--raw", help="The coder's own output, without users' corrections."),
    ) -> None:
        """List stored events that match every filter given (the counted ones unless --all; users' corrections applied unless --raw)."""
        from .counting import counting
        from .query import select_events

        if fmt not in ("table", "csv", "jsonl", "json"):
            raise typer.BadParameter("--format is table, csv or jsonl")
        quads = [q for q in (quad or "").split(",") if q.strip()]
        with _open_store(db) as store:
            try:
                quad_classes = [int(q) for q in quads] or None
            except ValueError:
                raise ValueError(f"--quad wants numbers 0-4, not {quad!r}") from None
            rows = select_events(
                store, actor=actor, country=country, dyad=dyad, directed=not undirected, plover_type=plover_type,
                quad_class=quad_classes, cameo_prefix=cameo, since=since, until=until,
                location_country=location_country, modality=modality, min_confidence=min_confidence,
                min_mentions=min_mentions, all_events=all_events, with_text=with_text, limit=limit, raw=raw,
            )
            shown = _shown_as(counting(all_events, modality, min_confidence).describe(), "events")
        _print_events(rows, "jsonl" if fmt == "json" else fmt, with_text, shown)

    @app.command("export")
    def export_cmd(
        out: Optional[str] = typer.Argument(None, help="Output file (OUT.meta.json is written beside it)."),
        db: str = typer.Option("tidings.duckdb", "--db", help=DB_HELP),
        fmt: Optional[str] = typer.Option(
            None, "--format",
            help="parquet, csv, jsonl, stata (.dta), gdelt (GDELT 2.0 event table) or gold (corrected articles for "
                 "`tidings evaluate`); default: from OUT's extension, else parquet.",
        ),
        table: str = typer.Option("events", "--table", help="events, mentions, articles, actors, rejects or runs."),
        header: Optional[bool] = typer.Option(
            None, "--header/--no-header", help="Header row (CSV: on by default; GDELT: off by default)."
        ),
        modality: Optional[str] = typer.Option(None, "--modality", help=MODALITY_HELP),
        min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help=CONF_HELP),
        all_events: bool = typer.Option(False, "--all", help=ALL_HELP),
        list_sep: str = typer.Option(";", "--list-sep", help="CSV and Stata: separator joining list cells."),
        dictionary: bool = typer.Option(False, "--dictionary", help="Print the codebook of every column (Markdown)."),
        raw: bool = typer.Option(False, "--raw", help="Events as the coder wrote them, without users' corrections."),
    ) -> None:
        """Write a table for pandas, R, Stata or GDELT scripts, with its provenance (events carry users' corrections unless --raw)."""
        from .export import SUFFIX_FORMATS, export, format_for
        from .export_meta import sidecar_path

        if dictionary:
            from .codebook import markdown

            if out:
                Path(out).write_text(markdown(), encoding="utf-8")
                _console(stderr=True).print(f"wrote the codebook to {out}")
            else:
                sys.stdout.write(markdown())
            return
        if not out:
            fail("give the output file, e.g. tidings export events.parquet", USAGE)
        target = Path(out)
        if target.is_dir():
            fail(f"{out} is a folder: give a file name, e.g. {target / 'events.parquet'}", OUTPUT)
        if not fmt and target.suffix.lower() not in SUFFIX_FORMATS:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            fail(f"cannot tell the format from {out!r} (known endings: {known}): give --format", USAGE)
        fmt = format_for(out, fmt)
        use_header = header if header is not None else fmt != "gdelt"
        existed = target.exists()
        try:
            with _open_store(db, output=out) as store:
                n = export(store, out, fmt=fmt, table=table, header=use_header, modality=modality,
                           min_confidence=min_confidence, all_events=all_events, list_sep=list_sep, raw=raw)
        except typer.Exit:
            if not existed and target.is_file():  # no half-written file left behind (a full disk)
                target.unlink()
            raise
        where = "its metadata inside" if fmt == "parquet" else f"metadata in {sidecar_path(out)}"
        _console(stderr=True).print(f"wrote {n} rows to {out} ({where})")

    @app.command("plot")
    def plot_cmd(
        out: str = typer.Argument(..., help="OUT.png, OUT.svg or OUT.pdf"),
        db: str = typer.Option("tidings.duckdb", "--db", help=DB_HELP),
        dyad: Optional[str] = typer.Option(None, "--dyad", help="SOURCE:TARGET, e.g. SYR:KAZ."),
        country: Optional[str] = typer.Option(None, "--country", help="Events with this country on either side."),
        undirected: bool = typer.Option(False, "--undirected", help="Both directions of the dyad."),
        by: str = typer.Option("month", "--by", help="week or month."),
        split: str = typer.Option("quad", "--split", help="quad (quad class) or type (PLOVER type)."),
        goldstein: bool = typer.Option(True, "--goldstein/--no-goldstein", help="Panel with the mean Goldstein score."),
        modality: Optional[str] = typer.Option(None, "--modality", help=MODALITY_HELP),
        min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help=CONF_HELP),
        all_events: bool = typer.Option(False, "--all", help=ALL_HELP),
    ) -> None:
        """Plot event counts per week or month, and the mean Goldstein score."""
        from .plot import plot_events

        if bool(dyad) == bool(country):
            fail("give exactly one of --dyad SOURCE:TARGET or --country ISO", USAGE)
        with friendly_errors(db, output=out):
            data = plot_events(db, out, dyad=dyad, country=country, directed=not undirected, by=by, split=split,
                               goldstein=goldstein, modality=modality, min_confidence=min_confidence,
                               all_events=all_events)
        total = sum(sum(v) for v in data["groups"].values())
        _console(stderr=True).print(f"plotted {total} events over {len(data['periods'])} {by}s to {out}")

    @app.command("summary")
    def summary_cmd(
        db: str = typer.Option("tidings.duckdb", "--db", help=DB_HELP),
        top: int = typer.Option(10, "--top", help="How many dyads, types and places to list."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        modality: Optional[str] = typer.Option(None, "--modality", help=MODALITY_HELP),
        min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help=CONF_HELP),
        all_events: bool = typer.Option(False, "--all", help=ALL_HELP),
    ) -> None:
        """Counts of articles, events, mentions and rejects, and the top dyads, types and places."""
        from .corrections import events_source
        from .counting import counting

        with _open_store(db) as store:
            with friendly_errors(db):
                keep = counting(all_events, modality, min_confidence)
            s = store.summary(top=top, keep=keep, events_rel=events_source(store.con))
            from .stories import story_counts

            s.update(story_counts(store.con, top=min(top, 5)))
        if as_json:
            sys.stdout.write(json.dumps(s, default=str, indent=2) + "\n")
        else:
            _print_summary(s)
