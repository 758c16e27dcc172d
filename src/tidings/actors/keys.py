"""The match key of a name: one folding for the actor tables, the people table and the text."""

from __future__ import annotations

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
