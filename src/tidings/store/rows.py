"""The row of each table built from the pipeline's records (and an article read back from its row).

Pure functions: the Spark job builds the same rows with them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from urllib.parse import urlparse

from ..records import ActorMention, Article, Dateline, Event, Reject, as_date


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _iso(value: Any) -> str | None:
    d = as_date(value)
    return d.isoformat() if d else None


def _marks(values: list) -> str:
    return "(" + ", ".join("?" * len(values)) + ")" if values else "(NULL)"


def _sha(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def outlet_key(outlet: str | None, url: str | None, article_id: str) -> str:
    """What counts as one source for ``num_sources``: the outlet, else the URL's host, else the article."""
    if outlet and outlet.strip():
        return outlet.strip().lower()
    if url:
        host = urlparse(url).hostname or ""
        host = host.lower().removeprefix("www.")
        if host:
            return host
    return f"article:{article_id}"


def article_row(a: Article, dup: str | None, sig, seq: int, run_id: str, now) -> dict[str, Any]:
    dl = a.dateline or Dateline()
    return {
        "id": a.id,
        "seq": seq,
        "title": a.title,
        "dateline_place": dl.place,
        "dateline_agency": dl.agency,
        "dateline_text": dl.text,
        "author": a.author,
        "pub_date": as_date(a.pub_date),
        "pub_date_source": a.pub_date_source,
        "language": a.language,
        "body": a.body,
        "boilerplate": list(a.boilerplate or []),
        "source_path": a.source_path,
        "locator": a.locator,
        "input_id": a.input_id,
        "url": a.url,
        "outlet": a.outlet,
        "outlet_key": outlet_key(a.outlet, a.url, a.id),
        "duplicate_of": dup,
        "minhash": sig,
        # A copy is "coded" once its original's mentions are copied to it.
        "coded": dup is None,
        "run_id": run_id,
        "added_at": now,
        "decode_errors": a.decode_errors,
    }

def actor_row(article_id: str, a: ActorMention) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "section": a.section,
        "text": a.text,
        "name": a.name,
        "country": a.country,
        "sector": a.sector,
        "code": a.code,
        "role": a.role,
        "kind": a.kind,
        "resolved_from": a.resolved_from,
        "span_start": a.start,
        "span_end": a.end,
        "confidence": a.confidence,
    }

def mention_row(article_id: str, ev: Event, index: int, seq: int, run_id: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": ev.id
        or _sha(article_id, ev.section, ev.sentence_index, ev.trigger_start, ev.trigger_end, ev.plover_type, ev.cameo_code, index),
        "event_id": None,
        "article_id": article_id,
        "seq": seq,
        "copied_from": None,
        "section": ev.section,
        "sentence_index": ev.sentence_index,
        "sentence": ev.sentence,
        "trigger_text": ev.trigger_text,
        "trigger_start": ev.trigger_start,
        "trigger_end": ev.trigger_end,
        "reported_by": ev.reported_by.text if ev.reported_by else None,
        "reported_by_code": ev.reported_by.code if ev.reported_by else None,
        "plover_type": ev.plover_type,
        "plover_mode": ev.plover_mode,
        "plover_context": list(ev.plover_context or []),
        "cameo_code": ev.cameo_code,
        "goldstein": ev.goldstein,
        "quad_class": ev.quad_class,
        "modality": ev.modality or "asserted",
        "rule": ev.rule,
        "confidence": ev.confidence,
        "model_score": ev.model_score,
        "date": as_date(ev.date),
        "date_text": ev.date_text,
        "date_source": ev.date_source,
        "date_precision": ev.date_precision,
        "run_id": run_id,
    }
    for side in ("source", "target"):
        a = getattr(ev, side)
        row.update(
            {
                f"{side}_text": a.text if a else None,
                f"{side}_name": a.name if a else None,
                f"{side}_country": a.country if a else None,
                f"{side}_sector": a.sector if a else None,
                f"{side}_code": a.code if a else None,
                f"{side}_role": a.role if a else None,
                f"{side}_start": a.start if a else None,
                f"{side}_end": a.end if a else None,
            }
        )
    loc = ev.location
    row.update(
        {
            "location_name": loc.name if loc else None,
            "location_country": loc.country if loc else None,
            "location_lat": loc.lat if loc else None,
            "location_lon": loc.lon if loc else None,
            "location_geonameid": loc.geonameid if loc else None,
            "location_precision": loc.precision if loc else None,
            "location_text": loc.text if loc else None,
        }
    )
    return row


def article_from_row(r: tuple) -> Article:
    return Article(
        id=r[0],
        body=r[1],
        title=r[2],
        dateline=Dateline(place=r[3], agency=r[4], text=r[5]),
        author=r[6],
        pub_date=_iso(r[7]),
        pub_date_source=r[8] or "none",
        language=r[9],
        boilerplate=list(r[10] or []),
        source_path=r[11],
        locator=r[12],
        input_id=r[13],
        url=r[14],
        outlet=r[15],
        decode_errors=r[16] or 0,
    )



def reported_through(row: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """A mention takes its article's outlet and dates, so events are recomputed from mentions alone."""
    row.update(outlet_key=article["outlet_key"], pub_date=article["pub_date"], added_at=article["added_at"])
    return row


def mention_copy(mention: dict[str, Any], article: dict[str, Any], seq: int, run_id: str) -> dict[str, Any]:
    """A near-duplicate's copy of one of its original's mentions, reported through the copy's own article."""
    copy = reported_through(dict(mention), article)
    copy.update(id=_sha(mention["id"], article["id"]), article_id=article["id"], seq=seq,
                copied_from=mention["id"], run_id=run_id)
    return copy


def reject_row(r: Reject, run_id: str, at: dt.datetime) -> dict[str, Any]:
    return {"path": r.path, "locator": r.locator, "reason": r.reason, "detail": r.detail, "run_id": run_id, "at": at}
