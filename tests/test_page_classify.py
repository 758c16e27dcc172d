"""The learned line scorer's parts: tree models read from JSON, stage-two features, the headline
ranker's view of deks and captions, cookie notices as furniture."""

from __future__ import annotations

from tidings.ingest.page import classify, split_page
from tidings.ingest.page.features import context_features, line_features, main_block
from tidings.ingest.page.lines import _lines
from tidings.ingest.patterns import furniture_kind


def test_tree_model_is_read_from_json(monkeypatch):
    # one stump on feature 1 (x <= 0.5 -> -2, else +2), plus a regression term on feature 0
    model = {"m": {"intercept": 0.0, "rate": 1.0, "trees": [[[1, -2, -2], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [0, -2.0, 2.0]]],
                   "mean": [0.0], "scale": [1.0], "coef": [1.0]}}
    monkeypatch.setattr(classify, "_model", lambda: model)
    assert classify._apply("m", [0.0, 0.0]) < 0.2
    assert classify._apply("m", [0.0, 1.0]) > 0.8
    assert abs(classify._apply("m", [2.0, 0.0]) - 0.5) < 1e-9  # 2 - 2 = 0 on the log-odds


PAGE = (
    "Home\nWorld\nSport\n"
    "Floods cut off villages in northern Bangladesh\n"
    "Rescue boats reach stranded families in Sunamganj district on Tuesday.\n"
    "Heavy rain has cut off hundreds of villages in northern Bangladesh, officials said on Tuesday, "
    "as rivers burst their banks after a week of monsoon downpours across the region.\n"
    "The disaster management ministry said more than 200,000 people were stranded and that army "
    "boats were taking food and drinking water to the worst-hit districts near the Indian border.\n"
    "Forecasters expect more rain this week.\n"
    "Related\nCyclone season begins early\nPrices of rice climb again\n"
)


def test_context_features_see_the_main_block():
    lines = _lines(PAGE)
    x1 = line_features(lines, 0, [])
    assert len(x1) == len(lines) and len({len(x) for x in x1}) == 1
    probs = [0.9 if len(ln.text.split()) >= 8 else 0.1 for ln in lines]
    block = main_block(lines, probs)
    assert block is not None and lines[block[0]].text.startswith("Rescue boats")
    x2 = context_features(lines, probs)
    inside = [x[3] for x in x2]
    assert inside[block[0]] == 1.0 and inside[0] == 0.0 and inside[-1] == 0.0
    # a line far from the block is further off than one next to it
    assert x2[0][4] > x2[3][4]


def test_dek_and_caption_are_not_the_headline():
    p = split_page(PAGE)
    assert p.title == "Floods cut off villages in northern Bangladesh"
    assert "Cyclone season begins early" not in p.body
    page = (
        "News\nScience\n"
        "Scientists spot water vapour on a distant moon\n"
        "This image of the icy moon rising above Jupiter's cloud tops was taken by a probe (AP Photo/NASA)\n"
        "Astronomers using a telescope in Hawaii say they have found water vapour above the surface of "
        "Jupiter's moon Europa, adding to evidence of an ocean under its ice shell.\n"
        "The team said the vapour appeared in only one of seventeen nights of observations, suggesting "
        "that plumes of water break out from the moon only from time to time.\n"
    )
    assert split_page(page).title == "Scientists spot water vapour on a distant moon"


def test_cookie_notice_is_furniture():
    assert furniture_kind("This website uses cookies to improve your experience. We'll assume you're ok with this.") == "cookie"
    assert furniture_kind("We use cookies to personalise content and ads.") == "cookie"
    assert furniture_kind("The company said it uses cookies to track shoppers.") is None


def test_letterhead_caption_and_site_title_lines_are_not_candidates():
    from tidings.ingest.page.classify import is_letterhead

    assert is_letterhead("Ministry of Foreign Affairs") and is_letterhead("Republic of the Philippines")
    assert not is_letterhead("Department of State Condemns Attack")
    assert not is_letterhead("Foreign Minister receives Ambassador of Japan")
    page = (
        "Home\nWorld\n"
        "Floods kill 12 in southern Brazil as rain continues | The Daily Star\n"
        "Floods kill 12 in southern Brazil as rain continues\n"
        "Mon May 6, 2024 09:15 AM\n"
        "At least 12 people have died in floods in the southern Brazilian state of Rio Grande do Sul, "
        "where days of heavy rain have swollen rivers and washed away roads and bridges.\n"
        "State officials said dozens of people were missing and that more than 10,000 had been forced "
        "to leave their homes.\n"
    )
    assert split_page(page).title == "Floods kill 12 in southern Brazil as rain continues"


def test_furniture_sentence_after_the_story_is_not_its_last_paragraph():
    page = (
        "Washington sanctions 14 officials\n"
        "WASHINGTON, Dec. 9 (UPI) -- The United States on Monday imposed sanctions on 14 officials it "
        "accused of repressing protesters and undermining the vote in last year's election.\n"
        "The Treasury Department said the officials would have any assets in the United States frozen.\n"
        "The foreign ministry rejected the measures.\n"
        "This story was distributed by UPI.\n"
        "More from World\nChile and Peru agree to reopen border crossings\n"
    )
    p = split_page(page)
    assert p.body.endswith("The foreign ministry rejected the measures.")
    assert "This story was distributed by UPI." in p.boilerplate


def test_no_headline_below_the_story():
    page = (
        "The United Nations criticised the government on Tuesday over executions, officials said in a statement.\n\n"
        "First published on 17 June 2019\n"
    )
    p = split_page(page)
    assert p.title != "First published on 17 June 2019"


def test_shipped_ranker_reads_the_features_the_code_computes():
    lines = _lines(PAGE)
    probs = [0.9 if len(ln.text.split()) >= 8 else 0.1 for ln in lines]
    cands, lead = classify.headline_candidates(lines, probs)
    x = classify.headline_features(lines, cands[0], lead, classify.lead_start(lines, probs), cands)
    m = classify._model()["headline"]
    assert len(x) == len(m["coef"]) == len(m["mean"]) == len(m["scale"])


def test_headline_under_teasers_on_the_same_subject():
    # teasers of other stories on the same subject stand above the headline; the headline is the
    # short headline-cased line over the date, not the teaser nor the dek below it
    page = (
        "Menu\nSearch\nLatest\n"
        "Wildfire smoke closes schools across the valley\n"
        "Firefighters gain ground on wildfire near the coast\n"
        "Wildfire forces thousands to flee homes in hill towns\n"
        "Evacuation orders cover six towns as winds drive the blaze toward the coast.\n"
        "Published 14 August 2025, 08:10\n"
        "Thousands of people left their homes in the hill towns north of the city overnight as a "
        "wildfire driven by strong winds moved toward the coast, fire officials said on Thursday.\n"
        "The fire service said more than 400 firefighters and eleven aircraft were fighting the blaze, "
        "which has burned some 9,000 hectares since it started on Monday.\n"
        "Officials said evacuation centres had opened in schools and sports halls in three towns.\n"
    )
    p = split_page(page)
    assert p.title == "Wildfire forces thousands to flee homes in hill towns"
    assert "Firefighters gain ground" not in p.body


def test_a_date_alone_on_its_line_is_never_the_headline():
    for s in ("Tuesday, March 4, 2025", "Wed 20 Nov 2019 09:15", "May 2, 2024 at 9:45 am"):
        assert furniture_kind(s) == "timestamp"
    assert furniture_kind("Floods kill 12 on May 6, 2024") is None
    page = (
        "Space\nLaunches\n"
        "Port authority approves new launch pad\n"
        "Rocket maker plans four launches a year\n"
        "Tuesday, March 4, 2025\n"
        "The company behind the heaviest rocket now flying wants to launch it four times a year from "
        "next spring, its chief executive told reporters at the coastal spaceport on Tuesday.\n"
        "Only three of the rockets have flown so far, the last of them in June, carrying two weather "
        "satellites and a small probe bound for the Moon.\n"
    )
    p = split_page(page)
    assert p.title == "Rocket maker plans four launches a year"
    assert "Tuesday, March 4, 2025" not in p.body
