"""Decision-model lab: the rules' proposals on train and dev held in memory, models fitted and scored
on the article-level figures (``tidings evaluate --annotations``) without re-running the pipeline.

    PYTHONPATH=src python tools/decision_lab.py [--cv 5] [--C 0.3]

Prints, for the dev split (a model fitted on train) and for train by article-level cross-validation,
the precision/recall/triple-F1 curve over thresholds, the threshold ``tidings train`` would pick,
and the precision at the rules' recall. Only train and dev are read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from tidings.annotations import load_articles
from tidings.evaluate_articles import ArticleScore, _offset, match, predictions, read_records, score
from tidings.events import decide as D
from tidings.nlp import load_nlp
from tidings.pipeline import event_id, propose
from tidings.records import Article, ArticleResult
from tidings.train import dataset, fit
from tidings.train import THRESHOLDS

ANN, CORPUS, GOLD = Path("annotations"), Path("../shared/corpus"), Path("../shared/gold")


def load_split(split: str, nlp):
    """[(gold, article or None, [(section, doc, actors, events, base)])] for one split."""
    gold = load_articles(ANN, CORPUS, (split,))
    recs = read_records(gold)
    keys, texts = [], []
    for k, r in enumerate(recs):
        if isinstance(r, Article):
            keys.append((k, "body")); texts.append(r.body)
            if r.title:
                keys.append((k, "headline")); texts.append(r.title)
    docs = dataset.parse(texts, nlp)
    items = [(g, r if isinstance(r, Article) else None, []) for g, r in zip(gold, recs)]
    import pickle

    pk = Path(f"/tmp/decision_lab_{split}.pkl")  # the rules' proposals: unchanged while only the model changes
    props = pickle.loads(pk.read_bytes()) if pk.exists() else [propose(doc, items[k][1], section) for doc, (k, section) in zip(docs, keys)]
    if not pk.exists():
        pk.write_bytes(pickle.dumps(props))
    for doc, (k, section), (actors, events) in zip(docs, keys, props):
        g, art, secs = items[k]
        base = _offset(g.text, art.body if section == "body" else art.title)
        secs.append((section, doc, actors, events, base))
    return items


def rows_of(items) -> dataset.Examples:
    ex = dataset.Examples()
    for g, art, secs in items:
        if art is None:
            continue
        dataset.article_examples(ex, g, secs)
    return ex


def code(items, model):
    out = []
    for g, art, secs in items:
        if art is None:
            out.append((g, ArticleResult(Article(id=g.doc, body=""))))
            continue
        evs = []
        for section, doc, actors, events, base in secs:
            evs += D.decide(events, doc, actors, model=model)
        seen, uniq = set(), []
        for ev in evs:
            ev.article_id = art.id
            i = event_id(art.id, ev)
            if i not in seen:
                seen.add(i); uniq.append(ev)
        out.append((g, ArticleResult(article=art, events=uniq)))
    return out


def curve(coded, thresholds=THRESHOLDS):
    rows = []
    for th in thresholds:
        sc = []
        for g, res in coded:
            preds = predictions(g, res, th)
            sc.append(ArticleScore(g, preds, match(preds, g.events)))
        s = score(sc)
        rows.append({"th": th, "P": s["counted_precision"], "R": s["recall"], "triF1": s["triple_f1"],
                     "typeF1": s["type_f1"], "n": s["counted_events"]})
    return rows


def pick(rows, rules_recall):
    keep = [r for r in rows if r["R"] >= rules_recall] or rows[:1]
    ok = [r for r in keep if r["P"] >= 0.8]
    return min(ok, key=lambda r: r["th"]) if ok else max(keep, key=lambda r: (r["P"], -r["th"]))


def p_at_recall(rows, recall):
    ok = [r["P"] for r in rows if r["R"] >= recall]
    return max(ok) if ok else None


def fit_dict(ex: dataset.Examples, C: float, argC=(1.0, 0.1)) -> dict:
    vec, clf = fit._fit(ex.events, C)
    d = {"event": fit._export(vec, clf), "arguments": {}, "count_threshold": 0.5}
    for role, c in zip(("source", "target"), argC):
        rows = getattr(ex, role)
        v, cl = fit._fit(rows, c)
        d["arguments"][role] = fit._export(v, cl)
    return d


def fit_model(ex: dataset.Examples, C: float) -> D.DecisionModel:
    return D.DecisionModel.from_dict(fit_dict(ex, C))


def fold(g, k):
    return int(hashlib.sha1(f"{g.corpus}:{g.doc}".encode()).hexdigest()[:8], 16) % k


def show(name, rows, rules):
    p = pick(rows, rules["R"])
    print(f"{name}: pick th={p['th']} P={p['P']} R={p['R']} triF1={p['triF1']} typeF1={p['typeF1']} n={p['n']}; "
          f"P@rulesR({rules['R']})={p_at_recall(rows, rules['R'])}; best triF1={max(r['triF1'] for r in rows)}")
    return p


def dump_fp(coded, th, path):
    """The counted events no gold event matches, with their sentence, for reading."""
    lines = []
    for g, res in coded:
        preds = predictions(g, res, th)
        got = {id(p) for p, _, _ in match(preds, g.events)}
        for p in preds:
            if id(p) in got:
                continue
            ev = p.event
            here = [e["type"] for e in g.events if e.get("sentence_span") and p.pos is not None
                    and e["sentence_span"][0] <= p.pos < e["sentence_span"][1]]
            lines.append(json.dumps({"doc": f"{g.corpus}:{g.doc}", "n_gold": len(g.events), "sent_gold": here,
                                     "type": ev.plover_type, "triple": p.triple, "score": ev.confidence,
                                     "rule": ev.rule, "section": ev.section, "si": ev.sentence_index,
                                     "trigger": ev.trigger_text, "sentence": ev.sentence[:300]}))
    Path(path).write_text("\n".join(lines) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--C", type=float, nargs="+", default=[0.3])
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--no-gold", action="store_true")
    ap.add_argument("--curve", action="store_true")
    ap.add_argument("--out")
    ap.add_argument("--save", help="write the model fitted on train (threshold picked on dev) here")
    ap.add_argument("--fp", help="write the cross-validated train false positives here")
    a = ap.parse_args()
    dataset.CACHE_DIR = Path(".cache/train")
    nlp = load_nlp()
    t0 = time.time()
    tr, dv = load_split("train", nlp), load_split("dev", nlp)
    gold_ex = dataset.Examples()
    if not a.no_gold:
        for name in dataset.GOLD_SETS:
            e = dataset.from_gold_lines(GOLD / name, "train", nlp, weight=0.5 if "conflibert" in name else 1.0)
            gold_ex.events += e.events; gold_ex.source += e.source; gold_ex.target += e.target
    print(f"loaded in {time.time() - t0:.0f}s", file=sys.stderr)
    import os
    os.environ["TIDINGS_RULES_ONLY"] = "1"
    rules_dv = curve(code(dv, D.load_model()), (0.6,))[0]
    rules_tr = curve(code(tr, D.load_model()), (0.6,))[0]
    os.environ["TIDINGS_RULES_ONLY"] = ""
    print("rules dev", rules_dv, "\nrules train", rules_tr)
    ex_tr = rows_of(tr)
    for part in ("events", "source", "target"):
        getattr(ex_tr, part).extend(getattr(gold_ex, part))
    results = {}
    for C in a.C:
        md = fit_dict(ex_tr, C)
        m = D.DecisionModel.from_dict(md)
        rows = curve(code(dv, m))
        if a.curve:
            for r in rows:
                print("  ", r)
        results[f"dev C={C}"] = show(f"dev C={C}", rows, rules_dv)
        if a.save:
            md["count_threshold"] = results[f"dev C={C}"]["th"]
            fit.write(md, Path(a.save))
        if a.cv:
            pooled = []
            for k in range(a.cv):
                fit_items = [it for it in tr if fold(it[0], a.cv) != k]
                held = [it for it in tr if fold(it[0], a.cv) == k]
                ex = rows_of(fit_items)
                for part in ("events", "source", "target"):
                    getattr(ex, part).extend(getattr(gold_ex, part))
                pooled += code(held, fit_model(ex, C))
            rows = curve(pooled)
            if a.curve:
                for r in rows:
                    print("  ", r)
            results[f"cv C={C}"] = show(f"train {a.cv}-fold C={C}", rows, rules_tr)
            if a.fp:
                dump_fp(pooled, results[f"cv C={C}"]["th"], a.fp)
    if a.out:
        Path(a.out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
