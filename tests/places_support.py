"""Events placed by ``tidings.place.locate`` in a written story with a dateline, for the place tests."""

from __future__ import annotations

from tidings.place import locate
from tidings.records import ActorMention, Article, Dateline, Event


def event_at(text: str, trigger: str, quad: int, index: int, source: ActorMention | None = None) -> Event:
    i = text.index(trigger)
    return Event(
        article_id="a", sentence=text, sentence_index=index, section="body", trigger_text=trigger,
        trigger_start=i, trigger_end=i + len(trigger), plover_type="ACCUSE", cameo_code="111",
        quad_class=quad, source=source,
    )


def places_of(nlp, text: str, triggers: list[tuple[str, int, int]], dateline: str = "New Delhi",
              actors: list[ActorMention] = ()) -> list:
    """The location ``locate`` gives each (trigger, quad class, sentence index) of a story filed from ``dateline``."""
    events = [event_at(text, t, quad, index, source=actors[0] if actors else None) for t, quad, index in triggers]
    art = Article(id="a", body=text, dateline=Dateline(place=dateline), pub_date="2002-03-02")
    locate(events, nlp(text), art, list(actors))
    return [ev.location for ev in events]
