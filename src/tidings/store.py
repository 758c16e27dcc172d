"""The DuckDB store: schema, batched idempotent writes, event merging, re-coding.

One process owns the database file while it writes (DuckDB allows one writer and,
meanwhile, no reader in another process); everyone else gets :class:`StoreLocked`
with a message saying what to do. The schema is documented in ``docs/schema.md``.

Design points (the why):

* Every ``add_results`` call is one transaction, so a kill leaves whole batches
  only, and a re-run skips articles already stored: resume == uninterrupted run.
* Rows go in through Arrow tables (``INSERT ... SELECT FROM arrow``); DuckDB's
  ``executemany`` runs at under 1k rows/s.
* ``mentions`` (one row per report) are the truth; an ``events`` row (one per
  real-world happening) is always recomputed from its mentions, so counts never
  drift. Merging only decides ``mentions.event_id``, with the rule of
  ``tidings.dedup.cluster_events``: a new mention joins the earliest-created event
  of its key whose every mention is ``same_event`` with it (complete linkage), else
  it starts a new event whose id is its own id. Stored mentions never move when
  new ones arrive, so the result depends only on the order of the input, not on
  where batches happen to break: a resumed run ends with the same rows.
* Modality is part of the merge key: a denial never merges with the assertion.
  Queries and exports default to ``modality = 'asserted'``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import duckdb
import pyarrow as pa

from .records import ActorMention, Article, ArticleResult, Dateline, Event, Reject, as_date
from .store_file import cut_short, damaged_message, torn_wal_bytes

SCHEMA_VERSION = 1
DEFAULT_MAX_DAYS = 1
# Lower is better: which mention's location an event shows.
PRECISION_RANK = {"place": 0, "dateline": 1, "admin1": 2, "country": 3, "none": 4}

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
        ("plover_type", "VARCHAR"),
        ("plover_mode", "VARCHAR"),
        ("plover_context", "VARCHAR[]"),
        ("cameo_code", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("quad_class", "INTEGER"),
        ("modality", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("date", "DATE"),
        ("date_text", "VARCHAR"),
        ("date_source", "VARCHAR"),
        *_LOCATION_COLS,
        ("location_text", "VARCHAR"),
        # Copied from the reporting article so events are recomputed from this table alone.
        ("outlet_key", "VARCHAR"),
        ("pub_date", "DATE"),
        ("added_at", "TIMESTAMP"),
        ("run_id", "VARCHAR"),
    ],
    "events": [
        ("id", "VARCHAR"),
        ("plover_type", "VARCHAR"),
        ("plover_mode", "VARCHAR"),
        ("plover_context", "VARCHAR[]"),
        ("cameo_code", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("quad_class", "INTEGER"),
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


class StoreError(Exception):
    """A database problem explained in words a user can act on."""


class StoreLocked(StoreError):
    """Another process holds the database file."""


class StoreDamaged(StoreError):
    """The file is not a readable DuckDB database (garbage, cut short, corrupt blocks)."""


def is_store_failure(exc: BaseException) -> bool:
    """True when an error says the database (or the disk under it) is in trouble, not the data
    written: then retrying the rows one by one would only fail each of them."""
    return isinstance(
        exc, (StoreError, OSError, MemoryError, duckdb.IOException, duckdb.FatalException, duckdb.InternalException)
    )


def _schema(table: str) -> pa.Schema:
    return pa.schema([(name, _TYPES[typ]) for name, typ in TABLES[table]])


def _ddl(table: str) -> str:
    cols = []
    for name, typ in TABLES[table]:
        pk = " PRIMARY KEY" if PRIMARY_KEYS.get(table) == name else ""
        cols.append(f'"{name}" {typ}{pk}')
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(cols)})"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)




def _iso(value: Any) -> str | None:
    d = as_date(value)
    return d.isoformat() if d else None


def _marks(values: list) -> str:
    return "(" + ", ".join("?" * len(values)) + ")" if values else "(NULL)"


def _sha(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def outlet_key(outlet: str | None, url: str | None, article_id: str) -> str:
    """What counts as one source for ``num_sources``: the outlet, else the URL's host, else the article."""
    if outlet and outlet.strip():
        return outlet.strip().lower()
    if url:
        host = urlparse(url).hostname or ""
        host = host.lower().removeprefix("www.")
        if host:
            return host
    return f"article:{article_id}"


def _locked_message(path: str, detail: str) -> str:
    from .holder import describe

    named = describe(path)  # `tidings serve` leaves a note saying it is the holder
    if named:
        return named + "."
    pid = re.search(r"PID (\d+)", detail)
    who = f" (process {pid.group(1)})" if pid else ""
    return (
        f"another tidings process{who} holds {path}: DuckDB lets one process use a database file at a time. "
        f"Wait for that run to finish and try again, or work from a copy: after it ends, "
        f"`tidings export --db {path} --format parquet OUT.parquet` writes a file any number of readers can share."
    )


def _to_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = _schema(table)
    return pa.table({f.name: pa.array([r.get(f.name) for r in rows], type=f.type) for f in schema}, schema=schema)


class Store:
    """A tidings DuckDB database.

    Event merging is configurable: ``max_days`` is the window within which two reports
    of the same event type between the same source and target country and sector join
    one event (``max_days=0`` merges only same-day reports); ``allow_undated`` lets
    reports without a date merge too. The rule itself is ``tidings.dedup.same_event``.
    """

    def __init__(
        self, path: str, read_only: bool = False, max_days: int = DEFAULT_MAX_DAYS, allow_undated: bool = False
    ):
        self.path = str(path)
        self.read_only = read_only
        self.max_days = max_days
        self.allow_undated = allow_undated
        self.warnings: list[str] = []  # problems found on opening that did not stop it
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}: run `tidings code PATH... --db {self.path}` first")
        if self.path != ":memory:" and Path(self.path).is_dir():
            raise StoreError(f"{self.path} is a folder: give a file name for --db, e.g. {self.path}/tidings.duckdb")
        if self.path != ":memory:" and not Path(self.path).parent.is_dir():
            raise StoreError(f"cannot create {self.path}: the folder {Path(self.path).parent} does not exist")
        existing = self.path != ":memory:" and Path(self.path).exists() and Path(self.path).stat().st_size > 0
        torn = torn_wal_bytes(self.path) if existing else 0  # read before DuckDB replays (and drops) it
        if existing and not read_only:
            # Checked through a read-only connection first: a damaged store must stay as it is.
            probe = self._connect(True)
            try:
                self._check(probe, writing=True)
            finally:
                probe.close()
        self.con = self._connect(read_only)
        self._deduper = None
        self._signer = None
        self._signatures: dict[str, list[int]] = {}
        try:
            if read_only:
                self._check(self.con, writing=False, size=existing)
            else:
                self._create()
        except BaseException:
            self.close()  # never keep a file locked behind an error
            raise
        if torn:
            self.warnings.append(
                f"the write-ahead log {self.path}.wal ends in {torn:,} bytes of an unfinished write, which "
                "DuckDB discards: the last batch written before the file was cut is not in the store. "
                "Re-run the same `tidings code` command to code it again."
            )

    def _check(self, con, writing: bool, size: bool = True) -> None:
        try:
            short = cut_short(con, self.path) if size else None
            if short:
                raise StoreDamaged(damaged_message(self.path, short))
            self._check_schema(con, writing=writing)
        except duckdb.Error as exc:
            raise StoreDamaged(damaged_message(self.path, exc)) from None

    def _connect(self, read_only: bool):
        try:
            return duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(_locked_message(self.path, str(exc))) from None
            if "permission" in str(exc).lower() or "read-only file system" in str(exc).lower():
                raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from None
            raise StoreDamaged(damaged_message(self.path, exc)) from None
        except duckdb.ConnectionException as exc:
            # The same file already open in this process with the other read_only setting.
            raise StoreLocked(_locked_message(self.path, str(exc))) from None
        except duckdb.Error as exc:
            raise StoreDamaged(damaged_message(self.path, exc)) from None

    # -- lifecycle -------------------------------------------------------------

    def close(self) -> None:
        if getattr(self, "con", None) is not None:
            self.con.close()
            self.con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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

    def _one(self, sql: str, params: list | None = None) -> tuple | None:
        # fetchall, not fetchone: DuckDB 2 refuses register()/unregister() while a result is unfinished.
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        arrow = _to_table(table, rows)
        name = f"_new_{table}"
        self.con.register(name, arrow)
        try:
            cols = ", ".join(f'"{c}"' for c, _ in TABLES[table])
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self.con.unregister(name)

    def _ids_view(self, name: str, ids: list[str]) -> None:
        self.con.register(name, pa.table({"id": pa.array(list(ids), type=pa.string())}))

    def _next_seq(self, table: str) -> int:
        return int(self._one(f"SELECT coalesce(max(seq), 0) FROM {table}")[0]) + 1

    # -- runs ------------------------------------------------------------------

    def start_run(self, options: dict) -> str:
        from . import __version__
        from .provenance import tables_hash

        run_id = _now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        dictionaries = {k: v for k, v in options.items() if "actor" in k or "verb" in k or "dictionar" in k}
        self.con.execute(
            "INSERT INTO runs (id, coder_version, model, dictionaries, options, started, status, tables_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, 'running', ?)",
            [
                run_id,
                __version__,
                options.get("model"),
                json.dumps(dictionaries, default=str, sort_keys=True),
                json.dumps(options, default=str, sort_keys=True),
                _now(),
                tables_hash(),
            ],
        )
        return run_id

    def end_run(self, run_id: str, counts: dict, status: str = "completed") -> None:
        self.con.execute(
            "UPDATE runs SET ended = ?, status = ?, counts = ? WHERE id = ?",
            [_now(), status, json.dumps(counts, default=str, sort_keys=True), run_id],
        )

    # -- articles --------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self._one("SELECT 1 FROM articles WHERE id = ? AND coded", [article_id])
        return row is not None

    def known_article_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT id FROM articles WHERE coded").fetchall()}

    def _dedup_index(self):
        if self._deduper is None:
            from .dedup import ArticleDeduper  # datasketch loads only when needed

            self._deduper = ArticleDeduper()
            rows = self.con.execute(
                "SELECT id, minhash FROM articles WHERE duplicate_of IS NULL AND minhash IS NOT NULL ORDER BY seq"
            ).fetchall()
            for aid, sig in rows:
                self._deduper.add(aid, list(sig))
        return self._deduper

    def signature(self, body: str) -> list[int] | None:
        """The body's MinHash signature, cached so routing and storing compute it once."""
        return self._signature(body)

    def _signature(self, body: str) -> list[int] | None:
        key = hashlib.sha1(body.encode("utf-8")).hexdigest()
        sig = self._signatures.get(key)
        if sig is None:
            if self._signer is None:  # an empty index: signatures need only its permutations
                from .dedup import ArticleDeduper

                self._signer = ArticleDeduper()
            sig = [int(v) for v in self._signer.signature(body)]
            if len(self._signatures) > 10_000:  # only a batch's worth is ever needed again
                self._signatures.clear()
            self._signatures[key] = sig
        return sig

    def near_duplicate_of(self, body: str, article_id: str | None = None) -> str | None:
        """The id of a stored article this body is a near-copy of (MinHash/LSH), else None.

        Articles whose outputs are pending (deleted for ``--recode``) do not count, so
        an article being re-coded is never a duplicate of itself.
        """
        index = self._dedup_index()
        if index is None or not body:
            return None
        found = index.query(self._signature(body))
        if found is None or found == article_id:
            return None
        row = self._one("SELECT coded FROM articles WHERE id = ?", [found])
        if row is None or not row[0]:
            return None
        return found

    def articles(self, include_duplicates: bool = False) -> Iterator[Article]:
        """Stored articles in the order they were added (for ``--recode``).

        Near-duplicates are left out by default: they are re-linked to their
        original's new mentions automatically when the original is stored again.
        """
        where = "" if include_duplicates else "WHERE duplicate_of IS NULL"
        # A cursor of its own, so the caller may write through this store while iterating.
        cur = self.con.cursor().execute(
            "SELECT id, body, title, dateline_place, dateline_agency, dateline_text, author, pub_date, "
            "pub_date_source, language, boilerplate, source_path, locator, input_id, url, outlet, decode_errors "
            f"FROM articles {where} ORDER BY seq"
        )
        try:
            yield from (self._article_from_row(r) for chunk in iter(lambda: cur.fetchmany(1000), []) for r in chunk)
        finally:
            cur.close()

    @staticmethod
    def _article_from_row(r: tuple) -> Article:
        return Article(
            id=r[0],
            body=r[1],
            title=r[2],
            dateline=Dateline(place=r[3], agency=r[4], text=r[5]),
            author=r[6],
            pub_date=_iso(r[7]),
            pub_date_source=r[8] or "none",
            language=r[9],
            boilerplate=list(r[10] or []),
            source_path=r[11],
            locator=r[12],
            input_id=r[13],
            url=r[14],
            outlet=r[15],
            decode_errors=r[16] or 0,
        )

    # -- writing results ---------------------------------------------------------

    def add_results(self, results: list[ArticleResult], run_id: str) -> dict:
        """Store one batch in one transaction; articles already stored are skipped.

        Returns counts: articles, duplicates, skipped, mentions, events_new, events_touched.
        """
        counts = {"articles": 0, "duplicates": 0, "skipped": 0, "mentions": 0, "events_new": 0, "events_touched": 0}
        if not results:
            return counts
        ids = list(dict.fromkeys(r.article.id for r in results))
        self._ids_view("_batch_ids", ids)
        try:
            stored = dict(
                self.con.execute(
                    "SELECT a.id, a.coded FROM articles a JOIN _batch_ids b ON a.id = b.id"
                ).fetchall()
            )
        finally:
            self.con.unregister("_batch_ids")
        fresh: list[ArticleResult] = []
        seen: set[str] = set()
        for r in results:
            aid = r.article.id
            if aid in seen or stored.get(aid):
                counts["skipped"] += 1
                continue
            seen.add(aid)
            fresh.append(r)
        if not fresh:
            return counts
        # Originals first, so a copy of an article in the same batch finds its mentions.
        originals = [r for r in fresh if not r.duplicate_of or r.duplicate_of == r.article.id]
        copies = [r for r in fresh if r.duplicate_of and r.duplicate_of != r.article.id]
        new_signatures: list[tuple[str, list[int]]] = []
        self.con.begin()
        try:
            replace = [aid for aid in seen if aid in stored]  # uncoded rows left by delete_outputs
            if replace:
                self._ids_view("_replace_ids", replace)
                self.con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _replace_ids)")
                self.con.unregister("_replace_ids")
            now = _now()
            aseq = self._next_seq("articles")
            mseq = self._next_seq("mentions")
            article_rows, actor_rows, mention_rows = [], [], []
            copy_links = {c.article.id: c.duplicate_of for c in copies}
            for r in originals + copies:
                dup = self._root_of(r.duplicate_of, copy_links) if r.article.id in copy_links else None
                # Only originals are looked up as near-duplicate targets, so only they need a signature.
                sig = self._signature(r.article.body) if r.article.body and dup is None else None
                article_rows.append(self._article_row(r.article, dup, sig, aseq, run_id, now))
                aseq += 1
                if dup is None and sig is not None:
                    new_signatures.append((r.article.id, sig))
                actor_rows.extend(self._actor_row(r.article.id, a) for a in r.actors)
                if dup is None:
                    art = article_rows[-1]
                    for i, ev in enumerate(r.events):
                        row = self._mention_row(r.article.id, ev, i, mseq, run_id)
                        row.update(outlet_key=art["outlet_key"], pub_date=art["pub_date"], added_at=art["added_at"])
                        mention_rows.append(row)
                        mseq += 1
            counts["articles"] = len(originals)
            counts["duplicates"] = len(copies)
            self._insert("articles", article_rows)
            self._insert("actors", actor_rows)
            self._unique_mention_ids(mention_rows)
            touched = self._assign_events(mention_rows)
            self._insert("mentions", mention_rows)
            counts["mentions"] = len(mention_rows)
            counts["events_new"] = sum(1 for m in mention_rows if m["event_id"] == m["id"])
            # Copies: this batch's duplicates, plus stored duplicates waiting for an original of this batch.
            copied, copy_events = self._copy_pending_duplicates([r.article.id for r in originals], run_id)
            counts["mentions"] += copied
            touched |= copy_events
            self._refresh_events(touched)
            counts["events_touched"] = len(touched)
            from .stories import link_stories

            link_stories(self.con, [r.article.id for r in originals + copies])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        index = self._deduper
        if index is not None:
            for aid, sig in new_signatures:
                index.add(aid, sig)
        return counts

    def _root_of(self, original: str, batch_dups: Mapping[str, str | None]) -> str:
        """Follow duplicate_of links to the first article (copies of copies point at the original)."""
        seen = {original}
        current = original
        while True:
            nxt = batch_dups.get(current)
            if nxt is None:
                row = self._one("SELECT duplicate_of FROM articles WHERE id = ?", [current])
                nxt = row[0] if row else None
            if not nxt or nxt in seen:
                return current
            seen.add(nxt)
            current = nxt

    @staticmethod
    def _article_row(a: Article, dup: str | None, sig, seq: int, run_id: str, now) -> dict[str, Any]:
        dl = a.dateline or Dateline()
        return {
            "id": a.id,
            "seq": seq,
            "title": a.title,
            "dateline_place": dl.place,
            "dateline_agency": dl.agency,
            "dateline_text": dl.text,
            "author": a.author,
            "pub_date": as_date(a.pub_date),
            "pub_date_source": a.pub_date_source,
            "language": a.language,
            "body": a.body,
            "boilerplate": list(a.boilerplate or []),
            "source_path": a.source_path,
            "locator": a.locator,
            "input_id": a.input_id,
            "url": a.url,
            "outlet": a.outlet,
            "outlet_key": outlet_key(a.outlet, a.url, a.id),
            "duplicate_of": dup,
            "minhash": sig,
            # A copy is "coded" once its original's mentions are copied to it.
            "coded": dup is None,
            "run_id": run_id,
            "added_at": now,
            "decode_errors": a.decode_errors,
        }

    @staticmethod
    def _actor_row(article_id: str, a: ActorMention) -> dict[str, Any]:
        return {
            "article_id": article_id,
            "section": a.section,
            "text": a.text,
            "name": a.name,
            "country": a.country,
            "sector": a.sector,
            "code": a.code,
            "role": a.role,
            "kind": a.kind,
            "resolved_from": a.resolved_from,
            "span_start": a.start,
            "span_end": a.end,
            "confidence": a.confidence,
        }

    @staticmethod
    def _mention_row(article_id: str, ev: Event, index: int, seq: int, run_id: str) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": ev.id
            or _sha(article_id, ev.section, ev.sentence_index, ev.trigger_start, ev.trigger_end, ev.plover_type, ev.cameo_code, index),
            "event_id": None,
            "article_id": article_id,
            "seq": seq,
            "copied_from": None,
            "section": ev.section,
            "sentence_index": ev.sentence_index,
            "sentence": ev.sentence,
            "trigger_text": ev.trigger_text,
            "trigger_start": ev.trigger_start,
            "trigger_end": ev.trigger_end,
            "reported_by": ev.reported_by.text if ev.reported_by else None,
            "reported_by_code": ev.reported_by.code if ev.reported_by else None,
            "plover_type": ev.plover_type,
            "plover_mode": ev.plover_mode,
            "plover_context": list(ev.plover_context or []),
            "cameo_code": ev.cameo_code,
            "goldstein": ev.goldstein,
            "quad_class": ev.quad_class,
            "modality": ev.modality or "asserted",
            "rule": ev.rule,
            "confidence": ev.confidence,
            "date": as_date(ev.date),
            "date_text": ev.date_text,
            "date_source": ev.date_source,
            "run_id": run_id,
        }
        for side in ("source", "target"):
            a = getattr(ev, side)
            row.update(
                {
                    f"{side}_text": a.text if a else None,
                    f"{side}_name": a.name if a else None,
                    f"{side}_country": a.country if a else None,
                    f"{side}_sector": a.sector if a else None,
                    f"{side}_code": a.code if a else None,
                    f"{side}_role": a.role if a else None,
                    f"{side}_start": a.start if a else None,
                    f"{side}_end": a.end if a else None,
                }
            )
        loc = ev.location
        row.update(
            {
                "location_name": loc.name if loc else None,
                "location_country": loc.country if loc else None,
                "location_lat": loc.lat if loc else None,
                "location_lon": loc.lon if loc else None,
                "location_geonameid": loc.geonameid if loc else None,
                "location_precision": loc.precision if loc else None,
                "location_text": loc.text if loc else None,
            }
        )
        return row

    def _unique_mention_ids(self, rows: list[dict[str, Any]]) -> None:
        """Mention ids are primary keys; a clash (same id from two articles) gets a suffix, deterministically."""
        if not rows:
            return
        ids = [r["id"] for r in rows]
        # An IN list of constants lets DuckDB use the primary-key index instead of a scan.
        taken = {x[0] for x in self.con.execute(f"SELECT id FROM mentions WHERE id IN {_marks(ids)}", ids).fetchall()}
        for r in rows:
            base, n = r["id"], 1
            while r["id"] in taken:
                r["id"] = _sha(base, r["article_id"], n)
                n += 1
            taken.add(r["id"])

    # -- event merging -----------------------------------------------------------

    @staticmethod
    def _merge_key(row: Mapping[str, Any]) -> tuple:
        from .dedup import event_key

        return tuple(event_key(row)) + (row.get("modality") or "asserted",)

    @staticmethod
    def _flat(row: Mapping[str, Any]) -> dict[str, Any]:
        flat = {k: row.get(k) for k in MATCH_FIELDS}
        flat["date"] = _iso(flat["date"])
        flat["id"] = row.get("id")
        flat["seq"] = row.get("seq")
        return flat

    def _load_events(self, rows: list[dict[str, Any]]) -> tuple[dict[tuple, list[str]], dict[str, list[dict]]]:
        """Stored events these mentions could join: per merge key, event ids in creation order, and
        every event's own mentions (complete linkage needs them all)."""
        if not rows:
            return {}, {}
        from .dedup import BLOCK_FIELDS

        cols = [*BLOCK_FIELDS, "modality"]
        # One window per distinct (key, date): a batch whose dates spread over a year must not
        # read every event of its keys. A generous window; same_event has the last word.
        pad = dt.timedelta(days=max(int(self.max_days), 0) + 1)
        windows = sorted(
            {
                tuple(r.get(c) for c in cols) + (as_date(r.get("date")),)
                for r in rows
                if self.allow_undated or r.get("date") is not None  # else an undated report merges with nothing
            },
            key=repr,
        )
        if not windows:
            return {}, {}
        key_table = pa.table(
            {
                **{c: pa.array([w[i] for w in windows], type=pa.int64() if c == "quad_class" else pa.string()) for i, c in enumerate(cols)},
                # An undated mention may join an event of any date.
                "lo": pa.array([w[-1] - pad if w[-1] else None for w in windows], type=pa.date32()),
                "hi": pa.array([w[-1] + pad if w[-1] else None for w in windows], type=pa.date32()),
            }
        )
        names = ("event_id", "id", "seq", *MATCH_FIELDS)
        self.con.register("_merge_keys", key_table)
        try:
            on = " AND ".join(f"m.{c} IS NOT DISTINCT FROM k.{c}" for c in cols)
            found = self.con.execute(
                f"""
                WITH cand AS (
                    SELECT DISTINCT m.event_id FROM mentions m JOIN _merge_keys k ON {on}
                    WHERE m.event_id IS NOT NULL AND m.copied_from IS NULL
                      AND (k.lo IS NULL OR m.date IS NULL OR m.date BETWEEN k.lo AND k.hi)
                )
                SELECT {", ".join(f"m.{c}" for c in names)} FROM mentions m
                WHERE m.event_id IN (SELECT event_id FROM cand) AND m.copied_from IS NULL
                ORDER BY m.seq
                """
            ).fetchall()
        finally:
            self.con.unregister("_merge_keys")
        blocks: dict[tuple, list[str]] = {}
        members: dict[str, list[dict]] = {}
        for rec in found:  # in seq order, so an event's first member comes first
            d = dict(zip(names, rec))
            flat = self._flat(d)
            eid = d["event_id"]
            if eid not in members:
                members[eid] = []
                blocks.setdefault(self._merge_key(flat), []).append(eid)
            members[eid].append(flat)
        return blocks, members

    def _assign_events(self, rows: list[dict[str, Any]]) -> set[str]:
        """Set ``event_id`` on each new mention row, in seq order; return the event ids touched.

        The rule is ``tidings.dedup.cluster_events``: a mention joins the earliest-created
        event of its key whose every own mention is ``same_event`` with it, else it starts
        a new event whose id is its own id.
        """
        from .dedup import same_event

        blocks, members = self._load_events(rows)
        touched: set[str] = set()
        for row in sorted(rows, key=lambda r: r["seq"]):
            flat = self._flat(row)
            key = self._merge_key(flat)
            chosen = None
            for eid in blocks.get(key, []):
                if all(
                    same_event(m, flat, max_days=self.max_days, allow_undated=self.allow_undated)
                    for m in members[eid]
                ):
                    chosen = eid
                    break
            if chosen is None:
                chosen = row["id"]
                blocks.setdefault(key, []).append(chosen)
                members[chosen] = []
            members[chosen].append(flat)
            row["event_id"] = chosen
            touched.add(chosen)
        return touched

    def _copy_pending_duplicates(self, original_ids: list[str], run_id: str) -> tuple[int, set[str]]:
        """Give every uncoded near-duplicate whose original now has mentions a copy of them."""
        pending = self.con.execute(
            "SELECT d.id, d.duplicate_of, d.outlet_key, d.pub_date, d.added_at FROM articles d "
            "JOIN articles o ON o.id = d.duplicate_of WHERE NOT d.coded AND o.coded ORDER BY d.seq"
        ).fetchall()
        if not pending:
            return 0, set()
        self._ids_view("_originals", sorted({p[1] for p in pending}))
        try:
            names = [c for c, _ in TABLES["mentions"]]
            cols = ", ".join(f'm."{c}"' for c in names)
            own = self.con.execute(
                f"SELECT {cols} FROM mentions m JOIN _originals o ON m.article_id = o.id "
                "WHERE m.copied_from IS NULL ORDER BY m.seq"
            ).fetchall()
        finally:
            self.con.unregister("_originals")
        by_article: dict[str, list[dict[str, Any]]] = {}
        for rec in own:
            row = dict(zip(names, rec))
            by_article.setdefault(row["article_id"], []).append(row)
        seq = self._next_seq("mentions")
        rows: list[dict[str, Any]] = []
        for dup_id, orig_id, okey, pub, added in pending:
            for m in by_article.get(orig_id, []):
                copy = dict(m)
                copy.update(
                    id=_sha(m["id"], dup_id), article_id=dup_id, seq=seq, copied_from=m["id"], run_id=run_id,
                    outlet_key=okey, pub_date=pub, added_at=added,
                )
                seq += 1
                rows.append(copy)
        self._insert("mentions", rows)
        self._ids_view("_done", [p[0] for p in pending])
        self.con.execute("UPDATE articles SET coded = true WHERE id IN (SELECT id FROM _done)")
        self.con.unregister("_done")
        return len(rows), {r["event_id"] for r in rows}

    def _refresh_events(self, event_ids: set[str]) -> None:
        """Recompute these events from their mentions (deleting those left with none)."""
        if not event_ids:
            return
        ids = sorted(event_ids)
        marks = _marks(ids)
        self.con.execute(f"DELETE FROM events WHERE id IN {marks}", ids)
        rank = " ".join(f"WHEN '{k}' THEN {v}" for k, v in PRECISION_RANK.items())
        cols = ", ".join(f'"{c}"' for c, _ in TABLES["events"])
        rep_fields = [
            "plover_type", "plover_mode", "plover_context", "cameo_code", "goldstein", "quad_class",
            "source_country", "source_sector", "source_code", "source_name",
            "target_country", "target_sector", "target_code", "target_name", "modality", "run_id",
        ]
        loc_fields = ["location_name", "location_country", "location_lat", "location_lon",
                      "location_geonameid", "location_precision"]
        pack = lambda fields: "{" + ", ".join(f"'{f}': {f}" for f in fields) + "}"  # noqa: E731
        get = lambda col, f: f"struct_extract({col}, '{f}')"  # noqa: E731
        seen = "coalesce(pub_date, CAST(added_at AS DATE))"
        # One pass over the touched events' mentions (found through the event_id index):
        # the first mention gives the coding, the best-dated and best-placed mentions give
        # date and place, and the counts are counted afresh.
        self.con.execute(
            f"""
            INSERT INTO events ({cols})
            SELECT event_id,
                   {", ".join(get("rep", f) for f in rep_fields[:-2])},
                   {get("dt", "date")}, {get("dt", "date_source")},
                   {", ".join(get("loc", f) for f in loc_fields)},
                   {get("rep", "modality")},
                   n_m, n_a, n_s, first_article, conf, fs, ls, root, added, {get("rep", "run_id")}
            FROM (
                SELECT event_id,
                       arg_min({pack(rep_fields)}, seq) AS rep,
                       arg_min({pack(["date", "date_source"])},
                               (CASE WHEN date_source = 'text' THEN 0 ELSE 1 END, seq))
                           FILTER (WHERE date IS NOT NULL) AS dt,
                       arg_min({pack(loc_fields)}, (CASE location_precision {rank} ELSE 9 END, seq))
                           FILTER (WHERE location_name IS NOT NULL OR location_country IS NOT NULL) AS loc,
                       arg_min(article_id, ({seen}, seq)) AS first_article,
                       count(*) AS n_m, count(DISTINCT article_id) AS n_a, count(DISTINCT outlet_key) AS n_s,
                       max(confidence) AS conf, min({seen}) AS fs, max({seen}) AS ls,
                       bool_or(section = 'headline' OR sentence_index = 0) AS root, min(added_at) AS added
                FROM mentions WHERE event_id IN {marks} GROUP BY event_id
            )
            """,
            ids,
        )

    # -- re-coding -----------------------------------------------------------------

    def delete_outputs(self, article_ids: list[str]) -> None:
        """Remove the mentions and actors of these articles (and of their near-copies) before re-coding.

        The articles stay, marked uncoded, so ``has_article`` is False for them until
        ``add_results`` stores them again. Events that lose mentions are re-merged from
        the mentions they keep; events left with none are deleted.
        """
        if not article_ids:
            return
        self.con.begin()
        try:
            self._ids_view("_del_given", list(dict.fromkeys(article_ids)))
            ids = [
                r[0]
                for r in self.con.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT id FROM _del_given) "
                    "OR duplicate_of IN (SELECT id FROM _del_given)"
                ).fetchall()
            ]
            self.con.unregister("_del_given")
            self._ids_view("_del", ids)
            affected = {
                r[0]
                for r in self.con.execute(
                    "SELECT DISTINCT event_id FROM mentions WHERE article_id IN (SELECT id FROM _del)"
                ).fetchall()
            }
            self.con.execute("DELETE FROM mentions WHERE article_id IN (SELECT id FROM _del)")
            self.con.execute("DELETE FROM actors WHERE article_id IN (SELECT id FROM _del)")
            self.con.execute("UPDATE articles SET coded = false WHERE id IN (SELECT id FROM _del)")
            self.con.unregister("_del")
            touched = set(affected)
            if affected:
                touched |= self._remerge(affected)
            self._refresh_events(touched)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def _remerge(self, event_ids: set[str]) -> set[str]:
        """Re-assign the remaining mentions of broken events, in their original order."""
        names = [c for c, _ in TABLES["mentions"]]
        self._ids_view("_broken", sorted(event_ids))
        try:
            rows = [
                dict(zip(names, rec))
                for rec in self.con.execute(
                    "SELECT {} FROM mentions WHERE event_id IN (SELECT id FROM _broken) ORDER BY seq".format(
                        ", ".join(f'"{c}"' for c in names)
                    )
                ).fetchall()
            ]
        finally:
            self.con.unregister("_broken")
        if not rows:
            return set()
        own = [r for r in rows if r["copied_from"] is None]
        # The broken events' anchors may be gone; their survivors must not match stale anchors.
        self.con.execute(
            "UPDATE mentions SET event_id = NULL WHERE id IN (SELECT unnest(?::VARCHAR[]))", [[r["id"] for r in rows]]
        )
        touched = self._assign_events(own)
        new_event = {r["id"]: r["event_id"] for r in own}
        for r in rows:
            if r["copied_from"] is not None:
                r["event_id"] = new_event.get(r["copied_from"])
        update = pa.table(
            {
                "id": pa.array([r["id"] for r in rows], type=pa.string()),
                "event_id": pa.array([r["event_id"] for r in rows], type=pa.string()),
            }
        )
        self.con.register("_new_event_ids", update)
        try:
            self.con.execute(
                "UPDATE mentions SET event_id = u.event_id FROM _new_event_ids u WHERE mentions.id = u.id"
            )
        finally:
            self.con.unregister("_new_event_ids")
        return touched | {r["event_id"] for r in rows if r["event_id"]}

    # -- rejects -----------------------------------------------------------------

    def add_rejects(self, rejects: list[Reject], run_id: str) -> None:
        """Record unreadable inputs; the same (path, locator, reason) is stored once.

        Standard input ("-") is new data on every run, so its rejects are kept per run."""
        if not rejects:
            return
        now = _now()
        uniq: dict[tuple, dict[str, Any]] = {}
        for r in rejects:
            uniq.setdefault(
                (r.path, r.locator, r.reason),
                {"path": r.path, "locator": r.locator, "reason": r.reason, "detail": r.detail, "run_id": run_id, "at": now},
            )
        self.con.register("_new_rejects", _to_table("rejects", list(uniq.values())))
        try:
            self.con.execute(
                "INSERT INTO rejects SELECT n.* FROM _new_rejects n WHERE NOT EXISTS ("
                "SELECT 1 FROM rejects r WHERE r.path = n.path AND r.locator IS NOT DISTINCT FROM n.locator "
                "AND r.reason = n.reason AND (n.path <> '-' OR r.run_id = n.run_id))"
            )
        finally:
            self.con.unregister("_new_rejects")

    # -- reading -------------------------------------------------------------------

    def counts(self, keep=None, events_rel: str = "events") -> dict[str, int]:
        """What the store holds: the counts ``tidings summary`` and the end of ``tidings code`` show.

        Events and mentions shown are the counted ones (or those ``keep``, a
        ``tidings.counting.Counting``, selects); ``events_rel`` is the relation events are read from
        (callers pass the one with users' corrections applied, ``tidings.corrections.events_source``)."""
        from .counting import counting

        one = lambda sql, params=(): self._one(sql, list(params))[0]  # noqa: E731
        events = events_rel + " e"
        kept_sql, mod_params = (keep or counting()).sql()
        mod_sql = f"WHERE {kept_sql}"
        return {
            "articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "events": one(f"SELECT count(*) FROM {events} {mod_sql}", mod_params),
            "events_all_modalities": one(f"SELECT count(*) FROM {events}"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "mentions_shown": one(f"SELECT count(*) FROM mentions {mod_sql}", mod_params),
            "actors": one("SELECT count(*) FROM actors"),
            "rejects": one("SELECT count(*) FROM rejects"),
            "runs": one("SELECT count(*) FROM runs"),
            "shown": (keep or counting()).describe(),
        }

    def summary(self, top: int = 10, keep=None, events_rel: str = "events") -> dict:
        """Counts of everything, plus the top dyads, event types and places of the counted events
        (or of the events ``keep`` selects), read from ``events_rel`` (see :meth:`counts`)."""
        from .counting import counting

        keep = keep or counting()
        events = events_rel + " e"
        kept_sql, mod_params = keep.sql()
        mod_sql = f"WHERE {kept_sql}"
        out: dict[str, Any] = self.counts(keep, events_rel)
        out["rejects_by_reason"] = dict(
            self.con.execute("SELECT reason, count(*) FROM rejects GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        )
        out["events_by_modality"] = dict(
            self.con.execute(f"SELECT modality, count(*) FROM {events} GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        )
        and_mod = mod_sql.replace("WHERE", "AND")
        out["top_dyads"] = [
            {"source": s, "target": t, "events": n, "mentions": m}
            for s, t, n, m in self.con.execute(
                "SELECT coalesce(source_code, source_country, '?'), coalesce(target_code, target_country, '?'), "
                f"count(*), sum(num_mentions) FROM {events} "
                # A dyad needs both sides known.
                "WHERE coalesce(source_code, source_country) IS NOT NULL "
                f"AND coalesce(target_code, target_country) IS NOT NULL {and_mod} "
                "GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT ?",
                [*mod_params, top],
            ).fetchall()
        ]
        out["top_types"] = [
            {"plover_type": p, "events": n, "mentions": m}
            for p, n, m in self.con.execute(
                f"SELECT coalesce(nullif(plover_type, ''), '(statement, CAMEO 01)'), count(*), sum(num_mentions) FROM {events} {mod_sql} "
                "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
                [*mod_params, top],
            ).fetchall()
        ]
        out["top_places"] = [
            {"place": p, "country": c, "events": n}
            for p, c, n in self.con.execute(
                f"SELECT location_name, location_country, count(*) FROM {events} WHERE location_name IS NOT NULL {and_mod} "
                "GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?",
                [*mod_params, top],
            ).fetchall()
        ]
        return out


def open_store(store_or_path: "Store | str", read_only: bool = True) -> tuple[Store, bool]:
    """A Store for a Store or a path; the flag says whether the caller must close it."""
    if isinstance(store_or_path, Store):
        return store_or_path, False
    return Store(str(store_or_path), read_only=read_only), True
