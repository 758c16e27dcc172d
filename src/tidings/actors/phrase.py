"""Resolves one actor phrase (a list of tokens) to country, sector, role and name.

The same rules serve a stand-alone string (``resolve_text``) and a noun phrase
cut from a parsed sentence (``recognize``). They read the phrase as a head part
("the Ambassador", "Israeli occupation forces", "Chile's Ministry") followed by
complements introduced by a preposition ("of Kazakhstan", "to Lebanon", "in
Syria") or set off by a comma (an apposition). Words in the head decide first;
"of/for X" complements come next ("Ambassador of Kazakhstan to Lebanon" is
Kazakhstan's: "of X to Y" -> X); places after "in/from/at" are only a fallback,
and the host country after "to" never counts.
"""

from __future__ import annotations

from bisect import bisect_left

from .knowledge import Lexicon
from .phrase_hits import DETS, Hit, Tok, find_hits, person_entry
from .phrase_result import Resolution, _join, finish

__all__ = ["DETS", "PLACE_NAME_ENDS", "Hit", "Resolution", "Tok", "find_hits", "finish", "person_entry", "resolve_tokens"]

PREPS = {"of", "for", "to", "in", "at", "from", "on", "with", "by", "against", "near", "inside", "within",
         "across", "throughout", "into", "under", "over", "among", "between", "based", "-based"}
FORMER = {"former", "ex", "ex-", "ousted", "retired", "exiled", "deposed", "late", "then", "outgoing"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "del", "della", "da", "di", "dos", "van",
                  "von", "der", "den", "le", "la", "du", "ul", "ud", "-", "'", "ben", "y", "mac", "st."}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "sheikh", "shaikh", "h.e.",
              "his", "her", "excellency", "prof", "prof.", "madam", "mme", "lord", "lady", "hon", "hon.", "rev", "rev."}
QUANT_HEADS = {"members", "member", "group", "groups", "team", "teams", "number", "band", "bands", "one", "part",
               "majority", "hundreds", "thousands", "dozens", "scores", "millions", "largest", "biggest", "main",
               "some", "none", "many", "most", "several", "all", "each", "rest", "remnants", "unit", "units"}
# Sectors a modifier passes to a weak head ("rebel forces", "opposition group", "police unit").
# ("government forces" stay MIL: the government word names whose forces, not what they are)
MODIFIER_SECTORS = {"REB", "OPP", "PRM", "UAF", "CRM", "MIL", "COP", "SPY", "LEG", "JUD", "PTY", "REF", "MED",
                    "JRN", "BUS", "LAB", "EDU", "REL", "AGR", "NGO"}
PLACE_NAME_ENDS = {"road", "street", "avenue", "highway", "square", "bridge", "airport", "hospital", "center",
                   "centre", "stadium", "prison", "mall", "hotel", "river", "lake", "mountain", "mountains",
                   "province", "district", "county", "region", "valley", "island", "islands", "port", "station",
                   "building", "tower", "palace", "park", "dam", "road", "drive", "lane", "boulevard", "farm",
                   "mine", "township", "suburb", "beach", "forest", "desert", "sea", "ocean", "gulf", "strait"}
# Entity labels from spaCy that mark a proper name which is not a place.
NAME_ENTS = {"PERSON"}


def _segments(toks: list[Tok], hits: list[Hit]) -> list[tuple[str | None, int, int]]:
    """Splits at prepositions and commas that are not inside a lexicon term."""
    covered = set()
    for h in hits:
        covered.update(range(h.i, h.j))
    segs: list[tuple[str | None, int, int]] = []
    conn: str | None = None
    start = 0
    for k, t in enumerate(toks):
        low = t.low
        if k in covered or k == 0:
            continue
        if low == "based" and k > 0 and toks[k - 1].text == "-":
            continue  # "Somalia-based": a modifier, not a complement
        if low in PREPS or low in (",", ";", "(", ")"):
            if k > start:
                segs.append((conn, start, k))
            conn = low if low not in ("(", ")") else ","
            start = k + 1
    if start < len(toks):
        segs.append((conn, start, len(toks)))
    return segs


def _is_name_tok(t: Tok) -> bool:
    if t.low in NAME_PARTICLES:
        return True
    if not t.text or not any(c.isalpha() for c in t.text):
        return False
    return t.cap and t.low not in HONORIFICS and t.low not in DETS


def _name_run(toks: list[Tok], a: int, b: int, covered: set[int], ents: bool) -> tuple[int, int] | None:
    """The last run of capitalised, unmatched tokens ending at the end of toks[a:b]."""
    end = b
    while end > a and toks[end - 1].low in (",", ".", "'s", "'", ")"):
        end -= 1
    k = end
    while k > a and (k - 1) not in covered and (
        _is_name_tok(toks[k - 1]) or (k - 3 >= a and toks[k - 2].text == "-" and toks[k - 1].text.isalpha()
                                      and toks[k - 3].cap and toks[k - 3].text.isalpha())
    ):
        k -= 1
    # trim particles and hyphens at the edges
    while k < end and toks[k].low in NAME_PARTICLES and toks[k].low not in ("al", "el", "abu", "abd", "de", "van", "von", "bin"):
        k += 1
    if k >= end:
        return None
    if ents and not any(toks[x].ent in NAME_ENTS for x in range(k, end)):
        # with a parse, a name is a recognised person, or follows a title or honorific ("Ambassador Jumali")
        titled = k - 1 in covered or (k > 0 and toks[k - 1].low in HONORIFICS)
        if not titled or any(toks[x].ent in ("GPE", "LOC", "ORG", "NORP", "DATE", "FAC", "TIME") for x in range(k, end)):
            return None
    if all(len(toks[x].text) > 1 and toks[x].text.isupper() for x in range(k, end)) and not any(
        toks[x].ent in NAME_ENTS for x in range(k, end)
    ):
        return None  # SHOUTED HEADINGS are not names
    return (k, end)



def resolve_tokens(toks: list[Tok], lex: Lexicon, ents: bool = False, when=None, lower: bool = False) -> Resolution:
    """Codes one phrase; ``when`` (a ``datetime.date``) is the story's date, for people's offices;
    ``lower``: the phrase comes from a text with no capital letters at all."""
    for k, t in enumerate(toks):
        t.idx = k
    hits = find_hits(toks, lex, lower)
    res = Resolution(hits=hits)
    if not toks:
        return res
    covered: set[int] = set()
    for h in hits:
        covered.update(range(h.i, h.j))
    segs = _segments(toks, hits)

    starts = [h.i for h in hits]  # find_hits gives them left to right

    def seg_hits(a: int, b: int) -> list[Hit]:
        return hits[bisect_left(starts, a) : bisect_left(starts, b)]

    # "several of the X", "members of X", "a group of X": the quantity is not the head
    while len(segs) > 1 and segs[1][0] == "of" and all(
        toks[k].low in DETS or toks[k].low in QUANT_HEADS for k in range(segs[0][1], segs[0][2])
    ):
        segs = [(None, segs[1][1], segs[1][2])] + segs[2:]
    # Head segments: the first one plus any apposition after a comma.
    head_segs = [s for n, s in enumerate(segs) if n == 0 or s[0] == ","]
    comps = [s for s in segs if s not in head_segs]

    head_roles: list[tuple[Hit, Entry]] = []
    mod_roles: list[tuple[Hit, Entry]] = []
    head_countries: list[tuple[Hit, Entry]] = []
    head_orgs: list[tuple[Hit, Entry]] = []
    head_persons: list[tuple[Hit, Entry]] = []
    intl = False
    former = False
    for sn, (conn, a, b) in enumerate(head_segs):
        hs = seg_hits(a, b)
        if sn > 0 and (head_orgs or head_persons) and not head_roles:
            # "Hizbollah (Party of God)": the named body decides, not the gloss
            continue
        roles_here = []
        for h in hs:
            e_org = h.get("org")
            e_person = person_entry(h, when)
            e_c = h.get("cname", "cadj", "capital", "cplace", "city")
            e_role = h.get("role")
            if e_person:
                head_persons.append((h, e_person))
            elif e_org:
                head_orgs.append((h, e_org))
            elif e_role and not (e_c and h.get("cname", "cadj")):
                roles_here.append((h, e_role))
            elif h.get("intl") and not e_c:
                intl = True
            elif e_c:
                head_countries.append((h, e_c))
        if roles_here:
            # the head is the last role word that may head a phrase; earlier ones modify it
            cand = [r for r in roles_here if "mod" not in r[1].flags] or roles_here
            head = cand[-1]
            if not head_roles:
                head_roles.append(head)
                mod_roles.extend(r for r in roles_here if r is not head)
            else:
                mod_roles.extend(roles_here)
        for k in range(a, b):
            if toks[k].low in FORMER:
                former = True

    if head_countries and head_segs:
        last_c = head_countries[-1]
        a0, b0 = head_segs[0][1], head_segs[0][2]
        while b0 > a0 and toks[b0 - 1].low in (".", ",", "'s", "'"):
            b0 -= 1
        if last_c[0].j == b0 and last_c[1].type == "cname" and (head_roles or head_orgs) and all(
            h.i < last_c[0].i for h, _ in head_roles + head_orgs
        ):
            # "NATO-member Norway", "UN member state Syria": the country is the head
            head_roles, mod_roles, head_orgs = [], [], []
    head_role = head_roles[0][1] if head_roles else None
    res.head_role = head_role

    # --- organisations ---------------------------------------------------------
    org = head_orgs[0][1] if head_orgs else None
    comp_orgs = []
    comp_roles = []
    comp_countries = []
    comp_persons = []
    for conn, a, b in comps:
        for h in seg_hits(a, b):
            if h.get("person") and conn in ("of", "for"):
                # "the government of President Laurent Gbagbo", "supporters of Nawaz Sharif"
                comp_persons.append((conn, h, person_entry(h, when)))
            elif h.get("org"):
                comp_orgs.append((conn, h, h.get("org")))
            elif h.get("cname", "cadj", "capital", "cplace", "city") and not h.get("portfolio"):
                comp_countries.append((conn, h, h.get("cname", "cadj", "capital", "cplace", "city")))
            elif h.get("role") and not h.get("portfolio"):
                comp_roles.append((conn, h, h.get("role")))
    of_orgs = [o for o in comp_orgs if o[0] in ("of", "for")]
    generic = head_role is not None and "generic" in head_role.flags
    if org is None and of_orgs and (head_role is None or generic or head_role.sector in ("GOV", "LEG", "JUD")):
        # "Secretary-General of the United Nations", "president of the European Council"
        org = of_orgs[0][2]
    res.org = org

    # --- country --------------------------------------------------------------
    diplomat = head_role is not None and "diplomat" in head_role.flags
    country = None
    cfrom = None
    if head_countries:
        pick = [c for c in head_countries if c[1].type in ("cname", "cadj")] or head_countries
        country = pick[0][1].country
        cfrom = "head"
    if org is not None and org.country is None:
        res.igo = True
        if country and cfrom == "head":
            c_pos = head_countries[-1][0].i
            o_pos = head_orgs[0][0].i if head_orgs else 10**6
            r_pos = head_roles[0][0].i if head_roles else -1
            if c_pos > o_pos and r_pos < c_pos and not head_roles:
                # "NATO-member Norway": the country is the head, the organisation a modifier
                res.igo = False
                org = None
            elif diplomat and c_pos < o_pos:
                res.igo = False  # "the Russian UN ambassador" speaks for Russia
            else:
                country = None
                cfrom = None
    elif org is not None and country is None:
        country, cfrom = org.country, "org"
    if head_persons and country is None:
        country, cfrom = head_persons[0][1].country, "person"
    if country is None and not res.igo:
        for conn, h, e in comp_countries:
            if conn in ("of", "for"):
                country, cfrom = e.country, "of"
                break
        if country is None:
            for conn, h, e in comp_orgs:
                if conn in ("of", "for") and e.country:
                    country, cfrom = e.country, "of"
                    break
        if country is None and head_role is not None:
            for conn, h, e in comp_persons:
                if e.country:
                    country, cfrom = e.country, "of"
                    break
        if country is None and not diplomat:
            for conn, h, e in comp_countries:
                if conn in ("in", "from", "at", "based", "-based", "inside", "within", "across", "throughout", ","):
                    country, cfrom = e.country, "in"
                    break
    if country is None and org is None and intl and not head_persons:
        res.igo = True  # "International Labor Office", "Third World Water Forum"
    res.country, res.country_from = country, cfrom
    res.org = org

    # --- sector ---------------------------------------------------------------
    sector = None
    if head_role is not None:
        sector = head_role.sector
        weak = "weak" in head_role.flags or generic or head_role.sector == "UAF"
        if generic:
            inst = [(c, h, e) for c, h, e in comp_roles if c in ("of", "for") and "generic" not in e.flags]
            if of_orgs and org is of_orgs[0][2] and org.sector and org.sector != "IGO":
                sector = org.sector
            elif inst:
                sector = inst[0][2].sector
        if weak:
            mods = [e for h, e in mod_roles if h.i < head_roles[0][0].i and e.sector in MODIFIER_SECTORS]
            if mods:
                sector = mods[-1].sector
            elif head_orgs and head_orgs[0][1].sector and head_orgs[0][1].sector not in ("IGO", "NGO"):
                sector = head_orgs[0][1].sector
        if res.igo and org is not None and (generic or diplomat):
            sector = org.sector or "IGO"
        elif res.igo and org is None and generic:
            sector = "IGO"
        if sector == "PTY" and any(e.sector == "OPP" for h, e in mod_roles):
            sector = "OPP"  # "opposition candidates", "opposition party"
        if former and sector in ("GOV", "MIL", "LEG", "JUD", "SPY", "COP"):
            sector = "ELI"
    elif head_persons:
        sector = head_persons[0][1].sector
        res.person = head_persons[0][1]
    elif org is not None:
        sector = org.sector
    elif mod_roles:
        sector = mod_roles[-1][1].sector
    elif head_countries and any(e.sector for _, e in head_countries):
        sector = next(e.sector for _, e in head_countries if e.sector)  # PRE
    elif res.igo:
        sector = "IGO"
    elif head_countries and head_countries[-1][1].type == "cadj" and head_countries[-1][1].plural:
        # "ordinary Kazakhs", "ethnic Albanians": people described, not the state
        # "Libyans", "ordinary Kazakhs", "Iraqi Kurds": people, not the state (PLOVER CVL)
        sector = "CVL"
    res.sector = sector

    # --- name -----------------------------------------------------------------
    name_span = None
    for conn, a, b in reversed(segs):
        run = _name_run(toks, a, b, covered, ents)
        if run and conn in ("of", "for") and (org is not None or all(
                toks[k].low in DETS for k in range(a, run[0]))):
            run = None  # "Party of God", "University of Oxford": part of a name of a body, not a person
        if run:
            name_span = run
            break
    if name_span and head_persons:
        name_span = None
    if name_span is not None and toks[name_span[1] - 1].low in PLACE_NAME_ENDS:
        name_span = None  # "Pniel Road", "Westville Prison": a place or building, not a person
    if name_span is not None:
        words = toks[name_span[0] : name_span[1]]
        # a lone capitalised word that is really an organisation or a place in the sentence is not a person
        if ents and not any(w.ent == "PERSON" for w in words) and any(w.ent in ("GPE", "LOC", "ORG", "NORP", "DATE", "FAC") for w in words):
            name_span = None
    res.name_span = name_span
    if name_span is not None:
        res.name = _join(toks[name_span[0] : name_span[1]])
    elif head_persons:
        res.name = head_persons[0][1].name
    elif org is not None:
        res.name = org.name
    elif country and not head_role:
        res.name = lex.country_names.get(country, country)

    # --- kind -----------------------------------------------------------------
    only_c = bool(head_countries) and head_role is None and org is None and name_span is None and not head_persons
    if res.igo and org is None and head_role is None:
        kind = "organisation"  # an international body known only by its words
        res.name = _join(toks)
    elif head_persons:
        kind = "person"
        res.role = head_persons[0][1].role
    elif name_span is not None and (head_role is None or head_role.kind == "person" or (
            ents and any(t.ent == "PERSON" for t in toks[name_span[0] : name_span[1]]))):
        kind = "person" if (head_role is not None or not ents or any(t.ent == "PERSON" for t in toks[name_span[0]:name_span[1]])) else "organisation"
    elif head_role is not None:
        kind = head_role.kind or "person"
    elif org is not None:
        kind = "organisation"
    elif only_c:
        last = head_countries[-1][1]
        if last.type == "cadj" and last.plural:
            kind = "group"
        elif all(e.type in ("city", "cplace") for _, e in head_countries):
            kind = "place"
        else:
            kind = "state"
    else:
        kind = None
    res.kind = kind
    if head_role is not None:
        res.role = head_role.role
        if former and res.sector == "ELI" and not res.role.startswith("former"):
            res.role = "former " + res.role
    res.only_country = only_c and all(e.type in ("cname",) for _, e in head_countries)
    res.only_capital = only_c and all(e.type == "capital" for _, e in head_countries)
    res.only_place = only_c and all(e.type in ("city", "cplace", "capital") for _, e in head_countries)
    res.domestic = bool(head_role is not None and "domestic" in head_role.flags and country is None and not res.igo)

    finish(res)
    return res
