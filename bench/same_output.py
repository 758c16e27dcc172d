"""Does a speed change keep the output? Codes a sample with ``tidings code`` and dumps every stored row.

    python bench/same_output.py dump OUT.tsv [--limit 150] [--workers 1]   # code the first N stories, write their rows
    python bench/same_output.py compare A.tsv B.tsv                        # exit 1 when they differ

The dump holds the articles, events and mentions tables (run ids and timestamps aside), one
row a line, sorted, so two dumps made before and after a change are byte-identical exactly when
the change left the coding alone. Without ../shared/corpus it prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402

TABLES = ("articles", "events", "mentions")
VOLATILE = {"run_id", "added_at", "at"}


def dump_rows(db: Path) -> list[str]:
    import duckdb

    lines = []
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in TABLES:
            cur = con.execute(f"SELECT * FROM {table}")
            cols = [d[0] for d in cur.description]
            keep = [i for i, c in enumerate(cols) if c not in VOLATILE]
            rows = sorted("\t".join(repr(r[i]) for i in keep) for r in cur.fetchall())
            lines += [f"{table}\t{row}" for row in rows]
    finally:
        con.close()
    return lines


def dump(out: Path, limit: int, workers: int, corpus: Path) -> int:
    if not corpus.exists():
        print(f"same_output: {corpus} is absent; nothing checked.")
        return 0
    with tempfile.TemporaryDirectory(prefix="tidings-same-") as tmp:
        sample = speed.write_jsonl(speed.load_corpus(corpus, limit), Path(tmp) / "sample.jsonl")
        db = Path(tmp) / "sample.duckdb"
        cmd = [sys.executable, "-c", "from tidings.cli import app; app()", "code", str(sample), "--db", str(db), "--workers", str(workers),
               "--pub-date", speed.PUB_DATE, "--no-progress"]
        r = subprocess.run(cmd, cwd=speed.REPO, capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stderr[-3000:], file=sys.stderr)
            return r.returncode
        lines = [line.replace(tmp, "<sample>") for line in dump_rows(db)]  # source_path names the folder
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {t: sum(1 for x in lines if x.startswith(t + "\t")) for t in TABLES}
    print(f"{out}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def _read(path: Path) -> list[str]:
    return [re.sub(r"/[^'\t]*tidings-same-\w+", "<sample>", line) for line in path.read_text(encoding="utf-8").splitlines()]


def compare(a: Path, b: Path) -> int:
    la, lb = _read(a), _read(b)
    if la == lb:
        print(f"same: {len(la)} rows")
        return 0
    sa, sb = set(la), set(lb)
    only_a, only_b = sorted(sa - sb), sorted(sb - sa)
    print(f"DIFFERENT: {len(only_a)} rows only in {a}, {len(only_b)} only in {b}")
    for line in only_a[:5]:
        print(f"- {line[:300]}")
    for line in only_b[:5]:
        print(f"+ {line[:300]}")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--limit", type=int, default=150)
    d.add_argument("--workers", type=int, default=1)
    d.add_argument("--corpus", type=Path, default=speed.CORPUS)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.out, args.limit, args.workers, args.corpus)
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
