"""Fits the decision models and writes them as plain JSON weights.

scikit-learn fits; the coder needs none of it at run time (``decide.Linear`` applies the weights with a
dictionary lookup per feature). Same data in the same order gives the same file: lbfgs is
deterministic, features are sorted, weights rounded.
"""

from __future__ import annotations

import json
from pathlib import Path

from .dataset import Examples

C_GRID = (0.1, 0.3, 1.0)
PRUNE = 1e-4
DIGITS = 5


def _vectorise(rows):
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer(sparse=True, sort=True)
    X = vec.fit_transform([{f: 1.0 for f in feats} for feats, _, _ in rows])
    return vec, X


def _fit(rows, C: float):
    from sklearn.linear_model import LogisticRegression

    vec, X = _vectorise(rows)
    y = [label for _, label, _ in rows]
    w = [weight for _, _, weight in rows]
    clf = LogisticRegression(C=C, max_iter=3000, solver="lbfgs")
    clf.fit(X, y, sample_weight=w)
    return vec, clf


def _dev_accuracy(vec, clf, rows) -> float:
    if not rows:
        return 0.0
    X = vec.transform([{f: 1.0 for f in feats} for feats, _, _ in rows])
    pred = clf.predict(X)
    return sum(1 for p, (_, y, _) in zip(pred, rows) if p == y) / len(rows)


def _export(vec, clf) -> dict:
    names = vec.get_feature_names_out()
    coef = clf.coef_
    classes = [str(c) for c in clf.classes_]
    weights = {}
    for j, name in enumerate(names):
        col = [round(float(coef[k][j]), DIGITS) for k in range(coef.shape[0])]
        if max(abs(v) for v in col) >= PRUNE:
            weights[str(name)] = col
    return {"classes": classes, "weights": weights, "intercept": [round(float(b), DIGITS) for b in clf.intercept_]}


def fit_linear(train: list, dev: list) -> tuple[dict, dict]:
    """The best C on the dev rows (accuracy), refitted on train; returns (weights, report)."""
    report = {}
    best = None
    for C in C_GRID:
        vec, clf = _fit(train, C)
        acc = _dev_accuracy(vec, clf, dev)
        report[f"dev_accuracy_C{C}"] = round(acc, 4)
        if best is None or acc > best[0]:
            best = (acc, C, vec, clf)
    acc, C, vec, clf = best
    report.update(C=C, dev_accuracy=round(acc, 4), train_rows=len(train), dev_rows=len(dev))
    return _export(vec, clf), report


def fit_all(train: Examples, dev: Examples) -> dict:
    event, ev_report = fit_linear(train.events, dev.events)
    model = {"name": "tidings-linear-1", "event": event, "arguments": {}, "report": {"event": ev_report}}
    for role in ("source", "target"):
        rows, drows = getattr(train, role), getattr(dev, role)
        if len({y for _, y, _ in rows}) < 2:
            continue
        weights, rep = fit_linear(rows, drows)
        model["arguments"][role] = weights
        model["report"][role] = rep
    return model


def write(model: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, sort_keys=True, separators=(",", ":"))
        fh.write("\n")
