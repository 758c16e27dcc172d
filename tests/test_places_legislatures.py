"""A state's legislature sits in the state's seat (``data/places/state_capitals.tsv``), and a chamber of
the dateline's town that a story's sentence or lead tells of is where its statements and acts were
made. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from tidings.place import lookup_place
from tidings.places.gazetteer import find, seat_legislature, to_location
from tidings.records import ActorMention

from places_support import places_of


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize("name, country, seat", [
    ("the gujarat assembly", "IND", "Gandhinagar"),
    ("the Bihar Vidhan Sabha", "IND", "Patna"),
    ("the orissa assembly", "IND", "Bhubaneswar"),  # the state's former name
    ("the Lagos State House of Assembly", "NGA", "Ikeja"),
    ("the Gauteng provincial legislature", "ZAF", "Johannesburg"),
    ("the Texas legislature", "USA", "Austin"),
])
def test_a_states_legislature_is_a_landmark_of_its_seat(name: str, country: str, seat: str) -> None:
    match = find(name, (country,), strict=True)
    assert match is not None and match.entry.kind == "landmark"
    loc = to_location(match, name)
    town = lookup_place(seat, (country,))
    assert (loc.country, loc.geonameid, loc.precision, loc.text) == (country, town.geonameid, "place", name)
    assert find("the gujarat government", ("IND",), strict=True) is None  # a government is no chamber


def test_a_legislature_without_its_states_name_needs_a_story_from_the_seat() -> None:
    gandhinagar = lookup_place("Gandhinagar", ("IND",))
    assert seat_legislature("the state assembly", gandhinagar).name == "Gujarat Legislative Assembly"
    assert seat_legislature("the vidhan sabha", gandhinagar).name == "Gujarat Legislative Assembly"
    assert seat_legislature("the state assembly", lookup_place("Ahmedabad", ("IND",))) is None
    # Chandigarh is the seat of two states' legislatures: "the assembly" there names neither
    assert seat_legislature("the assembly", lookup_place("Chandigarh", ("IND",))) is None
    assert seat_legislature("the state government", gandhinagar) is None


def test_the_chamber_the_lead_addresses_or_sits_in_is_the_later_events_venue(nlp) -> None:
    text = ("the minister of state for home told the state assembly on tuesday that he would act. "
            "he also said the madrassas would be watched.")
    (said,) = places_of(nlp, text, [("said", 3, 1)], dateline="Gandhinagar")
    assert (said.name, said.country) == ("Gujarat Legislative Assembly", "IND")
    # the same story filed from another town: "the state assembly" names no chamber there
    (said,) = places_of(nlp, text, [("said", 3, 1)], dateline="Ahmedabad")
    assert (said.name, said.precision) == ("Ahmedabad", "dateline")
    for lead in ("the gujarat legislative assembly on thursday witnessed bedlam over the riots.",
                 "the gujarat assembly was adjourned twice on thursday over the riots."):
        text = lead + " the congress members shouted slogans and walked out."
        (walked,) = places_of(nlp, text, [("walked", 4, 1)], dateline="Gandhinagar")
        assert walked.name == "Gujarat Legislative Assembly", lead
    text = ("the lok sabha on thursday witnessed uproarious scenes over the drownings. "
            "the deputy speaker urged the members to resume their seats.")
    (urged,) = places_of(nlp, text, [("urged", 0, 1)], dateline="New Delhi")
    assert urged.name == "Lok Sabha"


def test_a_chamber_the_events_own_sentence_names_beats_the_dateline(nlp) -> None:
    text = "the prime minister, speaking in the rajya sabha, condemned the attack."
    (condemned,) = places_of(nlp, text, [("condemned", 3, 0)], dateline="New Delhi")
    assert condemned.name == "Rajya Sabha"
    text = ("the industries minister claimed that the losses were small. "
            "replying in the gujarat assembly to the debate, he said the loss was rs 600 crore.")
    (said,) = places_of(nlp, text, [("said", 3, 1)], dateline="Gandhinagar")
    assert (said.name, said.text) == ("Gujarat Legislative Assembly", "the gujarat assembly")
    # a chamber that names someone's seat is no venue
    text = "a former rajya sabha member condemned the attack on friday."
    (condemned,) = places_of(nlp, text, [("condemned", 3, 0)], dateline="New Delhi")
    assert condemned.precision == "dateline"


def test_a_legislature_acting_in_its_own_name_sits_in_its_seat(nlp) -> None:
    text = "the assembly adopted the motion unanimously on friday."
    i = text.index("the assembly")
    house = ActorMention(text="the assembly", start=i, end=i + 12, country="IND", kind="organisation")
    (adopted,) = places_of(nlp, text, [("adopted", 1, 0)], dateline="Gandhinagar", actors=[house])
    assert adopted.name == "Gujarat Legislative Assembly"
    (adopted,) = places_of(nlp, text, [("adopted", 1, 0)], dateline="Ahmedabad", actors=[house])
    assert adopted.precision == "dateline"


def test_a_chamber_that_says_who_someone_is_is_no_venue_of_the_sentence(nlp) -> None:
    text = "the deputy leader in the lok sabha condemned the resolution of the party."
    (condemned,) = places_of(nlp, text, [("condemned", 3, 0)], dateline="New Delhi")
    assert condemned.precision == "dateline"


def test_a_legislature_two_countries_states_share_a_name_for_is_neither() -> None:
    # India's and Pakistan's Punjab: "the punjab assembly" names no one seat
    assert find("the punjab assembly", ("PAK",), strict=True) is None
    assert find("the sindh assembly", ("PAK",), strict=True).entry.country == "PAK"
