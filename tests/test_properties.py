"""Property-based tests: the page splitter, every reader, the date and place resolvers and the
JSON Lines record contract never raise on arbitrary text or bytes, and keep what they keep intact.

Bounded: each test sets max_examples (about 2,900 in all) and the profile in conftest.py
turns off the example database and deadlines.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tidings.ingest import REASONS, read_inputs  # noqa: E402
from tidings.ingest.assemble import iso_date, resolve_dateline_date  # noqa: E402
from tidings.ingest.jsonl import read_json_array, read_jsonl  # noqa: E402
from tidings.ingest.page import split_page  # noqa: E402
from tidings.ingest.text import decode_bytes  # noqa: E402
from tidings.records import Article, Reject, article_id  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
import fuzz_readers  # noqa: E402

SUBJECTS = ["The foreign minister", "Iraqi officials", "Turkish troops", "The police", "Kenyan protesters",
            "The president", "A delegation from Syria", "Government forces", "The United Nations envoy"]
VERBS = ["met", "criticised", "visited", "attacked", "thanked", "called on", "signed an agreement with",
         "held talks with", "accused"]
OBJECTS = ["the ambassador of Brazil", "rebel fighters", "the mayor of Nairobi", "their neighbours",
           "the opposition leaders", "the water ministry", "aid workers"]
PLACES = ["in Baghdad", "near Idlib", "in the capital", "at the border", "in Ankara", ""]
DAYS = ["on Monday", "on Tuesday", "last week", "on 4 March", "yesterday", ""]
sentence = st.tuples(*(st.sampled_from(x) for x in (SUBJECTS, VERBS, OBJECTS, PLACES, DAYS))).map(
    lambda t: " ".join(w for w in t if w) + ", the ministry said in a statement."
)
english = st.lists(sentence, min_size=2, max_size=8).map(" ".join)
# Text with the characters pages are made of: letters, digits, punctuation, spaces, line breaks.
page_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=600) | st.lists(
    st.one_of(sentence, st.sampled_from(["", "\n", "\n\n", "By Jane Doe", "BAGHDAD (Reuters) -", "Related:"])),
    max_size=12,
).map("\n".join)


def _norm(s: str) -> str:
    return " ".join(s.split())


def _items(name: str, data: bytes, **kw) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return list(read_inputs([str(path)], pub_date="2025-03-05", **kw))


def _contract(items: list) -> None:
    for item in items:
        assert isinstance(item, (Article, Reject))
        if isinstance(item, Reject):
            assert item.reason in REASONS and item.reason != "reader_error", item
            assert item.detail
        else:
            fuzz_readers._check_article(item)


# -- the page splitter -----------------------------------------------------------------------------


@settings(max_examples=400)
@given(page_text)
def test_split_page_never_raises_and_keeps_only_words_of_the_page(text):
    parts = split_page(text)
    source = _norm(text)
    for para in parts.body.split("\n"):
        assert _norm(para) in source, para
    if parts.title:
        assert _norm(parts.title) in source
    for block in parts.boilerplate:
        assert all(w in source for w in block.split())


# -- readers ---------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.binary(max_size=2048), st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.json", "a.warc", "a", "a.txt.gz"]))
def test_every_reader_takes_arbitrary_bytes(data, name):
    _contract(_items(name, data))


@settings(max_examples=250)
@given(st.binary(max_size=2048))
def test_fuzz_target_holds(data):
    fuzz_readers.check(data)


@settings(max_examples=200)
@given(english, st.sampled_from(["a.txt", "a.txt.gz"]))
def test_text_reader_round_trips_an_english_page(body, name):
    data = body.encode("utf-8")
    (art,) = _items(name, gzip.compress(data) if name.endswith(".gz") else data)
    assert isinstance(art, Article), art
    assert _norm(art.body) in _norm(body) and art.decode_errors == 0
    _contract([art])


@settings(max_examples=120)
@given(english, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_html_reader_keeps_the_paragraphs(body, encoding):
    html = f"<html><head><meta charset='{encoding}'><title>News</title></head><body><article><p>{body}</p></article></body></html>"
    items = _items("a.html", html.encode(encoding))
    _contract(items)
    arts = [a for a in items if isinstance(a, Article)]
    for art in arts:
        assert all(w in _norm(body) + " News" for w in _norm(art.body).split())


records = st.fixed_dictionaries(
    {"text": english},
    optional={
        "id": st.text(max_size=20),
        "title": st.text(max_size=60),
        "url": st.text(max_size=40),
        "outlet": st.text(max_size=20),
        "date": st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
    },
)


@settings(max_examples=200)
@given(st.lists(records, min_size=1, max_size=5))
def test_jsonl_record_contract_round_trips(recs):
    data = "".join(json.dumps(r) + "\n" for r in recs).encode("utf-8")
    got = list(read_jsonl(io.BytesIO(data), "r.jsonl", pub_date=None, max_bytes=1 << 20))
    assert len(got) == len(recs)
    for rec, art in zip(recs, got):
        assert isinstance(art, Article), art
        _contract([art])
        assert rec["text"].strip().endswith(art.body)  # at most a wire lead-in is cut off the front
        assert art.input_id == ((rec.get("id") or "").strip() or None)
        assert art.url == ((rec.get("url") or "").strip() or None)
        assert art.outlet == ((rec.get("outlet") or "").strip() or None)
        if (rec.get("title") or "").strip():
            assert art.title == rec["title"].strip()
        if "date" in rec:
            assert art.pub_date == rec["date"] and art.pub_date_source == "metadata"


@settings(max_examples=150)
@given(st.lists(records, min_size=1, max_size=4), st.binary(max_size=200))
def test_json_array_reader_round_trips_and_takes_garbage(recs, junk):
    got = list(read_json_array(io.BytesIO(json.dumps(recs).encode()), "a.json", pub_date=None, max_bytes=1 << 20))
    assert [a.id for a in got] == [article_id(a.body) for a in got] and len(got) == len(recs)
    _contract(got)
    _contract(list(read_json_array(io.BytesIO(junk), "a.json", pub_date=None, max_bytes=1 << 20)))


@settings(max_examples=150)
@given(st.binary(max_size=1024), st.sampled_from(fuzz_readers.CHARSETS), st.booleans())
def test_warc_reader_takes_any_record_content(payload, charset, compressed):
    record = fuzz_readers._warc_record(payload, charset)
    _contract(_items("c.warc.gz" if compressed else "c.warc", gzip.compress(record) if compressed else record))


@settings(max_examples=300)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), st.binary(max_size=40))
def test_decoding_round_trips_utf8_and_counts_broken_bytes(text, junk):
    data = text.encode("utf-8")
    if not text.startswith("\ufeff") and not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        d = decode_bytes(data)
        assert d.text == text and d.errors == 0
    try:
        d = decode_bytes(data + junk)
    except ValueError:  # DecodeError: binary or undecodable, said as a reason
        return
    assert d.errors >= 0 and "\x00" not in d.text
    if d.encoding == "utf-8" and d.errors:
        assert d.text.count("\ufffd") >= d.errors


# -- date and place resolvers -------------------------------------------------------------------------


@settings(max_examples=250)
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none(), st.lists(st.text(max_size=5), max_size=3)),
       st.dates(dt.date(1900, 1, 2), dt.date(2100, 1, 1)))
def test_iso_date_never_raises_and_round_trips_dates(value, day):
    out = iso_date(value, fuzzy=True)
    assert out is None or dt.date.fromisoformat(out)
    assert iso_date(day.isoformat()) == day.isoformat()
    assert iso_date(day) == day.isoformat()


@settings(max_examples=150)
@given(st.tuples(st.none() | st.integers(-10, 10_000), st.integers(-5, 20), st.integers(-5, 40)),
       st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat))
def test_dateline_dates_never_raise(found, reference):
    out = resolve_dateline_date(found, reference)
    assert out is None or dt.date.fromisoformat(out)


@settings(max_examples=300)
@given(st.text(max_size=80), st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
       st.dates(dt.date(1950, 1, 1), dt.date(2049, 12, 31)))
def test_date_phrases_never_raise_and_explicit_dates_round_trip(text, pub, day):
    from tidings.when import resolve_phrase

    out = resolve_phrase(text, pub)
    assert out is None or isinstance(out, dt.date)
    for phrase in (f"{day.day} {day:%B} {day.year}", f"{day:%B} {day.day}, {day.year}"):
        assert resolve_phrase(phrase, pub) == day, phrase


@settings(max_examples=250)
@given(st.text(max_size=40) | st.sampled_from(["Paris", "Kyiv", "Damascus", "São Paulo", "Nairobi", "Idlib", "Baghdad"]),
       st.lists(st.sampled_from(["SYR", "FRA", "UKR", "BRA", "USA", "", "xx"]), max_size=2))
def test_place_lookup_never_raises_and_finds_its_own_name(name, prefer):
    from tidings.place import lookup_place

    loc = lookup_place(name, prefer)
    if loc is None:
        return
    assert loc.name and (loc.lat is None or -90 <= loc.lat <= 90) and (loc.lon is None or -180 <= loc.lon <= 180)
    again = lookup_place(loc.name, [loc.country] if loc.country else [])
    assert again is not None and again.country == loc.country


# -- the JSON Lines record contract ------------------------------------------------------------------


free = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=200)
@given(st.builds(
    Article, id=free, body=free, title=st.none() | free, author=st.none() | free, pub_date=st.none() | free,
    language=st.none() | free, boilerplate=st.lists(free, max_size=3), source_path=st.none() | free,
    locator=st.none() | free, input_id=st.none() | free, url=st.none() | free, outlet=st.none() | free,
    decode_errors=st.integers(0, 10**6),
))
def test_article_record_round_trips_through_json_lines(art):
    line = json.dumps(art.to_dict(), ensure_ascii=False)
    assert "\n" not in line
    again = Article.from_dict(json.loads(line.encode("utf-8").decode("utf-8")))
    assert again == Article.from_dict(art.to_dict())


def test_fuzz_corpus_replays():
    """Every input the fuzzer kept still holds the readers' contract (a regression suite)."""
    seeds = fuzz_readers.seeds()
    assert seeds
    for data in seeds:
        fuzz_readers.check(data)
