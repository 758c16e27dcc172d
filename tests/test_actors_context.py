"""Story context for actors, on sentences written for these tests.

Attached places, datelines, later short names, seats of power, people dated by the article,
and short forms that the story's own country decides.
"""

from __future__ import annotations

import pytest

from tidings.actors import configure, recognize
from tidings.records import Article, Dateline


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    configure()
    return load_nlp()


def _code(nlp, text: str, phrase: str, dateline: str | None = None, date: str | None = None, nth: int = 0):
    art = Article(id=f"t-{hash((text, dateline, date))}", body=text,
                  dateline=Dateline(place=dateline) if dateline else Dateline(), pub_date=date)
    found = [m for m in recognize(nlp(text), art) if m.text == phrase or m.text.lower() == phrase.lower()]
    assert len(found) > nth, (phrase, [(m.text, m.code) for m in recognize(nlp(text), art)])
    return found[nth]


@pytest.mark.parametrize("text, phrase, code", [
    ("Police in Cologne arrested two men on Saturday.", "Police in Cologne", "DEUCOP"),
    ("Police in Lyon detained a suspect after the attack.", "Police in Lyon", "FRACOP"),
    ("The Cologne police said three people were hurt.", "The Cologne police", "DEUCOP"),
    ("Manchester police said three people were hurt.", "Manchester police", "GBRCOP"),
    ("British Transport Police said the line was closed.", "British Transport Police", "GBRCOP"),
])
def test_an_office_takes_the_state_of_its_place(nlp, text, phrase, code):
    assert _code(nlp, text, phrase).code == code


def test_a_later_short_name_takes_the_full_mention(nlp):
    text = "Police in Cologne arrested two men. The police said one of them was armed."
    m = _code(nlp, text, "The police", dateline="LONDON")
    assert m.code == "DEUCOP"  # the Cologne police, not the dateline's


@pytest.mark.parametrize("text, phrase, dateline, code", [
    ("The tram driver was taken to hospital.", "The tram driver", "COLOGNE", "DEUCVL"),
    ("A government spokesman said the curfew would be lifted.", "A government spokesman", "NAIROBI", "KENGOV"),
    ("Police said the driver had fled.", "Police", "PESHAWAR", "PAKCOP"),
])
def test_an_unplaced_office_or_person_takes_the_dateline(nlp, text, phrase, dateline, code):
    assert _code(nlp, text, phrase, dateline=dateline).code == code


@pytest.mark.parametrize("text, phrase, code", [
    ("The Kremlin said the talks were useful.", "The Kremlin", "RUSGOV"),
    ("The White House said it would respond.", "The White House", "USAGOV"),
    ("Downing Street rejected the claim.", "Downing Street", "GBRGOV"),
    ("The Pentagon announced new deployments.", "The Pentagon", "USAMIL"),
    ("The Elysee said the visit would go ahead.", "The Elysee", "FRAGOV"),
    ("The Blue House said it would respond.", "The Blue House", "KORGOV"),
    ("Zhongnanhai has not commented on the report.", "Zhongnanhai", "CHNGOV"),
    ("The State Department condemned the attack.", "The State Department", "USAGOV"),
    ("Foggy Bottom has not commented.", "Foggy Bottom", "USAGOV"),
    ("The Quai d'Orsay summoned the ambassador.", "The Quai d'Orsay", "FRAGOV"),
    ("Scotland Yard said the inquiry was continuing.", "Scotland Yard", "GBRCOP"),
])
def test_seats_of_power_speak_for_their_state(nlp, text, phrase, code):
    assert _code(nlp, text, phrase).code == code


def test_a_seat_after_a_place_preposition_is_a_place(nlp):
    m = _code(nlp, "Netanyahu held talks at the White House on Monday.", "the White House")
    assert m.kind == "place" and m.sector is None


@pytest.mark.parametrize("date, code", [("2015-06-16", "USA"), ("2018-06-16", "USAGOV")])
def test_a_person_is_coded_by_the_article_date(nlp, date, code):
    assert _code(nlp, "Donald Trump said he would visit Mexico.", "Donald Trump", date=date).code == code


def test_obama_after_his_presidency_is_not_the_government(nlp):
    m = _code(nlp, "Barack Obama said he would campaign in Ohio.", "Barack Obama", date="2018-10-01")
    assert m.country == "USA" and m.code != "USAGOV"


@pytest.mark.parametrize("dateline, country", [("PYONGYANG", "PRK"), ("SEOUL", "KOR")])
def test_a_bare_kim_takes_the_story_country(nlp, dateline, country):
    assert _code(nlp, "Kim said the talks would resume next week.", "Kim", dateline=dateline).country == country


def test_kim_after_the_full_name_is_that_person(nlp):
    text = "Kim Jong Un oversaw a missile launch on Friday. Kim said the test was a success."
    assert _code(nlp, text, "Kim", dateline="SEOUL").code == "PRKGOV"


@pytest.mark.parametrize("text, phrase, code", [
    ("Sergei Lavrov met Afghan officials in Washington on Monday.", "Sergei Lavrov", "RUSGOV"),
    ("Afghan officials in Berlin said the German police had arrested them.", "Afghan officials in Berlin", "AFGGOV"),
    ("The Iranian foreign minister, speaking in Ankara, said Turkey had been consulted.", "The Iranian foreign minister", "IRNGOV"),
    ("Chinese diplomats in Tokyo protested the visit.", "Chinese diplomats", "CHNGOV"),
    ("The US ambassador to Kenya met police in Mombasa.", "The US ambassador to Kenya", "USAGOV"),
])
def test_officials_are_not_coded_by_a_place_of_another_state(nlp, text, phrase, code):
    assert _code(nlp, text, phrase).code == code


@pytest.mark.parametrize("text, phrase", [
    ("The ambassador said the embassy would stay open.", "The ambassador"),
    ("Tourists were evacuated from the hotel.", "Tourists"),
    ("Peacekeepers patrolled the buffer zone.", "Peacekeepers"),
])
def test_foreigners_by_role_do_not_take_the_dateline(nlp, text, phrase):
    assert _code(nlp, text, phrase, dateline="KABUL").country is None


@pytest.mark.parametrize("text, phrase, code", [
    ("Rebels vowed to topple the government of President Laurent Gbagbo.", "the government of President Laurent Gbagbo", "CIVGOV"),
    ("The cabinet of Prime Minister Viktor Orban resigned.", "The cabinet of Prime Minister Viktor Orban", "HUNGOV"),
])
def test_an_office_of_a_known_person_is_that_persons_state(nlp, text, phrase, code):
    assert _code(nlp, text, phrase).code == code


@pytest.mark.parametrize("text, phrase, name", [
    ("Rebels dismissed an appeal from President Laurent Gbago.", "President Laurent Gbago", "Laurent Gbagbo"),
    ("President Abdelaziz Bouteflicka threatened the rebels.", "President Abdelaziz Bouteflicka", "Abdelaziz Bouteflika"),
    ("Prime Minister Netanyahoo said the talks would go on.", "Prime Minister Netanyahoo", "Benjamin Netanyahu"),
])
def test_a_titled_name_one_slip_from_a_known_person_is_that_person(nlp, text, phrase, name):
    m = _code(nlp, text, phrase)
    assert m.name == name and m.resolved_from == "spelling" and m.country is not None


def test_a_titled_unknown_name_is_not_respelt(nlp):
    m = _code(nlp, "President Nolan Smith spoke on Monday.", "President Nolan Smith")
    assert m.name == "Nolan Smith" and m.resolved_from != "spelling"


def test_a_respelt_surname_must_fit_the_whole_name(nlp):
    m = _code(nlp, "Supporters of former President Ahmed Ben Bella marched.", "former President Ahmed Ben Bella")
    assert m.country != "POL"  # not Marek Belka


@pytest.mark.parametrize("text,phrase,code", [
    ("police arrested around 25 persons after the clashes in the old city on monday.", "25 persons", "INDCVL"),
    ("the swamiji appealed to the people to keep the peace during the festival.", "the swamiji", "INDREL"),
    ("the police detained about 50 kar sevaks near the railway station on friday.", "50 kar sevaks", "INDREL"),
    ("the cm said the rioters would be punished and the centre had sent more troops.", "the cm", "INDGOV"),
    ("the cm said the rioters would be punished and the centre had sent more troops.", "the rioters", "INDCVL"),
    ("the cm said the rioters would be punished and the centre had sent more troops.", "the centre", "INDGOV"),
])
def test_unnamed_people_and_short_offices_of_lower_cased_indian_copy(nlp, text, phrase, code):
    # the story's country from the dateline; the role words make them actors at all
    assert _code(nlp, text, phrase, dateline="Lucknow").code == code


def test_an_unnamed_suspect_takes_the_story_country(nlp):
    m = _code(nlp, "Two suspects were arrested on Sunday after police raided a home, police said.", "Two suspects",
              dateline="Cape Town")
    assert (m.country, m.sector) == ("ZAF", "CRM")


def test_a_titled_name_in_lower_cased_copy_is_a_person_a_later_surname_finds(nlp):
    # the parser tags no person in lower-cased text; the name after the title still names them
    text = ("union minister for rural development m. venkaiah naidu said the case would be heard. "
            "talking to reporters, naidu said the party must wait. the centre agreed.")
    full = _code(nlp, text, "union minister for rural development m. venkaiah naidu", dateline="Hyderabad")
    assert (full.code, full.kind, full.name) == ("INDGOV", "person", "m. venkaiah naidu")
    later = _code(nlp, text, "naidu", dateline="Hyderabad")
    assert (later.code, later.resolved_from) == ("INDGOV", "surname")


@pytest.mark.parametrize("text,phrase,code", [
    ("muslim leaders have welcomed the supreme court's order on the site. the police said so. the city was calm.",
     "the supreme court", "INDJUD"),
    ("the party rejected the commission's decision to postpone the polls. the police said so. the city was calm.",
     "the commission", "INDGOV"),
])
def test_an_office_that_owns_a_thing_is_an_actor_of_its_own(nlp, text, phrase, code):
    assert _code(nlp, text, phrase, dateline="Hyderabad").code == code


@pytest.mark.parametrize("text,phrase,code", [
    ("the mahant said the temple would stay open. the police agreed. the town was calm.", "the mahant", "INDREL"),
    ("two congress mlas walked out of the house. the police agreed. the town was calm.", "two congress mlas", "INDLEG"),
    ("the party said it would not join the talks. the police agreed. the town was calm.", "the party", "IND"),
])
def test_more_actors_of_lower_cased_indian_copy(nlp, text, phrase, code):
    assert (_code(nlp, text, phrase, dateline="Lucknow").code or "").startswith(code)


def test_a_bare_lower_case_word_of_cased_copy_is_still_no_actor(nlp):
    art = Article(id="t-party", body="The president said the party would go on. The Police said so.", dateline=Dateline(place="Lucknow"))
    assert not [m for m in recognize(nlp(art.body), art) if m.text == "the party"]
