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

This module is the driver; the executors run ``tidings.spark_tasks`` (which builds rows with
``tidings.store.rows``, signs and compares bodies with ``tidings.dedup.ArticleDeduper`` and merges
with ``tidings.store.merge``), ``tidings.spark_tables`` turns rows into Spark's and Parquet back
into DuckDB, ``tidings.spark_session`` starts Spark.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterable

# Absolute imports only: spark-submit runs this file as a script.
# tidings.nlp first: it pins BLAS/OpenMP to one thread per process, which must happen before
# numpy loads; Python workers import this module before anything else of ours runs.
import tidings.nlp  # noqa: F401
from tidings.records import Reject
from tidings.spark_session import JobError, _local_output_exists, _output_exists, _valid_date, build_session, is_uri
from tidings.spark_tables import (  # noqa: F401  (TABLE_NAMES, import_parquet: importable from here as before)
    PARTITION_COLUMN,
    TABLE_NAMES,
    as_tuple,
    import_parquet,
    spark_schema,
)
from tidings.spark_tasks import _order, read_local_file, resolve_duplicates  # noqa: F401  (importable here as before)


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

    # Functions shipped by reference to the installed modules, which the executors import.
    from tidings import spark_tables as tables
    from tidings import spark_tasks as job
    from tidings.store.rows import actor_row, reject_row

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
        .map(lambda r_i: tables.as_tuple("mentions", {**r_i[0], "seq": r_i[1] + 1}, tables._dt(r_i[0]["date"])))
    )
    events = merged.filter(lambda t: t[0] == "event").map(lambda t: tables.as_tuple("events", t[1], tables._dt(t[1]["date"])))

    def article_key(t):
        i = t[0]
        return (i // batch, 1 if i in dups.value else 0, i)

    articles = (
        fresh.join(sigs.map(lambda t: (t[0], t[1])), out_parts)
        .map(lambda kv: (kv[0], kv[1][0], kv[1][1]))
        .sortBy(article_key, numPartitions=out_parts)
        .zipWithIndex()
        .map(
            lambda x: tables.as_tuple(
                "articles",
                {**job.final_article_row(x[0][1], dups.value.get(x[0][0]), x[0][2], x[1] + 1, run_id, started)},
                tables._dt(x[0][1].pub_date),
            )
        )
    )
    actors = coded.flatMap(
        lambda ir: [
            tables.as_tuple("actors", actor_row(ir[1].article.id, a), tables._dt(ir[1].article.pub_date))
            for a in ir[1].actors
        ]
    )
    today = started.date().isoformat()
    rejects = (
        items.filter(lambda t: t[0] == "reject")
        .map(lambda t: ((t[2].path, t[2].locator, t[2].reason), (t[1], t[2])))
        .reduceByKey(lambda x, y: x if x[0] <= y[0] else y, cores)
        .map(
            lambda kv: tables.as_tuple(
                "rejects",
                reject_row(kv[1][1], run_id, started),
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
