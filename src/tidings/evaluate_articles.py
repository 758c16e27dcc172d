"""Scores the coder on the project's hand-annotated whole articles (docs/annotation.md).

Each annotated corpus record is read as ``tidings code`` reads a JSONL line, coded by the full
pipeline, and its *counted* events (asserted, at or above the counting threshold) are compared with
the coder's gold events of that article. What the figures mean:

* **Match** — a counted event matches a gold event of the same PLOVER type when its trigger lies in
  the gold event's sentence, or else when the two share the country of at least one side (the same
  happening told again in another sentence, headline and lead: it counts as right each time, as a
  person judging the output would count it; its missing or wrong other side shows in the triples).
* **Counted precision (type right)** — matched counted events / counted events with a PLOVER type.
* **Event precision** — the same, over events as the store keeps them: an article's counted
  mentions merged by the store's own rule (``tidings.dedup.cluster_events``), each event judged by
  its first mention's type (what the ``events`` table shows), right when a mention of it with that
  type matches. One happening reported in three sentences is one event in the store, so a wrong
  one is one error there, not three.
* **Recall** — gold events matched by some counted event / gold events.
* **Article triple F1 / type F1** — per article, the *set* of (source, target, type) triples (and of
  types) of counted events against gold's, summed over articles.
* **Actors, place, date** — once per gold event, on a counted event in its own sentence: source and target country right (gold side given),
  place country right and place name right (gold place given), date right (gold has a full day).
* **Core events found** — gold events marked core that some counted event matches.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .annotations import GoldArticle, load_articles
from .counting import is_counted
from .records import ActorMention, Article, ArticleResult, Event


def side_code(a: ActorMention | None) -> str:
    """The gold convention for a side: ISO alpha-3, IGO, NGO or "-"."""
    if a is None:
        return "-"
    if a.sector == "IGO" or (a.code or "").startswith("IGO"):
        return "IGO"
    if a.sector == "NGO" and not a.country:
        return "NGO"
    return a.country or "-"


def _gold_side(g: dict, side: str) -> str:
    return g.get(side) or "-"


def _offset(raw: str, section_text: str | None) -> int | None:
    """Where a section (body or headline) stands in the raw record text."""
    if not section_text:
        return None
    k = raw.find(section_text)
    if k >= 0:
        return k
    head = section_text.split()[:8]
    if not head:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in head), raw)
    return m.start() if m else None


@dataclass
class Pred:
    event: Event
    pos: int | None  # trigger offset in the raw record text
    triple: tuple[str, str, str]


@dataclass
class ArticleScore:
    gold: GoldArticle
    preds: list[Pred]
    matches: list[tuple[Pred, dict, str]] = field(default_factory=list)


def counted(ev: Event, threshold: float) -> bool:
    # Scored events are the counted ones (tidings.counting) that have a PLOVER type to compare.
    return is_counted(ev.modality, ev.confidence, threshold) and bool(ev.plover_type)


def predictions(gold: GoldArticle, result: ArticleResult, threshold: float) -> list[Pred]:
    art = result.article
    offs = {"body": _offset(gold.text, art.body), "headline": _offset(gold.text, art.title)}
    out = []
    for ev in result.events:
        if not counted(ev, threshold):
            continue
        base = offs.get(ev.section)
        pos = base + ev.trigger_start if base is not None else None
        out.append(Pred(ev, pos, (side_code(ev.source), side_code(ev.target), ev.plover_type)))
    return out


def _in(pos: int | None, span) -> bool:
    return pos is not None and bool(span) and span[0] <= pos < span[1]


def match(preds: list[Pred], gold_events: list[dict]) -> list[tuple[Pred, dict, str]]:
    """Each counted event with the gold event it reports, if any: same type, and the same sentence
    ("sentence") or else the same actor pair ("pair"). A happening reported twice matches twice."""
    pairs = []
    for p in preds:
        same_type = [g for g in gold_events if g["type"] == p.event.plover_type]
        hit = next((g for g in same_type if _in(p.pos, g.get("sentence_span")) or _in(p.pos, g.get("trigger_span"))), None)
        if hit is not None:
            pairs.append((p, hit, "sentence"))
            continue
        hit = next((g for g in same_type if retold(p.triple, g)), None)
        if hit is not None:
            pairs.append((p, hit, "pair"))
    return pairs


def retold(triple: tuple[str, str, str], g: dict) -> bool:
    """A report in another sentence of the same happening: same type (checked by the caller) and the
    same country on at least one side (a side the report misses is an actor error, not a type error)."""
    return any(t != "-" and t == _gold_side(g, side) for t, side in zip(triple[:2], ("source", "target")))


def read_records(articles: list[GoldArticle]) -> list:
    """Each annotated record read as ``tidings code`` reads a JSONL line: an Article, or the Reject
    ``tidings code`` would record for it (a page in another language), in the annotations' order."""
    from .ingest.jsonl import read_jsonl

    lines = "\n".join(json.dumps(a.record(), ensure_ascii=False) for a in articles).encode("utf-8")
    read = list(read_jsonl(io.BytesIO(lines), "annotations.jsonl", pub_date=None, max_bytes=10**8))
    if len(read) != len(articles):
        raise ValueError("an annotated record was split into several articles or lost")
    return read


def code_gold(articles: list[GoldArticle], rules_only: bool = False) -> list[ArticleResult]:
    """Codes each annotated record with the full pipeline, in order."""
    import os

    from .pipeline import code_articles

    before = os.environ.get("TIDINGS_RULES_ONLY")
    os.environ["TIDINGS_RULES_ONLY"] = "1" if rules_only else ""
    try:
        read = read_records(articles)
        coded = iter(code_articles([r for r in read if isinstance(r, Article)]))
        # A rejected record codes to nothing, so its gold events count as missed.
        return [next(coded) if isinstance(r, Article) else ArticleResult(Article(id=g.doc, body=""), reject=r)
                for g, r in zip(articles, read)]
    finally:
        if before is None:
            os.environ.pop("TIDINGS_RULES_ONLY", None)
        else:
            os.environ["TIDINGS_RULES_ONLY"] = before


def _place_right(ev: Event, g: dict, text: str) -> tuple[bool, bool] | None:
    """(country right, name right) when gold gives a place."""
    if not g.get("place_country") and not g.get("place_span"):
        return None
    loc = ev.location
    country = bool(loc and loc.country and loc.country == g.get("place_country"))
    name = False
    if loc and g.get("place_span"):
        gname = text[g["place_span"][0]: g["place_span"][1]].casefold()
        words = {w for w in (loc.name or "", loc.text or "") if w}
        name = any(w.casefold() in gname or gname in w.casefold() for w in words)
    return country, name


def stored_events(preds: list[Pred]) -> list[list[Pred]]:
    """An article's counted mentions grouped into the events the store would make of them."""
    from .dedup import cluster_events, event_row
    from .store import DEFAULT_MAX_DAYS

    labels = cluster_events([event_row(p.event, "article") for p in preds], max_days=DEFAULT_MAX_DAYS)
    groups: dict[int, list[Pred]] = {}
    for p, k in zip(preds, labels):
        groups.setdefault(k, []).append(p)
    return list(groups.values())


def score(results: list[ArticleScore]) -> dict:
    c: Counter = Counter()
    for r in results:
        matched = {id(p) for p, _, _ in r.matches}
        for group in stored_events(r.preds):
            c["events"] += 1
            c["events_right"] += any(id(p) in matched and p.event.plover_type == group[0].event.plover_type
                                     for p in group)
        gold_types = {g["type"] for g in r.gold.events}
        pred_types = {p.event.plover_type for p in r.preds}
        gold_triples = {(_gold_side(g, "source"), _gold_side(g, "target"), g["type"]) for g in r.gold.events}
        pred_triples = {p.triple for p in r.preds}
        c["type_tp"] += len(gold_types & pred_types)
        c["type_pred"] += len(pred_types)
        c["type_gold"] += len(gold_types)
        c["tri_tp"] += len(gold_triples & pred_triples)
        c["tri_pred"] += len(pred_triples)
        c["tri_gold"] += len(gold_triples)
        c["counted"] += len(r.preds)
        c["gold"] += len(r.gold.events)
        c["matched"] += len(r.matches)
        found = {id(g): g for _, g, _ in r.matches}
        c["gold_found"] += len(found)
        c["core"] += sum(1 for g in r.gold.events if g.get("core"))
        c["core_found"] += sum(1 for g in found.values() if g.get("core"))
        seen: set[int] = set()
        for p, g, how in r.matches:
            # Actors, place and date are judged once per gold event, on a report in its own sentence.
            if how != "sentence" or id(g) in seen:
                continue
            seen.add(id(g))
            for side, idx in (("source", 0), ("target", 1)):
                if g.get(side):
                    c[f"{side}_n"] += 1
                    c[f"{side}_right"] += p.triple[idx] == g[side]
            pr = _place_right(p.event, g, r.gold.text)
            if pr is not None:
                c["place_n"] += 1
                c["place_country_right"] += pr[0]
                c["place_right"] += pr[1]
            if g.get("date") and len(str(g["date"])) == 10:
                c["date_n"] += 1
                c["date_right"] += p.event.date == g["date"]

    def ratio(a: str, b: str) -> float:
        return round(c[a] / c[b], 3) if c[b] else 0.0

    def f1(tp: str, pred: str, gold: str) -> float:
        return round(2 * c[tp] / (c[pred] + c[gold]), 3) if c[pred] + c[gold] else 1.0

    return {
        "articles": len(results),
        "gold_events": c["gold"],
        "counted_events": c["counted"],
        "counted_precision": ratio("matched", "counted"),
        "stored_events": c["events"],
        "event_precision": ratio("events_right", "events"),
        "recall": ratio("gold_found", "gold"),
        "triple_f1": f1("tri_tp", "tri_pred", "tri_gold"),
        "triple_precision": ratio("tri_tp", "tri_pred"),
        "triple_recall": ratio("tri_tp", "tri_gold"),
        "type_f1": f1("type_tp", "type_pred", "type_gold"),
        "core_found": f"{c['core_found']}/{c['core']}",
        "source_country": ratio("source_right", "source_n"),
        "target_country": ratio("target_right", "target_n"),
        "place_country": ratio("place_country_right", "place_n"),
        "place_name": ratio("place_right", "place_n"),
        "date": ratio("date_right", "date_n"),
        "n_source": c["source_n"], "n_target": c["target_n"], "n_place": c["place_n"], "n_date": c["date_n"],
    }


def evaluate_articles(
    ann_dir: str | Path, corpus_dir: str | Path, splits: tuple[str, ...], threshold: float | None = None,
    rules_only: bool = False, batches: tuple[str, ...] | None = None,
) -> tuple[dict, list[ArticleScore]]:
    from .counting import threshold as count_threshold

    th = count_threshold(rules_only) if threshold is None else threshold
    articles = load_articles(ann_dir, corpus_dir, splits, batches)
    coded = code_gold(articles, rules_only=rules_only)
    scores = []
    for gold, res in zip(articles, coded):
        preds = predictions(gold, res, th)
        scores.append(ArticleScore(gold, preds, match(preds, gold.events)))
    figures = score(scores)
    figures["threshold"] = th
    figures["splits"] = ",".join(splits)
    figures["batches"] = ",".join(batches) if batches else "all"
    figures["coder"] = "rules only" if rules_only else "rules + model"
    return figures, scores


def misses_report(scores: list[ArticleScore], limit: int = 40) -> list[str]:
    """Unmatched counted events and missed gold events, for reading (never for tuning on the test split)."""
    out = []
    for s in scores:
        got = {id(p) for p, _, _ in s.matches}
        gm = {id(g) for _, g, _ in s.matches}
        for p in s.preds:
            if id(p) not in got:
                out.append(f"FP {s.gold.corpus}:{s.gold.doc} {p.triple} '{p.event.trigger_text}' ({p.event.rule})")
        for g in s.gold.events:
            if id(g) not in gm:
                tr = g.get("trigger_span")
                words = s.gold.text[tr[0]:tr[1]] if tr else ""
                out.append(f"FN {s.gold.corpus}:{s.gold.doc} {(_gold_side(g, 'source'), _gold_side(g, 'target'), g['type'])} '{words}'")
    return out[:limit]
