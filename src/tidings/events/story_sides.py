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
people-like nouns ("The four occupants", "several intellectuals") is left bare: nothing says it acts,
unless it is a subject that speaks for its authors ("the resolution condemned", "the meeting took
exception to", "another press release has criticised"; ``speaking_nouns`` and the statement nouns),
or the source of a deployment or alert (``story_source_types``: "three columns staged a flag march",
"a high alert has been sounded"), which is the country's own whatever its words.

Two more sides of such a story take its country:

* a local body or office the tables know by its sector alone ("the parties", "a delegation",
  "Communications Workers Union"), or a name they know with no country, marked ``+story``; sectors
  that need not be the story's (``stateless_sectors``: IGO, NGO, companies) keep none;
* the missing target of a domestic act (``story_target_types``; its source of the story's country)
  whose sentence names whom it is aimed at nowhere: "mr modi condemned the carnage", "police fired
  shots", "curfew was imposed in the kalupur area" are aimed at the country's own people or places.
  The mention has no words (its span is empty, at the trigger) and ``resolved_from`` "story target".

Runs after the rules built a section's events, with the implicit agents, before the model decides.
"""

from __future__ import annotations

import dataclasses

from ..actors.gold_codes import is_international
from ..parsed import char_span
from ..records import ActorMention, Article, Event
from .mentions import agentive, lower_case_name, pronoun_mention
from .words import word_set

HOW = "unresolved+story"
STORY_PRONOUNS = word_set("mentions", "story_pronouns")
STATELESS_SECTORS = word_set("mentions", "stateless_sectors")
SPEAKING_NOUNS = word_set("mentions", "speaking_nouns") | word_set("arguments", "statement_nouns")
SECTOR_HOW = "+story"
STORY_TARGET_TYPES = word_set("mentions", "story_target_types")
STORY_SOURCE_TYPES = word_set("mentions", "story_source_types")
TARGET_HOW = "story target"


def _bare(m: ActorMention | None) -> bool:
    if m is None or m.country or not m.text.strip() or is_international(m):
        return False
    if m.resolved_from != "unresolved":
        # a local body or office the tables know by its sector only: "the parties", "a delegation",
        # "Communications Workers Union", "the district police"
        return m.sector not in STATELESS_SECTORS and not pronoun_mention(m)
    if m.code:
        return False
    return m.kind != "pronoun" or m.text.lower() in STORY_PRONOUNS


def _can_act(doc, m: ActorMention, source: bool) -> bool:
    if m.kind == "pronoun":
        return True
    span = char_span(doc, m.start, m.end)
    if span is None or not len(span):
        return False
    root = span.root
    if source and root.lemma_.lower() in SPEAKING_NOUNS and root.dep_ in ("nsubj", "nsubjpass"):
        return True  # "the resolution condemned the attack": its authors did
    return agentive(root, m) or lower_case_name(root)


def place_bare_sides(events: list[Event], doc, actors: list[ActorMention], article: Article | None) -> list[Event]:
    if not any(_bare(ev.source) or _bare(ev.target) or (ev.target is None and ev.plover_type in STORY_TARGET_TYPES) for ev in events):
        return events
    from ..actors.api import lexicon as actor_lexicon
    from ..actors.story import story_country

    section = next((ev.section for ev in events), "body")
    country, _ = story_country(article, actor_lexicon(), actors, doc, section)
    if not country:
        return events

    def place(m: ActorMention | None, source: bool, own: bool = False) -> ActorMention | None:
        if not _bare(m):
            return m
        if not (own or m.sector and m.resolved_from != "unresolved") and not _can_act(doc, m, source):
            return m
        how = HOW if m.resolved_from == "unresolved" else (m.resolved_from or "") + SECTOR_HOW
        return dataclasses.replace(m, country=country, code=country + (m.sector or ""), resolved_from=how)

    out = []
    for ev in events:
        src, tgt = place(ev.source, True, ev.plover_type in STORY_SOURCE_TYPES), place(ev.target, False)
        if src is not ev.source or tgt is not ev.target:
            ev = dataclasses.replace(ev, source=src, target=tgt)
        out.append(story_target(ev, country))
    return out


def story_target(ev: Event, country: str) -> Event:
    """A domestic act whose sentence names no target is aimed at the story's own country: the words
    that would say whom are not there, so the mention has no span of its own (at the trigger)."""
    if ev.target is not None or ev.plover_type not in STORY_TARGET_TYPES or ev.source is None or ev.source.country != country:
        return ev
    tgt = ActorMention(text="", start=ev.trigger_start, end=ev.trigger_start, country=country, code=country,
                       kind="state", resolved_from=TARGET_HOW, confidence=0.3, section=ev.section)
    return dataclasses.replace(ev, target=tgt, rule=f"{ev.rule} +target:{TARGET_HOW}")
