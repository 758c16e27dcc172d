"""The venue of a datelined story: where its statements and acts were made.

A story filed from a town may name in its lead the seat or chamber its happening took place in
and go on without repeating it: "new delhi: congress president sonia gandhi made a blistering
attack on the government in the lok sabha ... she demanded that the judicial probe be conducted
by a sitting judge ... she lashed out at the prime minister"; "new delhi: the lok sabha was
adjourned till 4 pm ..."; "new delhi: shiv sena member sanjay nirupam created a flutter in rajya
sabha". Every later event the story does not place happened there, not merely somewhere in the
town the story was filed from.

The venue is a landmark of the dateline's town (``data/places/landmarks.tsv``: its GeoNames
town is the dateline's) that the story's first sentence (after a dateline the parser cut off)
puts its happening in: the object of "in"/"at" under a verb or a name, not under a common noun
it describes. It is carried to every event of the story the story's own words do not place
(which a story of a sitting keeps to the end: a stricter reach, ending the venue at the first
event placed elsewhere, lost more events the coders put in the chamber than it saved).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..parsed import doc_text
from ..records import Event, Location
from .gazetteer import find, to_location
from .sentence import governing_phrase, locative_weights

# The longest landmark name the lead is read for, in words ("the Great Hall of the People").
_LONGEST = 6
# A first "sentence" shorter than this is the dateline the parser cut off ("new delhi:"), not the lead.
_LEAD_WORDS = 6


def in_town(loc: Location, dateline: Location) -> bool:
    """A landmark of the dateline's town ("the lok sabha" in a story from New Delhi): it carries
    the town's GeoNames id under a name of its own."""
    return (loc.precision == "place" and loc.geonameid is not None and loc.geonameid == dateline.geonameid
            and (loc.name or "").casefold() != (dateline.name or "").casefold())


def lead_venue(doc, dateline: Location, prefer: Sequence[str]) -> Location | None:
    """The first landmark of the dateline's town the story's first sentence names, longest name first."""
    sent = next((s for s in doc.sents if sum(not t.is_punct and not t.is_space for t in s) >= _LEAD_WORDS), None)
    if sent is None:
        return None
    words = [t for t in sent]
    for i, first in enumerate(words):
        if first.is_punct or first.is_space:
            continue
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if last.is_punct or last.is_space:
                continue
            text = doc_text(doc)[first.idx : last.idx + len(last)]
            match = find(text, prefer, strict=True)
            if match is None or match.entry.kind != "landmark":
                continue
            loc = to_location(match, text)
            if in_town(loc, dateline) and _where_it_happened(doc[first.i : last.i + 1]):
                return loc
    return None


def _where_it_happened(span) -> bool:
    """The name is where the lead's happening took place: after "in"/"at" under its verb ("made a
    blistering attack on the government in the lok sabha") or its actor's name ("an attack launched
    by sonia gandhi in the lok sabha"), not under a common noun, which it describes ("the
    opposition in the lok sabha", "the bill in rajya sabha"), nor naming someone's seat ("bjp
    rajya sabha mp", "former lok sabha member")."""
    phrase = governing_phrase(span.root)
    prep = phrase.prep
    return (prep is not None and locative_weights().get(prep.lower_, 0.0) >= 1.0 and not phrase.reference
            and not phrase.modifier and prep.head.pos_ in ("VERB", "AUX", "PROPN"))


def carry_venue(venue: Location, unplaced: Sequence[Event]) -> None:
    """Gives each unplaced event of the story's body the venue (those its own words placed keep
    their place: "in rampur, police arrested twenty activists")."""
    for ev in unplaced:
        if ev.section == "body":
            ev.location = replace(venue)
