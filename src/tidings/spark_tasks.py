"""The executor side of the Spark job: reading, MinHash signatures and band keys, coding, rows, merging.

Rows, signatures and merging are the store's and ``tidings.dedup``'s own functions; Spark
provides only the partitioning and the shuffles between them (see ``tidings.spark``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

# Absolute imports only: these modules run on Spark's Python workers, and spark.py as a script.
# tidings.nlp first: it pins BLAS/OpenMP to one thread per process, which must happen before
# numpy loads; Python workers import this module before anything else of ours runs.
import tidings.nlp  # noqa: F401
from tidings.records import Article, ArticleResult, Reject


def _order(arg_index: int, file_index: int, path: str, k: int) -> tuple:
    return (arg_index, file_index, path, k)


def _readable(item):
    """An article too long for the parser becomes its reject here, as `tidings code` does before coding."""
    from tidings.nlp import MAX_CHARS
    from tidings.pipeline import too_long

    return (too_long(item, MAX_CHARS) or item) if isinstance(item, Article) else item


def read_local_file(task: tuple[int, int, str], pub_date: str | None, max_bytes: int) -> Iterator[tuple]:
    """(kind, order, Article|Reject) for one local file, read exactly as ``tidings code`` reads it."""
    from tidings.ingest import read_inputs

    arg_index, file_index, path = task
    for k, item in enumerate(map(_readable, read_inputs([path], pub_date=pub_date, max_bytes=max_bytes))):
        kind = "reject" if isinstance(item, Reject) else "article"
        yield kind, _order(arg_index, file_index, path, k), item


def read_remote_file(task: tuple[int, str, bytes], pub_date: str | None, max_bytes: int) -> Iterator[tuple]:
    """The same readers on bytes Spark fetched: a private temp copy keeps the name (and so the format)."""
    import tempfile

    from tidings.ingest import read_inputs

    arg_index, uri, data = task
    name = os.path.basename(uri.rstrip("/")) or "page"
    with tempfile.TemporaryDirectory(prefix="tidings-") as tmp:
        local = os.path.join(tmp, name)
        with open(local, "wb") as fh:
            fh.write(data)
        for k, item in enumerate(map(_readable, read_inputs([local], pub_date=pub_date, max_bytes=max_bytes))):
            if isinstance(item, Reject):
                item.path = uri
                kind = "reject"
            else:
                item.source_path = uri
                kind = "article"
            yield kind, _order(arg_index, 0, uri, k), item


# --- executor side: near-duplicates ------------------------------------------------------

@lru_cache(maxsize=1)
def _deduper():
    """The index ``tidings code`` uses, once per Python worker: its permutations, bands and threshold."""
    from tidings.dedup import ArticleDeduper

    return ArticleDeduper()


def signature_partition(rows: Iterable[tuple[int, Article]]) -> Iterator[tuple[int, list[int] | None, list[int] | None]]:
    """(index, stored signature, LSH signature or None when the body has no words)."""
    dd = _deduper()
    for i, art in rows:
        if not art.body:
            yield i, None, None
            continue
        stored = dd.signature(art.body)
        m = dd._minhash(stored)
        yield i, stored, (None if m is None or m.is_empty() else stored)


def band_keys(i: int, sig: list[int], ranges: list[tuple[int, int]]) -> Iterator[tuple[tuple, int]]:
    for b, (start, end) in enumerate(ranges):
        yield (b, tuple(sig[start:end])), i


def pairs_in_band(members: Iterable[int]) -> Iterator[tuple[int, int]]:
    ms = sorted(set(members))
    for x in range(len(ms)):
        for y in range(x + 1, len(ms)):
            yield ms[x], ms[y]


def jaccard(a: list[int], b: list[int]) -> float:
    """The estimate ``tidings code`` compares with the threshold (``ArticleDeduper.similarity``)."""
    return _deduper().similarity(a, b)


def resolve_duplicates(pairs: Iterable[tuple[int, int, float, str]], batch: int) -> dict[int, str]:
    """Input index → id of the original it copies, by the rule ``tidings code`` applies.

    ``pairs`` are (earlier index, later index, estimated Jaccard, earlier id) for every
    LSH candidate pair at or above the threshold. Walking later articles in input
    order, an article is a copy when an earlier *original* matches it; originals
    stored in an earlier write batch are consulted first (the store's index), then
    the run's own index; the best (score, id) wins in each.
    """
    by_later: dict[int, list[tuple[int, float, str]]] = defaultdict(list)
    for i, j, score, id_i in pairs:
        by_later[j].append((i, score, id_i))
    dup_of: dict[int, str] = {}
    for j in sorted(by_later):
        cands = [(score, id_i, i) for i, score, id_i in by_later[j] if i not in dup_of]
        if not cands:
            continue
        stored = [c for c in cands if c[2] // batch < j // batch]
        pool = stored or cands
        best = max((score, id_i) for score, id_i, _ in pool)
        dup_of[j] = best[1]
    return dup_of


# --- executor side: coding ----------------------------------------------------------------

_CONFIGURED: list[str] = []  # the dictionary options this Python worker was configured with


def configure_worker(options: dict | None) -> None:
    """Applies --actors / --actors-petrarch / --verbs-petrarch once per Python worker."""
    key = json.dumps(options or {}, sort_keys=True)
    if _CONFIGURED and _CONFIGURED[0] == key:
        return
    options = options or {}
    if options.get("actors") or options.get("actors_petrarch") or _CONFIGURED:
        from tidings.actors import configure as configure_actors

        configure_actors(actor_files=options.get("actors", ()), petrarch_paths=options.get("actors_petrarch", ()))
    if options.get("verbs_petrarch") or _CONFIGURED:
        from tidings.events import configure as configure_events

        configure_events(petrarch_verbs=options.get("verbs_petrarch", ()))
    _CONFIGURED[:] = [key]


def code_partition(rows: Iterable[tuple[int, Article]], options: dict | None = None) -> Iterator[tuple[int, ArticleResult]]:
    """Codes a partition with one model per Python worker (cached in tidings.nlp, not here)."""
    from collections import deque

    from tidings.nlp import load_nlp
    from tidings.pipeline import code_articles

    configure_worker(options)

    order: deque[int] = deque()

    def articles() -> Iterator[Article]:
        for i, art in rows:
            order.append(i)
            yield art

    for result in code_articles(articles(), nlp=load_nlp()):
        yield order.popleft(), result


# --- executor side: rows --------------------------------------------------------------

def article_row(art: Article, run_id: str, added_at: dt.datetime, dup: str | None = None, sig=None, seq: int = 0) -> dict:
    from tidings.store.rows import article_row as row

    return row(art, dup, sig, seq, run_id, added_at)


def final_article_row(art: Article, dup: str | None, sig, seq: int, run_id: str, added_at: dt.datetime) -> dict:
    """The ``articles`` row as the store leaves it after a run: copies keep no signature (they are
    never an original) and are marked coded once their original's mentions are copied."""
    row = article_row(art, run_id, added_at, dup, None if dup else sig, seq)
    row["coded"] = True
    return row


def mention_rows(i: int, result: ArticleResult, batch: int, run_id: str, added_at: dt.datetime) -> list[dict]:
    """The store's mention rows for one coded original, with the input-order key merging needs."""
    from tidings.store.rows import mention_row, reported_through

    art = result.article
    arow = article_row(art, run_id, added_at)
    rows = []
    for k, ev in enumerate(result.events):
        row = reported_through(mention_row(art.id, ev, k, 0, run_id), arow)
        row["_order"] = (i // batch, 0, i, k)
        rows.append(row)
    return rows


def copy_row(source: dict, dup_index: int, dup_article: Article, batch: int, run_id: str, added_at: dt.datetime) -> dict:
    """A near-duplicate's copy of one of its original's mentions, built as the store builds it."""
    from tidings.store.rows import mention_copy

    copy = mention_copy(source, article_row(dup_article, run_id, added_at), source["seq"], run_id)
    copy["_order"] = (dup_index // batch, 1, dup_index, source["_order"][3])
    return copy


def merge_key(row: dict) -> tuple:
    from tidings.store.merge import merge_key as key

    return key(row)


def merge_partition(keyed_rows: Iterable[tuple[tuple, dict]], max_days: int) -> Iterator[tuple[str, dict]]:
    """("mention", row) and ("event", row) for all merge keys hashed to this partition.

    The store's own code does the work, on an in-memory DuckDB: mentions are
    assigned to events in input order and copies join their source's event
    (``Store._assign_with_copies``), and events are aggregated from their mentions
    (``Store._refresh_events``). Every mention of a merge key is in this
    partition, so the result is what one store fed the whole input would hold.
    """
    from tidings.store import TABLES, Store

    rows = sorted((r for _, r in keyed_rows), key=lambda r: r["_order"])
    if not rows:
        return
    for n, row in enumerate(rows, 1):
        row["seq"] = n  # relative input order is all merging and aggregation read
    store = Store(":memory:", max_days=max_days)
    try:
        store._assign_with_copies(rows)
        store._insert("mentions", rows)
        store._refresh_events({r["event_id"] for r in rows if r["event_id"]})
        names = [c for c, _ in TABLES["events"]]
        cur = store.con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in names)} FROM events")
        events = [dict(zip(names, rec)) for rec in cur.fetchall()]
    finally:
        store.close()
    for row in rows:
        yield "mention", row
    for ev in events:
        yield "event", ev


