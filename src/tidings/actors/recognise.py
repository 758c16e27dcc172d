"""Finds actor phrases in a parsed section and codes each one.

Noun phrases are cut linearly from part-of-speech tags rather than from the
dependency tree: the small English model often attaches "to Lebanon" or "of
Foreign Affairs" to the wrong head, but it tags nouns reliably. Base chunks are
then joined across "of/for" (after a title), "to" (after a diplomat), "in/from"
(a place after an office), "and" (inside a Title-Case office name) and commas
(apposition of a name and a title), so that "the Ambassador of Kazakhstan to
Lebanon Rasul Jumali" is one mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import ActorMention, Article
from .context import SEAT_PLACE_PREPS, attached_country, gazetteer_place
from .knowledge import Lexicon, is_not_actor_name, norm
from .phrase import DETS, PLACE_NAME_ENDS, Hit, Tok, find_hits, finish, resolve_tokens
from .spelling import respell

NOMINAL_POS = {"PROPN", "NOUN", "ADJ", "NUM"}
NOMINAL_DEPS = {"compound", "amod", "nummod", "nmod"}
CHUNK_DETS = {"the", "a", "an"}
POSS_PRONOUNS = {"his", "her", "their", "its"}
PERSONAL_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself", "they", "them", "their",
                     "themselves", "it", "its"}
LOCATIVE = {"in", "at", "inside", "across", "throughout", "near", "around", "into", "within", "outside", "from",
            "to", "toward", "towards", "across", "over", "through", "on"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
PLACE_TYPES = ("cname", "cadj", "capital", "cplace", "city")
_DASHES = {"–", "—", "-", "--", ":"}
# Role words that are ordinary English on their own ("in front of", "the state of", "made public"):
# alone and in lower case they are no actor.
BARE_SKIP = {"front", "general", "state", "head", "chief", "force", "board", "press", "public", "market", "park",
             "camp", "division", "unit", "office", "people", "group", "family", "city", "town", "village",
             "member", "members", "business", "industry", "media", "mission", "order", "authority", "justice",
             "party", "cabinet", "council", "campaign", "population", "crowd", "speaker", "security"}


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


def _is_nominal(t, covered: set[int]) -> bool:
    if t.i in covered:
        return True
    if t.is_space or t.is_punct and t.text not in ("-", "'s", "’s", ".", "&"):
        return False
    if t.ent_type_ in ("DATE", "TIME") and t.dep_ == "npadvmod":
        return False  # "Zia-Ul-Haq today rejected": the time adverb is not part of the name
    if t.pos_ in NOMINAL_POS:
        return True
    if t.tag_ == "POS":
        return True
    if t.text == "-" or t.text == "&":
        return True
    if t.dep_ in NOMINAL_DEPS and t.pos_ not in ("ADP", "CCONJ", "PRON", "DET", "AUX", "PART", "SCONJ"):
        return True
    return False


def _title_case(toks) -> bool:
    words = [t for t in toks if t.is_alpha and t.lower_ not in ("of", "and", "the", "for", "al", "el")]
    return bool(words) and all(t.text[0].isupper() for t in words)


def _dateline_end(doc, article: Article | None) -> int:
    """Index of the first token after a leading dateline ("Damascus, (ST) –"), else 0."""
    if len(doc) == 0:
        return 0
    if article is not None and article.dateline and article.dateline.text:
        dl = article.dateline.text.strip()
        if dl and doc.text.lstrip().startswith(dl):
            off = doc.text.index(dl) + len(dl)
            for t in doc:
                if t.idx >= off:
                    return t.i
    for t in doc[:12]:
        # a dateline dash stands apart ("KABUL (Reuters) - "); "Secretary-General" is one title
        if t.text in _DASHES and t.i > 0 and doc[0].text[:1].isupper() and (doc[t.i - 1].whitespace_ or t.whitespace_):
            before = doc[: t.i]
            if all(x.is_punct or x.text[:1].isupper() or x.like_num or x.is_space for x in before):
                return t.i + 1
        if t.is_sent_end and t.i > 0:
            break
    return 0


def recognise_doc(doc, lex: Lexicon, article: Article | None, section: str) -> list[tuple[ActorMention, Meta]]:
    if len(doc) == 0:
        return []
    text = doc.text  # built from the tokens on every access: read once
    dtoks = [Tok(t.text, t.idx, t.idx + len(t.text), t.ent_type_, t.pos_) for t in doc]
    # a lower-cased corpus (no capital anywhere) still writes abbreviations as names ("bjp")
    lower = not any(c.isupper() for c in text)
    hits = find_hits(dtoks, lex, lower)
    covered: set[int] = set()
    hit_at: dict[int, Hit] = {}
    for h in hits:
        covered.update(range(h.i, h.j))
        for k in range(h.i, h.j):
            hit_at[k] = h
    skip_to = _dateline_end(doc, article) if section == "body" else 0
    sent_of = {}
    for si, s in enumerate(doc.sents):
        for t in s:
            sent_of[t.i] = si

    # --- base chunks -------------------------------------------------------
    chunks: list[list[int]] = []  # [start, end) token ranges
    k = skip_to
    n = len(doc)
    while k < n:
        t = doc[k]
        low = t.lower_
        if low in POSS_PRONOUNS and t.tag_ == "PRP$":
            j = k + 1
            while j < n and _is_nominal(doc[j], covered) and sent_of[j] == sent_of[k]:
                j += 1
            chunks.append([k, j])
            k = j
            continue
        if (low in CHUNK_DETS or low in DETS and t.pos_ in ("DET", "NUM")) and k + 1 < n and _is_nominal(doc[k + 1], covered):
            j = k + 1
        elif _is_nominal(t, covered) and not (t.tag_ == "POS" or t.text == "-"):
            j = k
        else:
            if t.pos_ == "PRON" and low in PERSONAL_PRONOUNS:
                chunks.append([k, k + 1])
            k += 1
            continue
        while j < n and _is_nominal(doc[j], covered) and sent_of[j] == sent_of[k]:
            # a hit never gets split across chunks
            if j in hit_at:
                j = max(j + 1, hit_at[j].j)
            else:
                j += 1
        # do not end on a possessive marker or hyphen
        while j > k + 1 and (doc[j - 1].tag_ == "POS" or doc[j - 1].text == "-"):
            j -= 1
        chunks.append([k, j])
        k = max(j, k + 1)

    # --- joins -------------------------------------------------------------
    def role_or_org_at(i: int) -> bool:
        h = hit_at.get(i)
        return bool(h and (h.get("role") or h.get("org")))

    def diplomat(a: int, b: int) -> bool:
        for i in range(a, b):
            h = hit_at.get(i)
            if h and h.get("role") and "diplomat" in h.get("role").flags:
                return True
        return False

    def place_only(a: int, b: int) -> bool:
        i = a
        while i < b and doc[i].lower_ in CHUNK_DETS:
            i += 1
        if i >= b:
            return False
        while i < b:
            h = hit_at.get(i)
            if not h or not h.get(*PLACE_TYPES) or h.get("role") or h.get("org"):
                return False
            i = h.j
        return True

    def starts_with_place(a: int, b: int) -> bool:
        i = a
        while i < b and doc[i].lower_ in CHUNK_DETS:
            i += 1
        h = hit_at.get(i)
        return bool(h and h.i == i and h.get(*PLACE_TYPES) and not h.get("role"))

    def is_person_chunk(a: int, b: int) -> bool:
        return any(doc[i].ent_type_ == "PERSON" for i in range(a, b)) and not any(
            hit_at.get(i) and hit_at[i].get("role", "org") for i in range(a, b)
        )

    def has_role(a: int, b: int) -> bool:
        return any(hit_at.get(i) and hit_at[i].get("role") for i in range(a, b))

    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(chunks):
        a, b = chunks[i]
        last_conn = None  # the connector of the previous join inside this phrase
        while i + 1 < len(chunks):
            c, d = chunks[i + 1]
            gap = [doc[x] for x in range(b, c)]
            if len(gap) != 1 or sent_of.get(c) != sent_of.get(a):
                break
            w = gap[0].lower_
            last = b - 1
            ok = False
            if w == "of" and is_person_chunk(a, b) is False and has_role(a, b) and any(
                    doc[x].ent_type_ == "PERSON" for x in range(a, b)) and place_only(c, d) and not diplomat(a, b):
                ok = True  # "King Hassan of Morocco": a titled name, then its state
            elif w in ("of", "for"):
                ok = (role_or_org_at(last) or all(doc[x].lower_ in DETS for x in range(a, b))) and not any(
                    doc[x].ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") for x in range(c, d)
                ) and (
                    doc[c].text[:1].isupper() or any(x in covered for x in range(c, d))
                    or (doc[c].lower_ in CHUNK_DETS and c + 1 < d and (doc[c + 1].text[:1].isupper() or (c + 1) in covered))
                )
            elif w == "to":
                ok = diplomat(a, b) and starts_with_place(c, d)
            elif w in ("in", "from", "at") or (w == "-" and c < len(doc) and doc[c].lower_ == "based"):
                ok = (role_or_org_at(last) or has_role(a, b)) and (
                    place_only(c, d) or gazetteer_place(doc, c, d, hit_at)) and not diplomat(a, b) or (
                    diplomat(a, b) and w == "in" and place_only(c, d) and any(hit_at.get(x) and hit_at[x].get("org") for x in range(a, b))
                )
            elif w == "and":
                ok = (
                    _title_case(doc[a:b]) and _title_case(doc[c:d]) and doc[c].lower_ not in CHUNK_DETS
                    and not (hit_at.get(c) and hit_at[c].get(*PLACE_TYPES, "org"))
                    and (last_conn in ("of", "for") or any(doc[x].lower_ == "of" for x in range(a, b)) or (role_or_org_at(last) and role_or_org_at(d - 1)))
                )
            elif w == ",":
                nxt = doc[d] if d < len(doc) else None
                ends = nxt is None or nxt.is_punct or nxt.pos_ in ("VERB", "AUX")
                ok = ends and (
                    (is_person_chunk(a, b) and has_role(c, d) and not is_person_chunk(c, d) and doc[c].lower_ not in CHUNK_DETS | {"and"})
                    or (has_role(a, b) and not is_person_chunk(a, b) and is_person_chunk(c, d) and not has_role(c, d))
                )
            if not ok:
                break
            last_conn = w
            b = d
            i += 1
        merged.append((a, b))
        i += 1

    from .people import as_day

    when = as_day(article.pub_date) if article is not None else None
    out: list[tuple[ActorMention, Meta]] = []
    for a, b in merged:
        out.extend(_code_chunk(doc, dtoks, a, b, lex, hit_at, sent_of, section, text, when, lower))
    out.sort(key=lambda x: (x[0].start, x[0].end))
    _share_coordinated_role(doc, text, out)
    return out


def _share_coordinated_role(doc, text: str, out: list[tuple[ActorMention, Meta]]) -> None:
    """"Hungarian and Romanian officials": the first demonym shares the role of the noun they both modify."""
    by_start = {t.idx: t for t in doc}
    for (m1, _), (m2, _) in zip(out, out[1:]):
        if m1.kind != "state" or m1.sector or not m2.country or not m2.sector or m2.country == m1.country:
            continue
        if m2.kind not in ("group", "person", "organisation") or text[m1.end : m2.start].strip() not in ("and", ",", "or"):
            continue
        span = doc.char_span(m1.start, m1.end, alignment_mode="expand")
        t2 = by_start.get(m2.start)
        if span is None or len(span) == 0 or t2 is None:
            continue
        t1 = span[-1]
        if not (t1.pos_ == "ADJ" or t1.ent_type_ == "NORP") or not (t2.pos_ == "ADJ" or t2.ent_type_ == "NORP"):
            continue
        m1.sector, m1.role, m1.kind = m2.sector, m2.role, m2.kind
        m1.code = m1.country + m2.sector if m2.sector not in ("IGO",) else m1.country


def hits_in(a: int, b: int, hit_at) -> bool:
    return any(k in hit_at for k in range(a, b))


def _head_index(doc, a: int, b: int, hit_at) -> int:
    """The last token of the first segment (before a preposition or comma)."""
    k = a
    end = b
    while k < b:
        t = doc[k]
        if k > a and (t.lower_ in ("of", "for", "to", "in", "from", "at", ",") and k not in hit_at):
            end = k
            break
        k += 1
    h = end - 1
    while h > a and (doc[h].tag_ == "POS" or doc[h].is_punct):
        h -= 1
    return h


def _clause(doc, i: int) -> int:
    t = doc[i]
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t.i
        t = t.head
    return t.i


def _subject(doc, a: int, b: int) -> bool:
    return any(doc[k].dep_ in SUBJECT_DEPS for k in range(a, b))


def _governing_prep(doc, a: int) -> str | None:
    k = a - 1
    if k >= 0 and doc[k].pos_ == "ADP":
        return doc[k].lower_
    return None


def _code_chunk(doc, dtoks, a: int, b: int, lex: Lexicon, hit_at, sent_of, section: str, text: str, when=None,
                lower: bool = False):
    first = doc[a]
    sent = sent_of.get(a, 0)
    # pronouns ----------------------------------------------------------------
    if first.lower_ in PERSONAL_PRONOUNS and first.pos_ == "PRON":
        noun = None
        end = a + 1
        if first.tag_ == "PRP$" and b > a + 1:
            # "his country's desire": the possessed noun ends at the next possessive marker
            stop = b
            for k in range(a + 1, b):
                if doc[k].tag_ == "POS":
                    stop = k
                    break
            if stop > a + 1:
                noun = doc[stop - 1].lemma_.lower()
                end = stop
        ptext = text[first.idx : doc[end - 1].idx + len(doc[end - 1].text)]
        m = ActorMention(text=ptext, start=first.idx, end=first.idx + len(ptext), kind="pronoun",
                         role=noun, resolved_from=None, confidence=0.0, section=section)
        meta = Meta(sent=sent, subject=_subject(doc, a, end), head=end - 1, pronoun=first.lower_, noun=noun,
                    clause=_clause(doc, a))
        # "its European Community partners": a named body inside the possessed phrase is an actor too
        inner = _sub_mentions(doc, dtoks, a + 1, b, lex, hit_at, sent_of, section, text, when, lower) if b > a + 1 else []
        return [(m, meta)] + [x for x in inner if x[0].kind in ("organisation", "state")]

    toks = [Tok(t.text, t.idx, t.idx + len(t.text), t.ent_type_, t.pos_) for t in doc[a:b]]
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
    ht = doc[head]
    content = [t for t in doc[a:b] if t.lower_ not in CHUNK_DETS]
    if len(content) == 1 and content[0].lower_ in BARE_SKIP and content[0].text.islower():
        return []
    hh = hit_at.get(head)
    head_actor = respelled
    if hh and (hh.get("role", "org", "cname", "capital", "person", "city", "cplace") or (hh.get("cadj") and (hh.get("cadj").plural or ht.pos_ in ("NOUN", "PROPN")))):
        head_actor = True
    elif res.name_span is not None and a + res.name_span[0] <= head < a + res.name_span[1]:
        head_actor = True
    elif ht.ent_type_ in ("PERSON", "ORG", "NORP") and not hh:
        head_actor = True
    if not head_actor:
        content = [t for t in doc[a:b] if t.lower_ not in CHUNK_DETS]
        if content and not hits_in(a, b, hit_at) and all(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in content) \
                and len(content) <= 3 and _subject(doc, a, b) and not content[-1].lower_ in PLACE_NAME_ENDS:
            # an untagged proper name acting as subject ("Zille claimed"): most often a person
            start, end = content[0].idx, content[-1].idx + len(content[-1].text)
            m = ActorMention(text=text[start:end], start=start, end=end, name=text[start:end], kind="person",
                             resolved_from="dictionary", confidence=0.25, section=section)
            return [(m, Meta(sent=sent, subject=True, head=content[-1].i, clause=_clause(doc, content[-1].i)))]
        return _sub_mentions(doc, dtoks, a, b, lex, hit_at, sent_of, section, text, when, lower)

    start = doc[a].idx
    end = doc[b - 1].idx + len(doc[b - 1].text)
    m = ActorMention(
        text=text[start:end], start=start, end=end, name=res.name, country=res.country, sector=res.sector,
        code=res.code, role=res.role, kind=res.kind, resolved_from="dictionary", confidence=res.confidence,
        section=section,
    )
    if respelled:
        m.resolved_from = "spelling"
    elif res.country_from == "place":
        m.resolved_from = "place"
    if m.kind is None and res.name is None and ht.lower_ in PLACE_NAME_ENDS:
        return []  # "Pniel Road": a place the place stage handles
    if m.kind is None and res.name is None and ht.ent_type_ in ("ORG", "NORP", "PERSON"):
        m.kind = "person" if ht.ent_type_ == "PERSON" else "organisation"
        m.name = text[doc[a + (1 if doc[a].lower_ in CHUNK_DETS else 0)].idx : end]
        m.confidence = 0.3
    if m.kind is None and res.name is not None and res.name_span is not None:
        m.kind = "person"
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
                only_role=res.head_role is not None and res.name is None and res.country is None and not res.igo and res.org is None,
                definite=doc[a].lower_ == "the",
                foreign=res.head_role is not None and bool({"diplomat", "foreign"} & res.head_role.flags))
    return [(m, meta)]


def _sub_mentions(doc, dtoks, a: int, b: int, lex: Lexicon, hit_at, sent_of, section: str, text: str, when=None,
                  lower: bool = False):
    """Actors named inside a phrase about something else ("Kazakhstan's support")."""
    out = []
    k = a
    while k < b:
        h = hit_at.get(k)
        if h and h.i == k and (h.get("org", "cname", "cadj", "capital", "person") and not h.get("role")) and not h.get("portfolio"):
            j = min(h.j, b)
            toks = [Tok(t.text, t.idx, t.idx + len(t.text), t.ent_type_, t.pos_) for t in doc[k:j]]
            res = resolve_tokens(toks, lex, ents=True, when=when, lower=lower)
            start, end = doc[k].idx, doc[j - 1].idx + len(doc[j - 1].text)
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
        if doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B" and k not in hit_at:
            j = k + 1
            while j < b and doc[j].ent_iob_ == "I" and j not in hit_at:
                j += 1
            if doc[j - 1].lower_ in PLACE_NAME_ENDS:
                k = j
                continue
            start, end = doc[k].idx, doc[j - 1].idx + len(doc[j - 1].text)
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
