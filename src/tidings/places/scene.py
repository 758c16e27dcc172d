"""The places a sentence puts something in, whatever its events.

A story tells where things happen once and goes on without repeating it: "police sources said
there was heavy stone-pelting in parts of kadi. a mob attempted to set shops ablaze and was
foiled by the police, who fired 20 rounds". The first sentence's place is the scene of the next
sentence's acts, though no event of its own was placed there. A scene is the object of a
locative preposition (``data/places/locative_prepositions.tsv``, weight 0.7 or more) that is
no reference point ("80 km from Aden"), no modifier ("the Gaza ceasefire"), no actor's name,
and a town, landmark or region of the story's main country the gazetteer knows, or in
lower-cased copy a locality it does not list ("in the amraiwadi area").
"""

from __future__ import annotations

from collections.abc import Sequence

from ..parsed import span_ents
from ..records import ActorMention, Location
from .choose import locality_location
from .gazetteer import find, to_location
from .lowercase import lower_cased, name_phrases
from .sentence import covered_by_actor, governing_phrase, hyphenated, locative_weights

_PLACE_LABELS = ("GPE", "LOC", "FAC")
_SCENE_WEIGHT = 0.7
_RANK = {"place": 0, "locality": 0, "admin1": 1}


def sentence_scene(sent, actors: Sequence[ActorMention], prefer: Sequence[str], regions: bool = True) -> Location | None:
    """The most specific place the sentence puts something in, the first on ties; None if it names none.
    ``regions``: a region counts too (not where a dateline names the town the story was filed from,
    which is more precise than the region it lies in: "violence in gujarat" in a story from Ahmedabad)."""
    if not prefer:
        return None
    weights = locative_weights()
    spans = [(hyphenated(ent), ent.label_ == "FAC", False) for ent in span_ents(sent) if ent.label_ in _PLACE_LABELS]
    if lower_cased(sent):
        spans += [(span, True, unlisted) for span, unlisted in name_phrases(sent, weights)]
    best: tuple[int, int, Location] | None = None
    for span, strict, unlisted in spans:
        phrase = governing_phrase(span.root)
        if (phrase.prep is None or weights.get(phrase.prep.lower_, 0.0) < _SCENE_WEIGHT or phrase.reference
                or phrase.modifier or covered_by_actor(span, actors, lower_cased(sent))):
            continue
        match = find(span.text, prefer, strict=strict)
        if match is not None:
            if match.entry.kind == "country" or match.entry.country != prefer[0]:
                continue
            loc = to_location(match, span.text)
            if loc.precision == "admin1" and not regions:
                continue
        elif unlisted:
            loc = locality_location(span.text, prefer)
        else:
            continue
        key = (_RANK.get(loc.precision, 2), span.start_char)
        if best is None or key < best[:2]:
            best = (*key, loc)
    return best[2] if best else None
