"""Sides the sentence names that the coder used to leave empty (issues 10 and 11)."""

from __future__ import annotations

import io
import json

import pytest

from tidings.ingest.jsonl import read_jsonl
from tidings.pipeline import code_article


def _code(text: str):
    rec = json.dumps({"id": "x", "text": text, "date": "2024-01-10"})
    (art,) = list(read_jsonl(io.BytesIO(rec.encode()), "x.jsonl", pub_date=None, max_bytes=10**6))
    return code_article(art).events


@pytest.mark.parametrize(
    "text, typ, target",
    [
        # passive relative clause: the one the clause describes is the one acted on
        ("NEW DELHI, Jan 10 - VHP leader Acharya Giriraj Kishore, who was arrested by the Delhi police on Monday, "
         "went on a fast.", "COERCE", "VHP leader Acharya Giriraj Kishore"),
        ("AHMEDABAD, Jan 10 - A Congress councillor, who was attacked by a mob on Monday, was taken to hospital.",
         "ASSAULT", "A Congress councillor"),
        # object relative pronoun
        ("DURBAN, Jan 10 (ANA) - The opposition welcomed the mediation of the Anglican archbishop, whom the "
         "President praised on Monday.", "SUPPORT", "the Anglican archbishop"),
    ],
)
def test_a_relative_pronoun_argument_is_the_noun_its_clause_describes(monkeypatch, text, typ, target):
    monkeypatch.setenv("TIDINGS_RULES_ONLY", "1")  # the rule itself, not the model's choice
    evs = [e for e in _code(text) if e.plover_type == typ and e.source is not None and e.source.text != target]
    assert evs and all(e.target is not None and e.target.text == target and e.target.country for e in evs)


@pytest.mark.parametrize(
    "text, typ, target",
    [
        # the complement clause's object, made by someone
        ("LUCKNOW, Jan 10 - Mahant Paramhans Das dropped yet another bombshell on Sunday by refusing to follow the "
         "undertaking given by VHP leader Ashok Singhal.", "REJECT", "VHP leader Ashok Singhal"),
        # the named object's phrase ("concern over ...", "anger over ...")
        ("NEW DELHI, Jan 10 - The CPI expressed its deep concern over the decision taken by the state government.",
         "ACCUSE", "the state government"),
        ("DURBAN, Jan 10 (ANA) - The ANC expressed its anger over the remarks made by the DA leader on Monday.",
         "ACCUSE", "the DA leader"),
        # the direct object, as before
        ("NEW DELHI, Jan 10 - The Congress rejected the report filed by the state government.", "REJECT",
         "the state government"),
    ],
)
def test_a_reaction_to_what_someone_made_is_aimed_at_its_maker_whichever_slot_names_it(monkeypatch, text, typ, target):
    monkeypatch.setenv("TIDINGS_RULES_ONLY", "1")
    (ev,) = [e for e in _code(text) if e.plover_type == typ]
    assert ev.target is not None and ev.target.text == target and ev.target.country


def test_a_reaction_to_a_thing_nobody_made_stays_without_a_target(monkeypatch):
    monkeypatch.setenv("TIDINGS_RULES_ONLY", "1")
    (ev,) = [e for e in _code("NEW DELHI, Jan 10 - The CPI expressed concern over the violence in the city.")
             if e.plover_type == "ACCUSE"]
    # no maker is invented from the words; a one-country story's own country is the target, marked as
    # inferred with no words of its own (tidings.events.story_sides.story_target)
    assert ev.target is None or (ev.target.resolved_from == "story target" and ev.target.text == "")
