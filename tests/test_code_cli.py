"""End-to-end: `tidings code` from pages on disk to DuckDB and JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_d3bb04708404b6e2.txt"

# Written for these tests: a Syria Times-style page with the same shape as the seed
# (headline, "City, (ST) –" dateline, lone byline, related-links boilerplate).
PAGE = """Foreign minister receives Ambassador of Brazil to Jordan

Damascus, (ST) – Minister of Foreign Affairs Faisal Al-Mikdad on Monday met with the Ambassador of Brazil to Jordan Paulo Ramos at the Ministry's building.

Al-Mikdad praised Brazil's support for Syria in international forums.

Ramos affirmed his country's desire to strengthen economic cooperation with Syria.

Hala Mansour

You might also like
Latest news
Iran reaffirms ongoing support for Syrian people, government Army eliminates dozens of terrorists in Hama countrysi...
"""


def _code(runner: CliRunner, *args: str):
    return runner.invoke(app, ["code", *args, "--no-progress"], catch_exceptions=False)


@pytest.fixture()
def page_dir(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    d.mkdir()
    (d / "syria_brazil.txt").write_text(PAGE, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blob.txt").write_bytes(bytes(range(256)) * 20)
    return d


def _events_by_type(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rec in records:
        for ev in rec["events"]:
            out.setdefault(ev["plover_type"], []).append(ev)
    return out


def test_code_writes_db_and_jsonl_and_rejects(page_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    res = _code(runner, str(page_dir), "--db", str(db), "--pub-date", "2024-12-05", "--jsonl", "-")
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert len(records) == 1
    art = records[0]["article"]
    assert art["title"] == "Foreign minister receives Ambassador of Brazil to Jordan"
    assert art["dateline"]["place"] == "Damascus"
    assert "Latest news" not in art["body"]
    consult = _events_by_type(records).get("CONSULT", [])
    assert any(
        e["source"] and e["source"]["country"] == "SYR" and e["target"] and e["target"]["country"] == "BRA"
        for e in consult
    ), consult
    # nothing from the boilerplate headlines is coded
    for ev in (e for r in records for e in r["events"]):
        assert "Hama" not in ev["sentence"] and "Iran reaffirms" not in ev["sentence"]

    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from articles").fetchone()[0] == 1
        reasons = {r[0] for r in con.execute("select reason from rejects").fetchall()}
        assert {"empty", "binary"} <= reasons
        n_mentions = con.execute("select count(*) from mentions").fetchone()[0]
        assert n_mentions >= 1
    finally:
        con.close()

    # A second run over the same input adds nothing.
    res2 = _code(runner, str(page_dir), "--db", str(db), "--pub-date", "2024-12-05")
    assert res2.exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from articles").fetchone()[0] == 1
        assert con.execute("select count(*) from mentions").fetchone()[0] == n_mentions
        assert con.execute("select count(*) from runs").fetchone()[0] == 2
    finally:
        con.close()


def test_exit_status_nonzero_only_when_nothing_read(tmp_path: Path) -> None:
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_text("")
    runner = CliRunner()
    res = _code(runner, str(d), "--db", str(tmp_path / "x.duckdb"))
    assert res.exit_code == 1
    assert "nothing could be read" in res.output


def test_bad_pub_date_is_a_clear_error(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["code", str(tmp_path), "--pub-date", "5/12/2024"])
    assert res.exit_code != 0
    assert "YYYY-MM-DD" in res.output


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_page_end_to_end(tmp_path: Path) -> None:
    runner = CliRunner()
    res = _code(runner, str(SEED), "--db", str(tmp_path / "s.duckdb"), "--pub-date", "2024-12-05", "--jsonl", "-")
    assert res.exit_code == 0, res.output
    (rec,) = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert rec["article"]["author"] == "Raghda Sawas"
    by_type = _events_by_type([rec])

    def dyad(ev):
        return (ev["source"] or {}).get("country"), (ev["target"] or {}).get("country")

    consult = [e for e in by_type.get("CONSULT", []) if dyad(e) == ("SYR", "KAZ")]
    assert consult, by_type
    meeting = consult[0]
    assert meeting["date"] == "2024-12-04"
    assert meeting["location"]["name"] == "Damascus"
    assert meeting["location"]["geonameid"] == 170654
    assert any(dyad(e) == ("SYR", "KAZ") for e in by_type.get("SUPPORT", []))
    assert any(dyad(e) == ("KAZ", "SYR") for e in by_type.get("AGREE", []))
    assert not any(dyad(e)[1] == "LBN" for evs in by_type.values() for e in evs)
    # the store keeps the meeting, the praise and the pledge as three events, not one verbal-cooperation event
    import duckdb

    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    stored = {r[0] for r in con.execute("SELECT plover_type FROM events WHERE source_country IN ('SYR', 'KAZ')").fetchall()}
    con.close()
    assert {"CONSULT", "SUPPORT", "AGREE"} <= stored, stored
    for evs in by_type.values():
        for e in evs:
            assert e["sentence"] and e["trigger_text"]
            assert "Lavrov" not in e["sentence"]
