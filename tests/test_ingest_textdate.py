"""Publication dates read from the page's own words when the input has no date (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.ingest import read_inputs

LEAD = "The United Nations criticised the government on Tuesday over executions, officials said in a statement."


def _read(tmp_path: Path, text: str, name: str = "a.txt", **kw):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    (art,) = list(read_inputs([str(p)], **kw))
    return art


@pytest.mark.parametrize(
    ("page", "date"),
    [
        (f"This story is from March 10, 2002\n\n{LEAD}", "2002-03-10"),
        (f"Published: 4 March 2025\n\n{LEAD}", "2025-03-04"),
        (f"{LEAD}\n\nFirst published on 17 June 2019", "2019-06-17"),
    ],
)
def test_a_publication_marker_in_the_page_gives_the_date(tmp_path: Path, page: str, date: str) -> None:
    art = _read(tmp_path, page)
    assert (art.pub_date, art.pub_date_source) == (date, "text")


@pytest.mark.parametrize(
    ("page", "date"),
    [
        # a full date in the text: the nearest year
        (f"GENEVA, Jan 3 (Reuters) - {LEAD} It cited a report of December 28, 2014.", "2015-01-03"),
        (f"LONDON, Oct 30 (Reuters) - {LEAD} Talks were held on October 12, 2019.", "2019-10-30"),
        # bare years: the first year from the latest on whose weekday fits "on Tuesday" (same day or next)
        (f"GENEVA, Nov 3 (Reuters) - {LEAD} In 2014 the country executed 700 people.", "2015-11-03"),
        (f"BEIRUT, May 9 (AFP) - {LEAD} The war began in 2011 and the plan runs until 2030.", "2012-05-09"),
    ],
)
def test_a_dateline_without_a_year_takes_it_from_the_text(tmp_path: Path, page: str, date: str) -> None:
    art = _read(tmp_path, page)
    assert (art.pub_date, art.pub_date_source) == (date, "text")


@pytest.mark.parametrize(
    "page",
    [
        f"GENEVA, Nov 3 (Reuters) - {LEAD}",  # no year at all
        "GENEVA, Nov 3 (Reuters) - The agency criticised the government over executions in a long "
        "statement. In 2014 the country executed 700 people.",  # a bare year and no weekday to check it by
    ],
)
def test_without_a_year_it_can_trust_the_article_stays_undated(tmp_path: Path, page: str) -> None:
    art = _read(tmp_path, page)
    assert (art.pub_date, art.pub_date_source) == (None, "none")


def test_the_input_date_field_wins_over_the_text(tmp_path: Path) -> None:
    import json

    rec = {"id": "1", "date": "2020-02-02", "text": f"This story is from March 10, 2002\n\n{LEAD}"}
    art = _read(tmp_path, json.dumps(rec) + "\n", name="a.jsonl")
    assert (art.pub_date, art.pub_date_source) == ("2020-02-02", "metadata")
    rec = {"id": "2", "text": f"GENEVA, Nov 3 (Reuters) - {LEAD} In 2014 the country executed 700 people."}
    art = _read(tmp_path, json.dumps(rec) + "\n", name="b.jsonl")
    assert (art.pub_date, art.pub_date_source) == ("2015-11-03", "text")
