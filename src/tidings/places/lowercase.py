"""Place names in lower-cased copy, where the parser cannot see them.

Some papers' copy reaches us all in lower case ("police fired 10 rounds in the amraiwadi area
of ahmedabad"). There spaCy tags few names as places or proper nouns, so the candidates of
:mod:`tidings.places.sentence` miss them. In such a sentence the object of a locative
preposition is a place name when the gazetteer knows it ("in hapur", "in the lok sabha") or
when it is no English word, alone or before a noun that follows town-quarter and village names
(``data/places/locality_nouns.tsv``: "the kalupur area", "pahad village", "the shahpur police
station area", "the maldahiya crossing"). English words are those of the dictionary the
pipeline's lemmatizer ships (:func:`tidings.nlp.english_words`), less the words of Indian
English news copy that name no place (``data/places/not_places.txt``: "in a dharna").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..nlp import english_words
from ..parsed import span_text
from .gazetteer import data_lines, made_at, place_nouns

_NAME_DEPS = ("compound", "amod", "nmod")


def lower_cased(sent) -> bool:
    """The sentence is lower-cased copy: letters, and none of them a capital."""
    text = span_text(sent)
    return any(c.isalpha() for c in text) and not any(c.isupper() for c in text)


@lru_cache(maxsize=1)
def locality_nouns() -> dict[tuple[str, ...], bool]:
    """Nouns that follow a locality's name, as word tuples, with whether they belong to the name."""
    return {tuple(row[0].split()): row[1].strip() == "keep" for row in data_lines("locality_nouns.tsv")}


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(row[0].strip().lower() for row in data_lines("not_places.txt"))


def is_name(token) -> bool:
    """A word that is no English word: a name (of a place, or of someone)."""
    words = english_words()
    if words is None:
        return False  # without the dictionary nothing tells a name from a word
    text = token.lower_
    parts = [p for p in re.split(r"[-']", text) if p]
    return (
        bool(parts) and all(p.isalpha() for p in parts) and len(text) >= 3 and not token.is_stop
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON", "NORP")
        and text not in words and token.lemma_.lower() not in words and text not in _not_places()
    )


def _locality_noun(words: list[str]) -> tuple[int, bool] | None:
    """How many of the last words (lower case) are a locality noun ("police station area"), and
    whether it is part of the name; a name word must stand before it."""
    nouns = locality_nouns()
    for n in range(min(3, len(words) - 1), 0, -1):
        tail = tuple(words[-n:])
        if tail in nouns:
            return n, nouns[tail]
    return None


def ends_in_locality_noun(span) -> bool:
    """The phrase names a quarter or village by its noun ("the limbayat area", "ajwa road")."""
    return _locality_noun([t.lower_ for t in span]) is not None


def name_phrases(sent, weights: dict[str, float]):
    """(span, unlisted_ok) for each object of a locative preposition in a lower-cased sentence:
    the words of its noun phrase without determiners ("the kalupur area" → "kalupur area"),
    and whether the phrase may be a place the gazetteer does not list (its name words are no
    English words, and the preposition surely locates: "in", "at")."""
    doc = sent.doc
    for tok in sent:
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            continue
        prep = _outer_preposition(tok.head)
        if prep is None or weights.get(prep.lower_, 0.0) < 0.5:
            continue
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB", "X"):
            continue
        start = tok.i
        while start - 1 > tok.head.i and doc[start - 1].dep_ in _NAME_DEPS and doc[start - 1].head.i <= tok.i \
                and doc[start - 1].pos_ not in ("DET", "NUM", "PRON", "PUNCT"):
            start -= 1
        tokens = list(doc[start : tok.i + 1])
        noun = _locality_noun([t.lower_ for t in tokens])
        name = tokens[: len(tokens) - noun[0]] if noun else tokens
        surely = weights.get(prep.lower_, 0.0) >= 1.0 or made_at(prep)  # "arrested from the sealdah railway station"
        unlisted = bool(name) and surely and all(is_name(t) for t in name)
        yield doc[start : tok.i + 1], unlisted


def _outer_preposition(prep):
    """The preposition that locates: ``prep`` itself, or for "of" after a place noun ("in parts
    of kadi", "in the outskirts of the town") the one that governs the place noun."""
    for _ in range(4):
        if prep.lower_ != "of":
            return prep
        noun = prep.head
        if noun.lower_ not in place_nouns() or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return None
        prep = noun.head
    return None


def locality_name(text: str) -> str:
    """The name a locality shows: its words without a locality noun that is no part of the name
    ("kalupur area" → "Kalupur", "maldahiya crossing" → "Maldahiya Crossing")."""
    words = text.split()
    noun = _locality_noun([w.lower() for w in words])
    if noun is not None and not noun[1]:
        words = words[: -noun[0]]
    name = " ".join(words)
    return name.title() if name.islower() or name.isupper() else name
