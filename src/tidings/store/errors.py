"""The store's errors, in words a user can act on."""

from __future__ import annotations

import re

import duckdb


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


def _locked_message(path: str, detail: str) -> str:
    from ..holder import describe

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

