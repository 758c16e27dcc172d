"""The place of each event: where it happened, as the story tells it.

For each event, in order:

1. the place its own sentence ties to the trigger (``precision`` "place", or
   "admin1" / "country" when only a region or a country is named), see
   :mod:`tidings.places.sentence`; for a statement or meeting (verbal act) in a story
   with a dateline, only the trigger's own phrase ("told reporters in Kabul", "met in
   Cairo") or the sentence's scene ("In Mosul, ..."): the other places it names are
   what it is about; a name after "in"/"at" in the trigger's clause that the gazetteer
   does not list ("in Bapunagar") is kept as written (``precision`` "locality") when
   the sentence names no listed place, or names it as the town the quarter lies in;
   names in lower-cased copy are read by :mod:`tidings.places.lowercase`; in a datelined
   story a region of the dateline's country (or, for a statement or meeting, a country) is
   no place of the event: the dateline's town is the more precise; failing a place, a chamber
   of the dateline's town the sentence puts a doing in ("speaking in the rajya sabha, the prime
   minister condemned ...", :func:`tidings.places.venue.sentence_venue`);
1b. the town a local institution acting is named for ("anand police", "Eastern Cape health
   department"): for a material act, or any act in a story without a dateline (a region only then);
   a chamber of the dateline's town acting in its own name sits where it stands ("the lok sabha was
   adjourned", "the assembly adopted the motion" in a story from the state's seat);
1c. for a material act: the place the previous sentence (or the same one) gave another event
   ("in anand, police fired ... . the mobs injured nine policemen"), else the scene its own
   sentence or one of the two before sets, whatever their events (:mod:`tidings.places.scene`:
   "there was heavy stone-pelting in parts of kadi. ... the police fired 20 rounds"; a region
   only in a story without a dateline);
1d. the venue the lead of a datelined story puts its happening in, a chamber or seat of the
   dateline's town ("new delhi: sonia gandhi made a blistering attack on the government in the
   lok sabha ... she demanded ...", :mod:`tidings.places.venue`);
2. the dateline's place (``precision="dateline"``; :func:`dateline_place`: "WARSAW, Poland"
   is Warsaw): statements, meetings and
   anything else the sentence does not place happened where the story was filed;
3. for a material act: the story's place (``text`` is ``None``): the place most of
   the story's other events happened, else the place the story puts most things in;
   for a statement or meeting (verbal act): that story's place when it is a town of the
   speaker's country ("the minister condemned the looting" in a story of arrests in Durban),
   else the speaker's country, since the places a statement talks about are not where it
   was made.

Never the target's country by default: an attack on the German consulate in an
Afghan city happened in Afghanistan, and a strike whose place the story does not
tell has no place (it is left empty rather than guessed).

Ambiguous names are settled by the story's countries (the dateline's, the
actors', the countries named), then by kind (country, region, city), national
capitals and population.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..parsed import char_span, doc_ents, doc_text
from ..records import ActorMention, Article, Event, Location
from .gazetteer import (country_location, find, gazetteer, lookup_place, normalise_name, seat_legislature,
                        to_location)
from .choose import choose_place_candidate
from .sentence import governing_phrase, locative_weights
from .scene import sentence_scene
from .venue import carry_venue, in_town, lead_venue, sentence_venue

_MATERIAL = {2, 4}  # quad classes done rather than said


def story_countries(doc, article: Article, actors: Sequence[ActorMention]) -> tuple[str, ...]:
    """Countries the story is about, most weight first: the dateline's, the actors', those named."""
    counts: Counter[str] = Counter()
    if article.dateline and article.dateline.place:
        loc = dateline_place(article.dateline.place, ())
        if loc is not None and loc.country:
            counts[loc.country] += 3
    for actor in actors:
        if actor.country:
            counts[actor.country] += 1
    if doc is not None:
        g = gazetteer()
        for ent in doc_ents(doc):
            if ent.label_ == "GPE":
                key = normalise_name(ent.text)
                entry = g.pinned.get(key)
                if entry is None:
                    entry = next((e for e in g.names.get(key, ()) if e.kind == "country"), None)
                if entry is not None and entry.kind == "country":
                    counts[entry.country] += 1
    return tuple(c for c, _ in counts.most_common())


_SHOUTED_TAIL = re.compile(r"\b([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)$")


def dateline_place(place: str, prefer: Sequence[str]) -> Location | None:
    """The town a dateline names: as written ("BEIRUT"), else the town before a comma in the
    country or state after it ("WARSAW, Poland", "SAN JUAN, Puerto Rico", "WESTMINSTER, Calif."),
    or a shouted town that ends it (a byline run into it: "Sofia Papadopoulou ATHENS")."""
    loc = lookup_place(place, prefer)
    if loc is not None or not place.strip():
        return loc
    m = _SHOUTED_TAIL.search(place.strip())
    if m and m.group(1) != place.strip():
        loc = lookup_place(m.group(1), prefer)
        if loc is not None and loc.precision == "place":
            return loc
    town, _, rest = place.partition(",")
    if rest.strip():
        region = lookup_place(rest.strip(), prefer)
        if region is None and not town.isupper():
            return None  # "Lihang, Qani": a byline's names, not a town and its country
        inside = (region.country,) if region is not None and region.country else ()
        loc = lookup_place(town.strip(), (*inside, *prefer))
        if loc is not None and loc.precision == "place":
            return loc
    return None


def _dateline_location(article: Article, prefer: Sequence[str]) -> Location | None:
    place = article.dateline.place if article.dateline else None
    if not place:
        return None
    loc = dateline_place(place, prefer)
    if loc is None:
        return None
    loc.precision = "dateline"
    return loc


_RANK = {"place": 0, "admin1": 1, "country": 2}


def _named_places(doc, actors: Sequence[ActorMention], prefer: Sequence[str]) -> list[Location]:
    """Places the story puts something in ("in Kabul", "at the Kremlin"); "Moscow rejected" is an actor."""
    out = []
    weights = locative_weights()
    for ent in doc_ents(doc) if doc is not None else ():
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        phrase = governing_phrase(ent.root)
        if phrase.prep is None or weights.get(phrase.prep.lower_, 0.0) < 0.7 or phrase.reference or phrase.modifier:
            continue
        if any(a.kind != "place" and a.start <= ent.start_char and ent.end_char <= a.end for a in actors):
            continue
        match = find(ent.text, prefer, strict=ent.label_ == "FAC")
        if match is not None:
            out.append(to_location(match, ent.text))
    return out


def story_place(found: Sequence[Location], named: Sequence[Location]) -> Location | None:
    """The place most events were placed at, else the place named most often; the more specific on ties."""
    for pool in (found, named):
        if not pool:
            continue
        counts: Counter[tuple] = Counter((loc.geonameid, loc.country, loc.precision) for loc in pool)
        first = {}
        for i, loc in enumerate(pool):
            first.setdefault((loc.geonameid, loc.country, loc.precision), (i, loc))
        key = max(counts, key=lambda k: (counts[k], -_RANK.get(k[2], 3), -first[k][0]))
        return replace(first[key][1], text=None)
    return None


_SUB_NATIONAL = {"place", "locality", "admin1"}
_NAME_DEPS = {"compound", "amod", "nmod", "poss", "case"}


def _seat(actor: ActorMention | None, doc, prefer: Sequence[str], dateline: Location | None = None) -> Location | None:
    """The town or region a local institution is named for acted there: "anand police",
    "the maharashtra government", "Eastern Cape health department", "lok sabha deputy speaker";
    a chamber of the dateline's town acting in its own name sat where it stands ("the lok sabha was
    adjourned").
    Only a place within the story's main country, written before the institution's words."""
    if actor is None or actor.kind == "place" or not prefer or doc is None:
        return None
    span = char_span(doc, actor.start, actor.end)
    if span is None:
        return None
    words = [t for t in span if t.pos_ != "DET" and not t.is_punct]
    for n in (3, 2, 1):
        name = words[:n]
        whole = len(words) == n
        if (len(words) < n or (whole and n == 1) or any(t.dep_ not in _NAME_DEPS for t in name[:-1])
                or (not whole and name[-1].dep_ not in _NAME_DEPS)):
            continue  # the place must modify the institution's words that follow it
        text = doc_text(doc)[name[0].idx : name[-1].idx + len(name[-1])]
        match = find(text, prefer, strict=True)
        chamber = seat_legislature(text, dateline) if whole and match is None else None
        if chamber is not None:
            return chamber  # "the assembly adopted the motion" in a story from the state's seat
        if whole and (match is None or match.entry.kind != "landmark" or dateline is None
                      or not in_town(to_location(match, text), dateline)):
            # a chamber of the dateline's town acting in its own name sits where it stands ("new
            # delhi: the lok sabha witnessed uproarious scenes"); elsewhere a seat of power as the
            # subject stands for a government ("The White House condemned"), not a place
            continue
        if match is not None and match.entry.kind != "country" and match.entry.country == prefer[0]:
            return to_location(match, text)
    return None


# How many sentences back a scene carries to a material act: further back the story has moved on.
_SCENE_REACH = 2


def _carry_over(events: Sequence[Event], unplaced: Sequence[Event], doc, actors: Sequence[ActorMention],
                prefer: Sequence[str], regions: bool) -> None:
    """A material act whose sentence names no place happened where the story's previous sentence
    (or another event of its own sentence) put something: "in anand, police fired 31 rounds. the
    mobs injured nine policemen." Only a place within a country carries over: a country named
    before is what the story is about, not where the next thing happened. Failing an event placed
    there, the scene of its own sentence or of the two before (:func:`sentence_scene`: "there was
    heavy stone-pelting in parts of kadi. ... the police, who fired 20 rounds")."""
    placed: dict[tuple[str, int], Location] = {}
    for ev in events:
        if ev.location is not None and ev.location.precision in _SUB_NATIONAL:
            placed.setdefault((ev.section, ev.sentence_index), ev.location)
    sents = list(doc.sents) if doc is not None else []
    scenes: dict[int, Location | None] = {}
    for ev in unplaced:
        if ev.quad_class not in _MATERIAL:
            continue
        loc = placed.get((ev.section, ev.sentence_index)) or placed.get((ev.section, ev.sentence_index - 1))
        for index in range(ev.sentence_index, ev.sentence_index - _SCENE_REACH - 1, -1):
            if loc is not None or not 0 <= index < len(sents):
                break
            if index not in scenes:
                scenes[index] = sentence_scene(sents[index], actors, prefer, regions)
            loc = scenes[index]
        if loc is not None:
            ev.location = replace(loc)


def _broader(loc: Location, dateline: Location, verbal: bool) -> bool:
    """A region of the dateline's country, or for a statement or meeting any country, said where the
    story names the town it was filed from: the town is the more precise ("hit out at the gujarat
    government", "violence in gujarat" from Ahmedabad; "asked pakistan to desist" from Shimla)."""
    if loc.precision == "admin1":
        return loc.country == dateline.country
    return verbal and loc.precision == "country"


def locate(events: list[Event], doc, article: Article, actors: list[ActorMention]) -> None:
    """Sets ``event.location`` on each event in place (see the module docstring for the order)."""
    if not events:
        return
    prefer = story_countries(doc, article, actors)
    dateline = _dateline_location(article, prefer)
    unplaced: list[Event] = []
    for ev in events:
        loc = None
        trigger = char_span(doc, ev.trigger_start, ev.trigger_end)
        if trigger is not None and len(trigger):
            section_actors = [a for a in actors if a.section == ev.section]
            verbal = ev.quad_class is not None and ev.quad_class not in _MATERIAL
            # A statement or meeting in a datelined story was made where the story was filed: a
            # place its sentence names counts only as the trigger's own phrase ("said in Kabul",
            # "met in Cairo") or the sentence's scene, not one it talks about ("condemned the
            # attack at Godhra station", "demanded the dismissal of the government in Gujarat").
            own_only = verbal and dateline is not None
            found = choose_place_candidate(trigger.sent, trigger, section_actors, prefer, verbal, own_only)
            if found and dateline is not None and _broader(found[1], dateline, verbal):
                found = None
            if not found and dateline is not None:
                # a sitting of a chamber of the dateline's town that the sentence tells of
                venue = sentence_venue(trigger.sent, dateline, prefer)
                found = (None, venue) if venue is not None else None
            loc = found[1] if found else _seat(ev.source, doc, prefer, dateline)
            if (not found and loc is not None and dateline is not None and (verbal or loc.precision == "admin1")
                    and not (in_town(loc, dateline) and normalise_name(loc.text or "") == normalise_name(ev.source.text))):
                # a statement is made where the story was filed ("the kanchi seer said", "the gujarat
                # government demanded" in a story from Ahmedabad), and a region's government acts
                # from there too, more precisely than the region; but a chamber of the town acting
                # in its own name sits where it stands ("the lok sabha witnessed uproarious scenes")
                loc = None
        ev.location = loc
        if loc is None:
            unplaced.append(ev)
    if not unplaced:
        return
    _carry_over(events, unplaced, doc, actors, prefer, dateline is None)
    unplaced = [ev for ev in unplaced if ev.location is None]
    venue = lead_venue(doc, dateline, prefer) if unplaced and dateline is not None else None
    if venue is not None:
        carry_venue(venue, unplaced)
        unplaced = [ev for ev in unplaced if ev.location is None]
    if not unplaced:
        return
    story: Location | None = None
    if dateline is None:
        found = [ev.location for ev in events if ev.location is not None]
        story = story_place(found, _named_places(doc, actors, prefer) if not found else [])
    for ev in unplaced:
        if dateline is not None:
            ev.location = replace(dateline)
        elif ev.quad_class in _MATERIAL:
            ev.location = replace(story) if story is not None else None
        elif ev.source is not None and ev.source.country:
            # said where the speaker is: in the town the story is set in, when it is the speaker's
            # country's ("the minister said" in a story of events in Johannesburg), else the country
            local = (story is not None and story.country == ev.source.country
                     and story.precision in ("place", "locality"))
            ev.location = replace(story) if local else country_location(ev.source.country)
