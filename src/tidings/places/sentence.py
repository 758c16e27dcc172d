"""The place a sentence gives for one event: candidates ranked by syntax.

Only objects of a locative preposition (``data/places/locative_prepositions.tsv``),
the trigger's own object ("shelled Donetsk") and the town a court is named for ("jailed by
the Mankweng Regional Court", ``data/places/seat_institutions.txt``) are candidates. The object of a
locative preposition under the trigger beats one elsewhere in the sentence; among
places in the same phrase the most specific wins ("the West Bank city of Nablus"
→ Nablus). Names that belong to an actor are not places: "Washington said" (an
actor mention covering the name), "the Ambassador of Kazakhstan to Lebanon", a
bare subject ("Moscow rejected ..."), a possessive ("Syria's position"), a
modifier of a common noun ("a US airstrike"). Nor are reference points ("a
village 20 km north of Aden") or places in a clause about something else ("the
ministry said the attack happened in Kandahar" does not put the statement in
Kandahar).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..attachment import CROSS, STOP, attachment
from ..parsed import char_span, doc_table, span_ents, span_text
from ..records import ActorMention

from ..events.words import word_set
from .gazetteer import DIRECTIONS, data_lines, made_at, place_nouns
from .lowercase import ends_in_locality_noun, lower_cased, name_phrases

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities spaCy mislabels often enough ("in Durban" as ORG) to try when a
# locative preposition governs them; they must then match a gazetteer name exactly.
_LOOSE_LABELS = {"ORG", "PERSON", "NORP"}


_place_nouns = place_nouns


@lru_cache(maxsize=1)
def _place_object_verbs() -> frozenset[str]:
    return frozenset(row[0].strip().lower() for row in data_lines("place_object_verbs.txt"))


@lru_cache(maxsize=1)
def _seat_pattern() -> re.Pattern:
    """"<Town> Magistrate's Court" and the like (``data/places/seat_institutions.txt``)."""
    names = sorted((row[0].strip() for row in data_lines("seat_institutions.txt")), key=len, reverse=True)
    suffix = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"\b(?P<name>(?!The\b)[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){{0,2}})\s+(?:{suffix})\b")


@lru_cache(maxsize=1)
def locative_weights() -> dict[str, float]:
    """How surely each preposition puts its object where a thing happened (``locative_prepositions.tsv``)."""
    return {row[0].strip().lower(): float(row[1]) for row in data_lines("locative_prepositions.tsv")}


# --- choosing the place of an event -------------------------------------------------

@dataclass
class PlaceCandidate:
    start: int  # char offsets into the doc text
    end: int
    text: str
    score: float
    strict: bool  # needs an exact, unambiguous gazetteer match (not tagged as a place)
    modifier: bool = False  # modifies a common noun ("a US airstrike"): a country there is an actor
    bare: bool = False  # the trigger's subject or object, no preposition ("shelled Donetsk")
    place_verb: bool = False  # the trigger's verb usually takes a place ("captured", "entered")
    own: bool = False  # the trigger's own phrase ("said in Kabul", "visited Soweto") or the sentence's scene ("In Mosul, ...")
    locality: bool = False  # a name after "in"/"at" that may be a place the gazetteer does not list ("in Bapunagar")
    prep_i: int | None = None  # token index of the governing preposition
    prep_head_i: int | None = None  # token index of the word that preposition hangs from


def covered_by_actor(span, actors: Sequence[ActorMention], lower: bool = False) -> bool:
    """The name is (the head of) an actor mention: "Washington said", "Syria's army".

    A place inside a longer mention after a preposition ("two journalists in
    Tehran", "Police in Cologne") is still a place: the actor is someone there.
    ``lower``: in lower-cased copy a mention the actor stage could only call a group ("matar
    town") is no one's name.
    """
    for a in actors:
        if a.kind == "place" or (lower and a.kind == "group") or not (a.start <= span.start_char and span.end_char <= a.end):
            continue
        inner = char_span(span.doc, a.start, span.start_char)
        if inner is None or not any(t.dep_ == "prep" or t.lower_ in ("in", "at", "from") for t in inner):
            return True
    return False


_DIRECTIONS = DIRECTIONS
# Clauses that tell of another happening: "said the murders were committed in ...",
# "the attack, which was followed by an explosion in Colombo".
_OTHER_EVENT_CLAUSES = {"relcl", "ccomp", "csubj", "parataxis"}


@dataclass
class Phrase:
    prep: object | None  # the governing preposition token, if any
    top: object  # the last token of the noun chain walked up to
    reference: bool  # reached through "X, 80 km west of Y": Y is a reference point
    modifier: bool  # the name modifies a common noun that is no place: "a US airstrike"
    named_as_place: bool = False  # "the city of Jablah", "the province of Al-Raqqa": the text says it is one


def governing_phrase(token) -> Phrase:
    """The preposition whose object phrase contains ``token``, walking up the noun chain.

    Walks through compounds, appositions, conjuncts and "city of"-style place
    nouns, so that "Nablus" in "In the West Bank city of Nablus" is governed by
    "In", while "Kazakhstan" in "the Ambassador of Kazakhstan" stops at "of"
    under a person noun (no preposition).
    """
    current, reference, modifier, named = token, False, False, False
    for _ in range(8):
        dep = current.dep_
        head = current.head
        if head == current:
            break
        if dep in ("compound", "amod", "nmod", "appos", "conj", "npadvmod", "poss") and head.pos_ in ("NOUN", "PROPN"):
            if dep == "compound" and head.ent_type_ == "PERSON":
                break  # "Lebanon Rasul Jumali": part of a person's description
            if dep in ("compound", "amod", "poss") and head.pos_ == "NOUN" and head.lower_ not in _place_nouns():
                modifier = True
            current = head
            continue
        if dep == "pobj" and head.dep_ == "prep":
            if head.lower_ == "of":
                noun = head.head
                if noun.lower_ in _place_nouns() or (noun.pos_ == "PROPN" and noun.ent_type_ in _PLACE_LABELS):
                    if noun.lower_ in _DIRECTIONS and noun.dep_ != "pobj":
                        reference = True  # "Ramadi, west of Baghdad"
                    named = named or noun.lower_ in _place_nouns()
                    current = noun
                    continue
                break
            return Phrase(head, current, reference, modifier, named)
        break
    return Phrase(None, current, reference, modifier, named)


def _governing_preposition(token):
    return governing_phrase(token).prep


def _attachment(token, trigger) -> int:
    """2: inside the trigger's own clause; 1: under the trigger across an adverbial or
    coordinated clause; 0: elsewhere, or inside a clause about something else."""
    def passing(t) -> str | None:
        if t.pos_ not in ("VERB", "AUX"):
            return None
        if t.dep_ in _OTHER_EVENT_CLAUSES:
            return STOP
        return CROSS if t.dep_ in ("advcl", "xcomp", "conj", "acl") else None

    return attachment(token, trigger, passing)


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    return word_set("triggers", "light_verbs")


def _support_verb(root):
    """The verb an event noun is the object or subject of, when it is a light verb ("held a
    meeting", "talks were held"): the verb's phrases tell where the noun's event happened."""
    if root.pos_ != "NOUN" or root.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return None
    head = root.head
    return head if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _light_verbs() else None


@lru_cache(maxsize=1)
def speaking_verbs() -> frozenset[str]:
    """Lemmas of verbs of speaking (``speaking_verbs.txt``): "speaking at patna", "told the assembly"."""
    return frozenset(row[0].strip().lower() for row in data_lines("speaking_verbs.txt"))


def _speaking_at(prep, root) -> bool:
    """"X, speaking at Patna, condemned ...", "told reporters at Goraya, said": the phrase of a
    participle of speaking on the trigger or on its subject is where the statement was made."""
    verb = prep.head
    if prep.lower_ not in ("in", "at") or verb.pos_ != "VERB" or verb.lemma_.lower() not in speaking_verbs() or verb.dep_ not in ("advcl", "acl", "xcomp"):
        return False
    head = verb.head
    return head == root or (head.dep_ in ("nsubj", "nsubjpass") and head.head == root)


def _scene_setting(prep) -> bool:
    """A sentence-opening "In Mosul, ..." sets the scene for every event in the sentence."""
    sent = prep.sent
    return prep.i == sent.start and prep.head == sent.root


_DIRECTIONAL = {"to", "from", "towards", "toward"}


def _directly_after(prep, trigger) -> bool:
    """A directional preposition counts only right after the trigger ("travelled on Monday to Kabul").

    With a noun in between ("met the Ambassador of Kazakhstan to Lebanon") the
    phrase usually describes that noun, whatever the parser attached it to.
    """
    doc = prep.doc
    lo, hi = (trigger.end, prep.i) if prep.i >= trigger.end else (prep.i + 1, trigger.start)
    if prep.i < trigger.start:
        return False
    return not any(t.pos_ in ("NOUN", "PROPN", "PRON") and t.ent_type_ not in ("DATE", "TIME") for t in doc[lo:hi])


def hyphenated(span):
    """The whole of a hyphen-joined name spaCy split ("Mazar" in "Mazar-i-Sharif")."""
    doc, start, end = span.doc, span.start, span.end
    table = doc_table(doc)
    text, toks = table.text, table.tokens
    while (end + 1 < len(toks) and text[end] == "-" and not toks[end - 1].whitespace_
           and not toks[end].whitespace_ and toks[end + 1].is_alpha):
        end += 2
    while (start - 2 >= 0 and text[start - 1] == "-" and not toks[start - 1].whitespace_
           and not toks[start - 2].whitespace_ and toks[start - 2].is_alpha):
        start -= 2
    return doc[start:end]


@lru_cache(maxsize=1)
def _meeting_nouns() -> frozenset[str]:
    """Nouns of meetings (CAMEO 04 in the event nouns table): "talks in Cairo" is where they met."""
    text = resources.files("tidings").joinpath("data", "events", "nouns.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(r[0].strip().lower() for r in rows[1:] if len(r) > 3 and r[3].strip().startswith("04"))


@lru_cache(maxsize=1)
def _meeting_and_agent_nouns() -> frozenset[str]:
    text = resources.files("tidings").joinpath("data", "events", "agent_nouns.txt").read_text(encoding="utf-8")
    agents = {w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(agents) | _meeting_nouns()


def _describes_a_noun(prep, trigger, weights) -> bool:
    """The phrase hangs under a noun that is not itself a place: "praised the ceasefire in Gaza".

    For a statement or meeting such a phrase tells what it was about, not where it was made.
    Not so under a meeting noun ("hosted Safadi for talks in Cairo") or a person, where the
    parser hangs the verb's own phrase ("met his counterpart Ayman Safadi in Cairo").
    """
    current = prep.head
    for _ in range(16):
        if current == trigger.root or current.i in range(trigger.start, trigger.end):
            return False
        if current.pos_ == "PROPN" or current.ent_type_ == "PERSON":
            return False
        if current.pos_ == "NOUN" and current.lemma_.lower() in _meeting_and_agent_nouns():
            return False
        if current.pos_ in ("NOUN", "PROPN"):
            if not (current.dep_ == "pobj" and weights.get(current.head.lower_, 0.0) > 0):
                return True
        elif current.pos_ in ("VERB", "AUX"):
            return False
        if current.head == current:
            return False
        current = current.head
    return False


def _origin_of_a_person(anchor, trigger_root) -> bool:
    """The phrase tells where a named person is from: "X, 28, of Kafr Tsurif", "a man from Hebron"."""
    current, via_origin = anchor, False
    for _ in range(16):
        if current == trigger_root or current.head == current:
            return False
        if current.dep_ == "prep" and current.lower_ in ("of", "from"):
            via_origin = True
        if via_origin and current.dep_ in ("nsubj", "nsubjpass") and current.head == trigger_root:
            return current.ent_type_ == "PERSON" or (current.pos_ == "PROPN" and current.ent_type_ == "")
        current = current.head
    return False


def rank_places(sent, trigger, actors: Sequence[ActorMention] = (), verbal: bool = False) -> list[PlaceCandidate]:
    """Place expressions in the sentence, best first, for the event whose trigger span is ``trigger``.

    ``verbal``: the event is said rather than done (a statement, a meeting); then a
    phrase describing a noun ("the ceasefire in Gaza") is what it is about, not its place.
    """
    doc = sent.doc
    weights = locative_weights()
    out: list[PlaceCandidate] = []
    seen: set[tuple[int, int]] = set()

    def consider(span, loose: bool, named: bool = True) -> None:
        span = hyphenated(span)
        if span.text.lower() in _place_nouns():
            return  # "the Capital", "the Valley": a kind of place, not one
        key = (span.start_char, span.end_char)
        if key in seen or (span.start_char < trigger.end_char and trigger.start_char < span.end_char):
            return
        seen.add(key)
        phrase = governing_phrase(span.root)
        prep = phrase.prep
        locative = weights.get(prep.lower_, 0.0) if prep is not None else 0.0
        # "arrested from the gandhi park": where the arrest was made (``data/places/from_place_verbs.txt``)
        arrested_from = prep is not None and prep.head == trigger.root and made_at(prep)
        if arrested_from:
            locative = 1.0
        # "talks at the White House", "a summit in Washington": the object of "in"/"at" is a
        # place even where the actor stage also read the name as a government.
        if locative < 1.0 and covered_by_actor(span, actors):
            return
        if (
            prep is None
            and phrase.top.dep_ in ("dobj", "nsubjpass")
            and phrase.top.head == trigger.root
            and (phrase.top.i in range(span.start, span.end) or phrase.top.lower_ in _place_nouns())
        ):
            locative = 0.5  # "shelled Donetsk", "patrolled the streets of Gaza", "Kabul was attacked"
        if loose and prep is None and span.root.ent_type_ == "PERSON":
            return  # a person's name as subject or object is no place: "captured Kennedy", "Ortega was shot"
        place_verb = prep is None and trigger.root.lemma_.lower() in _place_object_verbs()
        if locative == 0.0:
            # Only objects of a locative preposition and the trigger's own object count:
            # a subject ("Moscow rejected"), a possessive ("Syria's position") or an
            # agent ("condemned by Washington") is an actor, not a place.
            return
        if prep is not None and prep.lower_ in _DIRECTIONAL and not arrested_from and not _directly_after(prep, trigger):
            return  # "the Ambassador of Kazakhstan to Lebanon": a description of a person
        if verbal and prep is not None and not _scene_setting(prep) and _describes_a_noun(prep, trigger, weights):
            return
        anchor = prep if prep is not None else phrase.top
        attach = _attachment(anchor, trigger.root)
        support = _support_verb(trigger.root)
        if attach == 0 and support is not None:
            # "conducted a flag march in sarkhej", "meetings were held at the party office": the
            # verb the event noun is the object or subject of says where it happened
            attach = _attachment(anchor, support)
        if attach == 0 and trigger.root.dep_ in ("advcl", "conj", "xcomp"):
            # "staged an attack in Rwanda, killing six": the participle shares its head's place
            attach = min(_attachment(anchor, trigger.root.head), 1)
        if attach == 0 and not (prep is not None and _scene_setting(prep)):
            return
        if phrase.reference or _origin_of_a_person(anchor, trigger.root):
            return  # "the village 20 km north of Aden", "Moussa Ranimat, 28, of Kafr Tsurif near Hebron"
        distance = min(abs(span.start - trigger.end), abs(trigger.start - span.end))
        score = 3.0 * locative + 1.5 * attach - 0.02 * distance
        # a name the parser took for an organisation is still a place after "the city of"
        # (or as the object of "captured", "entered")
        strict = loose and not (phrase.named_as_place or place_verb)
        own = ((prep.head == trigger.root or (support is not None and prep.head == support) or _scene_setting(prep)
                or _speaking_at(prep, trigger.root))
               if prep is not None else phrase.top.head == trigger.root)
        # a town quarter or village the gazetteer does not list, named where the event happened
        # (one named by its noun, "the astodia chakla area", also across a clause boundary or as the scene)
        quarter = named and lower_cased(sent) and ends_in_locality_noun(span)
        locality = (named and locative >= 1.0 and prep is not None and not phrase.modifier
                    and (attach == 2 or (quarter and (attach == 1 or _scene_setting(prep))))
                    and not covered_by_actor(span, actors, lower_cased(sent)))
        out.append(PlaceCandidate(span.start_char, span.end_char, span.text, score, strict, phrase.modifier,
                                  bare=prep is None, place_verb=place_verb, own=own, locality=locality,
                                  prep_i=prep.i if prep is not None else None,
                                  prep_head_i=prep.head.i if prep is not None else None))

    for ent in span_ents(sent):
        if ent.label_ in _PLACE_LABELS:
            # buildings and landmarks ("the White House") must match a name exactly
            consider(ent, ent.label_ == "FAC")
        elif ent.label_ in _LOOSE_LABELS:
            consider(ent, True, named=False)  # an organisation or a person is no unlisted place
    for m in _seat_pattern().finditer(span_text(sent)):
        # the court's act happened where the court sits, be it subject, agent ("by") or place ("in")
        court = char_span(doc, sent.start_char + m.start(), sent.start_char + m.end())
        start, end = sent.start_char + m.start("name"), sent.start_char + m.end("name")
        if court is None or (start, end) in seen or _attachment(court.root, trigger.root) == 0:
            continue
        seen.add((start, end))
        distance = min(abs(court.start - trigger.end), abs(trigger.start - court.end))
        score = 3.0 + 1.5 * _attachment(court.root, trigger.root) - 0.02 * distance
        out.append(PlaceCandidate(start, end, m["name"], score, strict=False, own=True, locality=True))
    if lower_cased(sent):
        # before the runs of proper nouns, so that on a tie the whole phrase wins ("lok sabha", not "lok")
        for span, unlisted in name_phrases(sent, weights):
            consider(span, True, named=unlisted)
    table = doc_table(doc)
    run: list[int] = []
    for i in [*range(sent.start, sent.end), None]:
        # runs of untagged proper nouns, whole ("Deir Ezzor Governorate"), then each word
        if i is not None and table.pos[i] == "PROPN" and not table.ent[i]:
            run.append(i)
            continue
        if len(run) > 1:
            consider(doc[run[0] : run[-1] + 1], True)
        for word in run:
            consider(doc[word : word + 1], True)
        run = []
    out.sort(key=lambda c: -c.score)
    return out
