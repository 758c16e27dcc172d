"""Targets the object slots leave unnamed: whoever owns the object ("rejected the commission's decision")."""

from __future__ import annotations

import io
import json

from tidings.ingest.jsonl import read_jsonl
from tidings.pipeline import code_article


def _code(text: str):
    rec = json.dumps({"id": "x", "text": text, "date": "2024-01-10"})
    (art,) = list(read_jsonl(io.BytesIO(rec.encode()), "x.jsonl", pub_date=None, max_bytes=10**6))
    return code_article(art).events


def test_an_act_on_an_owned_object_is_aimed_at_its_owner():
    evs = _code("Riot suspects held By Staff DURBAN, Jan 10 (ANA) - The opposition rejected the commission's decision "
                "to postpone the local elections on Monday.")
    (ev,) = [e for e in evs if e.plover_type == "REJECT"]
    assert ev.target is not None and ev.target.text == "the commission" and ev.target.country == "ZAF"
