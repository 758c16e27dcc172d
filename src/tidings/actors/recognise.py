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

from ..parsed import char_span, doc_table, doc_text
from ..records import ActorMention, Article
from .code_span import CHUNK_DETS, PERSONAL_PRONOUNS, Meta, _code_chunk
from .context import gazetteer_place
from .keys import lower_cased
from .knowledge import Lexicon
from .phrase import DETS, Hit, Tok, find_hits

__all__ = ["Meta", "recognise_doc"]

NOMINAL_POS = {"PROPN", "NOUN", "ADJ", "NUM"}
NOMINAL_DEPS = {"compound", "amod", "nummod", "nmod"}
POSS_PRONOUNS = {"his", "her", "their", "its"}
PLACE_TYPES = ("cname", "cadj", "capital", "cplace", "city")
_DASHES = {"–", "—", "-", "--", ":"}


def _nominal(doc, table) -> list[bool]:
    """For each token, whether it may stand in a noun phrase (a lexicon hit always may)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    flags = doc.to_array([IS_PUNCT, IS_SPACE]).tolist() if len(doc) else []
    out = []
    for i, (punct, space) in enumerate(flags):
        text, dep, p = table.text[i], table.dep[i], table.pos[i]
        if space or punct and text not in ("-", "'s", "’s", ".", "&"):
            out.append(False)
        elif table.ent[i] in ("DATE", "TIME") and dep == "npadvmod":
            out.append(False)  # "Zia-Ul-Haq today rejected": the time adverb is not part of the name
        else:
            out.append(p in NOMINAL_POS or table.tag[i] == "POS" or text == "-" or text == "&" or (
                dep in NOMINAL_DEPS and p not in ("ADP", "CCONJ", "PRON", "DET", "AUX", "PART", "SCONJ")))
    return out


def _title_case(toks) -> bool:
    words = [t for t in toks if t.is_alpha and t.lower_ not in ("of", "and", "the", "for", "al", "el")]
    return bool(words) and all(t.text[0].isupper() for t in words)


def _dateline_end(doc, article: Article | None, text: str) -> int:
    """Index of the first token after a leading dateline ("Damascus, (ST) –"), else 0."""
    if len(doc) == 0:
        return 0
    if article is not None and article.dateline and article.dateline.text:
        dl = article.dateline.text.strip()
        if dl and text.lstrip().startswith(dl):
            off = text.index(dl) + len(dl)
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
    text = doc_text(doc)  # built from the tokens on every access: read once
    table = doc_table(doc)
    tokens, pos, lows, tags = table.tokens, table.pos, table.lower, table.tag
    dtoks = [Tok(w, i, i + len(w), e, p) for w, i, e, p in zip(table.text, table.idx, table.ent, pos)]
    # a lower-cased corpus (no capital anywhere) still writes abbreviations as names ("bjp")
    lower = lower_cased(text)
    hits = find_hits(dtoks, lex, lower)
    covered: set[int] = set()
    hit_at: dict[int, Hit] = {}
    for h in hits:
        covered.update(range(h.i, h.j))
        for k in range(h.i, h.j):
            hit_at[k] = h
    skip_to = _dateline_end(doc, article, text) if section == "body" else 0
    sent_of = {}
    for si, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            sent_of[i] = si
    nominal = _nominal(doc, table)

    def _is_nominal(i: int) -> bool:
        return nominal[i] or i in covered

    # --- base chunks -------------------------------------------------------
    chunks: list[list[int]] = []  # [start, end) token ranges
    k = skip_to
    n = len(doc)
    while k < n:
        low = lows[k]
        if low in POSS_PRONOUNS and tags[k] == "PRP$":
            j = k + 1
            while j < n and _is_nominal(j) and sent_of[j] == sent_of[k]:
                j += 1
            chunks.append([k, j])
            k = j
            continue
        if (low in CHUNK_DETS or low in DETS and pos[k] in ("DET", "NUM")) and k + 1 < n and _is_nominal(k + 1):
            j = k + 1
        elif _is_nominal(k) and not (tags[k] == "POS" or table.text[k] == "-"):
            j = k
        else:
            if pos[k] == "PRON" and low in PERSONAL_PRONOUNS:
                chunks.append([k, k + 1])
            k += 1
            continue
        while j < n and _is_nominal(j) and sent_of[j] == sent_of[k]:
            # a hit never gets split across chunks
            if j in hit_at:
                j = max(j + 1, hit_at[j].j)
            else:
                j += 1
        # do not end on a possessive marker or hyphen
        while j > k + 1 and (tags[j - 1] == "POS" or table.text[j - 1] == "-"):
            j -= 1
        chunks.append([k, j])
        k = max(j, k + 1)

    # --- joins -------------------------------------------------------------
    def role_or_org_at(i: int) -> bool:
        h = hit_at.get(i)
        return bool(h and (h.get("role") or h.get("org")))

    def people_at(i: int) -> bool:
        h = hit_at.get(i)
        return bool(h and h.get("role") and "people" in h.get("role").flags)

    def diplomat(a: int, b: int) -> bool:
        for i in range(a, b):
            h = hit_at.get(i)
            if h and h.get("role") and "diplomat" in h.get("role").flags:
                return True
        return False

    def place_only(a: int, b: int) -> bool:
        i = a
        while i < b and tokens[i].lower_ in CHUNK_DETS:
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
        while i < b and tokens[i].lower_ in CHUNK_DETS:
            i += 1
        h = hit_at.get(i)
        return bool(h and h.i == i and h.get(*PLACE_TYPES) and not h.get("role"))

    def is_person_chunk(a: int, b: int) -> bool:
        return any(tokens[i].ent_type_ == "PERSON" for i in range(a, b)) and not any(
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
            gap = [tokens[x] for x in range(b, c)]
            if len(gap) != 1 or sent_of.get(c) != sent_of.get(a):
                break
            w = gap[0].lower_
            last = b - 1
            ok = False
            if w == "of" and is_person_chunk(a, b) is False and has_role(a, b) and any(
                    tokens[x].ent_type_ == "PERSON" for x in range(a, b)) and place_only(c, d) and not diplomat(a, b):
                ok = True  # "King Hassan of Morocco": a titled name, then its state
            elif w in ("of", "for") and people_at(last) and not place_only(c, d):
                ok = False  # "supporters of former President X": the people and the person they follow
            elif w in ("of", "for"):
                ok = (role_or_org_at(last) or all(tokens[x].lower_ in DETS for x in range(a, b))) and not any(
                    tokens[x].ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") for x in range(c, d)
                ) and (
                    tokens[c].text[:1].isupper() or any(x in covered for x in range(c, d))
                    or (tokens[c].lower_ in CHUNK_DETS and c + 1 < d and (tokens[c + 1].text[:1].isupper() or (c + 1) in covered))
                )
            elif w == "to":
                ok = diplomat(a, b) and starts_with_place(c, d)
            elif w in ("in", "from", "at") or (w == "-" and c < len(doc) and tokens[c].lower_ == "based"):
                ok = (role_or_org_at(last) or has_role(a, b)) and (
                    place_only(c, d) or gazetteer_place(doc, c, d, hit_at)) and not diplomat(a, b) or (
                    diplomat(a, b) and w == "in" and place_only(c, d) and any(hit_at.get(x) and hit_at[x].get("org") for x in range(a, b))
                )
            elif w == "and":
                ok = (
                    _title_case(tokens[a:b]) and _title_case(tokens[c:d]) and tokens[c].lower_ not in CHUNK_DETS
                    and not (hit_at.get(c) and hit_at[c].get(*PLACE_TYPES, "org"))
                    and (last_conn in ("of", "for") or any(tokens[x].lower_ == "of" for x in range(a, b)) or (role_or_org_at(last) and role_or_org_at(d - 1)))
                )
            elif w == ",":
                nxt = tokens[d] if d < len(doc) else None
                ends = nxt is None or nxt.is_punct or pos[d] in ("VERB", "AUX")
                ok = ends and (
                    (is_person_chunk(a, b) and has_role(c, d) and not is_person_chunk(c, d) and tokens[c].lower_ not in CHUNK_DETS | {"and"})
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
    by_start = None  # built only when a pair qualifies: most documents have none
    for (m1, _), (m2, _) in zip(out, out[1:]):
        if m1.kind != "state" or m1.sector or not m2.country or not m2.sector or m2.country == m1.country:
            continue
        if m2.kind not in ("group", "person", "organisation") or text[m1.end : m2.start].strip() not in ("and", ",", "or"):
            continue
        span = char_span(doc, m1.start, m1.end)
        if by_start is None:
            by_start = {t.idx: t for t in doc}
        t2 = by_start.get(m2.start)
        if span is None or len(span) == 0 or t2 is None:
            continue
        t1 = span[-1]
        if not (t1.pos_ == "ADJ" or t1.ent_type_ == "NORP") or not (t2.pos_ == "ADJ" or t2.ent_type_ == "NORP"):
            continue
        m1.sector, m1.role, m1.kind = m2.sector, m2.role, m2.kind
        m1.code = m1.country + m2.sector if m2.sector not in ("IGO",) else m1.country

