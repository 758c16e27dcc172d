"""Which coder made a dataset: version, models and a hash of the built-in tables.

Two datasets coded by the same tidings release but with an edited lexicon, actor table or
gazetteer differ in ``tables_hash`` -- the SHA-256 of every file under ``src/tidings/data/``,
taken in sorted path order with each path hashed beside its bytes, so a renamed or moved file
changes it too. Runs record it, exports carry it, ``tidings --version`` prints it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from . import __version__

HASH_CHARS = 12


def _data_files(root) -> list[tuple[str, Any]]:
    out, stack = [], [(root, "")]
    while stack:
        node, rel = stack.pop()
        for child in node.iterdir():
            name = f"{rel}/{child.name}" if rel else child.name
            if child.name == "__pycache__" or child.name.startswith("."):
                continue
            if child.is_dir():
                stack.append((child, name))
            else:
                out.append((name, child))
    return sorted(out, key=lambda item: item[0])


@lru_cache(maxsize=1)
def tables_hash() -> str:
    """Short SHA-256 over the paths and bytes of every built-in data file, in sorted order."""
    return hash_tree(resources.files("tidings").joinpath("data"))


def hash_tree(root) -> str:
    h = hashlib.sha256()
    for name, path in _data_files(root):
        data = path.read_bytes()
        h.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
        h.update(data)
    return h.hexdigest()[:HASH_CHARS]


def nlp_model() -> str:
    """The spaCy pipeline's name and version, or why there is none."""
    from .nlp import ModelNotFound, model_name

    try:
        return model_name()
    except ModelNotFound:
        return "none installed"


@lru_cache(maxsize=1)
def event_model() -> str | None:
    """Name and version of the shipped event model (``version`` from its file, else a short hash
    of it), or None when the package has none."""
    from .events.decide import load_model, model_path

    path = model_path()
    model = load_model() if path else None
    if model is None:
        return None
    data = path.read_bytes()
    try:
        version = json.loads(data).get("version")
    except (ValueError, AttributeError):
        version = None
    return f"{model.name}-{version or hashlib.sha256(data).hexdigest()[:8]}"


def model_description() -> str:
    from .events.decide import rules_only

    ev = None if rules_only() else event_model()
    return nlp_model() + (f" + {ev}" if ev else " (rules only)")


def version_text() -> str:
    """What ``tidings --version`` prints: coder, models, tables."""
    return "\n".join(
        [
            f"tidings {__version__}",
            f"model {model_description()}",
            f"tables {tables_hash()}",
        ]
    )


def coder() -> dict[str, Any]:
    """The coder of this process, for run records and export metadata."""
    from .counting import threshold

    return {
        "coder_version": __version__,
        "tables_hash": tables_hash(),
        "model": model_description(),
        "count_threshold": threshold(),
    }


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


__all__ = ["tables_hash", "version_text", "coder", "nlp_model", "event_model", "model_description", "now_iso"]
