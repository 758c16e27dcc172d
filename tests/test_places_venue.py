"""The venue a datelined story's lead names (a chamber or seat of the dateline's town) is where its
later unplaced statements and acts happened. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from tidings.place import locate
from tidings.records import ActorMention, Article

from places_support import event_at, places_of


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def test_later_statements_happened_in_the_chamber_the_lead_names(nlp) -> None:
    text = ("the opposition leader on friday launched a fierce attack on the government in the lok sabha over "
            "the price rise. she said the ministers had failed the farmers. she demanded a judicial inquiry.")
    said, demanded = places_of(nlp, text, [("said", 3, 1), ("demanded", 3, 2)])
    assert said.name == "Lok Sabha" and demanded.name == "Lok Sabha" and said.country == "IND"
    assert said.lat is not None  # the chamber's own coordinates
    # the same with the other chamber and an act rather than a statement
    text = ("the finance minister was heckled by members in the rajya sabha on tuesday. "
            "later the members walked out of the house.")
    (walked,) = places_of(nlp, text, [("walked", 4, 1)])
    assert walked.name == "Rajya Sabha"


def test_a_chamber_named_only_to_describe_someone_is_no_venue(nlp) -> None:
    for lead in ("a former lok sabha member was honoured at a function on sunday.",
                 "the opposition in the lok sabha is planning a protest over the new law."):
        text = lead + " the minister said the government would not yield."
        (said,) = places_of(nlp, text, [("said", 3, 1)])
        assert said.name == "New Delhi" and said.precision == "dateline", lead


def test_a_venue_only_of_the_datelines_town(nlp) -> None:
    # the lok sabha sits in New Delhi: in a story filed from Mumbai the statement stays at the dateline
    text = ("the opposition leader on friday launched a fierce attack on the government in the lok sabha. "
            "she said the ministers had failed the farmers.")
    (said,) = places_of(nlp, text, [("said", 3, 1)], dateline="Mumbai")
    assert said.name == "Mumbai"


def test_an_event_placed_by_its_own_words_keeps_its_place(nlp) -> None:
    text = ("the opposition leader on friday launched a fierce attack on the government in the lok sabha. "
            "in rampur, police arrested twenty activists.")
    (arrested,) = places_of(nlp, text, [("arrested", 4, 1)], dateline="New Delhi")
    assert arrested.name == "Rampur"


def test_a_chamber_acting_in_its_own_name_sits_where_it_stands(nlp) -> None:
    text = "the lok sabha on monday witnessed angry scenes as members demanded a statement from the minister."
    i = text.index("the lok sabha")
    house = ActorMention(text="the lok sabha", start=i, end=i + 13, country="IND", kind="organisation")
    (demanded,) = places_of(nlp, text, [("demanded", 3, 0)], actors=[house])
    assert demanded.name == "Lok Sabha"
    # a member named for it speaks where the story was filed
    text = "a lok sabha member on monday demanded a statement from the minister."
    i = text.index("a lok sabha member")
    member = ActorMention(text="a lok sabha member", start=i, end=i + 18, country="IND", kind="person")
    (demanded,) = places_of(nlp, text, [("demanded", 3, 0)], actors=[member])
    assert demanded.name == "New Delhi"


def test_a_statement_in_an_undated_story_is_made_in_the_town_the_story_is_set_in(nlp) -> None:
    text = ("Police arrested six men in Durban on Friday after a shop was looted. "
            "The provincial minister condemned the looting.")
    i = text.index("The provincial minister")
    minister = ActorMention(text="The provincial minister", start=i, end=i + 23, country="ZAF", kind="person")
    arrested = event_at(text, "arrested", 4, 0)
    condemned = event_at(text, "condemned", 3, 1, source=minister)
    art = Article(id="a", body=text, pub_date="2019-10-02")
    locate([arrested, condemned], nlp(text), art, [minister])
    assert arrested.location.name == "Durban" and condemned.location.name == "Durban"
    # a speaker of another country: said in the speaker's country, not in the town the story is set in
    foreign = ActorMention(text="The provincial minister", start=i, end=i + 23, country="MOZ", kind="person")
    arrested = event_at(text, "arrested", 4, 0)
    condemned = event_at(text, "condemned", 3, 1, source=foreign)
    locate([arrested, condemned], nlp(text), art, [foreign])
    assert condemned.location.precision == "country" and condemned.location.country == "MOZ"


def test_a_quarter_named_by_its_noun_beats_the_town_across_a_clause(nlp) -> None:
    # lower-cased copy: "the X area" is a quarter though the parser hangs it in a coordinated clause
    text = "police fired ten rounds and lobbed teargas shells in the bhimpura area of ahmedabad when mobs emerged from the lanes."
    (fired,) = places_of(nlp, text, [("fired", 4, 0)], dateline="Ahmedabad")
    assert (fired.name, fired.precision, fired.country) == ("Bhimpura", "locality", "IND")
    # or sets the scene of the sentence the act is told in
    text = "in the bhimpura area of vadodara district, where a constable was stabbed by a mob on tuesday, the situation is tense."
    (stabbed,) = places_of(nlp, text, [("stabbed", 4, 0)], dateline="Ahmedabad")
    assert (stabbed.name, stabbed.precision) == ("Bhimpura", "locality")


def test_arrested_from_a_place_is_arrested_there(nlp) -> None:
    text = "police arrested twelve activists from the sealdah railway station on friday."
    (arrested,) = places_of(nlp, text, [("arrested", 4, 0)], dateline="Kolkata")
    assert arrested.name == "Sealdah"
    text = "police detained six men from the bhimpura area on friday."
    (detained,) = places_of(nlp, text, [("detained", 4, 0)], dateline="Ahmedabad")
    assert (detained.name, detained.precision) == ("Bhimpura", "locality")
    # where someone came from is not where they were arrested
    text = "three men who had come from the bhimpura area were arrested on friday."
    (arrested,) = places_of(nlp, text, [("arrested", 4, 0)], dateline="Ahmedabad")
    assert arrested.precision == "dateline"
