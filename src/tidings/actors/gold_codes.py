"""How gold actor codes are read and compared with ours: the one place for these conventions.

Used by ``tidings evaluate`` (source/target country accuracy, event triples) and by
``bench/actors_accuracy.py``.  Gold sets (PLOVER GSR, NGEC, CAMEO-era data) write countries
and sectors in several dialects; both sides are mapped to one form before comparing:

* country ``IGO``, ``UNO``, ``EUR``, ``NGO``, ``IMG``, ``ISM``, ``MNC`` = an international body
  (:data:`INTERNATIONAL_MARK`); ours is international when it has no country and an
  IGO/NGO/IMG code or sector;
* non-ISO CAMEO country codes are mapped to ISO 3166-1 alpha-3 (``JAP``->JPN, ``ITL``->ITA,
  ``VTN``->VNM, ``USR``->RUS, ``GMY``->DEU, ``UK``/``UKG``->GBR, ``SPN``->ESP, ``ROM``/``RUM``->ROU, ``KSV``->XKX, ``TMP``->TLS);
* a full CAMEO actor code counts by its prefix (``USAGOV``->USA, ``IGOUNO``->international);
* an empty code = no country expected; a value that is not a code at all (a swapped column,
  a word such as ``diplomatic``) is not scorable;
* sector: the first three letters, upper-cased (``CVLalb``->CVL, ``GOVMOS``->GOV); ``CIV``->CVL,
  CAMEO religion codes ``MOS``/``CHR``/``BUD``/``JEW``->REL, ``HLH``->MED; ``""``, ``UNK`` and
  ``JNK`` = no sector expected; ``***`` and ``???``/``????`` are not scorable.
"""

from __future__ import annotations

from functools import lru_cache

INTERNATIONAL = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "ISM", "MNC"})
INTERNATIONAL_MARK = "IGO"  # how an international body is written after mapping
COUNTRY_FIX = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "USR": "RUS", "GMY": "DEU", "UK": "GBR", "UKG": "GBR",
    "SPN": "ESP", "ROM": "ROU", "RUM": "ROU", "KSV": "XKX", "TMP": "TLS",
}
SECTOR_FIX = {"CIV": "CVL", "MOS": "REL", "CHR": "REL", "BUD": "REL", "JEW": "REL", "HLH": "MED"}
NO_SECTOR = frozenset({"", "UNK", "JNK"})
UNSCORED_SECTOR = frozenset({"***", "???", "????"})


@lru_cache(maxsize=1)
def iso3() -> frozenset[str]:
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def gold_country(code: str | None) -> str | None | bool:
    """ISO code, :data:`INTERNATIONAL_MARK` for an international body, None = no country, False = not scorable."""
    code = (code or "").strip().upper()
    if not code:
        return None
    found = _country_code(code)
    if found is None and len(code) > 3 and code.isalpha():
        # a full CAMEO actor code: country or international prefix, then role ("USAGOV", "IGOUNO", "IRQMIL")
        found = _country_code(code[:3])
    return False if found is None else found


def _country_code(code: str) -> str | None:
    if code in INTERNATIONAL:
        return INTERNATIONAL_MARK
    fixed = COUNTRY_FIX.get(code, code)
    return fixed if fixed in iso3() else None


def gold_sector(code: str | None) -> str | None | bool:
    """Three-letter sector, None = no sector expected, False = not scorable."""
    code = (code or "").strip()
    if code in UNSCORED_SECTOR:
        return False
    if code.upper() in NO_SECTOR:
        return None
    s = code[:3].upper()
    return SECTOR_FIX.get(s, s)


def is_international(mention) -> bool:
    if mention is None or mention.country:
        return False
    return (mention.code or "").upper().startswith(("IGO", "NGO", "IMG")) or mention.sector in ("IGO", "NGO")


def mention_country(mention) -> str | None:
    """Our actor's country in the gold's terms: ISO code, :data:`INTERNATIONAL_MARK`, or None."""
    if mention is None:
        return None
    if mention.country:
        c = mention.country.strip().upper()
        return COUNTRY_FIX.get(c, c)
    return INTERNATIONAL_MARK if is_international(mention) else None
