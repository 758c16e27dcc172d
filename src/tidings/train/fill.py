"""How likely a mention must be before the argument model fills a side the rules left empty.

Chosen on the dev articles like the counting threshold: the dev split is coded once with filling
off, each empty side of a proposal gets the sentence mention the argument model likes best (as
:func:`tidings.events.decide.decide` would choose it), and the threshold with the best article
triple F1 wins; a tie goes to the higher (more cautious) threshold.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

FILL_GRID = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)
FILL_OFF = 1.01  # a probability never reaches it


def _coded_dev(ann_dir: Path, corpus_dir: Path):
    """(gold article, result, docs by section) of the dev articles, coded with the shipped model."""
    from ..annotations import load_articles
    from ..evaluate_articles import read_records
    from ..nlp import load_nlp
    from ..pipeline import code_docs
    from ..records import Article
    from .dataset import parse

    gold = load_articles(ann_dir, corpus_dir, ("dev",))
    pairs = [(g, a) for g, a in zip(gold, read_records(gold)) if isinstance(a, Article)]
    texts = [t for _, a in pairs for t in (a.body, a.title or "")]
    docs = parse(texts, load_nlp())
    for k, (g, a) in enumerate(pairs):
        body, title = docs[2 * k], docs[2 * k + 1]
        yield g, code_docs(a, body, title if a.title else None), {"body": body, "headline": title}


def _fill_options(result, docs, model) -> list[dict]:
    """For each event, its empty sides' best mention and that mention's probability."""
    from ..events.decide import best_argument, sentence_actors

    out = []
    for ev in result.events:
        opts = {}
        if ev.plover_type:
            doc = docs[ev.section]
            cands = sentence_actors(ev, doc, result.actors)
            for role, lin in (("source", model.source), ("target", model.target)):
                if lin is not None and getattr(ev, role) is None:
                    found = best_argument(ev, role, lin, doc, cands)
                    if found is not None:
                        opts[role] = found
        out.append(opts)
    return out


def sweep(coded: list, count_threshold: float, grid=(*FILL_GRID, FILL_OFF)) -> tuple[float, list[dict]]:
    """The best fill threshold of ``grid`` over (gold article, result, fill options) and each one's figures."""
    from ..evaluate_articles import ArticleScore, match, predictions, score

    rows = []
    for t in grid:
        scores = []
        for g, r, opts in coded:
            events = []
            for ev, o in zip(r.events, opts):
                filled = {role: m for role, (p, m) in o.items() if p >= t}
                events.append(dataclasses.replace(ev, **filled) if filled else ev)
            preds = predictions(g, dataclasses.replace(r, events=events), count_threshold)
            scores.append(ArticleScore(g, preds, match(preds, g.events)))
        s = score(scores)
        rows.append({"fill": t, "triple_f1": s["triple_f1"], "source_country": s["source_country"],
                     "target_country": s["target_country"]})
    best = max(rows, key=lambda r: (r["triple_f1"], r["fill"]))
    return best["fill"], rows


def choose_fill(ann_dir: Path, corpus_dir: Path, model) -> tuple[float, list[dict]]:
    """The fill threshold and the dev figures of each threshold tried (``model`` fills nothing yet)."""
    coded = [(g, r, _fill_options(r, docs, model)) for g, r, docs in _coded_dev(ann_dir, corpus_dir)]
    return sweep(coded, model.count_threshold)
