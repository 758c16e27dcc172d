"""Field accuracy of the plain-text page splitter.

Two sets, both checked by eye:
  * examples/*.txt, the bundled pages (gold: bench/splitter_gold_examples.jsonl);
  * 30 pages of ../shared/corpus/sabinet_news_documents.jsonl (gold: bench/splitter_gold_sabinet.jsonl,
    looked at while the splitter was tuned) and 20 further pages annotated before the splitter was
    run on them (bench/splitter_gold_sabinet_heldout.jsonl); both
    our own annotations: expected place, agency, author, first/last five words of the body and short
    boilerplate markers; headlines are stored only as sha1 of the normalised text). Skipped when
    ../shared is absent.

Run:  python bench/splitter_accuracy.py [--verbose]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIDINGS_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus" / "sabinet_news_documents.jsonl"
FIELDS = ["title", "place", "agency", "author", "body_start", "body_end", "boilerplate"]

sys.path.insert(0, str(REPO / "src"))
from tidings.ingest.page import split_page  # noqa: E402


def norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def words(s: str) -> list[str]:
    out = []
    for w in s.split():
        w = re.sub(r"^[^\w]+|[^\w]+$", "", w).casefold()
        if w:
            out.append(w)
    return out


def sha1(s: str | None) -> str | None:
    return None if s is None else hashlib.sha1(norm(s).encode()).hexdigest()


def score(parts, gold: dict) -> dict[str, bool]:
    if "title_sha1" in gold:
        title_ok = sha1(parts.title) == gold["title_sha1"]
    else:
        title_ok = (parts.title or None) == gold["title"]
    authors = gold["author"] if isinstance(gold["author"], list) else [gold["author"]]
    body_w = words(parts.body)
    first, last = words(gold["body_first5"])[:5], words(gold["body_last5"])[-5:]
    boiler = " | ".join(parts.boilerplate)
    markers = gold["boilerplate_markers"]
    body_n = norm(parts.body)
    return {
        "title": title_ok,
        "place": (parts.dateline.place or None) == gold["place"],
        "agency": (parts.dateline.agency or None) == gold["agency"],
        "author": (parts.author or None) in authors,
        "body_start": body_w[: len(first)] == first,
        "body_end": body_w[-len(last) :] == last,
        "boilerplate": all(norm(m) in norm(boiler) and norm(m) not in body_n for m in markers),
    }


def report(name: str, results: list[tuple[str, dict[str, bool], object]], verbose: bool) -> None:
    n = len(results)
    print(f"\n{name}: {n} pages")
    print("| field | correct | accuracy |")
    print("|---|---|---|")
    for f in FIELDS:
        k = sum(r[f] for _, r, _ in results)
        print(f"| {f} | {k}/{n} | {k / n:.0%} |")
    allk = sum(all(r.values()) for _, r, _ in results)
    print(f"| all fields right | {allk}/{n} | {allk / n:.0%} |")
    if verbose:
        for key, r, parts in results:
            bad = [f for f in FIELDS if not r[f]]
            if bad:
                got = {
                    "title": parts.title, "place": parts.dateline.place, "agency": parts.dateline.agency,
                    "author": parts.author, "body_start": " ".join(parts.body.split()[:5]),
                    "body_end": " ".join(parts.body.split()[-5:]), "boilerplate": [b[:40] for b in parts.boilerplate],
                }
                print(f"  {key}: wrong {bad}: " + "; ".join(f"{f}={got[f]!r}" for f in bad))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()

    ex = []
    for line in (REPO / "bench" / "splitter_gold_examples.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        parts = split_page((REPO / "examples" / gold["file"]).read_text(encoding="utf-8"))
        ex.append((gold["file"], score(parts, gold), parts))
    report("examples/ (plain-text pages)", ex, args.verbose)

    if not CORPUS.exists():
        print(f"\n{CORPUS} not found: sabinet pages skipped")
        return
    texts: dict[str, str] = {}
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    for gold_file, title in (
        ("splitter_gold_sabinet.jsonl", "sabinet: 30 pages checked by eye (also looked at while tuning)"),
        ("splitter_gold_sabinet_heldout.jsonl", "sabinet: 20 more pages, annotated before the splitter was run on them"),
    ):
        res = []
        for line in (REPO / "bench" / gold_file).read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            parts = split_page(texts[g["id"]])
            res.append((g["id"], score(parts, g), parts))
        report(title, res, args.verbose)


if __name__ == "__main__":
    main()
