"""Event extraction over the spaCy dependency parse.

One pass per sentence:

1. **Triggers.**  Verbs and event nouns are looked up by lemma in the compiled lexicon
   (``lexicon.py``); the most specific entry (object > preposition > particle) wins.  A verb
   entry that names its object ("impose sanctions") consumes that object noun.
2. **Governors.**  Words such as "agreed to", "refused to", "urged ... to", "threatened to",
   "desire to", "denied" take the event below them as complement and recode it with
   ``complements.tsv`` (refuse + meet = 125 REJECT; desire + strengthen relations = 032 AGREE).
   Alone they code their default ("refused" = 120) or nothing ("plans").
3. **Speech.**  "X said Y attacked Z" codes Y→Z ASSAULT with ``reported_by`` = X.  A speech
   verb codes MAKE STATEMENT (CAMEO 010, no PLOVER type: PLOVER drops CAMEO 01) only when
   nothing more specific is coded below it.
4. **Arguments.**  Source from the subject (or the ``by`` agent of a passive, or the possessor
   of an event noun); target from the direct object, the dative, or a prepositional object
   ("met with X", "support for Syria").  Coordinated actors ("X and Y agreed") give one event
   each; symmetric events with a plural side and no target ("X and Y met", "talks between X and
   Y") give reciprocal events.  Actor mentions come from the actor stage; an argument with no
   recognised actor is kept as a bare mention (text and span only) at lower confidence.
   When the object slots name no coded actor, ``_fallback_targets`` looks, in order, inside the
   event's own object phrase ("a U.S. request", "the withdrawal of Serbian forces"), in its
   prepositional phrases (PLOVER codes the place of a curfew, visit or deployment as the target;
   meetings are at a venue, not with it), at the addressee of a demand, the object of a purpose
   clause and the subject of an "unless/if" condition.  A protest is aimed at what it protests
   ("in protest against X"), else at its own country's government.  Unplaced domestic actors
   take the country the sentence names (``_context_countries``); ethnic groups the country they
   live in; a coordination shares its country.
5. **Modality** (``modality.py``): negated, hypothetical, future or reported denial events are
   returned but flagged, so they are never counted as facts.  An announcement is itself a fact,
   so, following PLOVER ("the coder should return the single event category"):
   * future cooperation (CONSULT, SUPPORT, COOPERATE, AID: "will visit") is an asserted AGREE
     with CAMEO's intent code (036 ...);
   * a promised concession or retreat ("will release the hostages") is AGREE with CAMEO's
     intent-to-yield code (035x), as PLOVER's gold-standard records code it;
   * an announced harmful act ("will attack", "would blockade", anything "unless ...") is a
     THREATEN (13x);
   * a negated acceptance or yielding ("will not accept", "failed to reach agreement") is a REJECT;
   * an ungoverned infinitive states an aim ("blocked roads to demand reforms"), not a fact.
6. **Confidence** is structural: main-clause verbs highest, event nouns lower, events in relative,
   participial or purpose clauses, background "as/after/while" clauses and the demands voiced by a
   protest lower still; arguments without a recognised actor and inanimate subjects ("oil prices
   retreated") lower it further.  Kept but below the counting threshold: events with no coded
   actor on either side, events that retell a fuller event of the same type in the sentence, and
   sports results ("Federer beat Goffin": sports_context.txt / sports_triggers.txt).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import ontology
from ..actors.gold_codes import is_international
from ..records import ActorMention, Article, Event
from . import modality as M
from .lexicon import NO_EVENT, Governor, Lexicon, NounEntry, VerbEntry, lexicon

# Verbs whose object noun carries the event ("hold talks", "launch an attack").
LIGHT_VERBS = frozenset(
    """hold have launch carry conduct stage mount make begin start resume continue open impose sign
    provide give offer grant extend send deliver pay undertake wage unleash organize organise call
    declare announce lodge file issue initiate perform commit join lead order intensify escalate
    step step-up hold host attend agree complete finish receive get take stage renew restart
    embark kick speed accelerate""".split()
)
# "went on strike", "engaged in talks", "returned to Geneva for talks", "remained on alert"
POBJ_LICENSORS = frozenset(
    "go engage participate take join return arrive come travel head meet gather convene converge remain stay put place be enter sit fly lead".split()
)
# Verbs that undo or cancel the noun they take: "ended the strike", "lifted sanctions" are not
# the noun's event (specific entries such as "lift sanctions" live in verbs.tsv).
CANCEL_VERBS = frozenset(
    "end halt stop suspend cancel postpone lift abandon avoid prevent delay scrap drop".split()
)
TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "at", "for", "into", "upon")
NOUN_TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "for", "at", "upon", "into", "by")
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LOC", "FAC"}
# Prepositions that usually give where or when an event happened rather than its target.
SCENE_PREPS = {"in", "at", "on", "from", "over", "during", "near"}
SYMMETRIC_ROOTS = {"04", "06"}
SYMMETRIC_CODES = {"057", "030", "190", "193", "194", "0871"}
COOP_FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "punct", "appos", "mark", "prep"}


@dataclass
class _Cand:
    token: object  # spaCy Token heading the trigger
    cameo: str
    rule: str
    kind: str  # verb | noun | gov | speech
    span_tokens: list = field(default_factory=list)
    consumed: bool = False
    governor: object = None  # governor token when recoded by one
    complement: "_Cand | None" = None
    forced_modality: str | None = None
    plover_override: str | None = None
    entry_prep: str = ""
    gov_cls: str = ""
    entry_objects: frozenset = frozenset()


# --------------------------------------------------------------------------- triggers


def _children(tok, deps) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def _prep_objects(tok, preps=None) -> list[tuple[str, object]]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and (preps is None or c.lower_ in preps):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            for o in objs:
                out.append((c.lower_, o))
    return out


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
    for _, o in _prep_objects(tok):
        lemmas.add(o.lemma_.lower())
        lemmas.add(o.lower_)
    return lemmas


def _particle(tok) -> str:
    return " ".join(c.lower_ for c in tok.children if c.dep_ == "prt")


def _match_verb(tok, entries: list[VerbEntry], actor_tokens: set[int]):
    prt = _particle(tok)
    preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent", "dative")}
    objs = None
    for e in entries:
        if e.particle and e.particle not in prt.split():
            # "test fire" style compounds come as a particle or as a hyphenated lemma
            continue
        if e.prep and e.prep not in preps:
            continue
        if e.objects:
            if objs is None:
                objs = _object_lemmas(tok)
            if "@actor" in e.objects:  # any actor as object: after the named objects (see lexicon sort)
                dob = _children(tok, ("dobj",))
                if not dob or not any(d.i in actor_tokens for d in dob):
                    continue
            elif not (objs & e.objects):
                continue
        return e
    return None


def _noun_modifiers(tok) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")} | {
        c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
    }


def _match_noun(tok, entries: list[NounEntry]):
    mods = _noun_modifiers(tok)
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    for e in entries:  # sorted most specific first
        if e.modifiers and not (mods & e.modifiers):
            continue
        if e.prep and e.prep not in preps:
            continue
        return e
    return None


def _is_verbal(tok) -> bool:
    return tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass"))


def _is_nominal(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or (tok.tag_ == "VBG" and tok.dep_ in ("dobj", "pobj", "nsubj"))


def _lemma(tok, lex: Lexicon | None = None) -> str:
    """spaCy's lemma, repaired when the small model mangles a verb ("staged" → "stag")."""
    lemma = tok.lemma_.lower()
    if not _is_verbal(tok):
        return lemma
    known = (lex.verbs if lex is not None else {}) or {}
    if lemma in known or lemma in LIGHT_VERBS or lemma in POBJ_LICENSORS or (lex is not None and (lemma, "verb") in lex.governors):
        return lemma
    low = tok.lower_
    for cand in _guesses(low):
        if cand in known or cand in LIGHT_VERBS or cand in POBJ_LICENSORS or (lex is not None and (cand, "verb") in lex.governors):
            return cand
    return lemma


def _guesses(word: str) -> list[str]:
    out = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2], word[:-3] if len(word) > 5 and word[-3] == word[-4] else word[:-2]]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e", word[:-4] if len(word) > 6 and word[-4] == word[-5] else word[:-3]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


# --------------------------------------------------------------------------- actors


class _Actors:
    """Finds the actor mention an argument token stands for."""

    def __init__(self, doc, actors: Sequence[ActorMention], section: str):
        self.doc = doc
        self.section = section
        self.by_root: dict[int, list[ActorMention]] = {}
        self.tokens: set[int] = set()
        for a in actors:
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            self.by_root.setdefault(span.root.i, []).append(a)
            self.tokens.update(range(span.start, span.end))

    def _depth(self, tok, head) -> int | None:
        d = 0
        cur = tok
        while cur.i != head.i:
            if cur.head.i == cur.i or d > 12:
                return None
            cur = cur.head
            d += 1
        return d

    def best(self, tok) -> ActorMention | None:
        """Nearest recognised actor in tok's phrase (its clauses and coordinations excluded)."""
        best = None
        best_key = None
        stack = [tok]
        while stack:
            t = stack.pop()
            for a in self.by_root.get(t.i, ()):
                d = self._depth(t, tok) or 0
                # at equal distance a name beats a pronoun: "its European Community partners"
                key = (d, a.kind == "pronoun", -(a.confidence or 0.0), a.start)
                if best_key is None or key < best_key:
                    best, best_key = a, key
            for c in t.children:
                if t.i == tok.i and c.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "parataxis"):
                    continue
                if c.dep_ in ("relcl", "advcl", "ccomp", "parataxis"):
                    continue
                stack.append(c)
        # a mention that covers the token without being rooted inside its phrase
        if best is None:
            for roots in self.by_root.values():
                for a in roots:
                    if a.start <= tok.idx < a.end:
                        return a
        return best

    def bare(self, tok) -> ActorMention:
        keep = {"compound", "amod", "poss", "nmod", "flat", "nummod", "det", "case", "quantmod"}
        left = tok
        for c in tok.lefts:
            if c.dep_ in keep:
                left = min(left, c.left_edge, key=lambda t: t.i)
        right = tok
        for c in tok.rights:
            if c.dep_ in ("compound", "flat", "appos") and c.i == right.i + 1:
                right = c
        span = self.doc[left.i : right.i + 1]
        return ActorMention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            kind="pronoun" if tok.pos_ == "PRON" else None,
            resolved_from="unresolved",
            confidence=0.0,
            section=self.section,
        )

    def for_token(self, tok) -> list[ActorMention]:
        """One mention per coordinated conjunct ("X and Y"); inner coordination of modifiers too."""
        heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        # "thousands of students", "dozens of protesters": the quantity's object is the actor
        heads = [
            next((o for p, o in _prep_objects(h, ("of",))), h)
            if (h.pos_ == "NUM" or h.lemma_.lower() in QUANTITY_WORDS) and h.i not in self.by_root
            else h
            for h in heads
        ]
        out: list[ActorMention] = []
        for h in heads:
            a = self.best(h)
            if a is not None:
                inner = self._inner_coordinated(h, a)
                if not inner and not _coded(a):
                    a = self._placed_by_phrase(h, a)
                elif not inner:
                    a = self._residence(h, a)
                out.extend(inner or [a])
            elif h.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "X") and h.ent_type_ not in NON_ACTOR_ENTS:
                b = self.bare(h)
                # only people-like heads take a country from their phrase ("doctors from two American
                # aid groups"), not things ("a lunch hosted by the ambassador of Morocco")
                out.append(self._placed_by_phrase(h, b) if h.pos_ != "PRON" and _agentive(h, b) else b)
        uniq: list[ActorMention] = []
        seen = set()
        for a in out:
            k = (a.start, a.end)
            if k not in seen:
                seen.add(k)
                uniq.append(a)
        return uniq

    def place_of(self, tok) -> ActorMention | None:
        """A named place the actor stage folded into a larger mention ("its forces in Lebanon")."""
        if tok.ent_type_ not in ("GPE", "LOC"):
            return None
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is None:
            return None
        res = _resolve_place(ent.text)
        if res is None:
            return None
        return ActorMention(
            text=ent.text, start=ent.start_char, end=ent.end_char, name=res[1], country=res[0], code=res[0],
            kind="place", resolved_from="place", confidence=0.4, section=self.section,
        )

    def _residence(self, head, a: ActorMention) -> ActorMention:
        """An ethnic group is coded by the country it lives in, as CAMEO codes ethnic minorities:
        "ethnic Albanians in south Serbia", "the Albanians of southern Serbia", "ethnic Albanians
        demonstrated in Serbia" (the one country the sentence places them in)."""
        if not a.country or a.sector not in (None, "CVL", "ETH") or a.kind == "pronoun":
            return a
        where = set()
        for p, o in _prep_objects(head, ("in", "of", "from")):
            for m in self.by_root.get(o.i, ()) or ([self.place_of(o)] if self.place_of(o) else []):
                if m.kind in ("place", "state") and m.country and m.country != a.country:
                    where.add(m.country)
        ethnic = "ethnic" in a.text.lower().split()
        if not where and ethnic:
            sent = head.sent
            where = {
                m.country for roots in self.by_root.values() for m in roots
                if m.kind in ("place", "state") and m.country and m.country != a.country
                and sent.start_char <= m.start < sent.end_char
            }
        if len(where) != 1 or not (ethnic or head.pos_ in ("PROPN", "NOUN") and a.sector is None and head.lower_.endswith("s")):
            return a
        country = next(iter(where))
        return dataclasses.replace(a, country=country, code=country + (a.sector or ""), resolved_from=f"{a.resolved_from}+residence")

    def _placed_by_phrase(self, head, a: ActorMention) -> ActorMention:
        """An uncoded head placed by a country inside its own phrase takes that country:
        "Pakistan President Zia-ul-Haq", "workers of the Serbian Workers' Union", "doctors from two
        American aid groups".  Clauses, appositions and pronouns do not place it."""
        # "based in Trinidad", "affiliated with the Serbian Workers' Union", "fleeing the war in Liberia"
        stack = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss", "prep", "acl")]
        while stack:
            t = stack.pop(0)
            if t.dep_ in ("relcl", "advcl", "ccomp", "xcomp", "appos", "conj", "parataxis"):
                continue
            inner = list(self.by_root.get(t.i, ()))
            if not inner and t.dep_ in ("compound", "amod") and t.head.i == head.i:
                p = self.place_of(t) if t.ent_type_ in ("GPE", "LOC") else None
                inner = [p] if p is not None else []  # "Pakistan President Zia-ul-Haq" read as one name
            for m in inner:
                if m is a or not _coded(m) or m.kind == "pronoun" or m.resolved_from == "pronoun":
                    continue
                country = m.country
                sector = a.sector or (m.sector if m.country else None)
                if country is None:  # an international body: "members of the Association of African Jurists"
                    return m
                return dataclasses.replace(
                    a, country=country, sector=sector, code=country + (sector or ""),
                    resolved_from=f"{a.resolved_from or 'phrase'}+phrase",
                    confidence=min(a.confidence or 0.5, m.confidence or 0.5),
                )
            stack.extend(c for c in t.children)
        return a

    def _inner_coordinated(self, head, first: ActorMention) -> list[ActorMention]:
        """'Senior Hungarian and Romanian officials': both demonyms, one noun."""
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
        found = []
        for m in mods:
            group = [m] + list(m.conjuncts)
            if len(group) < 2:
                continue
            for g in group:
                own = self.by_root.get(g.i, ())
                found.extend(own)
                if not own and first.start <= g.idx < first.end and first not in found:
                    found.append(first)  # "Romanian officials": the last demonym lives in the head's mention
        return found if len(found) >= 2 else []


@lru_cache(maxsize=4096)
def _resolve_place(text: str) -> tuple[str, str | None] | None:
    from ..actors import resolve_text

    m = resolve_text(text)
    if m is None or not m.country or m.sector or m.kind not in (None, "place", "state"):
        return None
    return m.country, m.name


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    text = resources.files("tidings").joinpath("data", "events", "agent_nouns.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def _agentive(tok, bare: ActorMention) -> bool:
    """A bare target is kept only when it can be an actor: a name, a pronoun, or people-like noun."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
        return True
    heads = [tok] + list(tok.conjuncts)
    # "hundreds of people", "dozens of protesters": the quantity's object is the actor
    heads += [o for h in list(heads) for p, o in _prep_objects(h, ("of",))]
    return any(h.lemma_.lower() in agent_nouns() or h.lower_ in agent_nouns() for h in heads)


def _known(a: ActorMention | None) -> bool:
    return a is not None and a.resolved_from != "unresolved"


# --------------------------------------------------------------------------- arguments


def _subject_tokens(verb, depth: int = 0) -> tuple[list, bool]:
    """Subject tokens of a verb and whether the verb is passive (subject = patient)."""
    subj = _children(verb, ("nsubj", "csubj"))
    if subj:
        s = subj[0]
        if s.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return [verb.head], False
        return [s], False
    pas = _children(verb, ("nsubjpass",))
    if pas:
        return [pas[0]], True
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp":
            # object control: "urged Israel to withdraw" -> Israel withdraws
            dob = _children(head, ("dobj",))
            if dob:
                return [dob[0]], False
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN"):
            return [], False
        subj, passive = _subject_tokens(head, depth + 1)
        if passive and verb.dep_ in ("advcl", "conj") and verb.tag_ in ("VBG", "VBD", "VBZ", "VBP"):
            # "the camp was attacked by militiamen, killing 156": the agent does the second act
            agent = _agent_tokens(head)
            return (agent, False) if agent else ([], False)
        return subj, passive
    if verb.dep_ == "relcl":
        return [verb.head], False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the convoy attacked by ..."
        return [verb.head], True
    head = verb.head
    if depth < 3 and verb.dep_ == "acl" and head.lemma_.lower() in STATEMENT_NOUNS and head.dep_ in ("dobj", "nsubjpass") and _is_verbal(head.head):
        # "the PKK issued a declaration demanding ...": whoever issued the statement demands
        s, passive = _subject_tokens(head.head, depth + 1)
        return (_agent_tokens(head.head), False) if passive else (s, False)
    if depth < 3 and verb.dep_ == "pcomp" and head.dep_ == "prep" and _is_verbal(head.head):
        # "youths resorted to throwing stones", "police dispersed them by firing"
        s, passive = _subject_tokens(head.head, depth + 1)
        return ([], False) if passive else (s, False)
    return [], False


def _agent_tokens(verb) -> list:
    return [o for p, o in _prep_objects(verb) if p == "by"]


def _verb_args(verb, entry_prep: str = "") -> tuple[list, list, str]:
    """(source tokens, target tokens, how) for a verb trigger."""
    subj, passive = _subject_tokens(verb)
    if passive:
        src = _agent_tokens(verb)
        if not src and any(c.dep_ in ("xcomp", "prep") and c.i > verb.i for c in verb.children) and _lemma(verb) in STATIVE_PASSIVES:
            return subj, [], "stative"  # "Vietnam is committed to ...": the subject acts
        return src, subj, "passive"
    targets: list = []
    if entry_prep and entry_prep not in TOPIC_PREPS:
        targets = [o for p, o in _prep_objects(verb, (entry_prep,))]
    if not targets and _lemma(verb) in TRANSFER_VERBS:
        # "offered its troops to Lebanon", "gave Tanzania a grant": the recipient is the target
        targets = _children(verb, ("dative",)) + [o for p, o in _prep_objects(verb, ("to", "for"))]
    if not targets:
        targets = _children(verb, ("dobj", "dative"))
    if not targets:
        targets = [o for p, o in _prep_objects(verb, ("dative",))]
    if not targets:
        for p in TARGET_PREPS:
            objs = [o for pp, o in _prep_objects(verb, (p,)) if not (p in SCENE_PREPS and _scene(o))]
            if objs:
                targets = objs
                break
    return subj, targets, "active"


def _scene(tok) -> bool:
    """A date, a time or a named place: where/when, not whom."""
    return tok.ent_type_ in NON_ACTOR_ENTS or tok.ent_type_ == "GPE" and tok.head.lower_ in ("in", "at")


def _noun_args(noun) -> tuple[list, list, bool]:
    """(source tokens, target tokens, reciprocal) for an event noun."""
    slot = noun
    while slot.dep_ == "conj" and slot.head.i != slot.i and _is_nominal(slot.head):
        slot = slot.head  # "air and artillery strikes on X": the first conjunct holds the clause links
    src = [c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in NON_ACTOR_ENTS]
    if not src:
        src = [o for p, o in _prep_objects(noun, ("by", "from"))]
    tgt: list = []
    between = [o for p, o in _prep_objects(noun, ("between", "among", "amongst"))]
    if between:
        agent = src or (
            _subject_tokens(slot.head)[0]
            if slot.dep_ in ("dobj", "attr") and _is_verbal(slot.head) and _lemma(slot.head) not in ("hold", "have", "begin", "start", "resume", "renew", "continue", "open", "conduct")
            else []
        )
        if agent:  # "X launched a mediation effort between A and B": X acts on both
            return agent, between, False
        return between, [], True
    holders = [noun] if slot.i == noun.i else [noun, slot]
    for p in NOUN_TARGET_PREPS:
        if p == "by":
            continue
        objs = [o for h in holders for pp, o in _prep_objects(h, (p,)) if not (p in SCENE_PREPS and _scene(o))]
        if objs:
            tgt = objs
            break
    if not src and slot.dep_ in ("dobj", "attr", "oprd") and _is_verbal(slot.head):
        s, passive = _subject_tokens(slot.head)
        if not passive:
            src = s
    if not src and slot.dep_ == "pobj" and slot.head.dep_ == "prep" and _is_verbal(slot.head.head):
        # "went on strike", "engaged in talks with"
        s, passive = _subject_tokens(slot.head.head)
        if not passive:
            src = s
    if not src and slot.dep_ == "nsubjpass":  # "talks were held by X"
        src = _agent_tokens(slot.head)
    if not tgt and slot.dep_ in ("dobj", "attr") and _is_verbal(slot.head):
        # "gave a warm welcome to X", "launched an attack against X": the light verb holds the target
        head = slot.head
        tgt = _children(head, ("dative",))
        for p in NOUN_TARGET_PREPS:
            if tgt or p == "by":
                break
            tgt = [o for pp, o in _prep_objects(head, (p,)) if not (p in SCENE_PREPS and _scene(o))]
    return src, tgt, False


def _noun_modifier_actor(noun, actors: _Actors) -> list[ActorMention]:
    out = []
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
            for a in actors.by_root.get(c.i, ()):
                out.append(a)
    return out


def _coded(a: ActorMention | None) -> bool:
    """An actor the actor stage placed: a country, or an international body."""
    return a is not None and (bool(a.country) or is_international(a))


# Where a phrase names the other side when no object does: "lifted the curfew in Montenegro",
# "withdraw its troops from Lebanon", "arrived in Amman", "threatened to cut electricity to X".
FALLBACK_PREPS = ("to", "into", "against", "from", "in", "inside", "at", "on", "toward", "towards", "for", "with")
# Of event nouns and named objects, the words that name whom they concern: "North Korea's demand",
# "a U.S. request", "two Russian diplomats", "the withdrawal of Serbian forces", "demands from rebels".
OWNER_DEPS = ("poss", "compound", "amod", "nmod")
OWNER_PREPS = ("of", "from", "by")
# Meetings are at a venue, not with it ("held talks in Geneva"); visits are to a place.
VENUE_ROOTS = {"04"}
VISIT_CODES = {"042", "043"}


def _fallback_targets(c: "_Cand", actors: _Actors, sources: list[ActorMention]) -> tuple[list[ActorMention], str]:
    """A coded target when the object slots gave none.

    In order: an actor named inside the event's own object phrase (a governed event noun or an
    object named by the lexicon entry), then one in a prepositional phrase of the trigger, its
    named object or its complement (PLOVER codes the place of a curfew, visit or deployment as its
    target), then the object of a purpose clause ("staged a strike to demand reforms from X").
    Possessive pronouns inside the phrase refer back to the source and are skipped.
    """
    src_spans = {(s.start, s.end) for s in sources}
    src_countries = {s.country for s in sources if s.country}

    def keep(ms: list[ActorMention]) -> list[ActorMention]:
        out = []
        for m in ms:
            if not _coded(m) or (m.start, m.end) in src_spans or any(m.start == o.start for o in out):
                continue
            if (m.kind == "pronoun" or m.resolved_from == "pronoun" or _possessive_pronoun(m, actors)) and (
                m.country in src_countries or not src_countries
            ):
                continue
            out.append(m)
        return out

    chain = [c]
    while chain[-1].complement is not None and len(chain) < 4:
        chain.append(chain[-1].complement)
    code = chain[0].cameo
    holders = []  # the event's object phrases: governed event nouns and lexicon-named objects
    for cc in chain:
        if cc is not c and (cc.kind == "noun" or (cc.kind == "gov" and _is_nominal(cc.token))):
            holders.append(cc.token)  # "rejected North Korea's demand", "agreed to US mediation"
        if cc.entry_objects:
            holders += [
                t for t in cc.token.children
                if t.dep_ in ("dobj", "nsubjpass", "attr") and (t.lemma_.lower() in cc.entry_objects or t.lower_ in cc.entry_objects)
            ]
    if c.kind == "noun" or (c.kind == "gov" and c.complement is None and _is_nominal(c.token)):
        # "the invasion of South Lebanon", "a suspension of air links with Serbia"
        ofs = [o for p, o in _prep_objects(c.token, ("of",))]
        found = keep([a for o in ofs for a in actors.for_token(o)])
        if found:
            return found, "of-object"
        holders += ofs
    venue = ontology.root(code) in VENUE_ROOTS and code not in VISIT_CODES
    for h in holders:
        found = keep([a for m in h.children if m.dep_ in OWNER_DEPS and m.i < h.i for a in actors.for_token(m)])
        for p in OWNER_PREPS + FALLBACK_PREPS:
            if found:
                break
            if venue and p in SCENE_PREPS | {"inside"}:
                continue  # "held talks in Geneva"
            for pp, o in _prep_objects(h, (p,)):
                found = found or keep(actors.for_token(o))
        if found:
            return found, "object phrase"
    if venue:
        return [], ""
    verbs = [cc.token for cc in chain if _is_verbal(cc.token)]

    def at(o) -> list[ActorMention]:
        got = actors.for_token(o)
        if not any(_coded(a) for a in got):
            p = actors.place_of(o)
            got = [p] if p is not None else got
        return got

    # "the curfew imposed in Sudan": a participle on the object says where
    participles = [a for h in holders for a in h.children if a.dep_ == "acl" and a.tag_ == "VBN"]
    for v in verbs + holders + participles:
        for p in FALLBACK_PREPS:
            for pp, o in _prep_objects(v, (p,)):  # the first phrase that names someone: "in Tel Aviv in the ... uprising"
                found = keep(at(o))
                if found:
                    return found, f"prep {p}"
    for cc in chain:
        # "said that the US must be ready to mediate": whoever is asked to act
        if cc.gov_cls in ("request", "appeal") or (cc.kind == "gov" and cc.cameo[:2] == "10"):
            for cl in _children(cc.token, ("ccomp",)):
                found = keep([a for t in _subject_tokens(cl)[0] for a in actors.for_token(t)])
                if found:
                    return found, "addressee"
    for v in verbs:
        for cl in v.children:
            if cl.dep_ in ("advcl", "xcomp") and _is_verbal(cl) and any(m.dep_ == "aux" and m.lower_ == "to" for m in cl.children):
                objs = _children(cl, ("dobj",)) + [o for p, o in _prep_objects(cl, ("to", "against", "from", "with", "on"))]
                found = keep([a for o in objs for a in actors.for_token(o)])
                if found:
                    return found, "purpose clause"
    for v in verbs + [cc.token.head for cc in chain if not _is_verbal(cc.token) and _is_verbal(cc.token.head)]:
        # "threatened to strike unless Israel rescinded ...": the one who must comply is threatened
        for cl in v.children:
            if cl.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in cl.children):
                found = keep([a for t in _subject_tokens(cl)[0] for a in actors.for_token(t)])
                if found:
                    return found, "condition"
    return [], ""


POSSESSIVE_WORDS = frozenset("its their his her our".split())
CONTEXT_KINDS = ("place", "state")  # mentions that say where a sentence happens
REFLEXIVE_WORDS = frozenset("itself themselves himself herself ourselves myself yourself yourselves".split())
QUANTITY_WORDS = frozenset("thousands hundreds dozens scores millions tens thousand hundred dozen score million".split())
PRONOUN_WORDS = POSSESSIVE_WORDS | frozenset("it they he she we i you them him who whom which that this those these".split())


def _context_countries(
    sources: list[ActorMention], targets: list[ActorMention], sent, actors: _Actors
) -> tuple[list[ActorMention], list[ActorMention]]:
    """Domestic actors the actor stage could not place take the country the sentence is about.

    News names a country once and leaves its people unplaced: "Turkish police prevented the
    demonstration by students", "Nicaragua's government ordered the newspaper La Prensa to ...",
    "refugees fleeing the civil war in Liberia".  An unplaced person, group or organisation takes the
    one country named as a place in the sentence, else the country of the other side.  Pronouns,
    international bodies and bare non-agentive words ("gunfire", "a loophole") are left alone.
    """
    def needs(m: ActorMention | None, bare_ok: bool) -> bool:
        if m is None or _coded(m) or m.kind in ("pronoun", "place") or m.resolved_from == "pronoun":
            return False
        if m.text.lower().split()[:1] and m.text.lower().split()[0] in PRONOUN_WORDS and len(m.text.split()) == 1:
            return False
        if m.resolved_from == "unresolved":
            return bare_ok
        # a role or sector says the mention is part of a country's politics ("the judge", "rebels",
        # "the interior minister"); a bare name ("Cavel", a company) may be from anywhere
        return bool(m.sector)

    def share(side: list[ActorMention]) -> list[ActorMention]:
        # "Israeli helicopters and tanks": a coordination shares its one country
        countries = {m.country for m in side if m.country}
        if len(countries) != 1 or len(side) < 2:
            return side
        country = next(iter(countries))
        return [
            dataclasses.replace(m, country=country, code=country + (m.sector or ""), resolved_from=f"{m.resolved_from}+coordination")
            if needs(m, True) and _placed(m) else m
            for m in side
        ]

    sources, targets = share(sources), share(targets)
    if not any(needs(m, False) for m in sources) and not any(needs(m, True) for m in targets):
        return sources, targets
    places = {
        a.country
        for roots in actors.by_root.values()
        for a in roots
        if a.kind in CONTEXT_KINDS and a.country and sent.start_char <= a.start < sent.end_char
    }

    def place(m: ActorMention, same: list[ActorMention], other: list[ActorMention]) -> ActorMention:
        siblings = {o.country for o in same if o is not m and o.country}
        if len(siblings) == 1:  # "Israeli helicopters and tanks": the coordination shares its country
            country = next(iter(siblings))
        elif len(places) == 1:
            country = next(iter(places))
        else:
            others = {o.country for o in other if o is not None and o.country}
            if len(others) != 1:
                return m
            country = next(iter(others))
        return dataclasses.replace(
            m, country=country, code=country + (m.sector or ""), resolved_from=f"{m.resolved_from or 'phrase'}+context",
            confidence=min(m.confidence or 0.4, 0.4),
        )

    new_sources = [place(m, sources, targets) if needs(m, False) else m for m in sources]
    new_targets = [place(m, targets, sources) if needs(m, True) else m for m in targets]
    return new_sources, new_targets


def _bare_pronoun(m: ActorMention | None) -> bool:
    """A subject pronoun the actor stage could not resolve to anyone coded."""
    return m is not None and not _coded(m) and m.text.lower() in ("he", "she", "it", "they", "we")


def _possessive_pronoun(m: ActorMention, actors: _Actors) -> bool:
    words = m.text.lower().split()
    return bool(words) and words[0] in POSSESSIVE_WORDS and (len(words) == 1 or m.resolved_from == "pronoun")


# --------------------------------------------------------------------------- main


def _trigger_span(doc, toks: list) -> tuple[str, int, int]:
    toks = sorted({t.i: t for t in toks if t is not None}.values(), key=lambda t: t.i)
    first, last = toks[0], toks[-1]
    if last.i - first.i > 5:
        toks = [t for t in toks if t.i <= first.i + 5]
        last = toks[-1]
    text = " ".join(t.text for t in toks) if len(toks) > 1 and last.i - first.i + 1 != len(toks) else doc[first.i : last.i + 1].text
    return text, first.idx, last.idx + len(last.text)


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 20:
        tok = tok.head
        d += 1
    return d


def _speech_ancestor(tok, speech: dict[int, Governor]):
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


def _sentence_events(sent, si: int, doc, actors: _Actors, lex: Lexicon, section: str, article_id: str) -> list[Event]:
    cands: dict[int, _Cand] = {}
    govs: dict[int, Governor] = {}
    speech: dict[int, Governor] = {}
    consumed_nouns: set[int] = set()

    for tok in sent:
        lemma = _lemma(tok, lex)
        if _is_verbal(tok) and tok.dep_ not in ("amod", "compound"):
            g = _governor(tok, lemma, "verb", lex)
            if g is not None:
                if g.cls == "speech":
                    speech[tok.i] = g
                else:
                    govs[tok.i] = g
            entries = lex.verbs.get(lemma)
            if entries:
                e = _match_verb(tok, entries, actors.tokens)
                if e is not None and e.cameo == NO_EVENT:
                    e = None
                    govs.pop(tok.i, None)
                if e is not None and not (g is not None and g.cls != "speech" and not e.objects and _has_complement(tok)):
                    span = [tok] + _children(tok, ("prt",))
                    if e.prep:
                        span += [c for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == e.prep]
                    if e.objects and "@actor" not in e.objects:
                        for c in tok.children:
                            if c.dep_ in ("dobj", "attr", "nsubjpass") and (c.lemma_.lower() in e.objects or c.lower_ in e.objects):
                                consumed_nouns.add(c.i)
                                span.append(c)
                            if c.dep_ == "prep":
                                for o in c.children:
                                    if o.dep_ == "pobj" and o.lemma_.lower() in e.objects:
                                        consumed_nouns.add(o.i)
                    cands[tok.i] = _Cand(
                        tok, e.cameo, e.id, "verb", span, entry_prep=e.prep, plover_override=e.plover or None,
                        entry_objects=e.objects - {"@actor"},
                    )
        elif tok.pos_ == "ADJ":
            g = _governor(tok, lemma, "adj", lex)
            if g is not None:
                govs[tok.i] = g
        if _is_nominal(tok) and tok.i not in cands:
            g = _governor(tok, lemma, "noun", lex)
            if g is not None and g.cls != "speech":
                govs[tok.i] = g
            entries = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
            if entries and g is None:
                e = _match_noun(tok, entries)
                if e is not None:
                    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in e.modifiers]
                    cands[tok.i] = _Cand(tok, e.cameo, e.id, "noun", mods + [tok])

    for i in consumed_nouns:
        c = cands.get(i)
        if c is not None and c.kind == "noun":
            c.consumed = True

    # "X said Y must/should do Z" is X demanding Z of Y (CAMEO 10, PLOVER REQUEST).
    for si_tok in list(speech):
        st = doc[si_tok]
        for cc in st.children:
            if cc.dep_ in ("ccomp",) and _obligation(cc):
                govs[si_tok] = Governor(st.lemma_.lower(), "verb", "request", "100", note="must")
                del speech[si_tok]
                break

    # Governors, innermost first, recode their complement.
    for gi in sorted(govs, key=lambda i: -_depth(doc[i])):
        g = govs[gi]
        gtok = doc[gi]
        if g.cls == "intent" and g.pos == "verb" and g.lemma in OBJECT_CONTROL and _someone_else_acts(gtok):
            # "wants Germany to pay": asking someone else to act is an appeal, not an intent
            g = Governor(g.lemma, g.pos, "appeal", "020", note="object control")
        comp = _complement(gtok, cands, g)
        if comp is None and g.cls == "reject":
            # "declined to comment": refusing to speak (CAMEO 011)
            for ch in gtok.children:
                if ch.dep_ == "xcomp" and ch.i in speech:
                    comp = _Cand(ch, "010", speech[ch.i].id, "speech", [ch])
                    del speech[ch.i]
                    break
        if g.cls == "deny":
            if comp is not None:
                comp.forced_modality = M.REPORTED_DENIAL
                comp.governor = gtok
                continue
        if comp is not None:
            comp.consumed = True
            if g.cls == "cause":  # "ordered the newspaper to suspend publication": the ordered act
                new = _Cand(gtok, comp.cameo, f"{g.id}+{comp.rule}", "gov", [gtok, comp.token], governor=gtok, complement=comp)
            elif g.cls in ("plan",):
                new = _Cand(gtok, comp.cameo, f"{g.id}+{comp.rule}", "gov", [gtok, comp.token], governor=gtok, complement=comp,
                            forced_modality=M.FUTURE)
            elif g.cls == "hypothetical":
                new = _Cand(gtok, comp.cameo, f"{g.id}+{comp.rule}", "gov", [gtok, comp.token], governor=gtok, complement=comp,
                            forced_modality=M.NEGATED if g.lemma == "fail" else M.HYPOTHETICAL)
            else:
                if comp.gov_cls == g.cls:  # "expressed its desire to visit": the inner intent is the more specific
                    code = comp.cameo
                else:
                    code = lex.combine(g.cls, comp.cameo) or comp.cameo
                new = _Cand(gtok, code, f"{g.id}+{comp.rule}", "gov", [gtok, comp.token], governor=gtok, complement=comp)
            if comp.forced_modality and new.forced_modality is None and g.cls in ("plan", "hypothetical"):
                new.forced_modality = comp.forced_modality
            new.gov_cls = g.cls
            cands[gi] = new
        elif g.default_cameo and gi not in cands:
            if g.pos == "noun" and not _noun_licensed(gtok, cands, actors):
                continue
            cands[gi] = _Cand(gtok, g.default_cameo, g.id, "gov", [gtok], governor=gtok, gov_cls=g.cls)

    live = {i: c for i, c in cands.items() if not c.consumed}
    # Nouns need the sentence to make them events (see nouns.tsv header).
    for i, c in list(live.items()):
        if c.kind == "noun" and not _noun_licensed(c.token, cands, actors):
            del live[i]

    # Speech verbs: reported_by for what they report, MAKE STATEMENT when they report nothing coded.
    reported_by_tok: dict[int, object] = {}
    for i in live:
        s = _speech_ancestor(doc[i], speech)
        if s is not None:
            reported_by_tok[i] = s
    according = _according_to(sent)
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
        live[si_tok] = _Cand(stok, g.default_cameo, g.id, "speech", [stok] + _children(stok, ("prt",)))

    events: list[Event] = []
    built: list[tuple[_Cand, list[Event]]] = []
    for i, c in sorted(live.items()):
        evs = _build(c, doc, sent, si, actors, section, article_id, reported_by_tok.get(i), according, speech, lex)
        built.append((c, evs))
        events.extend(evs)
    _protest_targets(built, actors)
    _sports_context(built, sent)
    events = [e for _, evs in built for e in evs]
    # PLOVER: the demands voiced by a protest are its topic, not separate REQUEST events
    protests = [c.token for c, evs in built if any(e.plover_type == "PROTEST" and e.modality == "asserted" for e in evs)]
    for c, evs in built:
        if protests and any(e.plover_type == "REQUEST" for e in evs) and any(p.is_ancestor(c.token) for p in protests):
            for e in evs:
                e.confidence = min(e.confidence, 0.4)
                e.rule += " (protest topic)"
    _demote_uncoded(events)
    return events


# Below the default counting threshold (evaluate.MIN_CONFIDENCE, the CLI's --min-confidence): kept
# and shown, not counted as a fact.
BACKGROUND = 0.5


def _placed(a: ActorMention | None) -> bool:
    """Whether this side is an actor at all: coded by the actor stage (a country, an international
    body or a sector), or a people-like noun ("students", "protesters") the stage left uncoded."""
    if a is None:
        return False
    if a.country or a.sector or a.code:
        return True
    nouns = agent_nouns()
    return any(w in nouns or w.rstrip("s") in nouns or w[:-2] in nouns for w in a.text.lower().split())


def _demote_uncoded(events: list[Event]) -> None:
    """Two precision rules for a sentence's events.

    * An event with no coded actor on either side ("the electricity supply being cut off", "a
      loophole allowed") names no one who acted or was acted on: kept, below the threshold.
    * An event that repeats a fuller event of the same type in the sentence with a side left
      uncoded ("Israeli helicopters and tanks shelled X": the tanks; "arrived in Amman on a visit":
      the visit) is the same event told twice: kept, below the threshold.
    """
    for e in events:
        if e.plover_type and not _placed(e.source) and not _placed(e.target):
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


@lru_cache(maxsize=1)
def _sports_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    def read(name: str) -> list[str]:
        text = resources.files("tidings").joinpath("data", "events", name).read_text(encoding="utf-8")
        return [ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]

    ctx = read("sports_context.txt")
    return (
        frozenset(w for w in ctx if " " not in w),
        frozenset(w for w in ctx if " " in w),
        frozenset(read("sports_triggers.txt")),
    )


def _sports_context(built: list, sent) -> None:
    """Sports results read like conflict ("Federer beat Goffin", "the defending champion"): in a
    sentence with sports vocabulary, events triggered by such words stay below the threshold."""
    words, phrases, triggers = _sports_words()
    low = sent.text.lower()
    if not (any(t.lemma_.lower() in words or t.lower_ in words for t in sent) or any(p in low for p in phrases)):
        return
    for c, evs in built:
        toks = [c.token] + ([c.complement.token] if c.complement is not None else [])
        if not any(_lemma(t) in triggers or t.lower_ in triggers for t in toks):
            continue
        for e in evs:
            if e.confidence > BACKGROUND - 0.1:
                e.confidence = BACKGROUND - 0.1
                e.rule += " +sports context"


def _protest_targets(built: list, actors: _Actors) -> None:
    """A protest is aimed at whom its demands or its cause name: "staged a strike to demand reforms
    by Suharto's government", "in protest against violations by the security forces"."""
    for c, evs in built:
        for k, e in enumerate(evs):
            if e.plover_type != "PROTEST" or (_coded(e.target) and "+target:prep" not in e.rule):
                continue  # a protest's aim names its target better than where it happened
            head = _clause_head(c.token)
            # the aim or cause: purpose clauses and "in protest against/at/over/of" phrases
            zones = [ch for ch in head.children if ch.dep_ in ("advcl", "xcomp") and _is_verbal(ch)]
            zones += [o for p, o in _prep_objects(head, ("against", "over", "at", "in"))]
            zones += [o for p, o in _prep_objects(c.token, ("against", "over", "at", "in"))] if c.token.i != head.i else []
            zones += [o for z in list(zones) if z.lemma_.lower() == "protest" for p, o in _prep_objects(z)]
            found = None
            for z in zones:
                for t in sorted(z.subtree, key=lambda t: t.i):
                    for a in actors.by_root.get(t.i, ()):
                        if _coded(a) and not (e.source is not None and (a.start, a.end) == (e.source.start, e.source.end)):
                            if a.kind == "pronoun" or a.resolved_from == "pronoun" or a.kind == "place":
                                continue
                            found = a
                            break
                    if found:
                        break
                if found:
                    break
            if found is not None:
                evs[k] = dataclasses.replace(e, target=found, rule=e.rule + " +target:protest aim",
                                             confidence=round(min(0.99, e.confidence + 0.05), 3))
            elif e.target is None and e.source is not None and e.source.country:
                # PLOVER: a protest with no named target is aimed at the authorities of the protesters'
                # country; the words that gave the country are the source's
                gov = ActorMention(
                    text=e.source.text, start=e.source.start, end=e.source.end, country=e.source.country,
                    sector="GOV", code=e.source.country + "GOV", kind="state", resolved_from="default:protest",
                    confidence=0.3, section=e.source.section,
                )
                evs[k] = dataclasses.replace(e, target=gov, rule=e.rule + " +target:own government")


def _governor(tok, lemma: str, pos: str, lex: Lexicon) -> Governor | None:
    for g in lex.governors.get((lemma, pos), ()):
        if g.particle and g.particle not in _particle(tok).split() and not any(c.lower_ == g.particle for c in tok.children):
            continue
        if g.prep and not any(c.dep_ in ("prep", "dative") and c.lower_ == g.prep for c in tok.children):
            continue
        return g
    return None


def gtok_clauses(tok) -> list:
    """A governor's clausal complements (verbs), nearest first."""
    out = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and _is_verbal(c)]
    if not out and tok.dep_ in ("acomp",):
        out = [c for c in tok.children if c.dep_ == "xcomp"]
    return out


def _someone_else_acts(gtok) -> bool:
    """'wants Germany to pay' (object or own subject in the complement), not 'wants to pay'."""
    comps = [c for c in gtok.children if c.dep_ in ("xcomp", "ccomp")]
    if not comps:
        return False
    if _children(gtok, ("dobj",)):
        return True
    own = {t.i for t in _children(gtok, ("nsubj",))}
    return any(t.i not in own for c in comps for t in _children(c, ("nsubj",)))


def _obligation(verb) -> bool:
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in ("must", "should"):
            return True
        if c.lemma_ in ("have", "need") and c.dep_ in ("aux", "ROOT") and any(
            g.lower_ == "to" for g in verb.children if g.dep_ == "aux"
        ):
            return True
    return False


def _has_complement(tok) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)


def _complement(gtok, cands: dict[int, _Cand], g: Governor) -> _Cand | None:
    """The event a governor governs: its clausal complement, or an event noun it takes."""
    order = ("xcomp", "ccomp", "acl", "relcl_no", "advcl", "dobj", "nsubjpass", "attr", "prep", "dative", "acomp")
    kids = sorted(gtok.children, key=lambda c: order.index(c.dep_) if c.dep_ in order else 99)
    for c in kids:
        if c.dep_ in ("xcomp", "ccomp", "acl", "advcl"):
            if c.dep_ == "ccomp" and g.cls not in ("threaten", "deny", "intent", "request", "appeal", "plan", "hypothetical"):
                continue
            if c.dep_ == "advcl" and not any(m.lower_ == "to" for m in c.children):
                continue
            hit = _first_cand(c, cands)
            if hit is not None:
                return hit
        elif c.dep_ in ("dobj", "nsubjpass", "attr"):
            hit = cands.get(c.i)
            if hit is not None and not hit.consumed:
                return hit
            # "urged Israel to withdraw" parsed with the clause under the object
            hit = _to_clause_cand(c, cands)
            if hit is not None:
                return hit
        elif c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for", "on", "of", "upon"):
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    hit = cands.get(o.i)
                    if hit is not None and not hit.consumed:
                        return hit
                    hit = _to_clause_cand(o, cands)
                    if hit is not None:
                        return hit
                    if o.tag_ == "VBG" or o.pos_ == "VERB":
                        hit = _first_cand(o, cands)
                        if hit is not None:
                            return hit
        elif c.dep_ == "acomp":  # "is ready to"
            hit = _first_cand(c, cands)
            if hit is not None:
                return hit
    return None


def _to_clause_cand(token, cands):
    """A candidate inside a "to"-infinitive clause that the parser hung under ``token``."""
    for cc in token.children:
        if cc.dep_ in ("acl", "relcl", "xcomp") and any(m.lower_ == "to" for m in cc.children):
            hit = _first_cand(cc, cands)
            if hit is not None:
                return hit
    return None


def _first_cand(tok, cands: dict[int, _Cand]) -> _Cand | None:
    c = cands.get(tok.i)
    if c is not None and not c.consumed:
        return c
    # a light verb whose object is the event: "agreed to hold talks"
    if tok.lemma_.lower() in LIGHT_VERBS or tok.pos_ in ("VERB", "AUX", "ADJ"):
        for ch in tok.children:
            if ch.dep_ in ("dobj", "xcomp", "attr", "acomp"):
                c = cands.get(ch.i)
                if c is not None and not c.consumed:
                    return c
                if ch.dep_ == "xcomp":
                    c = _first_cand(ch, cands)
                    if c is not None:
                        return c
    return None


def _noun_licensed(tok, cands: dict[int, _Cand], actors: _Actors) -> bool:
    if tok.dep_ == "ROOT":
        return True
    if tok.dep_ == "conj" and tok.head.i != tok.i and _is_nominal(tok.head):
        # "launched air and artillery strikes": the first conjunct's place in the clause counts
        first = tok.head
        while first.dep_ == "conj" and first.head.i != first.i and _is_nominal(first.head):
            first = first.head
        if first.i not in cands:
            return _noun_licensed_as(tok, first, cands, actors)
    return _noun_licensed_as(tok, tok, cands, actors)


def _noun_licensed_as(tok, slot, cands: dict[int, _Cand], actors: _Actors) -> bool:
    """Whether noun ``tok`` is an event, judged by the clause position of ``slot``."""
    if slot.dep_ == "ROOT":
        return True
    head = slot.head
    has_own = any(c.dep_ == "poss" for c in tok.children) or any(p == "by" for p, _ in _prep_objects(tok)) or bool(
        _noun_modifier_actor(tok, actors)
    )
    if slot.dep_ in ("dobj", "attr", "oprd") and _is_verbal(head):
        hl = _lemma(head)
        if hl in CANCEL_VERBS:
            return False
        if head.i in cands and not cands[head.i].consumed:
            return has_own
        return hl in LIGHT_VERBS or has_own
    if slot.dep_ == "pobj" and head.dep_ == "prep" and _is_verbal(head.head):
        if _lemma(head.head) in POBJ_LICENSORS and head.lower_ in ("on", "in", "for", "into"):
            return True
        return has_own and head.head.i not in cands
    if slot.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ in ("appos", "conj") and tok.head.i in cands:
        return False
    return has_own and tok.dep_ not in ("pobj", "compound", "amod")


def _according_to(sent):
    for t in sent:
        if t.lower_ == "according":
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            return o
    return None


def _build(c: _Cand, doc, sent, si, actors: _Actors, section, article_id, speech_tok, according, speech, lex) -> list[Event]:
    tok = c.token
    code = c.cameo
    reciprocal = False

    # ---- arguments
    src_t, tgt_t, reciprocal = _arg_tokens(c)
    mod_actors = _noun_modifier_actor(tok, actors) if c.kind == "noun" else []

    sources: list[ActorMention] = []
    for t in src_t:
        sources.extend(actors.for_token(t))
    if not sources and mod_actors:
        sources = mod_actors[:1]
    if c.kind == "noun" and mod_actors and sources and not _known(sources[0]):
        sources = mod_actors[:1]
    if c.kind == "noun" and sources and all(not _coded(a) and a.text.lower() in POSSESSIVE_WORDS for a in sources):
        # "the committee has completed its investigation": an unresolved "its" is the clause's subject
        slot = tok.head if tok.dep_ in ("dobj", "attr") and _is_verbal(tok.head) else None
        subj = [a for t in (_subject_tokens(slot)[0] if slot is not None and not _subject_tokens(slot)[1] else []) for a in actors.for_token(t)]
        if subj and any(_coded(a) for a in subj):
            sources = subj
    targets: list[ActorMention] = []
    for t in tgt_t:
        targets.extend(a for a in actors.for_token(t) if _known(a) or _agentive(t, a))
    # an argument that is the same mention as the source is no target ("X met its delegation")
    targets = [t for t in targets if not any(t.start == s.start and t.end == s.end for s in sources)]
    # "accepted a formula for ending its dispute with ...": a possessive pronoun that points back to
    # the source's own side is not whom the event is aimed at
    own = {s.country for s in sources if s.country}
    targets = [
        t for t in targets
        if not ((_possessive_pronoun(t, actors) or t.text.lower() in REFLEXIVE_WORDS) and (t.country in own or not t.country))
    ]
    if len(sources) >= 2 and (ontology.root(code) in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES):
        # "Israel and Lebanon renewed negotiations on an Israeli troop pullback": the talks are between them
        targets = [t for t in targets if not (t.country and t.country in own)]
    target_note = ""
    if c.kind != "speech" and not any(_coded(t) for t in targets) and not (
        reciprocal or (len(sources) >= 2 and (ontology.root(code) in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES))
    ):
        found, how = _fallback_targets(c, actors, sources)
        if found:
            targets, target_note = found, f" +target:{how}"

    if speech_tok is not None and c.kind != "speech" and any(_bare_pronoun(a) for a in sources):
        # "Annan announced that he will withdraw ...": an unresolved "he" is the speaker
        st, passive = _subject_tokens(speech_tok)
        speakers = [a for t in ([] if passive else st) for a in actors.for_token(t) if _coded(a)]
        if len(speakers) == 1:
            sources = [speakers[0] if _bare_pronoun(a) else a for a in sources]
    if c.kind != "speech":
        sources, targets = _context_countries(sources, targets, sent, actors)

    if not sources and not targets:
        if c.kind in ("noun", "speech"):
            return []
    if code.startswith("15") and len({(a.country or a.text) for a in sources}) >= 2:
        # PLOVER: joint military exercises are COOPERATE (military), single-side ones MOBILIZE
        code = "062"
        c.rule += " +joint→062"
    root = ontology.root(code)
    if not targets and len(sources) >= 2 and (root in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES):
        reciprocal = True
    if reciprocal and len(sources) >= 2 and not targets:
        pairs = [(a, b) for a in sources for b in sources if a is not b]
    else:
        pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]

    # ---- modality
    clause = [tok]
    if c.kind == "noun" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and tok.head.i != tok.i:
        clause.append(tok.head)
    if c.kind == "noun" and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        clause.append(tok.head.head)
    if c.complement is not None:
        clause.append(c.complement.token)
    under_speech = speech_tok is not None
    mod = M.clause_modality(clause, under_speech=under_speech)
    if c.complement is not None and c.kind == "gov":
        # the complement's own auxiliaries don't make the governing act unreal: "agreed that they would meet"
        mod = M.clause_modality([tok], under_speech=under_speech)
        if c.forced_modality:
            mod = M.stronger(mod, c.forced_modality)
    elif c.forced_modality:
        mod = M.stronger(mod, c.forced_modality)
    if _purpose_clause(tok) and not (code[:2] == "14" and c.kind != "gov"):
        # "blocked roads to demand reforms": the aim is not a fact; but "marched to protest" is a protest
        mod = M.stronger(mod, M.HYPOTHETICAL)

    rec = ontology.lookup(code)
    plover, pmode, pctx = rec.plover_type, rec.plover_mode, list(rec.plover_context)
    override = c.plover_override or (c.complement.plover_override if c.complement is not None and c.gov_cls in ("cause", "plan", "hypothetical", "attempt") else None)
    if override:
        plover = override
    rule = c.rule + target_note
    if mod == M.FUTURE and plover in COOP_FUTURE_TO_AGREE:
        new = lex.combine("intent", code)
        if new:
            code = new
            rec = ontology.lookup(code)
            plover, pmode, pctx = rec.plover_type, rec.plover_mode, list(rec.plover_context)
            rule += " +future→AGREE"
            mod = M.ASSERTED
    elif mod == M.FUTURE and plover in ("RETREAT", "CONCEDE") and not _conditional(clause):
        # A promised concession ("will release the hostages") is CAMEO's intent to yield (035x),
        # PLOVER AGREE, as in PLOVER's gold-standard records (the manual's note says CONCEDE).
        new = lex.combine("intent", code)
        if new:
            code = new
            rec = ontology.lookup(code)
            plover, pmode, pctx = rec.plover_type, rec.plover_mode, list(rec.plover_context)
            rule += " +future→AGREE"
            mod = M.ASSERTED
    if mod == M.FUTURE and (rec.quad_class == 4 or plover in ("SANCTION", "RETREAT") or _conditional(clause)):
        # PLOVER: an announced harmful act (ASSAULT + future, or anything "unless ...") is a THREATEN
        new = lex.combine("threaten", code)
        if new:
            code = new
            rec = ontology.lookup(code)
            plover, pmode, pctx = rec.plover_type, rec.plover_mode, list(rec.plover_context)
            rule += " +future→THREATEN"
            mod = M.ASSERTED

    if mod == M.NEGATED and _lemma(tok) in REFUSAL_WHEN_NEGATED and plover in ("AGREE", "CONCEDE", "SUPPORT", "RETREAT", "COOPERATE", "AID", ""):
        # "will not accept refugees", "failed to reach agreement": a refusal (PLOVER REJECT)
        new = lex.combine("reject", code)
        if new:
            code = new
            rec = ontology.lookup(code)
            plover, pmode, pctx = rec.plover_type, rec.plover_mode, list(rec.plover_context)
            rule += " +negated→REJECT"
            mod = M.ASSERTED

    reporter = None
    if speech_tok is not None:
        st, _ = _subject_tokens(speech_tok)
        rs = [a for t in st for a in actors.for_token(t)]
        reporter = rs[0] if rs else None
    elif according is not None and c.kind != "speech":
        rs = actors.for_token(according)
        reporter = rs[0] if rs else None

    trig_text, t0, t1 = _trigger_span(doc, c.span_tokens or [tok])
    base = {"verb": 0.85, "gov": 0.85, "noun": 0.75, "speech": 0.35}[c.kind]
    if code.startswith("01") and c.kind != "speech":
        base = min(base, 0.7)
    base -= _embedding_penalty(tok, c, speech)
    if not c.rule.startswith("tidings:") and ".tsv:" not in c.rule.split(" ")[0] and c.kind == "verb":
        base -= 0.15  # entries from a PETRARCH dictionary: broad synonym sets, less precise than ours
    inanimate = bool(src_t) and all(
        (a is None or not _known(a)) for a in sources
    ) and not any(_agentive(t, None) for t in src_t) and all(t.pos_ == "NOUN" for t in src_t)
    out = []
    for s, t in pairs:
        conf = base
        if inanimate and c.kind != "speech":
            conf = min(conf, 0.45)  # "oil prices retreated", "the storm hit": no political actor
        if not _known(s):
            conf -= 0.1
        if t is None:
            conf -= 0.05
        elif not _known(t):
            conf -= 0.05
        if mod != M.ASSERTED:
            conf -= 0.1
        out.append(
            Event(
                article_id=article_id,
                sentence=sent.text,
                sentence_index=si,
                section=section,
                trigger_text=trig_text,
                trigger_start=t0 - 0,
                trigger_end=t1,
                plover_type=plover,
                cameo_code=code,
                source=s,
                target=t,
                plover_mode=pmode,
                plover_context=pctx,
                goldstein=rec.goldstein,
                quad_class=rec.quad_class,
                modality=mod,
                reported_by=reporter,
                rule=rule,
                confidence=round(max(0.05, min(0.99, conf)), 3),
            )
        )
    return out


# Prepositions that an entry may require but that introduce the topic, not the target ("accuse X of").
TOPIC_PREPS = frozenset("of about over in from under into".split())
# Passive forms that describe the subject's own stance ("is committed to", "is determined to").
STATIVE_PASSIVES = frozenset("commit determine prepare dedicate resolve oblige compel force set oppose".split())
# Nouns for what an actor issues or publishes: "issued a statement condemning ..." is the issuer's act.
STATEMENT_NOUNS = frozenset(
    "statement declaration communique communiqué letter resolution decree message note appeal report memorandum".split()
)
# Verbs that hand something over: their target is the recipient, not the thing handed.
TRANSFER_VERBS = frozenset(
    """offer give send provide deliver pledge promise grant hand sell supply donate contribute extend lend loan
    allocate ship fly airlift distribute return transfer""".split()
)
# Acceptance and yielding words whose negation is a refusal rather than a non-event.
REFUSAL_WHEN_NEGATED = frozenset(
    """accept agree allow permit comply recognize recognise approve endorse reach fail meet release lift grant consent
    end withdraw ease stop halt free return""".split()
)
# Intent verbs that become appeals when someone else is to act ("wants Germany to pay").
OBJECT_CONTROL = frozenset("want wish expect like need".split())
# Verbs after which an infinitive did happen ("managed to reach", "began to withdraw").
IMPLICATIVE = frozenset("manage begin start continue proceed resume go move dare force compel oblige get".split())
# Subordinate clauses that give a lead's background ("after a coup toppled ...", "as police cracked down").
BACKGROUND_MARKS = frozenset("as after while when since because before following".split())
BACKGROUND_CLAUSE_PENALTY = 0.2
PARTICIPIAL_DEPS = {"relcl", "acl", "advcl", "pcomp", "amod"}


def _clause_head(tok):
    if not _is_verbal(tok) and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and _is_verbal(tok.head):
        return tok.head
    if not _is_verbal(tok) and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and _is_verbal(tok.head.head):
        return tok.head.head
    return tok


def _purpose_clause(tok) -> bool:
    """An ungoverned infinitive ("... blocked roads to demand reforms") states an aim, not a fact."""
    v = _clause_head(tok)
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return False
    if v.dep_ not in ("advcl", "xcomp", "acl", "relcl", "ccomp", "conj"):
        return False
    head = v.head
    while v.dep_ == "conj" and head.i != v.i:
        v, head = head, head.head
    return head.lemma_.lower() not in IMPLICATIVE


def _embedding_penalty(tok, c: _Cand, speech: dict) -> float:
    """Events in the main clause first; background in relative or participial clauses last."""
    pen = 0.0
    cur = _clause_head(tok)
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


def _arg_tokens(c: _Cand) -> tuple[list, list, bool]:
    """(source tokens, target tokens, reciprocal) of a candidate, through its complements."""
    tok = c.token
    if c.kind == "noun":
        return _noun_args(tok)
    if _is_verbal(tok):
        src_t, tgt_t, _ = _verb_args(tok, c.entry_prep)
    elif c.kind == "gov" and c.complement is None:
        src_t, tgt_t, _ = _noun_args(tok)
    else:
        src_t, tgt_t, _ = _adj_or_noun_gov_args(tok)
    reciprocal = False
    if c.kind == "speech":
        # a statement's target is whom it was addressed to, not what it was about
        tgt_t = _children(tok, ("dative",)) + [o for p, o in _prep_objects(tok, ("to",))]
        if tok.lemma_.lower() == "tell":
            tgt_t = _children(tok, ("dobj",)) + tgt_t
        return src_t, tgt_t, False
    if c.kind == "verb" and c.entry_objects:
        # "expressed concern to the Council": the named object is part of the trigger, not the target
        tgt_t = [t for t in tgt_t if t.lemma_.lower() not in c.entry_objects and t.lower_ not in c.entry_objects]
        if not tgt_t:
            named = [t for t in tok.children if t.lemma_.lower() in c.entry_objects or t.lower_ in c.entry_objects]
            for holder in [*named, tok]:
                tgt_t = [
                    o
                    for p, o in _prep_objects(holder)
                    if p in TARGET_PREPS and o.lemma_.lower() not in c.entry_objects and not (p in SCENE_PREPS and _scene(o))
                ]
                if tgt_t:
                    break
    comp = c.complement
    if comp is None and c.gov_cls in ("request", "appeal", "deny") and not tgt_t:
        # "demanded that the US cancel ...": whoever is asked to act
        for cl in _children(tok, ("ccomp", "xcomp")):
            tgt_t = [t for t in _subject_tokens(cl)[0] if t.i not in {x.i for x in src_t}]
            if tgt_t:
                break
    if comp is None and c.kind == "gov" and not tgt_t:
        # "offered to hand over to Great Britain two nationals": an uncoded complement still names whom
        for cl in gtok_clauses(tok):
            t2 = _verb_args(cl)[1]
            if t2:
                tgt_t = t2
                break
    if comp is not None:
        ctok = comp.token
        csrc, ct, crec = _arg_tokens(comp)
        if crec and comp.kind == "noun":
            ct, reciprocal = csrc, False
            ct = [o for p, o in _prep_objects(ctok, ("between", "among"))]
        if c.gov_cls in ("appeal", "request", "cause"):
            # the addressee is the target: "urged Israel to ...", else whoever must act
            tgt_t = [t for t in tgt_t if t.i != ctok.i]
            if not tgt_t and c.gov_cls in ("appeal", "request"):
                # "demanded that the US match the EU's support for ...": the one asked to act
                for cl in _children(tok, ("ccomp",)):
                    tgt_t = [t for t in _subject_tokens(cl)[0] if t.i not in {x.i for x in src_t} and t.pos_ != "PRON"]
                    if tgt_t:
                        break
            if not tgt_t and comp.kind != "noun" and _is_verbal(ctok):
                tgt_t = [t for t in _subject_tokens(ctok)[0] if t.i not in {x.i for x in src_t}]
            if not tgt_t:
                tgt_t = ct
        elif ct:
            tgt_t = ct
        if not src_t and csrc and c.gov_cls in ("plan", "hypothetical", "cause", "intent", "attempt"):
            src_t = csrc
        tgt_t = [t for t in tgt_t if t.i != ctok.i] or [t for t in ct if t.i != ctok.i]
    return src_t, tgt_t, reciprocal


def _conditional(clause) -> bool:
    for t in clause:
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                return True
    return False


def _adj_or_noun_gov_args(tok) -> tuple[list, list, str]:
    if tok.pos_ == "ADJ":  # "X is ready to talk": subject of the copula
        head = tok.head if tok.dep_ in ("acomp", "amod") else tok
        subj, passive = _subject_tokens(head) if head.i != tok.i else ([], False)
        if tok.dep_ == "amod":
            subj = [tok.head]
        return subj, [], "adj"
    src, tgt, _ = _noun_args(tok)
    return src, tgt, "noun"


def extract_doc(doc, actors: Sequence[ActorMention], article: Article | None = None, section: str = "body") -> list[Event]:
    lex = lexicon()
    finder = _Actors(doc, [a for a in actors if (a.section or "body") == section], section)
    aid = article.id if article is not None else ""
    events: list[Event] = []
    for si, sent in enumerate(doc.sents):
        events.extend(_sentence_events(sent, si, doc, finder, lex, section, aid))
    return events
