"""A sentence's candidates: triggers, recoded by their governors, licensed, with their reporters.

Each candidate is one proposed event (a trigger token, its CAMEO code, the rule that proposed it)
before its sides and modality are worked out by ``build.py``.
"""

from __future__ import annotations

from .entries import Governor, Lexicon
from .governors import apply_governors
from .mentions import ActorFinder
from .speech import (
    according_to,
    add_statements,
    appeals_not_coded,
    attacks_while_speaking,
    regrets_as_criticism,
    reported_by,
    speech_as_accusations,
    speech_as_requests,
    warnings_not_threats,
)
from .triggers import Cand, find_triggers, names_own_agent, noun_licensed


def sentence_candidates(
    sent, doc, actors: ActorFinder, lex: Lexicon
) -> tuple[dict[int, Cand], dict[int, object], object, dict[int, Governor]]:
    """(live candidates by token, the speech verb each is reported under, the "according to" source,
    the sentence's speech verbs)."""
    cands, govs, speech = find_triggers(sent, actors, lex)
    appeals_not_coded(doc, govs)
    warnings_not_threats(sent, govs, cands)
    regrets_as_criticism(cands)
    attacks_while_speaking(cands, speech)
    speech_as_requests(doc, speech, govs, cands)
    speech_as_accusations(doc, speech, govs, cands, actors)
    apply_governors(doc, cands, govs, speech, actors, lex)

    live = {i: c for i, c in cands.items() if not c.consumed}
    # Nouns need the sentence to make them events (see nouns.tsv header).
    for i, c in list(live.items()):
        if c.kind == "noun" and not (names_own_agent(c, actors) or noun_licensed(c.token, cands, actors)):
            del live[i]

    reporters = reported_by(doc, live, speech)
    add_statements(doc, live, speech)
    according = according_to(sent) if live else None  # read only for the sentence's events
    return live, reporters, according, speech
