"""The job's tables: the store's columns as Spark rows partitioned by date, and Parquet back into DuckDB."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tidings.spark_session import JobError, is_uri

TABLE_NAMES = ("articles", "events", "mentions", "actors", "rejects", "runs")
PARTITION_COLUMN = "dt"
NO_DATE = "none"


def _dt(value: Any) -> str:
    if value is None:
        return NO_DATE
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)[:10] or NO_DATE


def spark_schema(table: str):
    """The store's DuckDB columns as a Spark schema, plus the ``dt`` partition column."""
    from pyspark.sql import types as T

    from tidings.store import TABLES

    simple = {
        "VARCHAR": T.StringType(),
        "INTEGER": T.IntegerType(),
        "BIGINT": T.LongType(),
        "DOUBLE": T.DoubleType(),
        "BOOLEAN": T.BooleanType(),
        "DATE": T.DateType(),
        "TIMESTAMP": T.TimestampNTZType(),
        "VARCHAR[]": T.ArrayType(T.StringType()),
        "UBIGINT[]": T.ArrayType(T.LongType()),  # MinHash values are 32-bit
    }
    fields = [T.StructField(name, simple[typ], True) for name, typ in TABLES[table]]
    fields.append(T.StructField(PARTITION_COLUMN, T.StringType(), False))
    return T.StructType(fields)


def as_tuple(table: str, row: dict, partition: str) -> tuple:
    from tidings.store import TABLES

    values = []
    for name, typ in TABLES[table]:
        v = row.get(name)
        if v is not None:
            if typ == "DOUBLE":
                v = float(v)
            elif typ in ("INTEGER", "BIGINT"):
                v = int(v)
        values.append(v)
    values.append(partition)
    return tuple(values)

def import_parquet(output: str, db: str, replace: bool = False) -> dict[str, int]:
    """Loads a job's tables into a DuckDB store (new, or empty of articles unless ``replace``)."""
    from pathlib import Path

    from tidings.store import TABLES, Store, StoreError, StoreLocked

    if is_uri(output) and not output.startswith("file://"):
        raise JobError(f"{output}: copy the job's output to a local folder first (DuckDB reads local Parquet here)")
    base = Path(output.removeprefix("file://"))
    if not (base / "articles").is_dir():
        raise JobError(f"{base} is not a `tidings spark` output (no articles/ folder)")
    try:
        store = Store(db)
    except (StoreLocked, StoreError) as exc:
        raise JobError(str(exc), 3) from None
    counts: dict[str, int] = {}
    with store:
        con = store.con
        existing = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        if existing and not replace:
            raise JobError(
                f"{db} already holds {existing} articles: import into a new database file "
                "(a Spark result is merged as a whole, not into another run's events)"
            )
        con.begin()
        try:
            for table in TABLE_NAMES:
                if replace:
                    con.execute(f"DELETE FROM {table}")
                files = sorted(str(p) for p in (base / table).rglob("*.parquet"))
                if not files:
                    counts[table] = 0
                    continue
                cols = ", ".join(f'"{c}"' for c, _ in TABLES[table])
                casts = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in TABLES[table])
                con.execute(
                    f"INSERT INTO {table} ({cols}) SELECT {casts} FROM read_parquet(?, hive_partitioning = true, union_by_name = true)",
                    [files],
                )
                counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            # stories are read off the merged events, as the store does after each batch
            from tidings.stories import link_stories

            ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY seq").fetchall()]
            link_stories(con, ids)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return counts


