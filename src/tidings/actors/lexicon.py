"""The lexicon: table terms as token sequences mapped to :class:`Entry` records, and the longest
match at a word. Terms are tokenised with spaCy's rule-based English tokenizer so that table terms
and document tokens split the same way ("Al-Mikdad", "U.S.", "People's"). The tables that fill it
are read by :mod:`tidings.actors.knowledge`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .keys import norm
from .tables import _data

if TYPE_CHECKING:
    from .people import Person


@dataclass(frozen=True)
class Entry:
    type: str  # cname | cadj | capital | cplace | city | org | role | portfolio | person
    name: str  # canonical name
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # person | group | organisation | state
    role: str | None = None
    code: str | None = None
    flags: frozenset[str] = frozenset()
    plural: bool = False
    source: str = "table"
    # a person of the people table: their offices over time (see ``people.py``, ``dated``)
    person: "Person | None" = field(default=None, compare=False)


@lru_cache(maxsize=1)
def tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def split(text: str) -> list[str]:
    return [t.text for t in tokenizer()(text) if not t.is_space]


@dataclass
class Lexicon:
    # key: tuple of normalised tokens -> entries
    folded: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    # exact-case keys (short all-caps abbreviations: "US", "WHO", "AU")
    exact: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_len: int = 1
    # ISO alpha-3 -> canonical country name
    country_names: dict[str, str] = field(default_factory=dict)
    # first words of all keys: most text words start no term, and this answers that at once
    first_words: set[str] = field(default_factory=set)
    first_exact: set[str] = field(default_factory=set)
    # abbreviations of 3+ letters lower-cased ("bjp"), read only in text with no capitals at all
    lowered: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    first_lowered: set[str] = field(default_factory=set)

    def add(self, term: str, entry: Entry, exact: bool | None = None) -> None:
        term = term.strip()
        if not term:
            return
        if exact is None:
            exact = is_abbreviation(term)
        if exact:
            self._add_key(tuple(t.replace("’", "'") for t in split(term)), entry, self.exact)
            if reads_lowered(term):
                self._add_key((norm(term),), entry, self.lowered)
            return
        # the tokenizer keeps "Sen." whole but splits "sen .": index every casing a text may use
        keys = {tuple(norm(t) for t in split(v)) for v in {term, term.capitalize(), term.title()}}
        for key in keys:
            self._add_key(key, entry, self.folded)

    def _add_key(self, key: tuple[str, ...], entry: Entry, table: dict) -> None:
        if not key:
            return
        self.__dict__.pop("_lookup_memo", None)  # a new key may change the answer of any lookup
        first = {id(self.exact): self.first_exact, id(self.lowered): self.first_lowered}.get(id(table), self.first_words)
        first.add(key[0])
        bucket = table.setdefault(key, [])
        # A later table (the user's) overrides an earlier one for the same term and type.
        bucket[:] = [e for e in bucket if e.type != entry.type or e.source == entry.source]
        if entry not in bucket:
            bucket.append(entry)
        self.max_len = max(self.max_len, len(key))

    def fuzzy_country_terms(self, names_only: bool = False) -> dict[str, str]:
        """Single-word country names, demonyms and capitals (folded) -> the term, for spelling slips.

        ``names_only`` keeps country names alone: in running text a near-miss of a group word
        ("Alewite") is more often another group than a slip."""
        attr = "_fuzzy_names" if names_only else "_fuzzy"
        cached = getattr(self, attr, None)
        if cached is None:
            types = ("cname",) if names_only else ("cname", "cadj")
            cached = {}
            for key, entries in self.folded.items():
                if len(key) == 1 and len(key[0]) >= 5 and key[0].isalpha() and any(
                    e.type in types and e.source == "base" for e in entries
                ):
                    cached[key[0]] = key[0]
            setattr(self, attr, cached)
        return cached

    def _lengths(self) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
        """First word -> the lengths of the folded and of the exact keys it begins; rebuilt when
        keys were added (tables only ever gain keys)."""
        size = (len(self.folded), len(self.exact))
        cached = self.__dict__.get("_lengths_cache")
        if cached is None or cached[0] != size:
            tables = []
            for table in (self.folded, self.exact):
                out: dict[str, set[int]] = {}
                for key in table:
                    out.setdefault(key[0], set()).add(len(key))
                tables.append({w: frozenset(ns) for w, ns in out.items()})
            cached = (size, *tables)
            self.__dict__["_lengths_cache"] = cached
        return cached[1], cached[2]

    def term_starts(self, words: list[str], folded: list[str], lower: bool = False) -> list[bool]:
        """For each word (``folded``: their ``norm``), whether some term begins with it; most words
        begin none, and one pass over a phrase answers that without a lookup for each word."""
        fw, fe, fl = self.first_words, self.first_exact, self.first_lowered if lower else ()
        return [f in fw or f in fl or w.replace("’", "'") in fe for w, f in zip(words, folded)]

    def lookup(self, words: list[str], i: int, folded: list[str] | None = None,
               lower: bool = False) -> tuple[int, list[Entry]]:
        """Longest match starting at ``words[i]``: (length, entries), (0, []) when none.

        ``folded`` may hold ``norm(w)`` for every word, computed once by the caller. ``lower``: the
        text has no capital letters at all, so abbreviations are read lower-cased too ("bjp").
        """
        if i >= len(words):
            return 0, []
        word = words[i]
        first = folded[i] if folded is not None else norm(word)
        exact_first = word.replace("’", "'")
        if not (first in self.first_words or lower and first in self.first_lowered or exact_first in self.first_exact):
            return 0, []  # most words begin no term
        by_folded, by_exact = self._lengths()
        # only the lengths some key beginning with this word has (most words begin one or two)
        lengths = set(by_folded.get(first, ()))
        lengths.update(by_exact.get(exact_first, ()))
        if lower and first in self.first_lowered:
            lengths.add(1)
        window = min(max(lengths, default=0), len(words) - i)
        # the answer depends on those words alone, and they come again and again: each phrase cut
        # from a document repeats the document's lookups, and wire copy repeats its names
        key = (tuple(words[i : i + window]), lower)
        memo = self.__dict__.get("_lookup_memo")
        if memo is None:
            memo = self.__dict__["_lookup_memo"] = {}
        found = memo.get(key)
        if found is None:
            if len(memo) > 50_000:  # bounded: memory stays flat over a long run
                memo.clear()
            found = memo[key] = self._longest(words[i : i + window], lengths, lower)
        return found

    def _longest(self, words: list[str], lengths: set[int], lower: bool) -> tuple[int, list[Entry]]:
        folded = [norm(w) for w in words]
        for n in sorted((n for n in lengths if n <= len(words)), reverse=True):
            ex = self.exact.get(tuple(w.replace("’", "'") for w in words[:n]))
            fo = self.folded.get(tuple(folded[:n]))
            lo = self.lowered.get(tuple(folded[:n])) if lower and n == 1 else None
            found = (ex or []) + (fo or []) + [e for e in lo or [] if e not in (ex or []) and e not in (fo or [])]
            if found:
                return n, found
        return 0, []


def is_abbreviation(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters) and " " not in term


@lru_cache(maxsize=1)
def lower_case_words() -> frozenset[str]:
    """Abbreviations that lower-cased text uses as ordinary words ("who", "aid", "raw"): never actors there."""
    from spacy.lang.en.stop_words import STOP_WORDS

    own = {ln.strip().lower() for ln in _data("lower_case_words.txt").splitlines()
           if ln.strip() and not ln.lstrip().startswith("#")}
    return frozenset(own | set(STOP_WORDS))


def reads_lowered(term: str) -> bool:
    """An abbreviation a lower-cased text still writes as a name: 3+ letters, two of them capitals
    ("BJP", "AfD", "LeT"; not "Fed"), one word, and not an English word ("WHO", "AID", "RAW")."""
    letters = [c for c in term if c.isalpha()]
    return (len(letters) >= 3 and sum(c.isupper() for c in letters) >= 2 and len(split(term)) == 1
            and norm(term) not in lower_case_words())
