"""The coded reading of one actor phrase, and the CAMEO-style code and confidence made from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .knowledge import Entry
from .phrase_hits import Hit, Tok


@dataclass
class Resolution:
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    name: str | None = None
    role: str | None = None
    kind: str | None = None
    resolved_from: str = "dictionary"
    confidence: float = 0.0
    igo: bool = False
    country_from: str | None = None  # head | of | org | in | context ...
    name_span: tuple[int, int] | None = None  # token indexes in the phrase
    head_role: Entry | None = None
    org: Entry | None = None
    person: Entry | None = None  # a known person from a table or dictionary
    hits: list[Hit] = field(default_factory=list)
    domestic: bool = False  # an office of a state whose country was not named
    only_place: bool = False  # nothing but a capital/city/region
    only_capital: bool = False
    only_country: bool = False


def finish(res: Resolution) -> None:
    """Fills the CAMEO-style code and a confidence from what was found."""
    if res.person is not None and res.person.code and res.sector == res.person.sector and res.country == res.person.country:
        res.code = res.person.code
    elif res.igo and res.org is not None:
        code = res.org.code or "IGO"
        if res.sector and res.sector not in ("IGO", res.org.sector) and not code.endswith(res.sector):
            code += res.sector
        res.code = code
    elif res.country:
        sec = res.sector if res.sector and res.sector not in ("IGO",) else ""
        if res.org is not None and res.org.code and res.org.country == res.country and res.sector == res.org.sector:
            res.code = res.org.code
        else:
            res.code = res.country + sec
    elif res.sector:
        res.code = res.sector
    else:
        res.code = None
    score = 0.3
    if res.country or res.igo:
        score += 0.35 if res.country_from in ("head", "org", "person", "of", None) else 0.2
    if res.sector or res.only_country:
        score += 0.3
    res.confidence = round(min(score, 0.95), 2)


def _join(toks: list[Tok]) -> str:
    out = ""
    prev_end = None
    for t in toks:
        if prev_end is not None and t.start > prev_end:
            out += " "
        out += t.text
        prev_end = t.end
    return out
