"""A `tidings code` run killed midway and resumed ends with exactly the rows of an uninterrupted run.

Runs the real command in subprocesses on a folder of generated wire stories (more than two
write batches), kills it once the first batch is committed (the --jsonl file gets a batch's
lines only after its transaction commits), resumes, and compares every table, ids included.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.store import TABLES, Store

TIDINGS = str(Path(sys.executable).with_name("tidings"))
N_ARTICLES = 80  # two write batches of cli_code.WRITE_BATCH (64)

CITIES = [("DAMASCUS", "Syria", "Syrian"), ("ANKARA", "Turkey", "Turkish"), ("BAGHDAD", "Iraq", "Iraqi"),
          ("ASTANA", "Kazakhstan", "Kazakh"), ("MOSCOW", "Russia", "Russian"), ("KYIV", "Ukraine", "Ukrainian"),
          ("TEHRAN", "Iran", "Iranian"), ("CAIRO", "Egypt", "Egyptian"), ("NAIROBI", "Kenya", "Kenyan")]
LEADS = [
    "{adj} Foreign Minister {name} met with the ambassador of {other} on {day} to discuss bilateral relations.",
    "The {adj} government accused {other} on {day} of violating the ceasefire agreement.",
    "{adj} President {name} signed a trade agreement with {other} on {day}.",
    "{adj} police arrested dozens of protesters in the capital on {day}.",
    "The {adj} defence ministry condemned the attack by {other} on {day}.",
    "{adj} officials called on {other} on {day} to release the detained journalists.",
]
FILLER = [
    "The talks covered trade, energy and transport links between the two sides.",
    "Analysts said the move could reshape alliances in the region.",
    "No casualties were reported, according to local officials.",
    "The statement was carried by the official news agency late in the evening.",
    "Diplomats expect a follow-up meeting before the end of the year.",
    "Opposition figures criticised the decision in a televised address.",
    "Prices of fuel and bread have risen sharply in recent months.",
    "The ministry did not respond to a request for comment.",
    "Several international organisations welcomed the announcement.",
    "Residents described long queues at checkpoints outside the city.",
    "The parliament is due to debate the measure next week.",
    "Observers noted that a similar agreement collapsed two years ago.",
]
NAMES = ["Faisal Al-Mikdad", "Hakan Fidan", "Fuad Hussein", "Murat Nurtleu", "Sergei Lavrov", "Andrii Sybiha",
         "Abbas Araghchi", "Badr Abdelatty", "Musalia Mudavadi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "yesterday"]


def write_corpus(folder: Path, n: int = N_ARTICLES, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city, country, adj = CITIES[i % len(CITIES)]
        other = rng.choice([c for _, c, _ in CITIES if c != country])
        lead = rng.choice(LEADS).format(adj=adj, name=NAMES[i % len(NAMES)], other=other, day=rng.choice(DAYS))
        body = " ".join([lead, *rng.sample(FILLER, 3), f"This is report number {i} in the series, filed by desk {i * 7 % 13}."])
        text = f"{adj} story {i}: {lead[:60]}\n\n{city} (Reuters) - {body}\n"
        (folder / f"story_{i:03d}.txt").write_text(text, encoding="utf-8")
    # Two syndicated copies, one of an early and one of a late story (different outlets' sign-offs).
    for src, dst in ((3, "copy_a.txt"), (75, "copy_b.txt")):
        text = (folder / f"story_{src:03d}.txt").read_text(encoding="utf-8")
        (folder / dst).write_text(text.rstrip("\n") + " Reporting by the wire desk.\n", encoding="utf-8")


def code(args: list[str], **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.run([TIDINGS, "code", *args, "--pub-date", "2024-12-05", "--no-progress"],
                          capture_output=True, text=True, env=env, timeout=600, **kw)


def snapshot(db: Path, volatile: set[str] = frozenset({"run_id", "added_at", "at"})) -> dict[str, list[tuple]]:
    out = {}
    with Store(str(db), read_only=True) as s:
        for table in ("articles", "mentions", "events", "actors", "rejects"):
            cols = [c for c, _ in TABLES[table] if c not in volatile]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(s.con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
    return out


def lines(path: Path) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(1 for _ in fh)
    except FileNotFoundError:
        return 0


def interrupt_after_first_batch(folder: Path, db: Path, jsonl: Path, sig: int) -> int:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.Popen(
        [TIDINGS, "code", str(folder), "--db", str(db), "--jsonl", str(jsonl), "--pub-date", "2024-12-05",
         "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    deadline = time.time() + 300
    try:
        while lines(jsonl) == 0 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.02)
        seen = lines(jsonl)
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return seen


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("resume") / "in"
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def uninterrupted_db(corpus_dir, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("full") / "full.duckdb"
    r = code([str(corpus_dir), "--db", str(db)])
    assert r.returncode == 0, r.stderr
    return db


@pytest.fixture(scope="module")
def uninterrupted(uninterrupted_db) -> dict:
    snap = snapshot(uninterrupted_db)
    assert len(snap["articles"]) == N_ARTICLES + 2
    assert len(snap["events"]) > 20  # the corpus must give the merge something to do
    assert sum(1 for a in snap["articles"] if a[TABLES_ARTICLE_DUP]) == 2
    return snap


TABLES_ARTICLE_DUP = [c for c, _ in TABLES["articles"] if c not in {"run_id", "added_at", "at"}].index("duplicate_of")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_run_resumes_to_the_same_rows(corpus_dir, uninterrupted, tmp_path, sig):
    db, jsonl = tmp_path / "part.duckdb", tmp_path / "part.jsonl"
    committed = interrupt_after_first_batch(corpus_dir, db, jsonl, sig)
    assert 0 < committed < N_ARTICLES + 2, "the run was not stopped midway"
    partial = snapshot(db)
    # Whole batches only: every article stored has all its rows, and no batch is half there.
    assert 0 < len(partial["articles"]) < N_ARTICLES + 2
    assert len(partial["articles"]) % 64 == 0
    with Store(str(db), read_only=True) as s:
        orphans = s.con.execute(
            "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE a.id IS NULL"
        ).fetchall()[0][0]
        status = s.con.execute("SELECT status FROM runs").fetchall()
    assert orphans == 0
    assert status == [("running",)] if sig == signal.SIGKILL else [("interrupted",)]
    r = code([str(corpus_dir), "--db", str(db)])
    assert r.returncode == 0, r.stderr
    assert f"{len(partial['articles'])} already stored" in " ".join(r.stderr.split())
    resumed = snapshot(db)
    for table in ("articles", "mentions", "events", "actors", "rejects"):
        assert resumed[table] == uninterrupted[table], table


def test_recode_rebuilds_the_same_rows_and_records_the_run(corpus_dir, uninterrupted_db, uninterrupted, tmp_path):
    import shutil

    db = tmp_path / "recode.duckdb"
    shutil.copy(uninterrupted_db, db)
    r = code([str(corpus_dir), "--recode", "--db", str(db)])  # the paths are not read again
    assert r.returncode == 0, r.stderr
    recoded = snapshot(db, volatile={"run_id", "added_at", "at", "seq"})
    reference = snapshot(uninterrupted_db, volatile={"run_id", "added_at", "at", "seq"})
    for table in ("articles", "mentions", "events", "actors"):
        assert recoded[table] == reference[table], table
    with Store(str(db), read_only=True) as s:
        runs = s.con.execute("SELECT status, options FROM runs ORDER BY started").fetchall()
    assert [status for status, _ in runs] == ["completed", "completed"]
    assert '"recode": true' in runs[1][1]
