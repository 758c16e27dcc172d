"""Location accuracy of the sentence-level place choice against ../shared/gold/event_location.

Each gold line gives a news sentence, an event verb and the span(s) of the place
where that event happened (none when the sentence names none). For each line we
ask ``tidings.place`` which place in the sentence belongs to the verb and score:

- *span choice*: the top syntactic candidate (``rank_places``), geocoded or not;
- *geocoded choice*: the top candidate the gazetteer resolves (``choose_place_candidate``),
  which is what an event's ``location`` gets before the dateline/country fall-backs.

A prediction is right when it overlaps a gold span, or when both are empty.
Some gold lines carry broken spans (empty or one/two-character text); they are
left out and counted. Run: ``.venv/bin/python bench/location_accuracy.py [--limit N] [--show 40]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIDINGS_SHARED", REPO.parent / "shared"))  # worktrees live elsewhere
GOLD = SHARED / "gold" / "event_location" / "verb_location.jsonl"


def _usable(row: dict) -> bool:
    """False for lines whose gold spans are clearly broken ("", "g", " s"); "US" and "UK" are fine."""
    for loc in row["location"]:
        text = loc["text"].strip()
        if not text or (len(text) <= 2 and not text.isupper()):
            return False
    return True


def _overlaps(start: int, end: int, spans: list[dict]) -> bool:
    return any(start < s["end"] and s["start"] < end for s in spans)


class Score:
    def __init__(self) -> None:
        self.tp = self.fp_wrong = self.fp_spurious = self.fn = self.tn = 0

    def add(self, pred: tuple[int, int] | None, gold: list[dict]) -> bool:
        if pred is None:
            if gold:
                self.fn += 1
                return False
            self.tn += 1
            return True
        if not gold:
            self.fp_spurious += 1
            return False
        if _overlaps(pred[0], pred[1], gold):
            self.tp += 1
            return True
        self.fp_wrong += 1
        return False

    def line(self) -> str:
        n = self.tp + self.fp_wrong + self.fp_spurious + self.fn + self.tn
        predicted = self.tp + self.fp_wrong + self.fp_spurious
        with_gold = self.tp + self.fp_wrong + self.fn
        p = self.tp / predicted if predicted else 0.0
        r = self.tp / with_gold if with_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = (self.tp + self.tn) / n if n else 0.0
        without = self.tn + self.fp_spurious
        return (
            f"n={n} accuracy={acc:.3f} P={p:.3f} R={r:.3f} F1={f:.3f} | with a gold place: "
            f"{self.tp}/{with_gold} right, {self.fp_wrong} other place, {self.fn} none | "
            f"without: {self.tn}/{without} left empty"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="score only a random sample of this many non-gold lines")
    ap.add_argument("--show", type=int, default=40, help="print this many random lines for checking by hand")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    if not GOLD.exists():
        print(f"skip: {GOLD} not found (../shared is not beside the repository)")
        return 0

    from tidings.nlp import load_nlp
    from tidings.place import choose_place_candidate, lookup_place, rank_places, story_countries
    from tidings.records import Article

    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    broken = [r for r in rows if not _usable(r)]
    rows = [r for r in rows if _usable(r)]
    rng = random.Random(args.seed)
    if args.limit:
        gold_rows = [r for r in rows if r["gold"]]
        rest = [r for r in rows if not r["gold"]]
        rows = gold_rows + rng.sample(rest, min(args.limit, len(rest)))
    show = set(rng.sample(range(len(rows)), min(args.show, len(rows))))

    nlp = load_nlp()
    scores = {(k, g): Score() for k in ("span", "geocoded") for g in ("all", "gold")}
    t0 = time.perf_counter()
    shown = []
    covered = with_place = 0
    for i, (doc, row) in enumerate(zip(nlp.pipe(r["text"] for r in rows), rows)):
        v = row["verb"]
        trigger = doc.char_span(v["start"], v["end"], alignment_mode="expand")
        if trigger is None:
            continue
        prefer = story_countries(doc, Article(id="x", body=row["text"]), [])
        # spans spaCy tagged as places count as they are; other proper nouns only if the gazetteer knows them
        ranked = [
            c for c in rank_places(trigger.sent, trigger, [])
            if not c.strict or lookup_place(c.text, prefer) is not None
        ]
        span_pred = (ranked[0].start, ranked[0].end) if ranked else None
        found = choose_place_candidate(trigger.sent, trigger, [], prefer)
        geo_pred = (found[0].start, found[0].end) if found else None
        if row["location"]:
            with_place += 1
            covered += any(lookup_place(g["text"], prefer) for g in row["location"])
        for kind, pred in (("span", span_pred), ("geocoded", geo_pred)):
            ok = scores[(kind, "all")].add(pred, row["location"])
            if row["gold"]:
                scores[(kind, "gold")].add(pred, row["location"])
            if kind == "geocoded" and i in show:
                loc = found[1] if found else None
                shown.append(
                    f"{'OK ' if ok else 'BAD'} verb={v['text']!r} gold={[g['text'] for g in row['location']]} "
                    f"pred={row['text'][geo_pred[0]:geo_pred[1]] if geo_pred else None!r} "
                    f"-> {loc.name + ' ' + str(loc.country) + ' ' + loc.precision if loc else '-'}\n    {row['text']}"
                )
    elapsed = time.perf_counter() - t0
    print(f"{GOLD.name}: {len(rows)} lines scored ({len(broken)} with broken gold spans left out), {elapsed:.0f}s")
    for (kind, subset), score in scores.items():
        print(f"{kind:9s} {subset:4s} {score.line()}")
    print(f"gazetteer knows a gold place in {covered}/{with_place} lines that have one "
          f"({covered / max(with_place, 1):.1%}): the ceiling for the geocoded choice")
    if shown:
        print(f"\n{len(shown)} random lines to check by hand:")
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
