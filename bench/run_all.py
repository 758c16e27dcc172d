"""`make bench`: speed and memory of tidings on ../shared/corpus, written to bench/results.md.

Measured in one run, each step in a fresh child process (see bench/speed.py):

(a) bare spaCy ``nlp.pipe`` over the bodies and headlines ``tidings code`` parses: the floor;
(b) ``tidings code`` end to end with one worker, and (b)/(a); (a) and (b) run ``--repeats``
    times, taking turns, and each keeps its fastest run;
(c) ``tidings code --workers 2`` against one worker;
(d) the Spark job in ``local[2]``, start-up included;
(e) peak RSS for the corpus and for 10x a 300-story slice of it (new stories made by
    joining halves of different ones, so every copy is really coded; --scale-stories 0
    multiplies the whole corpus, which alone takes ~20 minutes);
(f) where the time of (b) goes, stage by stage.

    .venv/bin/python bench/run_all.py            # the sabinet corpus (1,049 stories), ~15-20 min on 2 cores
    .venv/bin/python bench/run_all.py --quick    # 200 stories, a few minutes
    .venv/bin/python bench/run_all.py --accuracy # also run the accuracy benchmarks beside this file

Without ../shared/corpus it prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.md"
ACCURACY_SCRIPTS = (
    "splitter_accuracy.py", "actors_accuracy.py", "location_accuracy.py", "dedup_sabinet.py", "gazetteer_load.py",
)
AIMS = {"ratio": 0.85, "workers": 1.7, "rss": 1024**3}


def mib(n: float) -> str:
    return f"{n / 1024**2:,.0f} MiB"


def source_mtime() -> float:
    """Newest modification time under src/: a change during the run explains differing rows."""
    src = speed.REPO / "src"
    return max((p.stat().st_mtime for p in src.rglob("*") if p.is_file()), default=0.0)


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for mod in ("spacy", "pyspark", "duckdb", "tidings"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - a missing optional package is reported, not fatal
            out[mod] = "absent"
    return out


def java_version() -> str:
    try:
        r = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
        return (r.stderr or r.stdout).splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "absent"


def rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.1f}" if seconds else "-"


def stage_table(run: dict) -> list[str]:
    """Shares of the end-to-end run: per-document stages plus ingest, dedup, store and the rest."""
    clock, stages = run["clock"], run["stages"]
    total = clock["run"]
    rows = [(name, stages.get(name, 0.0), "pipeline") for name in ("nlp", "actors", "events", "place", "when")]
    for name in sorted(set(stages) - {"nlp", "actors", "events", "place", "when"}):
        rows.append((name, stages[name], "pipeline"))
    rows += [("ingest", clock.get("ingest", 0.0), "ingest"), ("dedup", clock.get("dedup", 0.0), "dedup"),
             ("store", clock.get("store", 0.0), "store")]
    accounted = sum(s for _, s, _ in rows)
    rows.append(("other (batching, glue)", max(0.0, total - accounted), "cli_code"))
    owners = {"nlp": "spaCy (nlp.py)", "actors": "actors/", "events": "events/", "place": "place.py",
              "when": "when.py", "ingest": "ingest/", "dedup": "dedup/", "store": "store/"}
    lines = ["| stage | seconds | share | ms/article | owner |", "|---|---:|---:|---:|---|"]
    n = run["counts"]["articles"] or 1
    for name, secs, _ in sorted(rows, key=lambda r: -r[1]):
        lines.append(f"| {name} | {secs:.1f} | {100 * secs / total:.1f}% | {1000 * secs / n:.1f} | {owners.get(name, 'cli_code.py')} |")
    lines.append(f"| **total (run loop)** | {total:.1f} | 100% | {1000 * total / n:.1f} | |")
    return lines


def accuracy(quick: bool) -> list[str]:
    lines = ["", "## Accuracy benchmarks (other scripts in bench/)", ""]
    for name in ACCURACY_SCRIPTS:
        script = Path(__file__).resolve().parent / name
        if not script.exists():
            lines.append(f"- `{name}`: not present")
            continue
        t0 = time.perf_counter()
        try:
            r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=900, cwd=speed.REPO)
            tail = (r.stdout or r.stderr).strip().splitlines()[-15:]
            status = "ok" if r.returncode == 0 else f"exit {r.returncode}"
        except subprocess.TimeoutExpired:
            tail, status = [], "timed out"
        lines += [f"### `{name}` ({status}, {time.perf_counter() - t0:.0f}s)", "", "```", *tail, "```", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="tidings speed and memory benchmarks")
    parser.add_argument("--quick", action="store_true", help="200 stories instead of the whole corpus")
    parser.add_argument("--limit", type=int, default=None, help="use the first N stories")
    parser.add_argument("--copies", type=int, default=10, help="scale factor for the memory run (e)")
    parser.add_argument(
        "--scale-stories", type=int, default=300,
        help="stories the memory run (e) multiplies (0: the whole corpus; 10x of 1,049 takes ~20 min alone)",
    )
    parser.add_argument("--repeats", type=int, default=2, help="runs of (a) and of (b), taking turns; the fastest of each counts")
    parser.add_argument("--corpus", type=Path, default=speed.CORPUS)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-scale", action="store_true", help="skip the 10x memory run")
    parser.add_argument("--accuracy", action="store_true", help="also run the accuracy scripts in bench/")
    parser.add_argument("--note", default="", help="a line about the conditions, written into the results")
    args = parser.parse_args(argv)

    if not args.corpus.exists():
        print(f"bench: {args.corpus} is absent (../shared beside the repository); nothing measured.")
        return 0
    limit = args.limit or (200 if args.quick else None)
    work = Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    started = dt.datetime.now(dt.timezone.utc)
    load_before = os.getloadavg()
    mtime_before = source_mtime()
    say = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)  # noqa: E731
    try:
        records = speed.load_corpus(args.corpus, limit)
        corpus = speed.write_jsonl(records, work / "corpus.jsonl")
        n = len(records)
        say(f"{n} stories from {args.corpus.name}; work folder {work}")

        # (a) and (b) take turns, and each keeps its fastest run: a busy spell of the machine
        # then slows one repeat of a side, not the ratio
        parses, ones = [], []
        for rep in range(args.repeats):
            say(f"(a) bare parse, run {rep + 1} of {args.repeats}")
            parses.append(speed.run_parse(corpus, work / "parse.json"))
            say(f"    {parses[-1]['docs'] / parses[-1]['seconds']:.1f} articles/s")
            say(f"(b) tidings code, one worker, run {rep + 1} of {args.repeats}")
            ones.append(speed.run_code(corpus, work / "w1.duckdb", work / "w1.json", workers=1))
            say(f"    {ones[-1]['counts']['articles'] / ones[-1]['clock']['run']:.1f} articles/s")
        parse = min(parses, key=lambda r: r["seconds"])
        one = min(ones, key=lambda r: r["clock"]["run"])
        parse["repeats"] = [r["seconds"] for r in parses]
        one["repeats"] = [r["clock"]["run"] for r in ones]

        say("(a2) two bare parses at once, half the corpus each")
        half = (n + 1) // 2
        halves = [speed.write_jsonl(records[:half], work / "half1.jsonl"), speed.write_jsonl(records[half:], work / "half2.jsonl")]
        pair = speed.run_parse_pair(halves, [work / "pair1.json", work / "pair2.json"])
        say(f"    {pair['docs'] / pair['seconds']:.1f} docs/s")

        say("(c) tidings code --workers 2")
        two = speed.run_code(corpus, work / "w2.duckdb", work / "w2.json", workers=2)
        say(f"    {two['counts']['articles'] / two['clock']['run']:.1f} articles/s")

        spark = None
        if not args.no_spark:
            say("(d) Spark local[2] on 10 stories: the fixed cost")
            try:
                tiny = speed.write_jsonl(records[:10], work / "tiny.jsonl")
                spark_tiny = speed.run_spark(tiny, work / "spark-tiny")
                say(f"    {spark_tiny['wall']:.1f}s")
            except RuntimeError as exc:
                spark_tiny = None
                say(f"    failed: {exc}")
            say("(d) Spark local[2]")
            try:
                spark = speed.run_spark(corpus, work / "spark-out")
                say(f"    {spark['wall']:.1f}s")
                from tidings.spark import import_parquet

                import_parquet(str(work / "spark-out"), str(work / "spark.duckdb"))
                spark["same"] = speed.compare_tables(work / "w1.duckdb", work / "spark.duckdb")
                spark["tiny_wall"] = spark_tiny["wall"] if spark_tiny else None
            except RuntimeError as exc:
                say(f"    failed: {exc}")
                spark = {"error": str(exc)}

        big = None
        if not args.no_scale:
            base = records[: (100 if args.quick else args.scale_stories) or None]
            say(f"(e) {args.copies}x {len(base)} stories, one worker")
            big_corpus = speed.write_jsonl(speed.scaled(base, args.copies), work / "corpus-x.jsonl")
            big = speed.run_code(big_corpus, work / "wx.duckdb", work / "wx.json", workers=1)
            say(f"    peak {mib(big['peak_rss_tree'])}")
        ended = dt.datetime.now(dt.timezone.utc)

        lines = report(args, n, parse, one, two, spark, big, started, ended, load_before, pair)
        if source_mtime() != mtime_before:
            lines.insert(3, "")
            lines.insert(4, "**Note:** files under `src/` changed while this ran (work in progress elsewhere); rows that "
                         "differ between runs may come from that, not from the engines.")
        lines.insert(3, f"Load average at the end: {os.getloadavg()[0]:.2f}.")
        if args.accuracy:
            lines += accuracy(args.quick)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        say(f"wrote {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(args, n, parse, one, two, spark, big, started, ended, load_before, pair) -> list[str]:
    sents = parse["sentences"]
    floor = parse["docs"] / parse["seconds"]
    r1 = one["counts"]["articles"] / one["clock"]["run"]
    r2 = two["counts"]["articles"] / two["clock"]["run"]
    ratio = r1 / floor
    speedup = r2 / r1
    v = versions()
    cpu = os.cpu_count()
    lines = [
        "# tidings benchmarks",
        "",
        f"Measured {started:%Y-%m-%d %H:%M}–{ended:%H:%M} UTC by `bench/run_all.py{' --quick' if args.quick else ''}` on this "
        f"machine: {cpu} cores, {platform.machine()}, Python {v['python']}, spaCy {v['spacy']} (`{', '.join(parse['pipes'])}`), "
        f"DuckDB {v['duckdb']}, PySpark {v['pyspark']}, {java_version()}. "
        f"Load average before the run: {load_before[0]:.2f}. Corpus: the first {n} stories of "
        f"`../shared/corpus/{args.corpus.name}` ({parse['tokens']:,} tokens, {sents:,} sentences; mean "
        f"{parse['tokens'] / max(n, 1):.0f} tokens a story). The bare parse reads the {parse.get('texts', '?')} bodies and headlines "
        f"`tidings code` parses for these {parse['docs']} articles, with the same model and batch size. Rates use the run loop's "
        f"time (one-off loading of the model and tables excluded for one worker, worker start-up included for two); wall times "
        f"include everything. (a) and (b) ran {len(one.get('repeats', [1]))} times each, taking turns; the fastest run of each is shown.",
    ]
    if args.note:
        lines += ["", args.note]
    lines += [
        "",
        "## Throughput",
        "",
        "| run | articles | seconds | articles/s | sentences/s | wall (s) | peak RSS (tree) |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| (a) bare `nlp.pipe`, the floor | {parse['docs']} | {parse['seconds']:.1f} | {floor:.1f} | "
        f"{rate(sents, parse['seconds'])} | {parse['wall']:.1f} | {mib(parse['peak_rss_tree'])} |",
        f"| (a2) two bare `nlp.pipe` processes at once (half each) | {pair['docs']} | {pair['seconds']:.1f} | "
        f"{pair['docs'] / pair['seconds']:.1f} | {rate(pair['sentences'], pair['seconds'])} | | |",
        f"| (b) `tidings code`, 1 worker | {one['counts']['articles']} | {one['clock']['run']:.1f} | {r1:.1f} | "
        f"{rate(sents, one['clock']['run'])} | {one['wall']:.1f} | {mib(one['peak_rss_tree'])} |",
        f"| (c) `tidings code --workers 2` | {two['counts']['articles']} | {two['clock']['run']:.1f} | {r2:.1f} | "
        f"{rate(sents, two['clock']['run'])} | {two['wall']:.1f} | {mib(two['peak_rss_tree'])} |",
    ]
    if spark and "error" not in spark and spark.get("tiny_wall"):
        steady = spark["wall"] - spark["tiny_wall"]
        lines.append(
            f"| (d') Spark beyond its fixed cost (wall − the 10-story job's {spark['tiny_wall']:.0f}s) | "
            f"{spark['counts']['articles'] - 10} | {steady:.1f} | {(spark['counts']['articles'] - 10) / steady:.1f} | "
            f"{rate(sents, steady)} | | |"
        )
    if spark and "error" not in spark:
        lines.append(
            f"| (d) Spark `local[2]`, start-up included | {spark['counts']['articles']} | {spark['wall']:.1f} | "
            f"{spark['counts']['articles'] / spark['wall']:.1f} | {rate(sents, spark['wall'])} | {spark['wall']:.1f} | "
            f"{mib(spark['peak_rss_tree'])} |"
        )
        if spark.get("tiny_wall"):  # the steady-state row after the start-up row
            lines.append(lines.pop(-2))
    lines += [
        "",
        f"- (b)/(a) = **{ratio:.2f}** (aim ≥ {AIMS['ratio']}) {'✓' if ratio >= AIMS['ratio'] else '✗'}; the runs: (a) "
        + ", ".join(f"{x:.1f}" for x in parse.get("repeats", [parse["seconds"]])) + " s, (b) "
        + ", ".join(f"{x:.1f}" for x in one.get("repeats", [one["clock"]["run"]])) + " s.",
        f"- (c)/(b) = **{speedup:.2f}×** (aim ≥ {AIMS['workers']}×) {'✓' if speedup >= AIMS['workers'] else '✗'}; "
        f"for scale, two bare parses at once get {pair['docs'] / pair['seconds'] / floor:.2f}× one parse (a2)/(a) "
        "on this machine, the ceiling for any two-process run.",
        f"- one worker: {one['counts']['events']} events from {one['counts']['mentions']} mentions, "
        f"{one['counts']['duplicates']} near-duplicate articles; two workers: {two['counts']['events']} events, "
        f"{two['counts']['mentions']} mentions ({'same' if two['counts'] == one['counts'] else 'DIFFERENT'} counts).",
    ]
    if spark and "error" not in spark:
        c = spark["counts"]
        diffs = {t: d["only_a"] + d["only_b"] for t, d in spark["same"].items()}
        verdict = (
            "row for row the same as `tidings code`'s (articles, events, mentions; run ids and timestamps aside)"
            if not any(diffs.values())
            else "DIFFERENT from `tidings code`: " + ", ".join(f"{t} {n} rows differ" for t, n in diffs.items() if n)
        )
        lines.append(
            f"- Spark: {c['articles']} articles, {c['duplicates']} near-duplicates, {c['events']} events from "
            f"{c['mentions']} mentions, {verdict}. The JVM and its Python workers peak at "
            f"{mib(spark['peak_rss_tree'])} together; start-up (JVM, Python workers, one model per worker) is "
            f"a fixed cost of roughly half a minute on this machine."
        )
    elif spark:
        lines.append(f"- Spark failed: `{spark['error'][:300]}`")
    if big:
        nb = big["counts"]["articles"]
        flat = big["peak_rss_tree"] / max(one["peak_rss_tree"], 1)
        lines += [
            "",
            "## Memory (e)",
            "",
            f"One worker throughout. The {args.copies}x input repeats the first {nb // args.copies} stories "
            f"{args.copies} times with altered text (each copy joins the first half of a story to the second half of "
            "another, so ids differ and nothing is a near-duplicate: every copy is coded and stored).",
            "",
            "| input | articles | peak RSS (tree) | largest process | articles/s |",
            "|---|---:|---:|---:|---:|",
            f"| 1x (the corpus, run b) | {one['counts']['articles']} | {mib(one['peak_rss_tree'])} | {mib(one['peak_rss_process'])} | {r1:.1f} |",
            f"| {args.copies}x {nb // args.copies} stories | {nb} | {mib(big['peak_rss_tree'])} | {mib(big['peak_rss_process'])} | "
            f"{nb / big['clock']['run']:.1f} |",
            "",
            f"peak with {nb} articles / peak with {one['counts']['articles']} = **{flat:.2f}** (aim: flat, under 1 GiB) "
            f"{'✓' if flat < 1.15 and big['peak_rss_tree'] < AIMS['rss'] else '✗'}",
        ]
    lines += ["", "## Where the time goes (f): `tidings code`, one worker", ""]
    lines += stage_table(one)
    lines += [
        "",
        f"Loading the model, lexicons and gazetteer ({one['clock'].get('model_load', 0):.1f}s, once per process) is outside the run loop. For two workers the per-document "
        "stages add up seconds over both processes (worker_start: loading the model in each): "
        + ", ".join(f"{k} {v:.1f}s" for k, v in sorted(two["stages"].items(), key=lambda kv: -kv[1])) + "; "
        f"the parent meanwhile spent {two['clock'].get('store', 0):.1f}s storing, {two['clock'].get('ingest', 0):.1f}s reading "
        f"and {two['clock'].get('dedup', 0):.1f}s routing near-duplicates of its {two['clock']['run']:.1f}s run loop.",
    ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
