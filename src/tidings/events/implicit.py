"""The agent that news copy leaves unsaid: "he was arrested" is an arrest by the story's police.

Runs after the rules built a section's events and before the model decides: a passive trigger of
one of the acts in ``data/events/implicit_agents.tsv`` with no source and no "by" agent gets the
table's sector of the story's country (the actors stage's :func:`story_country`) as its source.
The mention has no words of its own: its span is empty, at the trigger, and ``resolved_from`` says
"implicit agent", so every such source is visible as inferred.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from importlib import resources

from ..parsed import char_span
from ..records import ActorMention, Article, Event


@lru_cache(maxsize=1)
def implicit_agents() -> dict[str, tuple[str, str]]:
    text = (resources.files("tidings") / "data" / "events" / "implicit_agents.tsv").read_text("utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {r[0].strip(): (r[1].strip(), r[2].strip()) for r in rows[1:]}


def _agent_for(code: str) -> tuple[str, str] | None:
    table = implicit_agents()
    for k in range(len(code), 2, -1):
        if code[:k] in table:
            return table[code[:k]]
    return None


def _passive_without_agent(doc, ev: Event) -> bool:
    span = char_span(doc, ev.trigger_start, ev.trigger_end)
    if span is None or not len(span):
        return False
    tok = span.root
    deps = {c.dep_ for c in tok.children}
    if "agent" in deps:
        return False
    # "was arrested", "were detained"; "the man arrested on Monday" (a reduced relative)
    return bool(deps & {"auxpass", "nsubjpass"}) or (tok.tag_ == "VBN" and tok.dep_ == "acl")


def add_implicit_agents(events: list[Event], doc, actors: list[ActorMention], article: Article | None) -> list[Event]:
    if not any(ev.source is None and ev.plover_type for ev in events):
        return events
    from ..actors.api import lexicon as actor_lexicon
    from ..actors.story import story_country

    section = next((ev.section for ev in events), "body")
    country, _ = story_country(article, actor_lexicon(), actors, doc, section)
    if not country:
        return events
    out = []
    for ev in events:
        agent = _agent_for(ev.cameo_code) if ev.source is None and ev.plover_type else None
        if agent and _passive_without_agent(doc, ev):
            sector, role = agent
            src = ActorMention(text="", start=ev.trigger_start, end=ev.trigger_start, country=country, sector=sector,
                               code=country + sector, role=role, kind="group", resolved_from="implicit agent",
                               confidence=0.5, section=ev.section)
            ev = dataclasses.replace(ev, source=src, rule=f"{ev.rule} +implicit agent")
        out.append(ev)
    return out
