"""Countries as a user types them on the command line ("Ukraine", "UKR", "UA", "Russia") → ISO alpha-3.

pycountry knows the ISO names, official names and codes; the short forms it lacks
("Russia", "Turkey", "Ivory Coast", "UK") come from the actor stage's own country table
(``data/actors/countries.tsv``, rows of type ``name``), so both stages agree on them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table_names() -> tuple[dict[str, str], frozenset[str]]:
    """(lower-cased name → iso3, every iso3 in the table) from the actors' country table."""
    text = resources.files("tidings").joinpath("data/actors/countries.tsv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    codes: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3 or cols[0] == "iso3":
            continue
        iso3, kind, terms = cols[0].strip().upper(), cols[1].strip(), cols[2]
        codes.add(iso3)
        if kind == "name":
            for term in terms.split("|"):
                if term.strip():
                    names.setdefault(term.strip().lower(), iso3)
    return names, frozenset(codes)


def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-3 code for a country code or name, or None when it is neither."""
    import pycountry

    v = " ".join((value or "").split())
    if not v:
        return None
    names, table_codes = _table_names()
    if len(v) == 3 and v.isalpha():
        code = v.upper()
        if pycountry.countries.get(alpha_3=code) is not None or code in table_codes:
            return code
    try:
        return pycountry.countries.lookup(v).alpha_3
    except LookupError:
        pass
    return names.get(v.lower())
