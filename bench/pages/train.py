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
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

from render import label, pages, words  # noqa: E402

from tidings.ingest.page import split_page  # noqa: E402
from tidings.ingest.page.classify import (  # noqa: E402
    _words, headline_candidates, lead_start, headline_features, line_features, line_probs,
)
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
        return json.loads(SPLIT.read_text())
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


def train(ps: list[dict], ids: dict, final: bool = False) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    # --final: the settings chosen on dev, refitted on train + dev before the one test scoring
    tr = [p for p in ps if p["id"] in set(ids["train"]) | (set(ids["dev"]) if final else set())]
    X, y, HX, Hy = [], [], [], []
    for p in tr:
        lines, i, pick, body_idx, labels, head = page_table(p)
        X.extend(line_features(lines, i, body_idx))
        y.extend(labels)
    sc = StandardScaler().fit(X)
    lr = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(sc.transform(X), y)
    model = {"line": {"mean": list(sc.mean_), "scale": [s or 1.0 for s in sc.scale_], "coef": list(lr.coef_[0]),
                      "intercept": float(lr.intercept_[0]), "drop_below": 0.6, "drop_prose_below": 0.45, "add_above": 0.7, "block_gap": 3}}
    model["headline"] = {"mean": [0.0] * 17, "scale": [1.0] * 17, "coef": [0.0] * 17, "intercept": -5.0, "threshold": 0.5}
    MODEL.write_text(json.dumps(model, indent=1) + "\n")
    from tidings.ingest.page import classify

    classify._model.cache_clear()
    for p in tr:
        lines, i, pick, body_idx, labels, head = page_table(p)
        if head is None:
            continue
        probs = line_probs(lines, i, body_idx)
        cands, lead = headline_candidates(lines, probs)
        if not cands:
            continue
        lead_at = lead_start(lines, probs)
        for k in cands:
            HX.append(headline_features(lines, k, lead, lead_at, pick))
            Hy.append(k == head)
    hs = StandardScaler().fit(HX)
    hl = LogisticRegression(C=1.0, max_iter=2000).fit(hs.transform(HX), Hy)
    model["headline"] = {"mean": list(hs.mean_), "scale": [s or 1.0 for s in hs.scale_], "coef": list(hl.coef_[0]),
                         "intercept": float(hl.intercept_[0]), "threshold": 0.0}
    MODEL.write_text(json.dumps(model, indent=1) + "\n")
    classify._model.cache_clear()
    print(f"trained on {len(tr)} pages, {len(X)} lines, {len(HX)} headline candidates")


def score(ps: list[dict], ids: list[str], verbose: bool = False) -> None:
    sel = [p for p in ps if p["id"] in set(ids)]
    fs, ps_, rs, hits, nh = [], [], [], 0, 0
    for p in sel:
        parts = split_page("\n".join(p["lines"]))
        pr, rc, f = f1(parts.body, p["gold_body"])
        fs.append(f); ps_.append(pr); rs.append(rc)
        if p["headline"]:
            nh += 1
            ok = parts.title is not None and _words(parts.title) == _words(p["headline"])
            hits += ok
            if verbose and not ok:
                print(f"  {p['id'][:12]} headline: got {parts.title!r:.70} want {p['headline']!r:.70}")
        if verbose and f < 0.8:
            print(f"  {p['id'][:12]} F1 {f:.2f} P {pr:.2f} R {rc:.2f}")
    n = len(sel)
    print(f"{n} pages: body word F1 {sum(fs)/n:.3f} (P {sum(ps_)/n:.3f} R {sum(rs)/n:.3f}); "
          f"headline {hits}/{nh} ({hits/max(1,nh):.0%})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", action="store_true")
    ap.add_argument("--final", action="store_true", help="train on train + dev (the shipped model)")
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    ps = all_pages()
    ids = split_ids(ps)
    if a.train:
        train(ps, ids, final=a.final)
    score(ps, ids[a.split], a.verbose)


if __name__ == "__main__":
    main()
