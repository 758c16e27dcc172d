"""Cross-checks the people table (data/actors/people/*.tsv) with the Phoenix actor dictionaries.

Reads the Phoenix/PETRARCH2 actor files where they are (default ../shared/dictionaries/petrarch2,
or TIDINGS_SHARED/dictionaries/petrarch2); nothing of them is copied. A person of ours is "in
Phoenix" when their full name, or one of their aliases of two words or more, is a Phoenix entry
name or synonym. For those, it reports how often the country agrees (Phoenix's country: the
three letters of its codes when they are an ISO country) and, for each of our dated office
periods that Phoenix also dates, whether Phoenix gives the same country+sector at its midpoint.
CAMEO country codes are read as ISO (KSV = XKX). Disagreements are printed, one a line.

Usage: python tools/check_people.py [--dictionaries DIR] [--show N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.actors.gold_codes import gold_country  # noqa: E402
from tidings.actors.knowledge import norm  # noqa: E402
from tidings.actors.people import people  # noqa: E402
from tidings.actors.petrarch import _country_codes, actor_entries, phrase, split_code  # noqa: E402

_SPAN = re.compile(r"^(?:(\d{6,8})?-(\d{6,8})?|>(\d{6,8})|<(\d{6,8}))$")


def phoenix_date(value: str) -> dt.date | None:
    """Phoenix dates are YYMMDD (or YYYYMMDD); two-digit years from 30 up are 19xx."""
    value = value.strip()
    if len(value) == 8:
        y, m, d = int(value[:4]), int(value[4:6]), int(value[6:])
    else:
        yy, m, d = int(value[:2]), int(value[2:4]), int(value[4:6])
        y = 1900 + yy if yy >= 30 else 2000 + yy
    try:
        return dt.date(y, max(m, 1), max(d, 1))
    except ValueError:
        return None


def parse_code(raw: str) -> tuple[str, dt.date | None, dt.date | None, bool]:
    """'USAGOV 090120-170120' -> ('USAGOV', start, end, dated)."""
    parts = raw.split()
    code = parts[0].upper() if parts else ""
    if len(parts) < 2:
        return code, None, None, False
    m = _SPAN.match(parts[1])
    if not m:
        return code, None, None, False
    a, b, after, before = m.groups()
    if after:
        return code, phoenix_date(after), None, True
    if before:
        return code, None, phoenix_date(before), True
    return code, phoenix_date(a) if a else None, phoenix_date(b) if b else None, True


def load_phoenix(folder: Path) -> dict[str, list[tuple[str, list[tuple[str, dt.date | None, dt.date | None, bool]]]]]:
    """Folded name -> [(the entry's first name, its parsed codes)] over every *.actors.txt file."""
    out: dict[str, list] = {}
    for f in sorted(folder.glob("*actors*.txt")):
        for names, codes in actor_entries(f.read_text(encoding="utf-8", errors="replace")):
            parsed = [parse_code(c) for c in codes if c.strip()]
            if not parsed:
                continue
            first = phrase(names[0])
            for n in names:
                key = norm(phrase(n))
                if key:
                    out.setdefault(key, []).append((first, parsed))
    return out


def iso_code(code: str) -> str:
    """A Phoenix code with its CAMEO country written in ISO ('KSVGOV' -> 'XKXGOV', 'TMPGOV' -> 'TLSGOV')."""
    head = gold_country(code[:3])
    return (head + code[3:]) if isinstance(head, str) and head != "IGO" else code


def phoenix_countries(parsed, countries: set[str]) -> set[str]:
    out = set()
    for code, *_ in parsed:
        c, _s = split_code(iso_code(code), countries)
        if c:
            out.add(c)
    return out


def code_at(parsed, day: dt.date) -> str | None:
    for code, start, end, dated in parsed:
        if dated and (start is None or start <= day) and (end is None or day <= end):
            return code
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    shared = Path(os.environ.get("TIDINGS_SHARED") or ROOT.parent / "shared")
    ap.add_argument("--dictionaries", default=str(shared / "dictionaries" / "petrarch2"))
    ap.add_argument("--show", type=int, default=100, help="print at most N disagreements of each kind")
    args = ap.parse_args(argv)
    folder = Path(args.dictionaries)
    if not folder.is_dir():
        print(f"Phoenix dictionaries not found at {folder}: give --dictionaries DIR or set TIDINGS_SHARED")
        return 2
    countries = _country_codes()
    ph = load_phoenix(folder)
    table = people()
    found = agree = compared = 0
    period_n = period_ok = 0
    country_bad: list[str] = []
    period_bad: list[str] = []
    by_sector = Counter()
    for p in table.values():
        names = [p.name] + [a for a in p.aliases if len(a.split()) >= 2]
        hits = []
        for n in names:
            hits.extend(ph.get(norm(n), []))
        if not hits:
            continue
        found += 1
        ours = p.country
        theirs = set()
        for _first, parsed in hits:
            theirs |= phoenix_countries(parsed, countries)
        if ours and theirs:
            compared += 1
            if ours in theirs:
                agree += 1
            else:
                country_bad.append(f"  {p.name}: ours {ours}, Phoenix {'/'.join(sorted(theirs))} ({hits[0][0]})")
        for t in p.tenures:
            if not (t.start and t.country and t.sector):
                continue
            mid = t.start + ((t.end or dt.date(2026, 1, 1)) - t.start) / 2
            codes = [code_at(parsed, mid) for _f, parsed in hits]
            codes = [iso_code(c) for c in codes if c]
            if not codes:
                continue
            period_n += 1
            want = t.country + t.sector
            if any(c.startswith(want) for c in codes):
                period_ok += 1
                by_sector[t.sector] += 1
            else:
                period_bad.append(f"  {p.name} {t.role} {t.start}..{t.end or ''} on {mid}: ours {want}, "
                                  f"Phoenix {'/'.join(sorted(set(codes)))}")
    n = len(table)
    print(f"people in our table: {n}; office periods: {sum(len(p.tenures) for p in table.values())}")
    print(f"in Phoenix (full name or a two-word alias): {found} ({found / n:.1%})" if n else "empty table")
    if compared:
        print(f"country agrees: {agree} of {compared} with a country on both sides ({agree / compared:.1%})")
    if period_n:
        print(f"dated offices Phoenix also dates: {period_n}; same country+sector at the midpoint: "
              f"{period_ok} ({period_ok / period_n:.1%})")
    if country_bad:
        print(f"country disagreements ({len(country_bad)}):")
        print("\n".join(country_bad[: args.show]))
    if period_bad:
        print(f"office-period disagreements ({len(period_bad)}):")
        print("\n".join(period_bad[: args.show]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
