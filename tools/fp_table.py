"""Counted false positives by class, and core events missed by why, on the train or dev split.

    PYTHONPATH=src python tools/fp_table.py [--split dev] [--rules-only] [--batches 1,2] [--show CLASS]

False positives (counted events that match no gold event, ``tidings.evaluate_articles.match``):

* **no gold in sentence**: gold codes nothing in the event's sentence, nor an event of its type and
  side anywhere in the article (background, running totals, opinion, word senses ...);
* **re-mention**: no gold event in the sentence, but gold has the type elsewhere in the article and the
  sides differ (a happening told again with another or a missing side);
* **wrong type**: gold codes the sentence with other types (and "of other gold" when the type is
  gold's elsewhere in the article).

Core gold events missed, by what the coder proposed in their sentence: nothing, only statements, only
other types, the right type below the threshold, the right type not asserted. Each class gives its
events, the stories they span and the types. Only train and dev are read: the test split is scored
once by the lead.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from tidings.annotations import load_articles
from tidings.counting import threshold as count_threshold
from tidings.evaluate_articles import ArticleScore, code_gold, match, predictions, score


def _in(pos, span) -> bool:
    return pos is not None and bool(span) and span[0] <= pos < span[1]


def fp_class(p, gold_events: list[dict]) -> str:
    here = [g for g in gold_events if _in(p.pos, g.get("sentence_span"))]
    elsewhere = {g["type"] for g in gold_events if g not in here}
    if here:
        return "wrong type (type of other gold)" if p.event.plover_type in elsewhere else "wrong type"
    return "re-mention (sides differ)" if p.event.plover_type in elsewhere else "no gold in sentence"


def miss_class(g: dict, proposed: list) -> str:
    span = g.get("sentence_span")
    evs = [p.event for p in proposed if _in(p.pos, span)]
    if not evs:
        return "nothing proposed"
    same = [e for e in evs if e.plover_type == g["type"]]
    if same:
        return "right type, not asserted" if all(e.modality != "asserted" for e in same) else "right type, below threshold"
    return "only other types" if any(e.plover_type for e in evs) else "only statements"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train,dev", help="train, dev or train,dev (never test)")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--batches", default=None, help="annotation batches, comma separated (default: all)")
    ap.add_argument("--show", default=None, help="print the events of the classes starting with this")
    a = ap.parse_args(argv)
    splits = tuple(s for s in a.split.split(",") if s)
    if "test" in splits or not splits:
        print("fp_table reads train and dev only: the test split is scored once, never analysed", file=sys.stderr)
        return 2
    arts = load_articles("annotations", "../shared/corpus", splits, tuple(a.batches.split(",")) if a.batches else None)
    th = count_threshold(a.rules_only)
    coded = code_gold(arts, rules_only=a.rules_only)
    scores, fps, misses = [], defaultdict(list), defaultdict(list)
    for gold, res in zip(arts, coded):
        preds = predictions(gold, res, th)
        pairs = match(preds, gold.events)
        scores.append(ArticleScore(gold, preds, pairs))
        right = {id(p) for p, _, _ in pairs}
        found = {id(g) for _, g, _ in pairs}
        for p in preds:
            if id(p) not in right:
                fps[fp_class(p, gold.events)].append((gold, p.event))
        proposed = predictions(gold, res, -1.0)  # every proposal, counted or not
        for g in gold.events:
            if g.get("core") and id(g) not in found:
                misses[miss_class(g, proposed)].append((gold, g))
    figs = score(scores)
    print(f"{'rules only' if a.rules_only else 'rules + model'} on {a.split}: "
          f"counted {figs['counted_events']}, precision {figs['counted_precision']}, recall {figs['recall']}, "
          f"core {figs['core_found']}")
    for title, table in (("counted false positives", fps), ("core events missed", misses)):
        print(f"\n{title}: {sum(len(v) for v in table.values())}")
        for cls, rows in sorted(table.items(), key=lambda kv: -len(kv[1])):
            kinds = Counter((r[1].plover_type if title.startswith("counted") else r[1]["type"]) for r in rows)
            stories = len({(g.corpus, g.doc) for g, _ in rows})
            print(f"  {cls}: {len(rows)} in {stories} stories; {', '.join(f'{t} {n}' for t, n in kinds.most_common(6))}")
            if a.show and cls.startswith(a.show):
                for g, x in rows:
                    text = x.sentence if title.startswith("counted") else g.text[slice(*x["sentence_span"])] if x.get("sentence_span") else ""
                    kind = f"{x.plover_type} '{x.trigger_text}' ({x.rule})" if title.startswith("counted") else x["type"]
                    print(f"    {g.corpus}:{g.doc} {kind} | {' '.join(text.split())[:200]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
