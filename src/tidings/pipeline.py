"""Wires the per-document stages: nlp → actors → events → where/when.

Everything here is a pure function of one article plus cached resources, so the
same code runs in a local loop, a process pool (``--workers``) and a Spark
``mapPartitions``. Cross-document work (near-duplicates, event merging) happens
in the store (or in Spark stages), never here.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from typing import Any

from .nlp import BATCH_SIZE, load_nlp
from .parsed import remember_text
from .records import Article, ArticleResult, Event, Reject, article_id

# Seconds spent per stage in this process; read by the benchmarks.
STAGE_SECONDS: Counter[str] = Counter()


def _timed(stage: str, fn, *args):
    t0 = time.perf_counter()
    try:
        return fn(*args)
    finally:
        STAGE_SECONDS[stage] += time.perf_counter() - t0


def event_id(aid: str, ev: Event) -> str:
    """Deterministic id, so a resumed or re-run job produces the same rows."""
    parts = [
        aid,
        ev.section,
        str(ev.sentence_index),
        str(ev.trigger_start),
        str(ev.trigger_end),
        ev.plover_type,
        ev.cameo_code,
        str(ev.source.start if ev.source else ""),
        str(ev.target.start if ev.target else ""),
    ]
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:20]


def propose(doc, article: Article | None, section: str) -> tuple[list, list[Event]]:
    """Actors and the rules' proposed events of one parsed section (before the model decides)."""
    from .actors import recognize
    from .events import extract

    actors = _timed("actors", recognize, doc, article, section)
    events = _timed("events", extract, doc, actors, article, section)
    return actors, events


def _code_section(doc, article: Article, section: str):
    from .events.decide import decide
    from .place import locate
    from .when import resolve_dates

    actors, events = propose(doc, article, section)
    events = _timed("decide", decide, events, doc, actors)
    _timed("place", locate, events, doc, article, actors)
    _timed("when", resolve_dates, events, doc, article)
    return actors, events


def code_docs(article: Article, body_doc, title_doc=None) -> ArticleResult:
    """Codes an article whose body (and headline) spaCy has already parsed."""
    actors, events = _code_section(body_doc, article, "body")
    if title_doc is not None and len(title_doc):
        t_actors, t_events = _code_section(title_doc, article, "headline")
        actors += t_actors
        events += t_events
    return assemble(article, actors, events)


def assemble(article: Article, actors: list, events: list[Event]) -> ArticleResult:
    """An article's result from its sections' actors and decided events: ids given, repeats dropped."""
    seen: set[str] = set()
    unique: list[Event] = []
    for ev in events:
        ev.article_id = article.id
        ev.id = event_id(article.id, ev)
        if ev.id not in seen:  # one trigger coded twice by overlapping rules
            seen.add(ev.id)
            unique.append(ev)
    return ArticleResult(article=article, actors=actors, events=unique)


def too_long(article: Article, max_chars: int) -> Reject | None:
    """A body or headline spaCy would refuse (error E088: more than ``nlp.max_length`` characters)."""
    for section, text in (("body", article.body), ("headline", article.title)):
        if text and len(text) > max_chars:
            return Reject(
                article.source_path or "-", "too_long",
                f"{section} has {len(text):,} characters, more than the {max_chars:,} the parser takes: "
                "split it into several articles",
                article.locator,
            )
    return None


def _failed(article: Article, exc: BaseException) -> ArticleResult:
    detail = f"{type(exc).__name__}: {exc}"[:500]
    reject = Reject(article.source_path or "-", "coding_failed", detail, article.locator)
    return ArticleResult(article=article, reject=reject)


_SETTLED: list[bool] = []
# Allocations between young-generation passes once settled (Python's default is 700): the stages make
# and drop many small objects per sentence, and each pass over them found next to nothing to free
# (300 stories: collector pauses 0.54 s -> 0.14 s of CPU, 1.3 ms an article; peak RSS 839 -> 833 MiB).
YOUNG_THRESHOLD = 20_000


def _settle() -> None:
    """Once a process has coded its first article, the model, tables and gazetteer it loaded stay for
    good: frozen out of the cyclic collector, whose full passes would otherwise walk their ~800k objects
    again and again (300 stories coded: collector time 2.35 s -> 1.61 s). Refcounting frees as before."""
    if not _SETTLED:
        _SETTLED.append(True)
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def _finish(article: Article, docs: dict[str, Any], max_chars: int) -> ArticleResult:
    """Codes one parsed article; a failure becomes a reject for it alone."""
    reject = too_long(article, max_chars)
    if reject is not None:
        return ArticleResult(article=article, reject=reject)
    try:
        result = code_docs(article, docs["body"], docs.get("headline"))
    except Exception as exc:  # one odd article must not take its batch down
        return _failed(article, exc)
    _settle()
    return result


def _code_alone(article: Article, nlp) -> ArticleResult:
    reject = too_long(article, nlp.max_length)
    if reject is not None:
        return ArticleResult(article=article, reject=reject)
    try:
        docs = {"body": nlp(article.body)}
        if article.title:
            docs["headline"] = nlp(article.title)
        for section, doc in docs.items():
            remember_text(doc, article.body if section == "body" else article.title)
    except Exception as exc:
        return _failed(article, exc)
    return _finish(article, docs, nlp.max_length)


class _SourceFailed(Exception):
    """The articles' own iterator failed: that is the caller's error, not spaCy's."""


def _texts(articles: Iterator[Article], fed: deque, max_chars: int) -> Iterator[tuple[str, tuple[int, str, Article]]]:
    i = 0
    while True:
        try:
            art = next(articles)
        except StopIteration:
            return
        except Exception as exc:
            raise _SourceFailed() from exc
        i += 1
        fed.append(art)
        if too_long(art, max_chars) is not None:  # never handed to spaCy; rejected in order
            yield "", (i, "skipped", art)
            continue
        yield art.body, (i, "body", art)
        if art.title:
            yield art.title, (i, "headline", art)


def code_articles(articles: Iterable[Article], nlp=None, batch_size: int = BATCH_SIZE) -> Iterator[ArticleResult]:
    """Streams articles through ``nlp.pipe`` and codes each one, in input order.

    Every article gives one result; one that cannot be coded (too long for the parser,
    or a stage failing on it) gives a result with ``reject`` set. When spaCy itself fails
    inside a batch, the articles it had taken are parsed again one by one, so only the
    article that fails is lost.
    """
    nlp = nlp or load_nlp()
    max_chars = nlp.max_length
    source = iter(articles)
    while True:
        fed: deque[Article] = deque()  # handed to spaCy, not yet yielded
        try:
            docs = nlp.pipe(_texts(source, fed, max_chars), as_tuples=True, batch_size=batch_size)
            yield from _pipe(docs, fed, max_chars)
            return
        except _SourceFailed as exc:
            raise exc.__cause__ from None
        except Exception:
            for art in list(fed):
                yield _code_alone(art, nlp)
            fed.clear()


def _pipe(docs, fed: deque, max_chars: int) -> Iterator[ArticleResult]:
    pending: dict[str, Any] = {}
    current: int | None = None
    t0 = time.perf_counter()
    for doc, (i, section, art) in docs:
        STAGE_SECONDS["nlp"] += time.perf_counter() - t0
        if current is not None and i != current:
            yield _finish(fed.popleft(), pending, max_chars)
            pending = {}
        current = i
        pending[section] = doc
        if section != "skipped":
            remember_text(doc, art.body if section == "body" else art.title)
        t0 = time.perf_counter()
    if current is not None:
        yield _finish(fed.popleft(), pending, max_chars)


class CodingFailed(RuntimeError):
    """An article the pipeline could not code; batch callers get its reject instead."""


def code_article(article: Article, nlp=None) -> ArticleResult:
    """One article; raises CodingFailed when it cannot be coded (too long, or a stage failing on it)."""
    result = next(code_articles([article], nlp=nlp))
    if result.reject is not None:
        raise CodingFailed(f"{result.reject.reason}: {result.reject.detail}")
    return result


def code_text(text: str, pub_date: str | None = None, title: str | None = None) -> ArticleResult:
    """Codes a bare piece of text (already an article body): used by evaluation and tests."""
    article = Article(
        id=article_id(text),
        body=text,
        title=title,
        pub_date=pub_date,
        pub_date_source="cli" if pub_date else "none",
        language="en",
    )
    return code_article(article)


# --- process pool -----------------------------------------------------------

_STARTED: dict[str, float] = {}  # a worker's own start-up, reported with its first chunk


def _worker_init(model: str | None) -> None:
    # One model per worker process, loaded once; BLAS threads are pinned to one
    # by tidings.nlp before numpy loads, so workers do not fight over cores.
    t0 = time.perf_counter()
    load_nlp(model)
    _STARTED["worker_start"] = time.perf_counter() - t0


def _worker_code(chunk: list[Article], model: str | None) -> tuple[list[ArticleResult], dict[str, float]]:
    before = dict(STAGE_SECONDS)
    results = list(code_articles(chunk, nlp=load_nlp(model)))
    spent = {k: v - before.get(k, 0.0) for k, v in STAGE_SECONDS.items()}
    spent.update(_STARTED)
    _STARTED.clear()
    return results, spent


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class CodingPool:
    """Codes lists of articles in ``workers`` processes (or inline for one).

    The pool lives as long as the ``with`` block, so worker start-up and model
    loading are paid once per run, not once per batch.
    """

    def __init__(self, workers: int = 1, chunk_size: int = 16, model: str | None = None):
        self.workers = workers
        self.chunk_size = chunk_size
        self.model = model
        self._pool = None

    def __enter__(self) -> "CodingPool":
        if self.workers > 1:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            methods = mp.get_all_start_methods()
            ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_worker_init, initargs=(self.model,)
            )
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def code(self, articles: list[Article]) -> list[ArticleResult]:
        """Results in input order."""
        return self.submit(articles).results()

    def submit(self, articles: list[Article]) -> "Coding":
        """Starts coding ``articles``; the workers go on while the caller stores earlier results."""
        if self._pool is None:
            # one process, no parse thread: spaCy holds the GIL for most of its work, so a thread
            # gained no overlap with the (pure-Python) coding and its parse waited for the GIL
            # (make bench: 70 s against the bare parse's 63 s); --workers is the way to a second core
            return Coding(done=list(code_articles(articles, nlp=load_nlp(self.model))))
        return Coding(futures=[self._pool.submit(_worker_code, chunk, self.model)
                               for chunk in _chunks(articles, self.chunk_size)])


class Coding:
    """Articles handed to a :class:`CodingPool`: their results, in input order, once ready."""

    def __init__(self, done: list[ArticleResult] | None = None, futures: list | None = None):
        self._done = done
        self._futures = futures or []

    def results(self) -> list[ArticleResult]:
        if self._done is None:
            self._done = []
            for fut in self._futures:
                results, spent = fut.result()
                STAGE_SECONDS.update(spent)
                self._done.extend(results)
        return self._done
