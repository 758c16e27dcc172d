"""Within-story resolution on the seed page: Al-Mikdad, Jumali, "He", "his country"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.actors import configure, recognize
from tidings.records import Article, Dateline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_d3bb04708404b6e2.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")


def _seed_article() -> Article:
    try:
        from tidings.ingest import read_inputs

        arts = [a for a in read_inputs([str(SEED)]) if isinstance(a, Article)]
        if arts and arts[0].body.startswith("Minister of Foreign Affairs"):
            return arts[0]
    except ImportError:
        pass
    # without the ingest stage: headline, dateline and the five story paragraphs, as the page shows them
    parts = SEED.read_text(encoding="utf-8").split("\n\n")
    first = parts[1]
    dl, _, rest = first.partition("– ")
    body = "\n\n".join([rest] + parts[2:6])
    return Article(id="seed", body=body, title=parts[0].strip(),
                   dateline=Dateline(place="Damascus", agency="ST", text=dl + "–"))


@pytest.fixture(scope="module")
def coded():
    from tidings.nlp import load_nlp

    configure()
    nlp = load_nlp()
    art = _seed_article()
    body = recognize(nlp(art.body), art, "body")
    head = recognize(nlp(art.title), art, "headline")
    return art, body, head


def _at(art, mentions, phrase, word, nth=0):
    """The mention whose span starts at ``word`` inside the (nth) occurrence of ``phrase``."""
    pos = -1
    for _ in range(nth + 1):
        pos = art.body.index(phrase, pos + 1)
    start = pos + phrase.index(word)
    found = [m for m in mentions if m.start == start]
    assert found, f"no mention at {word!r} in {phrase!r}"
    return found[0]


def test_al_mikdad_is_syrian_government_everywhere(coded):
    art, body, head = coded
    mikdad = [m for m in body if m.name and "Mikdad" in m.name]
    assert len(mikdad) >= 4  # full title, two surname mentions, "He"
    for m in mikdad:
        assert (m.country, m.sector, m.code) == ("SYR", "GOV", "SYRGOV"), m
    first = mikdad[0]
    assert first.text == "Minister of Foreign Affairs and Expatriates Faisal Al-Mikdad"
    assert first.name == "Faisal Al-Mikdad" and first.role == "foreign minister"
    # he is in the people table (foreign minister until 2024-12-08); before that, the dateline gave SYR
    assert first.resolved_from == "dictionary"
    assert {m.resolved_from for m in mikdad[1:]} <= {"surname", "pronoun", "dictionary"}  # "Al-Mikdad" is an alias
    h = [m for m in head if m.name and "Mikdad" in m.name]
    assert h and h[0].code == "SYRGOV"


def test_he_in_the_second_paragraph_is_al_mikdad(coded):
    art, body, _ = coded
    he = _at(art, body, "He appreciated Kazakhstan", "He")
    assert (he.name, he.country, he.sector, he.resolved_from) == ("Faisal Al-Mikdad", "SYR", "GOV", "pronoun")
    kz = _at(art, body, "He appreciated Kazakhstan", "Kazakhstan")
    assert kz.country == "KAZ" and kz.kind == "state"


def test_jumali_is_kazakh_government(coded):
    art, body, head = coded
    jumali = [m for m in body if m.name and "Jumali" in m.name]
    assert len(jumali) >= 5  # title, "Ambassador Jumali", "Jumali", and the pronouns
    for m in jumali:
        assert (m.country, m.sector, m.code) == ("KAZ", "GOV", "KAZGOV"), m
    full = jumali[0]
    assert full.text == "the Ambassador of Kazakhstan to Lebanon Rasul Jumali" and full.role == "ambassador"
    h = [m for m in head if m.name == "Rasul Jumali"]
    assert h and h[0].code == "KAZGOV"


def test_he_affirmed_his_country(coded):
    art, body, _ = coded
    he = _at(art, body, "He affirmed his country", "He")
    assert (he.name, he.code) == ("Rasul Jumali", "KAZGOV")
    hc = _at(art, body, "He affirmed his country", "his country")
    assert hc.text == "his country"
    assert (hc.country, hc.sector, hc.kind, hc.resolved_from) == ("KAZ", "GOV", "state", "pronoun")
    turn = _at(art, body, "In his turn", "his")  # a possessive before its subject: Ambassador Jumali
    assert turn.name == "Rasul Jumali"


def test_no_place_coded_as_actor(coded):
    art, body, _ = coded
    damascus = [m for m in body if m.text == "Damascus"]
    assert damascus and all(m.kind == "place" for m in damascus)
    for m in body:
        assert art.body[m.start : m.end] == m.text
    assert [m.start for m in body] == sorted(m.start for m in body)
