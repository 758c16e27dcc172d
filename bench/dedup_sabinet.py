"""Near-duplicate articles and duplicate events in ../shared/corpus/sabinet_news_documents.jsonl.

1. Article near-duplicates: every body goes through ``ArticleDeduper`` in file
   order; a body whose MinHash/LSH estimate of word-3-shingle Jaccard with an
   earlier one reaches the threshold is a copy (a mention of the first).
2. Events (when ``tidings.pipeline`` can code): all articles are coded; events
   of copies are dropped (they are mentions of the first article's events);
   the remaining mentions are merged with ``tidings.dedup.cluster_events``.
   The corpus has no publication dates; the wire ids carry one for most
   stories (``SAP140527S1814`` → 2014-05-27, ``SAPANA_20171201...`` →
   2017-12-01), which is used as the publication date. Stories without one
   keep only dates written in their text; a missing date never blocks a merge,
   so for them merging is an upper bound.

Run: ``.venv/bin/python bench/dedup_sabinet.py [--threshold 0.8] [--no-events]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "sabinet_news_documents.jsonl"

_ID_DATE = (
    re.compile(r"^SAP(20\d{6})S"),
    re.compile(r"^SAP(\d{6})S"),
    re.compile(r"^SAP[A-Z]+_(20\d{6})\d*_"),
)


def date_from_wire_id(url: str | None) -> str | None:
    for pattern in _ID_DATE:
        m = pattern.match(url or "")
        if not m:
            continue
        digits = m.group(1)
        if len(digits) == 6:
            digits = "20" + digits
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
        except ValueError:
            return None
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--no-events", action="store_true", help="only count near-duplicate articles")
    ap.add_argument("--max-days", type=int, default=1)
    ap.add_argument("--rows", type=Path, help="cache of coded event rows (JSONL): written once, then reused")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"skip: {CORPUS} not found (../shared is not beside the repository)")
        return 0

    from tidings.dedup import ArticleDeduper

    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8") if line.strip()]
    print(f"{CORPUS.name}: {len(records)} documents")

    # 1. article near-duplicates, at the chosen threshold and two others for context
    for threshold in sorted({0.5, args.threshold, 0.9}):
        deduper = ArticleDeduper(threshold=threshold)
        t0 = time.perf_counter()
        copies: dict[str, str] = {}
        for rec in records:
            found = deduper.query(rec["text"])
            if found:
                copies[rec["id"]] = found
            else:
                deduper.add(rec["id"], rec["text"])
        elapsed = time.perf_counter() - t0
        mark = "  <- used below" if threshold == args.threshold else ""
        print(
            f"threshold {threshold:.2f}: {len(copies)} near-duplicate articles of {len(set(copies.values()))} "
            f"originals ({elapsed:.1f}s, {len(records) / elapsed:.0f} docs/s){mark}"
        )
        if threshold == args.threshold:
            chosen, chosen_deduper = copies, deduper
    by_id = {r["id"]: r for r in records}
    for copy_id, orig_id in list(chosen.items())[:5]:
        sim = chosen_deduper.similarity(by_id[copy_id]["text"], by_id[orig_id]["text"])
        print(f"  {copy_id} ~ {orig_id} (Jaccard ≈ {sim:.2f}): {by_id[copy_id]['text'][:90]!r}")
    exact = sum(n - 1 for n in Counter(" ".join(r["text"].split()).casefold() for r in records).values() if n > 1)
    print(f"exact duplicates (same normalised text): {exact}")

    if args.no_events:
        return 0
    try:
        from tidings.dedup import event_row
        from tidings.pipeline import code_articles
        from tidings.records import Article, article_id
    except ImportError as exc:
        print(f"events: not measured ({exc}); the article figure above stands alone")
        return 0

    if args.rows and args.rows.exists():
        cached = [json.loads(line) for line in args.rows.open(encoding="utf-8")]
        report_events(cached, chosen, args.max_days, None)
        return 0
    articles = []
    for rec in records:
        pub = date_from_wire_id(rec.get("url"))
        articles.append(Article(
            id=article_id(rec["text"]), body=rec["text"], pub_date=pub,
            pub_date_source="metadata" if pub else "none", language="en", input_id=rec["id"], url=rec.get("url"),
        ))
    dated = sum(1 for a in articles if a.pub_date)
    t0 = time.perf_counter()
    results = list(code_articles(articles))
    elapsed = time.perf_counter() - t0
    print(f"coded {len(articles)} articles in {elapsed:.0f}s ({dated} with a publication date from the wire id)")
    rows = []
    for rec, res in zip(records, results):
        for e in res.events:
            rows.append({**event_row(e), "input_id": rec["id"]})
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    report_events(rows, chosen, args.max_days, dated)
    return 0


def report_events(rows: list[dict], copies: dict[str, str], max_days: int, dated: int | None) -> None:
    from tidings.dedup import cluster_events

    all_rows = rows
    kept_rows = [r for r in rows if r["input_id"] not in copies]
    labels = cluster_events(kept_rows, max_days=max_days)
    n_events = len(set(labels))
    sizes = Counter(Counter(labels).values())
    articles_of: dict[int, set[str]] = {}
    for row, lab in zip(kept_rows, labels):
        articles_of.setdefault(lab, set()).add(row["article_id"])
    cross = Counter(len(a) > 1 for a in articles_of.values())
    print(f"event mentions coded from all articles: {len(all_rows)}")
    print(f"  minus mentions from near-duplicate articles: {len(all_rows) - len(kept_rows)} -> {len(kept_rows)}")
    print(f"  merged into events (max_days={max_days}): {n_events} events; merging removed "
          f"{len(kept_rows) - n_events} duplicate events ({(len(kept_rows) - n_events) / max(len(kept_rows), 1):.1%})")
    print(f"  events spanning more than one article: {cross[True]}; mentions per event: "
          + ", ".join(f"{k}:{v}" for k, v in sorted(sizes.items())))
    undated = sum(1 for r in kept_rows if not r["date"])
    print(f"  mentions without any date: {undated} (never merged); without an actor country: "
          f"{sum(1 for r in kept_rows if not (r['source_country'] or r['target_country']))}"
          " (merged only within one city)")
    largest = Counter(labels).most_common(3)
    for lab, n in largest:
        r = kept_rows[labels.index(lab)]
        print(f"  largest: {n} mentions of {r['plover_type']} {r['source_country']}{r['source_sector'] or ''} -> "
              f"{r['target_country']}{r['target_sector'] or ''} on {r['date']} at {r['location_name']}")


if __name__ == "__main__":
    sys.exit(main())
