"""``tidings train``: rebuilds the decision model from the annotations and the development gold.

Steps: label the rules' proposals on the train and dev splits (:mod:`.dataset`), fit the linear
models and pick their regularisation on dev (:mod:`.fit`), then choose on the dev articles the counting
threshold (:func:`choose_threshold`) and how likely a mention must be to fill a side the rules left
empty (:mod:`.fill`). The test splits are never read here.
"""

from __future__ import annotations

from pathlib import Path

TARGET_PRECISION = 0.8
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))


def _dev_rows(gold, coded, thresholds) -> list[dict]:
    from ..evaluate_articles import ArticleScore, match, predictions, score

    rows = []
    for th in thresholds:
        scores = []
        for g, res in zip(gold, coded):
            preds = predictions(g, res, th)
            scores.append(ArticleScore(g, preds, match(preds, g.events)))
        s = score(scores)
        rows.append({"threshold": th, "precision": s["counted_precision"], "recall": s["recall"],
                     "triple_f1": s["triple_f1"], "counted": s["counted_events"]})
    return rows


def choose_threshold(ann_dir: Path, corpus_dir: Path) -> tuple[float, list[dict], dict]:
    """The counting threshold, chosen on the dev articles.

    Recall must not fall below the pure rule coder's on the same articles; among those thresholds, the
    lowest that reaches the target precision, else the one with the highest precision."""
    from ..annotations import load_articles
    from ..counting import threshold as count_threshold
    from ..evaluate_articles import code_gold

    gold = load_articles(ann_dir, corpus_dir, ("dev",))
    (rules,) = _dev_rows(gold, code_gold(gold, rules_only=True), (count_threshold(rules=True),))
    rows = _dev_rows(gold, code_gold(gold), THRESHOLDS)
    keep = [r for r in rows if r["recall"] >= rules["recall"]] or rows[:1]
    ok = [r for r in keep if r["precision"] >= TARGET_PRECISION]
    pick = min(ok, key=lambda r: r["threshold"]) if ok else max(keep, key=lambda r: (r["precision"], -r["threshold"]))
    return pick["threshold"], rows, rules


def train(ann_dir: Path, corpus_dir: Path, gold_dir: Path | None, out: Path, log=print) -> dict:
    from ..events import decide
    from ..nlp import load_nlp
    from . import dataset, fill, fit

    nlp = load_nlp()
    log("labelling the rules' proposals on the train split ...")
    tr = dataset.build(ann_dir, corpus_dir, gold_dir, "train", nlp)
    log(f"  {len(tr.events)} event, {len(tr.source)} source, {len(tr.target)} target examples")
    log("... and on the dev split")
    dv = dataset.build(ann_dir, corpus_dir, gold_dir, "dev", nlp)
    log(f"  {len(dv.events)} event, {len(dv.source)} source, {len(dv.target)} target examples")
    model = fit.fit_all(tr, dv)
    model["count_threshold"] = 0.5
    model["fill_threshold"] = fill.FILL_OFF  # while the thresholds are chosen; the default elsewhere
    fit.write(model, out)
    decide.load_model.cache_clear()
    if out.resolve() == (decide.model_path() or Path("/nonexistent")).resolve():
        th, rows, rules = choose_threshold(ann_dir, corpus_dir)
        model["count_threshold"] = th
        model["report"]["threshold_on_dev"] = rows
        model["report"]["rules_on_dev"] = rules
        fit.write(model, out)
        decide.load_model.cache_clear()
        log(f"counting threshold {th} (dev precision target {TARGET_PRECISION})")
        model["fill_threshold"], rows = fill.choose_fill(ann_dir, corpus_dir, decide.load_model())
        model["report"]["fill_on_dev"] = rows
        log(f"fill threshold {model['fill_threshold']}")
    else:
        model["fill_threshold"] = decide.ARG_FILL
    fit.write(model, out)
    decide.load_model.cache_clear()
    return model
