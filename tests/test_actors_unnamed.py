"""Unnamed people and the story's own country, on sentences written for these tests.

"Police arrested a man" in a South African story is ZAF police arresting a ZAF civilian (ICEWS'
"Citizen (South Africa)"); the country is inferred from the story, and provenance says so. A story
without a dateline is placed by its one unambiguous town or province; a story naming several
countries is placed nowhere; a pronoun for a named foreign actor stays that actor's.
"""

from __future__ import annotations

import io
import json

import pytest

from tidings.actors import configure, recognize
from tidings.actors.api import lexicon
from tidings.actors.context import unambiguous_place
from tidings.actors.story import story_country
from tidings.ingest.jsonl import read_jsonl
from tidings.pipeline import code_article
from tidings.records import Article, Dateline


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    configure()
    return load_nlp()


def _events(text: str, date: str = "2019-05-14"):
    rec = json.dumps({"id": f"u-{hash(text)}", "text": text, "date": date})
    (art,) = list(read_jsonl(io.BytesIO(rec.encode()), "x.jsonl", pub_date=None, max_bytes=10**6))
    return code_article(art).events


def _mentions(nlp, text: str, dateline: str | None = None):
    art = Article(id=f"m-{hash((text, dateline))}", body=text, dateline=Dateline(place=dateline) if dateline else Dateline())
    return {m.text: m for m in recognize(nlp(text), art)}


def test_a_man_arrested_by_police_in_a_dated_south_african_story_is_zaf_on_both_sides():
    evs = _events("Bail denied By Staff Reporter DURBAN, May 14 (ANA) - Police arrested a man on Monday "
                  "after a shop was looted, a spokesperson said.")
    (ev,) = [e for e in evs if e.plover_type == "COERCE"]
    assert (ev.source.country, ev.source.sector) == ("ZAF", "COP")
    assert (ev.target.country, ev.target.sector) == ("ZAF", "CVL")
    # the man's country is the story's, not his words': provenance marks it as inferred
    assert ev.target.resolved_from == "inferred:dateline"
    assert ev.target.confidence <= 0.5


def test_undated_local_copy_takes_the_country_of_its_one_province(nlp):
    text = ("Two suspects were arrested on Friday after a house was broken into, "
            "Mpumalanga police said. The suspects will appear in court on Monday.")
    ms = _mentions(nlp, text)
    assert (ms["Two suspects"].country, ms["Two suspects"].sector) == ("ZAF", "CRM")
    assert ms["Two suspects"].resolved_from == "inferred:story place"
    assert ms["Mpumalanga police"].code == "ZAFCOP"


def test_undated_copy_with_one_town_takes_its_country(nlp):
    text = "Police arrested a woman in Polokwane on Tuesday. The woman was later released."
    ms = _mentions(nlp, text)
    assert ms["Police"].code == "ZAFCOP" and ms["Police"].resolved_from == "story place"
    assert ms["The woman"].code == "ZAFCVL"


def test_participants_organisers_and_the_pronoun_for_them_take_the_dateline_country(nlp):
    text = ("the organisers had planned a rally in the city, but the police stopped them. "
            "participants later condemned the decision.")
    ms = _mentions(nlp, text, dateline="Lucknow")
    assert ms["the organisers"].code == "INDCVL"
    assert ms["participants"].code == "INDCVL" and ms["participants"].resolved_from == "inferred:dateline"
    # "them" is the organisers the police stopped, not the police themselves
    assert ms["them"].code == "INDCVL"


def test_a_named_foreign_actors_pronoun_stays_foreign(nlp):
    text = ("President Emmanuel Macron of France arrived on Monday. He later met residents of the township "
            "and thanked them.")
    ms = _mentions(nlp, text, dateline="Johannesburg")
    assert ms["He"].country == "FRA"
    assert ms["residents"].country == "ZAF"


def test_an_international_story_with_several_countries_gets_no_story_country(nlp):
    text = ("Diplomats from Kenya and Ethiopia met in Geneva on Tuesday. Officials from Nairobi said a man "
            "was detained at the border.")
    doc = nlp(text)
    art = Article(id="intl", body=text)
    ms = recognize(doc, art)
    assert story_country(art, lexicon(), ms, doc) == (None, "none")
    man = [m for m in ms if m.text == "a man"]
    assert man and man[0].country is None


def test_an_ambiguous_town_alone_places_no_story(nlp):
    # Kingston is a large town of several countries: no country may be guessed from it
    text = "Police arrested a man in Kingston on Sunday."
    doc = nlp(text)
    art = Article(id="amb", body=text)
    assert story_country(art, lexicon(), recognize(doc, art), doc)[0] is None


def test_a_dateline_with_its_country_after_the_town(nlp):
    text = "The talks ended on Monday."
    art = Article(id="dl", body=text, dateline=Dateline(place="ENTEBBE, Uganda"))
    assert story_country(art, lexicon(), [], nlp(text)) == ("UGA", "dateline")


def test_a_named_regional_court_is_the_countrys_court(nlp):
    text = "A man was sentenced by the Polokwane Regional Court on Friday, Limpopo police said."
    ms = _mentions(nlp, text)
    assert ms["the Polokwane Regional Court"].code == "ZAFJUD"


def test_a_crowd_and_people_are_actors_of_the_story(nlp):
    text = "the crowd dispersed after the police fired tear gas. people later gathered again near the station."
    ms = _mentions(nlp, text, dateline="Ahmedabad")
    assert ms["the crowd"].code == "INDCVL"
    assert ms["people"].code == "INDCVL" and ms["people"].resolved_from == "inferred:dateline"


@pytest.mark.parametrize("name,expected", [
    ("Kimberley", ("ZAF", "city")),  # its namesakes in Britain and Canada are ten times smaller
    ("Eastern Cape", ("ZAF", "admin1")),
    ("Kingston", None),  # Jamaica's and Canada's
    ("Butterworth", None),  # Malaysia's is larger than South Africa's
    ("Georgia", None),  # a country's name: the lexicon's, not a town's
    ("Metsi", None),  # a foreign-language name of Metz, and a South African surname
])
def test_which_places_settle_a_story_country(name, expected):
    assert unambiguous_place(name) == expected
