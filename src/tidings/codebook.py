"""The data dictionary: every exported column with its type and meaning.

Types come from the store's schema (``store.TABLES``), meanings from
``data/export/columns.tsv``; ``tidings export --dictionary`` prints the result, which is
also ``docs/codebook.md``. The same descriptions become Stata variable labels and the
column list of every export's metadata, so the three can never disagree.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from .ontology import QUAD_NAMES
from .store import TABLES

HIDDEN_COLUMNS = {"articles": {"minhash"}}  # bookkeeping (128 numbers per article), never exported
EXPORT_TABLES = ("events", "mentions", "articles", "actors", "rejects", "runs")
# Columns an export adds to the stored ones: whether users' corrections (tidings serve) changed the event.
EXTRA_COLUMNS = {"events": [("corrected", "BOOLEAN")]}
# Columns whose values are codes: text in every format, so "040" never becomes 40.
# The GDELT 2.0 event table's columns in GDELT's order (docs/gdelt.md says how each is filled).
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

CODE_COLUMNS = {"cameo_code", "id", "event_id", "article_id", "first_seen_article", "copied_from", "run_id",
                "duplicate_of", "input_id", "locator"}


@lru_cache(maxsize=1)
def descriptions() -> dict[tuple[str, str], str]:
    text = resources.files("tidings").joinpath("data/export/columns.tsv").read_text(encoding="utf-8")
    return {(r["table"], r["column"]): r["description"] for r in csv.DictReader(io.StringIO(text), delimiter="\t")}


def export_columns(table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of the columns an export of ``table`` holds, in order."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")
    hidden = HIDDEN_COLUMNS.get(table, set())
    return [(c, t) for c, t in TABLES[table] if c not in hidden] + EXTRA_COLUMNS.get(table, [])


def describe(table: str, column: str) -> str:
    return descriptions().get((table, column), "")


def missing_descriptions() -> list[str]:
    return [f"{t}.{c}" for t in EXPORT_TABLES for c, _ in export_columns(t) if not describe(t, c)]


def value_labels(column: str) -> dict[int, str] | None:
    return dict(QUAD_NAMES) if column == "quad_class" else None


def markdown() -> str:
    """The codebook as Markdown (``docs/codebook.md``)."""
    out = [
        "# Codebook",
        "",
        "Every column of every `tidings export` table, generated from the schema by",
        "`tidings export --dictionary` (do not edit by hand: change `src/tidings/data/export/columns.tsv`).",
        "Types are DuckDB's; in CSV, JSON Lines and Stata files, lists are joined by `;` (`--list-sep`),",
        "and code columns (`cameo_code`, ids) are text: read them as text (see docs/schema.md).",
        "",
        "`quad_class` values: " + "; ".join(f"{k} {v}" for k, v in QUAD_NAMES.items()) + ".",
    ]
    for table in EXPORT_TABLES:
        out += ["", f"## `{table}`", "", "| column | type | meaning |", "|---|---|---|"]
        for name, typ in export_columns(table):
            out.append(f"| `{name}` | {typ} | {describe(table, name)} |")
    return "\n".join(out) + "\n"


__all__ = ["GDELT_COLUMNS", "markdown", "describe", "export_columns", "value_labels", "missing_descriptions", "EXPORT_TABLES",
           "HIDDEN_COLUMNS", "CODE_COLUMNS"]
