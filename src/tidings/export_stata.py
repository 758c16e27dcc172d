"""Stata ``.dta`` export through pyreadstat: codes as strings, labelled variables and quad classes.

Stata has no list type and no nullable integers: lists arrive joined by ``--list-sep``,
integers with gaps become doubles (Stata's ``.`` is the missing value), booleans 0/1.
Variable labels are the codebook's column descriptions (Stata allows 80 characters).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .codebook import describe, value_labels
from .store import Store

LABEL_CHARS = 80


def _frame(store: Store, sql: str, params: list[Any]):
    import pandas as pd

    table = store.con.sql(sql, params=params).to_arrow_table()
    data: dict[str, Any] = {}
    for field, column in zip(table.schema, table.columns):
        values = column.to_pylist()
        kind = str(field.type)
        if kind in ("string", "large_string"):
            data[field.name] = pd.Series(["" if v is None else v for v in values], dtype=object)
        elif kind.startswith(("int", "uint", "bool")):
            if any(v is None for v in values):
                data[field.name] = pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
            else:
                data[field.name] = pd.Series([int(v) for v in values], dtype="int64" if kind.endswith("64") else "int32")
        elif kind.startswith("date"):
            # Python dates become Stata %td days (with gaps as missing); datetime64 with %td does not.
            data[field.name] = pd.Series(values, dtype=object)
        elif kind.startswith("timestamp"):
            data[field.name] = pd.Series(pd.to_datetime(values), dtype="datetime64[ns]")
        else:
            data[field.name] = pd.Series(values)
    return pd.DataFrame(data)


def write_stata(store: Store, out: str | Path, table: str, sql: str, params: list[Any]) -> int:
    """Write the rows of ``sql`` to ``out`` as Stata 14+ ``.dta``; returns the rows written."""
    try:
        import pyreadstat
    except ImportError:
        raise ValueError("--format stata needs pyreadstat: pip install pyreadstat") from None
    df = _frame(store, sql, params)
    labels = {c: describe(table, c)[:LABEL_CHARS] or None for c in df.columns}
    value_sets = {}
    for c in df.columns:
        names = value_labels(c)
        if names:
            as_float = str(df[c].dtype).startswith("float")
            value_sets[c] = {(float(k) if as_float else int(k)): v for k, v in names.items()}
    pyreadstat.write_dta(
        df, str(out), file_label=f"tidings {table} {dt.date.today().isoformat()}"[:LABEL_CHARS],
        column_labels=labels, version=15, variable_value_labels=value_sets or None,
    )
    return len(df)


__all__ = ["write_stata"]
