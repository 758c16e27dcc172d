"""An event's sides: the source and target mentions its argument tokens stand for.

Coordinated actors ("X and Y agreed") give one event each; symmetric events with a plural side
and no target ("X and Y met") are left for reciprocal pairs.  An argument with no recognised actor
is kept as a bare mention at lower confidence.  When the object slots name no coded actor,
``fallback_targets`` looks, in order, inside the event's own object phrase ("a U.S. request",
"the withdrawal of Serbian forces"), in its prepositional phrases (PLOVER codes the place of a
curfew, visit or deployment as the target; meetings are at a venue, not with it), at the addressee
of a demand, the object of a purpose clause and the subject of an "unless/if" condition.  A protest
is aimed at what it protests ("in protest against X"), else at its own country's government.
Unplaced domestic actors take the country the sentence names (``context_countries``); ethnic groups
the country they live in; a coordination shares its country.
"""

from __future__ import annotations

import dataclasses

from .. import ontology
from ..records import ActorMention
from .arguments import SCENE_PREPS, arg_tokens, subject_tokens
from .mentions import (
    POSSESSIVE_WORDS,
    PRONOUN_WORDS,
    REFLEXIVE_WORDS,
    ActorFinder,
    agentive,
    coded,
    known,
    lower_case_name,
    name_token,
    noun_modifier_actors,
    placed,
    possessive_pronoun,
    pronoun_mention,
)
from .speech import reporter, speaker_for_pronouns
from .syntax import children, clause_head, is_nominal, is_verbal, prep_objects
from .triggers import Cand
from .words import word_set, words

FALLBACK_PREPS = words("targets", "fallback_preps")
# Of event nouns and named objects, the words that name whom they concern: "North Korea's demand",
# "a U.S. request", "two Russian diplomats", "the withdrawal of Serbian forces", "demands from rebels".
OWNER_DEPS = ("poss", "compound", "amod", "nmod")
OWNER_PREPS = words("targets", "owner_preps")
CONDITION_MARKS = word_set("targets", "condition_marks")
VENUE_ROOTS = word_set("codes", "venue_roots")
VISIT_CODES = word_set("codes", "visit_codes")
SYMMETRIC_ROOTS = word_set("codes", "symmetric_roots")
SYMMETRIC_CODES = word_set("codes", "symmetric_codes")
CONTEXT_KINDS = ("place", "state")  # mentions that say where a sentence happens
REPORTED_BY_ACTOR = word_set("targets", "reported_by_actor_roots")  # "was arrested ..., police said"
REPORTING_ACTOR_SECTORS = word_set("targets", "reporting_actor_sectors")


def symmetric(code: str) -> bool:
    """Events that two sides do to each other ("X and Y met", "talks between X and Y")."""
    return ontology.root(code) in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES


def choose_sides(c: Cand, sent, actors: ActorFinder, speech_tok) -> tuple[list[ActorMention], list[ActorMention], str, list, bool]:
    """(sources, targets, note for the rule, source tokens, reciprocal) of a candidate."""
    tok = c.token
    code = c.cameo
    src_t, tgt_t, reciprocal = arg_tokens(c)
    mod_actors = noun_modifier_actors(tok, actors) if c.kind == "noun" else []

    sources: list[ActorMention] = []
    for t in src_t:
        sources.extend(actors.for_token(t))
    if not sources and mod_actors:
        sources = mod_actors[:1]
    if not sources:
        sources = meeting_members(c, actors)
    if c.kind == "noun" and mod_actors and sources and not known(sources[0]):
        sources = mod_actors[:1]
    if c.kind == "noun" and sources and all(not coded(a) and a.text.lower() in POSSESSIVE_WORDS for a in sources):
        # "the committee has completed its investigation": an unresolved "its" is the clause's subject
        slot = tok.head if tok.dep_ in ("dobj", "attr") and is_verbal(tok.head) else None
        subj = [a for t in (subject_tokens(slot)[0] if slot is not None and not subject_tokens(slot)[1] else []) for a in actors.for_token(t)]
        if subj and any(coded(a) for a in subj):
            sources = subj
    targets: list[ActorMention] = []
    # a name in an object slot is the target even when no table codes it ("asked naidu to nominate a
    # candidate"): no fallback looks past it for a coded actor
    named = False
    for t in tgt_t:
        for a in actors.for_token(t):
            if known(a) or agentive(t, a) or lower_case_name(t):
                targets.append(a)
                named = named or (not coded(a) and not pronoun_mention(a) and name_token(t))
    # an argument that is the same mention as the source is no target ("X met its delegation")
    targets = [t for t in targets if not any(t.start == s.start and t.end == s.end for s in sources)]
    # "accepted a formula for ending its dispute with ...": a possessive pronoun that points back to
    # the source's own side is not whom the event is aimed at
    own = {s.country for s in sources if s.country}
    targets = [
        t for t in targets
        if not ((possessive_pronoun(t, actors) or t.text.lower() in REFLEXIVE_WORDS) and (t.country in own or not t.country))
    ]
    if len(sources) >= 2 and symmetric(code):
        # "Israel and Lebanon renewed negotiations on an Israeli troop pullback": the talks are between them
        targets = [t for t in targets if not (t.country and t.country in own)]
    target_note = ""
    if c.kind != "speech" and not named and not any(coded(t) for t in targets) and not (
        reciprocal or (len(sources) >= 2 and symmetric(code))
    ):
        found, how = misparsed_name_target(c, actors, sources), "misparsed name"
        if not found:
            found, how = fallback_targets(c, actors, sources)
        if found:
            targets, target_note = found, f" +target:{how}"

    sources = speaker_for_pronouns(c, sources, speech_tok, actors)
    if not sources and not src_t:
        sources = reporting_agent(c, speech_tok, actors)
    if c.kind != "speech":
        sources, targets = context_countries(sources, targets, sent, actors)
    return sources, targets, target_note, src_t, reciprocal


def meeting_members(c: Cand, actors: ActorFinder) -> list[ActorMention]:
    """Who meets at "a meeting of X": the ones meeting ("an emergency meeting of the party's office
    bearers", "a meeting of seers", "the visit of the minister"), not whom the meeting is with."""
    if ontology.root(c.cameo or "") not in VENUE_ROOTS:
        return []
    nouns = [c.token] if c.kind == "noun" else [
        t for t in c.token.children
        if t.dep_ in ("dobj", "nsubjpass") and (t.lemma_.lower() in c.entry_objects or t.lower_ in c.entry_objects)
    ] if c.entry_objects else []
    return [a for n in nouns for p, o in prep_objects(n, ("of",)) for a in actors.for_token(o) if coded(a) and a.kind != "pronoun"]


MISPARSED_DEPS = ("ccomp", "xcomp", "conj", "relcl", "advcl", "acl")


def misparsed_name_target(c: Cand, actors: ActorFinder, sources: list[ActorMention]) -> list[ActorMention]:
    """A coded actor whose name the parser read as a verb hanging off the trigger or its object
    ("demanded the dismissal of the narendra modi government", "held discussions with chief
    minister narendra modi": "modi" taken for a clause) is the argument the clause stands for."""
    tok = c.token
    holders = [tok] + [o for o in tok.children if o.dep_ in ("dobj", "nsubjpass", "attr", "nsubj") and is_nominal(o)]
    src_spans = {(m.start, m.end) for m in sources}
    for h in holders:
        for cl in h.children:
            if cl.dep_ not in MISPARSED_DEPS or cl.i not in actors.tokens or not cl.tag_.startswith("VB"):
                continue
            named = [a for a in actors.covering(cl) if coded(a) and a.kind != "pronoun" and (a.start, a.end) not in src_spans]
            if named:
                return named[:1]
    return []


def reporting_agent(c: Cand, speech_tok, actors: ActorFinder) -> list[ActorMention]:
    """The police who report an arrest they name no agent for made it: "Two men were arrested in
    Soweto on Wednesday, police said".  Only a passive act of the kind the reporting force does
    itself (arrest, detention) and only a police speaker; anyone else's report names no agent."""
    if speech_tok is None or (c.cameo or "")[:2] not in REPORTED_BY_ACTOR or not is_verbal(c.token):
        return []
    if not subject_tokens(c.token)[1]:
        return []
    by = reporter(c, speech_tok, None, actors)
    return [by] if by is not None and by.sector in REPORTING_ACTOR_SECTORS and by.kind != "pronoun" else []


def fallback_targets(c: Cand, actors: ActorFinder, sources: list[ActorMention]) -> tuple[list[ActorMention], str]:
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
            if not coded(m) or (m.start, m.end) in src_spans or any(m.start == o.start for o in out):
                continue
            if (pronoun_mention(m) or possessive_pronoun(m, actors)) and (
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
        if cc is not c and (cc.kind == "noun" or (cc.kind == "gov" and is_nominal(cc.token))):
            holders.append(cc.token)  # "rejected North Korea's demand", "agreed to US mediation"
        if cc.entry_objects:
            holders += [
                t for t in cc.token.children
                if t.dep_ in ("dobj", "nsubjpass", "attr") and (t.lemma_.lower() in cc.entry_objects or t.lower_ in cc.entry_objects)
            ]
    if c.kind == "noun" or (c.kind == "gov" and c.complement is None and is_nominal(c.token)):
        # "the invasion of South Lebanon", "a suspension of air links with Serbia"
        ofs = [o for p, o in prep_objects(c.token, ("of",))]
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
            for pp, o in prep_objects(h, (p,)):
                found = found or keep(actors.for_token(o))
        if found:
            return found, "object phrase"
    if venue:
        return [], ""
    verbs = [cc.token for cc in chain if is_verbal(cc.token)]

    def at(o) -> list[ActorMention]:
        got = actors.for_token(o)
        if not any(coded(a) for a in got):
            p = actors.place_of(o)
            got = [p] if p is not None else got
        return got

    # "the curfew imposed in Sudan": a participle on the object says where
    participles = [a for h in holders for a in h.children if a.dep_ == "acl" and a.tag_ == "VBN"]
    for v in verbs + holders + participles:
        for p in FALLBACK_PREPS:
            for pp, o in prep_objects(v, (p,)):  # the first phrase that names someone: "in Tel Aviv in the ... uprising"
                found = keep(at(o))
                if found:
                    return found, f"prep {p}"
    for cc in chain:
        # "said that the US must be ready to mediate": whoever is asked to act
        if cc.gov_cls in ("request", "appeal") or (cc.kind == "gov" and cc.cameo[:2] == "10"):
            for cl in children(cc.token, ("ccomp",)):
                found = keep([a for t in subject_tokens(cl)[0] for a in actors.for_token(t)])
                if found:
                    return found, "addressee"
    for v in verbs:
        for cl in v.children:
            if cl.dep_ in ("advcl", "xcomp") and is_verbal(cl) and any(m.dep_ == "aux" and m.lower_ == "to" for m in cl.children):
                objs = children(cl, ("dobj",)) + [o for p, o in prep_objects(cl, ("to", "against", "from", "with", "on"))]
                found = keep([a for o in objs for a in actors.for_token(o)])
                if found:
                    return found, "purpose clause"
    for v in verbs + [cc.token.head for cc in chain if not is_verbal(cc.token) and is_verbal(cc.token.head)]:
        # "threatened to strike unless Israel rescinded ...": the one who must comply is threatened
        for cl in v.children:
            if cl.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in cl.children):
                found = keep([a for t in subject_tokens(cl)[0] for a in actors.for_token(t)])
                if found:
                    return found, "condition"
    return [], ""


def context_countries(
    sources: list[ActorMention], targets: list[ActorMention], sent, actors: ActorFinder
) -> tuple[list[ActorMention], list[ActorMention]]:
    """Domestic actors the actor stage could not place take the country the sentence is about.

    News names a country once and leaves its people unplaced: "Turkish police prevented the
    demonstration by students", "Nicaragua's government ordered the newspaper La Prensa to ...",
    "refugees fleeing the civil war in Liberia".  An unplaced person, group or organisation takes the
    one country named as a place in the sentence, else the country of the other side.  Pronouns,
    international bodies and bare non-agentive words ("gunfire", "a loophole") are left alone.
    """
    def needs(m: ActorMention | None, bare_ok: bool) -> bool:
        if m is None or coded(m) or pronoun_mention(m) or m.kind == "place":
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
            if needs(m, True) and placed(m) else m
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


def protest_targets(built: list, actors: ActorFinder) -> None:
    """A protest is aimed at whom its demands or its cause name: "staged a strike to demand reforms
    by Suharto's government", "in protest against violations by the security forces"."""
    for c, evs in built:
        for k, e in enumerate(evs):
            if e.plover_type != "PROTEST" or (coded(e.target) and "+target:prep" not in e.rule):
                continue  # a protest's aim names its target better than where it happened
            head = clause_head(c.token)
            # the aim or cause: purpose clauses and "in protest against/at/over/of" phrases
            zones = [ch for ch in head.children if ch.dep_ in ("advcl", "xcomp") and is_verbal(ch)]
            zones += [o for p, o in prep_objects(head, ("against", "over", "at", "in"))]
            zones += [o for p, o in prep_objects(c.token, ("against", "over", "at", "in"))] if c.token.i != head.i else []
            zones += [o for z in list(zones) if z.lemma_.lower() == "protest" for p, o in prep_objects(z)]
            found = None
            for z in zones:
                for t in sorted(z.subtree, key=lambda t: t.i):
                    for a in actors.by_root.get(t.i, ()):
                        if coded(a) and not (e.source is not None and (a.start, a.end) == (e.source.start, e.source.end)):
                            if pronoun_mention(a) or a.kind == "place":
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
