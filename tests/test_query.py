"""`select_events` filters and the `tidings events` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.query import select_events
from tidings.store import Store

from test_store_fixtures import corpus

TIDINGS = str(Path(sys.executable).with_name("tidings"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("q") / "q.duckdb")
    with Store(path) as s:
        s.add_results(corpus(), s.start_run({}))
    return path


def types(rows):
    return sorted(r["plover_type"] for r in rows)


def test_default_is_asserted_events_oldest_first(db):
    rows = select_events(db)
    assert [r["plover_type"] for r in rows] == ["COOPERATE", "ACCUSE", "ASSAULT", "CONSULT"]
    assert all(r["modality"] == "asserted" for r in rows)


def test_modality(db):
    assert len(select_events(db, modality="all")) == 5
    (neg,) = select_events(db, modality="negated")
    assert neg["plover_type"] == "CONSULT" and str(neg["date"]) == "2024-12-20"
    assert len(select_events(db, modality=["negated", "asserted"])) == 5


def test_actor_matches_country_code_prefix_or_name(db):
    assert types(select_events(db, actor="RUS")) == ["ACCUSE", "ASSAULT"]
    assert types(select_events(db, actor="RUSMIL")) == ["ASSAULT"]
    assert types(select_events(db, actor="ukrcvl")) == ["ASSAULT"]  # names in the fixtures are the codes
    assert select_events(db, actor="FRA") == []


def test_country_either_side(db):
    assert types(select_events(db, country="kaz")) == ["CONSULT", "COOPERATE"]


def test_dyad_directed_and_undirected(db):
    assert types(select_events(db, dyad="SYR:KAZ")) == ["CONSULT"]
    assert types(select_events(db, dyad="KAZ:SYR")) == ["COOPERATE"]
    assert types(select_events(db, dyad="SYR:KAZ", directed=False)) == ["CONSULT", "COOPERATE"]
    assert types(select_events(db, dyad="RUSMIL:UKR")) == ["ASSAULT"]
    assert types(select_events(db, dyad="RUS:")) == ["ACCUSE", "ASSAULT"]
    with pytest.raises(ValueError):
        select_events(db, dyad="SYR-KAZ")


def test_type_quad_cameo(db):
    assert types(select_events(db, plover_type="consult")) == ["CONSULT"]
    assert types(select_events(db, plover_type="CONSULT,ACCUSE")) == ["ACCUSE", "CONSULT"]
    assert types(select_events(db, quad_class=4)) == ["ASSAULT"]
    assert types(select_events(db, quad_class=[3, 4])) == ["ACCUSE", "ASSAULT"]
    assert types(select_events(db, cameo_prefix="04")) == ["CONSULT"]
    assert types(select_events(db, cameo_prefix="1")) == ["ACCUSE", "ASSAULT"]


def test_date_range(db):
    assert types(select_events(db, since="2024-11-01", until="2024-11-30")) == ["ACCUSE", "ASSAULT"]
    assert types(select_events(db, since="2024-12-01")) == ["CONSULT"]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        select_events(db, since="last week")


def test_location_confidence_mentions(db):
    assert types(select_events(db, location_country="UKR")) == ["ACCUSE", "ASSAULT"]
    assert types(select_events(db, min_confidence=0.7)) == ["ASSAULT", "CONSULT", "COOPERATE"]
    assert types(select_events(db, min_mentions=2)) == ["CONSULT"]


def test_with_text_and_limit(db):
    rows = select_events(db, actor="RUSMIL", with_text=True)
    assert rows[0]["sentence"] == "Russian forces shelled a village near Kyiv."
    assert rows[0]["trigger_text"] == "met" and rows[0]["article_id"]
    assert "sentence" not in select_events(db)[0]
    assert len(select_events(db, limit=2)) == 2


def test_arrow_output_and_open_store(db):
    with Store(db, read_only=True) as s:
        table = select_events(s, as_arrow=True)
    assert table.num_rows == 4 and "num_sources" in table.column_names


def test_cli_formats(db):
    out = subprocess.run([TIDINGS, "events", "--db", db, "--dyad", "SYR:KAZ", "--undirected", "--format", "jsonl"],
                         capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["plover_type"] for r in rows) == ["CONSULT", "COOPERATE"]
    csv_out = subprocess.run([TIDINGS, "events", "--db", db, "--quad", "3,4", "--format", "csv"],
                             capture_output=True, text=True, check=True).stdout
    assert csv_out.splitlines()[0].startswith("id,date,plover_type") and len(csv_out.splitlines()) == 3
    table = subprocess.run([TIDINGS, "events", "--db", db, "--type", "ASSAULT", "--with-text"],
                           capture_output=True, text=True, check=True).stdout
    assert "ASSAULT" in table and "shelled" in table
    bad = subprocess.run([TIDINGS, "events", "--db", db, "--since", "yesterday"], capture_output=True, text=True)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
