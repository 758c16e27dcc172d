"""The unsaid agent of passive arrests: the police of the story's country."""

from __future__ import annotations

import io
import json

from tidings.ingest.jsonl import read_jsonl
from tidings.pipeline import code_article


def _code(text: str):
    rec = json.dumps({"id": "x", "text": text, "date": "2024-01-10"})
    (art,) = list(read_jsonl(io.BytesIO(rec.encode()), "x.jsonl", pub_date=None, max_bytes=10**6))
    return code_article(art).events


def test_passive_arrest_gets_the_story_police():
    evs = _code("Riot suspects held By Staff DURBAN, Jan 10 (ANA) - Two men were arrested in Durban on Monday after the riot.")
    (ev,) = [e for e in evs if e.plover_type == "COERCE"]
    assert ev.source.code == "ZAFCOP" and ev.source.resolved_from == "implicit agent"
    assert ev.source.start == ev.source.end == ev.trigger_start  # no words of its own
    assert "+implicit agent" in ev.rule


def test_named_agent_and_active_voice_are_left_alone():
    evs = _code("Riot suspects held By Staff DURBAN, Jan 10 (ANA) - Two men were arrested by soldiers on Monday. "
                "Officers arrested a third man on Tuesday.")
    assert not any(e.source and e.source.resolved_from == "implicit agent" for e in evs)


def test_no_story_country_no_implicit_agent():
    evs = _code("Two men were arrested on Monday after the riot, a spokesman said.")
    assert not any(e.source and e.source.resolved_from == "implicit agent" for e in evs)


def test_passive_curfew_and_its_easing_are_the_civil_authorities():
    evs = _code("This story is from March 3, 2002\n\nahmedabad: curfew was imposed in kadi town on saturday morning "
                "following overnight clashes. curfew was relaxed on monday in some areas of the city. "
                "the police said the situation was calm. the shops opened again.")
    coded = {e.plover_type: e.source for e in evs if e.plover_type in ("COERCE", "CONCEDE")}
    assert coded["COERCE"] is not None and coded["COERCE"].code == "INDGOV"
    assert coded["CONCEDE"] is not None and coded["CONCEDE"].code == "INDGOV"
    assert coded["COERCE"].resolved_from == "implicit agent"
