"""Fits the decision models and writes them as plain JSON weights.

scikit-learn fits; the coder needs none of it at run time (``decide.Linear`` applies the weights with a
dictionary lookup per feature). Same data in the same order gives the same file: lbfgs is
deterministic, features are sorted, weights rounded.

The regularisation of each model is chosen by its log loss on held-out articles (the folds of
:mod:`.folds`), not by accuracy on the dev split: the decision's probability *is* the event's
confidence and is cut at a threshold, so what must hold on unseen news is the probability, not
the argmax on 350 articles.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .dataset import Examples

C_GRID = (0.03, 0.1, 0.3, 1.0)
ROLES = ("event", "source", "target")
PRUNE = 1e-4
DIGITS = 5
MODEL_NAME = "tidings-linear-2"
MLP_NAME = "tidings-mlp-1"
MLP_HIDDEN = 32
MLP_EPOCHS = 30
# scikit-learn's alpha is an L2 penalty per summed sample (alpha / 2n). Measured on one held-out
# fold: alpha 0.01 overfits (event log loss 0.81), 30 underfits to near the class prior (1.36),
# 1.0 gives 0.548 (the linear model, all folds: 0.558).
ALPHA_GRID = (0.3, 1.0)


def _dicts(rows):
    return [{f: 1.0 for f in feats} for feats, _, _ in rows]


def _fit(rows, C: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=True, sort=True)
    X = vec.fit_transform(_dicts(rows))
    y = [label for _, label, _ in rows]
    w = [weight for _, _, weight in rows]
    clf = LogisticRegression(C=C, max_iter=3000, solver="lbfgs")
    clf.fit(X, y, sample_weight=w)
    return vec, clf


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


def fit_mlp(rows: list, alpha: float, hidden: int = MLP_HIDDEN, epochs: int = MLP_EPOCHS, seed: int = 0) -> dict | None:
    """The exported weights of a one-hidden-layer network (``decide.MLP``), or None when the rows
    hold a single label. A fixed seed and a fixed number of epochs (no early stopping on a random
    validation part) make the same rows give the same weights."""
    if len(_labels(rows)) < 2:
        return None
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.neural_network import MLPClassifier

    vec = DictVectorizer(sparse=True, sort=True)
    X = vec.fit_transform(_dicts(rows))
    y = [label for _, label, _ in rows]
    w = [weight for _, _, weight in rows]
    clf = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=epochs, random_state=seed,
                        batch_size=200, learning_rate_init=1e-3, n_iter_no_change=epochs, tol=0.0)
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a fixed number of epochs is the point
        clf.fit(X, y, sample_weight=w)
    names = vec.get_feature_names_out()
    W1, W2 = clf.coefs_
    hid = {}
    for j, name in enumerate(names):
        r = [round(float(v), DIGITS) for v in W1[j]]
        if max(abs(v) for v in r) >= PRUNE:
            hid[str(name)] = r
    return {"kind": "mlp", "classes": [str(c) for c in clf.classes_], "hidden": hid,
            "hidden_bias": [round(float(v), DIGITS) for v in clf.intercepts_[0]],
            "out": [[round(float(v), DIGITS) for v in r] for r in W2],
            "out_bias": [round(float(v), DIGITS) for v in clf.intercepts_[1]]}


def _rows(ex: Examples, role: str) -> list:
    return ex.events if role == "event" else getattr(ex, role)


def _labels(rows) -> set:
    return {y for _, y, _ in rows}


def fit_linear(rows: list, C: float) -> dict | None:
    """The exported weights of one linear model, or None when the rows hold a single label."""
    if len(_labels(rows)) < 2:
        return None
    return _export(*_fit(rows, C))


def log_loss(weights: dict | None, rows: list) -> float:
    """Weighted mean log loss of exported ``weights`` on ``rows`` (a label the model never saw is
    given the floor probability), applied the way the coder applies them."""
    from ..events.decide import scorer

    if not rows:
        return 0.0
    total = wsum = 0.0
    lin = scorer(weights) if weights is not None else None
    for feats, y, w in rows:
        if lin is None:
            p = 1e-6
        else:
            probs = lin.scores(feats)
            if len(probs) == 1:  # binary: the probability of label 1
                p = probs[0] if y == 1 else 1.0 - probs[0]
            else:
                p = probs[lin.classes.index(y)] if y in lin.classes else 0.0
        total -= w * math.log(min(1.0, max(p, 1e-6)))
        wsum += w
    return total / wsum


def fit_model(ex: Examples, C: dict[str, float]) -> dict | None:
    """The event model and the two argument models of ``ex`` with regularisation ``C`` (per role);
    None when the event rows hold a single label."""
    event = fit_linear(ex.events, C["event"])
    if event is None:
        return None
    model = {"name": MODEL_NAME, "event": event, "arguments": {}}
    for role in ("source", "target"):
        w = fit_linear(getattr(ex, role), C[role])
        if w is not None:
            model["arguments"][role] = w
    return model


def choose_C(folds: list[tuple[Examples, Examples]], grid=C_GRID, log=print) -> tuple[dict, dict, dict]:
    """Per role, the C of ``grid`` with the lowest log loss summed over the (fit, held-out) folds.

    Returns (C per role, report, fold models of the chosen C: fold index → model dict)."""
    losses: dict[str, dict[float, float]] = {r: {} for r in ROLES}
    fitted: dict[float, list] = {}
    for C in grid:
        fitted[C] = []
        for fit_ex, held in folds:
            d = {r: fit_linear(_rows(fit_ex, r), C) for r in ROLES}
            fitted[C].append(d)
            for r in ROLES:
                losses[r][C] = losses[r].get(C, 0.0) + log_loss(d[r], _rows(held, r)) * len(_rows(held, r))
        log(f"  C {C}: held-out log loss " + ", ".join(
            f"{r} {losses[r][C] / max(1, sum(len(_rows(h, r)) for _, h in folds)):.4f}" for r in ROLES))
    chosen = {r: min(grid, key=lambda C: (round(losses[r][C], 6), C)) for r in ROLES}
    report = {r: {"C": chosen[r], **{f"cv_log_loss_C{C}": round(losses[r][C] / max(1, sum(
        len(_rows(h, r)) for _, h in folds)), 4) for C in grid}} for r in ROLES}
    models = {}
    for k in range(len(folds)):
        parts = {r: fitted[chosen[r]][k][r] for r in ROLES}
        if parts["event"] is not None:
            models[k] = {"name": MODEL_NAME, "event": parts["event"],
                         "arguments": {r: parts[r] for r in ("source", "target") if parts[r] is not None}}
    return chosen, report, models


def choose_alpha(folds: list[tuple[Examples, Examples]], grid=ALPHA_GRID, log=print) -> tuple[float, dict, dict]:
    """The network's L2 penalty of ``grid`` with the lowest event log loss summed over the (fit,
    held-out) folds, as :func:`choose_C` chooses C. Returns (alpha, report, fold index → event part)."""
    losses: dict[float, float] = {}
    fitted: dict[float, list] = {}
    n = max(1, sum(len(h.events) for _, h in folds))
    for a in grid:
        fitted[a] = [fit_mlp(fit_ex.events, a) for fit_ex, _ in folds]
        losses[a] = sum(log_loss(w, h.events) * len(h.events) for w, (_, h) in zip(fitted[a], folds))
        log(f"  network alpha {a}: held-out event log loss {losses[a] / n:.4f}")
    alpha = min(grid, key=lambda a: (round(losses[a], 6), -a))
    report = {"alpha": alpha, "hidden": MLP_HIDDEN, "epochs": MLP_EPOCHS,
              **{f"cv_log_loss_alpha{a}": round(losses[a] / n, 4) for a in grid}}
    return alpha, report, {k: w for k, w in enumerate(fitted[alpha]) if w is not None}


def write(model: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, sort_keys=True, separators=(",", ":"))
        fh.write("\n")
