"""Where a scraped page's story block ends: comment threads and cookie notices below a short
story, headlines glued to breadcrumbs, pages in scripts written without spaces. Pages written
for these tests."""

from __future__ import annotations

from tidings.ingest.page import split_page
from tidings.ingest.page.features import main_block
from tidings.ingest.page.lines import _lines, looks_like_prose
from tidings.ingest.page.rx import word_count
from tidings.ingest.patterns import furniture_kind

STORY = (
    "Home\nPolitics\nWorld\nOpinion\n"
    "Council approves new bus lanes after long debate\n"
    "By Ruth Anders\n"
    "The city council voted on Tuesday to build six new bus lanes through the centre of town, "
    "ending a year of argument between shop owners and commuter groups over road space.\n"
    "Work on the first two lanes will start in March, the transport office said.\n"
)

COMMENTS = (
    "12 Comments\n"
    "Peter Holm on March 3, 2025 at 8:12 am said:\n"
    "I have waited years for this. The number 4 bus takes forty minutes to cross a town you can walk in twenty, "
    "and every driver I know agrees the junction by the station is the worst part of the trip.\n"
    "Anyone who thinks the shops will suffer should look at what happened in the next town over.\n"
    "Reply | Report\n"
    "Maria Lund on March 3, 2025 at 9:40 am said:\n"
    "The shops will suffer. Deliveries already block the street every morning and now there will be "
    "even less room for the vans that keep those businesses alive, whatever the council says.\n"
    "I wrote to my councillor twice and never had an answer, which tells you how this was decided.\n"
    "Reply | Report\n"
    "Jon Berg on March 4, 2025 at 7:02 pm said:\n"
    "Both of you have a point, but the real question is why the lanes stop at the river when most of "
    "the traffic comes from the estates on the other side, where there is no train at all.\n"
    "Reply | Report\n"
)


def test_comment_headers_are_furniture_and_end_a_story_block():
    assert furniture_kind("Peter Holm on March 3, 2025 at 8:12 am said:") == "comment"
    assert furniture_kind("Anna Berg says:") == "comment"
    assert furniture_kind("Rating: 12 Votes") == "comment"
    assert furniture_kind("2 days ago at 07:47 am") == "comment"
    # a story's own lines are not: a quote introduced at a paragraph's end, a lone "Report" button
    assert furniture_kind("In a statement on Tuesday, the ministry said:") is None
    assert furniture_kind("Report") is None


def test_a_long_comment_thread_is_not_the_story():
    p = split_page(STORY + COMMENTS)
    assert p.title == "Council approves new bus lanes after long debate"
    assert "six new bus lanes" in p.body
    assert "Work on the first two lanes" in p.body
    assert "number 4 bus" not in p.body and "wrote to my councillor" not in p.body


def test_main_block_stops_at_comments_even_when_they_outweigh_the_story():
    lines = _lines(STORY + COMMENTS)
    probs = [0.9 if ln.text.endswith(".") else 0.1 for ln in lines]
    block = main_block(lines, probs)
    assert block is not None
    assert lines[block[0]].text.startswith("The city council voted")
    assert all("said:" not in ln.text for ln in lines[block[0] : block[1] + 1])


def test_a_cookie_notice_longer_than_the_story_is_not_the_story():
    cookie = (
        "Privacy Overview\n"
        "This website uses cookies to improve your experience while you navigate through the website. "
        "Out of these cookies, the cookies that are categorised as necessary are stored on your browser "
        "as they are essential for the working of basic functionalities of the website. We also use "
        "third-party cookies that help us analyse and understand how you use this website.\n"
        "Necessary cookies are absolutely essential for the website to function properly. This category "
        "only includes cookies that ensure basic functionalities and security features of the website.\n"
        "Any cookies that may not be particularly necessary for the website to function and are used "
        "specifically to collect user personal data via analytics, ads and other embedded contents.\n"
    )
    p = split_page(STORY + "Share this\n" + cookie)
    assert "six new bus lanes" in p.body
    assert "cookies" not in p.body


def test_a_headline_glued_to_its_breadcrumb_is_not_the_headline():
    head = "Regional airline orders twelve new turboprops for island routes"
    page = (
        "Home\nNews\nBusiness\n"
        f"Home News Business News {head}\n"
        f"{head}\n"
        "March 4, 2025\n"
        "A regional airline has ordered twelve turboprop aircraft to replace an ageing fleet on its island "
        "routes, the company said on Tuesday, in a deal worth about 300 million euros at list prices.\n"
        "The first aircraft will be delivered next year, and the rest by the end of 2028, it said.\n"
    )
    assert split_page(page).title == head
    page2 = (
        "Latest\n"
        f"{head} by Island Air Press\n"
        f"{head}\n"
        "A regional airline has ordered twelve turboprop aircraft to replace an ageing fleet on its island "
        "routes, the company said on Tuesday, in a deal worth about 300 million euros at list prices.\n"
        "The first aircraft will be delivered next year, and the rest by the end of 2028, it said.\n"
    )
    assert split_page(page2).title == head


def test_unspaced_scripts_count_words_by_characters():
    line = "市議会は火曜日、市の中心部に新しいバス専用レーンを六本設けることを賛成多数で可決した。"
    assert word_count(line) >= 8
    assert word_count("Council approves new bus lanes") == 5
    assert looks_like_prose(line)


def test_a_japanese_page_has_a_story_block():
    page = (
        "ホーム\nニュース\n政治\nサイトマップ\n"
        "市議会、バス専用レーン新設を可決\n"
        "2025-03-04\n"
        "市議会は火曜日、市の中心部に新しいバス専用レーンを六本設けることを賛成多数で可決した。"
        "商店主と通勤者の団体の間で一年にわたって議論が続いていた。\n"
        "交通局によると、最初の二本の工事は三月に始まり、残りは来年までに完成する予定だという。\n"
        "反対した議員は、配達の車両が止める場所がなくなると指摘した。\n"
        "関連記事\nお問い合わせ\nプライバシーポリシー\n"
    )
    p = split_page(page)
    assert "賛成多数で可決した" in p.body
    assert "配達の車両" in p.body
    assert "サイトマップ" not in p.body and "プライバシーポリシー" not in p.body


def test_a_dek_under_the_headline_is_not_the_headline():
    from tidings.ingest.page.classify import _dek_below

    lead = {0: "three cases of plague have been diagnosed in northern china officials said".split()}
    head = "Three Cases of Plague Diagnosed in China"
    dek = "Officials say the risk of an outbreak is low, but many fear that news of the cases is held back"
    assert _dek_below(head, dek, lead)
    assert _dek_below(head, "Health officials in Inner Mongolia said two patients were treated.", lead)
    # a label, a menu, a shouted section name or a date above the headline stays above it
    assert not _dek_below("Hong Kong", "The Guardian view on Hong Kong: a city on the brink", lead)
    assert not _dek_below("Home Embassy Consular Services News", "Kenya and Ethiopia Agree to Joint Patrols Along Border", lead)
    assert not _dek_below("GROWING AN ONLINE BUSINESS", "How to adopt an online leader's mindset in five steps", lead)
    assert not _dek_below("Nov. 20, 2019 6:02 AM EST", "Plague cases in China raise fears of a wider outbreak", lead)
    page = (
        "Home\nScience\nHealth\n"
        f"{head}\n"
        f"{dek}\n"
        "By Anna Reyes\n"
        "November 18, 2019\n"
        "Three cases of plague have been diagnosed in northern China, officials said on Monday, though "
        "they added that the risk of the disease spreading further was extremely low.\n"
        "Two of the patients were treated in a hospital in Beijing after travelling from Inner Mongolia, "
        "where the disease is carried by fleas on marmots and other rodents.\n"
    )
    assert split_page(page).title == head


def test_a_page_title_line_at_the_top_names_the_headline():
    head = "Regional airline orders twelve new turboprops for island routes"
    page = (
        f"{head} – Island Air Press\n"
        "Home\nNews\nBusiness\n"
        "Airport strike ends after pay deal with ground staff\n"
        f"{head}\n"
        "Maren Holt\n"
        "A regional airline has ordered twelve turboprop aircraft to replace an ageing fleet on its island "
        "routes, the company said on Tuesday, in a deal worth about 300 million euros at list prices.\n"
        "The first aircraft will be delivered next year, and the rest by the end of 2028, it said.\n"
    )
    assert split_page(page).title == head
