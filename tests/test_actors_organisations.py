"""Organisation tables: every file of ``data/actors/organisations/`` is read, abbreviations name
one body each, and a text with no capital letters still reads abbreviations ("bjp")."""

from __future__ import annotations

import pytest

from tidings.actors import configure, recognize, resolve_text
from tidings.actors.knowledge import Lexicon, _rows, load_base, norm, organisation_tables, split


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def lex():
    lexicon = Lexicon()
    load_base(lexicon)
    return lexicon


@pytest.fixture(autouse=True)
def _default_tables():
    configure()
    yield
    configure()


def test_every_organisation_file_is_loaded(lex):
    names = [n for n, _ in organisation_tables()]
    assert names[0] == "organisations.tsv"
    for part in ("parties", "security", "unions", "armed_groups", "religious", "institutions", "ngos"):
        assert f"organisations/{part}.tsv" in names
    for name, text in organisation_tables():
        rows = _rows(text)
        assert rows, name
        for row in rows:
            first = row[0].split("|")[0].strip()
            country = (row[2].strip().upper() if len(row) > 2 else "") or None
            key = tuple(norm(t) for t in split(first))
            found = (lex.folded.get(key) or []) + (lex.exact.get(tuple(split(first))) or [])
            assert any(e.type == "org" and e.name == first and e.country == country for e in found), (name, first)


def test_an_abbreviation_names_one_organisation(lex):
    # the first table to load would silently win: two bodies under one abbreviation is a data slip
    clashes = {}
    for key, entries in lex.exact.items():
        orgs = {(e.name, e.country) for e in entries if e.type == "org" and e.source == "base"}
        if len(orgs) > 1:
            clashes[key] = orgs
    assert not clashes


def test_rows_have_known_sectors_and_countries(lex):
    from tidings.actors.knowledge import SECTORS

    for name, text in organisation_tables():
        for row in _rows(text):
            row = row + [""] * (5 - len(row))
            assert len(row) == 5, (name, row)
            sector, country = row[3].strip(), row[2].strip()
            assert not sector or sector in SECTORS, (name, row[0])
            assert not country or country in lex.country_names, (name, row[0], country)


@pytest.mark.parametrize("text,country,sector", [
    ("the Hawks", "ZAF", "COP"),
    ("Cosatu", "ZAF", "LAB"),
    ("the EFF", "ZAF", "PTY"),
    ("SAPS", "ZAF", "COP"),
    ("VHP", "IND", "REL"),
    ("Bajrang Dal", "IND", "REL"),
    ("Shiv Sena", "IND", "PTY"),
    ("the Samajwadi Party", "IND", "PTY"),
    ("Hizbul Mujahideen", "IND", "REB"),
    ("the CHP", "TUR", "PTY"),
    ("AfD", "DEU", "PTY"),
    ("MI6", "GBR", "SPY"),
    ("the Knesset", "ISR", "LEG"),
    ("Teamsters", "USA", "LAB"),
])
def test_named_bodies_of_world_news(text, country, sector):
    m = resolve_text(text)
    assert m is not None and (m.country, m.sector) == (country, sector), m


def test_congress_alone_stays_the_legislature_word():
    # "Congress" alone is not India's Congress party
    m = resolve_text("the Congress party")
    assert m is not None and m.country == "IND"
    alone = resolve_text("Congress")
    assert alone is None or alone.country != "IND"


# --- lower-cased text ---------------------------------------------------------------


def test_lower_case_text_reads_abbreviations(nlp):
    doc = nlp("the bjp on friday attacked the congress over the price rise.")
    bjp = [m for m in recognize(doc) if "bjp" in m.text]
    assert bjp and (bjp[0].country, bjp[0].sector) == ("IND", "PTY")


def test_lower_case_text_reads_abbreviations_in_a_longer_phrase(nlp):
    doc = nlp("the nia arrested two men and the crpf cordoned off the area, police said.")
    found = {m.text: (m.country, m.sector) for m in recognize(doc)}
    assert ("IND", "COP") in [found.get(k) for k in found if "nia" in k]
    assert ("IND", "COP") in [found.get(k) for k in found if "crpf" in k]


@pytest.mark.parametrize("text,word", [
    ("the official who said it was wrong left.", "who"),
    ("police nab two men with raw opium.", "raw"),
    ("he said he would let the plan go ahead.", "let"),
    ("the new delhi police told pti the case was closed.", "pti"),
])
def test_lower_case_english_words_are_no_abbreviations(nlp, text, word):
    # WHO, RAW, LeT and PTI are table abbreviations; written lower case here they are words
    doc = nlp(text)
    coded = [(m.text, m.code) for m in recognize(doc) if word in m.text.split() and (m.country or m.code)]
    assert not coded


def test_mixed_case_text_keeps_abbreviations_case_sensitive(nlp):
    # one capital anywhere and the text keeps its case: "bjp" there is no party
    doc = nlp("Officials said the bjp leaflets were found near the station.")
    assert not [m for m in recognize(doc) if m.country == "IND" and m.sector == "PTY"]
    doc = nlp("The WHO said the outbreak was over, and officials who met agreed.")
    who = [m for m in recognize(doc) if m.text.endswith("WHO")]
    assert who and who[0].code and who[0].code.startswith("IGO")


def test_lower_cased_copy_with_capitals_only_in_page_furniture_reads_abbreviations(nlp):
    # share buttons keep their capitals in a lower-cased page; its sentences still start lower-case
    doc = nlp("the bjp on friday attacked the opposition. the vhp said it would go ahead. "
              "the rss backed it. police were deployed in the town. Facebook Twitter Linkedin Mail")
    coded = {m.text: (m.country, m.sector) for m in recognize(doc)}
    assert coded.get("the bjp") == ("IND", "PTY") and coded.get("the vhp") == ("IND", "REL")


def test_lower_cased_detects_text_by_its_sentence_starts():
    from tidings.actors.keys import lower_cased

    assert lower_cased("no capitals here at all")
    assert lower_cased("the cm met them. they agreed. he left. then it rained. Facebook Twitter")
    assert not lower_cased("The minister met them. They agreed. He left. the bjp was not there.")


def test_lower_case_standalone_string():
    m = resolve_text("the anc")
    assert m is not None and (m.country, m.sector) == ("ZAF", "PTY")
    assert resolve_text("who") is None
