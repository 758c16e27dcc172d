"""Who holds a database file: a small note written beside it by a long-running owner.

DuckDB's own lock error names only a process id. ``tidings serve`` keeps the file open
for as long as it runs, so it leaves ``DB.holder.json`` (what it is, its process id and
address) for the store's lock message to name it. A note whose process is gone is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def note_path(db_path: str | Path) -> Path:
    return Path(str(db_path) + ".holder.json")


def write_note(db_path: str | Path, **info: Any) -> Path:
    path = note_path(db_path)
    path.write_text(json.dumps({"pid": os.getpid(), **info}, default=str), encoding="utf-8")
    return path


def remove_note(db_path: str | Path) -> None:
    path = note_path(db_path)
    try:
        note = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if note.get("pid") == os.getpid():  # never remove another process's note
        path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def read_note(db_path: str | Path) -> dict[str, Any] | None:
    """The holder's note, or None when there is none or its process has ended."""
    try:
        note = json.loads(note_path(db_path).read_text(encoding="utf-8"))
        pid = int(note["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return note if _alive(pid) else None


def describe(db_path: str | Path) -> str | None:
    """A sentence naming the holder, for a lock message."""
    note = read_note(db_path)
    if not note:
        return None
    what = note.get("command") or "a tidings process"
    where = f" at {note['url']}" if note.get("url") else ""
    return (
        f"{what}{where} (process {note['pid']}) holds {db_path}. Stop it (Ctrl-C in its terminal) and run "
        f"your command again, then start it again afterwards"
    )
