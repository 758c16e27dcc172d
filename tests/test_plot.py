"""`tidings plot`: files are written, and the numbers behind them are right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tidings.plot import period_counts, plot_events
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


@pytest.mark.parametrize("name", ["plot.png", "plot.svg"])
def test_plot_file_written(db, tmp_path, name):
    out = tmp_path / name
    plot_events(db, out, dyad="SYR:KAZ", directed=False)
    assert out.stat().st_size > 1000
    head = out.read_bytes()[:64]
    assert head.startswith(b"\x89PNG") if name.endswith(".png") else b"<svg" in out.read_bytes()[:2000] or b"<?xml" in head


def test_plot_without_matches_still_writes(db, tmp_path):
    out = tmp_path / "empty.png"
    plot_events(db, out, country="FRA", goldstein=False)
    assert out.stat().st_size > 1000


def test_plot_cli(db, tmp_path):
    out = tmp_path / "cli.png"
    r = subprocess.run([TIDINGS, "plot", "--db", db, "--country", "UKR", "--by", "week", "--split", "type", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 1000 and "plotted 2 events" in r.stderr
    bad = subprocess.run([TIDINGS, "plot", "--db", db, str(tmp_path / "x.png")], capture_output=True, text=True)
    assert bad.returncode == 2 and "--dyad" in bad.stderr
    wrong = subprocess.run([TIDINGS, "plot", "--db", db, "--country", "SYR", str(tmp_path / "x.pdf")],
                           capture_output=True, text=True)
    assert wrong.returncode == 2 and ".png or .svg" in wrong.stderr
