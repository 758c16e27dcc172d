"""One meaning of "counted": below-threshold and negated events are in no default output, and in all with --all."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tidings import counting as C
from tidings.export import export
from tidings.plot import period_counts
from tidings.query import select_events
from tidings.store import Store

from test_store_fixtures import body, event, result

TIDINGS = str(Path(sys.executable).with_name("tidings"))

# Three events of SYR -> KAZ in December 2024 with distinct CAMEO codes, so every output can be checked by code:
# 043 counted; 036 asserted but below the threshold; 042 negated with high confidence.
COUNTED, LOW, NEGATED = "043", "036", "042"
LOW_CONF = round(max(C.threshold() - 0.1, 0.01), 2)  # below whatever threshold the shipped model chose


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("c") / "c.duckdb")
    rs = [
        result(body(1), [event(cameo=COUNTED, confidence=0.9)], outlet="SANA"),
        result(body(2), [event("COOPERATE", cameo=LOW, quad=1, goldstein=4.0, confidence=LOW_CONF,
                                date="2024-12-10")],
               outlet="AP"),
        result(body(3), [event("CONSULT", cameo=NEGATED, confidence=0.95, modality="negated", date="2024-12-12")],
               outlet="TASS"),
    ]
    with Store(path) as s:
        s.add_results(rs, s.start_run({}))
    return path


def codes(rows, key="cameo_code"):
    return sorted(r[key] for r in rows)


def run(*args):
    r = subprocess.run([TIDINGS, *args], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r


def test_definition():
    t = C.threshold()
    assert C.is_counted("asserted", t) and not C.is_counted("asserted", t - 0.01)
    assert not C.is_counted("negated", 1.0) and not C.is_counted("future", 1.0)
    assert C.is_counted("asserted", 0.3, min_confidence=0.3)
    assert C.counting().sql("e") == ("e.modality IN (?) AND e.confidence >= ?", ["asserted", t])
    assert C.counting(all_events=True).sql() == ("TRUE", [])
    assert C.counting(modality="all").sql() == ("confidence >= ?", [t])
    assert C.counting(all_events=True, min_confidence=0.5).sql() == ("confidence >= ?", [0.5])
    with pytest.raises(ValueError, match="unknown modality maybe"):
        C.counting(modality="maybe")
    with pytest.raises(ValueError, match="between 0 and 1"):
        C.counting(min_confidence=2)


def test_threshold_follows_the_shipped_model(monkeypatch):
    from types import SimpleNamespace

    from tidings.events import decide

    monkeypatch.setattr(decide, "load_model", lambda: SimpleNamespace(count_threshold=0.72, name="m"))
    monkeypatch.delenv("TIDINGS_RULES_ONLY", raising=False)
    assert C.threshold() == 0.72
    assert C.counting().sql() == ("modality IN (?) AND confidence >= ?", ["asserted", 0.72])
    monkeypatch.setenv("TIDINGS_RULES_ONLY", "1")  # the rules' confidences, the rules' threshold
    assert C.threshold() == 0.6
    monkeypatch.setattr(decide, "load_model", lambda: None)
    monkeypatch.delenv("TIDINGS_RULES_ONLY")
    assert C.threshold() == C.DEFAULT_THRESHOLD == 0.6


def test_query_layer(db):
    assert codes(select_events(db)) == [COUNTED]
    assert codes(select_events(db, all_events=True)) == sorted([COUNTED, LOW, NEGATED])
    assert codes(select_events(db, min_confidence=LOW_CONF)) == sorted([COUNTED, LOW])
    assert codes(select_events(db, modality="negated")) == [NEGATED]
    assert codes(select_events(db, modality="all")) == sorted([COUNTED, NEGATED])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "table"])
def test_events_command(db, fmt):
    default = run("events", "--db", db, "--format", fmt).stdout
    every = run("events", "--db", db, "--format", fmt, "--all").stdout
    assert COUNTED in default and LOW not in default and NEGATED not in default
    assert all(c in every for c in (COUNTED, LOW, NEGATED))


def _read(path: Path, fmt: str) -> list[dict]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "csv":
        return list(csv.DictReader(open(path, encoding="utf-8")))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text().splitlines()]
    if fmt == "stata":
        import pyreadstat

        return pyreadstat.read_dta(str(path))[0].to_dict("records")
    header = None
    rows = [line.split("\t") for line in path.read_text().splitlines()]
    from tidings.export import GDELT_COLUMNS

    header = GDELT_COLUMNS
    return [{"cameo_code": dict(zip(header, r))["EventCode"]} for r in rows]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "gdelt", "stata"])
@pytest.mark.parametrize("table", ["events", "mentions"])
def test_every_export_format(db, tmp_path, fmt, table):
    if fmt == "stata":
        pytest.importorskip("pyreadstat")
    if fmt == "gdelt" and table == "mentions":
        return
    out = tmp_path / f"x.{fmt}"
    export(db, out, fmt, table=table)
    assert codes(_read(out, fmt)) == [COUNTED]
    export(db, out, fmt, table=table, all_events=True)
    assert codes(_read(out, fmt)) == sorted([COUNTED, LOW, NEGATED])


def test_export_command_all(db, tmp_path):
    out = tmp_path / "g.tsv"
    run("export", "--db", db, "--format", "gdelt", str(out))
    assert len(out.read_text().splitlines()) == 1
    run("export", "--db", db, "--format", "gdelt", "--all", str(out))
    assert len(out.read_text().splitlines()) == 3
    run("export", "--db", db, "--format", "gdelt", "--min-confidence", str(LOW_CONF), str(out))
    assert len(out.read_text().splitlines()) == 2


def test_plot(db, tmp_path):
    assert sum(sum(v) for v in period_counts(db, dyad="SYR:KAZ")["groups"].values()) == 1
    assert sum(sum(v) for v in period_counts(db, dyad="SYR:KAZ", all_events=True)["groups"].values()) == 3
    r = run("plot", "--db", db, "--dyad", "SYR:KAZ", str(tmp_path / "p.png"))
    assert "plotted 1 events" in r.stderr
    r = run("plot", "--db", db, "--dyad", "SYR:KAZ", "--all", str(tmp_path / "p.png"))
    assert "plotted 3 events" in r.stderr


def test_summary(db):
    with Store(db, read_only=True) as s:
        default = s.summary()
        every = s.summary(keep=C.counting(all_events=True))
    assert default["events"] == 1 and default["mentions_shown"] == 1 and default["shown"]["counted_only"]
    assert [t["events"] for t in default["top_types"]] == [1] and default["top_dyads"][0]["events"] == 1
    assert every["events"] == 3 and sum(t["events"] for t in every["top_types"]) == 3
    text = " ".join(run("summary", "--db", db).stdout.split())
    assert "1 counted events of 3" in text
    text = " ".join(run("summary", "--db", db, "--all").stdout.split())
    assert "3 events (every modality; any confidence) of 3" in text
    js = json.loads(run("summary", "--db", db, "--all", "--json").stdout)
    assert js["events"] == 3


def test_bad_modality_is_an_error(db):
    r = subprocess.run([TIDINGS, "events", "--db", db, "--modality", "maybe"], capture_output=True, text=True)
    assert r.returncode == 2 and "unknown modality" in r.stderr and "Traceback" not in r.stderr
