"""`tidings plot`: files are written, and the numbers behind them are right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import math

from tidings.plot import NothingToPlot, goldstein_line, period_counts, plot_events
from tidings.store import Store

from test_store_fixtures import corpus

TIDINGS = str(Path(sys.executable).with_name("tidings"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("p") / "p.duckdb")
    with Store(path) as s:
        s.add_results(corpus(), s.start_run({}))
    return path


def test_monthly_counts_by_quad_fill_empty_months(db):
    data = period_counts(db, country="SYR", by="month", split="quad")
    assert [str(p) for p in data["periods"]] == ["2024-10-01", "2024-11-01", "2024-12-01"]
    assert data["groups"] == {"verbal cooperation": [0, 0, 1], "material cooperation": [1, 0, 0]}
    assert data["goldstein"] == [8.0, None, 2.8]


def test_weekly_counts_by_type_for_a_dyad(db):
    data = period_counts(db, dyad="RUS:UKR", by="week", split="type")
    # 2024-11-10 is a Sunday (week of 11-04); 2024-11-20 is in the week of 11-18.
    assert [str(p) for p in data["periods"]] == ["2024-11-04", "2024-11-11", "2024-11-18"]
    assert data["groups"] == {"ACCUSE": [1, 0, 0], "ASSAULT": [0, 0, 1]}
    assert data["goldstein"] == [-2.0, None, -10.0]


@pytest.mark.parametrize("name", ["plot.png", "plot.svg", "plot.pdf"])
def test_plot_file_written(db, tmp_path, name):
    out = tmp_path / name
    plot_events(db, out, dyad="SYR:KAZ", directed=False)
    assert out.stat().st_size > 1000
    head = out.read_bytes()[:64]
    if name.endswith(".png"):
        assert head.startswith(b"\x89PNG")
    elif name.endswith(".pdf"):
        assert head.startswith(b"%PDF")
    else:
        assert b"<svg" in out.read_bytes()[:2000] or b"<?xml" in head


def test_empty_month_is_a_gap_in_the_goldstein_line(db):
    data = period_counts(db, country="SYR", by="month")
    line = goldstein_line(data["goldstein"])
    # October and December have scores; November has no event, so the line breaks there.
    assert line[0] == 8.0 and math.isnan(line[1]) and line[2] == 2.8
    assert data["groups"]["verbal cooperation"][1] == 0 and data["groups"]["material cooperation"][1] == 0


def test_plot_without_matches_is_refused_and_writes_nothing(db, tmp_path):
    out = tmp_path / "empty.png"
    with pytest.raises(NothingToPlot, match="no dated counted events match --country FRA"):
        plot_events(db, out, country="FRA", goldstein=False)
    assert not out.exists()


def test_plot_cli(db, tmp_path):
    out = tmp_path / "cli.png"
    r = subprocess.run([TIDINGS, "plot", "--db", db, "--country", "UKR", "--by", "week", "--split", "type", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 1000 and "plotted 2 events" in r.stderr
    bad = subprocess.run([TIDINGS, "plot", "--db", db, str(tmp_path / "x.png")], capture_output=True, text=True)
    assert bad.returncode == 2 and "--dyad" in bad.stderr
    wrong = subprocess.run([TIDINGS, "plot", "--db", db, "--country", "SYR", str(tmp_path / "x.jpg")],
                           capture_output=True, text=True)
    assert wrong.returncode == 2 and ".png, .svg or .pdf" in wrong.stderr
    empty = subprocess.run([TIDINGS, "plot", "--db", db, "--country", "FRA", str(tmp_path / "none.pdf")],
                           capture_output=True, text=True)
    assert empty.returncode == 2 and "nothing to plot" in empty.stderr and "Traceback" not in empty.stderr
    assert not (tmp_path / "none.pdf").exists()
