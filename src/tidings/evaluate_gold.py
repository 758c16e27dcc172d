"""Reading gold files: one JSON object a line, ``{"id", "text", "pub_date"?, "events": [...]}``.

The shape is in DESIGN.md and :mod:`tidings.evaluate`; a line that does not have it is refused with the
file and line named, never scored as if it were empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


class GoldFormatError(ValueError):
    pass


@dataclass
class GoldItem:
    id: str
    text: str
    events: list[dict]
    pub_date: str | None = None


def read_gold(path: str | Path) -> list[GoldItem]:
    items = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}: line {n} is not JSON ({exc.msg})") from None
            if not isinstance(d, dict) or "text" not in d or not isinstance(d.get("events", []), list):
                raise GoldFormatError(f"{path}: line {n} needs 'text' and an 'events' list")
            events = [_gold_event(g, path, n) for g in d.get("events") or []]
            items.append(GoldItem(str(d.get("id", n)), str(d["text"]), events, d.get("pub_date")))
    return items


def _gold_event(g: object, path: str | Path, n: int) -> dict:
    """A gold event with ``source`` and ``target`` as lists of codes: a lone code ("IRN") is read as
    ["IRN"] (iterating the string would score "I", "R", "N"); anything else is refused."""
    if not isinstance(g, dict):
        raise GoldFormatError(f"{path}: line {n}: each event must be a JSON object, not {type(g).__name__}")
    g = dict(g)
    for side in ("source", "target"):
        value = g.get(side)
        if isinstance(value, str):
            g[side] = [value] if value.strip() else []
        elif value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise GoldFormatError(
                f"{path}: line {n}: '{side}' must be a code or a list of codes, not {json.dumps(value)[:80]}"
            )
    return g
