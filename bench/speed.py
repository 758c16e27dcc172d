"""Speed and memory of tidings against the bare spaCy parse, the floor every coder pays.

Each measurement runs in a child process of its own (a fresh interpreter, the
model loaded once), watched by the parent with psutil for the peak resident
memory of the whole process tree (the child plus its workers, or the JVM plus
Spark's Python workers). The children are this file's ``child-*`` commands:

    python bench/speed.py child-parse CORPUS.jsonl RESULT.json
    python bench/speed.py child-code  CORPUS.jsonl DB RESULT.json --workers N [--pub-date D]

``child-code`` runs ``tidings code`` in-process with timers around its stages:
ingest (reading and splitting), dedup (near-duplicate routing), the per-document
stages (``tidings.pipeline.STAGE_SECONDS``: nlp, actors, events, place, when) and
the store (DuckDB writes and event merging), so the shares add up to the run.
``bench/run_all.py`` drives them and writes ``bench/results.md``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "sabinet_news_documents.jsonl"
PUB_DATE = "2014-06-01"  # the sabinet copy carries no dates; wire ids point at mid-2014
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# --- corpora ----------------------------------------------------------------------

def load_corpus(path: Path = CORPUS, limit: int | None = None) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if isinstance(rec.get("text"), str) and rec["text"].strip():
                records.append({"id": str(rec.get("id")), "text": rec["text"]})
            if limit and len(records) >= limit:
                break
    return records


def scaled(records: list[dict], copies: int) -> list[dict]:
    """``copies`` × the corpus; copy k>0 of a story joins its first half to the second half of another.

    Every copy is a new article (new id, not a near-duplicate, so it is really coded)
    of the same length and style as the original corpus.
    """
    from tidings.records import normalise_body

    n = len(records)
    out = list(records)
    seen = {normalise_body(r["text"]) for r in records}
    split = [_SENTENCE_END.split(r["text"].strip()) for r in records]
    for k in range(1, copies):
        for i in range(n):
            for step in range(n):  # the next partner whose join is a new text
                j = (i + 7 * k + k * k + step) % n
                a, b = split[i], split[j]
                text = " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :])
                if normalise_body(text) not in seen:
                    break
            else:
                text = f"{records[i]['text']} (Copy {k}.)"
            seen.add(normalise_body(text))
            out.append({"id": f"{records[i]['id']}-x{k}", "text": text})
    return out


def write_jsonl(records: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


# --- running children -------------------------------------------------------------

def watch(cmd: list[str], env: dict | None = None, timeout: float = 3600, poll: float = 0.1) -> dict:
    """Runs ``cmd``; wall time, exit code, stderr tail and peak RSS (whole tree, and largest process)."""
    import psutil

    t0 = time.perf_counter()
    proc = psutil.Popen(
        cmd, cwd=REPO, env=env or os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak_tree = peak_one = 0
    import threading

    out: dict[str, str] = {}

    def drain(name, stream):
        out[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s), daemon=True) for n, s in (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for r in readers:
        r.start()
    while proc.poll() is None:
        if time.perf_counter() - t0 > timeout:
            for child in proc.children(recursive=True):
                child.kill()
            proc.kill()
            break
        total = 0
        try:
            procs = [proc] + proc.children(recursive=True)
        except psutil.Error:
            procs = [proc]
        for p in procs:
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            peak_one = max(peak_one, rss)
        peak_tree = max(peak_tree, total)
        time.sleep(poll)
    for r in readers:
        r.join(timeout=10)
    return {
        "returncode": proc.returncode,
        "wall": time.perf_counter() - t0,
        "peak_rss_tree": peak_tree,
        "peak_rss_process": peak_one,
        "stdout": out.get("stdout", ""),
        "stderr_tail": out.get("stderr", "")[-3000:],
    }


def run_parse(corpus: Path, result: Path) -> dict:
    r = watch([sys.executable, __file__, "child-parse", str(corpus), str(result)])
    if r["returncode"] != 0:
        raise RuntimeError(f"bare parse failed: {r['stderr_tail']}")
    r.update(json.loads(result.read_text()))
    return r


def run_parse_pair(halves: list[Path], results: list[Path]) -> dict:
    """Two bare parses at once, one per half of the corpus: what two processes can get from this machine."""
    procs = [
        subprocess.Popen([sys.executable, __file__, "child-parse", str(c), str(r)], cwd=REPO,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for c, r in zip(halves, results)
    ]
    for p in procs:
        _, err = p.communicate()
        if p.returncode != 0:
            raise RuntimeError(f"parallel parse failed: {err[-2000:]}")
    parts = [json.loads(r.read_text()) for r in results]
    return {"docs": sum(x["docs"] for x in parts), "seconds": max(x["seconds"] for x in parts),
            "sentences": sum(x["sentences"] for x in parts)}


def run_code(corpus: Path, db: Path, result: Path, workers: int = 1, pub_date: str = PUB_DATE) -> dict:
    for p in (db, Path(str(db) + ".wal")):
        if p.exists():
            p.unlink()
    cmd = [sys.executable, __file__, "child-code", str(corpus), str(db), str(result), "--workers", str(workers), "--pub-date", pub_date]
    r = watch(cmd)
    if r["returncode"] != 0:
        raise RuntimeError(f"tidings code --workers {workers} failed: {r['stderr_tail']}")
    r.update(json.loads(result.read_text()))
    return r


def run_spark(corpus: Path, output: Path, master: str = "local[2]", pub_date: str = PUB_DATE) -> dict:
    import shutil

    shutil.rmtree(output, ignore_errors=True)
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    cmd = [sys.executable, "-m", "tidings.spark", str(corpus), str(output), "--master", master, "--pub-date", pub_date]
    r = watch(cmd, env=env)
    if r["returncode"] != 0:
        raise RuntimeError(f"spark job failed: {r['stderr_tail']}")
    r["counts"] = json.loads(r["stdout"].strip().splitlines()[-1])
    return r


def compare_tables(db_a: Path, db_b: Path, tables=("events", "mentions", "articles")) -> dict[str, dict]:
    """Row-for-row comparison of two tidings databases (run ids and timestamps aside)."""
    import duckdb

    volatile = {"run_id", "added_at", "at"}
    out = {}
    for table in tables:
        sets = []
        for db in (db_a, db_b):
            con = duckdb.connect(str(db), read_only=True)
            cur = con.execute(f"SELECT * FROM {table}")
            cols = [d[0] for d in cur.description]
            keep = [i for i, c in enumerate(cols) if c not in volatile]
            sets.append({tuple(repr(r[i]) for i in keep) for r in cur.fetchall()})
            con.close()
        a, b = sets
        out[table] = {"a": len(a), "b": len(b), "only_a": len(a - b), "only_b": len(b - a)}
    return out


# --- children ---------------------------------------------------------------------

def coder_texts(corpus: str, pub_date: str = PUB_DATE) -> tuple[int, list[str]]:
    """What ``tidings code`` hands spaCy for ``corpus``: the articles, each one's body and headline.

    The reader splits a headline, byline and dateline off a story's text; parsing the raw
    text instead would time different documents from the coder's.
    """
    from tidings.ingest import read_inputs
    from tidings.records import Article

    articles, texts = 0, []
    for item in read_inputs([corpus], pub_date=pub_date):
        if isinstance(item, Article):  # the reader's rejects are never parsed
            articles += 1
            texts.append(item.body)
            if item.title:
                texts.append(item.title)
    return articles, texts


def child_parse(corpus: str, result: str) -> None:
    from tidings.nlp import BATCH_SIZE, load_nlp  # sets the BLAS thread variables first

    articles, texts = coder_texts(corpus)
    t0 = time.perf_counter()
    nlp = load_nlp()
    nlp("The Kenyan foreign minister met his Ugandan counterpart in Nairobi on Monday.")  # as the coder warms up
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    sentences = tokens = 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
    seconds = time.perf_counter() - t0
    Path(result).write_text(
        json.dumps({"docs": articles, "texts": len(texts), "sentences": sentences, "tokens": tokens, "seconds": seconds,
                    "load_seconds": load, "pipes": nlp.pipe_names})
    )


def _timed_method(owner, name: str, label: str, clock: Counter) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            clock[label] += time.perf_counter() - t0

    setattr(owner, name, wrapper)


def child_code(corpus: str, db: str, result: str, workers: int, pub_date: str) -> None:
    t_start = time.perf_counter()
    import duckdb

    import tidings.cli_code as cli_code
    import tidings.ingest as ingest
    import tidings.store as store
    from tidings.cli import app
    from tidings.nlp import load_nlp
    from tidings.pipeline import STAGE_SECONDS

    clock: Counter[str] = Counter()
    if workers == 1:
        # One-off costs (the model, lexicons, gazetteer) are counted apart from throughput.
        from tidings.pipeline import code_text

        t0 = time.perf_counter()
        load_nlp()
        code_text("The Kenyan foreign minister met his Ugandan counterpart in Nairobi on Monday.", pub_date=pub_date)
        from tidings.dedup import ArticleDeduper

        ArticleDeduper()  # datasketch imports scipy: a one-off second, like the model's loading
        import pyarrow as pa

        # DuckDB imports pandas on its first scan of an Arrow table, the store's first write: a one-off second too
        duckdb.connect().register("_warm", pa.table({"a": [1]}))
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:  # the reader's tables load on its first story
            first = write_jsonl(load_corpus(Path(corpus), 1), Path(tmp) / "first.jsonl")
            list(ingest.read_inputs([str(first)], pub_date=pub_date))
        clock["model_load"] = time.perf_counter() - t0
        STAGE_SECONDS.clear()
    _timed_method(store.Store, "add_results", "store", clock)
    _timed_method(store.Store, "add_rejects", "store", clock)
    _timed_method(cli_code.Coder, "_route", "dedup", clock)
    _timed_method(cli_code.Coder, "run", "run", clock)
    read_inputs = ingest.read_inputs

    def timed_read(*args, **kwargs):
        it = read_inputs(*args, **kwargs)
        while True:
            t0 = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                clock["ingest"] += time.perf_counter() - t0
                return
            clock["ingest"] += time.perf_counter() - t0
            yield item

    ingest.read_inputs = timed_read
    args = ["code", corpus, "--db", db, "--workers", str(workers), "--pub-date", pub_date, "--no-progress"]
    try:
        app(args, standalone_mode=False)
    except SystemExit as exc:  # typer.Exit(0) is fine
        if exc.code:
            raise
    total = time.perf_counter() - t_start
    con = duckdb.connect(db, read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("articles", "events", "mentions", "rejects")}
    counts["duplicates"] = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchall()[0][0]
    con.close()
    Path(result).write_text(
        json.dumps({"clock": dict(clock), "stages": dict(STAGE_SECONDS), "counts": counts, "seconds_total": total,
                    "workers": workers})
    )


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("child-parse")
    p.add_argument("corpus")
    p.add_argument("result")
    c = sub.add_parser("child-code")
    c.add_argument("corpus")
    c.add_argument("db")
    c.add_argument("result")
    c.add_argument("--workers", type=int, default=1)
    c.add_argument("--pub-date", default=PUB_DATE)
    args = parser.parse_args(argv)
    if args.cmd == "child-parse":
        child_parse(args.corpus, args.result)
    else:
        child_code(args.corpus, args.db, args.result, args.workers, args.pub_date)


if __name__ == "__main__":
    main(sys.argv[1:])
