"""The event coder's word lists, read once from ``data/events/`` (``words.toml`` and one-word-a-line files)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


def _data(name: str) -> str:
    return resources.files("tidings").joinpath("data", "events", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    return tomllib.loads(_data("words.toml"))


def words(section: str, name: str) -> tuple[str, ...]:
    """A list from ``words.toml`` in its written order (rules that try words in turn keep that order)."""
    return tuple(_table()[section][name].split())


def word_set(section: str, name: str) -> frozenset[str]:
    return frozenset(words(section, name))


@lru_cache(maxsize=None)
def word_file(name: str) -> tuple[str, ...]:
    """A one-entry-a-line file (``#`` comments), lower-cased, in file order."""
    return tuple(ln.strip().lower() for ln in _data(name).splitlines() if ln.strip() and not ln.startswith("#"))
