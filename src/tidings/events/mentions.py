"""Which actor mention an argument token stands for, and what kind of actor a mention is.

``ActorFinder`` maps the actor stage's mentions onto the parse: the nearest mention in a token's
phrase, one per coordinated conjunct, a bare mention (text and span only) when the stage recognised
nothing, and the country an uncoded head takes from its own phrase or an ethnic group from where it
lives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..actors import resolve_text
from ..actors.gold_codes import is_international
from ..parsed import char_span, doc_ents
from ..records import ActorMention
from .syntax import NON_ACTOR_ENTS, prep_objects
from .words import word_file, word_set

POSSESSIVE_WORDS = word_set("mentions", "possessive_words")
REFLEXIVE_WORDS = word_set("mentions", "reflexive_words")
QUANTITY_WORDS = word_set("mentions", "quantity_words")
PRONOUN_WORDS = POSSESSIVE_WORDS | word_set("mentions", "pronoun_words")
SUBJECT_PRONOUNS = word_set("mentions", "subject_pronouns")


class ActorFinder:
    """Finds the actor mention an argument token stands for."""

    def __init__(self, doc, actors: Sequence[ActorMention], section: str):
        self.doc = doc
        self.section = section
        self.by_root: dict[int, list[ActorMention]] = {}
        self.tokens: set[int] = set()
        for a in actors:
            span = char_span(doc, a.start, a.end)
            if span is None or not len(span):
                continue
            self.by_root.setdefault(span.root.i, []).append(a)
            self.tokens.update(range(span.start, span.end))

    def _depth(self, tok, head) -> int | None:
        d = 0
        cur = tok
        while cur.i != head.i:
            if cur.head.i == cur.i or d > 12:
                return None
            cur = cur.head
            d += 1
        return d

    def best(self, tok) -> ActorMention | None:
        """Nearest recognised actor in tok's phrase (its clauses and coordinations excluded)."""
        best = None
        best_key = None
        stack = [tok]
        while stack:
            t = stack.pop()
            for a in self.by_root.get(t.i, ()):
                d = self._depth(t, tok) or 0
                # at equal distance a name beats a pronoun: "its European Community partners"
                key = (d, a.kind == "pronoun", -(a.confidence or 0.0), a.start)
                if best_key is None or key < best_key:
                    best, best_key = a, key
            for c in t.children:
                if t.i == tok.i and c.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "parataxis"):
                    continue
                if c.dep_ in ("relcl", "advcl", "ccomp", "parataxis"):
                    continue
                stack.append(c)
        # a mention that covers the token without being rooted inside its phrase
        if best is None:
            return next(self.covering(tok), None)
        return best

    def covering(self, tok) -> Iterator[ActorMention]:
        """The mentions whose words hold ``tok``, in the order they were found."""
        for roots in self.by_root.values():
            for a in roots:
                if a.start <= tok.idx < a.end:
                    yield a

    def bare(self, tok) -> ActorMention:
        keep = {"compound", "amod", "poss", "nmod", "flat", "nummod", "det", "case", "quantmod"}
        left = tok
        for c in tok.lefts:
            if c.dep_ in keep:
                left = min(left, c.left_edge, key=lambda t: t.i)
        right = tok
        for c in tok.rights:
            if c.dep_ in ("compound", "flat", "appos") and c.i == right.i + 1:
                right = c
        span = self.doc[left.i : right.i + 1]
        return ActorMention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            kind="pronoun" if tok.pos_ == "PRON" else None,
            resolved_from="unresolved",
            confidence=0.0,
            section=self.section,
        )

    def for_token(self, tok) -> list[ActorMention]:
        """One mention per coordinated conjunct ("X and Y"); inner coordination of modifiers too."""
        heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        # "thousands of students", "dozens of protesters": the quantity's object is the actor
        heads = [
            next((o for p, o in prep_objects(h, ("of",))), h)
            if (h.pos_ == "NUM" or h.lemma_.lower() in QUANTITY_WORDS) and h.i not in self.by_root
            else h
            for h in heads
        ]
        out: list[ActorMention] = []
        for h in heads:
            a = self.best(h)
            if a is not None:
                inner = self._inner_coordinated(h, a)
                if not inner and not coded(a):
                    a = self._placed_by_phrase(h, a)
                elif not inner:
                    a = self._residence(h, a)
                out.extend(inner or [a])
            elif h.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "X") and h.ent_type_ not in NON_ACTOR_ENTS:
                b = self.bare(h)
                # only people-like heads take a country from their phrase ("doctors from two American
                # aid groups"), not things ("a lunch hosted by the ambassador of Morocco")
                out.append(self._placed_by_phrase(h, b) if h.pos_ != "PRON" and agentive(h, b) else b)
        uniq: list[ActorMention] = []
        seen = set()
        for a in out:
            k = (a.start, a.end)
            if k not in seen:
                seen.add(k)
                uniq.append(a)
        return uniq

    def place_of(self, tok) -> ActorMention | None:
        """A named place the actor stage folded into a larger mention ("its forces in Lebanon")."""
        if tok.ent_type_ not in ("GPE", "LOC"):
            return None
        ent = next((e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end), None)
        if ent is None:
            return None
        res = _resolve_place(ent.text)
        if res is None:
            return None
        return ActorMention(
            text=ent.text, start=ent.start_char, end=ent.end_char, name=res[1], country=res[0], code=res[0],
            kind="place", resolved_from="place", confidence=0.4, section=self.section,
        )

    def _residence(self, head, a: ActorMention) -> ActorMention:
        """An ethnic group is coded by the country it lives in, as CAMEO codes ethnic minorities:
        "ethnic Albanians in south Serbia", "the Albanians of southern Serbia", "ethnic Albanians
        demonstrated in Serbia" (the one country the sentence places them in)."""
        if not a.country or a.sector not in (None, "CVL", "ETH") or a.kind == "pronoun":
            return a
        where = set()
        for p, o in prep_objects(head, ("in", "of", "from")):
            for m in self.by_root.get(o.i, ()) or ([self.place_of(o)] if self.place_of(o) else []):
                if m.kind in ("place", "state") and m.country and m.country != a.country:
                    where.add(m.country)
        ethnic = "ethnic" in a.text.lower().split()
        if not where and ethnic:
            sent = head.sent
            where = {
                m.country for roots in self.by_root.values() for m in roots
                if m.kind in ("place", "state") and m.country and m.country != a.country
                and sent.start_char <= m.start < sent.end_char
            }
        if len(where) != 1 or not (ethnic or head.pos_ in ("PROPN", "NOUN") and a.sector is None and head.lower_.endswith("s")):
            return a
        country = next(iter(where))
        return dataclasses.replace(a, country=country, code=country + (a.sector or ""), resolved_from=f"{a.resolved_from}+residence")

    def _placed_by_phrase(self, head, a: ActorMention) -> ActorMention:
        """An uncoded head placed by a country inside its own phrase takes that country:
        "Pakistan President Zia-ul-Haq", "workers of the Serbian Workers' Union", "doctors from two
        American aid groups".  Clauses, appositions and pronouns do not place it."""
        # "based in Trinidad", "affiliated with the Serbian Workers' Union", "fleeing the war in Liberia"
        stack = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss", "prep", "acl")]
        while stack:
            t = stack.pop(0)
            if t.dep_ in ("relcl", "advcl", "ccomp", "xcomp", "appos", "conj", "parataxis"):
                continue
            inner = list(self.by_root.get(t.i, ()))
            if not inner and t.dep_ in ("compound", "amod") and t.head.i == head.i:
                p = self.place_of(t) if t.ent_type_ in ("GPE", "LOC") else None
                inner = [p] if p is not None else []  # "Pakistan President Zia-ul-Haq" read as one name
            for m in inner:
                if m is a or not coded(m) or pronoun_mention(m):
                    continue
                country = m.country
                sector = a.sector or (m.sector if m.country else None)
                if country is None:  # an international body: "members of the Association of African Jurists"
                    return m
                return dataclasses.replace(
                    a, country=country, sector=sector, code=country + (sector or ""),
                    resolved_from=f"{a.resolved_from or 'phrase'}+phrase",
                    confidence=min(a.confidence or 0.5, m.confidence or 0.5),
                )
            stack.extend(c for c in t.children)
        return a

    def _inner_coordinated(self, head, first: ActorMention) -> list[ActorMention]:
        """'Senior Hungarian and Romanian officials': both demonyms, one noun."""
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
        found = []
        for m in mods:
            group = [m] + list(m.conjuncts)
            if len(group) < 2:
                continue
            for g in group:
                own = self.by_root.get(g.i, ())
                found.extend(own)
                if not own and first.start <= g.idx < first.end and first not in found:
                    found.append(first)  # "Romanian officials": the last demonym lives in the head's mention
        return found if len(found) >= 2 else []


@lru_cache(maxsize=4096)
def _resolve_place(text: str) -> tuple[str, str | None] | None:
    m = resolve_text(text)
    if m is None or not m.country or m.sector or m.kind not in (None, "place", "state"):
        return None
    return m.country, m.name


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    return frozenset(word_file("agent_nouns.txt"))


def agentive(tok, bare: ActorMention) -> bool:
    """A bare target is kept only when it can be an actor: a name, a pronoun, or people-like noun."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
        return True
    heads = [tok] + list(tok.conjuncts)
    # "hundreds of people", "dozens of protesters": the quantity's object is the actor
    heads += [o for h in list(heads) for p, o in prep_objects(h, ("of",))]
    return any(h.lemma_.lower() in agent_nouns() or h.lower_ in agent_nouns() for h in heads)


def lower_case_name(tok) -> bool:
    """In lower-cased copy the parser tags few names: a word no English dictionary knows is one
    ("asked naidu to nominate", "met singhal at karsevakpuram", "togadia said")."""
    from ..places.lowercase import is_name, lower_cased

    return lower_cased(tok.sent) and is_name(tok)


def name_token(tok) -> bool:
    """A token that names someone: a proper noun, a person or organisation entity, or a name of
    lower-cased copy."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG") or lower_case_name(tok)


def known(a: ActorMention | None) -> bool:
    return a is not None and a.resolved_from != "unresolved"


def coded(a: ActorMention | None) -> bool:
    """An actor the actor stage placed: a country, or an international body."""
    return a is not None and (bool(a.country) or is_international(a))


def placed(a: ActorMention | None) -> bool:
    """Whether this side is an actor at all: coded by the actor stage (a country, an international
    body or a sector), or a people-like noun ("students", "protesters") the stage left uncoded."""
    if a is None:
        return False
    if a.country or a.sector or a.code:
        return True
    nouns = agent_nouns()
    return any(w in nouns or w.rstrip("s") in nouns or w[:-2] in nouns for w in a.text.lower().split())


def pronoun_mention(m: ActorMention) -> bool:
    """A pronoun, or a mention the actor stage resolved through one ("he" → the minister): its words
    name no one of their own."""
    return m.kind == "pronoun" or m.resolved_from == "pronoun"


def bare_pronoun(m: ActorMention | None) -> bool:
    """A subject pronoun the actor stage could not resolve to anyone coded."""
    return m is not None and not coded(m) and m.text.lower() in SUBJECT_PRONOUNS


def possessive_pronoun(m: ActorMention, actors: ActorFinder) -> bool:
    words = m.text.lower().split()
    return bool(words) and words[0] in POSSESSIVE_WORDS and (len(words) == 1 or m.resolved_from == "pronoun")


def noun_modifier_actors(noun, actors: ActorFinder) -> list[ActorMention]:
    out = []
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
            for a in actors.by_root.get(c.i, ()):
                out.append(a)
    return out
