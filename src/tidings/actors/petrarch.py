"""Reads PETRARCH2 / Phoenix actor and agent dictionaries in their native format.

Actor files (``*.actors.txt``)::

    KAZAKHSTAN_  [KAZ]            # a name with its code on the same line
    +KAZAKHSTANI_                 # a synonym of the entry above
    NURSULTAN_NAZARBAYEV_         # a name whose codes follow on indented lines
    	[KAZGOV 910101-190320]      # code valid between two dates (YYMMDD or YYYYMMDD)
    	[KAZELI >190320]            # code valid after a date

Agent files (``*.agents.txt``) hold generic role words with codes that attach
to a country: ``SOLDIER [~MIL]``; ``!PERSON! = MAN, MEN, ...`` substitution sets
expand ``CATTLE!PERSON!``. Underscores join the words of a phrase; a trailing
underscore only marks an exact (unstemmed) word and is dropped.

Codes are split into a country (the first three letters when they are an ISO
alpha-3 code, ``None`` for IGO/NGO/IMG/...) and a PLOVER sector (the next three
letters, with CAMEO's MED/HLH renamed to PLOVER's JRN/MED). Of several dated
codes, the open-ended current one (``>date``) wins, then an undated one, then
the last listed. Entries add to the built-in tables; they never replace a
built-in entry of the same kind (the user's CSV tables, loaded last, do).
"""

from __future__ import annotations

import re
from pathlib import Path

from .knowledge import Entry, Lexicon, plurals

# CAMEO agent codes renamed or folded into PLOVER sectors
CAMEO_TO_PLOVER = {
    "MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "HRI": "NGO", "DEV": "NGO", "ENV": "NGO",
    "MOD": None, "RAD": None, "UNR": None, "IGO": "IGO", "MOS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL",
    "HIN": "REL", "SHI": "REL", "SUN": "REL", "CTH": "REL", "PRO": "REL", "ORT": "REL", "CVL": "CVL",
    "SOC": "SOC", "NGM": "NGO", "MNC": "BUS", "JRN": "JRN",
}
NON_STATE = {"IGO", "NGO", "IMG", "MNC", "ISM", "UNO", "EUR", "NGM"}
# sector of a code that names no state: militarised transnational groups are armed non-state actors
NON_STATE_SECTOR = {"IGO": "IGO", "UNO": "IGO", "EUR": "IGO", "NGO": "NGO", "NGM": "NGO", "IMG": "REB",
                    "MNC": "BUS", "ISM": "SOC"}
_CODE_RE = re.compile(r"\[([^\]]*)\]")


def _country_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def split_code(code: str, countries: set[str]) -> tuple[str | None, str | None]:
    """'KAZGOV' -> ('KAZ', 'GOV'); 'IGOUNO' -> (None, 'IGO'); '~MIL' -> (None, 'MIL')."""
    code = code.strip().upper().lstrip("~")
    if not code:
        return None, None
    head, rest = code[:3], code[3:]
    if head in countries:
        sec = rest[:3] or None
    elif head in NON_STATE:
        return None, NON_STATE_SECTOR.get(head, "IGO")
    else:
        # an agent code, or a CAMEO country code ISO does not know (USR, KKL, ...)
        if len(code) >= 3 and code[:3] in CAMEO_TO_PLOVER or re.fullmatch(r"[A-Z]{3}", code) and not rest:
            sec = code[:3]
            head = None
        else:
            return None, None
    if sec is not None:
        sec = CAMEO_TO_PLOVER.get(sec, sec)
    return head, sec


def _pick_code(codes: list[str]) -> tuple[str | None, bool]:
    """Chooses the code in force now from a list like ['KAZGOV 910101-190320', 'KAZELI >190320']."""
    parsed = []
    dated = False
    for c in codes:
        parts = c.split()
        if not parts:
            continue
        restr = " ".join(parts[1:])
        if restr:
            dated = True
        parsed.append((parts[0], restr))
    if not parsed:
        return None, dated
    for code, restr in parsed:
        if restr.startswith(">"):
            return code, dated
    for code, restr in parsed:
        if not restr:
            return code, dated
    return parsed[-1][0], dated


def _phrase(raw: str) -> str:
    raw = raw.strip().lstrip("+").strip()
    raw = re.sub(r"\{[^}]*\}", "", raw)
    raw = raw.replace("_", " ").strip()
    raw = re.sub(r"\s*\([^)]*\)\s*$", "", raw)  # "(AAIA)" abbreviations in brackets at the end
    return " ".join(raw.split())


def load_petrarch(lex: Lexicon, path: str) -> int:
    """Loads one dictionary file, or every ``*.txt`` actor/agent file in a folder. Returns entries added."""
    p = Path(path)
    if p.is_dir():
        total = 0
        for f in sorted(p.glob("*.txt")):
            low = f.name.lower()
            if "actor" in low or "agent" in low:
                total += load_petrarch(lex, str(f))
        return total
    if not p.exists():
        raise FileNotFoundError(f"PETRARCH dictionary not found: {path}")
    text = p.read_text(encoding="utf-8", errors="replace")
    if "agent" in p.name.lower() or re.search(r"^\S.*\[~[A-Z]{3}", text, flags=re.M):
        return _load_agents(lex, text, str(p))
    return _load_actors(lex, text, str(p))


def _strip_comment(line: str) -> str:
    i = line.find("#")
    return line if i < 0 else line[:i]


def _add(lex: Lexicon, term: str, entry: Entry) -> None:
    from .knowledge import norm, split

    toks = split(term)
    if not toks:
        return
    key = tuple(norm(t) for t in toks)
    lex.__dict__.pop("_lookup_memo", None)  # a new key may change the answer of any lookup
    lex.first_words.add(key[0])
    bucket = lex.folded.setdefault(key, [])
    if any(e.type == entry.type for e in bucket):
        return  # built-in knowledge of the same kind stays
    bucket.append(entry)
    lex.max_len = max(lex.max_len, len(key))


def actor_entries(text: str) -> list[tuple[list[str], list[str]]]:
    """The entries of an actor file: (raw names, raw codes such as 'KAZGOV 910101-190320')."""
    out: list[tuple[list[str], list[str]]] = []
    names: list[str] = []
    codes: list[str] = []
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if line[:1] in (" ", "\t") and line.strip().startswith("["):
            codes.extend(_CODE_RE.findall(line))
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            names.append(stripped.split("[")[0])
            codes.extend(_CODE_RE.findall(stripped))
            continue
        if stripped.startswith("[") or stripped.startswith("<") or stripped.startswith("!"):
            continue
        # a new entry starts: store the previous one
        if names:
            out.append((names, codes))
        names = [stripped.split("[")[0]]
        codes = _CODE_RE.findall(stripped)
    if names:
        out.append((names, codes))
    return out


def phrase(raw: str) -> str:
    """A dictionary phrase as text: 'BARACK_OBAMA_' -> 'BARACK OBAMA'."""
    return _phrase(raw)


def _load_actors(lex: Lexicon, text: str, src: str) -> int:
    countries = _country_codes()
    added = 0
    for names, codes in actor_entries(text):
        if not names or not codes:
            continue
        code, dated = _pick_code(codes)
        if not code:
            continue
        country, sector = split_code(code, countries)
        if country is None and sector is None:
            continue
        canon = _phrase(names[0]).title()
        if country and not sector:
            entry = Entry("cname", lex.country_names.get(country, canon), country=country, kind="state", source=f"petrarch:{src}")
        elif dated or (country and sector and len(names[0].split("_")) >= 2 and sector in ("GOV", "ELI", "MIL", "LEG")):
            entry = Entry("person", canon, country=country, sector=sector, kind="person", code=code, source=f"petrarch:{src}")
        else:
            entry = Entry("org", canon, country=country, sector=sector or ("IGO" if code.startswith("IGO") else None),
                          kind="organisation", code=code, source=f"petrarch:{src}")
        for n in names:
            ph = _phrase(n)
            if len(ph) >= 2:
                _add(lex, ph, entry)
                added += 1
    return added


def _load_agents(lex: Lexicon, text: str, src: str) -> int:
    countries = _country_codes()
    subs: dict[str, list[str]] = {}
    added = 0
    for raw in text.splitlines():
        line = _strip_comment(raw).strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE_RE.findall(line)
        if not codes:
            continue
        term = line.split("[")[0].strip()
        _, sector = split_code(codes[0].split()[0], countries)
        if sector is None:
            continue
        forms = [term]
        for key, words in subs.items():
            if key in term:
                # "CATTLE!PERSON!" is "cattleman", "cattlemen", ...
                forms = [f.replace(key, w) for f in forms for w in words]
        for f in forms:
            phrase = _phrase(f).lower()
            if len(phrase) < 2:
                continue
            state = sector in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
            entry = Entry("role", phrase, sector=sector, kind="person", role=phrase,
                          flags=frozenset({"head", "domestic"} if state else {"head"}), source=f"petrarch:{src}")
            _add(lex, phrase, entry)
            # PETRARCH forms regular plurals itself, so the files leave them out
            plural = Entry("role", phrase, sector=sector, kind="group", role=phrase, flags=entry.flags,
                           plural=True, source=entry.source)
            for form in plurals(phrase):
                _add(lex, form, plural)
            added += 1
    return added
