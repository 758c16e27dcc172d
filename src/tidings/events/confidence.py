"""Confidence: how sure the coder is that an event happened as coded.

Structural: main-clause verbs highest, event nouns lower, events in relative, participial or
purpose clauses, background "as/after/while" clauses and the demands voiced by a protest lower
still; arguments without a recognised actor and inanimate subjects ("oil prices retreated") lower
it further.  Kept but below the counting threshold: events with no coded actor on either side,
events that retell a fuller event of the same type in the sentence, sports results ("Federer
beat Goffin": sports_context.txt / sports_triggers.txt) and accidents ("killed when two cars
collided": accident_context.txt / accident_triggers.txt).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..actors.gold_codes import is_international
from ..parsed import span_text, span_tokens
from ..records import ActorMention, Event
from . import modality as M
from .mentions import agentive, known, placed
from .syntax import clause_head, lemma_of
from .triggers import Cand
from .words import word_file, word_set, words

# Subordinate clauses that give a lead's background ("after a coup toppled ...", "as police cracked down").
BACKGROUND_MARKS = word_set("confidence", "background_marks")
EVENT_TIME_PREPS = word_set("triggers", "event_time_preps")
SHARE_WORDS = word_set("confidence", "share_words")
BACKGROUND_CLAUSE_PENALTY = 0.2
PARTICIPIAL_DEPS = {"relcl", "acl", "advcl", "pcomp", "amod"}
# Below the default counting threshold (tidings.counting.threshold(), the CLI's --min-confidence): kept
# and shown, not counted as a fact.
BACKGROUND = 0.5
BASE = {"verb": 0.85, "gov": 0.85, "noun": 0.75, "speech": 0.35}


def base_confidence(c: Cand, code: str, speech: dict) -> float:
    """The candidate's confidence before its sides are known."""
    base = BASE[c.kind]
    if code.startswith("01") and c.kind != "speech":
        base = min(base, 0.7)
    base -= embedding_penalty(c.token, c, speech)
    if not c.rule.startswith("tidings:") and ".tsv:" not in c.rule.split(" ")[0] and c.kind == "verb":
        base -= 0.15  # entries from a PETRARCH dictionary: broad synonym sets, less precise than ours
    return base


def inanimate_source(src_t: list, sources: list[ActorMention]) -> bool:
    """The subject is a thing, no political actor: "oil prices retreated", "the storm hit"."""
    return bool(src_t) and all(
        (a is None or not known(a)) for a in sources
    ) and not any(agentive(t, None) for t in src_t) and all(t.pos_ == "NOUN" for t in src_t)


def pair_confidence(base: float, inanimate: bool, s: ActorMention | None, t: ActorMention | None, mod: str) -> float:
    conf = base
    if inanimate:
        conf = min(conf, 0.45)
    if not known(s):
        conf -= 0.1
    if t is None:
        conf -= 0.05
    elif not known(t):
        conf -= 0.05
    if mod != M.ASSERTED:
        conf -= 0.1
    return round(max(0.05, min(0.99, conf)), 3)


def protest_topics(built: list) -> None:
    """PLOVER: the demands voiced by a protest are its topic, not separate REQUEST events."""
    protests = [c.token for c, evs in built if any(e.plover_type == "PROTEST" and e.modality == "asserted" for e in evs)]
    for c, evs in built:
        if protests and any(e.plover_type == "REQUEST" for e in evs) and any(p.is_ancestor(c.token) for p in protests):
            for e in evs:
                e.confidence = min(e.confidence, 0.4)
                e.rule += " (protest topic)"


def embedding_penalty(tok, c: Cand, speech: dict) -> float:
    """Events in the main clause first; background in relative or participial clauses last."""
    pen = 0.0
    if tok.dep_ == "amod":
        pen += BACKGROUND_CLAUSE_PENALTY  # "protesting farmers": a description of the actor, not the news
    if c.kind == "noun" and tok.dep_ == "pobj" and tok.head.lower_ in EVENT_TIME_PREPS:
        pen += BACKGROUND_CLAUSE_PENALTY  # "during a visit to Dakar", "after the invasion": the scene, not the news
    cur = clause_head(tok)
    steps = 0
    while cur.head.i != cur.i and steps < 10:
        if cur.dep_ in PARTICIPIAL_DEPS:
            pen += 0.17
            if cur.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in BACKGROUND_MARKS for m in cur.children):
                pen += BACKGROUND_CLAUSE_PENALTY  # "..., as the opposition threatened to storm his residence"
        elif cur.dep_ in ("ccomp", "xcomp", "conj", "parataxis"):
            if cur.head.i in speech and cur.dep_ in ("ccomp", "parataxis"):
                pen += 0.0  # reported speech is the usual way news states events
            else:
                pen += 0.05
        elif cur.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "prep", "attr", "appos", "npadvmod", "poss"):
            pen += 0.04
        cur = cur.head
        steps += 1
    return min(pen, 0.45)


def demote_uncoded(events: list[Event]) -> None:
    """Two precision rules for a sentence's events.

    * An event with no coded actor on either side ("the electricity supply being cut off", "a
      loophole allowed") names no one who acted or was acted on: kept, below the threshold.
    * An event that repeats a fuller event of the same type in the sentence with a side left
      uncoded ("Israeli helicopters and tanks shelled X": the tanks; "arrived in Amman on a visit":
      the visit) is the same event told twice: kept, below the threshold.
    """
    for e in events:
        if e.plover_type and not placed(e.source) and not placed(e.target):
            if e.confidence > BACKGROUND:
                e.confidence = BACKGROUND
                e.rule += " +no coded actor"
    for e in events:
        if e.modality != M.ASSERTED or not e.plover_type:
            continue
        es, et = _country_side(e.source), _country_side(e.target)
        for f in events:
            if f is e or f.plover_type != e.plover_type or f.modality != M.ASSERTED or f.confidence < 0.6:
                continue
            fs, ft = _country_side(f.source), _country_side(f.target)
            fuller = (es is None or es == fs) and (et is None or et == ft) and (
                (es is None and fs is not None) or (et is None and ft is not None)
            )
            if fuller and e.confidence > BACKGROUND:
                e.confidence = BACKGROUND
                e.rule += " +told fuller"
                break


def _country_side(a: ActorMention | None) -> str | None:
    """The side's country as the sentence states it; a country only guessed from context counts as none."""
    if a is None or (a.resolved_from or "").endswith("+context"):
        return None
    return a.country or ("IGO" if is_international(a) else None)


# Story contexts the annotation guide codes no event in, each a pair of data files: the words that
# place a sentence there and the trigger lemmas that mean something else there.
UNCODED_CONTEXTS = ("sports", "accident")
# A context also recognised by a pattern of its own: a match score ("beat Aston Villa 4-0").
CONTEXT_PATTERNS = {"sports": re.compile(words("confidence", "sports_score")[0])}


@lru_cache(maxsize=None)
def _context_words(name: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    ctx = word_file(f"{name}_context.txt")
    return (
        frozenset(w for w in ctx if " " not in w),
        frozenset(w for w in ctx if " " in w),
        frozenset(word_file(f"{name}_triggers.txt")),
    )


def uncoded_context(built: list, sent) -> None:
    """Sports results read like conflict ("Federer beat Goffin", "the defending champion") and
    accidents like attacks ("killed when two cars collided", "injured in a crash"): in a sentence
    with that context's vocabulary, events triggered by its words stay below the threshold."""
    if not any(evs for _, evs in built):
        return  # most sentences code nothing: their words need no reading
    low = span_text(sent).lower()
    toks = span_tokens(sent)
    sent_words = {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}  # read once for every context
    for name in UNCODED_CONTEXTS:
        words, phrases, triggers = _context_words(name)
        pattern = CONTEXT_PATTERNS.get(name)
        if (sent_words.isdisjoint(words) and not any(p in low for p in phrases)
                and not (pattern is not None and pattern.search(low))):
            continue
        for c, evs in built:
            trigger_toks = [c.token] + ([c.complement.token] if c.complement is not None else [])
            if not any(lemma_of(t) in triggers or t.lower_ in triggers for t in trigger_toks):
                continue
            for e in evs:
                _keep_below(e, f"{name} context")


def _furniture(sent) -> bool:
    """A related-stories list or share-button run flattened into the text: "related stories: X
    meets PM ... Facebook Twitter Linkedin Mail" (ingest's section headers, words.toml's share words)."""
    from ..ingest.patterns import section_headers

    # "Â": a no-break space decoded as Latin-1, the list separator of such pages
    low = span_text(sent).replace("\u00c2", " ").replace("\u00a0", " ").lower().lstrip(" \t\n\"'")
    for h in section_headers():
        if low.startswith(h) and " " in h:
            rest = low[len(h):].lstrip(" ")
            if not rest or not rest[0].isalnum():
                return True
    run = 0
    for t in span_tokens(sent):
        run = run + 1 if t.lower_ in SHARE_WORDS else 0
        if run >= 3:
            return True
    return False


def page_furniture(events: list[Event], sent) -> None:
    """Events in page furniture are other stories' headlines, not this story's news (annotation
    guide): kept, below the threshold."""
    if not events or not _furniture(sent):
        return
    for e in events:
        _keep_below(e, "page furniture")


def _keep_below(e: Event, why: str) -> None:
    """Kept, below the counting threshold, with the reason in its rule (once, if already lower)."""
    if e.confidence > BACKGROUND - 0.1:
        e.confidence = BACKGROUND - 0.1
        e.rule += f" +{why}"
