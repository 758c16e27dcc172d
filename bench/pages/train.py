"""Trains the line and headline models of tidings.ingest.page.classify (scikit-learn, here only)
and scores the splitter on the page split.

Pages: the scrapinghub HTML pages rendered by bench/pages/render.py (from ../shared), plus the
pages written for this set in bench/pages/written.txt (press releases with letterheads, wire copy,
blogs). The split by page id is bench/pages/split.json, drawn once; test pages are only scored.

Run:  python bench/pages/train.py [--train [--final]] [--split test|dev]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from itertools import product
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

from render import label, pages, words  # noqa: E402

from tidings.ingest.page import split_page  # noqa: E402
from tidings.ingest.page import classify  # noqa: E402
from tidings.ingest.page.classify import (  # noqa: E402
    _words, headline_candidates, lead_start, headline_features, line_probs,
)
from tidings.ingest.page.features import context_features, line_features  # noqa: E402
from tidings.ingest.page.lines import PageParts, _lines  # noqa: E402
from tidings.ingest.page.split import _split_head, _walk_body  # noqa: E402

SPLIT = HERE / "split.json"
MODEL = REPO / "src" / "tidings" / "data" / "ingest" / "line_model.json"


def written() -> list[dict]:
    out, cur = [], None
    for ln in (HERE / "written.txt").read_text(encoding="utf-8").splitlines():
        if ln.startswith("=== "):
            cur = {"id": ln[4:].strip(), "site": "written", "lines": [], "labels": [], "headline": None}
            out.append(cur)
        elif cur is not None and len(ln) > 2 and ln[1] == "|":
            tag, text = ln[0], ln[2:].strip()
            cur["lines"].append(text)
            cur["labels"].append(tag == "B")
            if tag == "H":
                cur["headline"] = text
    for p in out:
        p["gold_body"] = "\n".join(s for s, b in zip(p["lines"], p["labels"]) if b)
    return out


def all_pages() -> list[dict]:
    return pages() + written()


def split_ids(ps: list[dict]) -> dict[str, list[str]]:
    if SPLIT.exists():
        parts = json.loads(SPLIT.read_text())
        known = {i for v in parts.values() for i in v}
        new = [p["id"] for p in ps if p["id"] not in known]
        # the test pages were drawn once; pages written later go to train or dev only
        for pid in new:
            h = int(hashlib.sha1(pid.encode()).hexdigest(), 16) % 10
            parts["train" if h < 7 else "dev"].append(pid)
        if new:
            SPLIT.write_text(json.dumps(parts, indent=1) + "\n")
        return parts
    parts: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for p in ps:
        h = int(hashlib.sha1(p["id"].encode()).hexdigest(), 16) % 10
        parts["train" if h < 6 else "dev" if h < 8 else "test"].append(p["id"])
    SPLIT.write_text(json.dumps(parts, indent=1) + "\n")
    return parts


def page_table(p: dict):
    lines = _lines("\n".join(p["lines"]))
    parts = PageParts(body="")
    i, pick = _split_head(lines, 0, parts, [], title=None, find_title=True)
    body_idx, _, _ = _walk_body(lines[i:])
    texts = [ln.text for ln in lines]
    labels = label(texts, p["gold_body"])
    head = None
    if p["headline"]:
        hn = " ".join(words(p["headline"]))
        head = next((k for k, s in enumerate(texts) if " ".join(words(s)) == hn), None)
        if head is not None:
            labels[head] = False
    return lines, i, pick, body_idx, labels, head


def f1(got: str, gold: str) -> tuple[float, float, float]:
    g, t = Counter(words(got)), Counter(words(gold))
    common = sum((g & t).values())
    if not common:
        return 0.0, 0.0, 0.0
    pr, rc = common / sum(g.values()), common / sum(t.values())
    return pr, rc, 2 * pr * rc / (pr + rc)


def tables(ps: list[dict]) -> dict[str, tuple]:
    """Per page: its lines, the rule walk's start / headline pick / body, line labels, headline
    index and stage-one features (these do not depend on the model, so are read once)."""
    out = {}
    for p in ps:
        lines, i, pick, body_idx, labels, head = page_table(p)
        out[p["id"]] = (lines, i, pick, body_idx, labels, head, line_features(lines, i, body_idx))
    return out


def _fit(X, y, C: float, balanced: bool) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    sc = StandardScaler().fit(X)
    lr = LogisticRegression(C=C, max_iter=3000, class_weight="balanced" if balanced else None).fit(sc.transform(X), y)
    return {"mean": list(sc.mean_), "scale": [s or 1.0 for s in sc.scale_], "coef": list(lr.coef_[0]),
            "intercept": float(lr.intercept_[0])}


def _fit_trees(X, y, cfg: dict) -> dict:
    """Gradient-boosted regression trees on the log-odds, balanced like the regression."""
    import math

    from sklearn.ensemble import GradientBoostingClassifier

    pos = sum(y) / len(y)
    w = [0.5 / pos if t else 0.5 / (1 - pos) for t in y]
    gb = GradientBoostingClassifier(
        n_estimators=int(cfg["trees"]), max_depth=int(cfg["depth"]), learning_rate=cfg["rate"],
        min_samples_leaf=int(cfg["leaf"]), subsample=0.8, random_state=0,
    ).fit(X, y, sample_weight=w)
    prior = 0.5  # balanced weights: the weighted prior is even
    trees = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        trees.append([[int(v) for v in t.feature], [round(float(v), 6) for v in t.threshold],
                      [int(v) for v in t.children_left], [int(v) for v in t.children_right],
                      [round(float(v), 6) for v in t.value[:, 0, 0]]])
    return {"intercept": math.log(prior / (1 - prior)), "rate": cfg["rate"], "trees": trees}


def _fit_ranker(groups: list[tuple[int, list[list[float]]]], C: float) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    sc = StandardScaler().fit([x for _, xs in groups for x in xs])
    D, y = [], []
    for gold, xs in groups:
        z = sc.transform(xs)
        for j in range(len(xs)):
            if j != gold:
                D.extend([z[gold] - z[j], z[j] - z[gold]])
                y.extend([1, 0])
    lr = LogisticRegression(C=C, max_iter=3000, fit_intercept=False).fit(np.array(D), y)
    return {"mean": list(sc.mean_), "scale": [s or 1.0 for s in sc.scale_], "coef": list(lr.coef_[0]), "intercept": 0.0}


def use(model: dict) -> None:
    """Makes the splitter read ``model`` instead of the shipped file (training and cross-validation)."""
    classify._model = lambda: model


def fit(tab: dict, pids: list[str], cfg: dict) -> dict:
    """Line models (stage one, stage two) and headline model fitted on the pages ``pids``."""
    X, y = [], []
    for pid in pids:
        X.extend(tab[pid][6])
        y.extend(tab[pid][4])
    line = _fit_trees(X, y, cfg) if cfg["trees"] else _fit(X, y, cfg["C"], True)
    model = {"line": dict(line, drop_below=cfg["drop_below"], drop_prose_below=cfg["drop_prose_below"],
                          add_above=cfg["add_above"], add_after=cfg["add_after"],
                          block_gap=cfg["block_gap"], join_share=cfg["join_share"])}
    use(model)
    if cfg.get("stage2"):
        X2, y2 = [], []
        for pid in pids:
            lines, _, _, _, labels, _, X1 = tab[pid]
            X2.extend(context_features(lines, [classify._apply("line", x) for x in X1]))
            y2.extend(labels)
        model["line2"] = _fit(X2, y2, cfg["C"], True)
    # the headline model ranks a page's candidates: fitted on differences between the headline's
    # features and each other candidate's (a pairwise logistic ranker), so only the order counts
    groups = []
    for pid in pids:
        lines, i, pick, body_idx, labels, head, _ = tab[pid]
        if head is None:
            continue
        probs = line_probs(lines, i, body_idx)
        cands, lead = headline_candidates(lines, probs)
        if head not in cands:
            continue
        lead_at = lead_start(lines, probs)
        groups.append((cands.index(head), [headline_features(lines, k, lead, lead_at, cands) for k in cands]))
    model["headline"] = dict(_fit_ranker(groups, cfg["HC"]), threshold=0.0)
    return model


# thresholds of refine_body tried in cross-validation (--grid name=v1,v2 ...)
GRID: dict[str, list[float]] = {}
CFG = {"C": 0.1, "HC": 0.1, "drop_below": 0.7, "drop_prose_below": 0.45, "add_above": 0.8, "add_after": 0.4,
       "block_gap": 3, "join_share": 0.15,
       "stage2": True,
       "trees": 0, "depth": 3, "rate": 0.1, "leaf": 50}


def train(ps: list[dict], ids: dict, final: bool = False) -> None:
    # --final: the settings chosen on dev, refitted on train + dev before the one test scoring
    pids = ids["train"] + (ids["dev"] if final else [])
    tab = tables([p for p in ps if p["id"] in set(pids)])
    model = fit(tab, pids, CFG)
    MODEL.write_text(json.dumps(model, indent=1) + "\n")
    use(model)
    print(f"trained on {len(pids)} pages, {sum(len(tab[p][4]) for p in pids)} lines")


def cross_validate(
    ps: list[dict], ids: dict, k: int = 5, verbose: bool = False, seed: str = "", rows_out: str = ""
) -> None:
    """Folds of the train + dev pages by site (a site's pages never straddle a fold), each scored
    with the models fitted on the others; the test pages are not read. ``seed`` draws another
    grouping of the sites into folds (a choice made on one grouping alone can fit its folds)."""
    pool = [p for p in ps if p["id"] in set(ids["train"]) | set(ids["dev"])]
    tab = tables(pool)
    # written pages are each their own site
    group = {p["id"]: p["site"] if p["site"] != "written" else p["id"] for p in pool}
    fold = {pid: int(hashlib.sha1((seed + g).encode()).hexdigest(), 16) % k for pid, g in group.items()}
    grid = [dict(zip(GRID, vals)) for vals in product(*GRID.values())] if GRID else [{}]
    rows: list[list] = [[] for _ in grid]
    for f in range(k):
        model = fit(tab, [pid for pid in fold if fold[pid] != f], CFG)
        for g, setting in enumerate(grid):
            model["line"].update(setting)
            use(model)
            rows[g].extend(page_scores([p for p in pool if fold[p["id"]] == f], verbose))
    for g, setting in enumerate(grid[:-1]):
        report(rows[g], f"cv{k} {setting}")
    rows = rows[-1]
    print(grid[-1])
    report(rows, f"cv{k}")
    if rows_out:
        # per page (id, P, R, F1, headline right), to compare two runs page by page
        Path(rows_out).write_text(json.dumps(rows, indent=0) + "\n")


def page_scores(sel: list[dict], verbose: bool = False) -> list[tuple]:
    rows = []
    for p in sel:
        parts = split_page("\n".join(p["lines"]))
        pr, rc, f = f1(parts.body, p["gold_body"])
        ok = None
        if p["headline"]:
            ok = parts.title is not None and _words(parts.title) == _words(p["headline"])
            if verbose and not ok:
                print(f"  {p['id'][:12]} headline: got {parts.title!r:.70} want {p['headline']!r:.70}")
        if verbose and f < 0.8:
            print(f"  {p['id'][:12]} F1 {f:.2f} P {pr:.2f} R {rc:.2f}")
        rows.append((p["id"], pr, rc, f, ok))
    return rows


def report(rows: list[tuple], name: str) -> None:
    n = len(rows)
    hs = [r[4] for r in rows if r[4] is not None]
    print(f"{name}: {n} pages: body word F1 {sum(r[3] for r in rows)/n:.3f} (P {sum(r[1] for r in rows)/n:.3f} "
          f"R {sum(r[2] for r in rows)/n:.3f}); headline {sum(hs)}/{len(hs)} ({sum(hs)/max(1,len(hs)):.0%})")


def score(ps: list[dict], ids: list[str], verbose: bool = False, name: str = "") -> None:
    report(page_scores([p for p in ps if p["id"] in set(ids)], verbose), name)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", action="store_true")
    ap.add_argument("--final", action="store_true", help="train on train + dev (the shipped model)")
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--cv", type=int, default=0, help="cross-validate on train + dev in this many folds")
    ap.add_argument("--seed", default="", help="with --cv: another grouping of the sites into folds")
    ap.add_argument("--set", nargs="*", default=[], help="override a training setting: name=value")
    ap.add_argument("--grid", nargs="*", default=[], help="thresholds to try in cross-validation: name=v1,v2")
    ap.add_argument("--rows", default="", help="with --cv: write each page's scores to this JSON file")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    for kv in a.set:
        key, val = kv.split("=", 1)
        CFG[key] = type(CFG[key])(float(val)) if not isinstance(CFG[key], bool) else val == "1"
    for kv in a.grid:
        key, vals = kv.split("=", 1)
        GRID[key] = [float(v) for v in vals.split(",")]
    ps = all_pages()
    ids = split_ids(ps)
    if a.cv:
        cross_validate(ps, ids, a.cv, a.verbose, a.seed, a.rows)
        return
    if a.train:
        train(ps, ids, final=a.final)
    score(ps, ids[a.split], a.verbose, a.split)


if __name__ == "__main__":
    main()
