"""Event dates: the date expression in an event's sentence, resolved against the publication date.

GDELT-style coders date every event by the day the story ran; a story published
on Thursday about "Wednesday's meeting" is then off by a day, and a story about
"last month's raid" by weeks. Here each event gets the date its own sentence
gives, with the words kept (``date_text``) and how it was found (``date_source``):

- ``"text"``: a date or time expression in the sentence;
- ``"story"``: nothing usable in the sentence; the story's day stands in, the first day the
  lead gives to something that happened (``"here on Wednesday"``), see :mod:`tidings.story_day`;
- ``"pub_date"``: nothing usable in the sentence nor in the lead, so the publication date stands in;
- ``"background"``: the sentence tells of something before the story's time ("had
  attacked", "previously") and gives no date: ``date`` is ``None``, not the
  publication date;
- ``"none"``: no date in the sentence and none for the article (``date`` is ``None``).

``date_precision`` says how much of ``date`` is known: ``"day"``, ``"week"`` ("last
week": the day is not known), ``"month"`` ("in March": stored as the 1st) or
``"year"`` ("in 2014": stored as January 1). A month or year never passes for a day.

Resolution rules of :func:`resolve_phrase` (``P`` = publication date):

======================================  ==================================================
phrase                                  resolves to
======================================  ==================================================
"December 4, 2024", "4 Dec 2024",       that day
"2024-12-04", "12/4/2024" (unambiguous)
"Dec. 4", "4 December" (no year)        that day in the year that puts it nearest to P
"December 2024", "in March"             the 1st of that month, precision month (a bare month: the latest
                                        such month on or before P's month)
"2019" / "in 2019"                      January 1 of that year, precision year
"today", "tonight", "this morning"      P
"yesterday", "last night"               P - 1 day
"the day before yesterday"              P - 2 days
"tomorrow"                              P + 1 day
"Wednesday", "on Wednesday",            the latest Wednesday on or before P; a weekday
"Monday night", "Sunday's attack"       equal to P's weekday is P itself (same day)
"last Wednesday"                        the latest Wednesday strictly before P
"next Wednesday", "this coming Monday"  the first such day strictly after P
"three days ago", "two weeks earlier"   P minus that many days / weeks / months / years
"last week"                             P - 7 days (the day is unknown; a week back)
"this week", "earlier this week"        the Monday of P's week (start of the period)
"next week"                             P + 7 days
"earlier this month", "this month"      the 1st of P's month (start of the period)
"last month"                            the 1st of the month before P's
"this year", "earlier this year"        January 1 of P's year
"last year"                             January 1 of the year before P's
======================================  ==================================================

An explicit calendar date wins over any relative phrase in the same expression
("on Wednesday, Dec. 4" → Dec. 4). Durations and vague spans ("four years",
"the 1990s", "decades", "a day") resolve to ``None`` and are ignored.
"""

from __future__ import annotations

import datetime as dt
import re

from functools import lru_cache
from importlib import resources

from .attachment import CROSS, attachment
from .parsed import doc_text, span_ents
from .records import Article, Event, as_date
from .story_day import story_day, unrealised

__all__ = ["resolve_phrase", "resolve_dates", "parse_iso", "classify_precise", "full_dates"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun)\b"
_NUM = r"(?P<n>\d+|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_RE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_RE_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b")
_RE_MON_DAY = re.compile(rf"\b{_MON}\s+{_DAY}\b(?:\s*,?\s*{_YEAR}\b)?")
_RE_DAY_MON = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?:\s*,?\s*{_YEAR}\b)?")
_RE_MON_YEAR = re.compile(rf"\b{_MON}\s*,?\s+(?:of\s+)?{_YEAR}\b")
# A bare month only counts after a preposition: "may" is also a verb.
_RE_MON_ONLY = re.compile(rf"\b(?:in|during|since|early|late|mid|mid-)\s*-?\s*(?:{_MON})\b(?!\s*\d)")
_RE_YEAR_ONLY = re.compile(rf"^(?:in\s+|during\s+|early\s+|late\s+)?{_YEAR}$")
_RE_AGO = re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier|before)\b")
_RE_WEEKDAY = re.compile(rf"\b(?:(?P<mod>last|past|next|this coming|coming|this)\s+)?{_WD}")

_FIXED = [
    (re.compile(r"\bday before yesterday\b"), -2),
    (re.compile(r"\bday after tomorrow\b"), 2),
    (re.compile(r"\b(?:yesterday|last night|previous day|day before)\b"), -1),
    (re.compile(r"\btomorrow\b"), 1),
    (re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b"), 0),
]


parse_iso = as_date  # kept under its old name for callers of when.parse_iso


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").casefold()
    text = re.sub(r"'s\b", "", text)
    return " ".join(text.split()).strip(" ,.;:")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, pub: dt.date | None) -> dt.date | None:
    if pub is None:
        return None
    options = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
    return min(options, key=lambda d: (abs((d - pub).days), d > pub)) if options else None


def _shift_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _explicit(text: str, pub: dt.date | None) -> dt.date | None:
    """A calendar date written out (with or without its year)."""
    if m := _RE_ISO.search(text):
        return _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
    if m := _RE_NUMERIC.search(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12 >= b:  # day/month
            return _safe_date(year, b, a)
        if b > 12 >= a:  # month/day
            return _safe_date(year, a, b)
        if a == b:
            return _safe_date(year, a, b)
        return None  # 4/12/2024 could be either; refuse to guess
    for pattern in (_RE_MON_DAY, _RE_DAY_MON):
        if m := pattern.search(text):
            month, day = _MONTHS[m["mon"]], int(m["day"])
            if not 1 <= day <= 31:
                continue
            if m["year"]:
                return _safe_date(int(m["year"]), month, day)
            return _nearest_year(month, day, pub)
    return None


def _relative_day(text: str, pub: dt.date) -> dt.date | None:
    for pattern, offset in _FIXED:
        if pattern.search(text):
            return pub + dt.timedelta(days=offset)
    if m := _RE_AGO.search(text):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
        unit = m["unit"]
        if unit == "day":
            return pub - dt.timedelta(days=n)
        if unit == "week":
            return pub - dt.timedelta(weeks=n)
        if unit == "month":
            start = _shift_months(pub, -n)
            return _safe_date(start.year, start.month, pub.day) or start
        return _safe_date(pub.year - n, pub.month, pub.day) or _safe_date(pub.year - n, pub.month, 28)
    if m := _RE_WEEKDAY.search(text):
        wd = _WEEKDAYS[m["wd"]]
        mod = m["mod"] or ""
        if mod in ("next", "coming", "this coming"):
            ahead = (wd - pub.weekday()) % 7 or 7
            return pub + dt.timedelta(days=ahead)
        back = (pub.weekday() - wd) % 7
        if mod in ("last", "past") and back == 0:
            back = 7
        return pub - dt.timedelta(days=back)
    return None


def _period(text: str, pub: dt.date) -> tuple[dt.date, str] | None:
    if re.search(r"\b(?:last|past|previous) week\b", text):
        return pub - dt.timedelta(days=7), "week"
    if re.search(r"\bnext week\b", text):
        return pub + dt.timedelta(days=7), "week"
    if re.search(r"\bthis week\b|\bearlier in the week\b", text):
        return pub - dt.timedelta(days=pub.weekday()), "week"
    if re.search(r"\b(?:last|past|previous) month\b", text):
        return _shift_months(pub, -1), "month"
    if re.search(r"\bnext month\b", text):
        return _shift_months(pub, 1), "month"
    if re.search(r"\bthis month\b|\bearlier in the month\b", text):
        return pub.replace(day=1), "month"
    if re.search(r"\b(?:last|past|previous) year\b", text):
        return dt.date(pub.year - 1, 1, 1), "year"
    if re.search(r"\bthis year\b|\bearlier in the year\b", text):
        return dt.date(pub.year, 1, 1), "year"
    if m := _RE_MON_ONLY.search(text):
        month = _MONTHS[m["mon"]]
        year = pub.year if month <= pub.month else pub.year - 1
        return dt.date(year, month, 1), "month"
    return None


def _absolute_coarse(text: str) -> tuple[dt.date, str] | None:
    if m := _RE_MON_YEAR.search(text):
        return dt.date(int(m["year"]), _MONTHS[m["mon"]], 1), "month"
    if m := _RE_YEAR_ONLY.search(text):
        return dt.date(int(m["year"]), 1, 1), "year"
    return None


def classify_precise(text: str, pub_date: dt.date | None) -> tuple[dt.date | None, int, str | None]:
    """The resolved date, its rank (3 explicit day, 2 relative day, 1 period, 0 none) and its precision."""
    t = _normalise(text)
    if not t:
        return None, 0, None
    if d := _explicit(t, pub_date):
        return d, 3, "day"
    if pub_date is not None and (d := _relative_day(t, pub_date)):
        return d, 2, "day"
    if pub_date is not None and (found := _period(t, pub_date)):
        return found[0], 1, found[1]
    if found := _absolute_coarse(t):
        return found[0], 1, found[1]
    return None, 0, None


_RE_FULL_DATES = (_RE_ISO, _RE_NUMERIC, _RE_MON_DAY, _RE_DAY_MON)


def full_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Written-out dates with day, month and year in a text: (start, end, date), in order."""
    found: list[tuple[int, int, dt.date]] = []
    low = text.casefold()
    for pattern in _RE_FULL_DATES:
        for m in pattern.finditer(low):
            if "year" not in m.groupdict() or not m["year"]:
                continue
            d = _explicit(m.group(0), None)
            if d is not None and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), d))
    return sorted(found, key=lambda f: f[0])


def resolve_phrase(text: str, pub_date: dt.date | None) -> dt.date | None:
    """Resolves one date expression against the publication date (see the module table)."""
    return classify_precise(text, parse_iso(pub_date))[0]


# --- per-event resolution -----------------------------------------------------

_DATE_LABELS = {"DATE", "TIME"}
# Prepositions that make a date something other than when the event happened
# ("until Friday", "by next month", "since 2011").
_NOT_EVENT_TIME = {"until", "till", "by", "since", "before", "after", "from", "through", "ahead"}
_KEEP_PREP = {"on", "in", "at", "during", "last", "this", "early", "late", "overnight"}
# Words spaCy often leaves outside DATE entities.
_RE_LOOSE = re.compile(
    r"\b(?:(?:[Ll]ast|[Nn]ext|[Pp]ast)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:'s|\u2019s)?(?:\s+(?:night|morning|afternoon|evening))?\b"
    r"|\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))\b"
)
_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "acl", "xcomp", "csubj", "parataxis", "conj"}


def _trigger_span(doc, ev: Event):
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span


def _attachment(date_root, trigger) -> int:
    """2: in the trigger's own clause; 1: somewhere under the trigger; 0: elsewhere."""
    return attachment(date_root, trigger, lambda t: CROSS if t.dep_ in _CLAUSE_DEPS and t != date_root else None)


def _candidates(sent) -> list[tuple[int, int, object]]:
    """(start_char, end_char, root token) of date expressions in the sentence.

    A written-out date that spaCy split ("Manila, 4 March 2025 -" tagged as
    "March 2025 - Police") is taken whole: the date's own pattern wins over the
    entity's edges.
    """
    doc = sent.doc
    found: list[tuple[int, int, object]] = []
    whole = [(sent.start_char + a, sent.start_char + b) for a, b, _ in full_dates(sent.text)]
    for start, end in whole:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((start, end, span.root))
    for ent in span_ents(sent):
        if ent.label_ in _DATE_LABELS and not any(s < ent.end_char and ent.start_char < e for s, e in whole):
            found.append((ent.start_char, ent.end_char, ent.root))
    for m in _RE_LOOSE.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if any(s < end and start < e for s, e, _ in found):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span.start_char, span.end_char, span.root))
    return found


@lru_cache(maxsize=1)
def _background_words() -> frozenset[str]:
    text = resources.files("tidings").joinpath("data", "when", "background_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _background(trigger) -> bool:
    """The trigger tells of an earlier happening: past perfect ("had attacked") or "previously"."""
    root = trigger.root
    verb = root if root.pos_ in ("VERB", "AUX") else root.head if root.head.pos_ == "VERB" else None
    if verb is None:
        return False
    # "Police said they had arrested three men": reported speech shifts the past back a tense
    reported = verb.dep_ in ("ccomp", "parataxis") or verb.head.lemma_ in ("say", "tell", "report", "announce")
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in ("had", "'d") and verb.tag_ == "VBN":
            return not reported
        if child.dep_ == "advmod" and child.lower_ in _background_words():
            return True
    return False


def _with_preposition(doc, start: int, end: int, root) -> tuple[int, str | None]:
    """Extends the expression leftwards over "on"/"in"; reports a disqualifying preposition."""
    first = doc.char_span(start, end, alignment_mode="expand")
    prev = doc[first.start - 1] if first is not None and first.start > 0 else None
    head = root.head if root.dep_ == "pobj" else None
    for tok in (prev, head):
        if tok is None:
            continue
        low = tok.lower_
        if low in _NOT_EVENT_TIME:
            return start, low
        if tok is prev and low in _KEEP_PREP:
            return tok.idx, None
    return start, None


def _mentions(sent, pub: dt.date | None):
    """The sentence's date expressions that resolve and may be an event's time, in order:
    (start, end, root, text, date, rank, precision); "until Friday" is a deadline, not a time."""
    doc = sent.doc
    stext, base = sent.text, sent.start_char  # Doc.text is rebuilt from the tokens on every access
    for start, end, root in sorted(_candidates(sent), key=lambda c: c[0]):
        start, blocked = _with_preposition(doc, start, end, root)
        if blocked:
            continue
        text = stext[start - base:end - base] if start >= base else doc_text(doc)[start:end]
        date, rank, precision = classify_precise(text, pub)
        if date is not None:
            yield start, end, root, text, date, rank, precision


def resolve_dates(events: list[Event], doc, article: Article) -> None:
    """Sets ``date``, ``date_precision``, ``date_text`` and ``date_source`` on each event in place.

    The expression chosen for an event is, in order: one in the trigger's own
    clause, then one anywhere under the trigger, then any in the sentence; at
    each level a written-out date beats a relative day, which beats a period
    ("last month"); ties go to the expression nearest the trigger.
    """
    pub = parse_iso(article.pub_date)
    story = story_day(doc, lambda sent: _mentions(sent, pub), pub) if events else None
    for ev in events:
        best = None
        trigger = _trigger_span(doc, ev)
        if trigger is not None:
            for start, end, root, text, date, rank, precision in _mentions(trigger.sent, pub):
                attach = _attachment(root, trigger.root)
                if attach < 2 and unrealised(root):
                    continue  # "inmate scheduled to die Wednesday" is not when the lawyers asked
                distance = min(abs(start - trigger.end_char), abs(end - trigger.start_char))
                key = (attach, rank, -distance)
                if best is None or key > best[0]:
                    best = (key, date, text, precision)
        ev.date = ev.date_text = ev.date_precision = None
        if best is not None:
            ev.date, ev.date_text, ev.date_source, ev.date_precision = best[1].isoformat(), best[2], "text", best[3]
        elif trigger is not None and _background(trigger):
            ev.date_source = "background"  # not the day the story ran
        elif story is not None:
            ev.date, ev.date_text, ev.date_source, ev.date_precision = story[0].isoformat(), story[1], "story", "day"
        elif pub is not None:
            ev.date, ev.date_source, ev.date_precision = pub.isoformat(), "pub_date", "day"
        else:
            ev.date_source = "none"
