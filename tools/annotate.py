"""Hand annotation of whole articles from ../shared/corpus (see docs/annotation.md).

Annotators write *draft* files outside the repository, with the words of the article quoted so
they can code quickly; ``convert`` turns a draft into the repository's form, which keeps only
document ids and character offsets (no text from ../shared is ever stored here).

    python tools/annotate.py sample                      # writes annotations/sample.tsv (once)
    python tools/annotate.py sample --batch 2            # a later draw: annotations/sample-2.tsv (once)
    python tools/annotate.py show A [--start 0 --n 5]    # prints annotator A's next documents
    python tools/annotate.py doc sabinet ID              # one document
    python tools/annotate.py convert DRAFT.jsonl         # checks a draft, writes annotations/coded/<annotator>.jsonl
    python tools/annotate.py agreement                   # triple F1 between coders on double-coded articles
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from tidings import annotations as ann_lib

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ANN = REPO / "annotations"
CORPORA = ann_lib.CORPORA
ANNOTATORS = ("A", "B", "C", "D")
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "IGO", "NGO", "BUS", "MED", "CVL", "LAB",
    "EDU", "REL", "HLH", "SPY", "CRM", "ELI",
}
SEED = 20261201
N_SABINET, N_INDIA = 165, 135
N_DOUBLE_EACH = 6  # articles each annotator also codes as a second coder


# --- corpus ----------------------------------------------------------------

def load_corpus(name: str) -> dict[str, dict]:
    return {i: {"id": i, **d} for i, d in ann_lib.load_corpus(str(SHARED / "corpus"), name).items()}


def pub_date(corpus: str, doc: dict) -> str | None:
    return ann_lib.pub_date(corpus, doc["text"], doc.get("url"))


def read_sample() -> list[dict]:
    return ann_lib.read_sample(ANN)


# --- commands --------------------------------------------------------------

# Later batches: (sabinet, india) articles, (train, dev, test) split, annotators.
BATCHES = {
    1: ((N_SABINET, N_INDIA), (180, 60, 60), ANNOTATORS),
    2: ((160, 160), (200, 60, 60), ("E", "F", "G", "H")),
    3: ((150, 150), (200, 50, 50), ("I", "J", "K")),
    4: ((225, 225), (330, 60, 60), ("L", "M", "N")),
    5: ((250, 350), (480, 60, 60), ("O", "P", "Q")),
    6: ((99, 237), (216, 60, 60), ("R", "S", "T")),  # the rest of both corpora
}


def cmd_sample(args) -> int:
    if args.batch not in BATCHES:
        print(f"no batch {args.batch} is defined (see BATCHES)", file=sys.stderr)
        return 2
    sizes, splits_n, coders = BATCHES[args.batch]
    first = args.batch == 1
    out = ANN / ("sample.tsv" if first else f"sample-{args.batch}.tsv")
    seed = SEED if first else SEED + args.batch
    if out.exists() and not args.force:
        print(f"{out} exists; the sample is written once", file=sys.stderr)
        return 1
    # A later batch never redraws an article an earlier batch holds.
    taken = set() if first else {(r["corpus"], r["doc"]) for r in read_sample()}
    rng = random.Random(seed)
    chosen = []
    for corpus, n in zip(("sabinet", "india"), sizes):
        ids = sorted(i for i in load_corpus(corpus) if (corpus, i) not in taken)
        chosen += [(corpus, i) for i in rng.sample(ids, n)]
    rng.shuffle(chosen)
    # Split by article; the test split is only ever scored.
    splits = ["train"] * splits_n[0] + ["dev"] * splits_n[1] + ["test"] * splits_n[2]
    rng.shuffle(splits)
    rows = []
    for k, ((corpus, doc), split) in enumerate(zip(chosen, splits)):
        rows.append({"corpus": corpus, "doc": doc, "split": split, "coder": coders[k % len(coders)], "second": ""})
    # Double coding: each annotator's first N articles also go to the next annotator.
    for a_i, a in enumerate(coders):
        mine = [r for r in rows if r["coder"] == a][:N_DOUBLE_EACH]
        for r in mine:
            r["second"] = coders[(a_i + 1) % len(coders)]
    ANN.mkdir(exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# Articles drawn at random (seed {seed}) from ../shared/corpus; split by article, written once.\n")
        fh.write("corpus\tdoc\tsplit\tcoder\tsecond\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in ("corpus", "doc", "split", "coder", "second")) + "\n")
    print(f"wrote {len(rows)} rows to {out}")
    return 0


def assigned(annotator: str) -> list[dict]:
    rows = read_sample()
    first = [r for r in rows if r["coder"] == annotator]
    second = [r for r in rows if r["second"] == annotator]
    return first + second


def print_doc(corpus: str, doc: dict, role: str = "") -> None:
    print(f"=== {corpus} {doc['id']} {role}pub_date={pub_date(corpus, doc)} chars={len(doc['text'])}")
    print(doc["text"])
    print()


def cmd_show(args) -> int:
    todo = assigned(args.annotator)
    corpora = {c: load_corpus(c) for c in CORPORA}
    for r in todo[args.start: args.start + args.n]:
        role = "(second coder) " if r["second"] == args.annotator else ""
        print_doc(r["corpus"], corpora[r["corpus"]][r["doc"]], role)
    print(f"# {len(todo)} documents assigned to {args.annotator}; shown {args.start}..{min(len(todo), args.start + args.n) - 1}")
    return 0


def cmd_doc(args) -> int:
    print_doc(args.corpus, load_corpus(args.corpus)[args.id])
    return 0


# --- converting drafts to offsets --------------------------------------------

def _pattern(snippet: str, whole: bool = True) -> re.Pattern:
    # Phrases match whole words at their edges, so "he" never lands inside "the"; a sentence's
    # opening words may stop mid-word.
    words = snippet.split()
    body = r"\s+".join(re.escape(w) for w in words)
    left = r"(?<![A-Za-z0-9])" if whole and re.match(r"\w", words[0]) else ""
    right = r"(?![A-Za-z0-9])" if whole and re.search(r"\w$", words[-1]) else ""
    return re.compile(left + body + right, re.IGNORECASE)


def find(text: str, snippet: str, lo: int = 0, hi: int | None = None, whole: bool = True) -> tuple[int, int] | None:
    if not snippet or not snippet.strip():
        return None
    hi = len(text) if hi is None else hi
    m = _pattern(snippet, whole).search(text, lo, hi)
    return (m.start(), m.end()) if m else None


_END = re.compile(r"[.!?][\"'”’)]*(\s+|$)")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Sgt|St|No|vs|Rev|Gov|Sen|Rep))$")


def _sentence_end(text: str, start: int, end: int) -> int:
    """End of the sentence holding [start, end): the next stop that is not an abbreviation ("U.S. and", "Dr. Ngubane")."""
    pos = max(end - 1, start)
    while (m := _END.search(text, pos)) is not None:
        after = text[m.end(): m.end() + 1]
        abbrev = text[m.start()] == "." and _ABBREV.search(text, 0, m.start())
        if abbrev and after and (after.islower() or text[m.start() - 3: m.start()] in ("Mr", "Dr") or m.start() - start < 3):
            pos = m.end()
            continue
        return m.start() + 1
    return len(text)


def locate(text: str, snippet: str | None, sent: tuple[int, int]) -> tuple[int, int] | None:
    """A quoted phrase inside the event's sentence, else the nearest occurrence before it."""
    if not snippet:
        return None
    hit = find(text, snippet, sent[0], sent[1])
    if hit:
        return hit
    best = None
    for m in _pattern(snippet).finditer(text):
        if best is None or abs(m.start() - sent[0]) < abs(best[0] - sent[0]):
            best = (m.start(), m.end())
    return best


def _country_ok(code) -> bool:
    import pycountry

    if code in (None, "IGO", "NGO"):
        return True
    return isinstance(code, str) and (pycountry.countries.get(alpha_3=code) is not None or code in {"XKX", "PSE"})


def convert_event(text: str, ev: dict, errors: list[str]) -> dict | None:
    where = f"event {ev.get('type')} '{(ev.get('trigger') or '')[:30]}'"
    sent = find(text, ev.get("sentence") or "", whole=False)
    if not sent:
        errors.append(f"{where}: sentence not found in the text")
        return None
    sent = (sent[0], _sentence_end(text, *sent))
    out: dict = {"type": ev.get("type"), "cameo": ev.get("cameo"), "sentence_span": list(sent)}
    if out["type"] not in PLOVER:
        errors.append(f"{where}: type {out['type']!r} is not a PLOVER type")
    if out["cameo"] is not None and not re.fullmatch(r"\d{2,4}", str(out["cameo"])):
        errors.append(f"{where}: cameo {out['cameo']!r} is not a CAMEO code")
    trig = locate(text, ev.get("trigger"), sent)
    if not trig:
        errors.append(f"{where}: trigger not found")
    out["trigger_span"] = list(trig) if trig else None
    for side in ("source", "target"):
        code, sector, words = ev.get(side), ev.get(f"{side}_sector"), ev.get(f"{side}_text")
        if not _country_ok(code):
            errors.append(f"{where}: {side} {code!r} is not ISO alpha-3, IGO or NGO")
        if sector is not None and sector not in SECTORS:
            errors.append(f"{where}: {side}_sector {sector!r} unknown")
        span = locate(text, words, sent) if words else None
        if words and not span:
            errors.append(f"{where}: {side}_text not found")
        out[side] = code
        out[f"{side}_sector"] = sector
        out[f"{side}_span"] = list(span) if span else None
    date = ev.get("date")
    if date is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(date)):
        errors.append(f"{where}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    out["date"] = date
    place = ev.get("place")
    pspan = locate(text, place, sent) if place else None
    if place and not pspan:
        errors.append(f"{where}: place not found in the text")
    out["place_span"] = list(pspan) if pspan else None
    out["place_country"] = ev.get("place_country")
    if not _country_ok(out["place_country"]):
        errors.append(f"{where}: place_country {out['place_country']!r} unknown")
    out["core"] = bool(ev.get("core"))
    return out


def cmd_convert(args) -> int:
    corpora = {c: load_corpus(c) for c in CORPORA}
    sample = {(r["corpus"], r["doc"]) for r in read_sample()}
    by_annotator: dict[str, dict[tuple[str, str], dict]] = {}
    bad = 0
    latest: dict[tuple, tuple[str, int, dict]] = {}
    for path in args.drafts:
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{n}: not JSON ({exc})")
                bad += 1
                continue
            # A later line for the same document and coder replaces an earlier one.
            latest[(rec.get("annotator"), rec.get("corpus"), str(rec.get("doc")))] = (path, n, rec)
    for path, n, rec in latest.values():
        key = (rec.get("corpus"), str(rec.get("doc")))
        if key not in sample:
            print(f"{path}:{n}: {key} is not in annotations/sample.tsv")
            bad += 1
            continue
        text = corpora[key[0]][key[1]]["text"]
        errors: list[str] = []
        events = [e for e in (convert_event(text, ev, errors) for ev in rec.get("events", [])) if e]
        for e in errors:
            print(f"{path}:{n} {key[1]}: {e}")
        bad += bool(errors)
        who = rec.get("annotator") or "?"
        by_annotator.setdefault(who, {})[key] = {
            "corpus": key[0], "doc": key[1], "annotator": who,
            "political": bool(rec.get("political", bool(events))), "events": events,
        }
    (ANN / "coded").mkdir(parents=True, exist_ok=True)
    for who, recs in by_annotator.items():
        out = ANN / "coded" / f"{who}.jsonl"
        old = {}
        if out.exists():
            for line in open(out, encoding="utf-8"):
                r = json.loads(line)
                old[(r["corpus"], r["doc"])] = r
        old.update(recs)
        with open(out, "w", encoding="utf-8") as fh:
            for key in sorted(old):
                fh.write(json.dumps(old[key], ensure_ascii=False) + "\n")
        print(f"{out}: {len(old)} articles ({len(recs)} from this draft)")
    print(f"{bad} records with problems" if bad else "no problems")
    return 1 if bad else 0


# --- agreement ---------------------------------------------------------------

def triples(rec: dict) -> Counter:
    return Counter((e.get("source") or "-", e.get("target") or "-", e["type"]) for e in rec["events"])


def f1(a: Counter, b: Counter) -> tuple[int, int, int]:
    tp = sum((a & b).values())
    return tp, sum(a.values()), sum(b.values())


def cmd_agreement(args) -> int:
    coded: dict[tuple[str, str], dict[str, dict]] = {}
    for path in sorted((ANN / "coded").glob("*.jsonl")):
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            coded.setdefault((r["corpus"], r["doc"]), {})[r["annotator"]] = r
    totals: dict[str, Counter] = {}
    for row in read_sample():
        if not row["second"]:
            continue
        got = coded.get((row["corpus"], row["doc"]), {})
        a, b = got.get(row["coder"]), got.get(row["second"])
        if not a or not b:
            continue
        for key in (row["batch"], "all"):
            t = totals.setdefault(key, Counter())
            t["pairs"] += 1
            x, y, z = f1(triples(a), triples(b))
            t["tp"], t["n1"], t["n2"] = t["tp"] + x, t["n1"] + y, t["n2"] + z
            x, y, z = f1(Counter(e["type"] for e in a["events"]), Counter(e["type"] for e in b["events"]))
            t["ttp"], t["tn1"], t["tn2"] = t["ttp"] + x, t["tn1"] + y, t["tn2"] + z
    if not totals:
        print("no double-coded article has both codings yet")
        return 1
    for key, t in sorted(totals.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        tf = 2 * t["tp"] / (t["n1"] + t["n2"]) if t["n1"] + t["n2"] else 1.0
        yf = 2 * t["ttp"] / (t["tn1"] + t["tn2"]) if t["tn1"] + t["tn2"] else 1.0
        label = "all draws" if key == "all" else f"draw {key}"
        print(f"{label}: {t['pairs']} double-coded articles: triple F1 {tf:.3f} "
              f"({t['tp']} shared of {t['n1']} / {t['n2']}); type F1 {yf:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--force", action="store_true")
    p.add_argument("--batch", type=int, default=1, help="1 = the first draw (sample.tsv); later draws are sample-N.tsv")
    p = sub.add_parser("show")
    p.add_argument("annotator")
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--n", type=int, default=5)
    p = sub.add_parser("doc")
    p.add_argument("corpus", choices=sorted(CORPORA))
    p.add_argument("id")
    p = sub.add_parser("convert")
    p.add_argument("drafts", nargs="+")
    sub.add_parser("agreement")
    args = ap.parse_args(argv)
    return {"sample": cmd_sample, "show": cmd_show, "doc": cmd_doc, "convert": cmd_convert,
            "agreement": cmd_agreement}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
