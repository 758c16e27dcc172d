"""Sides named in the sentence that the plain subject/object slots do not reach: the maker of the
thing a reaction is aimed at, the police who report an arrest, a name the parser read as a verb."""

from __future__ import annotations

import pytest

from tidings.pipeline import code_text


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch):
    monkeypatch.setenv("TIDINGS_RULES_ONLY", "1")


def _events(text: str, plover: str):
    return [e for e in code_text(text).events if e.plover_type == plover]


def test_a_rejected_report_is_aimed_at_whoever_filed_it():
    (ev,) = _events("The opposition leader rejected the report filed by the Kenyan government on Monday.", "REJECT")
    assert ev.target is not None and ev.target.country == "KEN"


def test_praise_for_a_stand_is_aimed_at_whoever_took_it():
    (ev,) = _events("The senator praised the stand taken by the French president.", "SUPPORT")
    assert ev.target is not None and ev.target.country == "FRA"


def test_an_object_that_is_itself_an_actor_keeps_its_place():
    (ev,) = _events("Police arrested the men led by the Kenyan rebel commander.", "COERCE")
    assert ev.target is not None and ev.target.text == "the men"


def test_the_police_who_report_an_arrest_made_it():
    (ev,) = _events("Three men were arrested in Nairobi on Tuesday, Kenyan police said.", "COERCE")
    assert ev.source is not None and ev.source.country == "KEN" and ev.source.sector == "COP"


def test_a_police_report_of_a_killing_names_no_killer():
    evs = _events("Three men were killed in Nairobi on Tuesday, Kenyan police said.", "ASSAULT")
    assert evs and all(e.source is None or e.source.sector != "COP" for e in evs)


def test_a_minister_reporting_an_arrest_is_not_its_agent():
    (ev,) = _events("Three men were arrested in Nairobi on Tuesday, the Kenyan foreign minister said.", "COERCE")
    assert ev.source is None or ev.source.sector != "GOV"


def test_a_name_the_parser_read_as_a_verb_is_still_the_target():
    # lower-cased wire text: "modi" is tagged as a verb heading a clause under "demanded"
    (ev,) = _events("ahmedabad: the party leaders on friday demanded the dismissal of the narendra modi government.", "REQUEST")
    assert ev.target is not None and ev.target.country == "IND" and "misparsed name" in ev.rule


def test_the_members_of_a_meeting_are_who_meets():
    evs = _events("A meeting of Kenyan opposition leaders was held in Nairobi on Monday.", "CONSULT")
    # nobody outside the meeting is named: no target from the words (a one-country story's own country
    # is the inferred target, with no words: tidings.events.story_sides.story_target)
    assert evs and all(e.source is not None and e.source.country == "KEN" for e in evs)
    assert all(e.target is None or (e.target.resolved_from == "story target" and e.target.text == "") for e in evs)
