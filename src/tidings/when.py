"""Event dates: the date expression in an event's sentence, resolved against the publication date.

GDELT-style coders date every event by the day the story ran; a story published
on Thursday about "Wednesday's meeting" is then off by a day, and a story about
"last month's raid" by weeks. Here each event gets the date its own sentence
gives, with the words kept (``date_text``) and how it was found (``date_source``):

- ``"text"``: a date or time expression in the sentence;
- ``"story"``: nothing usable in the sentence; the day the sentence before gives to something
  that happened stands in, else the story's day, the first day the
  story (its lead first) gives to something that happened (``"here on Wednesday"``), see :mod:`tidings.story_day`;
- ``"pub_date"``: nothing usable in the sentence nor in the story, so the publication date stands in;
- ``"background"``: the sentence tells of something before the story's time ("had
  attacked", "previously") and gives no date: ``date`` is ``None``, not the
  publication date;
- ``"none"``: no date in the sentence and none for the article (``date`` is ``None``).

``date_precision`` says how much of ``date`` is known: ``"day"``, ``"week"`` ("last
week": the day is not known), ``"month"`` ("in March": stored as the 1st) or
``"year"`` ("in 2014": stored as January 1). A month or year never passes for a day.

Phrases resolve as the table of :mod:`tidings.date_phrases` says.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources

from .attachment import CROSS, attachment
from .date_phrases import classify_precise, full_dates, parse_iso, resolve_phrase
from .parsed import char_span, doc_text, span_ents, span_text
from .records import Article, Event
from .story_day import previous_day, story_day, unrealised

__all__ = ["resolve_phrase", "resolve_dates", "parse_iso", "classify_precise", "full_dates"]


_DATE_LABELS = {"DATE", "TIME"}
# Prepositions that make a date something other than when the event happened
# ("until Friday", "by next month", "since 2011").
_NOT_EVENT_TIME = {"until", "till", "by", "since", "before", "after", "from", "through", "ahead"}
_KEEP_PREP = {"on", "in", "at", "during", "last", "this", "early", "late", "overnight"}
# Words spaCy often leaves outside DATE entities.
_RE_LOOSE = re.compile(
    r"\b(?:(?:[Ll]ast|[Nn]ext|[Pp]ast)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:'s|\u2019s)?(?:\s+(?:night|morning|afternoon|evening))?\b"
    r"|\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))\b"
)
_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "acl", "xcomp", "csubj", "parataxis", "conj"}


def _trigger_span(doc, ev: Event):
    span = char_span(doc, ev.trigger_start, ev.trigger_end)
    if span is None or not len(span):
        return None
    return span


def _attachment(date_root, trigger) -> int:
    """2: in the trigger's own clause; 1: somewhere under the trigger; 0: elsewhere."""
    return attachment(date_root, trigger, lambda t: CROSS if t.dep_ in _CLAUSE_DEPS and t != date_root else None)


def _candidates(sent) -> list[tuple[int, int, object]]:
    """(start_char, end_char, root token) of date expressions in the sentence.

    A written-out date that spaCy split ("Manila, 4 March 2025 -" tagged as
    "March 2025 - Police") is taken whole: the date's own pattern wins over the
    entity's edges.
    """
    doc = sent.doc
    found: list[tuple[int, int, object]] = []
    stext = span_text(sent)
    whole = [(sent.start_char + a, sent.start_char + b) for a, b, _ in full_dates(stext)]
    for start, end in whole:
        span = char_span(doc, start, end)
        if span is not None and len(span):
            found.append((start, end, span.root))
    for ent in span_ents(sent):
        if ent.label_ in _DATE_LABELS and not any(s < ent.end_char and ent.start_char < e for s, e in whole):
            found.append((ent.start_char, ent.end_char, ent.root))
    for m in _RE_LOOSE.finditer(stext):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if any(s < end and start < e for s, e, _ in found):
            continue
        span = char_span(doc, start, end)
        if span is not None and len(span):
            found.append((span.start_char, span.end_char, span.root))
    return found


@lru_cache(maxsize=1)
def _background_words() -> frozenset[str]:
    text = resources.files("tidings").joinpath("data", "when", "background_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _background(trigger) -> bool:
    """The trigger tells of an earlier happening: past perfect ("had attacked") or "previously"."""
    root = trigger.root
    verb = root if root.pos_ in ("VERB", "AUX") else root.head if root.head.pos_ == "VERB" else None
    if verb is None:
        return False
    # "Police said they had arrested three men": reported speech shifts the past back a tense
    reported = verb.dep_ in ("ccomp", "parataxis") or verb.head.lemma_ in ("say", "tell", "report", "announce")
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in ("had", "'d") and verb.tag_ == "VBN":
            return not reported
        if child.dep_ == "advmod" and child.lower_ in _background_words():
            return True
    return False


_NAMING_DEPS = {"nmod", "compound", "nummod"}


def _names_a_thing(root, rank: int, precision: str | None, trigger) -> bool:
    """A calendar date or year that is part of a name or a description of some other thing ("its
    march 15 programme", "the 2017 Mining Charter", "his April 12 pardon"): not the time of the
    trigger's event. A weekday before a noun is a time ("Sunday evening", "friday prayers"); the
    trigger's own noun and its subject keep theirs ("the March 3 attack killed four"). The story's
    day still reads such dates: a statement's heading names its day so ("STATEMENT 25 October 2007")."""
    if root.dep_ not in _NAMING_DEPS or not (rank == 3 or precision == "year"):
        return False
    noun = root.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun == trigger:
        return False
    return not (noun.dep_ == "nsubj" and noun.head == trigger)


def _with_preposition(doc, start: int, end: int, root) -> tuple[int, str | None]:
    """Extends the expression leftwards over "on"/"in"; reports a disqualifying preposition."""
    first = char_span(doc, start, end)
    prev = doc[first.start - 1] if first is not None and first.start > 0 else None
    head = root.head if root.dep_ == "pobj" else None
    for tok in (prev, head):
        if tok is None:
            continue
        low = tok.lower_
        if low in _NOT_EVENT_TIME:
            return start, low
        if tok is prev and low in _KEEP_PREP:
            return tok.idx, None
    return start, None


def _mentions(sent, pub: dt.date | None):
    """The sentence's date expressions that resolve and may be an event's time, in order:
    (start, end, root, text, date, rank, precision); "until Friday" is a deadline, not a time."""
    doc = sent.doc
    stext, base = span_text(sent), sent.start_char
    for start, end, root in sorted(_candidates(sent), key=lambda c: c[0]):
        start, blocked = _with_preposition(doc, start, end, root)
        if blocked:
            continue
        text = stext[start - base:end - base] if start >= base else doc_text(doc)[start:end]
        date, rank, precision = classify_precise(text, pub)
        if date is not None:
            yield start, end, root, text, date, rank, precision


def resolve_dates(events: list[Event], doc, article: Article) -> None:
    """Sets ``date``, ``date_precision``, ``date_text`` and ``date_source`` on each event in place.

    The expression chosen for an event is, in order: one in the trigger's own
    clause, then one anywhere under the trigger, then any in the sentence; at
    each level a written-out date beats a relative day, which beats a period
    ("last month"); ties go to the expression nearest the trigger. A day to come in another
    clause and a date that names some other thing ("its march 15 programme") are passed over.
    """
    pub = parse_iso(article.pub_date)
    found: dict[tuple[int, int], list] = {}

    def mentions(sent) -> list:
        # the story's day, the day before and every event of a sentence read the same expressions
        key = (sent.start, sent.end)
        if key not in found:
            found[key] = list(_mentions(sent, pub))
        return found[key]

    def in_clause(root, head) -> bool:
        return _attachment(root, head) == 2

    story = story_day(doc, mentions, pub) if events else None
    for ev in events:
        best = None
        trigger = _trigger_span(doc, ev)
        if trigger is not None:
            for start, end, root, text, date, rank, precision in mentions(trigger.sent):
                attach = _attachment(root, trigger.root)
                if attach < 2 and unrealised(root):
                    continue  # "inmate scheduled to die Wednesday" is not when the lawyers asked
                if _names_a_thing(root, rank, precision, trigger.root):
                    continue
                distance = min(abs(start - trigger.end_char), abs(end - trigger.start_char))
                key = (attach, rank, -distance)
                if best is None or key > best[0]:
                    best = (key, date, text, precision)
        ev.date = ev.date_text = ev.date_precision = None
        if best is not None:
            ev.date, ev.date_text, ev.date_source, ev.date_precision = best[1].isoformat(), best[2], "text", best[3]
        elif trigger is not None and (carried := previous_day(trigger.sent, mentions, pub, in_clause)):
            ev.date, ev.date_text, ev.date_source, ev.date_precision = carried[0].isoformat(), carried[1], "story", "day"
        elif trigger is not None and _background(trigger):
            ev.date_source = "background"  # not the day the story ran
        elif story is not None:
            ev.date, ev.date_text, ev.date_source, ev.date_precision = story[0].isoformat(), story[1], "story", "day"
        elif pub is not None:
            ev.date, ev.date_source, ev.date_precision = pub.isoformat(), "pub_date", "day"
        else:
            ev.date_source = "none"
