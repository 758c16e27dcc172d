"""The tidings pipeline as an Apache Spark job.

Run it as ``tidings spark INPUT... OUTPUT``, ``python -m tidings.spark INPUT... OUTPUT`` or
``spark-submit path/to/tidings/spark.py INPUT... OUTPUT``. It writes the tables of the
DuckDB store (``articles``, ``events``, ``mentions``, ``actors``, ``rejects``, ``runs``) as
Parquet under OUTPUT, partitioned by a ``dt=YYYY-MM-DD`` folder (``dt=none`` when a row
has no date); ``tidings import OUTPUT --db FILE`` loads them into DuckDB.

Stages (the why of each):

1. *read*: local paths are expanded on the driver exactly as ``tidings code`` expands
   them and read on the executors with the same readers; URIs (``hdfs://``, ``s3a://``,
   ``file://``) are read by Spark's ``binaryFiles`` and the bytes handed to the same readers.
2. *repeats*: an article id seen earlier in the input order is dropped, as the local
   run skips it.
3. *near-duplicates*: MinHash signatures per partition; candidate pairs from the LSH
   band keys of ``tidings.dedup.ArticleDeduper`` (a ``groupByKey`` per band); the few
   matching pairs go to the driver, which applies the local run's rule in input order
   (an article is a copy of an earlier *original*; the stored batches win over the
   current one, as ``tidings code`` routes them).
4. *coding*: ``mapPartitions`` over the originals; the spaCy model is loaded once per
   Python worker by ``tidings.nlp.load_nlp`` (an importable cache, never the driver's).
5. *event merging*: mentions grouped by the store's merge key and merged in input
   order with the store's rule (``tidings.dedup.same_event``; a mention joins the
   closest matching event anchor), copies of near-duplicates joined to their source's
   event, events aggregated as ``Store._refresh_events`` does.

Input order, and so every id, seq number and merge decision, is the order
``tidings code`` would see the same inputs in, so both give the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# Absolute imports only: spark-submit runs this file as a script.
# tidings.nlp first: it pins BLAS/OpenMP to one thread per process, which must happen before
# numpy loads; Python workers import this module before anything else of ours runs.
import tidings.nlp  # noqa: F401
from tidings.records import Article, ArticleResult, Reject

TABLE_NAMES = ("articles", "events", "mentions", "actors", "rejects", "runs")
PARTITION_COLUMN = "dt"
NO_DATE = "none"
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


class JobError(Exception):
    """A problem the user can act on (no pyspark, no Java, bad arguments, output exists)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def is_uri(path: str) -> bool:
    return bool(_URI.match(path))


# --- executor side: reading -----------------------------------------------------------

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

def _deduper():
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
    """datasketch's estimate: the share of equal hash values."""
    same = sum(1 for x, y in zip(a, b) if x == y)
    return same / len(a)


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

def _dt(value: Any) -> str:
    if value is None:
        return NO_DATE
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)[:10] or NO_DATE


def _with_article_fields(row: dict, article_row: dict) -> dict:
    """Mention columns the store copies from the reporting article (outlet, dates) are filled from it."""
    from tidings.store import TABLES

    for name, _ in TABLES["mentions"]:
        if name not in row and name in article_row:
            row[name] = article_row[name]
    return row


def article_row(art: Article, run_id: str, added_at: dt.datetime, dup: str | None = None, sig=None, seq: int = 0) -> dict:
    from tidings.store import Store

    return Store._article_row(art, dup, sig, seq, run_id, added_at)


def final_article_row(art: Article, dup: str | None, sig, seq: int, run_id: str, added_at: dt.datetime) -> dict:
    """The ``articles`` row as the store leaves it after a run: copies keep no signature (they are
    never an original) and are marked coded once their original's mentions are copied."""
    row = article_row(art, run_id, added_at, dup, None if dup else sig, seq)
    row["coded"] = True
    return row


def mention_rows(i: int, result: ArticleResult, batch: int, run_id: str, added_at: dt.datetime) -> list[dict]:
    """The store's mention rows for one coded original, with the input-order key merging needs."""
    from tidings.store import Store

    art = result.article
    arow = article_row(art, run_id, added_at)
    rows = []
    for k, ev in enumerate(result.events):
        row = _with_article_fields(Store._mention_row(art.id, ev, k, 0, run_id), arow)
        row["_order"] = (i // batch, 0, i, k)
        rows.append(row)
    return rows


def copy_row(source: dict, dup_index: int, dup_article: Article, batch: int, run_id: str, added_at: dt.datetime) -> dict:
    """A near-duplicate's copy of one of its original's mentions (as ``Store._copy_pending_duplicates``)."""
    from tidings.store import TABLES, _sha

    copy = dict(source)
    arow = article_row(dup_article, run_id, added_at)
    for name, _ in TABLES["mentions"]:  # the copy reports through its own article
        if name in arow and name not in ("id", "seq", "run_id"):
            copy[name] = arow[name]
    copy.update(
        id=_sha(source["id"], dup_article.id),
        article_id=dup_article.id,
        copied_from=source["id"],
        run_id=run_id,
        _order=(dup_index // batch, 1, dup_index, source["_order"][3]),
    )
    return copy


def merge_key(row: dict) -> tuple:
    from tidings.store import Store

    return Store._merge_key(row)


def merge_partition(keyed_rows: Iterable[tuple[tuple, dict]], max_days: int) -> Iterator[tuple[str, dict]]:
    """("mention", row) and ("event", row) for all merge keys hashed to this partition.

    The store's own code does the work, on an in-memory DuckDB: mentions are
    assigned to events in input order (``Store._assign_events``), copies join
    their source's event, and events are aggregated from their mentions
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
        own = [r for r in rows if r["copied_from"] is None]
        store._assign_events(own)
        event_of = {r["id"]: r["event_id"] for r in own}
        for row in rows:
            if row["copied_from"] is not None:
                row["event_id"] = event_of.get(row["copied_from"])
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


# --- schema ---------------------------------------------------------------------------------

def spark_schema(table: str):
    """The store's DuckDB columns as a Spark schema, plus the ``dt`` partition column."""
    from pyspark.sql import types as T

    from tidings.store import TABLES

    simple = {
        "VARCHAR": T.StringType(),
        "INTEGER": T.IntegerType(),
        "BIGINT": T.LongType(),
        "DOUBLE": T.DoubleType(),
        "BOOLEAN": T.BooleanType(),
        "DATE": T.DateType(),
        "TIMESTAMP": T.TimestampNTZType(),
        "VARCHAR[]": T.ArrayType(T.StringType()),
        "UBIGINT[]": T.ArrayType(T.LongType()),  # MinHash values are 32-bit
    }
    fields = [T.StructField(name, simple[typ], True) for name, typ in TABLES[table]]
    fields.append(T.StructField(PARTITION_COLUMN, T.StringType(), False))
    return T.StructType(fields)


def as_tuple(table: str, row: dict, partition: str) -> tuple:
    from tidings.store import TABLES

    values = []
    for name, typ in TABLES[table]:
        v = row.get(name)
        if v is not None:
            if typ == "DOUBLE":
                v = float(v)
            elif typ in ("INTEGER", "BIGINT"):
                v = int(v)
        values.append(v)
    values.append(partition)
    return tuple(values)


# --- driver ------------------------------------------------------------------------------

def _check_environment() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise JobError(
            "pyspark is not installed: `pip install 'tidings[spark]'` (it also needs Java 17 on PATH or JAVA_HOME)"
        ) from None
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))):
        raise JobError("Java was not found: Spark needs Java 17 (install it, or set JAVA_HOME)")


def build_session(master: str | None = None, app_name: str = "tidings"):
    """A SparkSession whose Python workers run this interpreter (MEASURED.md: else they start the system python3)."""
    _check_environment()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    conf = SparkConf()
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif not conf.contains("spark.master"):  # spark-submit sets it; plain python does not
        builder = builder.master("local[2]")
    defaults = {
        # One BLAS thread per Python worker on every executor, as tidings.nlp does locally.
        **{f"spark.executorEnv.{var}": "1" for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.sources.partitionOverwriteMode": "static",
        # A folder given as a URI is read recursively, as a local folder is.
        "spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive": "true",
    }
    for key, value in defaults.items():
        if not conf.contains(key):
            builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM failed to start: say so in one line
        raise JobError(f"Spark did not start: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _valid_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise JobError(f"--pub-date {value!r} is not a date in the form YYYY-MM-DD") from None


def _local_output_exists(output: str) -> bool:
    if os.path.isdir(output):
        return bool(os.listdir(output))
    return os.path.exists(output)


def _output_exists(spark, output: str) -> bool:
    if not is_uri(output):
        return _local_output_exists(output)
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(output)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return bool(fs.exists(path))


def run_job(
    inputs: list[str],
    output: str,
    *,
    master: str | None = None,
    pub_date: str | None = None,
    partitions: int | None = None,
    max_bytes: int = 20_000_000,
    overwrite: bool = False,
    actors: Iterable[str] = (),
    actors_petrarch: Iterable[str] = (),
    verbs_petrarch: Iterable[str] = (),
    spark=None,
    log: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Runs the whole job; returns counts. ``spark`` reuses a session (tests), else one is built and stopped."""
    from tidings.cli_code import WRITE_BATCH
    from tidings.ingest.sources import expand_with_missing
    from tidings.store import DEFAULT_MAX_DAYS

    say = log or (lambda msg: None)
    if not inputs:
        raise JobError("give at least one INPUT before the OUTPUT folder")
    pub = _valid_date(pub_date)
    # Absolute paths, so the Python workers find the files (on a cluster: a shared folder or --files).
    dictionaries = {
        "actors": [os.path.abspath(p) for p in actors],
        "actors_petrarch": [os.path.abspath(p) for p in actors_petrarch],
        "verbs_petrarch": [os.path.abspath(p) for p in verbs_petrarch],
    }
    for path in (p for paths in dictionaries.values() for p in paths):
        if not os.path.exists(path):
            raise JobError(f"could not load a dictionary: {path} does not exist")
    if not is_uri(output) and _local_output_exists(output) and not overwrite:  # before paying for a JVM
        raise JobError(f"{output} exists: choose a new OUTPUT folder or pass --overwrite")
    own_session = spark is None
    if own_session:
        spark = build_session(master)
    try:
        if _output_exists(spark, output) and not overwrite:
            raise JobError(f"{output} exists: choose a new OUTPUT folder or pass --overwrite")
        started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        run_id = "spark-" + started.strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(4).hex()
        counts = _run(
            spark, inputs, output, pub, partitions, max_bytes, run_id, started, WRITE_BATCH, DEFAULT_MAX_DAYS,
            expand_with_missing, say, dictionaries,
        )
        ended = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        options = {"inputs": inputs, "pub_date": pub, "partitions": partitions, "max_bytes": max_bytes,
                   "engine": "spark", "master": spark.sparkContext.master, **dictionaries}
        _write_run(spark, output, run_id, options, counts, started, ended)
        return counts
    finally:
        if own_session:
            spark.stop()


def _run(spark, inputs, output, pub, partitions, max_bytes, run_id, started, batch, max_days, expand, say, dictionaries):
    from pyspark import StorageLevel

    from tidings import spark as job  # functions shipped by reference to the installed module
    from tidings.store import Store

    sc = spark.sparkContext
    cores = max(1, sc.defaultParallelism)
    parts = partitions or cores  # until the input is counted
    t0 = time.perf_counter()

    # 1. read
    local_tasks: list[tuple[int, int, str]] = []
    driver_rejects: list[tuple] = []
    uri_rdds = []
    for a, raw in enumerate(inputs):
        if raw == "-":
            driver_rejects.append(("reject", _order(a, 0, "-", 0), Reject("-", "unsupported", "the Spark job cannot read standard input")))
        elif is_uri(raw):
            rdd = sc.binaryFiles(raw).map(lambda kv, a=a: (a, kv[0], kv[1]))
            uri_rdds.append(rdd.flatMap(lambda t: job.read_remote_file(t, pub, max_bytes)))
        else:
            for f, (path, exists) in enumerate(expand([raw])):
                if exists:
                    local_tasks.append((a, f, path))
                else:
                    driver_rejects.append(("reject", _order(a, f, path, 0), Reject(path, "not_found", "no such file, folder or matching glob")))
    rdds = []
    if local_tasks:
        slices = max(1, min(len(local_tasks), parts))
        rdds.append(sc.parallelize(local_tasks, slices).flatMap(lambda t: job.read_local_file(t, pub, max_bytes)))
    rdds.extend(uri_rdds)
    if driver_rejects:
        rdds.append(sc.parallelize(driver_rejects, 1))
    items = sc.union(rdds) if rdds else sc.parallelize([], 1)
    read_count = sc.accumulator(0)  # counted on the way, not by another pass over the input

    def count_articles(t):
        if t[0] == "article":
            read_count.add(1)
        return t

    items = items.map(count_articles).persist(StorageLevel.MEMORY_AND_DISK)

    # 2. repeats: the first occurrence of an id in input order is kept
    fresh = (
        items.filter(lambda t: t[0] == "article")
        .map(lambda t: (t[2].id, (t[1], t[2])))
        .reduceByKey(lambda x, y: x if x[0] <= y[0] else y, parts)
        .map(lambda kv: kv[1])
        .sortBy(lambda oa: oa[0], numPartitions=parts)
        .zipWithIndex()
        .map(lambda oa_i: (oa_i[1], oa_i[0][1]))
    ).persist(StorageLevel.MEMORY_AND_DISK)
    n_fresh = fresh.count()
    n_read = read_count.value
    say(f"read {n_read} articles ({n_read - n_fresh} repeated) in {time.perf_counter() - t0:.1f}s")
    # Every task costs a fixed overhead, and every Python worker loads the model once:
    # small inputs get one partition per core, large ones up to four per core for balance.
    parts = partitions or min(cores * 4, max(cores, n_fresh // 50))
    # After coding, rows are small: fewer, larger tasks (and Parquet files) until the input is big.
    out_parts = partitions or max(cores, min(parts, n_fresh // 2000))

    # 3. near-duplicates
    sigs = fresh.mapPartitions(job.signature_partition).persist(StorageLevel.MEMORY_AND_DISK)
    ranges = [tuple(r) for r in job._deduper()._lsh.hashranges]
    threshold = job._deduper().threshold
    lsh_sigs = sigs.filter(lambda t: t[2] is not None).map(lambda t: (t[0], t[2]))
    candidates = (
        lsh_sigs.flatMap(lambda t: job.band_keys(t[0], t[1], ranges))
        .groupByKey(parts)
        .filter(lambda kv: len(kv[1]) > 1)
        .flatMap(lambda kv: job.pairs_in_band(kv[1]))
        .distinct(parts)
    )
    ids = fresh.map(lambda t: (t[0], t[1].id))
    matched = (
        candidates.join(lsh_sigs, parts)  # (i, (j, sig_i))
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(lsh_sigs, parts)  # (j, ((i, sig_i), sig_j))
        .map(lambda kv: (kv[1][0][0], kv[0], job.jaccard(kv[1][0][1], kv[1][1])))
        .filter(lambda t: t[2] >= threshold)
        .map(lambda t: (t[0], (t[1], t[2])))
        .join(ids, parts)
        .map(lambda kv: (kv[0], kv[1][0][0], kv[1][0][1], kv[1][1]))
        .collect()
    )
    dup_of = job.resolve_duplicates(matched, batch)
    dups = sc.broadcast(dup_of)
    say(f"{len(dup_of)} near-duplicates from {len(matched)} matching pairs ({time.perf_counter() - t0:.1f}s)")

    # 4. coding
    coded = (
        fresh.filter(lambda t: t[0] not in dups.value)
        .repartition(parts)
        .mapPartitions(lambda rows: job.code_partition(rows, dictionaries))
    ).persist(StorageLevel.MEMORY_AND_DISK)

    # 5. mentions, copies, merging
    originals = coded.flatMap(lambda ir: job.mention_rows(ir[0], ir[1], batch, run_id, started))
    dup_articles = fresh.filter(lambda t: t[0] in dups.value).map(lambda t: (dups.value[t[0]], t))
    copies = (
        originals.map(lambda r: (r["article_id"], r))
        .join(dup_articles, out_parts)
        .map(lambda kv: job.copy_row(kv[1][0], kv[1][1][0], kv[1][1][1], batch, run_id, started))
    )
    merged = (
        originals.union(copies)
        .map(lambda r: (job.merge_key(r), r))
        .partitionBy(out_parts)
        .mapPartitions(lambda rows: job.merge_partition(rows, max_days))
    ).persist(StorageLevel.MEMORY_AND_DISK)

    # 6. rows
    mentions = (
        merged.filter(lambda t: t[0] == "mention")
        .map(lambda t: t[1])
        .sortBy(lambda r: r["_order"], numPartitions=out_parts)
        .zipWithIndex()
        .map(lambda r_i: job.as_tuple("mentions", {**r_i[0], "seq": r_i[1] + 1}, job._dt(r_i[0]["date"])))
    )
    events = merged.filter(lambda t: t[0] == "event").map(lambda t: job.as_tuple("events", t[1], job._dt(t[1]["date"])))

    def article_key(t):
        i = t[0]
        return (i // batch, 1 if i in dups.value else 0, i)

    articles = (
        fresh.join(sigs.map(lambda t: (t[0], t[1])), out_parts)
        .map(lambda kv: (kv[0], kv[1][0], kv[1][1]))
        .sortBy(article_key, numPartitions=out_parts)
        .zipWithIndex()
        .map(
            lambda x: job.as_tuple(
                "articles",
                {**job.final_article_row(x[0][1], dups.value.get(x[0][0]), x[0][2], x[1] + 1, run_id, started)},
                job._dt(x[0][1].pub_date),
            )
        )
    )
    actors = coded.flatMap(
        lambda ir: [
            job.as_tuple("actors", Store._actor_row(ir[1].article.id, a), job._dt(ir[1].article.pub_date))
            for a in ir[1].actors
        ]
    )
    today = started.date().isoformat()
    rejects = (
        items.filter(lambda t: t[0] == "reject")
        .map(lambda t: ((t[2].path, t[2].locator, t[2].reason), (t[1], t[2])))
        .reduceByKey(lambda x, y: x if x[0] <= y[0] else y, cores)
        .map(
            lambda kv: job.as_tuple(
                "rejects",
                {"path": kv[1][1].path, "locator": kv[1][1].locator, "reason": kv[1][1].reason,
                 "detail": kv[1][1].detail, "run_id": run_id, "at": started},
                today,
            )
        )
    )

    mode = "overwrite"  # existence was checked (or --overwrite given) before the job started
    written: dict[str, int] = {}
    for name, rdd in (("articles", articles), ("mentions", mentions), ("events", events), ("actors", actors), ("rejects", rejects)):
        rows = sc.accumulator(0)

        def count_row(row, rows=rows):
            rows.add(1)
            return row

        df = spark.createDataFrame(rdd.map(count_row), spark_schema(name))
        df.write.mode(mode).partitionBy(PARTITION_COLUMN).parquet(_join(output, name))
        written[name] = rows.value
        say(f"wrote {name}: {written[name]} rows ({time.perf_counter() - t0:.1f}s)")
    n_rejects = written["rejects"]
    for rdd in (items, fresh, sigs, coded, merged):
        rdd.unpersist()
    return {
        "articles": n_fresh,
        "duplicates": len(dup_of),
        "repeats": n_read - n_fresh,
        "events": written["events"],
        "mentions": written["mentions"],
        "actors": written["actors"],
        "rejects": n_rejects,
    }


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def _model_name() -> str:
    from tidings.nlp import model_name

    return model_name()


def _write_run(spark, output, run_id, options, counts, started, ended) -> None:
    from tidings import __version__
    from tidings.provenance import tables_hash

    # Asked of an executor, whose Python worker already holds the model.
    model = spark.sparkContext.parallelize([0], 1).map(lambda _: _model_name()).first()
    row = {
        "id": run_id,
        "coder_version": __version__,
        "model": model,
        "dictionaries": json.dumps({k: v for k, v in options.items() if k in ("actors", "actors_petrarch", "verbs_petrarch")}, sort_keys=True),
        "options": json.dumps(options, default=str, sort_keys=True),
        "started": started,
        "ended": ended,
        "status": "completed",
        "counts": json.dumps(counts, sort_keys=True),
        "tables_hash": tables_hash(),
    }
    df = spark.createDataFrame([as_tuple("runs", row, started.date().isoformat())], spark_schema("runs"))
    df.write.mode("overwrite").partitionBy(PARTITION_COLUMN).parquet(_join(output, "runs"))


# --- import into DuckDB ------------------------------------------------------------------

def import_parquet(output: str, db: str, replace: bool = False) -> dict[str, int]:
    """Loads a job's tables into a DuckDB store (new, or empty of articles unless ``replace``)."""
    from pathlib import Path

    from tidings.store import TABLES, Store, StoreError, StoreLocked

    if is_uri(output) and not output.startswith("file://"):
        raise JobError(f"{output}: copy the job's output to a local folder first (DuckDB reads local Parquet here)")
    base = Path(output.removeprefix("file://"))
    if not (base / "articles").is_dir():
        raise JobError(f"{base} is not a `tidings spark` output (no articles/ folder)")
    try:
        store = Store(db)
    except (StoreLocked, StoreError) as exc:
        raise JobError(str(exc), 3) from None
    counts: dict[str, int] = {}
    with store:
        con = store.con
        existing = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        if existing and not replace:
            raise JobError(
                f"{db} already holds {existing} articles: import into a new database file "
                "(a Spark result is merged as a whole, not into another run's events)"
            )
        con.begin()
        try:
            for table in TABLE_NAMES:
                if replace:
                    con.execute(f"DELETE FROM {table}")
                files = sorted(str(p) for p in (base / table).rglob("*.parquet"))
                if not files:
                    counts[table] = 0
                    continue
                cols = ", ".join(f'"{c}"' for c, _ in TABLES[table])
                casts = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in TABLES[table])
                con.execute(
                    f"INSERT INTO {table} ({cols}) SELECT {casts} FROM read_parquet(?, hive_partitioning = true, union_by_name = true)",
                    [files],
                )
                counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            # stories are read off the merged events, as the store does after each batch
            from tidings.stories import link_stories

            ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY seq").fetchall()]
            link_stories(con, ids)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return counts


# --- command line (python -m tidings.spark / spark-submit) ----------------------------------

def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="tidings-spark",
        description="Code news pages on Apache Spark; write Parquet tables partitioned by date.",
    )
    parser.add_argument("paths", nargs="+", metavar="INPUT... OUTPUT")
    parser.add_argument("--master", default=None, help="Spark master URL (default local[2] unless spark-submit set one)")
    parser.add_argument("--pub-date", default=None, help="publication date (YYYY-MM-DD) for records without one")
    parser.add_argument("--partitions", type=int, default=None, help="partitions for the coding stage")
    parser.add_argument("--max-bytes", type=int, default=20_000_000, help="files larger than this are rejected")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing OUTPUT folder")
    parser.add_argument("--actors", action="append", default=[], help="extra actor table (CSV); repeatable")
    parser.add_argument("--actors-petrarch", action="append", default=[], help="PETRARCH/Phoenix actor dictionary")
    parser.add_argument("--verbs-petrarch", action="append", default=[], help="PETRARCH CAMEO verb dictionary")
    args = parser.parse_args(argv)
    if len(args.paths) < 2:
        parser.error("give at least one INPUT and an OUTPUT folder")
    *inputs, output = args.paths
    from tidings import spark as job  # the installed module, so executors import the same code

    try:
        counts = job.run_job(
            inputs, output, master=args.master, pub_date=args.pub_date, partitions=args.partitions,
            max_bytes=args.max_bytes, overwrite=args.overwrite, actors=args.actors,
            actors_petrarch=args.actors_petrarch, verbs_petrarch=args.verbs_petrarch,
            log=lambda m: print(m, file=sys.stderr),
        )
    except job.JobError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps(counts, sort_keys=True))
    return 0 if counts["articles"] else 1


if __name__ == "__main__":
    sys.exit(main())
