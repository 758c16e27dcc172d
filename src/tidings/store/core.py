"""The ``Store``: opening the DuckDB file (one writer, clear errors) and the jobs that make it up."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..store_file import cut_short, damaged_message, torn_wal_bytes
from .errors import StoreDamaged, StoreError, StoreLocked, _locked_message
from .index import IndexMixin
from .merge import MergeMixin
from .queries import QueriesMixin
from .recode import RecodeMixin
from .rows import actor_row, article_from_row, article_row, mention_row
from .schema import DEFAULT_MAX_DAYS, SchemaMixin
from .writer import WriterMixin


class Store(SchemaMixin, WriterMixin, MergeMixin, RecodeMixin, IndexMixin, QueriesMixin):
    """A tidings DuckDB database.

    Event merging is configurable: ``max_days`` is the window within which two reports
    of the same event type between the same source and target country and sector join
    one event (``max_days=0`` merges only same-day reports); ``allow_undated`` lets
    reports without a date merge too. The rule itself is ``tidings.dedup.same_event``.
    """

    _article_row = staticmethod(article_row)
    _actor_row = staticmethod(actor_row)
    _mention_row = staticmethod(mention_row)
    _article_from_row = staticmethod(article_from_row)

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
        self._merge_cache = None  # (EventIndex, windows read into it) kept between add_results batches
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


def open_store(store_or_path: "Store | str", read_only: bool = True) -> tuple[Store, bool]:
    """A Store for a Store or a path; the flag says whether the caller must close it."""
    if isinstance(store_or_path, Store):
        return store_or_path, False
    return Store(str(store_or_path), read_only=read_only), True
