"""Reading the actor tables: tab-separated rows with "#" comments, from the package's data."""

from __future__ import annotations

import csv
import io
from importlib import resources


def _rows(text: str) -> list[list[str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [row for row in csv.reader(io.StringIO("\n".join(lines)), delimiter="\t")]


def _data(name: str) -> str:
    return resources.files("tidings.data.actors").joinpath(name).read_text(encoding="utf-8")


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
