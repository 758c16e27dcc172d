"""Headlines and story runs on page shapes the splitter met on unseen sites: a photo caption or
credit under the headline, a headline ending in "!", teaser lines opening the main block above
the headline, a story's opening broken off its main block by a list. Pages written for these tests."""

from __future__ import annotations

from tidings.ingest.page import split_page
from tidings.ingest.page.classify import HEAD_DEPTH, headline_candidates, lead_start
from tidings.ingest.page.features import is_caption, story_blocks
from tidings.ingest.page.lines import _lines


def test_photo_credits_and_placed_people_are_captions():
    assert is_caption("Miners leave the shaft after the rescue in Oruro, Bolivia, on Monday. (Ana Quispe/AP)")
    assert is_caption("The ring of dust around the young star. (ESO/L. Calçada)")
    assert is_caption("Storm clouds over the bay on Sunday. (Tom Reyes / Associated Press)")
    assert is_caption("Finance Minister Laila Haddad, left, and her Jordanian counterpart sign the accord in Amman")
    # a date or a price in parentheses, a story's own sentence, is no caption
    assert not is_caption("Weekly market notes (11/20/19)")
    assert not is_caption("The plan costs less than before (about $4.99/month), the company said.")
    assert not is_caption("The minister left the meeting early, aides said.")


PAGE = (
    "News\nWorld\nSport\n"
    "Crowds cheer as lifeboat crew pulls family from flooded car: \"They are safe!\"\n"
    "Updated on: March 4, 2025 / 10:07 AM\n"
    "Lifeboat crew pull family from flooded car\n"
    "A lifeboat crew pulled a mother and her two children from a car swept into a flooded river near "
    "the town of Kells on Monday night, the coastguard said, after the driver missed a closed road sign.\n"
    "The family was taken to hospital with mild hypothermia and was released on Tuesday morning, "
    "a hospital spokesman said in a short statement to reporters.\n"
    "The river had risen by two metres in six hours after the heaviest rain in the county since records began.\n"
)


def test_a_headline_ending_in_an_exclamation_opens_the_main_block_as_a_candidate():
    lines = _lines(PAGE)
    probs = [0.9 if len(ln.text.split()) >= 7 else 0.1 for ln in lines]
    cands, _ = headline_candidates(lines, probs)
    head = next(k for k, ln in enumerate(lines) if ln.text.endswith('safe!"'))
    assert head in cands
    # a full-stop paragraph at the top of the block stays out
    assert not any(lines[k].text.endswith(".") for k in cands if k > head)


def test_a_headline_below_three_teaser_lines_of_the_block_is_a_candidate():
    teasers = (
        "Ferry strike ends after pay deal with unions in the northern ports\n"
        "Schools reopen after three weeks of closures caused by the floods\n"
        "Minister resigns over the housing report published this week\n"
    )
    page = "Top Stories\n" + teasers + "Court jails former mayor for eight years over contract fraud\n" + (
        "A court in Kisumu on Thursday sentenced a former mayor to eight years in prison for steering "
        "public contracts worth millions to companies owned by his relatives.\n"
        "The magistrate said the evidence showed that he had abused his office.\n"
    )
    lines = _lines(page)
    probs = [0.1] + [0.9] * (len(lines) - 1)
    cands, _ = headline_candidates(lines, probs)
    assert HEAD_DEPTH == 4
    assert 4 in cands and lines[4].text.startswith("Court jails")


def test_a_story_opening_above_a_list_joins_the_main_block_and_a_related_run_below_does_not():
    intro = (
        "The harbour museum reopens on Saturday after two years of repairs to its roof and its cellars.\n"
        "The museum shows the harbour's boats, its nets and the tools of the men who built its walls.\n"
    )
    items = "".join(f"Room {n}\n" for n in range(1, 8))
    story = (
        "The repairs cost the museum far more than planned, because the cellars of the harbour museum "
        "were flooded twice while the roof was open, the museum director said.\n"
        "The director said the boats and the nets of the harbour museum were saved by its volunteers, who "
        "carried them to the roof of the harbour office, and that the walls are sound again.\n"
        "Volunteers of the harbour museum will guide visitors through the cellars on the first weekend.\n"
    )
    related = "".join(f"{t}\n" for t in (
        "A new bridge for the northern railway line will be built by a Danish company next spring.",
        "Farmers in the valley fear a dry summer after the lowest winter rainfall in thirty years.",
    ))
    lines = _lines(intro + items + story + "Related\n" + "\n".join(["Share"] * 5) + "\n" + related)
    probs = [0.9 if len(ln.text.split()) >= 8 else 0.1 for ln in lines]
    alone = story_blocks(lines, probs, share=0.0)
    assert len(alone) == 1 and lines[alone[0][0]].text.startswith("The repairs")
    joined = story_blocks(lines, probs, share=0.3)
    assert lines[joined[0][0]].text.startswith("The harbour museum reopens")
    assert not any(lines[b0].text.startswith("A new bridge") for b0, _ in joined)


def test_split_page_takes_the_headline_over_a_credited_caption_under_it():
    page = (
        "Home\nWorld\nSport\n"
        "Miners rescued after three days underground in Bolivia\n"
        "Rescuers carry a miner from the shaft in Oruro, Bolivia, on Monday, March 3, 2025. (Ana Quispe/AP)\n"
        "By Lucia Mendes\n"
        "ORURO, Bolivia — Rescuers brought eleven miners to the surface on Monday, three days after a tunnel "
        "collapsed at a tin mine near the city of Oruro, the mining ministry said.\n"
        "All eleven were taken to hospital, where doctors said they were weak but unhurt, the ministry said.\n"
        "The cause of the collapse is under investigation.\n"
    )
    p = split_page(page)
    assert p.title == "Miners rescued after three days underground in Bolivia"
    assert "eleven miners" in p.body


def test_a_lone_line_above_the_main_block_does_not_join_it():
    dek = "The harbour museum reopens on Saturday after two years of repairs to its roof and cellars.\n"
    story = (
        "The repairs cost the harbour museum far more than planned, because its cellars were flooded "
        "twice while the roof was open, the museum director said on Tuesday.\n"
        "Volunteers of the harbour museum saved the boats and the nets by carrying them to the roof.\n"
    )
    lines = _lines(dek + "Share\nTweet\nEmail\nPrint\n" + story)
    probs = [0.9 if len(ln.text.split()) >= 8 else 0.1 for ln in lines]
    assert story_blocks(lines, probs, share=0.05) == story_blocks(lines, probs, share=0.0)


def test_a_byline_or_icon_name_under_a_headline_is_not_glued_to_it():
    page = (
        "Harbour museum reopens after two years of roof repairs\n"
        "by Ines Duarte\n"
        "Ferry timetable changes for the winter season in the north\n"
        "chevron_left Browse All Posts\n"
        "The harbour museum reopened on Saturday after two years of repairs to its roof and its\n"
        "cellars, which were flooded twice while the roof was open.\n"
    )
    texts = [ln.text for ln in _lines(page)]
    assert texts[:4] == [
        "Harbour museum reopens after two years of roof repairs", "by Ines Duarte",
        "Ferry timetable changes for the winter season in the north", "chevron_left Browse All Posts",
    ]
    # a hard-wrapped paragraph still reads as one line
    assert texts[4].endswith("its cellars, which were flooded twice while the roof was open.")


def test_split_page_keeps_the_headline_apart_from_a_lower_case_byline():
    page = (
        "Science\nSpace\n"
        "Sleeping crews would need smaller ships for the long trip to Mars\n"
        "by Northern Space Institute\n"
        "A crew that sleeps through most of a voyage to Mars would need a ship a third lighter than one "
        "that stays awake, engineers of the institute said in a study published on Monday.\n"
        "The study looked at the food, water and living space a sleeping crew would not need.\n"
        "Putting people to sleep for months is not yet possible, the engineers said.\n"
    )
    p = split_page(page)
    assert p.title == "Sleeping crews would need smaller ships for the long trip to Mars"
    assert p.author == "Northern Space Institute"
    lines = _lines(page)
    probs = [0.9 if len(ln.text.split()) >= 8 else 0.1 for ln in lines]
    cands, _ = headline_candidates(lines, probs)
    assert not any(lines[k].text.startswith("by ") for k in cands)


def test_a_list_of_other_headlines_above_the_story_does_not_join_it_nor_open_its_lead():
    teasers = "".join(f"{t}\n" for t in (
        "Ferry strike on the northern harbour routes ends after a pay deal with the unions",
        "Harbour office warns of more flooding in the cellars of the old town this winter",
        "Volunteers of the old town restore the harbour walls before the winter storms",
    ))
    story = (
        "Harbour museum reopens after repairs\n"
        "The harbour museum reopened on Saturday after two years of repairs to its roof and to the cellars "
        "of the old town building, the museum director said.\n"
        "The cellars of the harbour museum were flooded twice while the roof was open, and volunteers "
        "carried the boats and the nets of the museum to the harbour office.\n"
        "Volunteers of the harbour museum will guide visitors through the cellars on the first weekend.\n"
    )
    lines = _lines("Top Stories\n" + teasers + "Share\nTweet\nEmail\nPrint\n" + story)
    probs = [0.9 if len(ln.text.split()) >= 8 else 0.1 for ln in lines]
    blocks = story_blocks(lines, probs, share=0.15)
    assert len(blocks) == 1 and lines[blocks[0][0]].text.startswith("The harbour museum reopened")
    assert lines[lead_start(lines, probs)].text.startswith("The harbour museum reopened")
    # a story's own opening above a list does join, and the lead starts there
    intro = (
        "The harbour museum reopened on Saturday after two years of repairs to its roof and cellars.\n"
        "The museum shows the harbour's boats, its nets and the tools of the men who built its walls.\n"
    )
    items = "".join(f"Room {n}\n" for n in range(1, 8))
    lines = _lines("Harbour museum reopens after repairs\n" + intro + items + story.split("\n", 1)[1])
    probs = [0.9 if len(ln.text.split()) >= 8 else 0.1 for ln in lines]
    assert lead_start(lines, probs) == 1
