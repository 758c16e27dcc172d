"""A publication date from the page's own words, for inputs that carry no date field.

Read only when no metadata, HTML or dated dateline gives one:

1. a marker and a written-out date ("This story is from March 10, 2002",
   "Published: 4 March 2025"; markers in ``data/ingest/pub_date_markers.txt``),
   in the page as read (boilerplate included, where such lines usually sit);
2. a dateline that gives month and day but no year ("GENEVA, Nov 3 (Reuters) -"):
   the year that puts it nearest the latest full date the text writes ("Jan 3"
   after "December 28, 2014" is 2015). With only bare years ("in 2014"), the latest
   one outside a deadline ("by 2030") is a lower bound, not the answer (stories
   look back): the year is the first from it on in which the dateline's day is the
   weekday the lead tells of ("on Saturday"), or the day after; a lead naming no
   weekday leaves the article undated.

Nothing is guessed from the day the page was read: with no year in the text the
article stays undated and ``tidings code`` names it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources

_RE_YEAR = re.compile(r"(?<![\w-])(?P<prep>\b(?:by|until|till|to|through|before|in|since|of)\s+)?(?P<year>(?:19|20)\d\d)(?![\w-])")
_DEADLINE = {"by", "until", "till", "to", "through", "before"}
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_RE_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_LEAD_CHARS = 600  # the first paragraph or two: where a wire story says which day it tells of
_YEARS_AHEAD = 8


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern:
    text = resources.files("tidings").joinpath("data", "ingest", "pub_date_markers.txt").read_text(encoding="utf-8")
    markers = sorted((w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")), key=len, reverse=True)
    words = "|".join(r"\s+".join(map(re.escape, m.split())) for m in markers)
    return re.compile(rf"\b(?:{words})\b\s*:?\s*(?:on\s+)?", re.IGNORECASE)


def marked_date(text: str) -> str | None:
    """The date after a publication marker, ISO; None when there is none."""
    from ..date_phrases import full_dates

    for m in _marker_pattern().finditer(text):
        window = text[m.end() : m.end() + 40]
        found = full_dates(window)
        if found and found[0][0] <= 12:  # the date follows the marker, not some later sentence
            return found[0][2].isoformat()
    return None


def _dateline_year(text: str, month: int, day: int) -> dt.date | None:
    from ..date_phrases import full_dates

    def make(year: int) -> dt.date | None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    found = [d for _, _, d in full_dates(text)]
    if found:
        ref = max(found)
        options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := make(y))]
        return min(options, key=lambda d: abs((d - ref).days)) if options else None
    years = [int(m["year"]) for m in _RE_YEAR.finditer(text) if (m["prep"] or "").strip().lower() not in _DEADLINE]
    weekdays = {_WEEKDAYS[m.group(1).lower()] for m in _RE_WEEKDAY.finditer(text[:_LEAD_CHARS])}
    if not years or not weekdays:
        return None
    for year in range(max(years), max(years) + _YEARS_AHEAD):
        d = make(year)
        if d is not None and (d.weekday() in weekdays or (d.weekday() - 1) % 7 in weekdays):
            return d
    return None


def text_pub_date(page: str, body: str, dateline_date: tuple[int | None, int, int] | None) -> str | None:
    """The publication date the page's words give (see the module docstring), ISO; None when none."""
    if marked := marked_date(page):
        return marked
    if dateline_date is None or dateline_date[0] is not None:
        return None
    d = _dateline_year(body, dateline_date[1], dateline_date[2])
    return d.isoformat() if d else None
