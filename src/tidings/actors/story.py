"""The story's own country: where a story happens, for the people and offices it leaves unplaced.

In order:

* the dateline ("NAIROBI, May 3 (Reuters) -"): its place, or any comma- or slash-separated part of
  it the lexicon or the gazetteer knows ("ENTEBBE, Uganda", "Rome/Lesbos");
* the country named most often as a state or place, when it clearly dominates (twice as often as
  the next, and at least twice);
* one country and no other: local copy often has no dateline and names no state at all, only its
  towns and provinces ("a man was arrested in Kimberley, Northern Cape police said"). Places the
  parser tags and the gazetteer knows count when the name is unambiguous (a province, or a town of
  at least ``context.MIN_POPULATION`` people whose namesakes elsewhere are ten times smaller), and
  so do such places inside an office the parser did not tag ("Mpumalanga police"); the story
  takes their country when every country the story names (actors of any kind included, offices
  placed by a guessed namesake not) is that one. A story naming two countries gets none:
  international news is not forced onto one.

A headline is coded after its body; it takes the body's story country, since a headline alone
rarely names a place.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict

from ..parsed import doc_ents
from ..records import ActorMention, Article
from .context import capitalised_runs, place_country, unambiguous_place
from .knowledge import Lexicon, split

_PLACE_LABELS = ("GPE", "LOC")
_PARTS = re.compile(r"\s*[,/]\s*")

# the body's story country, for its headline: article id -> (country, how); bounded, a miss only
# loses the headline's context
_BODY_STORY: "OrderedDict[str, tuple[str | None, str]]" = OrderedDict()
_BODY_STORY_MAX = 256


def dateline_country(article: Article | None, lex: Lexicon) -> str | None:
    if article is None or not article.dateline or not article.dateline.place:
        return None
    place = article.dateline.place.strip()
    parts = [place] + [p for p in _PARTS.split(place) if p and p != place]
    for i, part in enumerate(parts):
        words = split(part)
        n, entries = lex.lookup(words, 0)
        if i == 0 or n == len(words):  # a part must be a whole name: "New Hampshire", not "New"
            for e in entries:
                if e.type in ("capital", "city", "cname", "cplace") and e.country:
                    return e.country
        placed = place_country(part.title())
        if placed:
            return placed  # "COLOGNE, Germany": a town the gazetteer knows
    return None


def gazetteer_places(doc, seen: set[str] | None = None) -> Counter:
    """Countries of the unambiguous sub-national places the parser tagged in ``doc``, one count per
    distinct name ("Boksburg", "Eastern Cape", "Kimberley"); countries themselves are the lexicon's."""
    from ..places.gazetteer import normalise_name

    out: Counter = Counter()
    seen = set() if seen is None else seen
    for ent in doc_ents(doc) if doc is not None else ():
        if ent.label_ not in _PLACE_LABELS or not ent.text[:1].isupper():
            continue
        key = normalise_name(ent.text)
        if not key or key in seen:
            continue
        seen.add(key)
        found = unambiguous_place(ent.text)
        if found:
            out[found[0]] += 1
    return out


def _placed_offices(mentions: list[ActorMention], seen: set[str]) -> Counter:
    """Countries of the unambiguous places inside offices placed by them ("Mpumalanga police", which
    the parser does not tag a place); "police in Kingston" took a guess among namesakes and counts not."""
    from ..places.gazetteer import normalise_name

    out: Counter = Counter()
    for m in mentions:
        if m.resolved_from != "place" or not m.country:
            continue
        for run in capitalised_runs(m.text):
            if normalise_name(run) in seen:
                continue
            found = unambiguous_place(run)
            if found and found[0] == m.country:
                seen.add(normalise_name(run))
                out[found[0]] += 1
    return out


def _named_countries(mentions: list[ActorMention]) -> set[str]:
    # an office placed by a town took the likeliest namesake: a guess, not a country the story names
    return {m.country for m in mentions if m.country and m.kind != "pronoun" and m.resolved_from != "place"}


def story_country(article: Article | None, lex: Lexicon, mentions: list[ActorMention], doc=None,
                  section: str = "body") -> tuple[str | None, str]:
    """(country, how): how is "dateline", "story" (the dominant country), "story place" (the one
    country of the story's places) or "none"."""
    dl = dateline_country(article, lex)
    if dl:
        return dl, "dateline"
    key = article.id if article is not None and article.id else None
    if section != "body" and key in _BODY_STORY:
        return _BODY_STORY[key]
    found = _from_mentions(mentions, doc)
    if section == "body" and key is not None and doc is not None:
        _BODY_STORY[key] = found
        _BODY_STORY.move_to_end(key)
        while len(_BODY_STORY) > _BODY_STORY_MAX:
            _BODY_STORY.popitem(last=False)
    return found


def _from_mentions(mentions: list[ActorMention], doc) -> tuple[str | None, str]:
    counts = Counter(m.country for m in mentions if m.country and m.kind in ("state", "place") or
                     (m.country and m.resolved_from == "capital"))
    if counts:
        (top, n1), *rest = counts.most_common(2) + [(None, 0)]
        n2 = rest[0][1] if rest else 0
        if n1 >= 2 and n1 >= 2 * n2:
            return top, "story"
    # an office placed by its town ("police in Kingston") took the likeliest of the town's namesakes:
    # the story is placed only by the unambiguous ones
    seen: set[str] = set()
    places = counts + gazetteer_places(doc, seen) + _placed_offices(mentions, seen)
    named = _named_countries(mentions) | set(places)
    if places and len(named) == 1:
        return next(iter(named)), "story place"
    return None, "none"
