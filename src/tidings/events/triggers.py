"""Triggers: the words of a sentence that the lexicon says code an event.

Verbs and event nouns are looked up by lemma in the compiled lexicon (``lexicon.py``); the most
specific entry (object > preposition > particle) wins.  A verb entry that names its object
("impose sanctions") consumes that object noun.  Governors ("agreed to", "refused") are found
here and applied by ``governors.py``; speech verbs are kept apart for ``speech.py``.  An event
noun is an event only where the sentence makes it one (``noun_licensed``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..parsed import doc_table, span_tokens
from .entries import NO_EVENT, Governor, Lexicon, NounEntry, VerbEntry
from .mentions import ActorFinder, noun_modifier_actors
from .senses import no_event_use
from .syntax import (
    LIGHT_VERBS,
    POBJ_LICENSORS,
    children,
    has_complement,
    is_nominal,
    is_verbal,
    lemma_of,
    particle,
    prep_objects,
    purpose_clause_only,
)
from .words import word_set, words

CANCEL_VERBS = word_set("triggers", "cancel_verbs")
EVENT_TIME_PREPS = word_set("triggers", "event_time_preps")
ATTRIBUTIVE_EVENTS = dict(w.split(":") for w in words("triggers", "attributive_events"))
TIME_WORDS = word_set("arguments", "time_words")
EVENT_FRAMES = word_set("triggers", "event_frames")
PREDICATE_VERBS = word_set("triggers", "predicate_verbs")
ACT_PREPS = word_set("triggers", "act_preps")
ACCUSE_ACT_PREPS = word_set("triggers", "accuse_act_preps")
RESORT_VERBS = dict(w.split(":") for w in words("triggers", "resort_verbs"))
RESULTATIVE_WORDS = word_set("triggers", "resultative_words")


@dataclass
class Cand:
    token: object  # spaCy Token heading the trigger
    cameo: str
    rule: str
    kind: str  # verb | noun | gov | speech
    span_tokens: list = field(default_factory=list)
    consumed: bool = False
    governor: object = None  # governor token when recoded by one
    complement: Cand | None = None
    forced_modality: str | None = None
    plover_override: str | None = None
    entry_prep: str = ""
    gov_cls: str = ""
    entry_objects: frozenset = frozenset()


def _object_lemmas(tok) -> set[str]:
    lemmas = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "acomp"):
            lemmas.add(c.lemma_.lower())
            lemmas.add(c.lower_)
            for cc in c.conjuncts:
                lemmas.add(cc.lemma_.lower())
            for m in c.children:  # "state of emergency", "martial law" compounds
                if m.dep_ in ("compound", "amod"):
                    lemmas.add(m.lemma_.lower())
                if m.dep_ == "prep":
                    for g in m.children:
                        if g.dep_ == "pobj":
                            lemmas.add(g.lemma_.lower())
    for _, o in prep_objects(tok):
        lemmas.add(o.lemma_.lower())
        lemmas.add(o.lower_)
    # "set ablaze a shop": the parser takes the word for a particle, an adverb or a dative
    lemmas.update(c.lower_ for c in tok.children if c.lower_ in RESULTATIVE_WORDS)
    passive = _passive_head(tok)
    if passive is not None:
        lemmas.add(passive.lemma_.lower())
        lemmas.add(passive.lower_)
    return lemmas


def _passive_head(tok):
    """The noun a passive participle stands after, its object: "curfew relaxed for two hours"."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.i < tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head
    return None


def _dated(prep) -> bool:
    """ "on Sunday", "on February 28": a preposition that gives the date, not a participant."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") or o.lower_ in TIME_WORDS for o in objs)


def _real_preps(tok) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent", "dative") and not _dated(c)}


def _match_verb(tok, entries: list[VerbEntry], actor_tokens: set[int]):
    prt = particle(tok)
    preps = _real_preps(tok)
    objs = None
    for e in entries:
        if e.particle and e.particle not in prt.split():
            # "test fire" style compounds come as a particle or as a hyphenated lemma
            continue
        if e.prep and e.prep not in preps and not (e.objects and e.prep in _object_preps(tok, e.objects)):
            continue
        if e.objects:
            if objs is None:
                objs = _object_lemmas(tok)
            if "@actor" in e.objects:  # any actor as object: after the named objects (see lexicon sort)
                dob = children(tok, ("dobj",))
                if not dob or not any(d.i in actor_tokens for d in dob):
                    continue
            elif not (objs & e.objects):
                continue
        return e
    return None


def _object_preps(tok, objects: frozenset[str]) -> set[str]:
    """Prepositions on the entry's own object: "expressed concern over the decision"."""
    return {m.lower_ for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in objects
            for m in c.children if m.dep_ == "prep"}


def _predicate(tok) -> bool:
    """What someone is said to be: "is a partner", "called him a hero", "described X as a ..."."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("attr", "oprd", "dobj") and tok.head.lemma_.lower() in PREDICATE_VERBS:
        return tok.dep_ != "dobj" or any(c.dep_ in ("dobj", "nsubj") and c.i < tok.i for c in tok.head.children)
    return tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in PREDICATE_VERBS


def _bare_gerund(tok) -> bool:
    return tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.head.i == tok.i - 1 and not children(tok, ("dobj", "prt", "attr", "xcomp"))


def _noun_modifiers(tok) -> set[str]:
    if _bare_gerund(tok):
        return {tok.head.lemma_.lower(), tok.head.lower_}
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")} | {
        c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
    }


def _match_noun(tok, entries: list[NounEntry]):
    if not entries:  # most nouns have none: skip reading the children
        return None
    mods = _noun_modifiers(tok)
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    for e in entries:  # sorted most specific first
        if e.modifiers and not (mods & e.modifiers):
            continue
        if e.prep and e.prep not in preps:
            continue
        return e
    return None


def governor_entry(tok, lemma: str, pos: str, lex: Lexicon) -> Governor | None:
    for g in lex.governors.get((lemma, pos), ()):
        if g.particle and g.particle not in particle(tok).split() and not any(c.lower_ == g.particle for c in tok.children):
            continue
        # "called on OPEC's president to raise output": the parser may take the preposition for a
        # particle, and the addressee for the direct object
        as_particle = bool(g.prep) and any(
            c.lower_ == g.prep and (c.dep_ == "prt" or (c.dep_ == "prep" and not children(c, ("pobj", "pcomp"))))
            for c in tok.children
        )
        if g.prep and not as_particle and not _marked_clause(tok, g.prep) and not any(
            c.dep_ in ("prep", "dative") and c.lower_ == g.prep and not _dated(c) for c in tok.children
        ):
            continue
        if g.prep and not as_particle and children(tok, ("dobj",)):
            # "called on X to", "called for calm" take no direct object: in "called a bandh on
            # Friday" the "on" is the date and the object is the event
            continue
        return g
    return None


def _marked_clause(tok, word: str) -> bool:
    """ "called for stability to be restored": the preposition parsed as the mark of a clause below."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == word for m in c.children) for c in tok.children)


def find_triggers(sent, actors: ActorFinder, lex: Lexicon) -> tuple[dict[int, Cand], dict[int, Governor], dict[int, Governor]]:
    """(candidates by token, governors by token, speech verbs by token) of one sentence."""
    cands: dict[int, Cand] = {}
    govs: dict[int, Governor] = {}
    speech: dict[int, Governor] = {}
    consumed_nouns: set[int] = set()

    table = doc_table(sent.doc)
    for tok in span_tokens(sent):
        lemma = lemma_of(tok, lex)
        i = tok.i
        dep, low, pos, tag = table.dep[i], table.lower[i], table.pos[i], table.tag[i]
        verbal = pos == "VERB" or (pos == "AUX" and dep not in ("aux", "auxpass"))  # is_verbal, is_nominal
        nominal = pos in ("NOUN", "PROPN") or (tag == "VBG" and dep in ("dobj", "pobj", "nsubj"))
        if dep == "amod" and low in ATTRIBUTIVE_EVENTS and table.head[i] in actors.tokens:
            code = ATTRIBUTIVE_EVENTS[tok.lower_]
            cands[tok.i] = Cand(tok, code, f"tidings:attributive:{tok.lower_}→{code}", "verb", [tok])
            continue
        if verbal and dep not in ("amod", "compound"):
            g = governor_entry(tok, lemma, "verb", lex)
            if g is not None:
                if g.cls == "speech":
                    speech[tok.i] = g
                else:
                    govs[tok.i] = g
            entries = lex.verbs.get(lemma)
            if entries:
                e = _match_verb(tok, entries, actors.tokens)
                if e is not None and (e.cameo == NO_EVENT or no_event_use(tok, lemma)):
                    e = None
                    govs.pop(tok.i, None)
                if e is not None and not (g is not None and g.cls != "speech" and not e.objects and (_governs_clause(tok) or _governs_act(tok, g.cls))
                                             and not (g.cls == "intent" and purpose_clause_only(tok))) \
                        and not (g is not None and g.cls == "appeal" and e.objects == {"@actor"} and _governs_clause(tok)):
                    # "called on OPEC's president to raise output": the actor object is the addressee
                    span = [tok] + children(tok, ("prt",))
                    if e.prep:
                        span += [c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == e.prep]
                    if e.objects and "@actor" not in e.objects:
                        passive = _passive_head(tok)
                        if passive is not None and (passive.lemma_.lower() in e.objects or passive.lower_ in e.objects):
                            consumed_nouns.add(passive.i)
                            span.insert(0, passive)
                        for c in tok.children:
                            if c.dep_ in ("dobj", "attr", "nsubjpass") and (c.lemma_.lower() in e.objects or c.lower_ in e.objects):
                                consumed_nouns.add(c.i)
                                span.append(c)
                            if c.dep_ == "prep":
                                for o in c.children:
                                    if o.dep_ == "pobj" and o.lemma_.lower() in e.objects:
                                        consumed_nouns.add(o.i)
                    cands[tok.i] = Cand(
                        tok, e.cameo, e.id, "verb", span, entry_prep=e.prep, plover_override=e.plover or None,
                        entry_objects=e.objects - {"@actor"},
                    )
        elif pos == "ADJ":
            g = governor_entry(tok, lemma, "adj", lex)
            if g is not None:
                govs[tok.i] = g
        if tag == "VBG" and _bare_gerund(tok) and (tok.i not in cands or (cands[tok.i].kind == "verb" and not cands[tok.i].entry_objects)):
            # "injured in police firing" parsed as "police" with "firing" hung on it: the noun phrase
            # an entry names, its modifier being the word before
            e = _match_noun(tok, [n for n in lex.nouns.get(tok.lower_, ()) if tok.head.lemma_.lower() in n.modifiers])
            if e is not None:
                cands[tok.i] = Cand(tok, e.cameo, e.id, "noun", [tok.head, tok], plover_override=e.plover or None)
        if nominal and tok.i not in cands and _predicate(tok):
            e = _match_noun(tok, lex.predicates.get(lemma, ()))
            if e is not None:
                mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in e.modifiers]
                cls = "praise" if e.cameo.startswith("05") else "accuse"
                cands[tok.i] = Cand(tok, e.cameo, e.id.replace(":noun:", ":predicate:"), "gov", mods + [tok], governor=tok, gov_cls=cls)
        if nominal and tok.i in cands and cands[tok.i].kind == "verb" and not cands[tok.i].entry_objects:
            # "a probe into the police firing on its activists": a noun entry that names its modifier
            # ("police firing") is more specific than the bare verb ("fire on")
            e = _match_noun(tok, [n for n in lex.nouns.get(tok.lower_, ()) if n.modifiers])
            if e is not None:
                mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in e.modifiers]
                cands[tok.i] = Cand(tok, e.cameo, e.id, "noun", mods + [tok], plover_override=e.plover or None)
        if nominal and tok.i not in cands:
            g = governor_entry(tok, lemma, "noun", lex)
            if g is not None and g.cls != "speech":
                govs[tok.i] = g
            if g is None:
                # the lemma's entries, then the word's own ("firing" the parser lemmatised as "fire")
                e = _match_noun(tok, lex.nouns.get(lemma, ())) or _match_noun(tok, lex.nouns.get(tok.lower_, ()))
                if e is not None:
                    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in e.modifiers]
                    cands[tok.i] = Cand(tok, e.cameo, e.id, "noun", mods + [tok], plover_override=e.plover or None)

    for i in consumed_nouns:
        c = cands.get(i)
        if c is not None and c.kind == "noun":
            c.consumed = True

    return cands, govs, speech


def names_own_agent(c: Cand, actors: ActorFinder) -> bool:
    """An event noun whose entry's modifier is an actor ("police firing"): the phrase names who acted,
    so it is an event wherever it stands ("killed in police firing")."""
    return c.kind == "noun" and any(t.i != c.token.i and t.i in actors.tokens for t in c.span_tokens)


def _to_clause(tok) -> bool:
    return any(m.dep_ == "aux" and m.lower_ == "to" for m in tok.children)


def _governs_clause(tok) -> bool:
    """A clause below the word, also where the parser hung a "to"-infinitive as an adverbial or under
    the prepositional object: "calling on Panama to engage in talks"."""
    if has_complement(tok) or any(c.dep_ == "advcl" and _to_clause(c) for c in tok.children):
        return True
    return any(cc.dep_ in ("acl", "relcl", "xcomp") and _to_clause(cc) for _, o in prep_objects(tok) for cc in o.children)


def _governs_act(tok, cls: str = "") -> bool:
    """An active verb with an act as its "with" object: "charged the government with deliberately allowing"."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return False
    preps = ACCUSE_ACT_PREPS if cls == "accuse" else ACT_PREPS
    holders = [tok] + (children(tok, ("dobj",)) if cls == "accuse" else [])
    return any(o.dep_ == "pcomp" or o.tag_ == "VBG"
               for h in holders for c in children(h, ("prep",)) if c.lower_ in preps for o in c.children)


def noun_licensed(tok, cands: dict[int, Cand], actors: ActorFinder) -> bool:
    if tok.dep_ == "ROOT":
        return True
    if tok.dep_ == "conj" and tok.head.i != tok.i and is_nominal(tok.head):
        # "launched air and artillery strikes": the first conjunct's place in the clause counts
        first = tok.head
        while first.dep_ == "conj" and first.head.i != first.i and is_nominal(first.head):
            first = first.head
        if first.i not in cands:
            return _noun_licensed_as(tok, first, cands, actors)
    return _noun_licensed_as(tok, tok, cands, actors)


def _noun_licensed_as(tok, slot, cands: dict[int, Cand], actors: ActorFinder) -> bool:
    """Whether noun ``tok`` is an event, judged by the clause position of ``slot``."""
    if slot.dep_ == "ROOT":
        return True
    head = slot.head
    pobjs = prep_objects(tok)
    has_own = (
        any(c.dep_ == "poss" for c in tok.children)
        or any(p == "by" for p, _ in pobjs)
        or bool(noun_modifier_actors(tok, actors))
        or _light_verb_agent(tok)
        # "closeted in a meeting with the prime minister": the other side named makes it a happening
        or any(p in ("with", "between") and o.i in actors.tokens for p, o in pobjs)
    )
    if slot.dep_ == "pobj" and head.lower_ in EVENT_TIME_PREPS and (
        has_own or any(p in ("to", "with") or (p == "of" and o.i in actors.tokens) for p, o in pobjs)
    ):
        return True
    if slot.dep_ in ("dobj", "attr", "oprd") and is_verbal(head):
        hl = lemma_of(head)
        if hl in CANCEL_VERBS:
            return False
        if head.i in cands and not cands[head.i].consumed:
            return has_own
        return hl in LIGHT_VERBS or has_own
    if slot.dep_ == "pobj" and head.dep_ == "prep" and (
        (head.lower_ == "of" and head.head.lemma_.lower() in EVENT_FRAMES)
        or (is_verbal(head.head) and RESORT_VERBS.get(lemma_of(head.head)) == head.lower_)
    ):
        return True
    if slot.dep_ == "pobj" and head.dep_ == "prep" and is_verbal(head.head):
        if lemma_of(head.head) in POBJ_LICENSORS and head.lower_ in ("on", "in", "for", "into"):
            return True
        return has_own and head.head.i not in cands
    if slot.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ in ("appos", "conj") and tok.head.i in cands:
        return False
    return has_own and tok.dep_ not in ("pobj", "compound", "amod")


def _light_verb_agent(tok) -> bool:
    """"the dharna staged by Congress workers", "the bandh called by the VHP": the agent of a
    light verb that modifies the noun is the noun's own actor."""
    return any(
        c.dep_ == "acl" and lemma_of(c) in LIGHT_VERBS and any(g.dep_ == "agent" for g in c.children)
        for c in tok.children
    )
