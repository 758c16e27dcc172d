"""The DuckDB store: schema, idempotent batches, event merging, near-duplicates, re-coding, locking."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tidings.records import Reject
from tidings.store import TABLES, Store, StoreError, StoreLocked

from test_store_fixtures import body, corpus, event, result

VOLATILE = {"run_id", "added_at", "at"}


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every table's rows without the columns that differ between runs (run ids, timestamps)."""
    out = {}
    for table in ("articles", "mentions", "events", "actors", "rejects"):
        cols = [c for c, _ in TABLES[table] if c not in VOLATILE]
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[table] = sorted(store.con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
    return out


def events(store: Store) -> list[dict]:
    cur = store.con.execute(
        "SELECT id, plover_type, modality, num_mentions, num_articles, num_sources, date, location_name "
        "FROM events ORDER BY date, id"
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "t.duckdb")) as s:
        yield s


def test_schema_has_every_table_and_column(store):
    for table, cols in TABLES.items():
        got = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall()]
        assert got == [c for c, _ in cols]
    assert store.summary()["articles"] == 0


def test_runs_record_options_and_counts(store):
    run = store.start_run({"model": "en_core_web_sm", "paths": ["examples"], "actors": ["extra.csv"]})
    store.end_run(run, {"stored": 3}, status="completed")
    row = store.con.execute("SELECT coder_version, model, dictionaries, options, status, counts, ended FROM runs").fetchall()[0]
    assert row[1] == "en_core_web_sm"
    assert "extra.csv" in row[2] and '"paths"' in row[3]
    assert row[4] == "completed" and '"stored": 3' in row[5] and row[6] is not None


def test_add_results_is_idempotent(store):
    run = store.start_run({})
    first = store.add_results(corpus(), run)
    assert first["articles"] == 6 and first["mentions"] == 6
    before = snapshot(store)
    again = store.add_results(corpus(), store.start_run({}))
    assert again["skipped"] == 6 and again["articles"] == 0
    assert snapshot(store) == before
    assert store.has_article(corpus()[0].article.id)
    assert store.known_article_ids() == {r.article.id for r in corpus()}


def test_same_article_twice_in_one_batch_is_stored_once(store):
    r = corpus()[0]
    store.add_results([r, corpus()[0]], store.start_run({}))
    assert store.summary()["articles"] == 1
    assert store.con.execute("SELECT count(*) FROM mentions").fetchall()[0][0] == 1


def test_reports_merge_and_counts_grow(store):
    run = store.start_run({})
    store.add_results([result(body(1), [event()], outlet="SANA")], run)
    (e,) = events(store)
    assert (e["num_mentions"], e["num_articles"], e["num_sources"]) == (1, 1, 1)
    # The same meeting reported the next day by another outlet joins the event.
    store.add_results([result(body(2), [event(date="2024-12-05")], outlet="Reuters")], run)
    (e2,) = events(store)
    assert e2["id"] == e["id"]
    assert (e2["num_mentions"], e2["num_articles"], e2["num_sources"]) == (2, 2, 2)
    # A second SANA story adds an article and a mention but no new source;
    # its headline and body both report the event.
    store.add_results(
        [result(body(3), [event(section="headline"), event(sentence_index=2)], outlet="sana")], run
    )
    (e3,) = events(store)
    assert (e3["num_mentions"], e3["num_articles"], e3["num_sources"]) == (4, 3, 2)
    # Three days later is another meeting.
    store.add_results([result(body(4), [event(date="2024-12-08")], outlet="AP")], run)
    assert len(events(store)) == 2


def test_sources_without_outlet_count_by_host_then_article(store):
    run = store.start_run({})
    store.add_results(
        [
            result(body(1), [event()], url="https://www.sana.sy/en/1"),
            result(body(2), [event()], url="https://sana.sy/en/2"),  # same host
            result(body(3), [event()]),  # no outlet, no URL: a source of its own
        ],
        run,
    )
    (e,) = events(store)
    assert (e["num_articles"], e["num_sources"]) == (3, 2)


def test_modality_is_part_of_the_merge_key(store):
    run = store.start_run({})
    store.add_results(
        [result(body(1), [event()]), result(body(2), [event(modality="negated")])], run
    )
    evs = events(store)
    assert sorted(e["modality"] for e in evs) == ["asserted", "negated"]
    assert store.summary()["events"] == 1  # summaries count asserted events by default


def test_event_takes_best_location_and_text_date(store):
    run = store.start_run({})
    store.add_results(
        [
            result(body(1), [event(place=None, date="2024-12-05", date_source="pub_date")]),
            result(body(2), [event(date="2024-12-04", place="Damascus")]),
        ],
        run,
    )
    (e,) = events(store)
    assert e["location_name"] == "Damascus"
    assert str(e["date"]) == "2024-12-04"


def test_batching_does_not_change_rows(tmp_path):
    """Resume == uninterrupted: the same input in other batch sizes ends with the same rows."""
    with Store(str(tmp_path / "a.duckdb")) as a, Store(str(tmp_path / "b.duckdb")) as b:
        a.add_results(corpus(), a.start_run({}))
        run = b.start_run({})
        for r in corpus():
            b.add_results([r], run)
        assert snapshot(a) == snapshot(b)


def test_failed_batch_leaves_nothing_behind(store, monkeypatch):
    run = store.start_run({})
    store.add_results(corpus()[:2], run)
    before = snapshot(store)

    def boom(*_a, **_k):
        raise RuntimeError("killed mid-batch")

    monkeypatch.setattr(store, "_refresh_events", boom)
    with pytest.raises(RuntimeError):
        store.add_results(corpus()[2:], run)
    assert snapshot(store) == before
    monkeypatch.undo()
    store.add_results(corpus(), run)
    with Store(str(Path(store.path).with_name("clean.duckdb"))) as clean:
        clean.add_results(corpus(), clean.start_run({}))
        assert snapshot(clean) == snapshot(store)


def test_merging_forgets_a_rolled_back_batch(store, monkeypatch):
    """The merge index kept between batches must not keep the mentions of a batch that failed:
    a later report of the same event starts it afresh, as in a store that never saw the failure."""
    run = store.start_run({})
    store.add_results([result(body(1), [event(plover="ASSAULT", quad=4, source="UKRMIL", target="RUSMIL")])], run)

    def boom(*_a, **_k):
        raise RuntimeError("killed mid-batch")

    monkeypatch.setattr(store, "_refresh_events", boom)
    with pytest.raises(RuntimeError):
        store.add_results([result(body(2), [event()])], run)
    monkeypatch.undo()
    later = result(body(3), [event()])
    store.add_results([later], run)
    with Store(str(Path(store.path).with_name("clean.duckdb"))) as clean:
        run = clean.start_run({})
        clean.add_results([result(body(1), [event(plover="ASSAULT", quad=4, source="UKRMIL", target="RUSMIL")])], run)
        clean.add_results([result(body(3), [event()])], run)
        assert snapshot(clean) == snapshot(store)
    assert later.events[0].id in {e["id"] for e in events(store)}


def test_merging_after_recode_reads_the_events_again(store):
    """Re-coding removes mentions: a merge index kept from before must not be used after it."""
    run = store.start_run({})
    a, b = result(body(1), [event()]), result(body(2), [event(date="2024-12-05")])
    store.add_results([a], run)
    store.add_results([b], run)  # joins a's event through the kept index
    store.delete_outputs([a.article.id, b.article.id])
    c = result(body(3), [event()])
    store.add_results([c], run)
    (e,) = events(store)
    assert e["id"] == c.events[0].id and e["num_mentions"] == 1


def test_near_duplicate_gets_mentions_but_no_new_event(store):
    run = store.start_run({})
    original = result(body(1), [event(), event("ACCUSE", "SYRGOV", "USAGOV", cameo="112", quad=3, goldstein=-2)],
                      outlet="SANA")
    store.add_results([original], run)
    n_events = len(events(store))
    copy = result(body(1) + " Reprinted.", [], outlet="Gulf Times", duplicate_of=original.article.id)
    counts = store.add_results([copy], run)
    assert counts["duplicates"] == 1 and counts["mentions"] == 2
    evs = events(store)
    assert len(evs) == n_events
    assert all((e["num_mentions"], e["num_articles"], e["num_sources"]) == (2, 2, 2) for e in evs)
    row = store.con.execute("SELECT duplicate_of, coded FROM articles WHERE id = ?", [copy.article.id]).fetchall()
    assert row == [(original.article.id, True)]
    copied = store.con.execute(
        "SELECT count(*) FROM mentions WHERE article_id = ? AND copied_from IS NOT NULL", [copy.article.id]
    ).fetchall()[0][0]
    assert copied == 2


def test_copy_stored_before_its_original_is_filled_in_later(store):
    run = store.start_run({})
    original = result(body(1), [event()])
    copy = result(body(1) + " Copy.", [], duplicate_of=original.article.id)
    store.add_results([copy], run)
    assert not store.has_article(copy.article.id)  # waiting for the original's mentions
    store.add_results([original], run)
    (e,) = events(store)
    assert (e["num_mentions"], e["num_articles"]) == (2, 2)
    assert store.has_article(copy.article.id)


def test_copy_in_the_same_batch_as_its_original(store):
    original = result(body(1), [event()])
    copy = result(body(1) + " Copy.", [], duplicate_of=original.article.id)
    store.add_results([copy, original], store.start_run({}))
    (e,) = events(store)
    assert (e["num_mentions"], e["num_articles"]) == (2, 2)


def test_recode_replaces_outputs(store):
    run = store.start_run({})
    rs = corpus()
    copy = result(body(1) + " Copy.", [], duplicate_of=rs[0].article.id, outlet="Other")
    store.add_results(rs + [copy], run)
    before = snapshot(store)
    originals = list(store.articles())
    assert [a.id for a in originals] == [r.article.id for r in rs]  # near-duplicates are re-linked, not re-coded
    assert originals[0].dateline.place == "Damascus" and originals[0].pub_date == "2024-12-05"
    store.delete_outputs([a.id for a in originals])
    assert store.con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 0
    assert store.con.execute("SELECT count(*) FROM mentions").fetchall()[0][0] == 0
    assert store.known_article_ids() == set()
    assert store.near_duplicate_of(rs[0].article.body) is None  # never a copy of itself
    store.add_results(corpus(), store.start_run({"recode": True}))
    after = snapshot(store)
    for table in ("mentions", "events", "actors"):
        assert after[table] == before[table], table


def test_partial_recode_fixes_events(store):
    run = store.start_run({})
    a, b = result(body(1), [event()]), result(body(2), [event(date="2024-12-05")])
    store.add_results([a, b], run)
    store.delete_outputs([a.article.id])  # the event's first report goes
    (e,) = events(store)
    assert (e["num_mentions"], e["num_articles"]) == (1, 1)
    # The surviving report now anchors the event, so its id is that mention's id.
    assert e["id"] == b.events[0].id
    store.add_results([result(body(1), [event(confidence=0.5)])], run)
    (e,) = events(store)
    assert e["num_mentions"] == 2


def test_rejects_are_idempotent(store):
    run = store.start_run({})
    rej = [Reject(path="x.bin", reason="binary", detail="not text"), Reject(path="a.jsonl", reason="bad_json", locator="line 3")]
    store.add_rejects(rej, run)
    store.add_rejects(rej + [Reject(path="a.jsonl", reason="bad_json", locator="line 4")], run)
    assert store.summary()["rejects"] == 3
    assert store.summary()["rejects_by_reason"] == {"bad_json": 2, "binary": 1}


def test_summary_lists_top_dyads_types_places(store):
    store.add_results(corpus(), store.start_run({}))
    s = store.summary()
    assert s["articles"] == 6 and s["mentions"] == 6
    assert s["events"] == 4 and s["events_all_modalities"] == 5
    assert s["top_dyads"][0] == {"source": "SYRGOV", "target": "KAZGOV", "events": 1, "mentions": 2}
    assert {t["plover_type"] for t in s["top_types"]} == {"CONSULT", "ACCUSE", "ASSAULT", "COOPERATE"}
    assert s["top_places"][0]["place"] == "Kyiv" and s["top_places"][0]["events"] == 2


def test_max_days_is_configurable(tmp_path):
    rs = [result(body(1), [event(date="2024-12-04")]), result(body(2), [event(date="2024-12-05")])]
    with Store(str(tmp_path / "strict.duckdb"), max_days=0) as s:
        s.add_results(rs, s.start_run({}))
        assert len(events(s)) == 2


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store(str(tmp_path / "nope.duckdb"), read_only=True)


def test_not_a_database_is_a_clear_error(tmp_path):
    p = tmp_path / "text.duckdb"
    p.write_text("hello")
    with pytest.raises(StoreError):
        Store(str(p))


HOLDER = textwrap.dedent(
    """
    import sys, time
    from tidings.store import Store
    s = Store(sys.argv[1])
    s.start_run({})
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_second_process_gets_store_locked(tmp_path):
    path = str(tmp_path / "busy.duckdb")
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, path], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        for read_only in (False, True):
            with pytest.raises(StoreLocked) as info:
                Store(path, read_only=read_only)
            msg = str(info.value)
            assert path in msg and "another tidings process" in msg and f"process {proc.pid}" in msg
            assert "wait" in msg.lower() and "parquet" in msg.lower()
        # The command line says the same in one line, with no traceback.
        cli = subprocess.run(
            [str(Path(sys.executable).with_name("tidings")), "events", "--db", path], capture_output=True, text=True,
        )
        assert cli.returncode == 3
        assert "another tidings process" in (cli.stdout + cli.stderr)
        assert "Traceback" not in cli.stderr
    finally:
        proc.kill()
        proc.wait()
    with Store(path, read_only=True) as s:  # free again once the writer has gone
        assert s.summary()["runs"] == 1


def test_near_duplicate_lookup_uses_stored_signatures(tmp_path):
    pytest.importorskip("tidings.dedup")
    path = str(tmp_path / "nd.duckdb")
    text = " ".join(f"word{i}" for i in range(300))
    with Store(path) as s:
        s.add_results([result(text, [event()])], s.start_run({}))
        assert s.near_duplicate_of(text + " extra words") == result(text).article.id
    with Store(path) as s:  # a new process loads the signatures from the table
        assert s.near_duplicate_of(text + " extra words") == result(text).article.id
        assert s.near_duplicate_of(body(99)) is None


def test_daily_reports_do_not_chain_into_one_long_event(store):
    """Complete linkage: a mention must be within max_days of every report of the event."""
    run = store.start_run({})
    for n, day in enumerate(("2024-12-04", "2024-12-05", "2024-12-06")):
        store.add_results([result(body(n), [event(date=day)], outlet=f"o{n}")], run)
    assert [e["num_mentions"] for e in events(store)] == [2, 1]


def test_undated_reports_merge_only_when_allowed(tmp_path):
    rs = [result(body(1), [event()]), result(body(2), [event(date=None)], outlet="x")]
    with Store(str(tmp_path / "strict.duckdb")) as s:
        s.add_results(rs, s.start_run({}))
        assert len(events(s)) == 2  # undated reports could be years apart
    with Store(str(tmp_path / "loose.duckdb"), allow_undated=True) as s:
        s.add_results(rs, s.start_run({}))
        (e,) = events(s)
        assert e["num_mentions"] == 2 and str(e["date"]) == "2024-12-04"


def test_different_cities_are_different_events(store):
    run = store.start_run({})
    store.add_results([result(body(1), [event()]), result(body(2), [event(place="Astana")])], run)
    assert len(events(store)) == 2


def test_foreign_database_is_refused(tmp_path):
    import duckdb

    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (id INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="did not create"):
        Store(str(path))


def test_summary_command(tmp_path):
    import json

    path = str(tmp_path / "s.duckdb")
    with Store(path) as s:
        s.add_results(corpus(), s.start_run({}))
        s.add_rejects([Reject(path="x.bin", reason="binary")], "r")
    tidings = str(Path(sys.executable).with_name("tidings"))
    out = subprocess.run([tidings, "summary", "--db", path], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert "6 articles" in text and "4 counted events of 5" in text and "1 rejects" in text
    assert "Top dyads" in text and "SYRGOV" in text and "Kyiv" in text
    data = json.loads(subprocess.run([tidings, "summary", "--db", path, "--json"], capture_output=True, text=True).stdout)
    assert data["events"] == 4 and data["rejects_by_reason"] == {"binary": 1}
