"""Provenance of an export: which coder, tables, models, options and filters made the file.

Every export carries it, so a file in a replication archive says how it was made without
the database beside it: Parquet as key-value metadata (key ``tidings``, JSON; plus
``tidings.coder_version`` and ``tidings.tables_hash`` for a quick look), every other
format as ``OUT.meta.json`` next to the file. The fields are listed in ``docs/schema.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .codebook import CODE_COLUMNS, GDELT_COLUMNS, describe, export_columns, value_labels
from .counting import Counting
from .provenance import coder, now_iso
from .store import Store

META_SUFFIX = ".meta.json"

_PANDAS = {"VARCHAR": "string", "INTEGER": "Int64", "BIGINT": "Int64", "DOUBLE": "float64", "BOOLEAN": "boolean",
           "DATE": "string", "TIMESTAMP": "string"}
_R = {"VARCHAR": "c", "INTEGER": "i", "BIGINT": "d", "DOUBLE": "d", "BOOLEAN": "l", "DATE": "D", "TIMESTAMP": "T"}

# GDELT 2.0 event columns that are numbers; every other one (codes included) is text.
_GDELT_NUMERIC = {
    "GLOBALEVENTID": "BIGINT", "SQLDATE": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER",
    "FractionDate": "DOUBLE", "IsRootEvent": "INTEGER", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE",
    "NumMentions": "INTEGER", "NumSources": "INTEGER", "NumArticles": "INTEGER", "AvgTone": "DOUBLE",
    "DATEADDED": "BIGINT",
    **{f"{g}_{f}": t for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
       for f, t in (("Type", "INTEGER"), ("Lat", "DOUBLE"), ("Long", "DOUBLE"))},
}


def sidecar_path(out: str | Path) -> Path:
    out = Path(out)
    return out.with_name(out.name + META_SUFFIX)


def _column(table: str, name: str, typ: str, fmt: str, list_sep: str) -> dict[str, Any]:
    flat = typ.endswith("[]") and fmt in ("csv", "stata")
    file_type = "VARCHAR" if flat else typ
    col: dict[str, Any] = {"name": name, "type": file_type, "description": describe(table, name)}
    if flat:
        col["list_sep"] = list_sep
    if typ.endswith("[]") and not flat:
        col["pandas_dtype"], col["r_col_type"] = "object", "c"
    else:
        col["pandas_dtype"], col["r_col_type"] = _PANDAS.get(file_type, "string"), _R.get(file_type, "c")
    if name in CODE_COLUMNS:
        col["code"] = True  # read as text: "040" is not 40
    labels = value_labels(name)
    if labels:
        col["value_labels"] = {str(k): v for k, v in labels.items()}
    return col


def columns(table: str, fmt: str, list_sep: str) -> list[dict[str, Any]]:
    if fmt == "gdelt":
        return [
            {"name": c, "type": _GDELT_NUMERIC.get(c, "VARCHAR"), "description": "GDELT 2.0 event column (docs/gdelt.md)",
             "pandas_dtype": _PANDAS[_GDELT_NUMERIC.get(c, "VARCHAR")], "r_col_type": _R[_GDELT_NUMERIC.get(c, "VARCHAR")]}
            for c in GDELT_COLUMNS
        ]
    return [_column(table, n, t, fmt, list_sep) for n, t in export_columns(table)]


def _runs(store: Store) -> list[dict[str, Any]]:
    cur = store.con.execute("SELECT * FROM runs ORDER BY started")
    names = [d[0] for d in cur.description]
    out = []
    for rec in cur.fetchall():
        run = dict(zip(names, rec))
        for key in ("options", "dictionaries", "counts"):
            try:
                run[key] = json.loads(run[key]) if run.get(key) else None
            except ValueError:
                pass
        for key in ("started", "ended"):
            if run.get(key) is not None:
                run[key] = run[key].isoformat()
        out.append(run)
    return out


def _one_or_all(runs: list[dict[str, Any]], key: str) -> Any:
    values = list(dict.fromkeys(json.dumps(r.get(key), sort_keys=True, default=str) for r in runs))
    decoded = [json.loads(v) for v in values]
    return decoded[0] if len(decoded) == 1 else decoded


def metadata(store: Store, out: Path, fmt: str, table: str, keep: Counting, header: bool, list_sep: str) -> dict[str, Any]:
    """Everything a reader of the file needs to know about how it was made (rows are added later)."""
    runs = _runs(store)
    filters = keep.describe() if table in ("events", "mentions") else {}
    meta: dict[str, Any] = {
        "file": out.name,
        "format": fmt,
        "table": table,
        "created_at": now_iso(),
        # What coded the rows: the runs' values (one value when every run agrees, else the list).
        "coder_version": _one_or_all(runs, "coder_version") if runs else None,
        "tables_hash": _one_or_all(runs, "tables_hash") if runs else None,
        "model": _one_or_all(runs, "model") if runs else None,
        "options": {r["id"]: r.get("options") for r in runs},
        "dictionaries": {r["id"]: r.get("dictionaries") for r in runs},
        "exported_by": coder(),
        "query": filters,
        "columns": columns(table, fmt, list_sep),
        "runs": runs,
    }
    if fmt == "csv":
        meta["csv"] = {"header": header, "list_sep": list_sep, "encoding": "utf-8",
                       "formula_prefix": "'", "formula_starts": ["=", "+", "-", "@", "\t", "\r"]}
    if fmt == "gdelt":
        meta["gdelt"] = {"header": header, "separator": "\t"}
    if fmt == "stata":
        meta["stata"] = {"list_sep": list_sep}
    return meta


def write_sidecar(out: str | Path, meta: dict[str, Any]) -> Path:
    path = sidecar_path(out)
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def parquet_kv(meta: dict[str, Any]) -> str:
    """DuckDB's ``KV_METADATA`` struct literal for ``COPY ... (FORMAT parquet, ...)``."""

    def lit(value: Any) -> str:
        text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
        return "'" + text.replace("'", "''") + "'"

    pairs = {
        "tidings": json.dumps(meta, ensure_ascii=False, default=str),
        "tidings.coder_version": meta.get("coder_version"),
        "tidings.tables_hash": meta.get("tables_hash"),
    }
    return "{" + ", ".join(f'"{k}": {lit(v)}' for k, v in pairs.items()) + "}"


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The provenance of an export: the sidecar's, or a Parquet file's own."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        kv = pq.read_schema(path).metadata or {}
        return json.loads(kv[b"tidings"].decode("utf-8"))
    return json.loads(sidecar_path(path).read_text(encoding="utf-8"))


__all__ = ["metadata", "write_sidecar", "parquet_kv", "read_metadata", "sidecar_path", "META_SUFFIX"]
