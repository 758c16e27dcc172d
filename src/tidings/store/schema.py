"""The store's tables: columns and types, DDL, the schema version, columns added to older stores.

The schema is documented in ``docs/schema.md``; ``tidings.codebook`` reads its types from here.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from .errors import StoreError

SCHEMA_VERSION = 1
DEFAULT_MAX_DAYS = 1
# Lower is better: which mention's location an event shows.
PRECISION_RANK = {"place": 0, "locality": 1, "dateline": 2, "admin1": 3, "country": 4, "none": 5}

_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
    "UBIGINT[]": pa.list_(pa.uint64()),
}


def _actor_cols(prefix: str) -> list[tuple[str, str]]:
    return [
        (f"{prefix}_text", "VARCHAR"),
        (f"{prefix}_name", "VARCHAR"),
        (f"{prefix}_country", "VARCHAR"),
        (f"{prefix}_sector", "VARCHAR"),
        (f"{prefix}_code", "VARCHAR"),
        (f"{prefix}_role", "VARCHAR"),
        (f"{prefix}_start", "INTEGER"),
        (f"{prefix}_end", "INTEGER"),
    ]


_LOCATION_COLS = [
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"),
    ("location_geonameid", "BIGINT"),
    ("location_precision", "VARCHAR"),
]

# The coding a mention reports and its event shows, in the same order in both tables.
_CODING_COLS = [
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "VARCHAR[]"),
    ("cameo_code", "VARCHAR"),
    ("goldstein", "DOUBLE"),
    ("quad_class", "INTEGER"),
]

TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "VARCHAR"),
        ("seq", "BIGINT"),
        ("title", "VARCHAR"),
        ("dateline_place", "VARCHAR"),
        ("dateline_agency", "VARCHAR"),
        ("dateline_text", "VARCHAR"),
        ("author", "VARCHAR"),
        ("pub_date", "DATE"),
        ("pub_date_source", "VARCHAR"),
        ("language", "VARCHAR"),
        ("body", "VARCHAR"),
        ("boilerplate", "VARCHAR[]"),
        ("source_path", "VARCHAR"),
        ("locator", "VARCHAR"),
        ("input_id", "VARCHAR"),
        ("url", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("outlet_key", "VARCHAR"),
        ("duplicate_of", "VARCHAR"),
        ("minhash", "UBIGINT[]"),
        ("coded", "BOOLEAN"),
        ("run_id", "VARCHAR"),
        ("added_at", "TIMESTAMP"),
        # Added after the first layout: last, so an older store gains it by ALTER TABLE in place.
        ("decode_errors", "INTEGER"),
        ("story_id", "VARCHAR"),
    ],
    "mentions": [
        ("id", "VARCHAR"),
        ("event_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("seq", "BIGINT"),
        ("copied_from", "VARCHAR"),
        ("section", "VARCHAR"),
        ("sentence_index", "INTEGER"),
        ("sentence", "VARCHAR"),
        ("trigger_text", "VARCHAR"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
        *_actor_cols("source"),
        *_actor_cols("target"),
        ("reported_by", "VARCHAR"),
        ("reported_by_code", "VARCHAR"),
        *_CODING_COLS,
        ("modality", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("date", "DATE"),
        ("date_text", "VARCHAR"),
        ("date_source", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        *_LOCATION_COLS,
        ("location_text", "VARCHAR"),
        # Copied from the reporting article so events are recomputed from this table alone.
        ("outlet_key", "VARCHAR"),
        ("pub_date", "DATE"),
        ("added_at", "TIMESTAMP"),
        ("run_id", "VARCHAR"),
        ("model_score", "DOUBLE"),  # the decision model's probability (empty: rules only); last, as added later
    ],
    "events": [
        ("id", "VARCHAR"),
        *_CODING_COLS,
        ("source_country", "VARCHAR"),
        ("source_sector", "VARCHAR"),
        ("source_code", "VARCHAR"),
        ("source_name", "VARCHAR"),
        ("target_country", "VARCHAR"),
        ("target_sector", "VARCHAR"),
        ("target_code", "VARCHAR"),
        ("target_name", "VARCHAR"),
        ("date", "DATE"),
        ("date_source", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        *_LOCATION_COLS,
        ("modality", "VARCHAR"),
        ("num_mentions", "INTEGER"),
        ("num_articles", "INTEGER"),
        ("num_sources", "INTEGER"),
        ("first_seen_article", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("first_seen", "DATE"),
        ("last_seen", "DATE"),
        ("is_root", "BOOLEAN"),
        ("added_at", "TIMESTAMP"),
        # Added after the first layout: last, so an older store gains it by ALTER TABLE in place.
        ("run_id", "VARCHAR"),
    ],
    "actors": [
        ("article_id", "VARCHAR"),
        ("section", "VARCHAR"),
        ("text", "VARCHAR"),
        ("name", "VARCHAR"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("code", "VARCHAR"),
        ("role", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("resolved_from", "VARCHAR"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("confidence", "DOUBLE"),
    ],
    "rejects": [
        ("path", "VARCHAR"),
        ("locator", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("detail", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("at", "TIMESTAMP"),
    ],
    "runs": [
        ("id", "VARCHAR"),
        ("coder_version", "VARCHAR"),
        ("model", "VARCHAR"),
        ("dictionaries", "VARCHAR"),
        ("options", "VARCHAR"),
        ("started", "TIMESTAMP"),
        ("ended", "TIMESTAMP"),
        ("status", "VARCHAR"),
        ("counts", "VARCHAR"),
        ("tables_hash", "VARCHAR"),
    ],
}
PRIMARY_KEYS = {"articles": "id", "mentions": "id", "events": "id", "runs": "id"}

# The fields tidings.dedup.same_event compares, plus modality (part of our merge key).
MATCH_FIELDS = (
    "article_id",  # one article's mentions of two types stay two events (tidings.dedup.same_event)
    "plover_type",
    "quad_class",
    "modality",
    "source_country",
    "source_sector",
    "target_country",
    "target_sector",
    "date",
    "location_country",
    "location_name",
    "location_geonameid",
    "location_precision",
)


def _schema(table: str) -> pa.Schema:
    return pa.schema([(name, _TYPES[typ]) for name, typ in TABLES[table]])


def _ddl(table: str) -> str:
    cols = []
    for name, typ in TABLES[table]:
        pk = " PRIMARY KEY" if PRIMARY_KEYS.get(table) == name else ""
        cols.append(f'"{name}" {typ}{pk}')
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(cols)})"


def _to_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """The rows as an Arrow table of the table's schema (a missing key is null); Arrow's own
    conversion takes half the time of building each column from the dicts in Python."""
    return pa.Table.from_pylist(rows, schema=_schema(table))


class SchemaMixin:
    """Creating the tables of a new store, adding later columns to an older one, and refusing
    files of another layout or version."""

    def _create(self) -> None:
        existing = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" not in existing and existing & set(TABLES):
            raise StoreError(
                f"{self.path} holds tables tidings did not create (or an older layout): code into a new file"
            )
        for table in TABLES:
            self.con.execute(_ddl(table))
        for table, name, typ in self._missing_columns():  # a store written before the column existed
            self.con.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{name}" {typ}')
        # Events are recomputed from their mentions after every batch: find those by index, not by scan.
        self.con.execute("CREATE INDEX IF NOT EXISTS mentions_event_id ON mentions (event_id)")
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        else:
            self._check_schema()

    def _check_schema(self, con=None, writing: bool = False) -> None:
        con = con or self.con
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" not in tables:
            if writing and not tables & set(TABLES):
                return  # no tidings tables yet: tidings adds its own
            if writing:
                raise StoreError(
                    f"{self.path} holds tables tidings did not create (or an older layout): code into a new file"
                )
            raise StoreError(f"{self.path} is not a tidings database (no meta table)")
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        version = rows[0][0] if rows else "?"
        if str(version) != str(SCHEMA_VERSION):
            raise StoreError(
                f"{self.path} has tidings schema version {version}, this tidings expects "
                f"{SCHEMA_VERSION}: export it with the tidings that wrote it, or code into a new file"
            )
        missing = self._missing_columns(con)
        if missing and not writing:
            cols = ", ".join(f"{t}.{c}" for t, c, _ in missing)
            raise StoreError(
                f"{self.path} was written by an older tidings and lacks {cols}: the next "
                f"`tidings code ... --db {self.path}` adds them"
            )

    def _missing_columns(self, con=None) -> list[tuple[str, str, str]]:
        con = con or self.con
        have = set(con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall())
        tables = {t for t, _ in have}
        return [(t, c, typ) for t, cols in TABLES.items() if t in tables for c, typ in cols if (t, c) not in have]

