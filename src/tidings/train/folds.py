"""Out-of-fold scores: every annotated article decided by a model that never saw it.

The counting and fill thresholds were once chosen on the dev articles alone, and a point that held
the rules' recall there fell below it on the test split. Here the train articles are split by
article into :data:`K` folds; each fold is coded by a model fitted on the other folds (and the
sentence gold's train lines), the dev articles by the model fitted on all of train, and the
thresholds are chosen on the pool of both (about 2,000 articles instead of 350). The articles are
parsed and proposed once (:func:`.dataset.propose_articles`); each model only re-decides them,
through the coder's own :func:`tidings.events.decide.decide`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from .dataset import Proposed

K = 5


def fold_of(key: str, k: int = K) -> int:
    """An article's fold: a hash of its corpus and id, so adding articles moves none of the others."""
    return int(hashlib.sha1(f"fold:{key}".encode()).hexdigest()[:8], 16) % k


def code(p: Proposed, model) -> object:
    """The article as ``tidings code`` would code it with ``model`` (None: the rules alone), before
    place and date (which no threshold depends on)."""
    from ..events.decide import decide
    from ..pipeline import assemble

    actors, events = [], []
    for _section, doc, acts, evs, _base in p.sections:
        actors += acts
        events += evs if model is None else decide(evs, doc, acts, model)
    return assemble(p.article, actors, events)


def figures(coded: Iterable[tuple[object, object]], threshold: float) -> dict:
    """Article-level figures of (gold article, result) pairs at one counting threshold."""
    from ..evaluate_articles import ArticleScore, match, predictions, score

    scores = []
    for g, res in coded:
        preds = predictions(g, res, threshold)
        scores.append(ArticleScore(g, preds, match(preds, g.events)))
    return score(scores)


def row(f: dict, **keys) -> dict:
    """The figures a threshold sweep reports, beside the keys that name its point."""
    return {**keys, "precision": f["counted_precision"], "recall": f["recall"], "triple_f1": f["triple_f1"],
            "type_f1": f["type_f1"], "counted": f["counted_events"], "source_country": f["source_country"],
            "target_country": f["target_country"]}


@dataclasses.dataclass
class Pool:
    """Articles and the model that decides each, never one that saw it."""

    groups: list[tuple[object, list[Proposed]]]  # (decision model, its articles)

    @classmethod
    def out_of_fold(cls, train: list[Proposed], models: dict[int, object], dev: list[Proposed], final,
                    k: int = K) -> "Pool":
        groups = [(m, [p for p in train if fold_of(p.key, k) == f]) for f, m in sorted(models.items())]
        return cls([g for g in groups if g[1]] + ([(final, dev)] if dev else []))

    def coded_groups(self, fill: float | None = None, rules: bool = False) -> list[list]:
        """(gold, result) of the articles of each group: decided with the group's model, its fill
        threshold replaced by ``fill`` when given; ``rules`` codes with the rules alone."""
        out = []
        for model, arts in self.groups:
            m = None if rules else model
            if m is not None and fill is not None:
                m = dataclasses.replace(m, fill_threshold=fill)
            out.append([(p.gold, code(p, m)) for p in arts])
        return out

    def coded(self, fill: float | None = None, rules: bool = False) -> list:
        """(gold, result) of every pooled article (:meth:`coded_groups`, one list)."""
        return [pair for group in self.coded_groups(fill, rules) for pair in group]

    def articles(self) -> int:
        return sum(len(a) for _, a in self.groups)
