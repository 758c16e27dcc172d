"""The HTML pages: events (filters, table, time series), one event, one article."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import ontology
from ..corrections import MODALITIES
from ..plot import QUAD_LABELS, period_counts
from . import views
from .chart import series_svg

router = APIRouter()


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("plover_types", sorted(ontology.plover_types()))
    context.setdefault("modalities", MODALITIES)
    context.setdefault("quad_labels", QUAD_LABELS)
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _query(params: dict, **change) -> str:
    merged = {k: v for k, v in {**params, **change}.items() if v not in (None, "")}
    return "?" + urlencode(merged)


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    params = dict(request.query_params)
    sort, desc = params.get("sort", "date"), params.get("dir") == "desc"
    by = params.get("by") if params.get("by") in ("week", "month") else "month"
    try:
        flt, raw = views.parse_filters(params)
        page = int(params.get("page") or 1)
    except ValueError as exc:
        return render(request, "events.html", status=400, error=str(exc), params=params, listing=None,
                      chart="", sort=sort, desc=desc, by=by, query=lambda **c: _query(params, **c))
    with request.app.state.db.use() as store:
        listing = views.list_events(store.con, flt, raw=raw, sort=sort, desc=desc, page=page)
        chart = series_svg(period_counts(store, by=by, flt=flt, raw=raw), by=by)
    return render(request, "events.html", params=params, listing=listing, chart=chart, sort=sort, desc=desc,
                  by=by, error=None, query=lambda **c: _query(params, **c))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, raw: bool = False, error: str | None = None) -> HTMLResponse:
    detail = views.detail_or_404(request, "event", event_id, raw)
    return render(request, "event.html", status=400 if error else 200, raw=raw, error=error,
                  who=request.app.state.who, **detail)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, raw: bool = False, error: str | None = None) -> HTMLResponse:
    detail = views.detail_or_404(request, "article", article_id, raw)
    return render(request, "article.html", status=400 if error else 200, raw=raw, error=error,
                  who=request.app.state.who, **detail)
