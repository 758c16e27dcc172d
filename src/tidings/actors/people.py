"""People who act in world news, with the offices they held and when.

The table lives in ``tidings/data/actors/people/*.tsv`` (one file per part: ``heads.tsv``,
``foreign_ministers.tsv``, ...), one row per person per role period, tab-separated, ``#``
comments allowed::

    name	aliases	country	sector	role	start	end	org

``aliases`` are ``|``-separated; ``start``/``end`` are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
(``end`` empty while in office; both empty for a role known without its years); ``org`` is the
IGO code for officials of international bodies (``UNO``, ``EU``, ``NATO``), whose ``country`` is
empty. Rows of one name in several files are one person.

At a date, a person holds the role whose period contains it; outside every period they keep
their country without the office: before their first office no sector, after an office ELI
(a former office-holder, as "former president" reads). Undated, the most recent role holds.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..records import as_date
from .keys import norm
from .tables import _clean, _data, _rows

COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end", "org")
# the sector a person keeps after leaving office (CAMEO/PLOVER "elites": former office-holders)
FORMER_SECTOR = "ELI"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Tenure:
    role: str | None
    country: str | None
    sector: str | None
    start: dt.date | None  # None: not known (holds from the start of time)
    end: dt.date | None  # None: still in office, or not known
    org: str | None = None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def code(self) -> str | None:
        if self.country:
            return self.country + (self.sector if self.sector and self.sector != "IGO" else "")
        if self.org:
            found = org_code(self.org)  # the body's own code: "NATO" -> IGONAT, "WHO" -> IGOUNOMED
            return found[0] if found is not None else "IGO" + self.org
        if self.sector:
            return "IGO" + (self.sector if self.sector != "IGO" else "") if self.sector in ("IGO", "JUD", "MED", "REF") \
                else self.sector
        return None


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    tenures: tuple[Tenure, ...]  # ordered by start

    @property
    def country(self) -> str | None:
        """The state the person belongs to: that of their latest office with one."""
        for t in reversed(self.tenures):
            if t.country:
                return t.country
        return None

    def latest(self) -> Tenure | None:
        return self.tenures[-1] if self.tenures else None

    def at(self, day: dt.date | None) -> Tenure | None:
        """The role held on ``day`` (the latest-begun one when several); undated: the latest role.

        Outside every period: a role-less tenure with the person's country and no sector before
        their first office, ``ELI`` after one.
        """
        if day is None or not self.tenures:
            return self.latest()
        held = [t for t in self.tenures if t.holds(day)]
        if held:
            return held[-1]
        country = self.country
        past = [t for t in self.tenures if t.end is not None and t.end < day]
        if past:
            last = past[-1]
            # a former official of an international body speaks for no body, and has no state unless
            # another office gave one
            home = last.country or country
            return Tenure(role=f"former {last.role}" if last.role else None, country=home,
                          sector=FORMER_SECTOR if home else None, start=None, end=None)
        return Tenure(role=None, country=country, sector=None, start=None, end=None)


def parse_date(value: str, end: bool = False) -> dt.date | None:
    """'2017' -> 2017-01-01 (or 2017-12-31 for an end), '2017-01-20' as is; '' -> None."""
    value = value.strip()
    if not value:
        return None
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
    month = int(mo)
    if d is None:
        if not end:
            return dt.date(y, month, 1)
        nxt = dt.date(y + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(y, month, int(d))


as_day = as_date  # the records' one reading of a date (ISO text, date or datetime)


def read_rows(text: str, where: str = "") -> list[dict[str, str]]:
    """The rows of one people file as dicts of ``COLUMNS``; a header line naming them is skipped."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    out = []
    for n, row in enumerate(csv.reader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)):
        if n == 0 and [c.strip().lower() for c in row[:3]] == list(COLUMNS[:3]):
            continue
        if len(row) > len(COLUMNS):
            raise ValueError(f"{where}: {len(row)} columns in {row!r}, expected {len(COLUMNS)}: {' '.join(COLUMNS)}")
        rec = {c: (row[i].strip() if i < len(row) else "") for i, c in enumerate(COLUMNS)}
        if rec["name"]:
            out.append(rec)
    return out


def build(rows: list[dict[str, str]], where: str = "") -> dict[str, Person]:
    """Groups rows into people by name (aliases and tenures of all rows merged)."""
    names: dict[str, list[str]] = {}
    tenures: dict[str, list[Tenure]] = {}
    for rec in rows:
        name = rec["name"]
        try:
            start, end = parse_date(rec["start"]), parse_date(rec["end"], end=True)
        except ValueError as exc:
            raise ValueError(f"{where}: {name}: {exc}") from None
        t = Tenure(role=rec["role"].lower() or None, country=rec["country"].upper() or None,
                   sector=rec["sector"].upper() or None, start=start, end=end, org=rec["org"].upper() or None)
        als = names.setdefault(name, [name])
        for a in rec["aliases"].split("|"):
            a = a.strip()
            if a and a not in als:
                als.append(a)
        if t not in tenures.setdefault(name, []):
            tenures[name].append(t)
    out = {}
    for name, ts in tenures.items():
        ts.sort(key=lambda t: (t.start or dt.date.min, t.end or dt.date.max))
        out[name] = Person(name=name, aliases=tuple(names[name]), tenures=tuple(ts))
    return out


def _package_files() -> list[tuple[str, str]]:
    folder = resources.files("tidings.data.actors").joinpath("people")
    return sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".tsv"))


@lru_cache(maxsize=1)
def people() -> dict[str, Person]:
    """Every person of the built-in table, by full name (loaded once)."""
    rows = []
    for name, text in _package_files():
        rows.extend(read_rows(text, name))
    return build(rows, "people")


def load_file(path: str) -> dict[str, Person]:
    """People from a user's file in the same format."""
    return build(read_rows(Path(path).read_text(encoding="utf-8-sig"), path), path)


def is_people_header(line: str) -> bool:
    cols = [c.strip().lower() for c in line.split("\t")]
    return cols[:3] == list(COLUMNS[:3]) and "start" in cols


def person_at(name: str, day=None) -> Tenure | None:
    """The office of a person of the table (by full name or alias) on a date (ISO string or date)."""
    key = norm(name)
    found = [p for p in people().values() if key in {norm(a) for a in p.aliases}]
    if not found:
        return None
    return pick(found, as_day(day))[1]


def pick(candidates: list[Person], day: dt.date | None) -> tuple[Person, Tenure | None]:
    """Of several people sharing a name ("Bush", "Aliyev"), the one in office on ``day``, else
    the one whose last office is nearest before it, else the first; undated: the latest in office."""
    if len(candidates) == 1:
        return candidates[0], candidates[0].at(day)
    if day is None:
        best = max(candidates, key=lambda p: ((p.latest().start or dt.date.min) if p.latest() else dt.date.min))
        return best, best.at(None)
    holding = [p for p in candidates if any(t.holds(day) for t in p.tenures)]
    if holding:
        best = max(holding, key=lambda p: max(t.start or dt.date.min for t in p.tenures if t.holds(day)))
        return best, best.at(day)
    before = [p for p in candidates if any(t.start and t.start <= day for t in p.tenures)]
    if before:
        best = max(before, key=lambda p: max(t.start for t in p.tenures if t.start and t.start <= day))
        return best, best.at(day)
    return candidates[0], candidates[0].at(day)


def dated(entry, day):
    """A lexicon person entry (``knowledge.Entry``) coded with the office held on ``day``.

    ``day`` is a ``datetime.date``, or None for the latest role."""
    p = entry.person
    if p is None:
        return entry
    t = p.at(day)
    if t is None:
        return entry
    country = t.country or (p.country if t.sector != "IGO" and not t.org else None)
    code = t.code if t.country or not country else country + (t.sector or "")
    sector = t.sector
    if t.org and not t.country:
        # an official of an international body codes as the body does ("UNO" -> IGOUNO, "WHO" -> IGOUNOMED)
        found = org_code(t.org)
        if found is not None:
            code, org_sector = found
            sector = sector if sector and sector != "IGO" else org_sector
    return dataclasses.replace(entry, country=country, sector=sector, role=t.role, code=code)


@lru_cache(maxsize=1)
def _org_codes() -> dict[str, tuple[str, str | None]]:
    by_name: dict[str, tuple[str, str | None]] = {}
    for row in _rows(_data("organisations.tsv")):
        row = row + [""] * (5 - len(row))
        names, abbrevs, country, sector, code = (c.strip() for c in row[:5])
        if country or not code:
            continue
        value = (code, _clean(sector.upper()) or "IGO")
        for n in [a for a in names.split("|") if a.strip()] + [a for a in abbrevs.split("|") if a.strip()]:
            by_name.setdefault(norm(n.strip()), value)
    for row in _rows(_data("igo_codes.tsv")):
        if len(row) >= 2 and norm(row[1].strip()) in by_name:
            by_name.setdefault(norm(row[0].strip()), by_name[norm(row[1].strip())])
    return by_name


def org_code(org: str) -> tuple[str, str | None] | None:
    """The actor code and sector of an international body named in a people row's ``org`` column."""
    return _org_codes().get(norm(org.strip()))
