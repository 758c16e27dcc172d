"""Dates with a precision, background events, and publication dates read from the text (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.records import Article, Event
from tidings.when import classify_precise, full_dates, resolve_dates

PUB = dt.date(2025, 3, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("phrase", "date", "precision"),
    [
        ("in 2014", "2014-01-01", "year"),
        ("2019", "2019-01-01", "year"),
        ("last year", "2024-01-01", "year"),
        ("in March 2025", "2025-03-01", "month"),
        ("in January", "2025-01-01", "month"),
        ("last month", "2025-02-01", "month"),
        ("last week", "2025-03-05", "week"),
        ("4 March 2025", "2025-03-04", "day"),
        ("Manila, 4 March 2025", "2025-03-04", "day"),
        ("on Monday", "2025-03-10", "day"),
        ("yesterday", "2025-03-11", "day"),
    ],
)
def test_each_phrase_keeps_its_precision(phrase: str, date: str, precision: str) -> None:
    d, _, p = classify_precise(phrase, PUB)
    assert (d.isoformat(), p) == (date, precision)


def test_full_dates_are_found_whole_in_running_text() -> None:
    text = "Manila, 4 March 2025 - Police said; the ICC acted on March 7, 2025 and in 2024."
    assert [d.isoformat() for _, _, d in full_dates(text)] == ["2025-03-04", "2025-03-07"]


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def _resolve(nlp, text: str, trigger: str, pub: str | None = PUB.isoformat()) -> Event:
    i = text.index(trigger)
    ev = Event(article_id="a", sentence=text, sentence_index=0, section="body", trigger_text=trigger,
               trigger_start=i, trigger_end=i + len(trigger), plover_type="ASSAULT", cameo_code="180")
    resolve_dates([ev], nlp(text), Article(id="a", body=text, pub_date=pub))
    return ev


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        ("Manila, 4 March 2025 - Police arrested the former president at the airport.", "arrested", "2025-03-04"),
        ("Cairo, 9 February 2025 - Security forces detained dozens of protesters.", "detained", "2025-02-09"),
        ("Kabul, 21 January 2025: Gunmen attacked a checkpoint near the airport.", "attacked", "2025-01-21"),
    ],
)
def test_a_full_date_keeps_its_day_even_when_spacy_splits_it(nlp, text: str, trigger: str, date: str) -> None:
    ev = _resolve(nlp, text, trigger)
    assert (ev.date, ev.date_precision, ev.date_source) == (date, "day", "text")


@pytest.mark.parametrize(
    ("text", "trigger", "date", "precision"),
    [
        ("Russia annexed Crimea in 2014.", "annexed", "2014-01-01", "year"),
        ("Rebels seized the town in March 2023.", "seized", "2023-03-01", "month"),
        ("Troops withdrew from the region in January.", "withdrew", "2025-01-01", "month"),
    ],
)
def test_a_year_or_month_never_becomes_a_day(nlp, text: str, trigger: str, date: str, precision: str) -> None:
    ev = _resolve(nlp, text, trigger)
    assert (ev.date, ev.date_precision) == (date, precision)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The militants had attacked the same base before the truce.", "attacked"),
        ("Police had arrested him for fraud.", "arrested"),
        ("The army previously shelled the village.", "shelled"),
    ],
)
def test_background_events_do_not_take_the_publication_date(nlp, text: str, trigger: str) -> None:
    ev = _resolve(nlp, text, trigger)
    assert ev.date is None and ev.date_precision is None and ev.date_source == "background"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Police said they had arrested three men.", "arrested"),
        ("The ministry said rebels had attacked a convoy.", "attacked"),
        ("Officials told reporters that troops had shelled the town.", "shelled"),
    ],
)
def test_reported_speech_past_perfect_is_not_background(nlp, text: str, trigger: str) -> None:
    ev = _resolve(nlp, text, trigger)
    assert (ev.date, ev.date_source) == (PUB.isoformat(), "pub_date")


def test_background_events_keep_their_own_time_expression(nlp) -> None:
    ev = _resolve(nlp, "Police had arrested him in 2019 for fraud.", "arrested")
    assert (ev.date, ev.date_precision, ev.date_source) == ("2019-01-01", "year", "text")


def test_the_publication_date_stands_in_as_a_day_and_no_date_is_none(nlp) -> None:
    ev = _resolve(nlp, "Police arrested the former president.", "arrested")
    assert (ev.date, ev.date_precision, ev.date_source) == (PUB.isoformat(), "day", "pub_date")
    ev = _resolve(nlp, "Police arrested the former president.", "arrested", pub=None)
    assert (ev.date, ev.date_precision, ev.date_source) == (None, None, "none")
