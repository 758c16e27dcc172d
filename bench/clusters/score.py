"""Cross-outlet event merging on stories written for this set (bench/clusters/stories.jsonl).

Each happening is told by three or four "outlets" in different words, actor detail, place
precision and dates a day apart; look-alike distractors share dyad and type but fall on other
days or places. Every story is coded by the pipeline, its events merged with
``tidings.dedup.cluster_events``, then:

* reach: for each happening, the share of its reports that its best-merged event reaches
  (reports that coded no event count as missed), averaged over happenings;
* false merges: events holding reports of more than one happening, as a share of events with
  reports from more than one article.

Run:  python bench/clusters/score.py [--rows cache.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))


def code(stories: list[dict]) -> list[dict]:
    from tidings.dedup import event_row
    from tidings.pipeline import code_articles
    from tidings.records import Article, article_id

    arts = [Article(id=article_id(s["text"]), body=s["text"], title=s["title"], pub_date=s["pub_date"],
                    pub_date_source="metadata", language="en", input_id=str(k)) for k, s in enumerate(stories)]
    rows = []
    for k, res in enumerate(code_articles(arts)):
        for e in res.events:
            if getattr(e, "counted", True) is False:
                continue
            rows.append({**event_row(e), "story": k, "quad_class": e.quad_class})
    return rows


def score(stories: list[dict], rows: list[dict]) -> dict:
    from tidings.dedup import cluster_events

    labels = cluster_events(rows)
    reports_of = defaultdict(set)  # event -> story indices
    for r, lab in zip(rows, labels):
        reports_of[lab].add(r["story"])
    by_h = defaultdict(list)
    for k, s in enumerate(stories):
        by_h[s["happening"]].append(k)
    reach = []
    for h, ks in by_h.items():
        if len(ks) < 2:
            continue
        best = max((len(reports_of[e] & set(ks)) for e in reports_of), default=0)
        reach.append(best / len(ks))
    multi = [e for e, ks in reports_of.items() if len(ks) > 1]
    false = [e for e in multi if len({stories[k]["happening"] for k in reports_of[e]}) > 1]
    return {"happenings": len(reach), "reach": sum(reach) / len(reach), "multi_report_events": len(multi),
            "false_merges": len(false), "mentions": len(rows), "events": len(reports_of)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=Path, help="cache of coded rows (written once, then reused)")
    a = ap.parse_args()
    stories = [json.loads(ln) for ln in (HERE / "stories.jsonl").read_text(encoding="utf-8").splitlines() if ln]
    if a.rows and a.rows.exists():
        rows = [json.loads(ln) for ln in a.rows.read_text().splitlines()]
    else:
        rows = code(stories)
        if a.rows:
            a.rows.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows))
    s = score(stories, rows)
    print(f"{len(stories)} stories, {s['happenings']} happenings told by 2+ outlets; {s['mentions']} mentions -> "
          f"{s['events']} events")
    print(f"reach {s['reach']:.0%}; false merges {s['false_merges']} of {s['multi_report_events']} multi-report events")


if __name__ == "__main__":
    main()
