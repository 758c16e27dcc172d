"""Event locations: gazetteer look-ups, sentence-level choice, actors vs places, the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.place import country_location, locate, lookup_place
from tidings.records import ActorMention, Article, Dateline, Event

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_d3bb04708404b6e2.txt"


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def _event(text: str, trigger: str, quad: int | None = None, **kw) -> Event:
    i = text.index(trigger)
    return Event(
        article_id="a", sentence=text, sentence_index=0, section="body", trigger_text=trigger,
        trigger_start=i, trigger_end=i + len(trigger), plover_type="CONSULT", cameo_code="040",
        quad_class=quad, **kw,
    )


def _locate(nlp, text, trigger, actors=(), dateline=None, quad=None, **kw) -> Event:
    ev = _event(text, trigger, quad, **kw)
    art = Article(id="a", body=text, dateline=Dateline(place=dateline), pub_date="2024-12-05")
    locate([ev], nlp(text), art, list(actors))
    return ev


# --- gazetteer ---------------------------------------------------------------------


def test_lookup_damascus_has_geonames_id_and_coordinates() -> None:
    loc = lookup_place("Damascus")
    assert loc.geonameid == 170654 and loc.country == "SYR" and loc.precision == "place"
    assert loc.lat == pytest.approx(33.51, abs=0.05) and loc.lon == pytest.approx(36.29, abs=0.05)


def test_story_countries_disambiguate() -> None:
    assert lookup_place("Damascus", ["USA"]).country == "USA"  # Damascus, Maryland
    assert lookup_place("Georgia").country == "GEO"
    assert lookup_place("Georgia", ["USA"]).precision == "admin1"


def test_aliases_and_other_spellings() -> None:
    assert lookup_place("Washington").geonameid == 4140963
    assert lookup_place("Kiev").name == "Kyiv"
    assert lookup_place("U.S.").country == "USA"
    assert lookup_place("northern Syria").country == "SYR"
    assert lookup_place("Nowhere-in-particular") is None
    assert lookup_place("") is None


def test_country_location_has_a_centre() -> None:
    loc = country_location("SYR")
    assert loc.precision == "country" and loc.geonameid == 163843
    assert 32 < loc.lat < 37.5 and 35 < loc.lon < 42.5


# --- choosing the place of an event ---------------------------------------------------


def test_place_in_the_events_sentence(nlp) -> None:
    ev = _locate(nlp, "In the Iraqi city of Mosul on Saturday, a roadside bomb killed two soldiers.", "killed")
    assert ev.location.name == "Mosul" and ev.location.precision == "place"


def test_most_specific_place_in_one_phrase(nlp) -> None:
    ev = _locate(nlp, "Police arrested three men on Friday in Durban, South Africa.", "arrested")
    assert ev.location.name == "Durban" and ev.location.country == "ZAF"


def test_country_named_in_sentence_has_country_precision(nlp) -> None:
    ev = _locate(nlp, "Thousands of protesters rallied across Venezuela on Friday.", "rallied")
    assert ev.location.country == "VEN" and ev.location.precision == "country"


def test_capital_as_government_is_not_a_location(nlp) -> None:
    text = "Washington said on Monday it would impose new sanctions on the company."
    i = text.index("Washington")
    actor = ActorMention(text="Washington", start=i, end=i + 10, name="United States", country="USA",
                         sector="GOV", code="USAGOV", kind="state")
    ev = _locate(nlp, text, "said", actors=[actor], source=actor, quad=3)
    assert ev.location.geonameid != 4140963
    assert ev.location.precision == "country" and ev.location.country == "USA"
    # without an actor mention the subject position alone keeps it from being a place
    ev = _locate(nlp, "Moscow rejected the proposal on Tuesday.", "rejected")
    assert ev.location is None


def test_capital_as_place(nlp) -> None:
    ev = _locate(nlp, "Officials from both countries held talks in Washington on Tuesday.", "held")
    assert ev.location.geonameid == 4140963 and ev.location.precision == "place"


def test_country_inside_an_actor_description_is_not_the_location(nlp) -> None:
    text = "The foreign minister met with the Ambassador of Kazakhstan to Lebanon at the ministry."
    ev = _locate(nlp, text, "met", dateline="Damascus")
    assert ev.location.name == "Damascus" and ev.location.precision == "dateline"


def test_no_place_is_not_the_targets_country(nlp) -> None:
    # issue 11: a material act is not placed in its target's home country by default
    text = "Troops shelled the positions overnight."
    src = ActorMention(text="Troops", start=0, end=6, country="RUS", sector="MIL", kind="group")
    tgt = ActorMention(text="the positions", start=15, end=28, country="UKR", sector="MIL", kind="group")
    ev = _locate(nlp, text, "shelled", actors=[src], source=src, target=tgt, quad=4)
    assert ev.location is None
    # a statement without place or dateline is placed where its speaker is
    ev = _locate(nlp, text, "shelled", actors=[src], source=src, target=tgt, quad=3)
    assert ev.location.country == "RUS"


# --- the seed ----------------------------------------------------------------------------


def _seed_events(nlp, article):
    doc = nlp(article.body)
    try:  # the real stages when they exist
        from tidings.actors import recognize
        from tidings.events import extract

        actors = recognize(doc, article, "body")
        events = [e for e in extract(doc, actors, article, "body") if e.sentence_index == 0]
    except ImportError:
        actors, events = [], []
    if not events:
        i = article.body.index("met with")
        events = [Event(article_id=article.id, sentence="", sentence_index=0, section="body",
                        trigger_text="met with", trigger_start=i, trigger_end=i + 8,
                        plover_type="CONSULT", cameo_code="043", quad_class=1)]
    return doc, actors, events


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared")
def test_seed_meeting_is_in_damascus_on_wednesday(nlp) -> None:
    from tidings.ingest import read_inputs
    from tidings.when import resolve_dates

    (article,) = list(read_inputs([str(SEED)], pub_date="2024-12-05"))
    doc, actors, events = _seed_events(nlp, article)
    locate(events, doc, article, actors)
    resolve_dates(events, doc, article)
    meeting = events[0]
    assert meeting.location.name == "Damascus" and meeting.location.geonameid == 170654
    assert meeting.location.lat == pytest.approx(33.51, abs=0.05)
    assert meeting.location.lon == pytest.approx(36.29, abs=0.05)
    assert (meeting.date, meeting.date_text, meeting.date_source) == ("2024-12-04", "on Wednesday", "text")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Soldiers patrolled the streets of Kandahar on Sunday.", "patrolled", "Kandahar"),
        ("In Ramadi, west of Baghdad, troops detained a militia commander.", "detained", "Ramadi"),
        ("Demonstrators marched through central Lisbon on Saturday.", "marched", "Lisbon"),
        ("Gunmen shot two men outside Jamaica's capital on Saturday.", "shot", "Kingston"),  # issue 11: the city
        ("Rebels staged an attack in northern Mali, killing six soldiers.", "killing", "Mali"),
    ],
)
def test_sentence_patterns(nlp, text: str, trigger: str, expected: str) -> None:
    ev = _locate(nlp, text, trigger)
    assert ev.location is not None and ev.location.name == expected


def test_places_in_other_clauses_or_modifiers_are_not_the_events(nlp) -> None:
    # the place belongs to the reported clause, not to the statement
    ev = _locate(nlp, "The ministry said the attack happened in Kandahar.", "said")
    assert ev.location is None
    # a country modifying a common noun is an actor ("a US airstrike"), not the place
    ev = _locate(nlp, "Two commanders were killed in a US airstrike on Monday.", "killed")
    assert ev.location is None  # the attacker's country is not where it happened


def test_a_statement_in_a_datelined_story_is_where_it_was_filed(nlp) -> None:
    # the places a statement talks about are not where it was made
    for text, trigger in [
        ("The party leader condemned the attack on the train at Godhra station.", "condemned"),
        ("The union demanded the dismissal of the state government in Gujarat.", "demanded"),
        ("The African Union on Monday condemned a terror attack by militants in Baidoa town.", "condemned"),
    ]:
        ev = _locate(nlp, text, trigger, dateline="Mumbai", quad=3)
        assert ev.location.name == "Mumbai" and ev.location.precision == "dateline", text
    # the statement's own phrase, or the scene the sentence opens with, is where it was made
    ev = _locate(nlp, "The minister told reporters in Cape Town that the attack was a crime.", "told",
                 dateline="Mumbai", quad=3)
    assert ev.location.name == "Cape Town"
    ev = _locate(nlp, "In Kabul, the governor condemned the attack on the convoy.", "condemned",
                 dateline="Islamabad", quad=3)
    assert ev.location.name == "Kabul"
    # a meeting is where the trigger's own phrase puts it
    ev = _locate(nlp, "The two ministers met in Cairo to discuss the talks in Gaza.", "met", dateline="Mumbai", quad=1)
    assert ev.location.name == "Cairo"
    # a material act keeps the place its sentence gives
    ev = _locate(nlp, "Police arrested twelve men at Godhra station.", "arrested", dateline="Mumbai", quad=4)
    assert ev.location.name == "Godhra"


def test_a_locality_the_gazetteer_does_not_list_is_kept_by_name(nlp) -> None:
    # a town quarter named where the event happened: its name, the story's country, no coordinates
    text = "Police fired tear gas at rioters in Bapunagar on Friday."
    ev = _locate(nlp, text, "fired", dateline="Ahmedabad", quad=4,
                 source=ActorMention(text="Police", start=0, end=6, country="IND", sector="COP", kind="group"))
    assert (ev.location.name, ev.location.country, ev.location.precision) == ("Bapunagar", "IND", "locality")
    assert ev.location.lat is None and ev.location.geonameid is None
    # the quarter is more precise than the listed town it lies in, and takes that town's country
    ev = _locate(nlp, "Police arrested two men in Bapunagar in Ahmedabad on Friday.", "arrested", quad=4)
    assert (ev.location.name, ev.location.country, ev.location.precision) == ("Bapunagar", "IND", "locality")
    # a listed place the event is tied to wins over an unlisted name elsewhere in the sentence
    ev = _locate(nlp, "Police arrested two men in Ahmedabad after a clash near Bapunagar.", "arrested", quad=4)
    assert ev.location.name == "Ahmedabad"
    # an organisation after "in" is no place
    ev = _locate(nlp, "Two leaders resigned in protest against the Congress party.", "resigned", quad=4)
    assert ev.location is None


def test_a_court_named_for_its_town_places_its_act_there(nlp) -> None:
    for text, trigger in [
        ("A pastor briefly appeared in the Lenyenye Magistrate's Court on Wednesday on five charges.", "appeared"),
        ("A Limpopo man was jailed for life by the Mankweng Regional Court on Friday.", "jailed"),
        ("The Ventersdorp Magistrate's Court on Friday denied the five men bail.", "denied"),
    ]:
        ev = _locate(nlp, text, trigger, dateline="Johannesburg", quad=4)
        town = text.split(" Magistrate")[0].split(" Regional")[0].split()[-1]
        assert ev.location.name == town and ev.location.country == "ZAF", text
