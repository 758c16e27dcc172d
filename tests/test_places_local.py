"""Event places below the town: quarters and villages of lower-cased copy, the place a light verb or a
speaking participle gives, the town a local institution is named for, the previous sentence's place.
All sentences are written for these tests."""

from __future__ import annotations

import pytest

from tidings.place import locate
from tidings.records import ActorMention, Article, Dateline, Event


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def _event(text: str, trigger: str, quad: int, index: int = 0, source: ActorMention | None = None) -> Event:
    i = text.index(trigger)
    return Event(
        article_id="a", sentence=text, sentence_index=index, section="body", trigger_text=trigger,
        trigger_start=i, trigger_end=i + len(trigger), plover_type="COERCE", cameo_code="173",
        quad_class=quad, source=source,
    )


def _place(nlp, text: str, trigger: str, quad: int = 4, dateline: str | None = "Surat", source=None):
    ev = _event(text, trigger, quad, source=source)
    art = Article(id="a", body=text, dateline=Dateline(place=dateline), pub_date="2002-03-02")
    locate([ev], nlp(text), art, [source] if source else [])
    return ev.location


def _actor(text: str, phrase: str, kind: str = "group") -> ActorMention:
    i = text.index(phrase)
    return ActorMention(text=phrase, start=i, end=i + len(phrase), country="IND", kind=kind)


def test_quarters_and_villages_of_lower_cased_copy_are_places(nlp) -> None:
    cases = [
        ("police fired six rounds in the bhimpura area late on monday.", "fired", "Bhimpura", None),
        ("a shop was set on fire in the vadgam police station area on friday.", "set on fire", "Vadgam", None),
        ("three activists were detained at the kaliganj crossing on sunday.", "detained", "Kaliganj Crossing", None),
        ("two men were arrested in hapur on tuesday.", "arrested", "Hapur", "hapur"),
    ]
    for text, trigger, name, words in cases:
        loc = _place(nlp, text, trigger)
        assert loc is not None and loc.name == name and loc.country == "IND", text
        if words:
            assert loc.text == words
    # the town a village is in is not where it happened; the village is, in that town's country
    loc = _place(nlp, "a cook was stabbed in the kharivav area of ahmedabad on sunday.", "stabbed")
    assert (loc.name, loc.country, loc.precision) == ("Kharivav", "IND", "locality")


def test_english_words_and_words_of_indian_copy_are_no_places(nlp) -> None:
    for text, trigger in [
        ("the prisoners were held in custody at the jail.", "held"),
        ("the activists sat on a dharna for six hours.", "sat"),
        ("forty workers were detained in the border area on friday.", "detained"),
    ]:
        loc = _place(nlp, text, trigger)
        assert loc is not None and loc.precision == "dateline", text  # the sentence names no place


def test_a_capitalised_quarter_beats_the_city_it_lies_in(nlp) -> None:
    text = "Police raided a house in Kwamashu Heights in Durban on Sunday."
    loc = _place(nlp, text, "raided", dateline="Durban")
    assert loc.name == "Kwamashu Heights" and loc.country == "ZAF" and loc.precision == "locality"


def test_a_light_verb_places_its_event_noun(nlp) -> None:
    loc = _place(nlp, "the army held a flag march in rampur on sunday.", "flag march")
    assert loc.name == "Rampur" and loc.precision == "place"


def test_a_statement_is_placed_where_its_speaker_was_speaking(nlp) -> None:
    text = "union minister ram prasad, speaking at rampur on sunday, condemned the vhp in strong words."
    loc = _place(nlp, text, "condemned", quad=3, dateline="New Delhi")
    assert loc.name == "Rampur"
    # without such a participle a statement stays where the story was filed
    loc = _place(nlp, "union minister ram prasad on sunday condemned the vhp in strong words.", "condemned",
                 quad=3, dateline="New Delhi")
    assert loc.name == "New Delhi" and loc.precision == "dateline"


def test_the_chamber_a_speech_was_made_in(nlp) -> None:
    text = "the prime minister on monday spoke in the lok sabha for an hour."
    loc = _place(nlp, text, "spoke", quad=1, dateline="New Delhi")
    assert loc.name == "Lok Sabha" and loc.country == "IND" and loc.lat is not None


def test_a_local_institution_acts_where_it_is_named_for(nlp) -> None:
    text = "rampur police arrested thirty rioters on sunday."
    loc = _place(nlp, text, "arrested", source=_actor(text, "rampur police"), dateline="Lucknow")
    assert loc.name == "Rampur"
    # a region's government in a datelined story acts from the town the story was filed in
    text = "the gujarat government banned all processions on sunday."
    loc = _place(nlp, text, "banned", source=_actor(text, "the gujarat government", "organisation"),
                 dateline="Ahmedabad")
    assert loc.name == "Ahmedabad"
    # without a dateline, the region
    loc = _place(nlp, text, "banned", source=_actor(text, "the gujarat government", "organisation"), dateline=None)
    assert (loc.name, loc.precision) == ("Gujarat", "admin1")
    # a statement in a datelined story stays at the dateline
    text = "rampur police said the curfew would stay."
    loc = _place(nlp, text, "said", quad=0, source=_actor(text, "rampur police"), dateline="Lucknow")
    assert loc.name == "Lucknow"


def test_an_unplaced_act_takes_the_previous_sentences_place(nlp) -> None:
    text = "in rampur, police fired ten rounds to disperse a mob. the mob injured four policemen."
    fired = _event(text, "fired", 4, index=0)
    injured = _event(text, "injured", 4, index=1)
    art = Article(id="a", body=text, dateline=Dateline(place="Lucknow"), pub_date="2002-03-02")
    locate([fired, injured], nlp(text), art, [])
    assert fired.location.name == "Rampur" and injured.location.name == "Rampur"
    # a statement does not carry over: it was made where the story was filed
    said = _event(text.replace("the mob injured", "the police said"), "said", 0, index=1)
    fired = _event(text, "fired", 4, index=0)
    locate([fired, said], nlp(text.replace("the mob injured", "the police said")), art, [])
    assert said.location.name == "Lucknow"


def _story(nlp, text: str, trigger: str, index: int, quad: int = 4, dateline: str | None = "Lucknow"):
    """The place of one event of a story whose sentence ``index`` holds ``trigger``; no other event."""
    ev = _event(text, trigger, quad, index=index)
    art = Article(id="a", body=text, dateline=Dateline(place=dateline), pub_date="2002-03-02")
    locate([ev], nlp(text), art, [])
    return ev.location


def test_an_act_happens_where_an_earlier_sentence_set_the_scene(nlp) -> None:
    # no event of the first sentence was placed: the scene is the place it names all the same
    text = "police sources said there was heavy stone-pelting in parts of rampur on friday. " \
           "a mob tried to set shops ablaze and was foiled by the police, who fired ten rounds."
    assert _story(nlp, text, "fired", 1).name == "Rampur"
    text = "violence was reported in the kalupur area on sunday. two shops were looted and three men were arrested."
    assert _story(nlp, text, "arrested", 1).name == "Kalupur"
    # two sentences back still
    text = "widespread arson was reported in modasa on tuesday. the mob was large. two persons were killed."
    assert _story(nlp, text, "killed", 2).name == "Modasa"
    # three sentences back the story has moved on: the dateline
    text = "arson was reported in modasa on tuesday. the mob was large. it was late. two persons were killed."
    assert _story(nlp, text, "killed", 3).precision == "dateline"


def test_a_scene_set_in_the_events_own_sentence(nlp) -> None:
    # "X, where ...": the act of the relative clause happened in the place it describes
    text = "curfew remained clamped on rampur, where one person was stabbed on sunday."
    assert _story(nlp, text, "stabbed", 0).name == "Rampur"
    text = "there was also a communal clash in deodhar near palanpur, where four persons were burnt alive."
    assert _story(nlp, text, "burnt", 0).name == "Deodhar"


def test_a_scene_is_not_a_region_when_the_dateline_names_the_town(nlp) -> None:
    text = "The toll of the violence in Gujarat crossed 250 on Friday, the worst in India for years. Mobs burnt forty shops."
    assert _story(nlp, text, "burnt", 1, dateline="Ahmedabad").name == "Ahmedabad"
    # without a dateline the region is all the story tells
    assert _story(nlp, text, "burnt", 1, dateline=None).name == "Gujarat"


def test_a_statement_takes_no_scene(nlp) -> None:
    text = "violence was reported in the kalupur area on sunday. the minister condemned the violence."
    assert _story(nlp, text, "condemned", 1, quad=3).precision == "dateline"


def test_a_region_or_a_countrys_name_yields_to_the_dateline_town(nlp) -> None:
    # the region of the dateline's country the sentence names is what the act is about, or less precise
    for text, trigger, quad in [
        ("the opposition leader hit out at the gujarat government on saturday.", "hit out", 3),
        ("the rjd chief demanded a judicial probe into the gujarat violence.", "demanded", 3),
        ("the opposition parties boycotted the meeting called to discuss the situation in gujarat.", "boycotted", 4),
    ]:
        loc = _place(nlp, text, trigger, quad=quad, dateline="Ahmedabad")
        assert (loc.name, loc.precision) == ("Ahmedabad", "dateline"), text
    # a statement made about a country, in a story filed from a town
    loc = _place(nlp, "the prime minister on sunday asked pakistan to stop the infiltration.", "asked", quad=0,
                 dateline="Shimla")
    assert (loc.name, loc.precision) == ("Shimla", "dateline")
    # a region of another country stays: it is not where the story was filed
    loc = _place(nlp, "Police arrested ten men in Sindh on Friday.", "arrested", dateline="Ahmedabad")
    assert loc.precision != "dateline"
    # without a dateline the region is all there is
    loc = _place(nlp, "the opposition parties boycotted the meeting called to discuss the situation in gujarat.",
                 "boycotted", dateline=None)
    assert loc is None or loc.precision != "dateline"


def test_a_dateline_naming_a_town_and_its_country_or_state(nlp) -> None:
    from tidings.places.locate import dateline_place

    for written, name, country in [("WARSAW, Poland", "Warsaw", "POL"), ("SAN JUAN, Puerto Rico", "San Juan", "PRI"),
                                   ("WESTMINSTER, Calif.", "Westminster", "USA"),
                                   ("Maria Papadopoulou ATHENS", "Athens", "GRC")]:
        loc = dateline_place(written, ())
        assert loc is not None and (loc.name, loc.country) == (name, country), written
    assert dateline_place("Lihang, Qani", ()) is None  # a byline's names, no town
    loc = _place(nlp, "The minister said on Monday that the talks would go on.", "said", quad=0,
                 dateline="MANILA, Philippines")
    assert (loc.name, loc.country, loc.precision) == ("Manila", "PHL", "dateline")
