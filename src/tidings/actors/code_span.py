"""Codes one candidate span cut from a parsed section into actor mentions.

A span is a pronoun, a phrase whose head is an actor (coded by ``resolve_tokens``), or a phrase
about something else whose named bodies and people are actors of their own ("Kazakhstan's support").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..parsed import doc_table, doc_tokens
from ..records import ActorMention
from .context import SEAT_PLACE_PREPS, attached_country
from .knowledge import Lexicon, is_not_actor_name
from .phrase import PLACE_NAME_ENDS, Tok, finish, resolve_tokens
from .spelling import respell

CHUNK_DETS = {"the", "a", "an"}
PERSONAL_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself", "they", "them", "their",
                     "themselves", "it", "its"}
LOCATIVE = {"in", "at", "inside", "across", "throughout", "near", "around", "into", "within", "outside", "from",
            "to", "toward", "towards", "across", "over", "through", "on"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
# Role words that are ordinary English on their own ("in front of", "the state of", "made public"):
# alone and in lower case they are no actor.
BARE_SKIP = {"front", "general", "state", "head", "chief", "force", "board", "press", "public", "market", "park",
             "camp", "division", "unit", "office", "group", "city", "town", "village",
             "member", "members", "business", "industry", "media", "mission", "order", "authority", "justice",
             "party", "cabinet", "council", "campaign", "population", "speaker", "security"}


@dataclass
class Meta:
    sent: int  # sentence index in the doc
    subject: bool  # head is the grammatical subject of its clause
    head: int  # doc index of the head token
    pronoun: str | None = None  # the pronoun word for pronoun mentions ("he", "his")
    noun: str | None = None  # the noun after a possessive pronoun ("country")
    domestic: bool = False  # an office whose state was not named
    only_role: bool = False  # "the minister": a role with no name, country or organisation
    definite: bool = False  # starts with "the"
    clause: int = -1  # doc index of the verb the head depends on (for "X told him": him is not X)
    foreign: bool = False  # a diplomat, tourist, peacekeeper ...: not of the place the story is in
    people: bool = False  # unnamed people ("a man", "the suspects"): a story country given them is inferred


def hits_in(a: int, b: int, hit_at) -> bool:
    return any(k in hit_at for k in range(a, b))


def _head_index(doc, a: int, b: int, hit_at) -> int:
    """The last token of the first segment (before a preposition or comma)."""
    table = doc_table(doc)
    lower, tag = table.lower, table.tag
    k = a
    end = b
    while k < b:
        if k > a and (lower[k] in ("of", "for", "to", "in", "from", "at", ",") and k not in hit_at):
            end = k
            break
        k += 1
    h = end - 1
    while h > a and (tag[h] == "POS" or table.tokens[h].is_punct):
        h -= 1
    return h


def _clause(doc, i: int) -> int:
    table = doc_table(doc)
    for _ in range(4):
        if table.pos[i] in ("VERB", "AUX") or table.dep[i] == "ROOT":
            return i
        i = table.head[i]
    return i


def _subject(doc, a: int, b: int) -> bool:
    dep = doc_table(doc).dep
    return any(dep[k] in SUBJECT_DEPS for k in range(a, b))


def _governing_prep(doc, a: int) -> str | None:
    table = doc_table(doc)
    k = a - 1
    if k >= 0 and table.pos[k] == "ADP":
        return table.lower[k]
    return None


def _code_chunk(doc, dtoks, a: int, b: int, lex: Lexicon, hit_at, sent_of, section: str, text: str, when=None,
                lower: bool = False):
    table = doc_table(doc)
    tokens, lowers, tags = table.tokens, table.lower, table.tag
    first = tokens[a]
    sent = sent_of.get(a, 0)
    # pronouns ----------------------------------------------------------------
    if lowers[a] in PERSONAL_PRONOUNS and dtoks[a].pos == "PRON":
        noun = None
        end = a + 1
        if first.tag_ == "PRP$" and b > a + 1:
            # "his country's desire": the possessed noun ends at the next possessive marker
            stop = b
            for k in range(a + 1, b):
                if tokens[k].tag_ == "POS":
                    stop = k
                    break
            if stop > a + 1:
                noun = tokens[stop - 1].lemma_.lower()
                end = stop
        ptext = text[first.idx : tokens[end - 1].idx + len(tokens[end - 1].text)]
        m = ActorMention(text=ptext, start=first.idx, end=first.idx + len(ptext), kind="pronoun",
                         role=noun, resolved_from=None, confidence=0.0, section=section)
        meta = Meta(sent=sent, subject=_subject(doc, a, end), head=end - 1, pronoun=first.lower_, noun=noun,
                    clause=_clause(doc, a))
        # "its European Community partners": a named body inside the possessed phrase is an actor too
        inner = _sub_mentions(doc, dtoks, a + 1, b, lex, hit_at, sent_of, section, text, when, lower) if b > a + 1 else []
        return [(m, meta)] + [x for x in inner if x[0].kind in ("organisation", "state")]

    # fresh copies of the document's tokens (resolve_tokens numbers them), without new spaCy tokens
    toks = [Tok(d.text, d.start, d.end, d.ent, d.pos) for d in dtoks[a:b]]
    res = resolve_tokens(toks, lex, ents=True, when=when, lower=lower)
    if res.country is None and not res.igo and res.org is None and res.person is None and b - a <= 12:
        # wire copy has slips ("Ethopia", "Quatar's emir"): a near-miss of a country word codes as it
        fixed = respell(toks, res, lex, in_text=True, when=when)
        if fixed is not None:
            res = fixed
    if res.country is None and not res.igo and res.person is None and (
            res.head_role is not None or res.org is not None or res.name_span is not None):
        # "Police in Cologne", "the Cologne police": the place attached to the office is its state's
        placed = attached_country(doc, a, b, hit_at)
        if placed:
            res.country, res.country_from, res.domestic = placed, "place", False
            finish(res)
    respelled = res.resolved_from == "spelling"
    head = _head_index(doc, a, b, hit_at)
    content = [tokens[k] for k in range(a, b) if lowers[k] not in CHUNK_DETS]
    if len(content) == 1 and content[0].lower_ in BARE_SKIP and content[0].text.islower() and not (
            lower and lowers[a] == "the" and _subject(doc, a, b)):
        # lower-cased copy writes every name in lower case: "the party said" there is still the party
        return []
    hh = hit_at.get(head)
    titled = _name_after_title(doc, a, b, hit_at)
    head_actor = respelled or titled is not None
    if hh and (hh.get("role", "org", "cname", "capital", "person", "city", "cplace") or (hh.get("cadj") and (hh.get("cadj").plural or dtoks[head].pos in ("NOUN", "PROPN")))):
        head_actor = True
    elif res.name_span is not None and a + res.name_span[0] <= head < a + res.name_span[1]:
        head_actor = True
    elif table.ent[head] in ("PERSON", "ORG", "NORP") and not hh:
        head_actor = True
    if not head_actor:
        content = [tokens[k] for k in range(a, b) if lowers[k] not in CHUNK_DETS]
        if content and not hits_in(a, b, hit_at) and all(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in content) \
                and len(content) <= 3 and _subject(doc, a, b) and not content[-1].lower_ in PLACE_NAME_ENDS:
            # an untagged proper name acting as subject ("Zille claimed"): most often a person
            start, end = content[0].idx, content[-1].idx + len(content[-1].text)
            m = ActorMention(text=text[start:end], start=start, end=end, name=text[start:end], kind="person",
                             resolved_from="dictionary", confidence=0.25, section=section)
            return [(m, Meta(sent=sent, subject=True, head=content[-1].i, clause=_clause(doc, content[-1].i)))]
        owner = next((k for k in range(a + 1, b) if tags[k] == "POS"), None)
        if owner is not None and any(hit_at.get(k) is not None and hit_at[k].get("role") for k in range(a, owner)):
            # "the supreme court's order", "the commission's decision": the owner is an actor of its own
            return _code_chunk(doc, dtoks, a, owner, lex, hit_at, sent_of, section, text, when, lower) + \
                _sub_mentions(doc, dtoks, owner + 1, b, lex, hit_at, sent_of, section, text, when, lower)
        return _sub_mentions(doc, dtoks, a, b, lex, hit_at, sent_of, section, text, when, lower)

    start = tokens[a].idx
    end = tokens[b - 1].idx + len(tokens[b - 1].text)
    m = ActorMention(
        text=text[start:end], start=start, end=end, name=res.name, country=res.country, sector=res.sector,
        code=res.code, role=res.role, kind=res.kind, resolved_from="dictionary", confidence=res.confidence,
        section=section,
    )
    if respelled:
        m.resolved_from = "spelling"
    elif res.country_from == "place":
        m.resolved_from = "place"
    if m.kind is None and res.name is None and lowers[head] in PLACE_NAME_ENDS:
        return []  # "Pniel Road": a place the place stage handles
    if m.kind is None and res.name is None and table.ent[head] in ("ORG", "NORP", "PERSON"):
        m.kind = "person" if table.ent[head] == "PERSON" else "organisation"
        m.name = text[tokens[a + (1 if lowers[a] in CHUNK_DETS else 0)].idx : end]
        m.confidence = 0.3
    if m.kind is None and res.name is not None and res.name_span is not None:
        m.kind = "person"
    if m.name is None and titled is not None:
        # "union power minister suresh p prabhu" in lower-cased copy: the parser tags no person, but a
        # proper name after a title is the titled person's, so a later "prabhu" can find them
        m.name, m.kind = text[titled[0]:titled[1]], "person"
    subject = _subject(doc, a, b)
    if res.org is not None and "seat" in res.org.flags and res.head_role is None and _governing_prep(doc, a) in SEAT_PLACE_PREPS:
        # "talks at the White House": the building is where, not who
        m.kind, m.sector, m.code, m.confidence = "place", None, res.country, 0.4
    if res.only_place or res.only_country:
        prep = _governing_prep(doc, a)
        if res.only_capital and subject and prep is None:
            m.sector, m.kind, m.resolved_from = "GOV", "state", "capital"
            res.sector = "GOV"
            finish(res)
            m.code, m.confidence = res.code, min(res.confidence, 0.8)
        elif res.only_place or prep in LOCATIVE:
            m.kind = "place"
            m.sector = None
            m.code = res.country
            m.confidence = 0.4
    if m.country is None and m.sector is None and m.name is None:
        return []
    if m.country is None and m.sector is None and res.org is None and is_not_actor_name(m.name):
        return []  # "Brent rose": a price, not a person
    meta = Meta(sent=sent, subject=subject, head=head, domestic=res.domestic, clause=_clause(doc, head),
                only_role=res.head_role is not None and m.name is None and res.country is None and not res.igo and res.org is None,
                definite=lowers[a] == "the",
                foreign=res.head_role is not None and bool({"diplomat", "foreign"} & res.head_role.flags),
                people=res.head_role is not None and "people" in res.head_role.flags and m.name is None)
    return [(m, meta)]


def _name_after_title(doc, a: int, b: int, hit_at) -> tuple[int, int] | None:
    """Character span of the untagged proper name that ends a phrase after a person's title, if any."""
    tokens = doc_tokens(doc)
    last = max((k for k in range(a, b) if hit_at.get(k) is not None), default=None)
    if last is None:
        return None
    h = hit_at[last]
    roles = [hit_at[k].get("role") for k in range(a, h.j) if hit_at.get(k) is not None and hit_at[k].get("role")]
    # "minister for rural development m. venkaiah naidu": a portfolio may stand between title and name
    if not roles or roles[-1].kind != "person" or h.get("org", "person") or not (h.get("role") or h.get("portfolio")):
        return None
    tail = tokens[h.j : b]
    initial = lambda t: len(t.text) <= 3 and t.text.endswith(".")  # noqa: E731 - "m. venkaiah naidu"
    if not 1 <= len(tail) <= 4 or not all((t.pos_ == "PROPN" or initial(t)) and t.ent_type_ in ("", "PERSON") for t in tail):
        return None
    if not any(len(t.text.strip(".")) > 2 for t in tail):
        return None
    return tail[0].idx, tail[-1].idx + len(tail[-1].text)


def _sub_mentions(doc, dtoks, a: int, b: int, lex: Lexicon, hit_at, sent_of, section: str, text: str, when=None,
                  lower: bool = False):
    """Actors named inside a phrase about something else ("Kazakhstan's support")."""
    table = doc_table(doc)
    tokens, ents = table.tokens, table.ent
    out = []
    k = a
    while k < b:
        h = hit_at.get(k)
        if h and h.i == k and (h.get("org", "cname", "cadj", "capital", "person") and not h.get("role")) and not h.get("portfolio"):
            j = min(h.j, b)
            toks = [Tok(d.text, d.start, d.end, d.ent, d.pos) for d in dtoks[k:j]]
            res = resolve_tokens(toks, lex, ents=True, when=when, lower=lower)
            start, end = tokens[k].idx, tokens[j - 1].idx + len(tokens[j - 1].text)
            m = ActorMention(text=text[start:end], start=start, end=end, name=res.name, country=res.country,
                             sector=res.sector, code=res.code, role=res.role, kind=res.kind or "state",
                             resolved_from="dictionary", confidence=min(res.confidence, 0.7), section=section)
            if res.only_capital or res.only_place:
                m.kind, m.sector, m.code, m.confidence = "place", None, res.country, 0.4
            if h.get("cadj") and not h.get("cname"):
                m.kind = "state"
            out.append((m, Meta(sent=sent_of.get(k, 0), subject=_subject(doc, k, j), head=j - 1)))
            k = j
            continue
        if ents[k] == "PERSON" and tokens[k].ent_iob_ == "B" and k not in hit_at:
            j = k + 1
            while j < b and tokens[j].ent_iob_ == "I" and j not in hit_at:
                j += 1
            if tokens[j - 1].lower_ in PLACE_NAME_ENDS:
                k = j
                continue
            start, end = tokens[k].idx, tokens[j - 1].idx + len(tokens[j - 1].text)
            if is_not_actor_name(text[start:end]):
                k = j
                continue
            m = ActorMention(text=text[start:end], start=start, end=end, name=text[start:end], kind="person",
                             resolved_from="dictionary", confidence=0.3, section=section)
            out.append((m, Meta(sent=sent_of.get(k, 0), subject=_subject(doc, k, j), head=j - 1)))
            k = j
            continue
        k += 1
    return out
