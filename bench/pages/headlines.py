"""Cross-validated headline choice on train + dev, over several site groupings at once.

For each grouping of the sites into folds (the shipped one, ``--seed`` ones, leave-one-site-out)
the line models of each fold are fitted once and every page's line probabilities under them are
cached (``/tmp/tidings_heads.pkl``, ``--refresh`` to redo). Then, per grouping and fold, the
headline ranker is fitted on the training pages' candidates (their probabilities in-sample, as
``train.py`` does) and scored on the held-out pages: how often the gold headline is among the
candidates at all (candidate recall) and how often it is picked. Test pages are never read.

    python bench/pages/headlines.py [--seeds "" a b] [--loso] [--misses] [--refresh]

Candidate and ranker changes are tried here in a minute or two instead of full cross-validation
runs (the line models do not depend on them); ``train.py --cv`` gives the final figures.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import pickle
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import train as T  # noqa: E402

from tidings.ingest.page.classify import (  # noqa: E402
    _words, headline_candidates, headline_features, lead_start, line_probs, pick_headline,
)
from tidings.ingest.page import features as F  # noqa: E402
from tidings.ingest.page.lines import PageParts  # noqa: E402
from tidings.ingest.page.split import _split_head  # noqa: E402

CACHE = Path("/tmp/tidings_heads.pkl")
# what the line models' probabilities depend on (with the feature functions' source): a change
# to these refits them
LINE_MODEL_SOURCES = ("ingest/page/lines.py", "ingest/page/rx.py",
                      "ingest/page/split.py", "ingest/patterns.py", "data/ingest/boilerplate_lines.tsv",
                      "data/ingest/caption_patterns.txt", "data/ingest/section_headers.txt")


def cache_key(seeds: list[str], loso: bool, pids: list[str]) -> tuple:
    src = HERE.parents[1] / "src" / "tidings"
    code = b"".join((src / f).read_bytes() for f in LINE_MODEL_SOURCES) + "".join(
        inspect.getsource(f) for f in (F.line_features, F.context_features, F._runs)).encode()
    return (tuple(seeds), loso, tuple(pids), hashlib.sha1(code).hexdigest())


def groupings(pool: list[dict], seeds: list[str], loso: bool, k: int = 5) -> dict[str, dict[str, int]]:
    group = {p["id"]: p["site"] if p["site"] != "written" else p["id"] for p in pool}
    out = {}
    for seed in seeds:
        out[f"seed{seed!r}"] = {pid: int(hashlib.sha1((seed + g).encode()).hexdigest(), 16) % k for pid, g in group.items()}
    if loso:
        sites = sorted(set(group.values()))
        out["loso"] = {pid: sites.index(g) for pid, g in group.items()}
    return out


def line_models(tab: dict, pids: list[str]) -> dict:
    """Stage one and two fitted on ``pids`` (the headline model is refitted per experiment)."""
    model = T.fit(tab, pids, T.CFG)
    model.pop("headline", None)
    return model


def build(pool: list[dict], tab: dict, groups: dict[str, dict[str, int]]) -> dict:
    """Per grouping and fold: every pool page's line probabilities under that fold's line models."""
    out = {}
    for name, fold in groups.items():
        folds = {}
        for f in sorted(set(fold.values())):
            train_ids = [pid for pid in fold if fold[pid] != f]
            held = [pid for pid in fold if fold[pid] == f]
            model = line_models(tab, train_ids)
            T.use(model)
            folds[f] = (model, {pid: line_probs(tab[pid][0], tab[pid][1], tab[pid][3]) for pid in train_ids + held})
            print(f"  {name} fold {f}: {len(held)} held out", file=sys.stderr)
        out[name] = folds
    return out


def rule_titles(pool: list[dict]) -> dict[str, str | None]:
    out = {}
    for p in pool:
        lines = T._lines("\n".join(p["lines"]))
        parts = PageParts(body="")
        _split_head(lines, 0, parts, [], title=None, find_title=True)
        out[p["id"]] = parts.title
    return out


def evaluate(pool, tab, groups, cache, titles, misses: bool = False, hc: float | None = None) -> dict[str, tuple]:
    """Per grouping: (headline pages, gold among candidates, headline picked)."""
    gold = {p["id"]: p["headline"] for p in pool}
    res = {}
    for name, fold in groups.items():
        n = incand = hit = 0
        for f, (model, probs) in cache[name].items():
            train_ids = [pid for pid in fold if fold[pid] != f]
            held = [pid for pid in fold if fold[pid] == f]
            model = dict(model)
            T.use(model)
            grp = []
            for pid in train_ids:
                lines, _, _, _, _, head, _ = tab[pid]
                if head is None:
                    continue
                cands, lead = headline_candidates(lines, probs[pid])
                if head in cands:
                    la = lead_start(lines, probs[pid])
                    grp.append((cands.index(head), [headline_features(lines, k, lead, la, cands) for k in cands]))
            model["headline"] = dict(T._fit_ranker(grp, T.CFG["HC"] if hc is None else hc), threshold=0.0)
            T.use(model)
            for pid in held:
                if not gold[pid]:
                    continue
                lines, _, pick, _, _, head, _ = tab[pid]
                n += 1
                cands, _ = headline_candidates(lines, probs[pid])
                incand += head is not None and head in cands
                rt = titles[pid]
                h = pick_headline(lines, probs[pid], pick, rt)
                got = lines[h].text if h is not None else rt
                ok = got is not None and _words(got) == _words(gold[pid])
                hit += ok
                if misses and not ok:
                    tag = "in" if head in cands else "OUT"
                    print(f"  {name:8} {pid[:12]} [{tag} {len(cands)}] got {got!r:.60} want {gold[pid]!r:.60}")
        res[name] = (n, incand, hit)
    return res


def show(res: dict[str, tuple], label: str = "") -> None:
    cells = "  ".join(f"{k}: cand {c}/{n} hit {h}" for k, (n, c, h) in res.items())
    print(f"{label} {cells}  | sum hit {sum(h for _, _, h in res.values())} cand {sum(c for _, c, _ in res.values())}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", nargs="*", default=["", "a", "b"])
    ap.add_argument("--loso", action="store_true")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--refresh", action="store_true")
    a = ap.parse_args()
    ps = T.all_pages()
    ids = T.split_ids(ps)
    pool = [p for p in ps if p["id"] in set(ids["train"]) | set(ids["dev"])]
    tab = T.tables(pool)
    groups = groupings(pool, a.seeds, a.loso)
    key = cache_key(a.seeds, a.loso, sorted(tab))
    cache = None
    if CACHE.exists() and not a.refresh:
        saved = pickle.loads(CACHE.read_bytes())
        cache = saved.get(key)
    if cache is None:
        cache = build(pool, tab, groups)
        saved = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}
        saved[key] = cache
        CACHE.write_bytes(pickle.dumps(saved))
    titles = rule_titles(pool)
    show(evaluate(pool, tab, groups, cache, titles, a.misses))


if __name__ == "__main__":
    main()
