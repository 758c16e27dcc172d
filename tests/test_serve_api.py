"""`tidings serve` through the ASGI test client, and corrections through the CLI and the exports."""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from serve_support import cli, code_db, copy_db  # noqa: E402
from tidings import evaluate as ev  # noqa: E402
from tidings.cli import app as cli_app  # noqa: E402
from tidings.holder import note_path, write_note, remove_note  # noqa: E402
from tidings.serve import create_app  # noqa: E402


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> Path:
    return code_db(tmp_path_factory.mktemp("coded"))


@pytest.fixture()
def db(coded: Path, tmp_path: Path) -> Path:
    return copy_db(coded, tmp_path / "db")


@pytest.fixture()
def client(db: Path):
    with TestClient(create_app(db, who="tester")) as c:
        yield c


def _meeting(client) -> dict:
    rows = client.get("/api/events", params={"dyad": "SYR:KAZ", "type": "CONSULT"}).json()["events"]
    (meeting,) = [r for r in rows if r["date"] == "2024-12-04"]
    return meeting


def _cli_events(db: Path, *args: str) -> list[dict]:
    res = CliRunner().invoke(cli_app, ["events", "--db", str(db), "--format", "jsonl", *args], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def test_api_events_are_the_cli_rows(db: Path) -> None:
    with TestClient(create_app(db)) as c:
        api = c.get("/api/events", params={"dyad": "SYR:KAZ"}).json()["events"]
        every = c.get("/api/events", params={"modality": "all"}).json()["events"]
    assert api and all(r["source_country"] == "SYR" and r["target_country"] == "KAZ" for r in api)
    assert api == _cli_events(db, "--dyad", "SYR:KAZ")
    assert len(every) == len(_cli_events(db, "--modality", "all")) > len(api)
    assert set(api[0]) >= {"id", "date", "plover_type", "cameo_code", "num_mentions", "num_articles", "num_sources",
                           "corrected"}


def test_bad_filters_and_unknown_ids_are_clear(client) -> None:
    r = client.get("/api/events", params={"dyad": "SYR"})
    assert r.status_code == 400 and "SOURCE:TARGET" in r.json()["detail"]
    r = client.get("/", params={"since": "March"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text
    assert client.get("/events/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    meeting = _meeting(client)
    r = client.post(f"/api/events/{meeting['id']}/corrections", json={"cameo_code": "999"})
    assert r.status_code == 400 and "CAMEO" in r.json()["detail"]
    r = client.post(f"/events/{meeting['id']}/corrections", data={"source_code": "SY"})
    assert r.status_code == 400 and "letters in threes" in r.text


def test_events_page_filters_sorts_and_draws_the_series(client) -> None:
    r = client.get("/", params={"dyad": "SYR:KAZ", "sort": "num_mentions", "dir": "desc"})
    assert r.status_code == 200
    assert "<svg" in r.text and "verbal cooperation" in r.text
    n = len(client.get("/api/events", params={"dyad": "SYR:KAZ"}).json()["events"])
    assert f"{n} events" in r.text and r.text.count('class="open"') == n
    # paged, 50 a page: all the events kept (any modality or confidence) are more than a page of the examples
    total = len(client.get("/api/events", params={"modality": "all", "min_confidence": 0}).json()["events"])
    assert total > 50
    everything = client.get("/", params={"modality": "all", "min_confidence": 0}).text
    assert everything.count('class="open"') == 50 and 'id="next"' in everything
    last = client.get("/", params={"modality": "all", "min_confidence": 0, "page": -(-total // 50)}).text
    assert last.count('class="open"') == total - 50 * (-(-total // 50) - 1) and 'id="next"' not in last


def test_event_page_marks_trigger_source_target(client) -> None:
    meeting = _meeting(client)
    html = client.get(f"/events/{meeting['id']}").text
    assert '<span data-o="' in html
    assert 'class="m-trigger"' in html and ">met with</span>" in html
    src = html.split('class="m-source"')[1].split("</span>")[0]
    tgt = html.split('class="m-target"')[1].split("</span>")[0]
    assert "Al-Mikdad" in src and "Jumali" in tgt
    assert "tidings:verb" in html and "model score" in html  # the rule and the score
    assert "from “on Wednesday”" in html  # the date's words
    assert 'href="/articles/' in html


def test_article_page(client) -> None:
    meeting = _meeting(client)
    aid = client.get(f"/api/events/{meeting['id']}").json()["mentions"][0]["article_id"]
    html = client.get(f"/articles/{aid}").text
    assert "Foreign minister receives" in html and "Damascus, (ST) –" in html and "Lina Haddad" in html
    assert "<details" in html and "You might also like" in html.split("<details")[1]
    assert 'class="m-actor"' in html and 'class="m-trigger"' in html
    assert f'href="/events/{meeting["id"]}"' in html


def test_correction_is_applied_by_query_export_and_api(client, db: Path, tmp_path: Path) -> None:
    meeting = _meeting(client)
    r = client.post(f"/api/events/{meeting['id']}/corrections",
                    json={"cameo_code": "042", "target_code": "KAZGOV", "location_name": "Damascus", "who": "ana",
                          "note": "a visit"})
    assert r.status_code == 200
    changes = {c["field"]: (c["old"], c["new"]) for c in r.json()["changes"]}
    assert changes["cameo_code"] == ("040", "042") and changes["goldstein"][1] == 1.9
    assert "target_code" not in changes  # unchanged fields are not recorded
    again = client.get(f"/api/events/{meeting['id']}").json()
    assert again["event"]["cameo_code"] == "042" and again["event"]["corrected"] is True
    assert {c["who"] for c in again["corrections"]} == {"ana"}
    raw = client.get(f"/api/events/{meeting['id']}", params={"raw": True}).json()["event"]
    assert raw["cameo_code"] == "040"
    page = client.get(f"/events/{meeting['id']}").text
    assert "CAMEO 042" in page and "coder: CONSULT 040" in page  # the coder's value beside the correction
    client.app.state.db.close()  # the server lets go of the file; the CLI may open it

    rows = {r["id"]: r for r in _cli_events(db, "--dyad", "SYR:KAZ")}
    assert rows[meeting["id"]]["cameo_code"] == "042" and rows[meeting["id"]]["corrected"] is True
    assert sum(r["corrected"] for r in rows.values()) == 1
    raw_rows = {r["id"]: r for r in _cli_events(db, "--dyad", "SYR:KAZ", "--raw")}
    assert raw_rows[meeting["id"]]["cameo_code"] == "040" and "corrected" not in raw_rows[meeting["id"]]
    assert _cli_events(db, "--cameo", "042", "--dyad", "SYR:KAZ")[0]["id"] == meeting["id"]

    out = tmp_path / "events.csv"
    res = CliRunner().invoke(cli_app, ["export", str(out), "--db", str(db), "--format", "csv"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    exported = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert exported[meeting["id"]]["cameo_code"] == "042" and exported[meeting["id"]]["corrected"] == "true"
    gdelt = tmp_path / "events.tsv"
    CliRunner().invoke(cli_app, ["export", str(gdelt), "--db", str(db), "--format", "gdelt"], catch_exceptions=False)
    assert any("\t042\t042\t04\t" in line for line in gdelt.read_text(encoding="utf-8").splitlines())


def _summary(db: Path) -> dict:
    res = CliRunner().invoke(cli_app, ["summary", "--db", str(db), "--json"], catch_exceptions=False)
    return json.loads(res.stdout)


def test_not_an_event_is_kept_but_not_counted(client, db: Path, coded: Path) -> None:
    before = _summary(coded)  # the database copied for this test
    meeting = _meeting(client)
    client.post(f"/events/{meeting['id']}/corrections", data={"not_event": "1"})
    ids = {r["id"] for r in client.get("/api/events", params={"dyad": "SYR:KAZ"}).json()["events"]}
    assert meeting["id"] not in ids
    every = {r["id"]: r for r in client.get("/api/events", params={"dyad": "SYR:KAZ", "modality": "all"}).json()["events"]}
    assert every[meeting["id"]]["modality"] == "not_event"
    assert meeting["id"] in {r["id"] for r in client.get("/api/events", params={"dyad": "SYR:KAZ", "raw": 1}).json()["events"]}
    client.app.state.db.close()
    after = _summary(db)
    assert after["events"] == before["events"] - 1
    assert after["events_all_modalities"] == before["events_all_modalities"]


def test_corrections_survive_recode(client, db: Path) -> None:
    meeting = _meeting(client)
    client.post(f"/api/events/{meeting['id']}/corrections", json={"date": "2024-12-03"})
    client.app.state.db.close()
    res = CliRunner().invoke(cli_app, ["code", "--recode", "--db", str(db), "--no-progress", "x"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    rows = [r for r in _cli_events(db, "--dyad", "SYR:KAZ", "--type", "CONSULT") if r["corrected"]]
    assert [r["date"] for r in rows] == ["2024-12-03"]


def test_added_event_and_gold_export_read_by_evaluate(client, db: Path, tmp_path: Path) -> None:
    meeting = _meeting(client)
    aid = client.get(f"/api/events/{meeting['id']}").json()["mentions"][0]["article_id"]
    body = client.get(f"/api/articles/{aid}").json()["article"]["body"]
    start = body.index("affirmed")
    r = client.post(f"/api/articles/{aid}/events", json={
        "trigger_start": start, "trigger_end": start + len("affirmed"), "cameo_code": "051",
        "source_start": body.index("Jumali"), "source_end": body.index("Jumali") + 6, "source_code": "KAZGOV",
        "target_code": "SYR"})
    added = r.json()["event_id"]
    assert added.startswith("added-")
    event = client.get(f"/api/events/{added}").json()
    assert event["event"]["plover_type"] == "SUPPORT" and event["mentions"][0]["trigger_text"] == "affirmed"
    assert "Jumali affirmed" in event["mentions"][0]["sentence"]
    assert added in {e["id"] for e in client.get(f"/api/articles/{aid}").json()["events"]}
    client.app.state.db.close()

    out = tmp_path / "gold.jsonl"
    res = CliRunner().invoke(cli_app, ["export", str(out), "--db", str(db), "--format", "gold"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    (item,) = ev.read_gold(out)
    assert "Al-Mikdad" in item.text and item.pub_date == "2024-12-05"
    by_trigger = {g.get("trigger_text"): g for g in item.events}
    assert by_trigger["affirmed"]["plover"] == "SUPPORT" and by_trigger["affirmed"]["source"] == ["KAZGOV"]
    assert by_trigger["met with"]["plover"] == "CONSULT" and by_trigger["met with"]["target"] == ["KAZGOV"]
    # the gold line scores the coder: the coder finds the meeting, not the added "affirmed" support
    report = ev.evaluate(out)
    assert report.lines and ("KAZ", "SYR", "SUPPORT") in ev.line_triples(report.lines[0])[0]


def test_annotate_mode_codes_from_scratch(client, db: Path, tmp_path: Path) -> None:
    meeting = _meeting(client)
    aid = client.get(f"/api/events/{meeting['id']}").json()["mentions"][0]["article_id"]
    client.post(f"/articles/{aid}/annotate", data={"on": "1"})
    page = client.get(f"/articles/{aid}").text
    body_html = page.split('id="body"')[1].split("</div>")[0]
    assert "Annotate mode" in page and "m-trigger" not in body_html and "m-actor" not in body_html
    body = client.get(f"/api/articles/{aid}").json()["article"]["body"]
    s = body.index("met with")
    client.post(f"/articles/{aid}/events", data={"trigger_start": s, "trigger_end": s + 8, "plover_type": "CONSULT",
                                                 "source_code": "SYRGOV", "target_code": "KAZGOV"})
    gold = client.get("/api/gold").json()["articles"]
    (line,) = [g for g in gold if g["id"] == aid]
    assert line["annotated"] and [(e["plover"], e["trigger_text"]) for e in line["events"]] == [("CONSULT", "met with")]


def test_code_while_serving_names_the_server(db: Path) -> None:
    with TestClient(create_app(db)):
        write_note(db, command="tidings serve", url="http://127.0.0.1:8765/")
        try:
            res = cli("code", "examples", "--db", str(db), "--no-progress")
        finally:
            remove_note(db)
    assert res.returncode == 3, res.stderr
    assert "tidings serve at http://127.0.0.1:8765/" in res.stderr and "Traceback" not in res.stderr
    assert not note_path(db).exists()


def test_serve_cli_refuses_quietly_and_warns_off_loopback(db: Path, tmp_path: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr("tidings.serve.app.run", lambda *a, **k: calls.append(k))
    runner = CliRunner()
    res = runner.invoke(cli_app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "no database" in res.output and not calls
    res = runner.invoke(cli_app, ["serve", "--db", str(db)])
    assert res.exit_code == 0 and calls[-1]["host"] == "127.0.0.1" and "warning" not in res.output
    res = runner.invoke(cli_app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "9000"])
    assert res.exit_code == 0 and calls[-1]["host"] == "0.0.0.0" and "no login" in res.output


def test_a_correction_finds_its_event_by_its_words_when_the_id_changed(db: Path) -> None:
    from tidings.store import Store
    from tidings import corrections as corr

    with Store(str(db)) as store:
        corr.ensure_table(store.con)
        mid, aid, section, start, eid = store.con.execute(
            "SELECT id, article_id, section, trigger_start, event_id FROM mentions WHERE trigger_text = 'met with' AND source_text LIKE '%Al-Mikdad'"
        ).fetchall()[0]
        # as if --recode had given the event a new id: the correction names an id that no longer exists
        store.con.execute(
            "INSERT INTO corrections (id, kind, event_id, mention_id, article_id, anchor_section, anchor_start, field, "
            "old_value, new_value) VALUES (1, 'event', 'old-id', ?, ?, ?, ?, 'target_code', 'KAZGOV', 'KAZMIL')",
            [mid, aid, section, start],
        )
    rows = {r["id"]: r for r in _cli_events(db, "--dyad", "SYR:KAZ")}
    assert rows[eid]["target_code"] == "KAZMIL" and rows[eid]["corrected"] is True


def test_serve_on_a_busy_port_says_so(db: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        res = cli("serve", "--db", str(db), "--port", str(busy.getsockname()[1]))
    assert res.returncode == 2 and "cannot listen" in res.stderr and "Traceback" not in res.stderr
    assert not note_path(db).exists()
