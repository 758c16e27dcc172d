"""Actor stage: stand-alone resolution, recognition in parsed text, user tables, PETRARCH input, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.actors import actor_for_span, configure, recognize, resolve_text
from tidings.records import Article, Dateline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


@pytest.fixture(autouse=True)
def _default_tables():
    configure()
    yield
    configure()


def _find(mentions, text):
    for m in mentions:
        if m.text == text:
            return m
    raise AssertionError(f"no mention {text!r} in {[m.text for m in mentions]}")


# --- resolve_text: the hard cases ------------------------------------------------


def test_of_x_to_y_is_x():
    m = resolve_text("Ambassador of Kazakhstan to Lebanon Rasul Jumali")
    assert (m.country, m.sector, m.code) == ("KAZ", "GOV", "KAZGOV")
    assert m.name == "Rasul Jumali" and m.role == "ambassador" and m.kind == "person"
    m = resolve_text("Russia’s ambassador to Poland")
    assert m.country == "RUS" and m.sector == "GOV"
    # the host country alone does not make the envoy its own
    assert resolve_text("the ambassador to Lebanon").country is None


def test_un_coordinator_in_syria_is_the_un():
    m = resolve_text("UN Resident and Humanitarian Coordinator in Syria")
    assert m.country is None
    assert m.sector == "IGO" and m.code.startswith("IGOUNO")


def test_israeli_occupation_forces():
    m = resolve_text("Israeli occupation forces")
    assert (m.country, m.sector, m.code) == ("ISR", "MIL", "ISRMIL")


@pytest.mark.parametrize(
    "text,country,sector",
    [
        ("Kazakh", "KAZ", None),
        ("U.S.", "USA", None),
        ("Britain", "GBR", None),
        ("Syrian soldiers", "SYR", "MIL"),
        ("the rebel FDLR force", "RWA", "REB"),
        ("Kyiv police", "UKR", "COP"),
        ("president of the Riigikogu", "EST", "LEG"),
        ("Chile's Ministry of Mines", "CHL", "GOV"),
        ("the Mongolian President", "MNG", "GOV"),
        ("a group of tourists", None, "CVL"),
        ("Several of the largest trade unions in Denmark", "DNK", "LAB"),
        ("Boko Haram gunmen", "NGA", "REB"),
        ("ordinary Kazakhs", "KAZ", "CVL"),
        ("Abkhazia", "GEO", "PRE"),
        ("Ousted President Askar Akayev", "KGZ", "ELI"),
        ("NATO-member Norway", "NOR", None),
    ],
)
def test_general_rules(text, country, sector):
    m = resolve_text(text)
    assert m is not None
    assert (m.country, m.sector) == (country, sector)


def test_capital_alone_is_the_government():
    m = resolve_text("Washington")
    assert (m.country, m.sector, m.code, m.kind, m.resolved_from) == ("USA", "GOV", "USAGOV", "state", "capital")


def test_igo_and_ngo_codes():
    assert resolve_text("the World Bank").code.startswith("IGO")
    assert resolve_text("WHO").country is None
    assert resolve_text("who") is None  # the pronoun is not the organisation
    assert resolve_text("Amnesty International").sector == "NGO"
    assert resolve_text("the European Union").code == "IGOEUR"


def test_nothing_to_code_is_none():
    assert resolve_text("") is None
    assert resolve_text("   ") is None
    assert resolve_text("the weather") is None
    assert resolve_text("he") is None


# --- recognize over a parse ------------------------------------------------------


def test_ambassador_phrase_is_one_mention(nlp):
    text = "The minister met the Ambassador of Kazakhstan to Lebanon Rasul Jumali on Wednesday."
    doc = nlp(text)
    ms = recognize(doc)
    m = _find(ms, "the Ambassador of Kazakhstan to Lebanon Rasul Jumali")
    assert (m.code, m.role, m.name, m.kind) == ("KAZGOV", "ambassador", "Rasul Jumali", "person")
    assert text[m.start : m.end] == m.text
    # no separate Kazakhstan or Lebanon mention inside it
    assert not [x for x in ms if x is not m and m.start <= x.start < m.end]
    # the event stage asks for the noun phrase head area
    assert actor_for_span(ms, m.start + 4, m.start + 14) is m


def test_minister_country_from_dateline(nlp):
    body = ("Minister of Foreign Affairs and Expatriates Karim Haddad on Tuesday received a delegation. "
            "Haddad stressed the importance of cooperation.")
    art = Article(id="t", body=body, dateline=Dateline(place="Damascus", agency="ST", text="Damascus, (ST) –"))
    ms = recognize(nlp(body), art)
    m = _find(ms, "Minister of Foreign Affairs and Expatriates Karim Haddad")
    assert (m.country, m.sector, m.code, m.name) == ("SYR", "GOV", "SYRGOV", "Karim Haddad")
    assert m.resolved_from == "dateline"
    later = _find(ms, "Haddad")
    assert (later.country, later.sector, later.resolved_from) == ("SYR", "GOV", "surname")


def test_minister_country_from_other_mentions_without_dateline(nlp):
    body = ("Syria will not accept foreign pressure, the Minister of Foreign Affairs Karim Haddad said in Damascus. "
            "Syria has long rejected such demands, and Syria wants talks.")
    ms = recognize(nlp(body), Article(id="t", body=body))
    m = [x for x in ms if x.name == "Karim Haddad"][0]
    assert m.country == "SYR" and m.sector == "GOV" and m.resolved_from == "story"


def test_un_coordinator_in_text_is_not_syria(nlp):
    text = "UN Resident and Humanitarian Coordinator in Syria said the reports were false."
    ms = recognize(nlp(text))
    m = ms[0]
    assert m.text == "UN Resident and Humanitarian Coordinator in Syria"
    assert m.country is None and m.code.startswith("IGOUNO")


def test_occupation_forces_in_text(nlp):
    text = "Israeli occupation forces raid Kamal Adwan hospital in Gaza."
    ms = recognize(nlp(text))
    m = _find(ms, "Israeli occupation forces")
    assert (m.country, m.sector, m.kind) == ("ISR", "MIL", "group")
    assert actor_for_span(ms, 0, len("Israeli occupation forces")) is m


def test_capital_as_speaker_but_not_as_place(nlp):
    doc = nlp("Washington said on Monday it would send more troops. The talks were held in Moscow.")
    ms = recognize(doc)
    w = _find(ms, "Washington")
    assert (w.code, w.kind, w.resolved_from) == ("USAGOV", "state", "capital")
    mo = _find(ms, "Moscow")
    assert mo.kind == "place" and mo.sector is None
    it = _find(ms, "it")
    assert it.country == "USA" and it.resolved_from == "pronoun"


def test_country_in_locative_is_a_place(nlp):
    ms = recognize(nlp("Rebels attacked police in Kabul. Iran said it supports Syria."))
    police = _find(ms, "police in Kabul")
    assert (police.country, police.sector) == ("AFG", "COP")
    syria = _find(ms, "Syria")
    assert syria.kind == "state" and syria.code == "SYR"


def test_role_only_mention_takes_the_person(nlp):
    body = "Syrian Foreign Minister Faisal Mekdad met UN envoy Geir Pedersen. The minister told him that talks would go on."
    ms = recognize(nlp(body))
    minister = _find(ms, "The minister")
    # the people table spells him as SANA does; the short mention takes the full one
    assert (minister.name, minister.country, minister.resolved_from) == ("Faisal Al-Mikdad", "SYR", "role")
    him = _find(ms, "him")
    assert him.code.startswith("IGO") and him.resolved_from == "pronoun"


def test_empty_and_odd_docs(nlp):
    assert recognize(nlp("")) == []
    assert isinstance(recognize(nlp("!!! ... ???")), list)
    recognize(nlp("THE SOUTH AFRICAN WEATHER SERVICE: FINE AND WARM. NIL."))


def test_actor_for_span_prefers_actor_over_place():
    from tidings.records import ActorMention

    place = ActorMention("Syria", 40, 45, country="SYR", kind="place", confidence=0.4)
    actor = ActorMention("UN Coordinator in Syria", 25, 45, country=None, sector="IGO", code="IGOUNO",
                         kind="person", confidence=0.9)
    assert actor_for_span([place, actor], 40, 45) is actor
    assert actor_for_span([place], 40, 45) is place
    assert actor_for_span([place, actor], 0, 10) is None


# --- user tables and PETRARCH dictionaries ------------------------------------


def test_user_csv_table(tmp_path, nlp):
    f = tmp_path / "mine.csv"
    f.write_text(
        "# columns: text,country,sector,name,kind,role,code\n"
        "text,country,sector,name,kind,role,code\n"
        "Zorgan Liberation Front|ZLF,SYR,REB,Zorgan Liberation Front,organisation,,\n"
        "Ayla Demir,TUR,GOV,Ayla Demir,person,trade minister,\n",
        encoding="utf-8",
    )
    assert resolve_text("ZLF") is None or resolve_text("ZLF").country != "SYR"
    configure(actor_files=[str(f)])
    m = resolve_text("ZLF")
    assert (m.country, m.sector, m.code) == ("SYR", "REB", "SYRREB")
    ms = recognize(nlp("Ayla Demir said the Zorgan Liberation Front had attacked. She condemned it."))
    ayla = _find(ms, "Ayla Demir")
    assert (ayla.country, ayla.sector, ayla.kind) == ("TUR", "GOV", "person")
    she = _find(ms, "She")
    assert she.name == "Ayla Demir"
    configure()
    assert resolve_text("Ayla Demir").country is None


def test_bad_user_table_raises_clearly(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("name;country\nfoo;bar\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        configure(actor_files=[str(f)])
    with pytest.raises(FileNotFoundError):
        configure(actor_files=[str(tmp_path / "missing.csv")])


PETRARCH_FIXTURE = """\
# a tiny dictionary in PETRARCH/Phoenix actor format, written for this test
ZORGANIA_  [ZRG]
+ZORGANIAN_

NORVANIA_
+NORVANIAN_
	[USRNVN <910101]
	[NOR >910101]

ELIAS_VANTERPOOL_  # CountryInfo.txt
+E._VANTERPOOL_
	[NORGOV 990101-050101]
	[NORELI >050101]

GREEN_HAND_BRIGADE_ [NORREB] # made up
+GHB_
"""

AGENTS_FIXTURE = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
TOLL_COLLECTOR [~GOV]
SHEEP!PERSON! [~AGR]
NEWSCASTER [~MED]
"""


def test_petrarch_fixture(tmp_path):
    actors = tmp_path / "Tiny.actors.txt"
    actors.write_text(PETRARCH_FIXTURE, encoding="utf-8")
    agents = tmp_path / "Tiny.agents.txt"
    agents.write_text(AGENTS_FIXTURE, encoding="utf-8")
    configure(petrarch_paths=[str(actors), str(agents)])
    m = resolve_text("Elias Vanterpool")
    assert (m.country, m.sector, m.code, m.kind) == ("NOR", "ELI", "NORELI", "person")
    m = resolve_text("Norvanian")  # the open-ended current code wins over the dated one
    assert m.country == "NOR"
    m = resolve_text("Green Hand Brigade fighters")
    assert (m.country, m.sector) == ("NOR", "REB")
    m = resolve_text("Norwegian toll collectors")
    assert (m.country, m.sector) == ("NOR", "GOV")
    assert resolve_text("sheepmen").sector == "AGR"  # SHEEP!PERSON! with !PERSON! = MAN, MEN, ...
    assert resolve_text("a newscaster").sector == "JRN"  # CAMEO MED (media) is PLOVER JRN
    # built-in knowledge stays: the dictionary adds, it does not replace
    assert resolve_text("Israeli occupation forces").code == "ISRMIL"


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")
def test_phoenix_dictionaries_load():
    configure(petrarch_paths=[str(SHARED / "dictionaries" / "petrarch2")])
    m = resolve_text("Ban Ki-moon")
    assert m.country is None and m.code.startswith("IGO")
    m = resolve_text("Abu Nidal Organization")
    assert m.code.startswith("IMG")


# --- CLI -----------------------------------------------------------------------


def test_cli_actor_json():
    from typer.testing import CliRunner

    from tidings.cli import app

    r = CliRunner().invoke(app, ["actor", "Israeli occupation forces", "blah blah", "Washington", "--json"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.output.strip().splitlines()]
    assert [x["text"] for x in lines] == ["Israeli occupation forces", "blah blah", "Washington"]
    assert (lines[0]["country"], lines[0]["sector"], lines[0]["code"]) == ("ISR", "MIL", "ISRMIL")
    assert lines[1]["country"] is None and lines[1]["code"] is None
    assert lines[2]["code"] == "USAGOV"
    assert set(lines[0]) >= {"country", "sector", "code", "name", "role"}


def test_cli_actor_plain_and_tables(tmp_path):
    from typer.testing import CliRunner

    from tidings.cli import app

    f = tmp_path / "mine.tsv"
    f.write_text("text\tcountry\tsector\nBlue Wardens\tBRA\tPRM\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["actor", "Blue Wardens", "the Kazakh ambassador", "--actors", str(f)])
    assert r.exit_code == 0, r.output
    out = r.output.strip().splitlines()
    assert len(out) == 2 and "code=BRAPRM" in out[0] and "code=KAZGOV" in out[1]
    r = CliRunner().invoke(app, ["actor", "x", "--actors", str(tmp_path / "nope.csv")])
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_shipped_example_user_table_loads():
    from importlib import resources

    path = resources.files("tidings.data.actors").joinpath("user_actors_example.csv")
    configure(actor_files=[str(path)])
    m = resolve_text("ZLF fighters")
    assert (m.country, m.sector, m.name) == ("SYR", "REB", "Zorgan Liberation Front")
    assert resolve_text("Northern Water Board").code == "IGOWTR"


def test_misspelt_country_in_stand_alone_string():
    assert resolve_text("Ethopia").country == "ETH"
    assert resolve_text("Harvard") is None or resolve_text("Harvard").country is None
    assert resolve_text("Stanley Johnson").country is None  # a first name, not the Falklands' capital


# --- wire-copy audit: Korean short forms, sector-only domestic actors, sport, prices ----------------


@pytest.mark.parametrize("text", ["DPR Korea", "D.P.R.K.", "DPRK", "Democratic People's Republic of Korea"])
def test_dpr_korea_is_north_korea_not_donetsk(text):
    m = resolve_text(text)
    assert m is not None and m.country == "PRK" and m.sector != "PRE"


def test_dpr_alone_is_still_donetsk_and_rok_is_south_korea():
    assert resolve_text("DPR").sector == "PRE"
    assert resolve_text("ROK").country == "KOR"


def test_dpr_korea_ministry_in_text(nlp):
    text = "DPR Korea's foreign ministry condemned the drills on Friday."
    m = _find(recognize(nlp(text), Article(id="dprk", body=text)), "DPR Korea's foreign ministry")
    assert (m.country, m.sector) == ("PRK", "GOV")


def test_sector_only_actors_take_the_dateline_country(nlp):
    text = ("Police said on Tuesday they had arrested 12 protesters. The government blamed the opposition. "
            "Parliament voted on Monday.")
    art = Article(id="dl-sector", body=text, dateline=Dateline(place="NAIROBI"))
    ms = recognize(nlp(text), art)
    for t, sector in [("Police", "COP"), ("The government", "GOV"), ("the opposition", "OPP"), ("Parliament", "LEG")]:
        m = _find(ms, t)
        assert (m.country, m.sector, m.resolved_from) == ("KEN", sector, "dateline")
        assert m.confidence <= 0.6


def test_sector_only_actor_without_dateline_or_story_stays_countryless(nlp):
    text = "Police said on Tuesday they had arrested 12 protesters."
    m = _find(recognize(nlp(text), Article(id="no-dl", body=text)), "Police")
    assert m.country is None and m.sector == "COP"


def test_sector_only_actor_takes_the_dominant_story_country(nlp):
    text = ("Nigeria said on Monday it would hold talks. Nigeria and its neighbours met in Abuja. "
            "Police later arrested two men.")
    m = _find(recognize(nlp(text), Article(id="story-sector", body=text)), "Police")
    assert (m.country, m.resolved_from) == ("NGA", "story")


@pytest.mark.parametrize("text", ["head coach Gareth Southgate", "the national team's head coach",
                                  "Manchester United manager Erik ten Hag", "coach Carlo Ancelotti"])
def test_sports_coaches_and_managers_are_not_government(text):
    m = resolve_text(text)
    assert m is not None and m.sector not in ("GOV", "MIL")


def test_brent_is_oil_not_a_person(nlp):
    assert resolve_text("Brent") is None
    assert resolve_text("Brent Scowcroft").kind == "person"
    text = "Brent rose 2 percent on Monday after Saudi Arabia cut output."
    ms = recognize(nlp(text), Article(id="brent", body=text))
    assert all(m.text != "Brent" for m in ms)


# --- phrase boundaries in wire copy ---------------------------------------------------------------


def _coded(nlp, text):
    return recognize(nlp(text), Article(id=str(abs(hash(text))), body=text))


def test_hyphenated_title_at_sentence_start_is_not_a_dateline(nlp):
    ms = _coded(nlp, "U.N. Secretary-General Kofi Annan announced on Monday that he will withdraw inspectors.")
    m = _find(ms, "U.N. Secretary-General Kofi Annan")
    assert m.code == "IGOUNO" and m.sector == "IGO"
    he = _find(ms, "he")
    assert he.code == "IGOUNO"


def test_time_adverb_is_not_part_of_a_name(nlp):
    ms = _coded(nlp, "Pakistan President Mohammad Zia-Ul-Haq today rejected a fresh offer for talks.")
    m = _find(ms, "Pakistan President Mohammad Zia-Ul-Haq")
    assert (m.country, m.sector) == ("PAK", "GOV")


def test_titled_name_of_a_state(nlp):
    ms = _coded(nlp, "King Hassan of Morocco was quoted today as saying he would be ready to host a meeting.")
    m = _find(ms, "King Hassan of Morocco")
    assert (m.country, m.sector) == ("MAR", "GOV")
    assert _find(ms, "he").country == "MAR"


def test_misspelt_country_in_running_text(nlp):
    m = _find(_coded(nlp, "Ethopia has agreed to re-open its borders to UN peacekeepers."), "Ethopia")
    assert m.country == "ETH" and m.resolved_from == "spelling"
    ms = _coded(nlp, "Quatar's emir, Sheikh Hamad bin Khalifa al-Thani launched a mediation effort on Saturday.")
    assert any(x.country == "QAT" and x.sector == "GOV" for x in ms)


def test_near_miss_words_are_not_respelt_in_text(nlp):
    ms = _coded(nlp, "Indiana Governor Mike Pence said on Monday he would sign the bill.")
    assert all(m.country != "IND" for m in ms)


def test_coordinated_demonym_shares_the_role_of_its_noun(nlp):
    ms = _coded(nlp, "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.")
    h = _find(ms, "Hungarian")
    assert (h.country, h.sector) == ("HUN", "GOV")
    assert _find(ms, "Romanian officials").country == "ROU"


@pytest.mark.parametrize("text,role", [("Vice-President Moody Awori", "vice president"),
                                       ("Chinese Vice-Premier Li Keqiang", "vice premier")])
def test_hyphenated_deputy_titles(text, role):
    m = resolve_text(text)
    assert m.role == role and m.sector == "GOV"


def test_named_body_inside_a_possessed_phrase_is_its_own_actor(nlp):
    ms = _coded(nlp, "Greece bluntly demanded that its European Community partners refuse to recognize the name.")
    assert _find(ms, "its").country == "GRC"
    assert _find(ms, "European Community").code == "IGOEUR"
