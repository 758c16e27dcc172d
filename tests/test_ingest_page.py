"""Plain-text page splitting: headline, dateline, byline, body, boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.ingest import read_inputs
from tidings.ingest.page import find_dateline, looks_like_name, split_page, split_runon
from tidings.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_d3bb04708404b6e2.txt"
EXAMPLES = REPO / "examples"


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")
def test_seed_page_acceptance():
    items = list(read_inputs([str(SEED)], pub_date="2024-12-05"))
    assert len(items) == 1 and isinstance(items[0], Article)
    a = items[0]
    assert a.title == "Al-Mikdad meets with Ambassador of Kazakhstan to Lebanon Rasul Jumali"
    assert a.dateline.place == "Damascus"
    assert a.dateline.agency == "ST"
    assert a.dateline.text == "Damascus, (ST) –"
    assert a.author == "Raghda Sawas"
    assert a.body.startswith("Minister of Foreign Affairs and Expatriates Faisal Al-Mikdad")
    assert a.body.endswith("between Syria and Kazakhstan.")
    assert "Latest news" not in a.body and "Lavrov" not in a.body and "Raghda" not in a.body
    assert "You might also like" in a.boilerplate and "Latest news" in a.boilerplate
    assert any(b.startswith("Lavrov: Russia, Iran, Turkey agreed") and b.endswith("...") for b in a.boilerplate)
    # the run-on strip of headlines is split at its "..." cuts
    assert sum(b.endswith("...") for b in a.boilerplate) >= 8
    # uncut headlines run together are split where a new one opens with "Speaker:"
    assert a.boilerplate[-1] == "Fayyadh: Syria’s security cannot be separated from Iraq’s"
    assert a.pub_date == "2024-12-05" and a.pub_date_source == "cli"
    assert a.language == "en"
    assert a.raw == SEED.read_text(encoding="utf-8")


def test_own_related_links_page_like_seed():
    a = next(iter(read_inputs([str(EXAMPLES / "04_related_links_nairobi.txt")])))
    assert isinstance(a, Article)
    assert a.title == "Ruto holds talks with Ethiopian Prime Minister on border security"
    assert (a.dateline.place, a.dateline.agency) == ("Nairobi", "KT")
    assert a.author == "Wanjiru Kamau"
    assert a.body.startswith("President William Ruto on Monday held talks")
    assert a.body.endswith("called for a ceasefire in Sudan.")
    assert "Gunmen attack bus" not in a.body and "Latest news" not in a.body
    assert a.boilerplate[:2] == ["You might also like", "Latest news"]
    assert any(b.startswith("Police disperse protesters outside Parliament") for b in a.boilerplate)
    assert a.pub_date is None and a.pub_date_source == "none"


@pytest.mark.parametrize(
    "line, place, agency, date",
    [
        ("Damascus, (ST) – Minister met", "Damascus", "ST", None),
        ("BEIRUT (Reuters) - The army said", "BEIRUT", "Reuters", None),
        ("WASHINGTON, Dec. 9 (UPI) -- The United States", "WASHINGTON", "UPI", (None, 12, 9)),
        ("SANA – The ministry condemned", None, "SANA", None),
        ("(AFP) - Troops entered the town", None, "AFP", None),
        ("JOHANNESBURG, May 27 (Sapa) - Police said", "JOHANNESBURG", "Sapa", (None, 5, 27)),
        ("ENTEBBE, Uganda, Dec. 28 (Xinhua) -- Talks resumed", "ENTEBBE, Uganda", "Xinhua", (None, 12, 28)),
        ("SEOUL, South Korea (AP) — Jana won", "SEOUL, South Korea", "AP", None),
        ("Istanbul (dpa) - A journalist", "Istanbul", "dpa", None),
        ("KYIV, 3 March 2025 - Ukraine said", "KYIV", None, (2025, 3, 3)),
        ("Damascus, SANA – The ministry", "Damascus", "SANA", None),
    ],
)
def test_dateline_forms(line, place, agency, date):
    d = find_dateline(line)
    assert d is not None
    assert (d.place, d.agency, d.date) == (place, agency, date)
    rest = line[d.end :]
    assert rest[:1].isupper()  # the dash and spaces are part of the dateline


@pytest.mark.parametrize(
    "line",
    [
        "The minister said on Tuesday that talks would go on.",
        "President Ruto - who arrived late - met the envoy.",
        "Iran reaffirms support (again) for Syria",
        "In Brief: markets",
    ],
)
def test_no_false_datelines(line):
    assert find_dateline(line) is None


def test_byline_and_published_line():
    page = (
        "Police fire tear gas at rally\n\nBy Jane Q. Doe, Staff Reporter\n\nPublished: 14 May 2025\n\n"
        "Police fired tear gas at opposition supporters in the capital on Wednesday, witnesses said.\n\n"
        "The interior minister blamed the organisers for the violence.\n"
    )
    p = split_page(page)
    assert p.title == "Police fire tear gas at rally"
    assert p.author == "Jane Q. Doe"
    assert p.page_date_text == "14 May 2025"
    assert p.body.startswith("Police fired tear gas") and p.body.endswith("for the violence.")
    assert "Published: 14 May 2025" in p.boilerplate


def test_boilerplate_lines_kept_not_dropped():
    page = (
        "Ministers agree on trade corridor\n\n"
        "CAIRO (AFP) - Egypt and Jordan agreed on Sunday to open a new trade corridor, officials said.\n\n"
        "Read more: Egypt and Jordan hold talks\n\n"
        "The deal was signed by the two trade ministers in Cairo after a day of talks.\n\n"
        "Share this article\nTags: Egypt, Jordan\n© 2025 Example News. All rights reserved.\n"
        "Related\nEgypt hosts summit on Gaza\nJordan king visits Washington\nNile dam talks stall again...\n"
    )
    p = split_page(page)
    assert p.body.startswith("Egypt and Jordan agreed on Sunday")
    assert p.body.endswith("after a day of talks.")
    assert "Read more" not in p.body
    for line in ("Read more: Egypt and Jordan hold talks", "Share this article", "Tags: Egypt, Jordan",
                 "Related", "Jordan king visits Washington", "Nile dam talks stall again..."):
        assert line in p.boilerplate
    assert any(b.startswith("©") for b in p.boilerplate)


def test_subheading_inside_story_stays_in_body():
    page = (
        "Parliament passes budget\n\n"
        "The parliament passed the budget on Friday after a long debate among the parties.\n\n"
        "Opposition walks out\n\n"
        "Opposition members walked out before the vote, accusing the speaker of bias.\n"
    )
    p = split_page(page)
    assert "Opposition walks out" in p.body
    assert p.body.endswith("accusing the speaker of bias.")


def test_flattened_wire_copy_with_tags():
    text = (
        "Two held over arms cache Thandi Mokoena PRETORIA, March 3 (ANA) - Police arrested two men on "
        "Monday after finding rifles in a house, a spokesman said. The men will appear in court on "
        "Wednesday. Sapa-AFP /np/kn"
    )
    p = split_page(text)
    assert p.title == "Two held over arms cache"
    assert p.author == "Thandi Mokoena"
    assert (p.dateline.place, p.dateline.agency) == ("PRETORIA", "ANA")
    assert p.body.startswith("Police arrested two men")
    assert p.body.endswith("court on Wednesday.")
    assert "Sapa-AFP /np/kn" in p.boilerplate


def test_trailing_agency_tag_sets_agency_when_no_dateline():
    text = "Police said on Tuesday that three suspects had been arrested after the attack on the station. Sapa /kn/jje"
    p = split_page(text)
    assert p.dateline.agency == "Sapa"
    assert p.body.endswith("attack on the station.")
    assert p.boilerplate == ["Sapa /kn/jje"]


def test_dpa_editorial_contacts_give_author():
    text = (
        "Istanbul (dpa) - A journalist has left the country, she told dpa on Monday, citing threats. "
        "She said she would keep writing. ## Editorial contacts - Reporting by: Anna Berg - Editing by: Tom Li, dpa ab tl"
    )
    p = split_page(text)
    assert p.author == "Anna Berg"
    assert p.body.endswith("keep writing.")
    assert p.boilerplate and p.boilerplate[-1].startswith("## Editorial contacts")


def test_lone_name_detection():
    assert looks_like_name("Raghda Sawas")
    assert looks_like_name("Mary-Jane O'Neil")
    assert not looks_like_name("Latest news")
    assert not looks_like_name("South Africa")
    assert not looks_like_name("Public Relations Unit")
    assert not looks_like_name("Talks end.")


def test_split_runon():
    line = "Army retakes town in the north, st... Minister meets envoy on aid deli... Talks resume in Geneva"
    assert split_runon(line) == ["Army retakes town in the north, st...", "Minister meets envoy on aid deli...",
                                 "Talks resume in Geneva"]


def test_split_runon_at_speaker_headlines():
    line = (
        "Army retakes town in the north, st... Minister meets envoy on aid deli... "
        "Floods hit the coastal provinces Guterres: Ceasefire must hold in the south of Lebanon"
    )
    assert split_runon(line)[-2:] == ["Floods hit the coastal provinces", "Guterres: Ceasefire must hold in the south of Lebanon"]
    # "of the Republic:" is inside one headline
    line2 = "Talks end in Doha, wi... Ministers meet in Cairo ag... Office of the Presidency: talks to resume"
    assert split_runon(line2)[-1] == "Office of the Presidency: talks to resume"


def test_no_headline_when_page_starts_with_story():
    text = "The US Supreme Court on Monday refused to hear an appeal by the company against the ban, which it said was unlawful."
    p = split_page(text)
    assert p.title is None
    assert p.body == text


@pytest.mark.parametrize(
    "line, place",
    [
        ("DUBAI: The UAE and Oman signed a border agreement on Monday.", "DUBAI"),
        ("RESULTS: Premier League results and standings for the weekend.", None),
        ("WARNINGS: Heavy rain is expected in the east.", None),
    ],
)
def test_colon_datelines_only_for_known_places(line, place):
    d = find_dateline(line)
    assert (d.place if d else None) == place


def test_wire_desk_furniture_in_flattened_copy():
    text = (
        "REFORMS (AP Photos TOK101-103) By HANS GREIMEL The finance minister urged the central bank on "
        "Tuesday to raise rates, officials said. He met the governor in Tokyo. - African News Agency (ANA); "
        "Editing by Jo Bloggs"
    )
    p = split_page(text)
    assert p.title == "REFORMS"
    assert p.author == "Hans Greimel"
    assert p.body.startswith("The finance minister urged") and p.body.endswith("the governor in Tokyo.")
    assert "(AP Photos TOK101-103)" in p.boilerplate
    assert p.dateline.agency == "ANA"
    assert any("Editing by Jo Bloggs" in b for b in p.boilerplate)


def test_slug_and_desk_byline_before_inline_dateline():
    text = (
        "RUGBY-KENYA: Kenya name squad for sevens series ANA Sports Reporter NAIROBI, May 25 (ANA) – "
        "Kenya named a squad of 13 players on Wednesday for the world sevens series, the union said."
    )
    p = split_page(text)
    assert p.title == "Kenya name squad for sevens series"
    assert p.author == "ANA Sports Reporter"
    assert (p.dateline.place, p.dateline.agency, p.dateline_date) == ("NAIROBI", "ANA", (None, 5, 25))
    assert p.boilerplate[0] == "RUGBY-KENYA"


def test_press_release_header_in_flattened_text():
    text = (
        "Issued by: Department of Health Attention: News Editors For immediate release: 10 April 2006 "
        "MEASLES CAMPAIGN LAUNCHED The minister of health launched a national measles campaign on Monday "
        "in Pretoria, the department said."
    )
    p = split_page(text)
    assert p.title == "MEASLES CAMPAIGN LAUNCHED"
    assert p.author == "Department of Health"
    assert p.page_date_text == "10 April 2006"
    assert p.body.startswith("The minister of health launched")


def test_byline_line_kept_in_boilerplate():
    page = "Talks collapse in Geneva\n\nBy Ana Lopez, Diplomatic Correspondent\n\nThe talks between the two delegations collapsed on Friday, diplomats said.\n"
    p = split_page(page)
    assert p.author == "Ana Lopez"
    assert "By Ana Lopez, Diplomatic Correspondent" in p.boilerplate


def test_multiword_capital_dateline_keeps_whole_city():
    # the longest known city at the end of a shouted run: Port Elizabeth, not Elizabeth (New Jersey)
    from tidings.ingest.page import find_dateline_inside

    for text, place in [
        ("Judgment expected in appeal Sipho Dlamini PORT ELIZABETH, July 31 (ANA) - The judge will rule today.", "PORT ELIZABETH"),
        ("Two held after raid Jane Doe CAPE TOWN, Oct 24 (ANA) - Police said the men were held.", "CAPE TOWN"),
        ("Floods hit the city By Ana Lima SAO PAULO (AP) - Heavy rain fell on the city on Monday night.", "SAO PAULO"),
    ]:
        d = find_dateline_inside(text)
        assert d is not None and d.place == place


def test_lower_cased_copy_keeps_its_dateline_and_furniture_line():
    from tidings.ingest.page import split_lead

    parts, cut = split_lead("new delhi: the ruling party on friday attacked the opposition in parliament over the vote.")
    assert cut and parts.dateline.place == "New Delhi" and parts.body.startswith("the ruling party")
    parts, cut = split_lead("This story is from May 2, 2003\n\nlucknow: the state police arrested four men on monday in the city.")
    assert cut and parts.dateline.place == "Lucknow" and parts.boilerplate == ["This story is from May 2, 2003"]
    # a label is no dateline: only known cities count
    parts, cut = split_lead("results: the team won the match on sunday by three goals to one after a long game")
    assert not cut and parts.dateline.place is None


def test_lower_cased_dateline_by_a_citys_old_name_or_without_its_accents():
    from tidings.ingest.page import split_lead

    # "bangalore" is Bengaluru's old name, "rajkot" the table's "Rājkot", "ahmedabad :" a spaced colon
    for text, place in [
        ("bangalore: the state government on tuesday banned the rally planned in the city for the weekend.", "Bangalore"),
        ("rajkot: the chief minister on saturday blamed the opposition for the trouble in the state.", "Rajkot"),
        ("ahmedabad : a mob attacked a convoy of five vehicles on the highway late on friday night.", "Ahmedabad"),
    ]:
        parts, cut = split_lead(text)
        assert cut and parts.dateline.place == place, text
    # a one-word name a small town is also called is still no dateline
    parts, cut = split_lead("market: shares of the company fell sharply on monday after the results were announced")
    assert not cut and parts.dateline.place is None


@pytest.mark.parametrize("text,place,rest", [
    ("bangalore: the seer on sunday appealed to the council to defer the agitation.", "Bangalore", "the seer"),
    ("rajkot: an unidentified caller informed the city police on wednesday morning.", "Rajkot", "an unidentified"),
    ("ahmedabad : in a shocking incident, a mob set fire to a convoy of five vehicles.", "Ahmedabad", "in a shocking"),
    ("mumbai:the state legislature has constituted eleven standing committees this week.", "Mumbai", "the state"),
    ("ahmedabad/vadodara: stray incidents of violence marred the otherwise peaceful day.", "Ahmedabad", "stray"),
])
def test_lower_cased_dateline_of_a_town_the_gazetteer_knows(text, place, rest):
    # towns outside the small city list (an alternate name, "bangalore"), spacing variants, two towns
    from tidings.ingest.page import split_lead

    parts, cut = split_lead(text)
    assert cut and parts.dateline.place == place and parts.body.startswith(rest)


@pytest.mark.parametrize("text", [
    "report: the committee met on friday and agreed to meet again next month in the capital.",
    "warning: heavy rain is expected over the weekend in the eastern parts of the province.",
])
def test_lower_cased_label_is_no_dateline_even_when_a_loose_spelling_is_a_town(text):
    from tidings.ingest.page import split_lead

    parts, cut = split_lead(text)
    assert not cut and parts.dateline.place is None


def test_learned_scorer_drops_related_links_and_keeps_last_short_paragraph():
    page = (
        "World\nAfrica\nMiddle East\nEurope\n"
        "Drone strike hits power station in Kharkiv region\n"
        "KYIV, Nov 12 (Reuters) - A drone struck a power station in Ukraine's Kharkiv region overnight, "
        "cutting electricity to thousands of homes, the regional governor said on Wednesday.\n"
        "Repair crews were working to restore supplies, he said, adding that no one was hurt in the strike.\n"
        "Moscow denied targeting civilian infrastructure.\n"
        "Read Next\nHungary blocks EU statement on sanctions\nPoland to build new border fence\nMarkets\nBusiness\n"
    )
    p = split_page(page)
    assert p.title == "Drone strike hits power station in Kharkiv region"
    assert p.body.endswith("Moscow denied targeting civilian infrastructure.")
    assert "Poland to build new border fence" not in p.body
    assert "Poland to build new border fence" in p.boilerplate


def test_press_release_letterhead_is_not_headline():
    page = (
        "Department of Foreign Affairs\nRepublic of the Philippines\nPress Releases\n"
        "Philippines Protests Harassment of Fishermen Near Scarborough Shoal\n"
        "The Department of Foreign Affairs has lodged a diplomatic protest over the harassment of Filipino "
        "fishermen by coast guard vessels near Scarborough Shoal on Tuesday.\n"
        "The Department called on all parties to refrain from actions that raise tensions in the area.\n"
    )
    p = split_page(page)
    assert p.title == "Philippines Protests Harassment of Fishermen Near Scarborough Shoal"
    assert "Republic of the Philippines" in p.boilerplate
