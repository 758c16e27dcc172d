"""A side the actor stage could not code, in a story about one country, is of that country.

Local copy names its country once, or only in its dateline, and then its people by words no table
holds: "togadia said", "the agitationists blocked the road", "they condemned the arrests". The rules keep such a side as a bare mention (``resolved_from``
"unresolved") with no country. When the story has a country of its own (the actors stage's
:func:`story_country`: the dateline, the country the story names most, or the one country of its
places; a story naming two countries has none), a bare side that can be an actor takes that
country, marked ``unresolved+story`` so every such side is visible as inferred: a name or a
people-like noun (``mentions.agentive``), in lower-cased copy a word no English dictionary knows
(``places.lowercase.is_name``), or a personal pronoun the actor stage left unresolved ("they
condemned the arrests"; ``story_pronouns`` in ``data/events/words.toml``, not "this" or "you").
Its sector stays unknown: the words do not say it. A common noun of cased copy outside the
people-like nouns ("The four occupants", "several intellectuals") is left bare: nothing says it acts.

Runs after the rules built a section's events, with the implicit agents, before the model decides.
"""

from __future__ import annotations

import dataclasses

from ..parsed import char_span
from ..places.lowercase import is_name, lower_cased
from ..records import ActorMention, Article, Event
from .mentions import agentive
from .words import word_set

HOW = "unresolved+story"
STORY_PRONOUNS = word_set("mentions", "story_pronouns")


def _bare(m: ActorMention | None) -> bool:
    if m is None or m.resolved_from != "unresolved" or m.country or m.code or not m.text.strip():
        return False
    return m.kind != "pronoun" or m.text.lower() in STORY_PRONOUNS


def _can_act(doc, m: ActorMention) -> bool:
    if m.kind == "pronoun":
        return True
    span = char_span(doc, m.start, m.end)
    if span is None or not len(span):
        return False
    root = span.root
    if agentive(root, m):
        return True
    # lower-cased copy tags few names: a word no English dictionary knows is one ("togadia said")
    return lower_cased(root.sent) and is_name(root)


def place_bare_sides(events: list[Event], doc, actors: list[ActorMention], article: Article | None) -> list[Event]:
    if not any(_bare(ev.source) or _bare(ev.target) for ev in events):
        return events
    from ..actors.api import lexicon as actor_lexicon
    from ..actors.story import story_country

    section = next((ev.section for ev in events), "body")
    country, _ = story_country(article, actor_lexicon(), actors, doc, section)
    if not country:
        return events

    def place(m: ActorMention | None) -> ActorMention | None:
        if not _bare(m) or not _can_act(doc, m):
            return m
        return dataclasses.replace(m, country=country, code=country + (m.sector or ""), resolved_from=HOW)

    out = []
    for ev in events:
        src, tgt = place(ev.source), place(ev.target)
        if src is not ev.source or tgt is not ev.target:
            ev = dataclasses.replace(ev, source=src, target=tgt)
        out.append(ev)
    return out
