"""Undated articles are named at the end of a run, `tidings redate` dates them, and no event ever
takes the day it was stored as its date (issue 11)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app

# Written for these tests: wire-style pages, two without any date, one whose dateline gives it.
UNDATED_1 = "Police arrested two opposition leaders in Nairobi on Monday, officials said in a statement.\n"
UNDATED_2 = "Troops shelled rebel positions near Goma overnight, killing three fighters, the army said.\n"
DATED = "KAMPALA, 14 March 2024 (Reuters) - Police detained twenty protesters in Kampala on Tuesday.\n"


def _code(runner: CliRunner, *args: str):
    return runner.invoke(app, ["code", *args, "--no-progress"], catch_exceptions=False)


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    d.mkdir()
    (d / "nairobi.txt").write_text(UNDATED_1, encoding="utf-8")
    (d / "goma.txt").write_text(UNDATED_2, encoding="utf-8")
    (d / "kampala.txt").write_text(DATED, encoding="utf-8")
    return d


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_undated_articles_are_counted_named_and_their_events_stay_undated(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    res = _code(CliRunner(), str(pages), "--db", str(db))
    assert res.exit_code == 0
    out = " ".join(res.output.split())
    assert "2 articles have no date: give --pub-date or a date field" in out
    named = "".join(res.output.split("no date:")[1].split())  # rich wraps long paths
    assert "nairobi.txt" in named and "goma.txt" in named and "kampala.txt" not in named
    undated = _rows(db, "SELECT m.date, m.date_precision, e.first_seen, e.last_seen FROM mentions m "
                        "JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id "
                        "WHERE a.pub_date IS NULL")
    assert undated and all(r == (None, None, None, None) for r in undated)
    dated = _rows(db, "SELECT m.date, m.date_precision FROM mentions m JOIN articles a ON a.id = m.article_id "
                      "WHERE a.pub_date IS NOT NULL")
    assert dated and all(d is not None and p == "day" for d, p in dated)


def test_redate_gives_stored_articles_a_date_and_recomputes_event_dates(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    _code(runner, str(pages), "--db", str(db))
    kampala_before = _rows(db, "SELECT m.date FROM mentions m JOIN articles a ON a.id = m.article_id "
                               "WHERE a.source_path LIKE '%kampala%'")
    res = runner.invoke(app, ["redate", "--pub-date", "2025-06-04", "--db", str(db)], catch_exceptions=False)
    assert res.exit_code == 0 and "2 articles dated 2025-06-04" in res.output
    arts = dict(_rows(db, "SELECT source_path, pub_date_source FROM articles"))
    assert sorted(arts.values()) == ["cli", "cli", "dateline"]
    # "on Monday" in the Nairobi story is the Monday before Wednesday 4 June 2025
    nairobi = _rows(db, "SELECT m.date, m.date_source FROM mentions m JOIN articles a ON a.id = m.article_id "
                        "WHERE a.source_path LIKE '%nairobi%'")
    assert nairobi and {str(d) for d, _ in nairobi} == {"2025-06-02"}
    assert _rows(db, "SELECT count(*) FROM events WHERE date IS NULL OR first_seen IS NULL") == [(0,)]
    # the dated article was not touched
    assert _rows(db, "SELECT m.date FROM mentions m JOIN articles a ON a.id = m.article_id "
                     "WHERE a.source_path LIKE '%kampala%'") == kampala_before


def test_redate_selection_and_nothing_to_do(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    _code(runner, str(pages), "--db", str(db))
    res = runner.invoke(app, ["redate", "--pub-date", "2025-06-04", "--db", str(db), "--path", "goma"])
    assert res.exit_code == 0 and "1 article dated" in res.output
    assert _rows(db, "SELECT count(*) FROM articles WHERE pub_date IS NULL") == [(1,)]
    res = runner.invoke(app, ["redate", "--pub-date", "2025-06-04", "--db", str(db), "--path", "goma"])
    assert res.exit_code == 0 and "nothing to redate" in res.output
    res = runner.invoke(app, ["redate", "--pub-date", "4/6/2025", "--db", str(db)])
    assert res.exit_code != 0 and "YYYY-MM-DD" in res.output
    missing = tmp_path / "none.duckdb"
    res = runner.invoke(app, ["redate", "--pub-date", "2025-06-04", "--db", str(missing)])
    assert res.exit_code == 2 and "does not exist" in " ".join(res.output.split()) and not missing.exists()


def test_code_recode_with_pub_date_dates_the_stored_undated_articles(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    _code(runner, str(pages), "--db", str(db))
    res = _code(runner, str(pages), "--db", str(db), "--recode", "--pub-date", "2025-06-04")
    assert res.exit_code == 0 and "no date" not in res.output
    assert sorted(r[0] for r in _rows(db, "SELECT pub_date_source FROM articles")) == ["cli", "cli", "dateline"]
    assert _rows(db, "SELECT count(*) FROM mentions WHERE date IS NULL") == [(0,)]


def test_a_database_without_date_precision_still_opens(tmp_path: Path, pages: Path) -> None:
    db = tmp_path / "old.duckdb"
    _code(CliRunner(), str(pages), "--db", str(db))
    con = duckdb.connect(str(db))
    con.execute("DROP INDEX mentions_event_id")  # as a database made before the column was
    con.execute("ALTER TABLE mentions DROP COLUMN date_precision")
    con.execute("ALTER TABLE events DROP COLUMN date_precision")
    con.close()
    from tidings.store import Store

    with Store(str(db)) as store:  # the column comes back, empty for the old rows
        cols = {r[0] for r in store.con.execute("DESCRIBE events").fetchall()}
        assert "date_precision" in cols
    res = _code(CliRunner(), str(pages), "--db", str(db), "--recode", "--pub-date", "2025-06-04")
    assert res.exit_code == 0
    assert _rows(db, "SELECT count(*) FROM events WHERE date_precision IS NULL") == [(0,)]
