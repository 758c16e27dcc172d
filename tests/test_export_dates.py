"""GDELT date columns follow date_precision; undated events stay undated (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.export import gdelt_row


def _row(**kw) -> dict:
    base = {"id": "e1", "cameo_code": "190", "quad_class": 4, "goldstein": -10.0, "num_mentions": 1,
            "num_sources": 1, "num_articles": 1, "date": None, "date_precision": None, "first_seen": None}
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("date", "precision", "sqldate", "monthyear", "year"),
    [
        (dt.date(2025, 3, 4), "day", "20250304", "202503", "2025"),
        (dt.date(2025, 3, 1), "month", "", "202503", "2025"),
        (dt.date(2014, 1, 1), "year", "", "", "2014"),
    ],
)
def test_gdelt_dates_fill_only_what_is_known(date, precision, sqldate, monthyear, year) -> None:
    r = gdelt_row(_row(date=date, date_precision=precision))
    assert r[1:4] == [sqldate, monthyear, year]
    assert (r[4] == "") == (sqldate == "")


def test_an_undated_event_of_undated_reports_has_no_gdelt_date() -> None:
    r = gdelt_row(_row(added_at=dt.datetime(2026, 12, 1, 9, 0)))
    assert r[1:5] == ["", "", "", ""]  # never the day it was coded
    r = gdelt_row(_row(first_seen=dt.date(2024, 12, 5)))
    assert r[1:4] == ["20241205", "202412", "2024"]  # documented: the first report's publication date
