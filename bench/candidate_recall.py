"""How many hand-coded events the rules propose at all: the ceiling of what the model can keep.

    python bench/candidate_recall.py [train|dev] [--misses N]

For each gold event of the annotated articles of a split: is there a rule proposal (any confidence,
any modality) of the same PLOVER type whose trigger lies in the gold event's sentence? Never run it
on the test split: it prints the words of the misses.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from tidings.annotations import load_articles  # noqa: E402
from tidings.evaluate_articles import _in, _offset, code_gold  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("split", choices=("train", "dev"))
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus",
                    help="folder of the annotated corpora (from a worktree: /work/shared/corpus)")
    args = ap.parse_args(argv)
    gold = load_articles(REPO / "annotations", args.corpus, (args.split,))
    res = code_gold(gold, rules_only=True)
    n = right = typed = 0
    miss, hit = Counter(), Counter()
    shown = []
    for g, r in zip(gold, res):
        offs = {"body": _offset(g.text, r.article.body), "headline": _offset(g.text, r.article.title)}
        for ge in g.events:
            n += 1
            ok = anyt = False
            for ev in r.events:
                b = offs.get(ev.section)
                if b is not None and _in(b + ev.trigger_start, ge["sentence_span"]):
                    anyt = anyt or bool(ev.plover_type)
                    ok = ok or ev.plover_type == ge["type"]
            right += ok
            typed += anyt
            (hit if ok else miss)[ge["type"]] += 1
            if not ok and len(shown) < args.misses:
                t = ge.get("trigger_span")
                s = ge["sentence_span"]
                shown.append(f"{g.corpus}:{g.doc} {ge['type']} trigger='{g.text[t[0]:t[1]] if t else ''}' | {g.text[s[0]:s[1]][:200]}")
    print(f"{args.split}: {n} gold events; a proposal of the right type in the sentence: {right} ({right / max(n, 1):.3f}); "
          f"any typed proposal there: {typed} ({typed / max(n, 1):.3f})")
    props = [ev for r in res for ev in r.events if ev.plover_type]
    print(f"typed proposals: {len(props)} ({len(props) / max(n, 1):.1f} per gold event); "
          f"at or above 0.6: {sum(ev.confidence >= 0.6 for ev in props)}")
    print("missed by type:", dict(miss.most_common()))
    print("found by type:", dict(hit.most_common()))
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
