"""Word uses that code no event, judged on the trigger's own words (issue 10, fp6).

A verb of force that means "affect": a happening as its subject ("the violence hit people",
"cancellation and diversion of trains has hit the railway") or written just before it ("the
violence-hit Baroda city"); "accused" as a defendant's title or state ("murder accused Diego
Novella", "who stand accused of murder"). The word lists live in words.toml [triggers]; the
object-keyed senses ("hit a record", "hit the revenue") are verbs.tsv entries coded "-".
"""

from __future__ import annotations

from .words import word_set

AFFECT_VERBS = word_set("triggers", "affect_verbs")
HAPPENING_SUBJECTS = word_set("triggers", "happening_subjects")
ACCUSE_VERBS = word_set("triggers", "accuse_verbs")
ACCUSED_TITLES = word_set("triggers", "accused_titles")
ACCUSED_STATES = word_set("triggers", "accused_states")


def no_event_use(tok, lemma: str) -> bool:
    """Whether verb ``tok`` (lemma ``lemma``) is used in a sense that codes no event."""
    return (lemma in AFFECT_VERBS and _happening_subject(tok)) or (lemma in ACCUSE_VERBS and _defendant(tok))


def _word_before(tok):
    """The word written just before ``tok`` in its sentence, over a hyphen ("violence-hit")."""
    k = tok.i - 1
    if k > tok.sent.start and tok.doc[k].text == "-":
        k -= 1
    return tok.doc[k] if k >= tok.sent.start else None


def _happening_subject(tok) -> bool:
    """ "the violence hit people", "cancellation and diversion of trains has hit the railway": a
    happening as the subject of a verb of force affects, it does not attack; so does the word written
    just before it ("the violence-hit Baroda city", "riot hit areas"), however the parser hangs it."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    subj += [cc for c in subj for cc in c.conjuncts]
    before = _word_before(tok)
    if before is not None and before.pos_ == "NOUN":
        subj.append(before)
    return any(c.lemma_.lower() in HAPPENING_SUBJECTS or c.lower_ in HAPPENING_SUBJECTS for c in subj)


def _defendant(tok) -> bool:
    """ "rape accused Nigerian pastor", "who stand accused of murder": "accused" describes a defendant."""
    if tok.lower_ != "accused":
        return False
    if tok.head.i != tok.i and tok.head.lemma_.lower() in ACCUSED_STATES:
        return True
    before = _word_before(tok)
    return before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in ACCUSED_TITLES
