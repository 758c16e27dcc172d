"""The PLOVER and CAMEO event ontologies and the table between them.

Tables live in ``data/ontology/`` so users can read and extend them:

* ``cameo_codes.tsv``   every CAMEO code with its Goldstein score and quad class;
* ``cameo_plover.tsv``  CAMEO code → PLOVER type, mode and context (PLOVER's own 2021 table);
* ``plover_types.tsv``  the 16 PLOVER types with their quad class and modes;
* ``plover_contexts.tsv`` the PLOVER context names.

Two policies are ours and are documented here because PLOVER leaves them open:

* CAMEO 01 (MAKE PUBLIC STATEMENT) is dropped by PLOVER.  Such events keep their CAMEO
  code, Goldstein score and quad class 0 but have an empty PLOVER type, so PLOVER
  queries and scores never count them.
* CAMEO 02 (APPEAL) is also dropped by PLOVER, but PLOVER's REQUEST covers "all
  requests, demands and orders", so appeals are coded REQUEST with the mode of the
  matching demand (mode ``assist``/``change``/``yield``/``meet``) and keep quad class 0.

Quad classes follow CAMEO's root codes (the "pentaclass" used by Phoenix and ConfliBERT):
0 statements and appeals (01-02), 1 verbal cooperation (03-05), 2 material cooperation
(06-08), 3 verbal conflict (09-13), 4 material conflict (14-20) — except that root 16
(REDUCE RELATIONS, PLOVER SANCTION) is verbal conflict, as in PLOVER's quad table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

QUAD_NAMES = {
    0: "Make a Statement",
    1: "Verbal Cooperation",
    2: "Material Cooperation",
    3: "Verbal Conflict",
    4: "Material Conflict",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    goldstein: float
    quad_class: int
    name: str
    plover_type: str = ""
    plover_mode: str | None = None
    plover_context: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int
    cameo_roots: tuple[str, ...]
    modes: tuple[str, ...]
    description: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("tidings").joinpath("data", "ontology", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def root_quad(code: str) -> int:
    root = int(code[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    mapping = {r["cameo"]: r for r in _rows("cameo_plover.tsv")}
    out: dict[str, CameoCode] = {}
    for r in _rows("cameo_codes.tsv"):
        code = r["cameo"]
        m = mapping.get(code)
        if m is None and len(code) > 2:
            m = mapping.get(code[:3])
        if m is None:  # a root code: its PLOVER type is the one of the unspecified "x0" code
            m = mapping.get(code[:2] + "0") if len(code) == 2 else None
        out[code] = CameoCode(
            code=code,
            goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]),
            name=r["name"],
            plover_type=(m or {}).get("plover_type", "") or "",
            plover_mode=((m or {}).get("mode") or None) if len(code) > 2 else None,
            plover_context=_split((m or {}).get("context")) if len(code) > 2 else (),
        )
    return out


@lru_cache(maxsize=1)
def plover_types() -> dict[str, PloverType]:
    return {
        r["plover_type"]: PloverType(
            name=r["plover_type"],
            quad_class=int(r["quad"]),
            cameo_roots=_split(r["cameo_roots"]),
            modes=_split(r["modes"]),
            description=r["description"],
        )
        for r in _rows("plover_types.tsv")
    }


@lru_cache(maxsize=1)
def plover_contexts() -> dict[str, str]:
    return {r["context"]: r["description"] for r in _rows("plover_contexts.tsv")}


def normalise_code(code: str | int | None) -> str | None:
    """A CAMEO code as stored ('43' and '043' both give '043'); None when it is no CAMEO code."""
    if code is None:
        return None
    s = str(code).strip()
    if not s.isdigit():
        return None
    table = cameo_codes()
    for candidate in (s, "0" + s):
        if candidate in table:
            return candidate
    return None


def lookup(code: str) -> CameoCode:
    """The CAMEO code's record, falling back to its parent (4 → 3 → 2 digits)."""
    table = cameo_codes()
    for candidate in (code, code[:3], code[:2]):
        if candidate in table:
            return table[candidate]
    raise KeyError(f"unknown CAMEO code {code!r}")


def is_code(code: str) -> bool:
    return code in cameo_codes()


def root(code: str) -> str:
    return code[:2]


def plover_for(code: str) -> tuple[str, str | None, list[str]]:
    rec = lookup(code)
    return rec.plover_type, rec.plover_mode, list(rec.plover_context)
