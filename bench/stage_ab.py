"""Stage CPU time of this tree against a git ref, in one process, article by article.

    python bench/stage_ab.py [REF] [--limit 150]     # REF defaults to HEAD

On a shared machine two runs minutes apart differ by 20% and more. Here both codings run in one
process on the same parses: the ref's ``src/tidings`` is exported (``git archive``) as the package
``tidings_base``, each article is coded by one tree and then the other (the order alternating), and
each stage is timed in CPU seconds (``time.process_time``) rather than wall time, so the load the
two trees see is the same. It prints each tree's ms an article for actors, events, decide, place
and when, their ratio, and whether the two gave the same events and actor mentions.

For changes to code only: both trees read the data files (``tidings.data``) of this one. The parse
is not timed. Without ../shared/corpus it prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402

STAGES = ("actors", "events", "decide", "place", "when")


def export(ref: str, into: Path) -> None:
    tar = subprocess.run(["git", "archive", ref, "src/tidings"], cwd=speed.REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
        tf.extractall(into, filter="data")
    (into / "src" / "tidings").rename(into / "tidings_base")


def parsed_articles(limit: int, nlp) -> list[tuple]:
    from tidings.ingest import read_inputs
    from tidings.records import Article

    with tempfile.TemporaryDirectory() as tmp:
        sample = speed.write_jsonl(speed.load_corpus(speed.CORPUS, limit), Path(tmp) / "sample.jsonl")
        arts = [a for a in read_inputs([str(sample)], pub_date=speed.PUB_DATE) if isinstance(a, Article)]
    out = []
    for a in arts:
        body = nlp(a.body)
        out.append((a, body, nlp(a.title) if a.title else None))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", nargs="?", default="HEAD")
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args(argv)
    if not speed.CORPUS.exists():
        print(f"stage_ab: {speed.CORPUS} is absent; nothing measured.")
        return 0
    with tempfile.TemporaryDirectory(prefix="tidings-ab-") as tmp:
        export(args.ref, Path(tmp))
        sys.path.insert(0, tmp)
        trees = {}
        for name in ("tidings_base", "tidings"):
            pipeline = importlib.import_module(name + ".pipeline")
            pipeline.time = types.SimpleNamespace(perf_counter=time.process_time)  # CPU seconds a stage
            trees[name] = (pipeline, importlib.import_module(name + ".parsed"))
        from tidings.nlp import load_nlp

        nlp = load_nlp()
        for pipeline, _ in trees.values():  # tables, lexicons and the gazetteer load outside the timing
            pipeline.code_text("The Kenyan foreign minister met his Ugandan counterpart in Nairobi.", pub_date=speed.PUB_DATE)
            pipeline.STAGE_SECONDS.clear()
        articles = parsed_articles(args.limit, nlp)
        coded: dict[str, list[str]] = {name: [] for name in trees}
        order = list(trees)
        for art, body, title in articles:
            order.reverse()
            for name in order:
                pipeline, parsed = trees[name]
                parsed.remember_text(body, art.body)
                if title is not None:
                    parsed.remember_text(title, art.title)
                result = pipeline.code_docs(art, body, title)
                coded[name] += [repr(x).replace("tidings_base.", "tidings.") for x in (*result.events, *result.actors)]
    n = len(articles)
    base, new = trees["tidings_base"][0].STAGE_SECONDS, trees["tidings"][0].STAGE_SECONDS
    print(f"{n} articles, CPU ms an article (parse not included)")
    print(f"{'stage':8s} {args.ref[:12]:>12s} {'this tree':>10s} {'ratio':>6s}")
    for stage in (*STAGES, "total"):
        b = sum(base[s] for s in STAGES) if stage == "total" else base[stage]
        w = sum(new[s] for s in STAGES) if stage == "total" else new[stage]
        print(f"{stage:8s} {1000 * b / n:12.2f} {1000 * w / n:10.2f} {w / b if b else float('nan'):6.3f}")
    same = coded["tidings_base"] == coded["tidings"]
    print("events and actors:", "the same" if same else "DIFFERENT", f"({len(coded['tidings'])} rows)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
