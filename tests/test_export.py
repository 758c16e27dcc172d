"""Exports read back: Parquet, CSV, JSON Lines, and the GDELT 2.0 event file."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tidings.export import GDELT_COLUMNS, cameo_country, export, fips_country, global_event_id
from tidings.store import Store

from test_store_fixtures import corpus

TIDINGS = str(Path(sys.executable).with_name("tidings"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("x") / "x.duckdb")
    with Store(path) as s:
        s.add_results(corpus(), s.start_run({}))
    return path


def test_parquet_events_read_back(db, tmp_path):
    out = tmp_path / "events.parquet"
    assert export(db, out, "parquet") == 4
    table = pq.read_table(out)
    assert table.num_rows == 4
    rows = {r["plover_type"]: r for r in table.to_pylist()}
    assert rows["CONSULT"]["num_mentions"] == 2 and rows["CONSULT"]["plover_context"] == ["diplomatic"]
    assert str(rows["ASSAULT"]["date"]) == "2024-11-20"
    # DuckDB reads it too, and every modality is there on request.
    export(db, tmp_path / "all.parquet", "parquet", modality="all")
    n = duckdb.connect().execute(f"SELECT count(*) FROM '{tmp_path / 'all.parquet'}'").fetchall()[0][0]
    assert n == 5


def test_parquet_other_tables(db, tmp_path):
    assert export(db, tmp_path / "m.parquet", "parquet", table="mentions", modality="all") == 6
    assert export(db, tmp_path / "a.parquet", "parquet", table="articles") == 6
    arts = pq.read_table(tmp_path / "a.parquet")
    assert "minhash" not in arts.column_names and arts.column("boilerplate").to_pylist()[0] == ["Latest news"]
    assert export(db, tmp_path / "r.parquet", "parquet", table="runs") == 1


def test_csv_with_and_without_header(db, tmp_path):
    export(db, tmp_path / "e.csv", "csv")
    rows = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert len(rows) == 4 and {r["plover_type"] for r in rows} == {"CONSULT", "ACCUSE", "ASSAULT", "COOPERATE"}
    export(db, tmp_path / "n.csv", "csv", header=False)
    lines = (tmp_path / "n.csv").read_text().splitlines()
    assert len(lines) == 4 and not lines[0].startswith("id,")


def test_jsonl(db, tmp_path):
    export(db, tmp_path / "m.jsonl", "jsonl", table="mentions")
    rows = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert len(rows) == 5 and all(r["modality"] == "asserted" for r in rows)
    assert {r["sentence"] for r in rows} >= {"Russian forces shelled a village near Kyiv."}


def test_gdelt_columns_and_values(db, tmp_path):
    out = tmp_path / "g.tsv"
    assert export(db, out, "gdelt", header=True) == 4
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    header, *rows = [line.split("\t") for line in lines[:-1]]
    assert header == GDELT_COLUMNS and len(header) == 61
    assert header[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert header[-2:] == ["DATEADDED", "SOURCEURL"]
    assert all(len(r) == 61 for r in rows)
    rec = {r[26]: dict(zip(header, r)) for r in rows}  # by EventCode
    consult = rec["043"]
    assert consult["SQLDATE"] == "20241204" and consult["MonthYear"] == "202412" and consult["Year"] == "2024"
    assert consult["Actor1Code"] == "SYRGOV" and consult["Actor1CountryCode"] == "SYR"
    assert consult["Actor1Type1Code"] == "GOV" and consult["Actor2CountryCode"] == "KAZ"
    assert consult["EventBaseCode"] == "043" and consult["EventRootCode"] == "04"
    assert consult["QuadClass"] == "1" and consult["GoldsteinScale"] == "2.8"
    assert (consult["NumMentions"], consult["NumSources"], consult["NumArticles"]) == ("2", "2", "2")
    assert consult["ActionGeo_Type"] == "4" and consult["ActionGeo_CountryCode"] == "SY"
    assert consult["ActionGeo_FullName"] == "Damascus, Syria" and consult["ActionGeo_FeatureID"] == "170654"
    assert consult["ActionGeo_Lat"] == "33.51" and consult["SOURCEURL"] == "https://sana.sy/a1"
    assert consult["IsRootEvent"] == "1" and len(consult["DATEADDED"]) == 14
    assert int(consult["GLOBALEVENTID"]) == global_event_id(corpus()[0].events[0].id)
    # No header by default: the file starts with data, as GDELT's own files do.
    export(db, tmp_path / "h.tsv", "gdelt")
    assert (tmp_path / "h.tsv").read_text().split("\t")[0].isdigit()


def test_country_code_conversions():
    assert cameo_country("ROU") == "ROM" and cameo_country("SYR") == "SYR" and cameo_country(None) == ""
    assert fips_country("GBR") == "UK" and fips_country("DEU") == "GM" and fips_country("XXX") == ""


def test_cli_export(db, tmp_path):
    out = tmp_path / "cli.tsv"
    r = subprocess.run([TIDINGS, "export", "--db", db, "--format", "gdelt", "--header", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "wrote 4 rows" in r.stderr
    assert out.read_text().split("\n")[0].split("\t") == GDELT_COLUMNS
    bad = subprocess.run([TIDINGS, "export", "--db", db, "--format", "xlsx", str(tmp_path / "x")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown format" in bad.stderr and "Traceback" not in bad.stderr
