"""Corrections from the pages' forms: change an event, add a missed one, annotate from scratch.

Each handler records the correction and redirects back to the page (post/redirect/get),
so a reload shows the stored state; a correction that cannot be made re-renders the page
with the reason.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from .. import corrections as corr
from .pages import article_page, event_page

router = APIRouter()


async def _signed(request: Request) -> tuple[dict, str, str]:
    """The posted form, who signs it (the form's name, else the server's) and its note."""
    form = dict(await request.form())
    return form, (form.get("who") or request.app.state.who or "").strip(), (form.get("note") or "").strip()


@router.post("/events/{event_id}/corrections")
async def correct(request: Request, event_id: str):
    form, who, note = await _signed(request)
    try:
        with request.app.state.db.use() as store:
            corr.correct_event(store, event_id, form, who=who, note=note)
    except corr.CorrectionError as exc:
        return event_page(request, event_id, error=str(exc))
    return RedirectResponse(f"/events/{event_id}", status_code=303)


@router.post("/articles/{article_id}/events")
async def add(request: Request, article_id: str):
    form, who, note = await _signed(request)
    try:
        with request.app.state.db.use() as store:
            event_id = corr.add_event(store, article_id, form, who=who, note=note)
    except (corr.CorrectionError, ValueError) as exc:
        return article_page(request, article_id, error=str(exc))
    return RedirectResponse(f"/events/{event_id}", status_code=303)


@router.post("/articles/{article_id}/annotate")
async def annotate(request: Request, article_id: str):
    form = dict(await request.form())
    with request.app.state.db.use() as store:
        corr.set_annotate(store, article_id, on=form.get("on") == "1", who=(form.get("who") or "").strip())
    return RedirectResponse(f"/articles/{article_id}", status_code=303)
