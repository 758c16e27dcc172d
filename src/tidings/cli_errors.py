"""Exit codes and one-line error messages shared by every command (listed in docs/errors.md).

A known problem ends a command with one line on stderr and one of these codes, never
a traceback.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator, NoReturn

import typer

OK = 0
NOTHING_READ = 1  # tidings code: no input could be read at all
USAGE = 2  # a value on the command line is wrong (typer uses 2 for its own usage errors too)
LOCKED = 3  # another process holds the store
STORE = 4  # the store cannot be used: missing, damaged, not a tidings store, another schema
OUTPUT = 5  # an output file cannot be written: a folder, no permission, a full disk


def fail(message: str, code: int) -> NoReturn:
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, width=None if sys.stderr.isatty() else 200).print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, width=None if sys.stderr.isatty() else 200).print(f"[yellow]warning:[/yellow] {escape(message)}", soft_wrap=True)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def friendly_errors(db: str | None = None, output: str | None = None, values: bool = True) -> Iterator[None]:
    """Known problems become one line and an exit code. ``output``: the file being written, so a
    DuckDB error that names it is an output problem, not a damaged store. ``values``: a ValueError
    is a wrong value given by the user (not so in the middle of a coding run, where it is a bug)."""
    import duckdb

    from .store import StoreError, StoreLocked
    from .store_file import damaged_message

    try:
        yield
    except StoreLocked as exc:
        fail(str(exc), LOCKED)
    except StoreError as exc:
        fail(str(exc), STORE)
    except duckdb.Error as exc:
        text = first_line(exc)
        if output and (str(output) in text or "space left" in text.lower()):
            fail(f"cannot write {output}: {text}", OUTPUT)
        if isinstance(exc, (duckdb.IOException, duckdb.SerializationException, duckdb.InternalException,
                            duckdb.FatalException)):
            fail(damaged_message(db or "the store", exc), STORE)
        fail(text, USAGE)
    except ValueError as exc:
        if not values:
            raise
        fail(first_line(exc), USAGE)
    except OSError as exc:
        where = exc.filename or output or db
        fail(f"cannot write {where}: {exc.strerror or exc}" if output else f"{where}: {exc.strerror or exc}",
             OUTPUT if output else STORE)
