"""The event coder: the stage's steps over each sentence of one parsed document."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import ActorMention, Article, Event
from .build import build_events
from .candidates import sentence_candidates
from .confidence import demote_uncoded, page_furniture, protest_topics, uncoded_context
from .entries import Lexicon
from .lexicon import lexicon
from .mentions import ActorFinder
from .sides import protest_targets


def extract_doc(doc, actors: Sequence[ActorMention], article: Article | None = None, section: str = "body") -> list[Event]:
    lex = lexicon()
    finder = ActorFinder(doc, [a for a in actors if (a.section or "body") == section], section)
    aid = article.id if article is not None else ""
    events: list[Event] = []
    for si, sent in enumerate(doc.sents):
        events.extend(sentence_events(sent, si, doc, finder, lex, section, aid))
    return events


def sentence_events(sent, si: int, doc, actors: ActorFinder, lex: Lexicon, section: str, article_id: str) -> list[Event]:
    live, reporters, according, speech = sentence_candidates(sent, doc, actors, lex)
    built = []
    for i, c in sorted(live.items()):
        built.append((c, build_events(c, doc, sent, si, actors, section, article_id, reporters.get(i), according, speech, lex)))
    protest_targets(built, actors)
    uncoded_context(built, sent)
    events = [e for _, evs in built for e in evs]
    protest_topics(built)
    demote_uncoded(events)
    page_furniture(events, sent)
    return events
