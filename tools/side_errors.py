"""Error table of the sides: matched events with the type right and the triple wrong, by side and class.

For each gold event matched in its own sentence by a counted event of the same type whose
(source, target) country pair differs from gold's, each wrong side is put in one class:

* ``swapped``  — the two sides are gold's, the other way round;
* ``empty``    — gold names the side, the coder left it empty ("-");
* ``extra``    — the coder names a side gold leaves empty;
* ``country``  — both name a side, a different country (or IGO/NGO against a country).

Each class is counted with the number of stories (articles) it spans, and split by how the coder's
side was found (``resolved_from``, the rule's target note) so the largest fixable classes show.
Run on train and dev only (the test split is scored once by the lead):

    PYTHONPATH=src python tools/side_errors.py --split train --split dev [--rules-only] [--rows rows.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from tidings.evaluate_articles import _gold_side, evaluate_articles


def classify(pred: tuple[str, str], gold: tuple[str, str]) -> list[tuple[str, str]]:
    """(side, class) of each wrong side."""
    if pred[0] != pred[1] and pred == (gold[1], gold[0]) and "-" not in pred:
        return [("both", "swapped")]
    out = []
    for side, p, g in zip(("source", "target"), pred, gold):
        if p == g:
            continue
        out.append((side, "empty" if p == "-" else "extra" if g == "-" else "country"))
    return out


def how(ev, side: str) -> str:
    m = getattr(ev, side)
    if m is None:
        return "none"
    r = (m.resolved_from or "?").split("+")[-1] if "+" in (m.resolved_from or "") else (m.resolved_from or "?")
    return f"{m.kind or '?'}/{r}"


def rows(scores, right: bool = False) -> list[dict]:
    """Every wrong side of a matched event; with ``right``, the right sides too (class \"right\")."""
    out = []
    for s in scores:
        seen: set[int] = set()
        for p, g, kind in s.matches:
            if kind != "sentence" or id(g) in seen:
                continue
            seen.add(id(g))
            gold = (_gold_side(g, "source"), _gold_side(g, "target"))
            pred = p.triple[:2]
            ev = p.event
            note = re.findall(r"\+target:([\w ]+)", ev.rule)
            wrong = classify(pred, gold)
            if right:
                sides = {s for s, _ in wrong}
                wrong += [(s, "right") for s in ("source", "target") if s not in sides and "both" not in sides]
            for side, cls in wrong:
                out.append({
                    "story": f"{s.gold.corpus}:{s.gold.doc}", "split": s.gold.split, "type": ev.plover_type,
                    "side": side, "class": cls, "pred": pred, "gold": gold, "trigger": ev.trigger_text,
                    "source": ev.source.text if ev.source else None, "target": ev.target.text if ev.target else None,
                    "src_how": how(ev, "source"), "tgt_how": how(ev, "target"), "rule": ev.rule,
                    "target_note": note[-1] if note else "", "sentence": ev.sentence[:300],
                })
    return out


def table(rs: list[dict], key) -> list[str]:
    n: Counter = Counter()
    stories: dict = defaultdict(set)
    for r in rs:
        k = key(r)
        n[k] += 1
        stories[k].add(r["story"])
    return [f"| {' / '.join(k) if isinstance(k, tuple) else k} | {c} | {len(stories[k])} |" for k, c in n.most_common()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--annotations", default="annotations")
    ap.add_argument("--corpus", default=str(Path("..") / "shared" / "corpus"))
    ap.add_argument("--split", action="append", choices=("train", "dev"), required=True)
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--rows", help="write every wrong side (and every right one) as a JSON line here")
    ap.add_argument("--detail", type=int, default=25, help="rows of the (side, class, how) table")
    a = ap.parse_args()
    figures, scores = evaluate_articles(a.annotations, a.corpus, tuple(a.split), rules_only=a.rules_only)
    rs = rows(scores, right=True)
    if a.rows:
        Path(a.rows).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rs), encoding="utf-8")
    rs = [r for r in rs if r["class"] != "right"]
    wrong_events = len({(r["story"], r["sentence"], r["trigger"]) for r in rs})
    print(f"{figures['coder']}, {figures['splits']}: triple F1 {figures['triple_f1']}, type F1 {figures['type_f1']}, "
          f"source {figures['source_country']} (n {figures['n_source']}), target {figures['target_country']} "
          f"(n {figures['n_target']}); matched events with the type right and a side wrong: {wrong_events}")
    print("\n| side / class | sides | stories |\n|---|---|---|")
    print("\n".join(table(rs, lambda r: (r["side"], r["class"]))))
    print("\n| side / class / how the coder's side was found | sides | stories |\n|---|---|---|")
    print("\n".join(table(rs, lambda r: (r["side"], r["class"], r["src_how"] if r["side"] == "source" else r["tgt_how"]))[: a.detail]))


if __name__ == "__main__":
    main()
