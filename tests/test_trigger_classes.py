"""Trigger classes the coder missed or typed wrongly at the trigger (issue 10, types4): each test is a
sentence written for its class, coded by the rules alone (actor mentions given, so the actor stage
does not decide what is tested)."""

from __future__ import annotations

import pytest

from rules_support import code_with_actors

ACTORS = {
    "the mob": "IND", "Miscreants": "IND", "the rioters": "IND", "Residents": "ZAF", "The board": "IND",
    "The Centre": "IND", "the Allahabad High Court": "IND", "Reddy": "IND", "The RSS": "IND", "Modi": "IND",
    "The ministry": "IND", "the state governments": "IND", "Kenya": "KEN", "Uganda": "UGA", "The court": "IND",
    "The trust": "IND", "Paramhans": "IND", "The Akhara": "IND", "the VHP": "IND", "Abdullah": "IND",
    "Pakistan": "PAK", "Oliphant": "ZAF", "Piebalgs": "IGO", "Sabah": "KWT", "The opposition": "ZWE",
    "The police": "IND", "The administration": "IND", "The lawyers": "IND", "Singh": "IND", "Ansari": "IND",
    "The governor": "IND", "The party": "IND",
}


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def code(nlp, text):
    return code_with_actors(nlp, text, ACTORS)


def types(events, modality="asserted"):
    return {e.plover_type for e in events if e.modality == modality and e.plover_type}


@pytest.mark.parametrize("text", [
    "Miscreants set ablaze a shop on Saturday.",
    "Three shops were set afire by the rioters.",
    "The mob torched two buses near the station.",
    "The mob burnt down his bungalow.",
    "Residents stoned police vehicles on Monday.",
])
def test_arson_and_stoning_by_mobs_is_assault(nlp, text):
    evs = code(nlp, text)
    assert "ASSAULT" in types(evs)
    assert "COERCE" not in types(evs)


def test_a_state_demolition_stays_coercion(nlp):
    assert "COERCE" in types(code(nlp, "The administration demolished the illegal structures."))


def test_signing_an_agreement_is_agree(nlp):
    evs = code(nlp, "Kenya and Uganda signed an agreement on trade.")
    assert "AGREE" in types(evs)
    assert "SUPPORT" not in types(evs)


def test_directing_another_body_to_act_is_a_request(nlp):
    evs = code(nlp, "The ministry has directed the state governments to check the entry of activists.")
    req = [e for e in evs if e.plover_type == "REQUEST"]
    assert req and req[0].source.text == "The ministry"


def test_an_assurance_given_is_agree(nlp):
    evs = code(nlp, "The trust had given Paramhans a written assurance that it would await the verdict.")
    assert "AGREE" in types(evs)


def test_a_clean_chit_is_support(nlp):
    evs = code(nlp, "The RSS on Wednesday gave a clean chit to Modi.")
    sup = [e for e in evs if e.plover_type == "SUPPORT"]
    assert sup and sup[0].target.text == "Modi"


def test_raised_objections_is_accuse(nlp):
    assert "ACCUSE" in types(code(nlp, "Reddy raised objections to the petition of the VHP."))


def test_questioning_standing_or_authority_is_accuse(nlp):
    assert "ACCUSE" in types(code(nlp, "The Akhara on Tuesday questioned the locus standi of the VHP."))
    assert "ACCUSE" in types(code(nlp, "Singh questioned the authority of the VHP to hold the ceremony."))


def test_moving_a_court_is_legal_action_and_announced_it_is_a_threat(nlp):
    now = code(nlp, "The Centre on Wednesday moved the Allahabad High Court seeking a hearing.")
    assert "ACCUSE" in types(now)
    later = code(nlp, "The board said it would move the Supreme Court in a day or two.")
    assert "THREATEN" in types(later)
    assert "ACCUSE" not in types(later)


def test_a_petition_filed_is_legal_action(nlp):
    evs = code(nlp, "A petition was filed in the Supreme Court by The lawyers.")
    assert "ACCUSE" in types(evs)


def test_abiding_by_a_ruling_is_a_concession_and_promised_an_agreement(nlp):
    assert "CONCEDE" in types(code(nlp, "The party abided by the verdict of the court."))
    assert "AGREE" in types(code(nlp, "The board said it would abide by the Supreme Court verdict."))


def test_the_blame_adjectives_are_governors_again(nlp):
    # the rows had their note in the preposition column, so "condemnable" required a preposition
    # no sentence has
    assert "ACCUSE" in types(code(nlp, "The opposition said the killings were condemnable."))
    assert "ACCUSE" in types(code(nlp, "The opposition said the decision was outrageous."))


def test_blame_predicates(nlp):
    assert "ACCUSE" in types(code(nlp, "The opposition said the riots were a conspiracy of the VHP."))


def test_seeking_an_act_is_asking_for_it(nlp):
    evs = code(nlp, "Abdullah has sought UN sanctions against Pakistan for sponsoring terrorism.")
    assert "REQUEST" in types(evs)
    assert "THREATEN" not in types(evs)


def test_a_clause_under_what_is_sought_is_its_purpose(nlp):
    evs = code(nlp, "The governor sought the president's intervention to stop further killings.")
    assert types(evs) == {"REQUEST"}
    evs = code(nlp, "The governor has sought 15 days' time from the commission to submit its report.")
    assert "REQUEST" in types(evs)


def test_sought_to_is_still_an_intent(nlp):
    evs = code(nlp, "Kenya sought to expand ties with Uganda.")
    assert "AGREE" in types(evs)


def test_called_for_a_clause_is_an_appeal(nlp):
    evs = code(nlp, "Oliphant on Friday called for stability to be restored in the platinum sector.")
    assert "REQUEST" in types(evs)


def test_called_on_with_the_addressee_as_object_is_an_appeal(nlp):
    evs = code(nlp, "Piebalgs called on OPEC president Sheik Ahmed Fahd Al Sabah to raise the group's production.")
    assert "REQUEST" in types(evs)
    assert "CONSULT" not in types(evs)


def test_called_on_without_a_clause_is_still_a_visit_or_call(nlp):
    assert "CONSULT" in types(code(nlp, "Singh called on the President on Monday."))
    assert "PROTEST" in types(code(nlp, "The VHP called a bandh on Friday."))


def test_rejections_and_criticism_verbs(nlp):
    assert "REJECT" in types(code(nlp, "The opposition has dismissed the reforms as cosmetic."))
    assert "REJECT" in types(code(nlp, "The opposition brushed aside the criticism."))
    assert "ACCUSE" in types(code(nlp, "The party fumed at the Centre over the delay."))


def test_movement_restrictions_are_coercion(nlp):
    assert "COERCE" in types(code(nlp, "The administration cancelled all passes issued to vehicle owners."))
    assert "COERCE" in types(code(nlp, "The police stopped the procession at the akhara."))


def test_security_arrangements_are_mobilisation(nlp):
    evs = code(nlp, "The administration has made elaborate security arrangements in the town.")
    assert "MOBILIZE" in types(evs)


def test_a_directive_no_one_gives_is_no_request(nlp):
    evs = code(nlp, "The district collectors have been directed to deploy adequate force.")
    assert "REQUEST" not in types(evs)
    assert not types(code(nlp, "It was a point of criticism directed at the ministry."))
