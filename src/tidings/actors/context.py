"""Story context for actor phrases: the place attached to an institution, seats of power as places.

"Police in Cologne", "the Cologne police", "a hospital in Lyon": an office or body named without
its state belongs to the place the phrase attaches to it (a modifier, or an "in/at/from" complement;
never "to", the host of a visit). Places come from the gazetteer of the place stage
(``tidings.place.lookup_place``), which knows far more towns than the actor lexicon; only words
the parser tags as a place (GPE/LOC/FAC) are looked up, so a person's name is never a town.
"""

from __future__ import annotations

from functools import lru_cache

PLACE_ENTS = ("GPE", "LOC", "FAC")
# prepositions that attach a place to an office ("police in Cologne", "officials from Lyon")
ATTACHING = {"in", "at", "from", "of", "near", "inside", "based", "-based"}
# a seat of power after one of these is where something happens ("talks at the White House")
SEAT_PLACE_PREPS = {"in", "at", "inside", "outside", "near", "around", "within", "into", "on", "outside"}


# a town smaller than this is too often a namesake (GeoNames lists places of 5,000 and more)
MIN_POPULATION = 15_000
# how much larger the place of one country must be than its namesakes abroad to settle it
DOMINANCE = 10
_REGION_WEIGHT = 1_000_000  # a first-level region (a province, a state) weighs as a large city
# a town known by another name in English news is a large one ("Cologne", "Munich")
_EXONYM_POPULATION = 500_000
NAME_DIRECTIONS = frozenset("north south east west central northern southern eastern western greater upper lower".split())


@lru_cache(maxsize=20_000)
def unambiguous_place(name: str) -> tuple[str, str] | None:
    """(country, kind) of a sub-national place whose name settles its country: a region or landmark,
    or a town of at least ``MIN_POPULATION`` people whose namesakes abroad are ``DOMINANCE`` times
    smaller ("Kimberley", "Eastern Cape"; not "Kingston", "Butterworth"). None for a country's name."""
    from ..places.gazetteer import gazetteer, normalise_name

    key = normalise_name(name)
    if not key:
        return None
    weight: dict[str, float] = {}
    kinds: dict[str, str] = {}
    for m in gazetteer().lookup_all(key):
        e = m.entry
        if e.kind == "country" or not e.country:
            return None  # "Georgia": a country's name, not a town's
        if e.kind in ("admin1", "landmark") or m.how == "pinned":
            w = float(_REGION_WEIGHT)
        elif m.how == "alternate" and e.population < _EXONYM_POPULATION:
            w = e.population / DOMINANCE  # "Metsi" is a spelling of Metz somewhere, not news English
        elif e.population >= MIN_POPULATION:
            w = float(e.population)
        else:
            w = e.population / DOMINANCE  # a small namesake still makes a large place doubtful
        if w > weight.get(e.country, -1.0):
            weight[e.country], kinds[e.country] = w, e.kind
    if not weight:
        return None
    ranked = sorted(weight.items(), key=lambda kv: -kv[1])
    top, w1 = ranked[0]
    if w1 < MIN_POPULATION or (len(ranked) > 1 and w1 < DOMINANCE * ranked[1][1]):
        return None
    return top, kinds[top]


@lru_cache(maxsize=20_000)
def place_country(name: str, prefer: str | None = None) -> str | None:
    """The country of a place name in the gazetteer (``prefer``: the story's country wins a tie of
    namesakes), None when unknown. A consonant-skeleton match is no evidence here: "East Rand" or
    "KwaDabeka" are not some American or Haitian town that spells alike."""
    from ..places.gazetteer import find, gazetteer, normalise_name

    first = name.split()[0] if name.split() else ""
    if first[:1].isupper() and first.lower() in NAME_DIRECTIONS and not gazetteer().lookup_all(normalise_name(name)):
        return None  # "East Rand": a capitalised direction is part of the name, and "Rand" another place
    m = find(name, (prefer,) if prefer else ())
    return m.entry.country if m is not None and m.how != "loose" else None


def capitalised_runs(text: str, longest: int = 4):
    """Each run of up to ``longest`` capitalised words in ``text``, longest first at each start:
    the place names an office's words may hold ("North West police" → "North West", "North", ...)."""
    words = text.split()
    for i in range(len(words)):
        for j in range(min(len(words), i + longest), i, -1):
            if all(w[:1].isupper() for w in words[i:j]):
                yield " ".join(words[i:j])


def story_place(text: str, country: str) -> bool:
    """Whether a place named in ``text`` (an office's words: "North West police") is, among its
    namesakes, one in ``country``: the story's province rather than another country's."""
    return any(place_country(run, country) == country for run in capitalised_runs(text))


def _runs(doc, a: int, b: int, hit_at, loose: bool = False) -> list[tuple[int, int]]:
    """Runs of place-tagged, capitalised tokens in doc[a:b] that no lexicon term covers.

    ``loose`` also takes untagged or ORG-tagged proper nouns: after "in/at/from" the parser
    often calls a town an organisation ("Police in Lyon" -> Olympique Lyon)."""
    def ok(t) -> bool:
        if not t.text[:1].isupper() or t.i in hit_at:
            return False
        return t.ent_type_ in PLACE_ENTS or (loose and t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG"))

    out = []
    k = a
    while k < b:
        if ok(doc[k]):
            j = k + 1
            while j < b and ok(doc[j]) and not (doc[j].ent_iob_ == "B" and doc[j].ent_type_ in PLACE_ENTS):
                j += 1
            out.append((k, j))
            k = j
        else:
            k += 1
    return out


def gazetteer_place(doc, a: int, b: int, hit_at) -> bool:
    """True when doc[a:b] (after an article) is one place name the gazetteer knows ("Cologne")."""
    while a < b and doc[a].lower_ in ("the",):
        a += 1
    runs = _runs(doc, a, b, hit_at, loose=True)
    return len(runs) == 1 and runs[0] == (a, b) and place_country(doc[a:b].text) is not None


def attached_country(doc, a: int, b: int, hit_at) -> str | None:
    """The country of a place that modifies the phrase doc[a:b] or follows it after in/at/from."""
    for i, j in _runs(doc, a, b, hit_at, loose=True):
        k = i - 1
        if k > a and doc[k].lower_ == "the":
            k -= 1
        prev = doc[k] if k >= a else None
        if prev is not None and prev.pos_ == "ADP" or (prev is not None and prev.text == "-"):
            if prev.lower_ not in ATTACHING:
                continue  # "to Cologne": where someone went, not whose they are
        elif not all(doc[x].ent_type_ in PLACE_ENTS for x in range(i, j)):
            continue  # a modifier must be tagged a place: "the Cologne police", not "the Smith family"
        country = place_country(doc[i:j].text)
        if country:
            return country
    return _region_modifier(doc, a, b, hit_at)


def _region_modifier(doc, a: int, b: int, hit_at) -> str | None:
    """"Mpumalanga police", "KwaZulu-Natal police": a province before an office, which the parser
    often tags a person or an organisation, is the office's when its name settles the country."""
    while a < b and doc[a].lower_ == "the":
        a += 1

    def part(k: int) -> bool:
        t = doc[k]
        # "KwaZulu-Natal": the parser may tag a part of a name a common noun
        return k not in hit_at and (t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper() or (t.text == "-" and k > a))

    j = a
    while j < b and part(j):
        j += 1
    if j == a or j >= b or j not in hit_at:
        return None  # the run must stand right before a lexicon word (the office)
    found = unambiguous_place(doc[a:j].text)
    return found[0] if found and found[1] == "admin1" else None
