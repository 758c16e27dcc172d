"""What each page and endpoint shows, read from the store: plain dicts for templates and JSON.

Filters have the names of ``tidings events``' options (``dyad``, ``type``, ``quad``,
``since`` …) and go through the same :class:`tidings.query.EventFilter`; events are read
through the same apply step (:func:`tidings.corrections.events_source`), so the browser,
the API and the command line show the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .. import corrections as corr
from ..query import EVENT_COLUMNS, EventFilter, events_sql
from .marks import Span, clip, find_words, mark, sentence_start

FILTER_NAMES = ("actor", "country", "dyad", "undirected", "type", "quad", "cameo", "since", "until",
                "location_country", "modality", "min_confidence", "min_mentions", "raw")
SORTABLE = ("date", "plover_type", "cameo_code", "quad_class", "source_code", "target_code", "location_name",
            "modality", "num_mentions", "num_articles", "num_sources", "confidence")
PER_PAGE = 50


def _flag(v: Any) -> bool:
    return str(v or "").lower() in ("1", "true", "on", "yes")


def parse_filters(params: Mapping[str, Any]) -> tuple[EventFilter, bool]:
    """An EventFilter and the raw flag from query parameters; a bad value raises ValueError."""
    get = lambda k: (str(params.get(k) or "")).strip() or None  # noqa: E731
    quad = get("quad")
    try:
        quads = [int(q) for q in quad.split(",") if q.strip()] if quad else None
    except ValueError:
        raise ValueError(f"quad wants numbers 0-4, not {quad!r}") from None
    num = lambda k, f: f(get(k)) if get(k) is not None else None  # noqa: E731
    try:
        min_conf, min_ment = num("min_confidence", float), num("min_mentions", int)
    except ValueError:
        raise ValueError("min_confidence is a number from 0 to 1 and min_mentions a whole number") from None
    flt = EventFilter(
        actor=get("actor"), country=get("country"), dyad=get("dyad"), directed=not _flag(params.get("undirected")),
        plover_type=get("type"), quad_class=quads, cameo_prefix=get("cameo"), since=get("since"),
        until=get("until"), location_country=get("location_country"), modality=get("modality") or "asserted",
        min_confidence=min_conf, min_mentions=min_ment,
    )
    flt.where()  # check dates and the dyad now, with the user's words
    return flt, _flag(params.get("raw"))


def jsonable(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in row.items()}


def _rows(con, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def list_events(con, flt: EventFilter, raw: bool = False, sort: str = "date", desc: bool = False,
                page: int = 1, per: int = PER_PAGE, limit: int | None = None) -> dict[str, Any]:
    """One page of matching events (sorted by a column of SORTABLE), and how many match in all."""
    source = corr.events_source(con, raw)
    sql, params = events_sql(flt, source=source)
    total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
    if sort not in SORTABLE:
        sort = "date"
    order = f"{sort} {'DESC' if desc else 'ASC'} NULLS LAST, id"
    page = max(1, int(page))
    n = per if limit is None else limit
    rows = _rows(con, f"SELECT * FROM ({sql}) ORDER BY {order} LIMIT {int(n)} OFFSET {(page - 1) * per}", params)
    return {"rows": rows, "total": total, "page": page, "pages": max(1, -(-total // per))}


def _section_text(con, article_id: str, section: str, cache: dict) -> str:
    key = (article_id, section)
    if key not in cache:
        r = con.execute("SELECT title, body FROM articles WHERE id = ?", [article_id]).fetchall()
        cache[key] = (r[0][0] if section == "headline" else r[0][1]) if r else ""
    return cache[key] or ""


def mention_view(m: dict[str, Any], section_text: str) -> dict[str, Any]:
    """A mention with its sentence marked: trigger, source, target, and the place's and date's words."""
    sentence = (m.get("sentence") or "").rstrip()
    start = sentence_start(section_text, sentence, m.get("trigger_start") or 0)
    spans = []
    if start is not None:
        end = start + len(sentence)
        for part, label in (("trigger", "trigger"), ("source", "source"), ("target", "target")):
            s, e = m.get(f"{part}_start"), m.get(f"{part}_end")
            if s is not None and e is not None:
                title = f"{label}: {m.get(f'{part}_code') or m.get(f'{part}_country') or ''}".rstrip(": ")
                spans += clip([Span(s, e, part, title)], start, end)
    for part, col in (("place", "location_text"), ("date", "date_text")):
        found = find_words(sentence, m.get(col))
        if found:
            spans.append(Span(found[0], found[1], part, f"{part}: {m.get(col)}"))
    out = dict(m)
    out["html"] = mark(sentence, spans, base=start or 0)
    out["outside"] = [p for p in ("source", "target") if m.get(f"{p}_start") is not None and start is not None
                      and not (start <= m[f"{p}_start"] < start + len(sentence))]
    return out


def event_detail(con, event_id: str, raw: bool = False) -> dict[str, Any] | None:
    source = corr.events_source(con, raw) or "events"
    found = _rows(con, f"SELECT * FROM {source} e WHERE e.id = ?", [event_id])
    if not found:
        return None
    event = found[0]
    cache: dict = {}
    mentions = _rows(
        con,
        "SELECT m.*, a.title, a.url, a.source_path, a.outlet FROM mentions m LEFT JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ? ORDER BY m.seq",
        [event_id],
    )
    if not mentions and event_id.startswith(corr.ADDED_PREFIX):
        words = corr.added_spans(con, [event_id]).get(event_id, {})
        art = _rows(con, "SELECT title, url, source_path, outlet FROM articles WHERE id = ?", [event["first_seen_article"]])
        mentions = [{**words, **(art[0] if art else {}), "article_id": event["first_seen_article"], "id": event_id,
                     "rule": "added by a user", "confidence": None, "location_text": None, "date_text": None,
                     "source_code": event.get("source_code"), "target_code": event.get("target_code")}]
    views = [mention_view(m, _section_text(con, m["article_id"], m.get("section") or "body", cache)) for m in mentions]
    # What the coder said for each field a correction changed, shown beside the corrected value.
    coder = _rows(con, "SELECT * FROM events WHERE id = ?", [event_id]) if event.get("corrected") else []
    was = {k: v for k, v in coder[0].items() if k in corr.CORRECTABLE and event.get(k) != v} if coder else {}
    return {"event": event, "mentions": views, "history": corr.history(con, event_id=event_id), "was": was}


def article_detail(con, article_id: str, raw: bool = False) -> dict[str, Any] | None:
    arts = _rows(con, "SELECT * EXCLUDE (minhash) FROM articles WHERE id = ?", [article_id])
    if not arts:
        return None
    art = arts[0]
    scratch = corr.annotated(con, article_id)
    spans: dict[str, list[Span]] = {"body": [], "headline": []}
    if not scratch:
        for a in _rows(con, "SELECT * FROM actors WHERE article_id = ?", [article_id]):
            if a["section"] in spans and a["span_start"] is not None:
                spans[a["section"]].append(Span(a["span_start"], a["span_end"], "actor",
                                                f"{a['text']}: {a['code'] or a['country'] or '?'}"))
    mentions = [] if scratch else _rows(
        con, "SELECT id, event_id, section, trigger_start, trigger_end, trigger_text, plover_type, cameo_code "
        "FROM mentions WHERE article_id = ? ORDER BY seq", [article_id])
    added_ids = [r["event_id"] for r in _rows(
        con, "SELECT DISTINCT event_id FROM corrections WHERE kind = 'add' AND article_id = ?", [article_id]
    )] if corr.has_table(con) else []
    added = corr.added_spans(con, added_ids)
    for m in mentions:
        if m["section"] in spans:
            spans[m["section"]].append(Span(m["trigger_start"], m["trigger_end"], "trigger",
                                            f"{m['plover_type'] or 'CAMEO'} {m['cameo_code']}"))
    for eid, w in added.items():
        if w.get("section") in spans and w.get("trigger_start") is not None:
            spans[w["section"]].append(Span(w["trigger_start"], w["trigger_end"], "trigger", "added by a user"))
    ids = list(dict.fromkeys([m["event_id"] for m in mentions if m["event_id"]] + added_ids))
    events = []
    if ids:
        source = corr.events_source(con, raw) or "events"
        cols = ", ".join(["id", *EVENT_COLUMNS[1:]]) + (", corrected" if source != "events" else "")
        events = _rows(con, f"SELECT {cols} FROM {source} e WHERE id IN ({', '.join('?' * len(ids))}) "
                            "ORDER BY date NULLS LAST, id", ids)
        order = {eid: i for i, eid in enumerate(ids)}
        events.sort(key=lambda e: order[e["id"]])
    return {
        "article": art,
        "annotate": scratch,
        "headline_html": mark(art["title"] or "", spans["headline"]),
        "body_html": mark(art["body"] or "", spans["body"]),
        "events": events,
        "history": corr.history(con, article_id=article_id),
    }


def detail_or_404(request, kind: str, key: str, raw: bool = False) -> dict[str, Any]:
    """The data of one event's or article's page, or a 404 saying which is missing."""
    from fastapi import HTTPException

    fetch = event_detail if kind == "event" else article_detail
    with request.app.state.db.use() as store:
        detail = fetch(store.con, key, raw=raw)
    if detail is None:
        raise HTTPException(404, f"no {kind} {key}")
    return detail
