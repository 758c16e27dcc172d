"""Choosing an event's place among its sentence's candidates (:mod:`tidings.places.sentence`).

The best candidate the gazetteer knows wins, near-ties going to the more specific; a bare
name the parser did not call a place must be a large city; "Somalia's capital" is read as
the capital; and when the gazetteer knows none, a name after "in"/"at" in the trigger's
clause is kept as written (a locality: "in Bapunagar"), as it is when it is the more precise:
as close to the trigger as the listed place, or named as lying in it ("in the amraiwadi area of
ahmedabad", "in Grassy Park in Cape Town").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..parsed import char_span
from ..records import ActorMention, Location
from .gazetteer import capital_location, find, to_location
from .lowercase import locality_name
from .sentence import PlaceCandidate, rank_places


# A name the parser did not tag as a place, standing bare as the trigger's object, is
# taken for a place only if it is a large city ("shelled Aleppo"), not "arrested Lincoln".
_BARE_NAME_POPULATION = 1_000_000
_PRECISION_BONUS = {"place": 0.6, "admin1": 0.3, "country": 0.0}


def choose_place_candidate(
    sent, trigger, actors: Sequence[ActorMention], prefer: Sequence[str], verbal: bool = False,
    own_only: bool = False,
) -> tuple[PlaceCandidate, Location] | None:
    """The best place in the sentence that the gazetteer knows; near-ties go to the more specific.
    ``own_only``: only the trigger's own phrase or the sentence's scene (``PlaceCandidate.own``)."""
    best: tuple[float, PlaceCandidate, Location] | None = None
    unlisted: PlaceCandidate | None = None
    for cand in rank_places(sent, trigger, actors, verbal):
        if own_only and not cand.own:
            continue
        match = find(cand.text, prefer, strict=cand.strict)
        if match is None and cand.locality and (unlisted is None or cand.score > unlisted.score):
            unlisted = cand
        if match is None or (cand.modifier and match.entry.kind == "country"):
            continue
        if (cand.strict and cand.bare and not cand.place_verb and match.entry.kind == "city"
                and match.entry.population < _BARE_NAME_POPULATION):
            continue  # "arrested Lincoln", "detained Florence": a name spaCy did not call a place is someone
        loc = to_location(match, cand.text)
        capital = _capital_of(sent.doc, cand, loc)
        loc = capital or loc
        # the capital read from "Sudan's capital" yields to the city the text names beside it
        score = cand.score + _PRECISION_BONUS.get(loc.precision, 0.0) - (0.2 if capital else 0.0)
        if best is None or score > best[0]:
            best = (score, cand, loc)
    if best is None and unlisted is not None and prefer:
        return unlisted, locality_location(unlisted.text, prefer)  # only inside a story's country
    if (best is not None and unlisted is not None and best[2].precision in ("place", "admin1")
            and not (best[1].start < unlisted.end and unlisted.start < best[1].end)
            and (unlisted.score >= best[1].score or _within(sent.doc, unlisted, best[1], best[2]))):
        # "in the amraiwadi area of ahmedabad", "raided a home in Grassy Park in Cape Town": the
        # quarter the text names is where it happened, in the listed town's country
        return unlisted, locality_location(unlisted.text, (best[2].country,) if best[2].country else prefer)
    return (best[1], best[2]) if best else None


def _within(doc, quarter: PlaceCandidate, town: PlaceCandidate, loc: Location) -> bool:
    """The listed town is named as the place the unlisted quarter lies in: both under one
    preposition ("in the X area of Y") or the town's phrase hanging from the quarter ("X in Y")."""
    if loc.precision not in ("place", "admin1") or town.prep_i is None or quarter.prep_i is None:
        return False
    if town.prep_i == quarter.prep_i:
        return quarter.end <= town.start  # the quarter first, then "of Y"
    head = doc[town.prep_head_i]
    return quarter.start <= head.idx < quarter.end


def locality_location(text: str, prefer: Sequence[str]) -> Location:
    """A place the gazetteer does not list ("in Bapunagar", "at Hasnabad station"): its name as written,
    in the story's country, without coordinates (``precision`` "locality")."""
    return Location(name=locality_name(" ".join(text.split())), country=prefer[0], precision="locality", text=text)


def _capital_of(doc, cand: PlaceCandidate, loc: Location) -> Location | None:
    """"Somalia's capital", "the capital of Somalia" name a city: the country's national capital."""
    if loc.precision != "country":
        return None
    span = char_span(doc, cand.start, cand.end)
    if span is None:
        return None
    root = span.root
    head = root.head
    names_capital = (root.dep_ == "poss" and head.lemma_.lower() == "capital") or (
        root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "capital"
    )
    if not names_capital:
        return None
    found = capital_location(loc.country)
    return replace(found, text=cand.text) if found else None


def choose_place(
    sent, trigger, actors: Sequence[ActorMention], prefer: Sequence[str], verbal: bool = False
) -> Location | None:
    found = choose_place_candidate(sent, trigger, actors, prefer, verbal)
    return found[1] if found else None
