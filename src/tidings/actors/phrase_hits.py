"""Finds the lexicon terms in a phrase's tokens and drops the readings their neighbours rule out.

A term needs a capital letter in running text when it is a proper name, and a place word inside a
longer name ("Washington Post", "Stanley Johnson") or after "pro-"/"anti-" is no place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .knowledge import Entry, Lexicon, norm
from .people import dated

DETS = {"the", "a", "an", "this", "that", "these", "those", "some", "several", "many", "two", "three", "four",
        "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "all", "other",
        "both", "each", "any", "most", "few"}


@dataclass(slots=True)  # one a token of every document: slots make them quicker to build and read
class Tok:
    text: str
    start: int = 0
    end: int = 0
    ent: str = ""  # spaCy entity label if any
    pos: str = ""
    idx: int = 0  # index in the phrase

    @property
    def low(self) -> str:
        return norm(self.text)

    @property
    def cap(self) -> bool:
        t = self.text
        return bool(t) and (t[0].isupper() or (t[0].isdigit() and any(c.isupper() for c in t)))


@dataclass
class Hit:
    i: int
    j: int  # exclusive
    entries: list[Entry]
    # the entries by priority, sorted once: the joins ask a hit for its types many times
    ranked: list[Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.ranked = sorted(self.entries, key=lambda e: _PRI.get(e.type, 9))

    def get(self, *types: str) -> Entry | None:
        for e in self.ranked:
            if e.type in types:
                return e
        return None

    @property
    def best(self) -> Entry:
        return self.ranked[0]


_PRI = {"person": 0, "org": 1, "cname": 2, "capital": 3, "cadj": 4, "role": 5, "portfolio": 6, "cplace": 7, "city": 8, "intl": 9}


def find_hits(toks: list[Tok], lex: Lexicon, lower: bool = False) -> list[Hit]:
    """Lexicon terms in ``toks``; ``lower``: the whole text has no capitals (see ``Lexicon.lookup``)."""
    words = [t.text for t in toks]
    folded = [norm(w) for w in words]
    starts = lex.term_starts(words, folded, lower)
    hits: list[Hit] = []
    i = 0
    while i < len(toks):
        if not starts[i]:
            i += 1
            continue
        n, entries = lex.lookup(words, i, folded, lower=lower)
        if n:
            lowered = lex.lowered.get(tuple(folded[i : i + n]), []) if lower else []
            entries = _context_filter(toks, i, _filter_case(toks[i : i + n], entries, lowered, lower), lex, words)
        if n and entries:
            hits.append(Hit(i, i + n, entries))
            i += n
        else:
            i += 1
    return hits


_NOT_NAME_BEFORE = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                    "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "on", "in", "the", "and", "but", "as", "while", "when", "if"}


def _starts_no_term(lex: Lexicon, words: list[str], k: int) -> bool:
    """True when the word at k starts no lexicon term ("Johnson" yes, "Police"/"Mayor" no)."""
    n, _ = lex.lookup(words, k, None)
    return n == 0


def _context_filter(toks: list[Tok], i: int, entries: list[Entry], lex: Lexicon, words: list[str]) -> list[Entry]:
    """Drops readings the neighbours rule out: "Feliciano Valencia" is a name, "pro-Iranian" not Iran's."""
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    out = []
    for e in entries:
        if e.type in ("city", "capital", "cplace") and (toks[i].ent == "PERSON" or (
                nxt is not None and nxt.cap and nxt.text.isalpha() and not nxt.text.isupper()
                and (nxt.ent == "PERSON" or (nxt.ent == "" and _starts_no_term(lex, words, i + 1))))):
            continue  # "Stanley Johnson", "Washington Post": a first name or part of a longer name
        if e.type in ("city", "capital", "cplace") and prev is not None and prev.cap and prev.text.isalpha() \
                and prev.low not in _NOT_NAME_BEFORE and prev.low not in DETS and prev.ent in ("", "PERSON") \
                and not toks[i].text.isupper():
            continue
        if e.type in ("cname", "cadj", "capital", "city") and prev is not None and prev.text == "-" and prev2 is not None \
                and prev2.low in ("pro", "anti", "non"):
            continue
        out.append(e)
    return out


def _filter_case(span: list[Tok], entries: list[Entry], lowered: list[Entry] = (), lower: bool = False) -> list[Entry]:
    """Proper-name entries need a capital letter in running text ("amnesty" is not Amnesty International).

    ``lower``: the text has no capitals at all; ``lowered``: entries of a lower-cased abbreviation there."""
    has_cap = any(t.cap for t in span)
    out = []
    for e in entries:
        if e.type in ("org", "capital", "city", "cname", "cplace", "person") and not has_cap and e not in lowered:
            # a lower-cased corpus has no capitals at all: accept multi-word names there, but only
            # there ("met police in Mombasa", "the hawks in the cabinet" are no names)
            if len(span) < 2 or not lower:
                continue
        out.append(e)
    return out


def person_entry(h: Hit, when=None) -> Entry | None:
    """The person a hit names, coded with the office they held at ``when`` (a date or None).

    Several people of one name ("Bush", "Aliyev") are told apart by who was in office then."""
    found = [e for e in h.entries if e.type == "person"]
    if not found:
        return None
    if len(found) > 1 and all(e.person is not None for e in found):
        from .people import pick

        chosen, _ = pick([e.person for e in found], when)
        found = [e for e in found if e.person is chosen] or found
    return dated(found[0], when)
