"""JSON endpoints: the data of the pages, for scripts (documented in docs/serve.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, HTTPException, Query, Request

from .. import corrections as corr
from ..gold import article_gold, corrected_article_ids
from ..query import select_events
from . import views

router = APIRouter(prefix="/api")


def _bad(exc: Exception) -> HTTPException:
    return HTTPException(status_code=400, detail=str(exc))


@router.get("/events")
def events(request: Request, limit: int | None = Query(None, ge=0), with_text: bool = False) -> dict[str, Any]:
    """``{"events": [...]}``: the rows of ``tidings events --format jsonl`` for the same filters."""
    try:
        flt, raw = views.parse_filters(dict(request.query_params))
    except ValueError as exc:
        raise _bad(exc)
    kwargs = {k: getattr(flt, k) for k in ("actor", "country", "dyad", "directed", "plover_type", "quad_class",
                                           "cameo_prefix", "since", "until", "location_country", "modality",
                                           "min_confidence", "min_mentions")}
    with request.app.state.db.use() as store:
        rows = select_events(store, **kwargs, with_text=with_text, limit=limit, raw=raw)
    return {"events": [views.jsonable(r) for r in rows]}


def _plain(m: dict[str, Any]) -> dict[str, Any]:
    return views.jsonable({k: v for k, v in m.items() if k not in ("html", "outside")})


@router.get("/events/{event_id}")
def event(request: Request, event_id: str, raw: bool = False) -> dict[str, Any]:
    detail = views.detail_or_404(request, "event", event_id, raw)
    return {"event": views.jsonable(detail["event"]), "mentions": [_plain(m) for m in detail["mentions"]],
            "corrections": [views.jsonable(c) for c in detail["history"]]}


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, raw: bool = False) -> dict[str, Any]:
    detail = views.detail_or_404(request, "article", article_id, raw)
    return {"article": views.jsonable(detail["article"]), "annotate": detail["annotate"],
            "events": [views.jsonable(e) for e in detail["events"]],
            "corrections": [views.jsonable(c) for c in detail["history"]]}


@router.post("/events/{event_id}/corrections")
def correct(request: Request, event_id: str, body: dict[str, Any] = Body(...)) -> dict[str, Any]:
    """Body: the fields to change (``plover_type``, ``cameo_code``, ``source_code``, ``target_code``,
    ``location_name``/``location_country``, ``date``, ``modality``, ``not_event``), ``who``, ``note``."""
    try:
        with request.app.state.db.use() as store:
            changes = corr.correct_event(store, event_id, body, who=str(body.get("who") or request.app.state.who),
                                         note=str(body.get("note") or ""))
    except corr.CorrectionError as exc:
        status = 404 if str(exc).startswith("no event") else 400
        raise HTTPException(status, str(exc))
    return {"event_id": event_id, "changes": [views.jsonable({"field": c.field, "old": c.old, "new": c.new})
                                              for c in changes]}


@router.post("/articles/{article_id}/events")
def add(request: Request, article_id: str, body: dict[str, Any] = Body(...)) -> dict[str, Any]:
    """Body: ``trigger_start``/``trigger_end`` (offsets in the section, ``section`` body by default),
    optional ``source_*``/``target_*`` spans and codes, ``plover_type`` or ``cameo_code``, ``date``, place."""
    try:
        with request.app.state.db.use() as store:
            event_id = corr.add_event(store, article_id, body, who=str(body.get("who") or request.app.state.who),
                                      note=str(body.get("note") or ""))
    except (corr.CorrectionError, ValueError) as exc:
        raise _bad(exc)
    return {"event_id": event_id}


@router.get("/gold")
def gold(request: Request) -> dict[str, Any]:
    """The lines ``tidings export --format gold`` writes."""
    with request.app.state.db.use() as store:
        lines = [article_gold(store.con, aid) for aid in corrected_article_ids(store.con)]
    return {"articles": [g for g in lines if g]}
