"""An unnamed holder of a role takes the story's country (tidings.actors.resolve): sentences written
for these tests."""

from __future__ import annotations

import io
import json

from tidings.ingest.jsonl import read_jsonl
from tidings.pipeline import code_article


def _actors(text: str):
    rec = json.dumps({"id": "local-roles", "text": text, "date": "2024-01-10"})
    (art,) = list(read_jsonl(io.BytesIO(rec.encode()), "x.jsonl", pub_date=None, max_bytes=10**6))
    return code_article(art).actors


def _one(actors, text):
    (a,) = [a for a in actors if a.text == text]
    return a


def test_a_role_not_flagged_domestic_takes_the_dateline_country():
    acts = _actors("Temple row By Staff KOLKATA, Jan 10 (PTI) - The head priest of the temple appealed for calm "
                   "on Monday. The imam of the mosque urged calm too.")
    assert _one(acts, "The head priest of the temple").code == "INDREL"
    assert _one(acts, "The imam of the mosque").country == "IND"


def test_the_role_after_a_holder_too_far_back_takes_the_story_country():
    acts = _actors("Budget row By Staff NEW DELHI, Jan 10 (PTI) - Prime Minister Narendra Modi opened the session "
                   "on Monday. The house met. The members spoke. The speaker ruled. The debate went on. The vote "
                   "was put off. The session ended. Later the prime minister appealed for calm.")
    assert _one(acts, "the prime minister").code == "INDGOV"


def test_a_near_holder_of_the_role_still_gives_the_country():
    acts = _actors("Talks By Staff NAIROBI, Jan 10 (Reuters) - Ugandan President Yoweri Museveni arrived on Monday. "
                   "Later the president met traders.")
    assert _one(acts, "the president").country == "UGA"


def test_foreigners_keep_no_story_country():
    acts = _actors("Visit row By Staff NAIROBI, Jan 10 (Reuters) - The ambassador met the foreign minister.")
    assert _one(acts, "The ambassador").country is None
