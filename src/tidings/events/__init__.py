"""Event coding: who did what to whom, in PLOVER and CAMEO, with modality and provenance.

``extract(doc, actors, article, section)`` codes one parsed section; ``configure`` adds
user verb tables (same columns as ``data/events/verbs.tsv``) or PETRARCH verb dictionaries
on top of the built-in lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import ActorMention, Article, Event
from . import extract as _extract_module  # loaded first so the function below keeps the name
from .lexicon import lexicon, set_extra


def extract(doc, actors: list[ActorMention], article: Article | None = None, section: str = "body") -> list[Event]:
    """Events of one spaCy Doc (a body or a headline); id, date and location are left empty."""
    return _extract_module.extract_doc(doc, actors or [], article, section)


def configure(verb_files: Sequence[str] = (), petrarch_verbs: Sequence[str] = ()) -> None:
    """Extra lexicons on top of ours; takes effect for the next extraction."""
    set_extra(verb_files, petrarch_verbs)


__all__ = ["extract", "configure", "lexicon"]
