"""Lines of a plain-text page and what each reads like (prose, headline, name, truncated teaser)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...records import Dateline
from ..patterns import furniture_kind, is_section_header, not_name_words
from .rx import (
    _BYLINE,
    _FUNCTION_WORDS,
    _NAME_TOKEN,
    _SENT_END,
    _TRUNC_CUT,
    _TRUNC_END,
    _WIRE_SIGNOFF,
    word_count,
)


@dataclass
class PageParts:
    body: str
    title: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    author: str | None = None
    boilerplate: list[str] = field(default_factory=list)
    # (year or None, month, day) when the dateline carries a date
    dateline_date: tuple[int | None, int, int] | None = None
    # a date printed on the page itself ("Published: 14 May 2025"), as written
    page_date_text: str | None = None


# ---------------------------------------------------------------- line kinds


def _words(line: str) -> list[str]:
    return line.split()


def is_truncated(line: str) -> bool:
    return bool(_TRUNC_END.search(line))


def looks_like_runon_headlines(line: str) -> bool:
    """A long line of several headlines each cut off with "..." (a "Latest news" strip).

    Sites cut teaser headlines at a fixed short width, so most pieces before a cut are short;
    an ellipsis inside a quotation in a paragraph does not make such a pattern.
    """
    pieces = re.split(r"(?:\.\.\.|…)\s+(?=\S)", line)
    cut = pieces[:-1]
    short = [p for p in cut if len(p) <= 120]
    return len(short) >= 2 and len(short) * 2 >= len(cut)


def looks_like_name(line: str) -> bool:
    """A lone personal name: 2-4 capitalised tokens, no verbs, no sentence punctuation."""
    s = line.strip().rstrip(",")
    if not s or len(s) > 40 or any(ch.isdigit() for ch in s) or s.endswith(("!", "?", ":", ";")):
        return False
    if s.endswith(".") and not re.search(r"\b[A-Z]\.$", s):  # "John Q." is a name, "Talks end." is not
        return False
    toks = s.split()
    if not 2 <= len(toks) <= 4:
        return False
    if any(t.casefold().strip(".,") in not_name_words() for t in toks):
        return False
    caps = [t for t in toks if t[0].isupper()]
    if len(caps) < 2 or any(t.isupper() and len(t) > 3 for t in toks):
        return False
    if is_section_header(s) or _country_name(s):
        return False
    return all(_NAME_TOKEN.match(t) for t in toks)


def _country_name(s: str) -> bool:
    try:
        import pycountry

        pycountry.countries.lookup(s)
        return True
    except (LookupError, ImportError):
        return False


def looks_like_prose(line: str) -> bool:
    n = word_count(line)
    if is_truncated(line) or looks_like_runon_headlines(line):
        return False
    line = _WIRE_SIGNOFF.sub("", line)  # "... the station. Sapa /kn/jje" is still a paragraph
    return (n >= 6 and bool(_SENT_END.search(line))) or len(line) >= 160


def looks_like_headline(line: str) -> bool:
    n = word_count(line)
    if n == 0 or n > 30 or len(line) > 250:
        return False
    if is_truncated(line) or furniture_kind(line) or is_section_header(line):
        return False
    # A full sentence ending in a period is a paragraph, unless short (some sites end headlines with ".").
    return not (line.rstrip().endswith(".") and n > 16)


def _byline_name(line: str) -> str | None:
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    name = m.group("name").strip()
    name = re.split(r",|\s+[|•·]\s+|\s+-\s+|\s+in\s+[A-Z]|\s+for\s+", name, maxsplit=1)[0].strip()
    if not name or len(name.split()) > 9 or _SENT_END.search(name) and not re.search(r"\b[A-Z]\.$", name):
        return None
    return name


# ---------------------------------------------------------------- datelines


# the name of an icon font's glyph, dumped as text: "chevron_left", "arrow_forward_ios"
_ICON_NAME = re.compile(r"[a-z]+(?:_[a-z]+)+\b")


@dataclass
class _Line:
    text: str
    blank_before: bool


def _lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    out: list[_Line] = []
    blank = False
    for raw in text.split("\n"):
        s = re.sub(r"[ \t\u200b]+", " ", raw).strip()
        if not s:
            blank = True
            continue
        prev = out[-1].text if out else ""
        # hard-wrapped paragraph: the line goes on in lower case after a line with no full stop;
        # a byline or an icon's name under a headline ("by Tom Rogan", "chevron_left Browse All
        # Posts") is not its continuation
        if (prev and not blank and len(prev) >= 40 and s[:1].islower() and not re.search(r"[.!?:;]$", prev)
                and not _byline_name(s) and not _ICON_NAME.match(s)):
            out[-1] = _Line(prev + " " + s, out[-1].blank_before)
            continue
        out.append(_Line(s, blank))
        blank = False
    return out


def split_runon(line: str) -> list[str]:
    """Splits a strip of truncated headlines at its "..." cuts, and uncut headlines run together
    where a new one opens with a speaker's name and a colon ("... in Hama countryside Lavrov: ...")."""
    parts = [p.strip() for p in _TRUNC_CUT.split(line) if p.strip()]
    if len(parts) <= 1:
        return [line.strip()]
    out: list[str] = []
    for piece in parts:
        start = 0
        for m in _SPEAKER_START.finditer(piece):
            before = piece[start : m.start()].split()
            if len(before) >= 3 and before[-1].casefold() not in _FUNCTION_WORDS:
                out.append(piece[start : m.start()].strip())
                start = m.start()
        out.append(piece[start:].strip())
    return [p for p in out if p]


_SPEAKER_START = re.compile(r"(?<=[a-z0-9’'\"”])\s+(?=[A-Z][\w’'\-]+:\s)")


def _furniture_items(line: str) -> list[str]:
    return split_runon(line) if looks_like_runon_headlines(line) else [line]



KINDS = ("header", "furniture", "truncated", "byline", "prose", "name", "short")


def line_kind(s: str) -> str:
    """What a line reads like, by the hand-written rules (one of ``KINDS``)."""
    if is_section_header(s):
        return "header"
    if furniture_kind(s):
        return "furniture"
    if looks_like_runon_headlines(s) or is_truncated(s) and len(s) < 300:
        return "truncated"
    if _byline_name(s):
        return "byline"
    if looks_like_prose(s):
        return "prose"
    if looks_like_name(s):
        return "name"
    return "short"
