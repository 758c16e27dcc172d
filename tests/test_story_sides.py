"""Sides no table codes take the country of a one-country story (tidings.events.story_sides).

Sentences written for these tests; the rules alone are scored (the model may choose other sides)."""

from __future__ import annotations

import io
import json

import pytest

from tidings.ingest.jsonl import read_jsonl
from tidings.pipeline import code_article


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch):
    monkeypatch.setenv("TIDINGS_RULES_ONLY", "1")


def _events(text: str):
    rec = json.dumps({"id": "story-sides", "text": text, "date": "2024-01-10"})
    (art,) = list(read_jsonl(io.BytesIO(rec.encode()), "x.jsonl", pub_date=None, max_bytes=10**6))
    return code_article(art).events


def _by_trigger(events, word):
    found = [e for e in events if word in e.trigger_text]
    assert found, [e.trigger_text for e in events]
    return found[0]


def test_unresolved_personal_pronoun_takes_the_story_country():
    evs = _events("Unrest in the north By Staff LUCKNOW, Jan 10 (PTI) - Later they condemned the arrests.")
    ev = _by_trigger(evs, "condemned")
    assert ev.source is not None and ev.source.text == "they"
    assert ev.source.country == "IND" and ev.source.resolved_from == "unresolved+story"


def test_name_in_lower_cased_copy_takes_the_story_country():
    evs = _events("This story is from March 3, 2002\n\nlucknow: the uttar pradesh police arrested the men on "
                  "saturday. later togadia condemned the arrests by the police.")
    ev = _by_trigger(evs, "condemned")
    assert ev.source is not None and "togadia" in ev.source.text
    assert ev.source.country == "IND" and ev.source.resolved_from == "unresolved+story"


def test_name_as_object_in_lower_cased_copy_is_the_target():
    # the parser reads "naidu" as a common noun; no English dictionary knows it, so it is a name
    evs = _events("This story is from March 3, 2002\n\nlucknow: the uttar pradesh police arrested the men on "
                  "saturday. later the chief minister asked naidu to nominate a candidate.")
    ev = _by_trigger(evs, "asked")
    assert ev.target is not None and "naidu" in ev.target.text
    assert ev.target.country == "IND" and ev.target.resolved_from.endswith("story")


def test_no_story_country_leaves_the_side_bare():
    # two countries named, no dateline: international news is not forced onto one
    evs = _events("This story is from March 3, 2002\n\nofficials of france and germany met in brussels on the "
                  "budget. later the agitationists condemned the arrests.")
    ev = _by_trigger(evs, "condemned")
    assert ev.source is not None and ev.source.text == "the agitationists"
    assert ev.source.country is None and ev.source.resolved_from == "unresolved"


def test_a_noun_neither_name_nor_people_word_in_cased_copy_stays_bare():
    evs = _events("Unrest in the capital By Staff NAIROBI, Jan 10 (Reuters) - Police arrested 20 students on "
                  "Monday. The arrests were condemned by the agitationists.")
    ev = _by_trigger(evs, "condemned")
    assert ev.source is not None and ev.source.text == "the agitationists" and ev.source.country is None


def test_demonstratives_and_things_are_not_placed():
    evs = _events("Unrest in the capital By Staff NAIROBI, Jan 10 (Reuters) - This angered the opposition leaders. "
                  "The budget hurt the farmers.")
    assert not any(side is not None and side.resolved_from == "unresolved+story"
                   and side.text.lower() in ("this", "the budget")
                   for e in evs for side in (e.source, e.target))


def test_an_international_body_keeps_no_country():
    evs = _events("Unrest in the capital By Staff NAIROBI, Jan 10 (Reuters) - An aid agency condemned the "
                  "arrests of the students on Monday.")
    ev = _by_trigger(evs, "condemned")
    assert ev.source is None or ev.source.country is None or not ev.source.resolved_from.endswith("story")


def test_a_statement_speaks_for_its_authors():
    evs = _events("This story is from March 3, 2002\n\nlucknow: the uttar pradesh police arrested the men on "
                  "saturday. the resolution also condemned the arrests by the police.")
    ev = _by_trigger(evs, "condemned")
    assert ev.source is not None and ev.source.text == "the resolution"
    assert ev.source.country == "IND" and ev.source.resolved_from == "unresolved+story"


def test_a_domestic_act_naming_no_target_is_aimed_at_the_story_country():
    evs = _events("This story is from March 3, 2002\n\nlucknow: the uttar pradesh police arrested the men on "
                  "saturday. later mr modi condemned the carnage.")
    ev = _by_trigger(evs, "condemned")
    assert ev.target is not None and ev.target.country == "IND" and ev.target.resolved_from == "story target"
    assert ev.target.text == "" and "+target:story target" in ev.rule


def test_no_story_target_in_a_story_about_two_countries():
    evs = _events("This story is from March 3, 2002\n\nofficials of france and germany met in brussels on the "
                  "budget. later the french minister condemned the carnage.")
    ev = _by_trigger(evs, "condemned")
    assert ev.target is None or ev.target.resolved_from != "story target"


def test_forces_deployed_and_alerts_sounded_are_the_story_country_s_own():
    evs = _events("This story is from March 3, 2002\n\nlucknow: the uttar pradesh police arrested the men on "
                  "saturday. a high alert has been sounded in kanpur. three columns staged a flag march in the town.")
    for word in ("alert", "flag march"):
        ev = _by_trigger(evs, word)
        assert ev.source is not None and ev.source.country == "IND" and ev.source.resolved_from == "unresolved+story"
