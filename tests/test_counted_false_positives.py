"""Classes of counted events the annotation guide codes no event for, or codes as another type (issue
10, fp5): each test is a sentence written for its class, coded by the rules alone (actor mentions
given, so the actor stage does not decide what is tested)."""

from __future__ import annotations

import pytest

from rules_support import code_with_actors

ACTORS = {
    "Police": "ZAF", "The minister": "IND", "The VHP": "IND", "the government": "IND", "The IMF": "IGO",
    "The board": "IND", "Ramesh": "IND", "The party": "IND", "the state government": "IND", "The union": "ZAF",
    "Kenya": "KEN", "The president": "KEN", "the prisoners": "KEN", "The rebels": "KEN", "the police": "ZAF",
    "two robbers": "ZAF", "two soldiers": "KEN",
}


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def code(nlp, text):
    return code_with_actors(nlp, text, ACTORS, police_sector=True)


def types(events, modality="asserted"):
    return {e.plover_type for e in events if e.modality == modality and e.plover_type}


# --- a warning is a threat only when it says what happens otherwise

@pytest.mark.parametrize("text", [
    "Police warned motorists to stay away from the area.",
    "The IMF warned that the economy could slow down this year.",
    "The minister warned that terrorists may sneak into the city.",
])
def test_a_forecast_or_advice_is_no_threat(nlp, text):
    assert "THREATEN" not in types(code(nlp, text))


@pytest.mark.parametrize("text", [
    "The VHP warned that protests will be held across the country if the government does not act.",
    "The minister warned the state government to act or it would face the consequences.",
    "The VHP warned the government of dire consequences.",
])
def test_a_warning_with_its_otherwise_is_a_threat(nlp, text):
    assert "THREATEN" in types(code(nlp, text))


# --- refusing an answer is no rejection; not allowing is no rejection either (train: 0 of 33 in gold)

@pytest.mark.parametrize("text", [
    "Ramesh refused to elaborate.",
    "The minister declined to divulge details of the plan.",
    "Police refused to disclose the names of the suspects.",
])
def test_refusing_to_answer_is_no_rejection(nlp, text):
    assert "REJECT" not in types(code(nlp, text))


def test_a_refusal_of_an_act_stays_a_rejection(nlp):
    assert "REJECT" in types(code(nlp, "The VHP refused to accept the verdict."))


@pytest.mark.parametrize("text", [
    "The board will not allow any construction on the site.",
    "The government will not permit any rally in the city.",
])
def test_not_allowing_is_no_rejection(nlp, text):
    assert not types(code(nlp, text)) & {"REJECT", "CONCEDE"}


# --- publishing a thing or leaving hospital is no release of people

@pytest.mark.parametrize("text", [
    "The party released its manifesto on Monday.",
    "Police released the recordings on Wednesday.",
    "The injured were released from hospital.",
])
def test_a_published_thing_is_no_release(nlp, text):
    assert "RETREAT" not in types(code(nlp, text))


def test_freed_suspects_stay_a_release(nlp):
    assert "RETREAT" in types(code(nlp, "Police released the suspects on bail."))


# --- word senses: approving funds, crossing out, striking poses, trade

@pytest.mark.parametrize("text", [
    "The government has sanctioned rs 4 crore for the project.",
    "The board will sanction loans to the victims within a week.",
    "The Centre has sanctioned the construction of the bridge.",
])
def test_sanctioned_funds_are_no_sanctions(nlp, text):
    assert "SANCTION" not in types(code(nlp, text)) | types(code(nlp, text), "future")


def test_a_sanctioned_person_stays_a_sanction(nlp):
    assert "SANCTION" in types(code(nlp, "Kenya sanctioned the minister for corruption."))


@pytest.mark.parametrize("text", [
    "The minister has struck off the names from the list.",
    "The party struck tough postures before the vote.",
    "The policies have struck fear in the hearts of the workers.",
    "Kenya exported tea worth millions to the government.",
])
def test_no_attack_or_cooperation_in_these_senses(nlp, text):
    assert not types(code(nlp, text)) & {"ASSAULT", "COOPERATE"}


def test_an_air_strike_stays_an_attack(nlp):
    assert "ASSAULT" in types(code(nlp, "The rebels struck the camp on Sunday."))


# --- a match score places a sentence in sport

@pytest.mark.parametrize("text", [
    "Kenya beat the government 4-0 on Sunday.",
    "The party beat the union 96-87 to take a 3-0 lead in the series.",
])
def test_a_result_with_its_score_is_no_assault(nlp, text):
    evs = code(nlp, text)
    assert all(e.confidence < 0.5 and "sports context" in e.rule for e in evs if e.plover_type == "ASSAULT")


def test_a_span_of_days_is_no_score(nlp):
    evs = code(nlp, "The rebels attacked the camp on 12-14 March.")
    assert any(e.plover_type == "ASSAULT" and "sports" not in e.rule for e in evs)


# --- police firing is COERCE (annotation guide, first round), anyone else's shooting an ASSAULT

def test_shot_by_police_is_coercion(nlp):
    evs = code(nlp, "Two robbers were shot by the police on Monday.")
    assert "COERCE" in types(evs) and "ASSAULT" not in types(evs)
    assert any(e.cameo_code == "175" and "police firing" in e.rule for e in evs)


def test_shooting_by_rebels_stays_an_assault(nlp):
    assert "ASSAULT" in types(code(nlp, "The rebels shot two soldiers on Monday."))


# --- speaking to reporters is a statement, not a meeting

@pytest.mark.parametrize("text", [
    "The minister was briefing the media on Tuesday.",
    "The minister briefed reporters in Pretoria on Tuesday.",
    "The minister addressed his first press conference in the city.",
])
def test_a_press_conference_is_no_meeting(nlp, text):
    assert "CONSULT" not in types(code(nlp, text))


def test_briefing_a_government_stays_a_meeting(nlp):
    assert "CONSULT" in types(code(nlp, "The minister briefed Kenya on the talks."))
