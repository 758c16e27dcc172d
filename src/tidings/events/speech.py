"""Reported speech: who says what is coded, and when saying is itself the event.

"X said Y attacked Z" codes Y→Z ASSAULT with ``reported_by`` = X ("according to X" too).  A speech
verb codes MAKE STATEMENT (CAMEO 010, no PLOVER type: PLOVER drops CAMEO 01) only when nothing
more specific is coded below it.  "X said Y must do Z" is X demanding Z of Y (CAMEO 10, PLOVER
REQUEST).  An unresolved "he" in what a speaker reports is the speaker.
"""

from __future__ import annotations

from ..records import ActorMention
from .arguments import subject_tokens
from .entries import Governor
from .mentions import ActorFinder, bare_pronoun, coded
from .syntax import children, lemma_of
from .triggers import Cand
from .words import word_set

OBLIGATION_AUX = word_set("governors", "obligation_aux")
OBLIGATION_VERBS = word_set("governors", "obligation_verbs")
MISDEED_VERBS = word_set("governors", "misdeed_verbs")
ATTEMPT_VERBS = word_set("governors", "attempt_verbs")


def speech_as_requests(doc, speech: dict[int, Governor], govs: dict[int, Governor]) -> None:
    """A speech verb over an obligation ("said Y must ...") becomes a request governor."""
    for si_tok in list(speech):
        st = doc[si_tok]
        for cc in st.children:
            if cc.dep_ in ("ccomp",) and _obligation(cc):
                govs[si_tok] = Governor(st.lemma_.lower(), "verb", "request", "100", note="must")
                del speech[si_tok]
                break


def speech_as_accusations(doc, speech: dict[int, Governor], govs: dict[int, Governor], cands: dict) -> None:
    """A speech verb over a misdeed that codes nothing itself ("said the ministers had neglected the
    issue") becomes an accusation by the speaker."""
    for si_tok in list(speech):
        st = doc[si_tok]
        for cc in st.children:
            if cc.dep_ != "ccomp":
                continue
            # "said the agencies had been trying to incite trouble": the attempted misdeed
            tried = [x for x in cc.children if x.dep_ == "xcomp"] if lemma_of(cc) in ATTEMPT_VERBS else []
            v = tried[0] if tried else cc
            if v.i not in cands and lemma_of(v) in MISDEED_VERBS and not any(m.dep_ == "neg" for m in [*cc.children, *v.children]):
                govs[si_tok] = Governor(st.lemma_.lower(), "verb", "accuse", "112", note="a reported misdeed")
                del speech[si_tok]
                break


def reported_by(doc, live: dict[int, Cand], speech: dict[int, Governor]) -> dict[int, object]:
    """The speech verb each candidate is reported under, by candidate token."""
    reported_by_tok: dict[int, object] = {}
    for i in live:
        s = speech_ancestor(doc[i], speech)
        if s is not None:
            reported_by_tok[i] = s
    return reported_by_tok


def add_statements(doc, live: dict[int, Cand], speech: dict[int, Governor]) -> None:
    """MAKE STATEMENT for each speech verb that reports nothing coded."""
    for si_tok, g in speech.items():
        stok = doc[si_tok]
        if si_tok in live:
            continue
        if any(stok.is_ancestor(doc[i]) for i in live):
            continue
        if not g.default_cameo:
            continue
        if g.lemma == "accord":
            continue
        live[si_tok] = Cand(stok, g.default_cameo, g.id, "speech", [stok] + children(stok, ("prt",)))


def reporter(c: Cand, speech_tok, according, actors: ActorFinder) -> ActorMention | None:
    """Who reports the event: the subject of its speech verb, else the "according to" source."""
    reporter = None
    if speech_tok is not None:
        st, _ = subject_tokens(speech_tok)
        rs = [a for t in st for a in actors.for_token(t)]
        reporter = rs[0] if rs else None
    elif according is not None and c.kind != "speech":
        rs = actors.for_token(according)
        reporter = rs[0] if rs else None
    return reporter


def speaker_for_pronouns(c: Cand, sources: list[ActorMention], speech_tok, actors: ActorFinder) -> list[ActorMention]:
    """An unresolved "he" in what a speaker reports is the speaker ("Annan announced that he will withdraw")."""
    if speech_tok is not None and c.kind != "speech" and any(bare_pronoun(a) for a in sources):
        st, passive = subject_tokens(speech_tok)
        speakers = [a for t in ([] if passive else st) for a in actors.for_token(t) if coded(a)]
        if len(speakers) == 1:
            sources = [speakers[0] if bare_pronoun(a) else a for a in sources]
    return sources


def _obligation(verb) -> bool:
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX:
            return True
        if c.lemma_ in OBLIGATION_VERBS and c.dep_ in ("aux", "ROOT") and any(
            g.lower_ == "to" for g in verb.children if g.dep_ == "aux"
        ):
            return True
    return False


def speech_ancestor(tok, speech: dict[int, Governor]):
    cur = tok
    steps = 0
    while cur.head.i != cur.i and steps < 8:
        child = cur
        cur = cur.head
        steps += 1
        if cur.i in speech and child.dep_ in ("ccomp", "parataxis", "advcl", "xcomp", "conj", "dobj", "prep", "pobj"):
            if child.dep_ in ("ccomp", "parataxis") or (child.dep_ == "xcomp" and speech[cur.i].lemma == "claim"):
                return cur
            if child.dep_ in ("conj", "dobj", "prep", "pobj", "advcl", "xcomp"):
                continue
    return None


def according_to(sent):
    for t in sent:
        if t.lower_ == "according":
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            return o
    return None
