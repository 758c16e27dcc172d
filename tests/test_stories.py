"""story_id: articles of different outlets that report one happening share a story."""

from __future__ import annotations

from tidings.store import Store
from test_store_fixtures import body, event, result


def _stories(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())


def test_outlets_reporting_one_happening_share_a_story(tmp_path):
    shelling = dict(cameo="190", quad=4, goldstein=-10.0, place="Kyiv")
    batch = [
        result(body(1), [event("ASSAULT", "RUSMIL", "UKRCVL", "2024-11-20", **shelling)], outlet="AP"),
        # another outlet, the next day, less actor detail and a coercion leaf of the same quad class
        result(body(2), [event("COERCE", "RUS", "UKRCVL", "2024-11-21", **shelling)], outlet="Reuters"),
        # the same dyad a week later is another story
        result(body(3), [event("ASSAULT", "RUSMIL", "UKRCVL", "2024-11-27", **shelling)], outlet="AP"),
        # a meeting on the first day is another story too
        result(body(4), [event()], outlet="SANA"),
    ]
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.add_results(batch[:1], "r1")
        store.add_results(batch[1:], "r2")
        # a near-copy of the first, stored later
        copy = result(body(1, "Updated."), [], outlet="Yahoo", duplicate_of=batch[0].article.id)
        store.add_results([copy], "r3")
        s = _stories(store)
    a1, a2, a3, a4 = (r.article.id for r in batch)
    assert s[a1] == a1 and s[a2] == a1
    assert s[a3] == a3 and s[a4] == a4
    assert s[copy.article.id] == a1


def test_older_store_gains_story_id(tmp_path):
    import duckdb

    path = str(tmp_path / "old.duckdb")
    with Store(path) as store:
        store.add_results([result(body(1), [event()])], "r1")
    con = duckdb.connect(path)
    con.execute("ALTER TABLE articles DROP COLUMN story_id")
    con.close()
    with Store(path) as store:
        store.add_results([result(body(2), [event(date="2024-12-05")])], "r2")
        rows = store.con.execute("SELECT story_id FROM articles ORDER BY seq").fetchall()
    assert rows[0][0] is None and rows[1][0] is not None


def test_summary_counts_stories_told_by_several_outlets(tmp_path):
    from typer.testing import CliRunner

    from tidings.cli import app

    db = str(tmp_path / "s.duckdb")
    shelling = dict(cameo="190", quad=4, goldstein=-10.0, place="Kyiv")
    with Store(db) as store:
        store.add_results([
            result(body(1), [event("ASSAULT", "RUSMIL", "UKRCVL", "2024-11-20", **shelling)], outlet="AP",
                   title="Shelling hits Kyiv suburb"),
            result(body(2), [event("ASSAULT", "RUS", "UKRCVL", "2024-11-20", **shelling)], outlet="Reuters"),
            result(body(3), [event()], outlet="SANA"),
        ], "r1")
    out = CliRunner().invoke(app, ["summary", "--db", db])
    assert out.exit_code == 0, out.output
    assert "2 stories, 1 told by two or more outlets" in out.output
    assert "Shelling hits Kyiv suburb (2 outlets)" in out.output
