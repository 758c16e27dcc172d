"""Event coding: who did what to whom, in PLOVER and CAMEO, with modality and provenance.

``extract(doc, actors, article, section)`` codes one parsed section; ``configure`` adds
user verb tables (same columns as ``data/events/verbs.tsv``) or PETRARCH verb dictionaries
on top of the built-in lexicon.

One pass per sentence over the spaCy dependency parse (``coder.py``), in these steps:

1. ``triggers.py``: verbs and event nouns the lexicon (``lexicon.py``, ``entries.py``) codes.
   ``senses.py``: uses of a trigger word that code nothing ("the violence hit people", "murder accused X").
2. ``governors.py``: "agreed to", "refused", "urged ... to" recode the event below them.
3. ``speech.py``: "X said Y attacked Z" is Y's act reported by X; a bare speech act is a statement.
   ``candidates.py`` runs steps 1-3 and keeps the candidates the sentence licenses.
4. ``arguments.py``: the source and target tokens; ``mentions.py``: the actor each token stands
   for; ``sides.py``: target fallbacks, context countries, protest targets.
5. ``build.py``: modality (``modality.py``) and the recodings it implies, then one Event per side pair.
6. ``confidence.py``: structural confidence, and the events kept below the counting threshold.
7. ``implicit.py``: the unsaid agent of a passive arrest ("he was arrested": the story's police);
   ``story_sides.py``: a side no table codes ("togadia said") in a one-country story is of that country,
   and a domestic act naming no target ("condemned the carnage") is aimed at it.

The rules only propose: ``decide.py`` (features in ``features.py``) scores each proposal with the
learned model, which may retype it or choose other actors, before place and date are resolved.

Word lists live in ``data/events/words.toml`` (``words.py``); ``syntax.py`` holds the parse helpers.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import ActorMention, Article, Event
from .coder import extract_doc
from .implicit import add_implicit_agents
from .lexicon import lexicon, set_extra
from .story_sides import place_bare_sides


def extract(doc, actors: list[ActorMention], article: Article | None = None, section: str = "body") -> list[Event]:
    """Events of one spaCy Doc (a body or a headline); id, date and location are left empty."""
    events = add_implicit_agents(extract_doc(doc, actors or [], article, section), doc, actors or [], article)
    return place_bare_sides(events, doc, actors or [], article)


def configure(verb_files: Sequence[str] = (), petrarch_verbs: Sequence[str] = ()) -> None:
    """Extra lexicons on top of ours; takes effect for the next extraction."""
    set_extra(verb_files, petrarch_verbs)


__all__ = ["extract", "configure", "lexicon"]
