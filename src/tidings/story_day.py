"""The day a story tells of, for its events whose own sentence gives no date: the day of the
sentence before, else the story's day.

A newspaper story usually runs the day after what it reports ("lucknow: the party has urged
the governor ... in a letter sent to the governor on saturday", published on Sunday), and a
wire story often says the day once, in the lead, and not again; a paper's report may give it
only further down ("the bjp mp addressed a public meeting near town hall on friday" under a
lead that names no day). An event whose sentence names no day happened on that day, not on
the day the paper came out. The story's day is the first day-precise date of the story (the
lead's, when the lead gives one) that tells of something that happened: not a day to come ("will visit on Monday", "scheduled to die Wednesday"), not a
condition ("if he is not allowed to perform rites on Friday"), not a deadline ("until
Friday"), and not long before the story ran (a date from years back is history, not news).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

# Days before publication a lead's date may lie and still be the story's day: a weekly's week.
MAX_DAYS_BEFORE = 7


@lru_cache(maxsize=1)
def _unrealised_words() -> frozenset[str]:
    text = resources.files("tidings").joinpath("data", "when", "unrealised_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def unrealised(root) -> bool:
    """The date belongs to something that had not happened: a modal, an infinitive that describes a
    noun ("its decision to stage a sit-in on December 9", "a threat to blow it up on Monday"), a
    condition, a plan.

    Read from the date up its heads, as far as the first verb in the simple past: that verb tells of
    something that happened ("the workers will strike, he said on Monday")."""
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
            if current.tag_ == "VB" and current.dep_ == "acl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
                return True  # a purpose: "steps to tackle any incident on friday", "a move to send him on march 15"
            if current.tag_ == "VBD" and current.pos_ == "VERB":
                return False  # "he said at a press meet on saturday" happened, whatever the quote before it plans
        if current.head == current:
            return False
        current = current.head
    return False


def story_day(doc, mentions: Callable, pub: dt.date | None) -> tuple[dt.date, str] | None:
    """The day ``doc`` tells of and the words that give it; None when the story gives none.

    ``mentions(sent)`` yields a sentence's date expressions as :func:`tidings.when.resolve_dates`
    reads them: (start, end, root token, text, date, rank, precision)."""
    for sent in doc.sents:
        for _, _, root, text, date, _, precision in mentions(sent):
            if precision != "day" or unrealised(root):
                continue
            if pub is not None and not 0 <= (pub - date).days <= MAX_DAYS_BEFORE:
                continue
            return date, text
    return None


def previous_day(sent, mentions: Callable, pub: dt.date | None, in_clause: Callable) -> tuple[dt.date, str] | None:
    """The day the sentence before ``sent`` gives to something that happened, for an event of ``sent``
    that names none ("the two officers were hit ... on Tuesday. The four occupants opened fire on
    them"): a day of that sentence's main clause first (``in_clause(root, head)``), else its last
    day; the same limits as the story's day. None for a story's first sentence."""
    if sent.start == 0:
        return None
    before = sent.doc[sent.start - 1].sent
    found = None
    for _, _, root, text, date, _, precision in mentions(before):
        if precision != "day" or unrealised(root):
            continue
        if pub is not None and not 0 <= (pub - date).days <= MAX_DAYS_BEFORE:
            continue
        if in_clause(root, before.root):
            return date, text
        found = (date, text)
    return found
