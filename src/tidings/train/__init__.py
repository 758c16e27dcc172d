"""``tidings train``: rebuilds the decision model from the annotations and the development gold.

Steps: label the rules' proposals on the train and dev articles and the sentence gold
(:mod:`.dataset`); choose each model's regularisation by its log loss on held-out train folds and
fit the shipped model on all of train (:mod:`.fit`); code every train article with the model of
the folds that did not see it and the dev articles with the shipped one (:mod:`.folds`), and
choose on that pool the counting threshold (:func:`choose_threshold`) and how likely a mention
must be to fill a side the rules left empty (:mod:`.fill`). The test splits are never read here.
"""

from __future__ import annotations

from pathlib import Path

TARGET_PRECISION = 0.8
# The recall a counting threshold must keep is judged group by group: each held-out group (a train
# fold coded by the model that did not see it, the dev articles by the shipped model) must keep at
# least its own rules' recall. A pooled margin of 0.02, chosen by feel, let the test split's recall
# fall below the rules'; the gap between the model's and the rules' recall varies from fold to fold,
# and the worst fold is what unseen news is like on a bad draw. ``margin`` is an extra pooled margin
# on top of that (none by default).
RECALL_MARGIN = 0.0
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))


def threshold_rows(groups: list[list], group_rules: list[float] | None = None, thresholds=THRESHOLDS) -> list[dict]:
    """Figures of the pooled (gold, result) pairs of ``groups`` at each counting threshold; with the
    rules' recall of each group, also the worst and the best group's recall gap to its rules'."""
    from .folds import figures, row

    pooled = [pair for g in groups for pair in g]
    out = []
    for th in thresholds:
        r = row(figures(pooled, th), threshold=th)
        if group_rules is not None:
            gaps = [figures(g, th)["recall"] - rr for g, rr in zip(groups, group_rules) if g]
            r["worst_gap"], r["best_gap"] = round(min(gaps), 3), round(max(gaps), 3)
        out.append(r)
    return out


def pick_threshold(rows: list[dict], rules_recall: float, margin: float = RECALL_MARGIN) -> float:
    """Among the thresholds that keep the recall (pooled, at least the rules' plus ``margin``; and
    when the rows give it, in the worst group at least that group's rules'), the lowest that reaches
    the target precision, else the one with the highest precision (the lowest threshold when none
    keeps the recall)."""
    keep = [r for r in rows if r["recall"] >= rules_recall + margin and r.get("worst_gap", 0.0) >= 0.0] or [
        min(rows, key=lambda r: r["threshold"])]
    ok = [r for r in keep if r["precision"] >= TARGET_PRECISION]
    pick = min(ok, key=lambda r: r["threshold"]) if ok else max(keep, key=lambda r: (r["precision"], -r["threshold"]))
    return pick["threshold"]


def beats(new: dict, old: dict) -> bool:
    """Whether a design's out-of-fold row at its chosen threshold beats another's: both precision and
    triple F1 higher, at a threshold that keeps the recall (the rule the threshold was chosen by) — a
    second design ships only when it is better at what the first was chosen for, not merely different."""
    return new["precision"] > old["precision"] and new["triple_f1"] > old["triple_f1"]


def choose_threshold(pool, log=print) -> tuple[float, float, dict]:
    """The counting and fill thresholds on ``pool`` (a :class:`.folds.Pool`), and what was measured.

    The counting threshold is chosen with filling off, the fill threshold at that counting threshold,
    then the counting threshold once more with that fill (filling changes a few matches)."""
    from ..counting import DEFAULT_THRESHOLD
    from . import fill
    from .folds import figures, row

    by_rules = pool.coded_groups(rules=True)
    rules = row(figures([p for g in by_rules for p in g], DEFAULT_THRESHOLD), threshold=DEFAULT_THRESHOLD)
    group_rules = [figures(g, DEFAULT_THRESHOLD)["recall"] for g in by_rules]
    first = pick_threshold(threshold_rows(pool.coded_groups(fill=fill.FILL_OFF), group_rules), rules["recall"])
    fill_th, fill_rows = fill.sweep(pool, first)
    rows = threshold_rows(pool.coded_groups(fill=fill_th), group_rules)
    th = pick_threshold(rows, rules["recall"])
    log(f"  {pool.articles()} held-out articles; rules recall {rules['recall']} (groups {group_rules}), "
        f"counting threshold {th}, fill {fill_th}")
    return th, fill_th, {"rules_out_of_fold": {**rules, "recall_by_group": group_rules},
                         "threshold_out_of_fold": rows, "fill_out_of_fold": fill_rows}


def train(ann_dir: Path, corpus_dir: Path, gold_dir: Path | None, out: Path, log=print) -> dict:
    from ..annotations import load_articles
    from ..nlp import load_nlp
    from . import dataset

    nlp = load_nlp()
    log("labelling the rules' proposals on the train split ...")
    tr = dataset.propose_articles(load_articles(ann_dir, corpus_dir, ("train",)), nlp)
    lines = dataset.gold_lines(gold_dir, "train", nlp)
    everything = dataset.merge([lines] + [p.examples for p in tr])
    log(f"  {len(everything.events)} event, {len(everything.source)} source, {len(everything.target)} target examples")
    log("... and on the dev split")
    dv = dataset.propose_articles(load_articles(ann_dir, corpus_dir, ("dev",)), nlp)
    log(f"  {sum(len(p.examples.events) for p in dv)} event examples")
    return train_on(tr, lines, dv, out, log=log)


def train_on(tr: list, lines, dv: list, out: Path, log=print) -> dict:
    """The model of proposed train articles ``tr``, the sentence gold's train examples ``lines`` and
    proposed dev articles ``dv`` (:func:`.dataset.propose_articles`), written to ``out``."""
    from ..events.decide import DecisionModel
    from . import dataset, fit, folds

    everything = dataset.merge([lines] + [p.examples for p in tr])
    log(f"choosing the regularisation on {folds.K} folds of the train articles ...")
    split = [(dataset.merge([lines] + [p.examples for p in tr if folds.fold_of(p.key) != f]),
              dataset.merge([p.examples for p in tr if folds.fold_of(p.key) == f])) for f in range(folds.K)]
    C, c_report, fold_dicts = fit.choose_C(split, log=log)
    model = fit.fit_model(everything, C)
    if model is None:
        raise ValueError("the training rows hold a single label: nothing to learn")
    model["report"] = {"C": c_report, "train_rows": len(everything.events)}
    log("the network design: choosing its penalty on the same folds ...")
    alpha, a_report, net_parts = fit.choose_alpha(split, log=log)
    model["report"]["network_penalty"] = a_report
    net = {**model, "name": fit.MLP_NAME, "event": fit.fit_mlp(everything.events, alpha), "report": dict(model["report"])}
    net_folds = {k: {**d, "name": fit.MLP_NAME, "event": net_parts[k]} for k, d in fold_dicts.items() if k in net_parts}
    designs = [(model, fold_dicts), (net, net_folds)]
    for m, _ in designs:
        m["count_threshold"], m["fill_threshold"] = 0.5, 0.5
    chosen = []
    for m, fd in designs:
        log(f"choosing the thresholds of {m['name']} on the out-of-fold train articles and the dev articles ...")
        pool = folds.Pool.out_of_fold(tr, {f: DecisionModel.from_dict(d) for f, d in fd.items()}, dv,
                                      DecisionModel.from_dict(m))
        if not pool.articles():
            break
        th, fill_th, rep = choose_threshold(pool, log=log)
        m["count_threshold"], m["fill_threshold"] = th, fill_th
        m["report"].update(rep)
        if dv:
            dev_pool = folds.Pool([(DecisionModel.from_dict(m), dv)])
            m["report"]["dev"] = folds.row(folds.figures(dev_pool.coded(), th), threshold=th, fill=fill_th)
        chosen.append(next(r for r in rep["threshold_out_of_fold"] if r["threshold"] == th))
    model = designs[1][0] if len(chosen) == 2 and beats(chosen[1], chosen[0]) else designs[0][0]
    if len(chosen) == 2:
        model["report"]["designs"] = {m["name"]: {"chosen": r, "threshold_out_of_fold": m["report"]["threshold_out_of_fold"],
                                                  "dev": m["report"].get("dev")} for (m, _), r in zip(designs, chosen)}
        log(f"  shipped design: {model['name']} (out of fold: " + "; ".join(
            f"{m['name']} P {r['precision']} R {r['recall']} triple F1 {r['triple_f1']}" for (m, _), r in zip(designs, chosen)) + ")")
    fit.write(model, out)
    from ..events import decide

    decide.load_model.cache_clear()
    return model
