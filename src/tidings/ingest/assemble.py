"""Turns split page parts into an Article (or a Reject): ids, dates, language."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: str) -> tuple[str, int]:
    """A lone surrogate (from a JSON "\\ud800" escape, or a UTF-7 page) cannot be written as UTF-8,
    so neither the store nor a JSON Lines file could hold it: it becomes U+FFFD and is counted."""
    n = len(_SURROGATE.findall(value))
    return (_SURROGATE.sub("\ufffd", value), n) if n else (value, 0)


def _clean_strings(obj) -> None:
    """Replaces lone surrogates in every string field of a record (and of its dateline)."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str):
            setattr(obj, f.name, without_surrogates(value)[0])
        elif isinstance(value, list) and any(isinstance(v, str) for v in value):
            setattr(obj, f.name, [without_surrogates(v)[0] if isinstance(v, str) else v for v in value])
        elif dataclasses.is_dataclass(value):
            _clean_strings(value)


def build_article(
    parts: PageParts,
    src: Source,
    raw: str,
    dates: list[tuple[str | None, str]],
) -> Article | Reject:
    """``dates``: (ISO date or None, source) in order of preference; a date read from the text
    (``pub_date_source="text"``) comes before the user's ``cli`` default."""
    body, surrogates = without_surrogates(parts.body.strip())
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
    art = Article(
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
    _clean_strings(art)
    art.decode_errors = surrogates
    return art
