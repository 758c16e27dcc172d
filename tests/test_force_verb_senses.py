"""Word uses that code no event (issue 10, fp6). A verb of force that means "affect" codes no attack (issue 10, fp6): a happening as its subject
("the violence hit people", "cancellation of trains has hit the railway"), the "violence-hit city"
compound however the parser hangs it, and an economic object ("hit the revenue", "hit normal life").
Attackers, weapons and blasts as subjects still attack. Rules alone, actor mentions given."""

from __future__ import annotations

import pytest

from rules_support import code_with_actors

ACTORS = {"The minister": "IND", "the VHP": "IND", "Miscreants": "IND", "the militants": "AFG", "the police": "IND"}


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def assaults(nlp, text):
    """The attacks the verb "hit" codes (the noun "violence" codes its own, judged elsewhere)."""
    return [e for e in code_with_actors(nlp, text, ACTORS)
            if e.plover_type == "ASSAULT" and e.trigger_text.lower().startswith("hit")]


@pytest.mark.parametrize("text", [
    "The minister will visit the violence hit Baroda city on Friday.",
    "The minister visited the riot-hit areas of Ahmedabad on Sunday.",
    "The violence hit the poor the hardest, the minister said.",
    "Cancellation and diversion of 19 trains has hit the Northern Railway considerably, the minister said.",
    "The bandh called by the VHP hit normal life in Ahmedabad on Friday.",
    "The drought hit farmers across the state, the minister said.",
])
def test_a_happening_or_an_economy_hit_is_no_attack(nlp, text):
    assert assaults(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Miscreants pulled the boy out of the autorickshaw and hit him on the head.",
    "A roadside bomb planted by the militants hit a government bus in Kabul.",
    "The militants hit the police convoy with rockets on Monday.",
])
def test_attackers_and_weapons_still_hit(nlp, text):
    assert assaults(nlp, text)


# --- "accused" as a defendant's title or state accuses no one (stories f2c243, 463847, f2d25f)

ACCUSERS = {"The court": "ZAF", "The minister": "ZAF", "the opposition": "ZAF", "the government": "ZAF"}


def accusations(nlp, text):
    return [e for e in code_with_actors(nlp, text, ACCUSERS) if e.plover_type == "ACCUSE"]


@pytest.mark.parametrize("text", [
    "The court dismissed the bail appeal of Guatemalan murder accused Diego Novella on Wednesday.",
    "The court will rule on an application by the defence of rape accused pastor Timothy Omotoso.",
    "Two farmers who stand accused of murdering a teenager were granted bail by the court on Monday.",
])
def test_a_defendant_accused_is_no_accusation(nlp, text):
    assert accusations(nlp, text) == []


def test_accusing_someone_stays_an_accusation(nlp):
    assert accusations(nlp, "The minister accused the opposition of inciting violence in the city.")
