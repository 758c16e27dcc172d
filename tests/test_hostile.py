"""Issue 12: hostile input, damaged stores and bad values, one test per reproduced case.

Every command here runs in-process with ``catch_exceptions=False``, so a traceback fails
the test instead of being swallowed by the runner.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.ingest import read_inputs
from tidings.records import Article, Reject
from tidings.store import Store
from tidings.store_file import torn_wal_bytes

from test_store_fixtures import corpus

GOOD = "Syrian troops shelled Idlib on Monday, residents said."
PAGE = """Foreign minister receives Ambassador of Brazil to Jordan

Damascus, (ST) – Minister of Foreign Affairs Faisal Al-Mikdad on Monday met with the Ambassador of Brazil to Jordan Paulo Ramos at the Ministry's building.

Al-Mikdad praised Brazil's support for Syria in international forums.
"""
ACCENTED = b"President Luiz In\xc3\xa1cio Lula met Macron in S\xc3\xa3o Paulo on Monday. \xff More.\n"


def run(*args: str, input: str | bytes | None = None):
    res = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in res.output, res.output
    return res


def code(*args: str, input: str | bytes | None = None):
    return run("code", *args, "--no-progress", input=input)


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def event_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "events.duckdb"
    with Store(str(path)) as s:
        s.add_results(corpus(), s.start_run({}))
    return path


# -- 1. deeply nested JSON ---------------------------------------------------------------------


def test_1_deeply_nested_json_line_is_a_reject_and_the_run_goes_on(tmp_path):
    p = tmp_path / "n.jsonl"
    p.write_text(json.dumps({"id": "ok", "text": GOOD}) + "\n" + "[" * 2000 + "]" * 2000 + "\n")
    got = list(read_inputs([str(p)]))
    assert isinstance(got[0], Article) and got[0].input_id == "ok"
    assert isinstance(got[1], Reject) and got[1].reason == "bad_json" and got[1].locator == "line 2"
    assert "nested 2000 levels" in got[1].detail
    db = tmp_path / "n.duckdb"
    res = code(str(p), "--db", str(db))
    assert res.exit_code == 0, res.output
    assert rows(db, "select input_id from articles") == [("ok",)]
    assert rows(db, "select reason, locator from rejects") == [("bad_json", "line 2")]
    assert rows(db, "select status from runs") == [("completed",)]


def test_1_nested_json_array_file_and_brackets_inside_strings(tmp_path):
    p = tmp_path / "deep.json"
    p.write_text("[" + "{\"a\":" * 500 + "1" + "}" * 500 + "]")
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "bad_json"
    # brackets inside a string are text, not nesting
    q = tmp_path / "brackets.jsonl"
    q.write_text(json.dumps({"id": "b", "text": GOOD + " [" * 300}) + "\n")
    (a,) = read_inputs([str(q)])
    assert isinstance(a, Article) and a.input_id == "b"


# -- 2. over-long texts and failures inside a batch ----------------------------------------------


def test_2_record_over_two_million_characters_is_rejected_and_its_batch_kept(tmp_path):
    p = tmp_path / "big.jsonl"
    recs = [{"id": f"ok{i}", "text": f"Turkish troops shelled Afrin on day {i}. " + GOOD} for i in range(3)]
    recs.insert(1, {"id": "big", "text": "Syrian troops shelled Idlib on Monday. " * 56_000})
    p.write_text("".join(json.dumps(r) + "\n" for r in recs))
    db = tmp_path / "big.duckdb"
    for _ in range(2):  # the re-run does not crash at the same record either
        res = code(str(p), "--db", str(db))
        assert res.exit_code == 0, res.output
    assert sorted(r[0] for r in rows(db, "select input_id from articles")) == ["ok0", "ok1", "ok2"]
    assert rows(db, "select reason, locator from rejects") == [("too_long", "line 2")]


def test_2_nlp_stage_rejects_too_long_before_spacy():
    from tidings.nlp import load_nlp
    from tidings.pipeline import code_articles

    nlp = load_nlp()
    long_body = "Syrian troops shelled Idlib. " * (nlp.max_length // 29 + 10)
    arts = [
        Article(id="a", body=GOOD, language="en"),
        Article(id="b", body=long_body, language="en", source_path="x.jsonl", locator="line 2"),
        Article(id="c", body="Iran and Iraq signed a water agreement on Sunday.", language="en"),
    ]
    out = list(code_articles(arts, nlp=nlp))
    assert [r.article.id for r in out] == ["a", "b", "c"]
    assert out[1].reject is not None and out[1].reject.reason == "too_long"
    assert out[0].reject is None and out[0].events and out[2].reject is None


class _Flaky:
    """spaCy that fails on one text, inside the batch and alone."""

    def __init__(self, nlp):
        self._nlp = nlp
        self.max_length = nlp.max_length

    def __call__(self, text):
        if "BOOM" in text:
            raise ValueError("parser failed")
        return self._nlp(text)

    def pipe(self, texts, **kw):
        def check(items):
            for text, ctx in items:
                if "BOOM" in text:
                    raise ValueError("parser failed")
                yield text, ctx

        return self._nlp.pipe(check(texts), **kw)


def test_2_one_article_failing_in_spacy_loses_only_itself():
    from tidings.nlp import load_nlp
    from tidings.pipeline import code_articles

    arts = [Article(id=str(i), body=f"Story {i}. " + GOOD, language="en") for i in range(6)]
    arts[3] = Article(id="3", body="BOOM " + GOOD, language="en", source_path="f.txt")
    out = list(code_articles(arts, nlp=_Flaky(load_nlp()), batch_size=4))
    assert [r.article.id for r in out] == [str(i) for i in range(6)]
    assert [r.reject.reason if r.reject else None for r in out] == [None, None, None, "coding_failed", None, None]
    assert all(r.events for i, r in enumerate(out) if i != 3)


def test_2_one_article_failing_in_a_stage_loses_only_itself(monkeypatch):
    from tidings import pipeline

    real = pipeline.code_docs

    def flaky(article, body_doc, title_doc=None):
        if "Story 1." in article.body:
            raise IndexError("a rule tripped")
        return real(article, body_doc, title_doc)

    monkeypatch.setattr(pipeline, "code_docs", flaky)
    arts = [Article(id=str(i), body=f"Story {i}. " + GOOD, language="en") for i in range(3)]
    out = list(pipeline.code_articles(arts))
    assert [bool(r.reject) for r in out] == [False, True, False]
    assert "IndexError: a rule tripped" in out[1].reject.detail


def test_2_store_refusing_one_article_keeps_the_rest_of_its_batch(tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"{i}.txt").write_text(f"Story {i}: " + GOOD + f" Day {i}.\n")
    real = Store.add_results

    def picky(self, results, run_id):
        if any("Story 2:" in r.article.body for r in results):
            raise duckdb.ConversionException("a value the table refuses")
        return real(self, results, run_id)

    monkeypatch.setattr(Store, "add_results", picky)
    db = tmp_path / "s.duckdb"
    res = code(str(d), "--db", str(db))
    assert res.exit_code == 0, res.output
    assert len(rows(db, "select id from articles")) == 3
    ((path, reason),) = rows(db, "select path, reason from rejects")
    assert path.endswith("2.txt") and reason == "store_failed"


# -- 3. one undecodable byte ---------------------------------------------------------------------


def test_3_one_bad_byte_keeps_the_page_utf8_and_is_counted(tmp_path):
    p = tmp_path / "e.txt"
    p.write_bytes(ACCENTED)
    (a,) = read_inputs([str(p)])
    assert isinstance(a, Article)
    assert "Inácio" in a.body and "São Paulo" in a.body and "\ufffd" in a.body
    assert a.decode_errors == 1
    db = tmp_path / "e.duckdb"
    res = code(str(p), "--db", str(db), "--pub-date", "2025-03-03")
    assert res.exit_code == 0, res.output
    assert rows(db, "select decode_errors from articles") == [(1,)]
    places = rows(db, "select location_name, location_country from mentions")
    assert places and all("Ă" not in (name or "") for name, _ in places)
    assert ("BRA" in {c for _, c in places}), places  # São Paulo, not a garbled name


def test_3_legacy_code_pages_are_still_detected():
    from tidings.ingest.text import decode_bytes

    d = decode_bytes("Le ministre a rencontré l'ambassadeur à Genève, café crème.".encode("cp1252"))
    assert "rencontré" in d.text and "Genève" in d.text and d.errors == 0


def test_3_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps({"id": "s", "text": "Syrian \ud800 troops shelled Idlib.", "title": "T\udfff"}) + "\n")
    (a,) = read_inputs([str(p)])
    assert a.body == "Syrian \ufffd troops shelled Idlib." and a.decode_errors == 1 and a.title == "T\ufffd"
    db = tmp_path / "s.duckdb"
    assert code(str(p), "--db", str(db)).exit_code == 0
    assert rows(db, "select decode_errors from articles") == [(1,)]


# -- 4. unreadable folders -------------------------------------------------------------------------


def _deny(monkeypatch, denied: Path) -> None:
    """Tests run as root here, where chmod 000 stops nothing: the folder is made unlistable instead."""
    real = os.scandir

    def scandir(path="."):
        if Path(os.fsdecode(path)).resolve() == denied.resolve():
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_4_unreadable_folder_given_alone_is_a_reject(tmp_path, monkeypatch):
    d = tmp_path / "locked"
    d.mkdir()
    (d / "a.txt").write_text(PAGE)
    _deny(monkeypatch, d)
    (r,) = read_inputs([str(d)])
    assert isinstance(r, Reject) and r.reason == "unreadable" and "Permission denied" in r.detail
    db = tmp_path / "l.duckdb"
    res = code(str(d), "--db", str(db))
    assert res.exit_code == 1 and "1 rejected (unreadable: 1)" in res.output


def test_4_unreadable_subfolder_is_a_reject_and_the_rest_is_read(tmp_path, monkeypatch):
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "locked" / "hidden.txt").write_text(PAGE)
    (d / "ok.txt").write_text(PAGE)
    _deny(monkeypatch, d / "locked")
    got = list(read_inputs([str(d)]))
    kinds = sorted((type(x).__name__, getattr(x, "reason", None), Path(getattr(x, "path", "") or x.source_path).name)
                   for x in got)
    assert kinds == [("Article", None, "ok.txt"), ("Reject", "unreadable", "locked")]


def test_4_unreadable_file_is_a_reject(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(PAGE)
    real_open = open

    def deny_open(file, *a, **kw):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **kw)

    monkeypatch.setattr("builtins.open", deny_open)
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "unreadable"


# -- 6. damaged stores, bad limits, unwritable exports ---------------------------------------------


def _damaged(tmp_path: Path, event_db: Path) -> dict[str, Path]:
    good = event_db.read_bytes()
    out = {}
    for name, data in {
        "truncated_header": good[:100_000],
        "truncated_blocks": good[: len(good) // 2],
        "garbage": os.urandom(5000),
        "text": b"hello, this is not a database\n",
    }.items():
        p = tmp_path / f"{name}.duckdb"
        p.write_bytes(data)
        out[name] = p
    return out


def test_6_damaged_store_gets_a_message_and_exit_4_and_is_never_modified(tmp_path, event_db):
    page = tmp_path / "p.txt"
    page.write_text(PAGE)
    for name, db in _damaged(tmp_path, event_db).items():
        before = digest(db)
        for args in (["code", str(page), "--db", str(db), "--no-progress"], ["summary", "--db", str(db)],
                     ["events", "--db", str(db)], ["export", str(tmp_path / "o.parquet"), "--db", str(db)]):
            res = run(*args)
            assert res.exit_code == 4, (name, args, res.output)
            assert "damaged or not a DuckDB database" in res.output and "left untouched" in res.output
            assert len([ln for ln in res.output.splitlines() if ln.strip()]) == 1, res.output
        assert digest(db) == before, name
        assert not Path(str(db) + ".wal").exists(), name


def test_6_limit_below_zero_is_a_usage_error(event_db):
    res = run("events", "--db", str(event_db), "--limit", "-1")
    assert res.exit_code == 2
    from tidings.query import select_events

    with pytest.raises(ValueError, match="--limit"):
        select_events(str(event_db), limit=-1)


def test_6_export_onto_a_folder_is_an_output_error(tmp_path, event_db):
    d = tmp_path / "out"
    d.mkdir()
    res = run("export", str(d), "--db", str(event_db))
    assert res.exit_code == 5 and "is a folder" in res.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to stand for a full disk")
@pytest.mark.parametrize("fmt", ["csv", "parquet", "gdelt"])
def test_6_export_onto_a_full_disk_is_an_output_error(event_db, fmt):
    res = run("export", "/dev/full", "--db", str(event_db), "--format", fmt)
    assert res.exit_code == 5, res.output
    assert "cannot write /dev/full" in res.output and "space left" in res.output.lower()


# -- 7. smaller cases ---------------------------------------------------------------------------


def test_7_stdin_twice_keeps_both_runs_rejects(tmp_path):
    db = tmp_path / "in.duckdb"
    data = json.dumps({"id": "ok", "text": GOOD}) + "\nnot json\n"
    for _ in range(2):
        assert code("-", "--db", str(db), input=data).exit_code == 0
    got = rows(db, "select path, locator, reason, run_id from rejects")
    assert len(got) == 2 and {r[:3] for r in got} == {("-", "line 2", "bad_json")}
    assert len({r[3] for r in got}) == 2
    # files are still recorded once, however often they are read
    p = tmp_path / "bad.jsonl"
    p.write_text("not json\n" + json.dumps({"id": "x", "text": GOOD + " Again."}) + "\n")
    for _ in range(2):
        code(str(p), "--db", str(db))
    assert rows(db, f"select count(*) from rejects where path = '{p}'") == [(1,)]


def test_7_like_wildcards_are_characters(event_db):
    for value in ("%", "_", "S%", "_YR"):
        res = run("events", "--db", str(event_db), "--actor", value, "--format", "jsonl")
        assert res.exit_code == 0 and res.output.strip() == "", value
    res = run("events", "--db", str(event_db), "--cameo", "_", "--format", "jsonl")
    assert res.output.strip() == ""


def test_7_actor_country_name_resolves(event_db):
    by_code = run("events", "--db", str(event_db), "--actor", "SYR", "--format", "jsonl").output
    by_name = run("events", "--db", str(event_db), "--actor", "Syria", "--format", "jsonl").output
    assert by_name.strip() and by_name == by_code


def test_7_unknown_modality_is_an_error(event_db, tmp_path):
    for cmd in (["events"], ["export", str(tmp_path / "x.csv")]):
        res = run(*cmd, "--db", str(event_db), "--modality", "bogus")
        assert res.exit_code == 2 and "unknown modality bogus" in res.output
        assert "asserted, negated, hypothetical, future, reported_denial or all" in res.output


def test_7_empty_csv_result_has_its_header(event_db):
    res = run("events", "--db", str(event_db), "--country", "FRA", "--format", "csv")
    assert res.exit_code == 0
    assert res.output.splitlines() == [res.output.splitlines()[0]]
    assert res.output.startswith("id,date,plover_type,")
    res = run("events", "--db", str(event_db), "--country", "FRA", "--format", "csv", "--with-text")
    assert res.output.rstrip().endswith("sentence,trigger_text,source_text,target_text,date_text,article_id,title,url")


def test_7_end_of_run_line_says_mentions_and_matches_summary(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(PAGE)
    (d / "b.txt").write_text(PAGE.replace("Brazil", "Chile"))
    db = tmp_path / "c.duckdb"
    res = code(str(d), "--db", str(db), "--pub-date", "2024-12-05")
    assert res.exit_code == 0
    from tidings.store import Store as S

    with S(str(db), read_only=True) as s:
        c = s.counts()
    summary = run("summary", "--db", str(db)).output.splitlines()[0]
    store_line = next(ln for ln in res.output.splitlines() if ln.startswith("the store now:"))
    assert store_line == "the store now: " + summary
    assert f"{c['mentions_shown']} counted mentions of {c['mentions']}" in summary
    assert f"{c['events']} counted events" in summary
    run_line = next(ln for ln in res.output.splitlines() if ln.startswith("this run:"))
    assert f"{c['mentions']} event mentions" in run_line


def test_7_torn_wal_is_reported(tmp_path, event_db):
    db = tmp_path / "w.duckdb"
    shutil.copy(event_db, db)
    # A second process commits a batch and dies before checkpointing: the batch lives in the WAL.
    script = (
        "import os, sys\n"
        "sys.path[:0] = sys.argv[2:]\n"
        "from tidings.store import Store\n"
        "from test_store_fixtures import result, event, body\n"
        "s = Store(sys.argv[1])\n"
        "s.add_results([result(body(900 + i), [event()]) for i in range(64)], s.start_run({}))\n"
        "os._exit(0)\n"
    )
    import subprocess
    import sys

    here = str(Path(__file__).parent)
    src = str(Path(__file__).parents[1] / "src")
    subprocess.run([sys.executable, "-c", script, str(db), src, here], check=True)
    wal = Path(str(db) + ".wal")
    assert wal.exists() and torn_wal_bytes(str(db)) == 0
    whole = rows(db, "select count(*) from articles")[0][0]
    data = wal.read_bytes()
    wal.write_bytes(data[:-100])  # the end of the last commit lost (a full disk, a copy taken mid-write)
    assert torn_wal_bytes(str(db)) > 0
    res = run("summary", "--db", str(db))
    assert res.exit_code == 0
    assert "write-ahead log" in res.output and "discards" in res.output
    assert rows(db, "select count(*) from articles")[0][0] < whole


# -- 8. bad values return errors, not nothing --------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--country", "Ukraine"], "UKR"),
        (["--country", "ukraine"], "UKR"),
        (["--country", "UA"], "UKR"),
        (["--dyad", "Russia:Ukraine"], "RUS"),
        (["--dyad", "Syria:Kazakhstan"], "SYR"),
        (["--location-country", "Ukraine"], "UKR"),
    ],
)
def test_8_country_names_resolve(event_db, args, expected):
    res = run("events", "--db", str(event_db), *args, "--format", "jsonl")
    assert res.exit_code == 0
    got = [json.loads(ln) for ln in res.output.splitlines()]
    assert got and all(expected in (r["source_country"], r["target_country"], r["location_country"]) for r in got)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--country", "Narnia"], "not a country code or name"),
        (["--type", "ATTACK"], "unknown --type 'ATTACK'; choose from ACCUSE, AGREE"),
        (["--modality", "maybe"], "unknown modality maybe"),
        (["--quad", "7"], "quad classes 0-4"),
    ],
)
def test_8_unknown_values_are_errors_listing_the_valid_ones(event_db, args, message):
    res = run("events", "--db", str(event_db), *args)
    assert res.exit_code == 2 and message in res.output


def test_8_gold_source_as_a_string_is_read_and_bad_shapes_are_refused(tmp_path):
    from tidings.evaluate import GoldFormatError, read_gold

    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps({"id": "1", "text": "Iran accused Israel.", "events": [{"plover": "ACCUSE", "source": "IRN", "target": ["ISR"]}]}) + "\n")
    (item,) = read_gold(p)
    assert item.events[0]["source"] == ["IRN"] and item.events[0]["target"] == ["ISR"]
    q = tmp_path / "bad.jsonl"
    q.write_text(json.dumps({"id": "1", "text": "x", "events": [{"source": {"code": "IRN"}}]}) + "\n")
    with pytest.raises(GoldFormatError, match="'source' must be a code or a list of codes"):
        read_gold(q)
    res = run("evaluate", str(q))
    assert res.exit_code == 2 and "must be a code or a list" in res.output


@pytest.mark.parametrize("name, magic", [("x.csv", b"id,"), ("x.jsonl", b'{"id"'), ("x.parquet", b"PAR1")])
def test_8_export_format_follows_the_extension(tmp_path, event_db, name, magic):
    out = tmp_path / name
    res = run("export", str(out), "--db", str(event_db))
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(magic)


def test_8_export_unknown_extension_needs_format(tmp_path, event_db):
    res = run("export", str(tmp_path / "x.out"), "--db", str(event_db))
    assert res.exit_code == 2 and "--format" in res.output
    res = run("export", str(tmp_path / "x.out"), "--db", str(event_db), "--format", "gdelt")
    assert res.exit_code == 0


def test_8_missing_input_path_leaves_no_store(tmp_path):
    db = tmp_path / "new.duckdb"
    res = code(str(tmp_path / "nosuch.txt"), "--db", str(db))
    assert res.exit_code == 1 and "no such file" in res.output
    assert not db.exists() and not Path(str(db) + ".wal").exists()


# -- done when: one run over every hostile input plus good pages --------------------------------------


def test_done_when_one_run_over_every_hostile_input(tmp_path, monkeypatch):
    d = tmp_path / "hostile"
    d.mkdir()
    good = {"page.txt", "accented.txt", "line 1", "line 3", "surrogate", "late.jsonl"}
    (d / "page.txt").write_text(PAGE)
    (d / "accented.txt").write_bytes(ACCENTED)
    (d / "nested.jsonl").write_text(
        json.dumps({"id": "line 1", "text": "Iraqi and Turkish ministers signed a water agreement in Baghdad."}) + "\n"
        + "[" * 2000 + "]" * 2000 + "\n"
        + json.dumps({"id": "line 3", "text": "Kenyan police dispersed protesters in Nairobi on Friday."}) + "\n"
    )
    (d / "big.jsonl").write_text(json.dumps({"id": "big", "text": "Syrian troops shelled Idlib. " * 75_000}) + "\n")
    (d / "surrogate.jsonl").write_text(json.dumps({"id": "surrogate", "text": "Chinese \udc00 envoys visited Hanoi."}) + "\n")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "empty.txt").write_text("")
    (d / "cut.txt.gz").write_bytes(gzip.compress(PAGE.encode())[:30])
    (d / "doc.pdf").write_bytes(b"%PDF-1.4 garbage")
    (d / "locked").mkdir()
    (d / "locked" / "a.txt").write_text(PAGE)
    (d / "zz").mkdir()
    (d / "zz" / "late.jsonl").write_text(json.dumps({"id": "late.jsonl", "text": "Egypt hosted talks with Qatar in Cairo."}) + "\n")
    _deny(monkeypatch, d / "locked")
    db = tmp_path / "h.duckdb"
    res = code(str(d), "--db", str(db), "--pub-date", "2025-03-05")
    assert res.exit_code == 0, res.output
    stored = rows(db, "select coalesce(input_id, source_path) from articles")
    names = {Path(s).name if "/" in s else s for (s,) in stored}
    assert names == good
    rejects = {(Path(p).name, loc, reason) for p, loc, reason in rows(db, "select path, locator, reason from rejects")}
    assert rejects == {
        ("nested.jsonl", "line 2", "bad_json"),
        ("big.jsonl", "line 1", "too_long"),
        ("binary.txt", None, "binary"),
        ("empty.txt", None, "empty"),
        ("cut.txt.gz", None, "truncated"),
        ("doc.pdf", None, "unsupported"),
        ("locked", None, "unreadable"),
    }
    assert all(r[0] for r in rows(db, "select detail from rejects"))
    assert rows(db, "select status from runs") == [("completed",)]


def test_2_spark_reader_rejects_too_long_articles_before_coding(tmp_path):
    pytest.importorskip("pyspark")
    from tidings.spark import read_local_file

    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"id": "big", "text": "Syrian troops shelled Idlib. " * 75_000}) + "\n"
                 + json.dumps({"id": "ok", "text": GOOD}) + "\n")
    got = [(kind, getattr(item, "reason", None)) for kind, _, item in read_local_file((0, 0, str(p)), None, 20_000_000)]
    assert got == [("reject", "too_long"), ("article", None)]


def test_parsed_entities_cache_lets_documents_go():
    # the per-document entity cache must not keep every parse of a run alive
    import gc
    import weakref

    import spacy

    from tidings import parsed

    from spacy.tokens import Span

    nlp = spacy.blank("en")
    refs = []
    for k in range(50):
        doc = nlp(f"Durban number {k}")
        doc.ents = [Span(doc, 0, 1, label="GPE")]
        assert [e.text for e in parsed.doc_ents(doc)] == ["Durban"]
        refs.append(weakref.ref(doc))
        del doc
    gc.collect()
    assert sum(r() is not None for r in refs) <= parsed._KEEP
