"""The match key of a name: one folding for the actor tables, the people table and the text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


# called for every word of every phrase, several times: the words of news text repeat
@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Case-, accent- and apostrophe-folded form used as a match key."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("‐", "-")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower()


# a sentence start: end punctuation (maybe a closing quote), space, then the first letter
_SENTENCE_START = re.compile(r"[.!?][\"'”’)]?\s+[\"'“‘(]?([A-Za-z])")


def lower_cased(text: str) -> bool:
    """True when the text lost its capitals: none at all, or sentences that start lower-case.

    Lower-cased copy often keeps a few capitals in page furniture ("Facebook Twitter Mail",
    "This story is from March 3, 2002"), so one capital does not make the text cased."""
    if not any(c.isupper() for c in text):
        return True
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text)]
    return len(starts) >= 3 and sum(c.islower() for c in starts) >= 0.7 * len(starts)
