"""The venue of a datelined story: where its statements and acts were made.

A story filed from a town may name in its lead the seat or chamber its happening took place in
and go on without repeating it: "new delhi: congress president sonia gandhi made a blistering
attack on the government in the lok sabha ... she demanded that the judicial probe be conducted
by a sitting judge ... she lashed out at the prime minister"; "new delhi: the lok sabha was
adjourned till 4 pm ..."; "new delhi: shiv sena member sanjay nirupam created a flutter in rajya
sabha". Every later event the story does not place happened there, not merely somewhere in the
town the story was filed from.

The venue is a chamber of the dateline's town: a landmark whose GeoNames town is the
dateline's (``data/places/landmarks.tsv``), a state's legislature in its seat ("the gujarat
assembly" from Gandhinagar, ``data/places/state_capitals.tsv``), or, in a story filed from a
state's seat, the legislature a noun names without the state's name ("the state assembly"). The
story's first sentence (after a dateline the parser cut off) must put its happening there: the
object of "in"/"at" under a verb or a name, not under a common noun it describes; or the chamber
sat: it is the lead's subject ("the gujarat legislative assembly on thursday witnessed bedlam") or
the one a speaker addressed ("the minister told the state assembly"). It is carried to every event
of the story the story's own words do not place (which a story of a sitting keeps to the end: a
stricter reach, ending the venue at the first event placed elsewhere, lost more events the coders
put in the chamber than it saved). A later sentence that puts a doing in such a chamber ("speaking
in the rajya sabha, the prime minister condemned ...") places its own events there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..parsed import doc_text
from ..records import Event, Location
from .gazetteer import find, landmark_last_words, normalise_name, seat_legislature, to_location
from .sentence import governing_phrase, locative_weights, speaking_verbs

# The longest landmark name the lead is read for, in words ("the Great Hall of the People").
_LONGEST = 6
# A first "sentence" shorter than this is the dateline the parser cut off ("new delhi:"), not the lead.
_LEAD_WORDS = 6


def in_town(loc: Location, dateline: Location) -> bool:
    """A landmark of the dateline's town ("the lok sabha" in a story from New Delhi): it carries
    the town's GeoNames id under a name of its own."""
    return (loc.precision == "place" and loc.geonameid is not None and loc.geonameid == dateline.geonameid
            and (loc.name or "").casefold() != (dateline.name or "").casefold())


def chambers(sent, dateline: Location, prefer: Sequence[str]):
    """(span, location) for each landmark of the dateline's town the sentence names, longest name
    first at each word: one in the gazetteer ("the lok sabha"), or the legislature of the state whose
    seat the town is ("the state assembly" in a story from Gandhinagar)."""
    doc = sent.doc
    words = list(sent)
    ends = landmark_last_words()
    # a word run can name a chamber only if its key's last word ends one; a word that folds to
    # nothing ("-") leaves the key's last word to an earlier one, so it is not ruled out
    last_words = [normalise_name(t.text).rsplit(" ", 1)[-1] for t in words]
    taken = -1
    for i, first in enumerate(words):
        if first.is_punct or first.is_space or first.i <= taken:
            continue
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if last.is_punct or last.is_space or (last_words[i + n - 1] and last_words[i + n - 1] not in ends):
                continue
            text = doc_text(doc)[first.idx : last.idx + len(last)]
            match = find(text, prefer, strict=True)
            landmark = match is not None and match.entry.kind == "landmark"
            loc = to_location(match, text) if landmark else seat_legislature(text, dateline)
            if loc is not None:
                taken = last.i  # "the bihar assembly" in a story from Gandhinagar is no "assembly" of its own
                if not landmark or in_town(loc, dateline):
                    yield doc[first.i : last.i + 1], loc
                break


def lead_venue(doc, dateline: Location, prefer: Sequence[str]) -> Location | None:
    """The first landmark of the dateline's town the story's first sentence puts its happening in."""
    sent = next((s for s in doc.sents if sum(not t.is_punct and not t.is_space for t in s) >= _LEAD_WORDS), None)
    if sent is None:
        return None
    for span, loc in chambers(sent, dateline, prefer):
        if where_it_happened(span) or _sitting(span):
            return loc
    return None


def sentence_venue(sent, dateline: Location, prefer: Sequence[str]) -> Location | None:
    """The chamber of the dateline's town an event's own sentence puts a doing in ("speaking in the
    lok sabha", "replying in the gujarat assembly to the debate, he said"): a sitting the story tells
    of, where the sentence's statements and acts were made. Not one that describes a noun ("the
    deputy leader in the lok sabha", "the largest party in the vidhan sabha"): that says who someone is."""
    for span, loc in chambers(sent, dateline, prefer):
        phrase = governing_phrase(span.root)
        prep = phrase.prep
        if (prep is not None and prep.lower_ in ("in", "at") and prep.head.pos_ in ("VERB", "AUX")
                and not phrase.reference and not phrase.modifier):
            return loc
    return None


def where_it_happened(span) -> bool:
    """The name is where the lead's happening took place: after "in"/"at" under its verb ("made a
    blistering attack on the government in the lok sabha") or its actor's name ("an attack launched
    by sonia gandhi in the lok sabha"), not under a common noun, which it describes ("the
    opposition in the lok sabha", "the bill in rajya sabha"), nor naming someone's seat ("bjp
    rajya sabha mp", "former lok sabha member")."""
    phrase = governing_phrase(span.root)
    prep = phrase.prep
    return (prep is not None and locative_weights().get(prep.lower_, 0.0) >= 1.0 and not phrase.reference
            and not phrase.modifier and prep.head.pos_ in ("VERB", "AUX", "PROPN"))


def _sitting(span) -> bool:
    """The chamber sat in the lead: its subject ("the lok sabha was adjourned", "the gujarat
    legislative assembly on thursday witnessed bedlam") or the one its speaker addressed ("the
    minister told the state assembly"), not a chamber that names someone's seat ("a lok sabha member")."""
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass"):
        return head == root.sent.root
    return root.dep_ in ("dobj", "dative") and head.pos_ == "VERB" and head.lemma_.lower() in speaking_verbs()


def carry_venue(venue: Location, unplaced: Sequence[Event]) -> None:
    """Gives each unplaced event of the story's body the venue (those its own words placed keep
    their place: "in rampur, police arrested twenty activists")."""
    for ev in unplaced:
        if ev.section == "body":
            ev.location = replace(venue)
