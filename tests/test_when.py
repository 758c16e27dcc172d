"""Event dates: phrases resolved against fixed publication dates, and per-event choice."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.records import Article, Event
from tidings.when import resolve_dates, resolve_phrase

THU = dt.date(2024, 12, 5)  # a Thursday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Wednesday", "2024-12-04"),
        ("Wednesday", "2024-12-04"),
        ("yesterday", "2024-12-04"),
        ("today", "2024-12-05"),
        ("tonight", "2024-12-05"),
        ("last night", "2024-12-04"),
        ("last week", "2024-11-28"),  # documented: 7 days before
        ("Monday night", "2024-12-02"),
        ("on Dec. 4", "2024-12-04"),
        ("Dec 4", "2024-12-04"),
        ("December 4, 2024", "2024-12-04"),
        ("4 December", "2024-12-04"),
        ("4th of December 2024", "2024-12-04"),
        ("2024-12-04", "2024-12-04"),
        ("earlier this month", "2024-12-01"),  # documented: first of the month
        ("last month", "2024-11-01"),
        ("this week", "2024-12-02"),  # documented: the Monday of the week
        ("Sunday's", "2024-12-01"),
        ("Sunday\u2019s", "2024-12-01"),
        ("last Friday", "2024-11-29"),
        ("next Monday", "2024-12-09"),
        ("three days ago", "2024-12-02"),
        ("two weeks ago", "2024-11-21"),
        ("the day before yesterday", "2024-12-03"),
        ("tomorrow", "2024-12-06"),
        ("in March", "2024-03-01"),
        ("November 2023", "2023-11-01"),
        ("last year", "2023-01-01"),
        ("in 2019", "2019-01-01"),
        ("25/12/2024", "2024-12-25"),
        # a weekday of a named week: weeks run Monday to Sunday
        ("on Saturday last week", "2024-11-30"),
        ("Thursday of last week", "2024-11-28"),
        ("last week on Friday", "2024-11-29"),
        ("Monday of next week", "2024-12-09"),
        ("on Wednesday next week", "2024-12-11"),
        ("Friday this week", "2024-12-06"),
    ],
)
def test_resolve_phrase(phrase: str, expected: str) -> None:
    assert resolve_phrase(phrase, THU) == dt.date.fromisoformat(expected)


def test_bare_weekday_equal_to_publication_weekday_is_the_same_day() -> None:
    assert resolve_phrase("Thursday", THU) == THU
    assert resolve_phrase("on Thursday", THU) == THU
    # "last Thursday" is the one before
    assert resolve_phrase("last Thursday", THU) == dt.date(2024, 11, 28)


def test_explicit_date_wins_over_weekday_in_one_expression() -> None:
    assert resolve_phrase("Wednesday, Dec. 3", THU) == dt.date(2024, 12, 3)


def test_month_day_without_year_takes_the_nearest_year() -> None:
    assert resolve_phrase("Dec. 30", dt.date(2025, 1, 2)) == dt.date(2024, 12, 30)
    assert resolve_phrase("Jan. 2", dt.date(2024, 12, 30)) == dt.date(2025, 1, 2)


@pytest.mark.parametrize("phrase", ["four years", "the 1990s", "decades", "a day", "the years", "4/12/2024", ""])
def test_durations_and_ambiguous_dates_resolve_to_none(phrase: str) -> None:
    assert resolve_phrase(phrase, THU) is None


def test_relative_phrase_without_publication_date_is_none() -> None:
    assert resolve_phrase("yesterday", None) is None
    assert resolve_phrase("December 4, 2024", None) == dt.date(2024, 12, 4)


# --- per-event resolution with spaCy --------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def _event(text: str, trigger: str) -> Event:
    i = text.index(trigger)
    return Event(
        article_id="a", sentence=text, sentence_index=0, section="body", trigger_text=trigger,
        trigger_start=i, trigger_end=i + len(trigger), plover_type="CONSULT", cameo_code="040",
    )


def _resolve(nlp, text: str, trigger: str, pub: str | None = "2024-12-05") -> Event:
    ev = _event(text, trigger)
    resolve_dates([ev], nlp(text), Article(id="a", body=text, pub_date=pub))
    return ev


def test_sentence_weekday_resolves_against_pub_date(nlp) -> None:
    ev = _resolve(nlp, "The foreign minister on Wednesday met with the ambassador of Peru.", "met")
    assert (ev.date, ev.date_text, ev.date_source) == ("2024-12-04", "on Wednesday", "text")


def test_explicit_date_wins_in_a_sentence(nlp) -> None:
    ev = _resolve(nlp, "On Monday the ministry said the two leaders met on December 1, 2024 in Cairo.", "met")
    assert ev.date == "2024-12-01"


def test_date_of_the_triggers_clause_beats_one_in_a_relative_clause(nlp) -> None:
    ev = _resolve(nlp, "The envoy, who arrived on Monday, met the president on Wednesday.", "met")
    assert ev.date == "2024-12-04"


def test_possessive_weekday_on_event_noun(nlp) -> None:
    ev = _resolve(nlp, "Sunday's attack on the convoy killed four soldiers.", "attack")
    assert ev.date == "2024-12-01"


def test_deadline_is_not_the_event_date(nlp) -> None:
    ev = _resolve(nlp, "The rebels threatened to attack the city until Friday.", "threatened")
    assert ev.date_source == "pub_date" and ev.date == "2024-12-05"


def test_fallback_to_publication_date_then_none(nlp) -> None:
    ev = _resolve(nlp, "Police arrested three protesters.", "arrested")
    assert (ev.date, ev.date_text, ev.date_source) == ("2024-12-05", None, "pub_date")
    ev = _resolve(nlp, "Police arrested three protesters on Tuesday.", "arrested", pub=None)
    assert (ev.date, ev.date_source) == (None, "none")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the written-out date is the decree's, the weekday the denouncing's
        ("The farmers' union on Tuesday denounced the government's November 28 decree on land.", "denounced",
         ("2024-12-03", "text")),
        ("The mine workers' union rejected the 2024 wage accord and threatened a strike.", "rejected",
         ("2024-12-05", "pub_date")),
        ("The opposition criticised the government's December 20 election plan.", "criticised",
         ("2024-12-05", "pub_date")),
        ("The party leader, who travelled to the capital to prepare for the December 14 rally, demanded the "
         "release of the detainees.", "demanded", ("2024-12-05", "pub_date")),
        # the trigger's own noun keeps its date
        ("The November 30 raid on the camp was condemned by the rebels.", "raid", ("2024-11-30", "text")),
    ],
)
def test_a_date_naming_another_thing_is_not_the_events_date(nlp, text, trigger, expected) -> None:
    ev = _resolve(nlp, text, trigger)
    assert (ev.date, ev.date_source) == expected


def test_a_weekday_of_last_week_in_a_sentence_is_that_weeks_day(nlp) -> None:
    ev = _resolve(nlp, "On Saturday last week a mob attacked the village and burnt forty houses.", "attacked")
    assert (ev.date, ev.date_text) == ("2024-11-30", "On Saturday last week")
    ev = _resolve(nlp, "The union started its strike on Thursday last week.", "started")
    assert ev.date == "2024-11-28"  # not today, the Thursday of publication
