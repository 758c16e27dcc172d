"""Accusations (and disagreements) the rules never proposed (issue 10, accuse5): each test is a sentence
written for its class, coded by the rules alone with the actor mentions given, and checks the type and
who acts on whom."""

from __future__ import annotations

import re

import pytest

from rules_support import code_with_actors

ACTORS = {
    "the Congress": "IND", "the BJP": "IND", "the government": "IND", "Sharma": "IND", "the VHP": "IND",
    "the opposition": "IND", "Verma": "IND", "the trust": "IND", "the ministry": "IND", "the minister": "IND",
    "the council": "ZAF", "the union": "ZAF", "the mayor": "ZAF", "the police": "IND", "the rebels": "COD",
    "the army": "COD", "Smith": "USA", "Jones": "USA", "the board": "IND", "Pakistan": "PAK", "the party": "IND",
}


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def code(nlp, text):
    return code_with_actors(nlp, text, ACTORS)


def accusations(events):
    return [(e.source and e.source.text, e.target and e.target.text)
            for e in events if e.plover_type == "ACCUSE" and e.modality == "asserted"]


@pytest.mark.parametrize("text, source, target", [
    ("Sharma charged the government of shielding the rioters.", "Sharma", "the government"),
    ("Verma even charged the BJP of speaking in two voices on the temple issue.", "Verma", "the BJP"),
    ("Sharma charged the minister of being hand in glove with the builders.", "Sharma", "the minister"),
])
def test_charging_someone_of_an_act_is_an_accusation(nlp, text, source, target):
    evs = code(nlp, text)
    assert (source, target) in accusations(evs)
    assert not any(e.plover_type == "COERCE" for e in evs)


def test_a_police_charge_stays_coercion(nlp):
    evs = code(nlp, "the police charged Verma with murder.")
    assert any(e.plover_type == "COERCE" for e in evs)
    assert not accusations(evs)


@pytest.mark.parametrize("text, source, target", [
    ("Smith attacked Jones for saying the judge was biased.", "Smith", "Jones"),
    ("Sharma attacked the VHP as a band of troublemakers on Monday.", "Sharma", "the VHP"),
    ("Attacking the VHP, Sharma said its leaders had no plan for the farmers.", "Sharma", "the VHP"),
])
def test_verbal_attacks_are_criticism(nlp, text, source, target):
    evs = code(nlp, text)
    assert (source, target) in accusations(evs)
    assert not any(e.plover_type == "ASSAULT" for e in evs)


def test_an_armed_attack_stays_an_assault(nlp):
    evs = code(nlp, "the rebels attacked the army base on Sunday, killing four soldiers.")
    assert any(e.plover_type == "ASSAULT" for e in evs)
    assert not accusations(evs)


@pytest.mark.parametrize("text, source, target", [
    ("Sharma has taken the government to task over the delay.", "Sharma", "the government"),
    ("Verma hauled up the ministry over its handling of the floods.", "Verma", "the ministry"),
    ("Now even the Congress is training its guns at the minister.", "the Congress", "the minister"),
    ("Taking a pot shot at the VHP, Sharma said its leaders wanted publicity.", "Sharma", "the VHP"),
    ("Verma gave a tongue lashing to the board for its failure.", "Verma", None),
])
def test_idioms_of_rebuke_are_criticism(nlp, text, source, target):
    found = accusations(code(nlp, text))
    assert any(s == source and (target is None or t == target) for s, t in found), found


def test_a_rebuke_only_promised_is_not_counted(nlp):
    assert not accusations(code(nlp, "Sharma said officers who misused the law would be taken to task."))


def test_an_evaluative_adjective_with_an_object_names_both_sides(nlp):
    assert ("the Congress", "the government") in accusations(code(nlp, "the Congress was critical of the government on Monday."))


def test_a_reported_conspiracy_is_an_accusation(nlp):
    evs = code(nlp, "Sharma said Pakistan was conspiring to damage the economy of the country.")
    assert any(s == "Sharma" for s, _ in accusations(evs))


def rejections(events):
    return [(e.source and e.source.text, e.target and e.target.text)
            for e in events if e.plover_type == "REJECT" and e.modality == "asserted"]


@pytest.mark.parametrize("text, source, target", [
    ("Sharma contradicted the statement made by Verma on Tuesday.", "Sharma", "Verma"),
    ("Disputing the claim, Sharma said only twenty people had gathered.", "Sharma", None),
    ("the army downplayed an assessment made by the rebels.", "the army", "the rebels"),
    ("the VHP on Friday disowned the march.", "the VHP", None),
    ("the BJP disagreed with the Congress on the bill.", "the BJP", "the Congress"),
])
def test_disagreeing_with_another_side_is_a_rejection(nlp, text, source, target):
    found = rejections(code(nlp, text))
    assert any(s == source and (target is None or t == target) for s, t in found), found


def test_a_disputed_place_is_no_rejection(nlp):
    assert not rejections(code(nlp, "the police guarded the disputed site on Sunday."))
