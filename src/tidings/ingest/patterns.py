"""Pattern tables for page splitting, read once from ``tidings/data/ingest``.

The word lists (agency tags, section headers, furniture lines) are data files so a
user can extend them for their own sources without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    text = resources.files("tidings.data.ingest").joinpath(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Agency tag -> full name."""
    out: dict[str, str] = {}
    for ln in data_lines("agencies.tsv"):
        tag, _, name = ln.partition("\t")
        out[tag.strip()] = name.strip() or tag.strip()
    return out


@lru_cache(maxsize=1)
def section_headers() -> frozenset[str]:
    return frozenset(ln.strip().casefold() for ln in data_lines("section_headers.txt"))


@dataclass(frozen=True)
class LineRule:
    pattern: re.Pattern[str]
    kind: str


@lru_cache(maxsize=1)
def furniture_rules() -> tuple[LineRule, ...]:
    rules = []
    for ln in data_lines("boilerplate_lines.tsv"):
        pat, _, kind = ln.partition("\t")
        rules.append(LineRule(re.compile(pat, re.IGNORECASE), kind.strip() or "furniture"))
    return tuple(rules)


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    return frozenset(ln.strip().casefold() for ln in data_lines("not_name_words.txt"))


def is_section_header(line: str) -> bool:
    key = line.strip().rstrip(":»>|-–— ").strip().casefold()
    return bool(key) and key in section_headers()


def furniture_kind(line: str) -> str | None:
    # Site furniture is short; a long line that starts like a label ("Issued by: ...") is a
    # whole flattened page and is split elsewhere.
    if len(line) > 300:
        return None
    for rule in furniture_rules():
        if rule.pattern.search(line):
            return rule.kind
    return None
