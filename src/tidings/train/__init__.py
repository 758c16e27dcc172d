"""``tidings train``: rebuilds the decision model from the annotations and the development gold.

Steps: label the rules' proposals on the train and dev splits (:mod:`.dataset`), fit the linear
models and pick their regularisation on dev (:mod:`.fit`), then choose the counting threshold on the
dev articles: the lowest score at which counted events reach the target precision. The test splits
are never read here.
"""

from __future__ import annotations

from pathlib import Path

TARGET_PRECISION = 0.8
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))


def choose_threshold(ann_dir: Path, corpus_dir: Path) -> tuple[float, list[dict]]:
    """The dev split's precision/recall at each threshold; the lowest one reaching the target."""
    from ..annotations import load_articles
    from ..evaluate_articles import ArticleScore, code_gold, match, predictions, score

    gold = load_articles(ann_dir, corpus_dir, ("dev",))
    coded = code_gold(gold)
    rows = []
    for th in THRESHOLDS:
        scores = []
        for g, res in zip(gold, coded):
            preds = predictions(g, res, th)
            scores.append(ArticleScore(g, preds, match(preds, g.events)))
        s = score(scores)
        rows.append({"threshold": th, "precision": s["counted_precision"], "recall": s["recall"],
                     "triple_f1": s["triple_f1"], "counted": s["counted_events"]})
    ok = [r for r in rows if r["precision"] >= TARGET_PRECISION and r["counted"] > 0]
    pick = min(ok, key=lambda r: r["threshold"]) if ok else max(rows, key=lambda r: (r["precision"], -r["threshold"]))
    return pick["threshold"], rows


def train(ann_dir: Path, corpus_dir: Path, gold_dir: Path | None, out: Path, log=print) -> dict:
    from ..events import decide
    from ..nlp import load_nlp
    from . import dataset, fit

    nlp = load_nlp()
    log("labelling the rules' proposals on the train split ...")
    tr = dataset.build(ann_dir, corpus_dir, gold_dir, "train", nlp)
    log(f"  {len(tr.events)} event, {len(tr.source)} source, {len(tr.target)} target examples")
    log("... and on the dev split")
    dv = dataset.build(ann_dir, corpus_dir, gold_dir, "dev", nlp)
    log(f"  {len(dv.events)} event, {len(dv.source)} source, {len(dv.target)} target examples")
    model = fit.fit_all(tr, dv)
    model["count_threshold"] = 0.5
    fit.write(model, out)
    decide.load_model.cache_clear()
    if out.resolve() == (decide.model_path() or Path("/nonexistent")).resolve():
        th, rows = choose_threshold(ann_dir, corpus_dir)
        model["count_threshold"] = th
        model["report"]["threshold_on_dev"] = rows
        fit.write(model, out)
        decide.load_model.cache_clear()
        log(f"counting threshold {th} (dev precision target {TARGET_PRECISION})")
    return model
