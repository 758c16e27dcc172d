"""Codes a written sentence with the rules alone and the actor mentions a test gives, so the actor
stage does not decide what a trigger or argument test checks (shared by the trigger-class tests)."""

from __future__ import annotations

import re

from tidings.events import extract
from tidings.records import ActorMention


def code_with_actors(nlp, text: str, actors: dict[str, str], police_sector: bool = False):
    """Every whole-word occurrence of an ``actors`` key becomes a group mention of its country;
    with ``police_sector`` a police mention also gets the COP sector."""
    doc = nlp(text)
    ments = []
    for word, country in actors.items():
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            sector = "COP" if police_sector and "police" in word.lower() else None
            ments.append(ActorMention(text=word, start=m.start(), end=m.end(), name=word, country=country,
                                      code=country, kind="group", resolved_from="test", confidence=0.9,
                                      sector=sector))
    return extract(doc, ments, None, "body")
