"""The day a story tells of, for its events whose own sentence gives no date.

A newspaper story usually runs the day after what it reports ("lucknow: the party has urged
the governor ... in a letter sent to the governor on saturday", published on Sunday), and a
wire story often says the day once, in the lead, and not again. An event whose sentence
names no day happened on that day, not on the day the paper came out. The story's day is
the first day-precise date of the lead (the sentences of its first few lines) that tells of something that
happened: not a day to come ("will visit on Monday", "scheduled to die Wednesday"), not a
condition ("if he is not allowed to perform rites on Friday"), not a deadline ("until
Friday"), and not long before the story ran (a date from years back is history, not news).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

# The lead: sentences that start in the story's first characters (a wire lead and its
# attribution, or a paper's first paragraph with the quote that follows it).
LEAD_CHARS = 700
# Days before publication a lead's date may lie and still be the story's day: a weekly's week.
MAX_DAYS_BEFORE = 7


@lru_cache(maxsize=1)
def _unrealised_words() -> frozenset[str]:
    text = resources.files("tidings").joinpath("data", "when", "unrealised_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def unrealised(root) -> bool:
    """The date belongs to something that had not happened: a modal, an infinitive, a condition, a plan."""
    words = _unrealised_words()
    current = root
    for _ in range(32):
        if current.lower_ in words:
            return True  # "an inmate scheduled to die Wednesday", whatever the parser made of "scheduled"
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            if current.lemma_.lower() in words:
                return True
            if f"{current.lemma_.lower()} to" in words and any(c.dep_ == "xcomp" for c in current.children):
                return True
            for child in current.children:
                if child.dep_ in ("aux", "auxpass", "mark") and child.lower_ in words:
                    return True
        if current.head == current:
            return False
        current = current.head
    return False


def story_day(doc, mentions: Callable, pub: dt.date | None) -> tuple[dt.date, str] | None:
    """The day the lead of ``doc`` tells of and the words that give it; None when the lead gives none.

    ``mentions(sent)`` yields a sentence's date expressions as :func:`tidings.when.resolve_dates`
    reads them: (start, end, root token, text, date, rank, precision)."""
    for sent in doc.sents:
        if sent.start_char - doc[0].idx >= LEAD_CHARS:
            break
        for _, _, root, text, date, _, precision in mentions(sent):
            if precision != "day" or unrealised(root):
                continue
            if pub is not None and not 0 <= (pub - date).days <= MAX_DAYS_BEFORE:
                continue
            return date, text
    return None
