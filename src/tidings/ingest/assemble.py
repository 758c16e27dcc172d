"""Turns split page parts into an Article (or a Reject): ids, dates, language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records import Article, Dateline, Reject, article_id
from .lang import page_language
from .page import PageParts


def iso_date(value: object, *, fuzzy: bool = False) -> str | None:
    """ISO YYYY-MM-DD from a date-ish value ("2024-12-05", "2024-12-05T10:00:00Z", "5 Dec 2024")."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    s = str(value).strip()
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        pass
    try:
        from dateutil import parser

        # a fixed default means a partial date ("May 2024") never borrows today's day
        d = parser.parse(s, default=dt.datetime(1900, 1, 1), fuzzy=fuzzy)
    except (ValueError, OverflowError, ImportError):
        return None
    return None if d.year == 1900 else d.date().isoformat()


def resolve_dateline_date(found: tuple[int | None, int, int] | None, reference: str | None) -> str | None:
    """A dateline date as ISO; a date without a year takes it from the reference date, if any."""
    if found is None:
        return None
    year, month, day = found
    try:
        if year is not None:
            return dt.date(year, month, day).isoformat()
        if reference is None:
            return None
        ref = dt.date.fromisoformat(reference)
        d = dt.date(ref.year, month, day)
        if d > ref + dt.timedelta(days=7):  # "Dec. 28" in a January paper is last year's
            d = dt.date(ref.year - 1, month, day)
        return d.isoformat()
    except ValueError:
        return None


@dataclass
class Source:
    path: str
    locator: str | None = None
    input_id: str | None = None
    url: str | None = None
    outlet: str | None = None


def choose_date(candidates: list[tuple[str | None, str]]) -> tuple[str | None, str]:
    for value, source in candidates:
        if value:
            return value, source
    return None, "none"


def build_article(
    parts: PageParts,
    src: Source,
    raw: str,
    dates: list[tuple[str | None, str]],
) -> Article | Reject:
    """``dates``: (ISO date or None, source) in order of preference; a date read from the text
    (``pub_date_source="text"``) comes before the user's ``cli`` default."""
    body = parts.body.strip()
    if not body:
        return Reject(src.path, "no_body", "no article text found on the page", src.locator)
    lang, foreign = page_language(body)
    if foreign:
        return Reject(src.path, "not_english", f"detected language: {lang}", src.locator)
    pub_date, pub_source = choose_date([d for d in dates if d[1] != "cli"])
    if pub_date is None:
        # the page's own words before a date the user gave for pages that carry none
        from .textdate import text_pub_date

        pub_date, pub_source = choose_date([(text_pub_date(raw, body, parts.dateline_date), "text"), *dates])
    dl = parts.dateline if isinstance(parts.dateline, Dateline) else Dateline()
    return Article(
        id=article_id(body),
        body=body,
        title=parts.title,
        dateline=dl,
        author=parts.author,
        pub_date=pub_date,
        pub_date_source=pub_source,
        language=lang,
        boilerplate=list(parts.boilerplate),
        source_path=src.path,
        locator=src.locator,
        input_id=src.input_id,
        url=src.url,
        outlet=src.outlet,
        raw=raw,
    )
