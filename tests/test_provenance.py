"""Data a researcher can cite and reload: version, tables hash, run ids, export metadata, Stata, CSV cells."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tidings import __version__, codebook
from tidings.export import export
from tidings.export_meta import read_metadata, sidecar_path
from tidings.provenance import hash_tree, tables_hash
from tidings.records import Event
from tidings.store import TABLES, Store

from test_store_fixtures import body, event, result

TIDINGS = str(Path(sys.executable).with_name("tidings"))
REPO = Path(__file__).resolve().parents[1]
HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(1,2)", "-2+3", "@cmd", "\tlead tab", "\rlead cr"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("p") / "p.duckdb")
    rs = [
        result(body(1), [event(cameo="010", quad=0, goldstein=0.0,
                               sentence="The minister made a statement on Wednesday.\n\n")], outlet="SANA"),
        result(body(2), [event("ASSAULT", "RUSMIL", "UKRCVL", "2024-11-20", cameo="190", quad=4, goldstein=-10.0,
                               place="Kyiv")], outlet=HOSTILE[1], title=HOSTILE[0]),
    ]
    rs[1].events[0].plover_context = ["military", "territory"]
    with Store(path) as s:
        s.add_results(rs, s.start_run({"model": "test-model", "actors": ["mine.csv"]}))
    return path


def test_version_prints_three_parts():
    r = subprocess.run([TIDINGS, "--version"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"tidings {__version__}"
    assert lines[1].startswith("model ") and len(lines[1]) > len("model ")
    assert lines[2] == f"tables {tables_hash()}" and len(tables_hash()) == 12


def test_tables_hash_is_stable_and_sees_every_change(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.tsv").write_text("k\tv\n")
    (tmp_path / "b.txt").write_text("word\n")
    first = hash_tree(tmp_path)
    assert hash_tree(tmp_path) == first
    (tmp_path / "b.txt").write_text("word\nother\n")
    edited = hash_tree(tmp_path)
    assert edited != first
    (tmp_path / "b.txt").rename(tmp_path / "c.txt")
    assert hash_tree(tmp_path) not in (first, edited)


def test_runs_events_and_mentions_carry_provenance(db):
    con = duckdb.connect(db, read_only=True)
    try:
        (run_id, version, thash), = con.execute("SELECT id, coder_version, tables_hash FROM runs").fetchall()
        assert version == __version__ and thash == tables_hash()
        assert {r[0] for r in con.execute("SELECT run_id FROM events").fetchall()} == {run_id}
        assert {r[0] for r in con.execute("SELECT run_id FROM mentions").fetchall()} == {run_id}
        sentences = {r[0] for r in con.execute("SELECT sentence FROM mentions").fetchall()}
    finally:
        con.close()
    assert "The minister made a statement on Wednesday." in sentences  # trailing blank lines trimmed


def test_sentence_trimmed_at_the_source():
    e = Event(article_id="a", sentence="Troops shelled Idlib.  \n\n", sentence_index=0, section="body",
              trigger_text="shelled", trigger_start=7, trigger_end=14, plover_type="ASSAULT", cameo_code="190")
    assert e.sentence == "Troops shelled Idlib."


def test_older_store_gains_the_new_columns(tmp_path):
    path = str(tmp_path / "old.duckdb")
    with Store(path) as s:
        s.add_results([result(body(7), [event()])], s.start_run({}))
        s.con.execute("ALTER TABLE events DROP COLUMN run_id")
        s.con.execute("ALTER TABLE runs DROP COLUMN tables_hash")
    with Store(path) as s:
        cols = set(s.con.execute("SELECT table_name || '.' || column_name FROM information_schema.columns").fetchall())
        assert ("events.run_id",) in cols and ("runs.tables_hash",) in cols
        s.add_results([result(body(8), [event("ASSAULT", date="2024-11-01")])], s.start_run({}))
        assert s.con.execute("SELECT count(*) FROM events WHERE run_id IS NOT NULL").fetchall()[0][0] >= 1


REQUIRED = {"coder_version", "tables_hash", "model", "options", "dictionaries", "query", "rows", "columns",
            "created_at", "runs", "exported_by"}


def test_parquet_carries_its_metadata(db, tmp_path):
    out = tmp_path / "e.parquet"
    export(db, out)
    kv = pq.read_schema(out).metadata
    assert kv[b"tidings.tables_hash"].decode() == tables_hash()
    meta = read_metadata(out)
    assert REQUIRED <= set(meta) and meta["coder_version"] == __version__ and meta["model"] == "test-model"
    assert meta["rows"]["written"] == 2 and meta["query"]["counted_only"] is True
    assert [c["name"] for c in meta["columns"]] == pq.read_schema(out).names
    assert list(meta["dictionaries"].values()) == [{"actors": ["mine.csv"]}]
    assert not sidecar_path(out).exists()


@pytest.mark.parametrize("fmt,name", [("csv", "e.csv"), ("jsonl", "e.jsonl"), ("gdelt", "e.tsv"), ("stata", "e.dta")])
def test_sidecar_for_every_other_format(db, tmp_path, fmt, name):
    if fmt == "stata":
        pytest.importorskip("pyreadstat")
    out = tmp_path / name
    n = export(db, out, fmt, min_confidence=0.5)
    meta = json.loads(sidecar_path(out).read_text())
    assert sidecar_path(out).name == name + ".meta.json"
    assert REQUIRED <= set(meta) and meta["format"] == fmt and meta["rows"]["written"] == n == 2
    assert meta["tables_hash"] == tables_hash() and meta["query"]["min_confidence"] == 0.5
    assert all(c["type"] and "pandas_dtype" in c for c in meta["columns"])
    if fmt == "csv":
        assert [c["name"] for c in meta["columns"]] == next(csv.reader(open(out, encoding="utf-8")))
    if fmt == "gdelt":
        assert len(meta["columns"]) == 61 and meta["columns"][26] == {**meta["columns"][26], "name": "EventCode",
                                                                       "type": "VARCHAR"}


def test_csv_codes_stay_text_with_the_documented_dtypes(db, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "e.csv"
    export(db, out, "csv")
    meta = json.loads(sidecar_path(out).read_text())
    df = pd.read_csv(out, dtype={c["name"]: c["pandas_dtype"] for c in meta["columns"]})
    assert sorted(df["cameo_code"].tolist()) == ["010", "190"]
    # The short form the docs give keeps the codes too.
    df = pd.read_csv(out, dtype={"cameo_code": str, "quad_class": "Int64"})
    assert "010" in df["cameo_code"].tolist()


def test_csv_lists_joined_and_separator_chosen(db, tmp_path):
    out = tmp_path / "e.csv"
    export(db, out, "csv")
    rows = {r["cameo_code"]: r for r in csv.DictReader(open(out, encoding="utf-8"))}
    assert rows["190"]["plover_context"] == "military;territory"
    export(db, out, "csv", list_sep="|")
    rows = {r["cameo_code"]: r for r in csv.DictReader(open(out, encoding="utf-8"))}
    assert rows["190"]["plover_context"] == "military|territory"
    with pytest.raises(ValueError, match="list-sep"):
        export(db, out, "csv", list_sep='"')


def test_csv_cells_cannot_be_formulas(db, tmp_path):
    with Store(str(tmp_path / "h.duckdb")) as s:
        rs = [result(body(20 + i), [], title=t, outlet=t) for i, t in enumerate(HOSTILE)]
        s.add_results(rs, s.start_run({}))
        out = tmp_path / "a.csv"
        export(s, out, "csv", table="articles")
        rows = list(csv.DictReader(open(out, encoding="utf-8", newline="")))
        assert sorted(r["title"] for r in rows) == sorted("'" + t for t in HOSTILE)
        assert all(r["outlet"].startswith("'") for r in rows)
        assert all(not r["body"].startswith("'") for r in rows)  # harmless cells untouched
        # Parquet and JSON Lines are data, not spreadsheets: the values stay as written.
        export(s, tmp_path / "a.jsonl", "jsonl", table="articles")
        titles = [json.loads(line)["title"] for line in (tmp_path / "a.jsonl").read_text().splitlines()]
        assert sorted(titles) == sorted(HOSTILE)


def test_empty_csv_keeps_its_header(db, tmp_path):
    out = tmp_path / "none.csv"
    assert export(db, out, "csv", modality="future") == 0
    assert out.read_text().splitlines() == [",".join(c for c, _ in codebook.export_columns("events"))]


def test_stata_round_trip(db, tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    out = tmp_path / "e.dta"
    assert export(db, out, "stata") == 2
    df, meta = pyreadstat.read_dta(str(out))
    assert sorted(df["cameo_code"]) == ["010", "190"]
    assert meta.column_names_to_labels["cameo_code"] == codebook.describe("events", "cameo_code")
    assert set(df["plover_context"]) == {"diplomatic", "military;territory"}
    labels = meta.variable_value_labels["quad_class"]
    assert labels[0] == "Make a Statement" and labels[4] == "Material Conflict"
    assert str(sorted(df["date"].dropna())[0])[:10] == "2024-11-20"
    # Every table exports (lists, booleans, timestamps, long text).
    for table in ("mentions", "articles", "actors", "runs"):
        export(db, tmp_path / f"{table}.dta", "stata", table=table)
        assert len(pyreadstat.read_dta(str(tmp_path / f"{table}.dta"))[0]) >= 1


def test_codebook_lists_every_column_and_is_current():
    assert codebook.missing_descriptions() == []
    text = codebook.markdown()
    for table in codebook.EXPORT_TABLES:
        for name, typ in codebook.export_columns(table):
            assert f"| `{name}` | {typ} |" in text
    assert (REPO / "docs" / "codebook.md").read_text(encoding="utf-8") == text, (
        "docs/codebook.md is out of date: tidings export --dictionary > docs/codebook.md")
    r = subprocess.run([TIDINGS, "export", "--dictionary"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == text
    assert "minhash" not in text and set(TABLES) >= set(codebook.EXPORT_TABLES)


def test_export_format_follows_the_extension(db, tmp_path):
    r = subprocess.run([TIDINGS, "export", "--db", db, str(tmp_path / "e.csv")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "e.csv").read_text().startswith("id,") and "e.csv.meta.json" in r.stderr


def _doc_block(lang: str) -> str:
    import re

    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    section = text[text.index("## Loading exports"):]
    return re.search(rf"^```{lang}\n(.*?)^```", section, flags=re.S | re.M).group(1)


def test_docs_pandas_recipe_keeps_codes_as_text(db, tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    export(db, tmp_path / "events.parquet")
    export(db, tmp_path / "events.csv", "csv")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(_doc_block("python"), scope)  # the recipe as the docs print it
    ev = scope["ev"]
    assert sorted(ev["cameo_code"]) == ["010", "190"]
    assert ["military", "territory"] in ev["plover_context"].tolist()


def test_docs_r_recipe(db, tmp_path):
    import shutil

    if not shutil.which("Rscript"):
        pytest.skip("R is not installed")
    export(db, tmp_path / "events.parquet")
    export(db, tmp_path / "events.csv", "csv")
    script = _doc_block("r") + '\nstopifnot(is.character(ev$cameo_code), "010" %in% ev$cameo_code)\n'
    r = subprocess.run(["Rscript", "-e", script], cwd=tmp_path, capture_output=True, text=True)
    if "there is no package" in r.stderr:
        pytest.skip("R lacks arrow, readr or jsonlite")
    assert r.returncode == 0, r.stderr


def test_citation_license_changelog_agree_with_the_package():
    import re

    cff = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^cff-version: 1\.2\.0$", cff, flags=re.M)
    assert re.search(rf"^version: {re.escape(__version__)}$", cff, flags=re.M)
    assert "tidings developers" in cff and re.search(r"^license: MIT$", cff, flags=re.M)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{__version__}"' in pyproject and 'license = { text = "MIT" }' in pyproject
    lic = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert lic.startswith("MIT License") and "tidings developers" in lic
    assert f"## [{__version__}]" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def test_events_csv_on_stdout_is_neutralised_too(db):
    r = subprocess.run([TIDINGS, "events", "--db", db, "--with-text", "--format", "csv"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(r.stdout.splitlines()))
    assert {row["title"] for row in rows if row["cameo_code"] == "190"} == {"'" + HOSTILE[0]}
