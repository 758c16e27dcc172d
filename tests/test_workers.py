"""`tidings code --workers 2` must store exactly what one worker stores.

The corpus is generated here (invented wire-style sentences), large enough to
span several pool chunks and several store batches, with a syndicated copy and
an exact repeat so that the cross-document steps run between worker results.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parents[1]

OFFICIALS = [
    ("Syrian Foreign Minister Faisal Al-Mikdad", "Damascus"),
    ("Russian President Vladimir Putin", "Moscow"),
    ("Turkish Foreign Minister Hakan Fidan", "Ankara"),
    ("Iranian President Masoud Pezeshkian", "Tehran"),
    ("Egyptian Prime Minister Mostafa Madbouly", "Cairo"),
    ("Kenyan President William Ruto", "Nairobi"),
    ("French President Emmanuel Macron", "Paris"),
    ("German Chancellor Olaf Scholz", "Berlin"),
    ("Indian Prime Minister Narendra Modi", "New Delhi"),
    ("South African President Cyril Ramaphosa", "Pretoria"),
    ("Brazilian President Luiz Inacio Lula da Silva", "Brasilia"),
    ("Japanese Prime Minister Shigeru Ishiba", "Tokyo"),
]
COUNTERPARTS = [
    "the Ambassador of Kazakhstan",
    "a delegation from Qatar",
    "the Chinese Foreign Minister",
    "the United Nations envoy",
    "the Saudi Crown Prince",
    "the Nigerian Defence Minister",
    "the Pakistani Interior Minister",
    "the Jordanian King",
]
ACTIONS = [
    "met with {t} on {day} in {city} to discuss bilateral relations",
    "condemned {t} on {day} over the border incident",
    "accused {t} of violating the ceasefire agreement",
    "signed a trade agreement with {t} in {city} on {day}",
    "called on {t} to release the detained journalists",
    "praised {t} for its support during the floods",
    "rejected demands made by {t} on {day}",
    "threatened to impose sanctions on {t}",
]
FILLERS = [
    "Officials said talks would continue next month.",
    "The ministry gave no further details.",
    "Analysts said the move could affect regional trade.",
    "Protesters gathered outside the parliament building in the capital.",
    "Police arrested {n} people after clashes in the northern province.",
    "The government announced {n} million dollars in aid for farmers.",
    "Troops opened fire on a convoy near the border, killing {n} soldiers.",
    "Opposition leaders demanded an inquiry into the elections.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_records(n: int = 70, seed: int = 7) -> list[dict]:
    """Varied short articles; each one differs enough not to be a near-copy of another."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        who, city = OFFICIALS[i % len(OFFICIALS)]
        sentences = []
        for k in range(3):
            target = rng.choice(COUNTERPARTS)
            action = rng.choice(ACTIONS).format(t=target, day=rng.choice(DAYS), city=city)
            actor = who if k == 0 else rng.choice(OFFICIALS)[0]
            sentences.append(f"{actor} {action}.")
            sentences.append(rng.choice(FILLERS).format(n=rng.randint(2, 90)))
        sentences.append(f"Story number {i} was filed by correspondent {rng.randint(1000, 9999)} in {city}.")
        rest = sentences[1:]
        rng.shuffle(rest)  # the lead sentence stays first, as in wire copy
        sentences = sentences[:1] + rest
        records.append(
            {
                "id": f"gen-{i:03d}",
                "text": " ".join(sentences),
                "title": f"{who.split()[-1]} holds talks in {city}",
                "date": f"2024-12-{1 + i % 9:02d}",
                "outlet": ["Wire A", "Wire B", "Wire C"][i % 3],
            }
        )
    # A syndicated copy (same story, one word changed) and an exact repeat.
    copy = dict(records[5], id="gen-copy", outlet="Wire D")
    copy["text"] = copy["text"].replace(" said ", " stated ", 1) + " (Syndicated.)"
    records.insert(40, copy)
    records.append(dict(records[11], id="gen-repeat"))
    return records


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    records = make_records()
    half = len(records) // 2
    # Two files so that the path expansion order is exercised too.
    for name, part in (("a.jsonl", records[:half]), ("b.jsonl", records[half:])):
        with open(folder / name, "w", encoding="utf-8") as fh:
            for rec in part:
                fh.write(json.dumps(rec) + "\n")
    (folder / "page.txt").write_text(
        "Ministers agree on water deal\n\n"
        "CAIRO (Reuters) - Egyptian Foreign Minister Badr Abdelatty met with the Ethiopian Foreign "
        "Minister on Tuesday in Cairo and agreed to resume talks on the Nile dam. Sudan welcomed the "
        "agreement, its foreign ministry said.\n",
        encoding="utf-8",
    )
    return folder


def tidings_code(corpus: Path, db: Path, jsonl: Path, workers: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = [
        sys.executable, "-c", "from tidings.cli import app; app()", "code", str(corpus),
        "--db", str(db), "--jsonl", str(jsonl), "--workers", str(workers),
        "--pub-date", "2024-12-05", "--no-progress",
    ]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


# Columns that legitimately differ between two runs: the run that wrote a row and when.
VOLATILE = ("run", "time", "created", "updated", "_at", "started", "ended")


def table_rows(db: Path, table: str) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(f"SELECT * FROM {table}")
        cols = [d[0] for d in cur.description]
        keep = [i for i, c in enumerate(cols) if not any(v in c.lower() for v in VOLATILE)]
        rows = [tuple(repr(r[i]) for i in keep) for r in cur.fetchall()]
    finally:
        con.close()
    return [cols[i] for i in keep], sorted(rows)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("workers")
    corpus = write_corpus(base / "corpus")
    out = {}
    for workers in (1, 2):
        db, jsonl = base / f"w{workers}.duckdb", base / f"w{workers}.jsonl"
        proc = tidings_code(corpus, db, jsonl, workers)
        assert proc.returncode == 0, proc.stderr[-3000:]
        out[workers] = (db, jsonl, proc)
    return out


def test_jsonl_identical(two_runs):
    one = two_runs[1][1].read_text(encoding="utf-8").splitlines()
    two = two_runs[2][1].read_text(encoding="utf-8").splitlines()
    assert len(one) >= 70  # every fresh article is written, duplicates included
    assert one == two  # same records in the same order


def test_corpus_exercises_cross_document_steps(two_runs):
    records = [json.loads(line) for line in two_runs[1][1].read_text(encoding="utf-8").splitlines()]
    assert sum(1 for r in records if r["duplicate_of"]) >= 1
    assert sum(len(r["events"]) for r in records) >= 70


@pytest.mark.parametrize("table", ["articles", "events", "mentions", "rejects"])
def test_tables_identical(two_runs, table):
    cols1, rows1 = table_rows(two_runs[1][0], table)
    cols2, rows2 = table_rows(two_runs[2][0], table)
    assert cols1 == cols2
    assert rows1 == rows2
    if table != "rejects":
        assert rows1


def _codes_by_workers(corpus: Path, tmp_path: Path, extra: list[str]) -> dict[int, list]:
    codes = {}
    for workers in (1, 2):
        jsonl = tmp_path / f"run{workers}.jsonl"
        env = dict(os.environ, PYTHONHASHSEED="0")
        cmd = [
            sys.executable, "-c", "from tidings.cli import app; app()", "code", str(corpus),
            "--db", str(tmp_path / f"run{workers}.duckdb"), "--jsonl", str(jsonl), "--workers", str(workers),
            "--pub-date", "2024-12-05", "--no-progress", *extra,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        codes[workers] = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    return codes


SHARED = ROOT.parent / "shared"
PETRARCH_VERBS = SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"


@pytest.mark.shared
@pytest.mark.skipif(not PETRARCH_VERBS.exists(), reason="needs ../shared/dictionaries/petrarch2")
def test_verb_dictionaries_reach_the_workers(tmp_path, two_runs):
    corpus = write_corpus(tmp_path / "corpus")
    codes = _codes_by_workers(corpus, tmp_path, ["--verbs-petrarch", str(PETRARCH_VERBS)])
    plain = [json.loads(line) for line in two_runs[1][1].read_text(encoding="utf-8").splitlines()]
    assert codes[1] != plain  # the dictionary changes the coding at all
    assert codes[2] == codes[1]


def test_user_dictionaries_reach_the_workers(tmp_path):
    """--actors (and the other dictionary options) must apply in every worker process, not only the parent."""
    (tmp_path / "actors.csv").write_text(
        "text,country,sector,name,kind\n"
        "Zorblat Liberation Front,NGA,REB,Zorblat Liberation Front,group\n"
        "Quarnish Guard,NGA,MIL,Quarnish Guard,organisation\n",
        encoding="utf-8",
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    stories = [
        "The Zorblat Liberation Front attacked a police station in Maiduguri on Tuesday, killing four officers. "
        "The Quarnish Guard later arrested twelve members of the Zorblat Liberation Front.",
        "Nigerian President Bola Tinubu condemned the Zorblat Liberation Front on Wednesday and ordered the "
        "Quarnish Guard to protect civilians in Borno.",
    ]
    with open(corpus / "z.jsonl", "w", encoding="utf-8") as fh:
        for i, text in enumerate(stories):
            fh.write(json.dumps({"id": f"z{i}", "text": text}) + "\n")
    codes = {}
    for workers in (1, 2):
        jsonl = tmp_path / f"z{workers}.jsonl"
        env = dict(os.environ, PYTHONHASHSEED="0")
        cmd = [
            sys.executable, "-c", "from tidings.cli import app; app()", "code", str(corpus),
            "--db", str(tmp_path / f"z{workers}.duckdb"), "--jsonl", str(jsonl), "--workers", str(workers),
            "--actors", str(tmp_path / "actors.csv"), "--pub-date", "2024-12-05", "--no-progress",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
        codes[workers] = [
            [(e["source"] or {}).get("code") for e in r["events"]] + [(e["target"] or {}).get("code") for e in r["events"]]
            for r in records
        ]
    assert any("NGAREB" in c for c in codes[1])  # the user's table is used at all
    assert codes[2] == codes[1]
