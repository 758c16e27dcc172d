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

The package's files are its jobs: ``schema`` (tables, DDL, version, columns added to older
stores), ``rows`` (the row of each table built from the records), ``writer`` (batches through
Arrow, idempotence, runs, rejects), ``merge`` (the events-from-mentions rule), ``index`` (the
MinHash index of stored originals), ``recode`` (removing outputs, re-dating), ``queries``
(reading, counts, summary) and ``core`` (opening the file, the ``Store`` they make up).
"""

from .core import Store, open_store
from .errors import StoreDamaged, StoreError, StoreLocked, is_store_failure
from .rows import _iso, _marks, _now, _sha, outlet_key
from .schema import (
    DEFAULT_MAX_DAYS,
    MATCH_FIELDS,
    PRECISION_RANK,
    PRIMARY_KEYS,
    SCHEMA_VERSION,
    TABLES,
    _ddl,
    _schema,
    _to_table,
)

__all__ = [
    "DEFAULT_MAX_DAYS", "MATCH_FIELDS", "PRECISION_RANK", "PRIMARY_KEYS", "SCHEMA_VERSION", "TABLES",
    "Store", "StoreDamaged", "StoreError", "StoreLocked", "is_store_failure", "open_store", "outlet_key",
    "_ddl", "_iso", "_marks", "_now", "_schema", "_sha", "_to_table",
]
