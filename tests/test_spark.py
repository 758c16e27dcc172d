"""The Spark job gives the local pipeline's rows, row for row.

A small corpus written here (wire stories, one reported by two outlets, a
syndicated near-copy, an exact repeat, a bad JSON line and a binary file) is coded
by ``tidings code`` into DuckDB and by ``tidings spark`` in ``local[2]``; the
Spark result is loaded with ``tidings import`` and every table is compared, ids,
sequence numbers, types, actors and counts included (only the run id and the
wall-clock timestamps differ). A second job through ``spark-submit`` must give
the same rows again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parents[1]
PUB_DATE = "2024-12-05"


def _java() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and Path(home, "bin", "java").exists()))


def _pyspark() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


spark_only = pytest.mark.skipif(
    not (_pyspark() and _java()), reason="needs pyspark (pip install 'tidings[spark]') and Java 17"
)

MIKDAD = (
    "Minister of Foreign Affairs and Expatriates Faisal Al-Mikdad on Wednesday met with the Ambassador of "
    "Kazakhstan to Lebanon Rasul Jumali in Damascus. The two sides discussed bilateral relations and ways to "
    "strengthen cooperation in the economic and cultural fields. Al-Mikdad praised the positions of Kazakhstan "
    "in support of Syria."
)
RECORDS = [
    {"id": "st-1", "outlet": "Syria Times", "date": "2024-12-05", "title": "Al-Mikdad meets Kazakh ambassador", "text": MIKDAD},
    {  # the same meeting from a second outlet, in other words
        "id": "kz-1", "outlet": "Kazinform", "date": "2024-12-05", "title": "Kazakh envoy holds talks in Damascus",
        "text": "Kazakhstan and Syria will expand trade, the Kazakh embassy said. Minister of Foreign Affairs and "
        "Expatriates Faisal Al-Mikdad met with Kazakh Ambassador Rasul Jumali in Damascus on Wednesday, according "
        "to the embassy statement, which gave no figures.",
    },
    {  # a syndicated copy: a near-duplicate, stored as mentions of the original
        "id": "syn-1", "outlet": "Gulf Daily", "date": "2024-12-06", "title": "Al-Mikdad meets Kazakh ambassador",
        "text": MIKDAD + " (Syndicated)",
    },
    {"id": "ke-1", "outlet": "Daily Nation", "date": "2024-12-03",
     "text": "Kenyan police arrested 40 protesters in Nairobi on Monday after demonstrations against new taxes turned "
     "violent. Opposition leader Raila Odinga condemned the arrests and demanded the release of the detained activists."},
    {"id": "ng-1", "outlet": "Premium Times", "date": "2024-12-04",
     "text": "Suspected Boko Haram militants attacked a military base in Borno State on Tuesday, killing six soldiers, "
     "the Nigerian army said. President Bola Tinubu vowed to hunt down the attackers."},
    {"id": "fr-1", "outlet": "Le Monde English", "date": "2024-12-02",
     "text": "French President Emmanuel Macron signed a defence agreement with Indian Prime Minister Narendra Modi in "
     "Paris on Sunday. The deal covers the purchase of submarines and joint training."},
    {"id": "un-1", "outlet": "UN News",
     "text": "UN Secretary-General Antonio Guterres urged Israel and Hamas to agree to a ceasefire in Gaza, warning "
     "that the humanitarian situation was catastrophic. He called on both sides to release all hostages."},
]
PAGES = {
    "page-ukraine.txt": (
        "Ukraine accuses Russia of strike on Kharkiv\n\n"
        "KYIV (Reuters) - Ukraine's foreign ministry on Thursday accused Russia of firing missiles at a residential "
        "district of Kharkiv, killing three civilians. Russian Defence Minister Andrei Belousov denied that Russian "
        "forces had targeted civilians.\n\nRelated\nRead more: Kharkiv under fire again\n"
    ),
    "more/page-brazil.txt": (
        "Brazil and Argentina agree to boost trade\n\n"
        "BRASILIA, Dec. 4 (Xinhua) -- Brazilian President Luiz Inacio Lula da Silva and Argentine President Javier "
        "Milei agreed on Wednesday to cut tariffs on cars and steel, officials said.\n"
    ),
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r) for r in RECORDS]
    lines.insert(5, "not json at all")  # a reject with a line number
    lines.append(json.dumps(dict(RECORDS[0], id="st-1-again")))  # an exact repeat: skipped
    (folder / "wires.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, text in PAGES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02\x03binary\x00")
    return folder


def _env() -> dict:
    return dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable, PYTHONHASHSEED="0")


def tidings(*args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", "from tidings.cli import app; app()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=_env(), timeout=timeout)


VOLATILE = {"run_id", "added_at", "at"}  # which run wrote a row, and when


def table(db: Path, name: str, drop: tuple[str, ...] = ()) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(f"SELECT * FROM {name}")
        cols = [d[0] for d in cur.description]
        keep = [i for i, c in enumerate(cols) if c not in VOLATILE and c not in drop]
        rows = sorted(tuple(repr(r[i]) for i in keep) for r in cur.fetchall())
    finally:
        con.close()
    return [cols[i] for i in keep], rows


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("spark")
    write_corpus(base / "corpus")
    return base


@pytest.fixture(scope="module")
def local_db(work) -> Path:
    proc = tidings("code", "corpus", "--db", "local.duckdb", "--pub-date", PUB_DATE, "--no-progress", cwd=work)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return work / "local.duckdb"


@pytest.fixture(scope="module")
def spark_db(work) -> Path:
    proc = tidings("spark", "corpus", "out", "--master", "local[2]", "--pub-date", PUB_DATE, cwd=work)
    assert proc.returncode == 0, proc.stderr[-5000:]
    imp = tidings("import", "out", "--db", "spark.duckdb", cwd=work)
    assert imp.returncode == 0, imp.stderr[-3000:]
    return work / "spark.duckdb"


@pytest.mark.spark
@spark_only
@pytest.mark.parametrize("name", ["events", "mentions", "articles", "actors", "rejects"])
def test_spark_rows_equal_local_rows(local_db, spark_db, name):
    cols_l, rows_l = table(local_db, name)
    cols_s, rows_s = table(spark_db, name)
    assert cols_s == cols_l
    assert len(rows_s) == len(rows_l)
    assert rows_s == rows_l


@pytest.mark.spark
@spark_only
def test_corpus_exercises_duplicates_merging_and_rejects(spark_db):
    con = duckdb.connect(str(spark_db), read_only=True)
    try:
        one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
        assert one("SELECT count(*) FROM articles") == 9  # the exact repeat is skipped
        assert one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") == 1
        assert one("SELECT count(*) FROM mentions WHERE copied_from IS NOT NULL") >= 1
        assert one("SELECT max(num_articles) FROM events") >= 2
        assert one("SELECT count(*) FROM rejects") == 2
        assert one("SELECT count(*) FROM runs") == 1
    finally:
        con.close()


@pytest.mark.spark
@spark_only
def test_parquet_is_partitioned_by_date(work, spark_db):
    out = work / "out"
    for name in ("articles", "events", "mentions", "actors", "rejects", "runs"):
        assert (out / name).is_dir()
    days = {p.name for p in (out / "articles").iterdir() if p.is_dir()}
    assert "dt=2024-12-05" in days and "dt=2024-12-03" in days
    assert any(p.name.startswith("dt=") for p in (out / "events").iterdir())
    # Readable as a hive-partitioned data set by any Parquet reader.
    con = duckdb.connect()
    n = con.execute(
        "SELECT count(*) FROM read_parquet(?, hive_partitioning = true)", [str(out / "events" / "**" / "*.parquet")]
    ).fetchall()[0][0]
    assert n == duckdb.connect(str(spark_db), read_only=True).execute("SELECT count(*) FROM events").fetchall()[0][0]


@pytest.mark.spark
@spark_only
def test_events_command_reads_an_imported_result(work, spark_db):
    proc = tidings("events", "--db", "spark.duckdb", "--format", "csv", cwd=work)
    if "No such command" in proc.stderr:
        pytest.skip("tidings events is not available")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "CONSULT" in proc.stdout


@pytest.mark.spark
@spark_only
def test_import_refuses_a_database_with_other_articles(work, spark_db, local_db):
    shutil.copy(local_db, work / "busy.duckdb")
    proc = tidings("import", "out", "--db", "busy.duckdb", cwd=work)
    assert proc.returncode != 0
    assert "already holds" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.spark
@spark_only
def test_existing_output_is_not_overwritten(work, spark_db):
    proc = tidings("spark", "corpus", "out", "--pub-date", PUB_DATE, cwd=work)
    assert proc.returncode == 2
    assert "--overwrite" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.spark
@spark_only
def test_spark_submit_runs_the_module_on_a_uri(work, spark_db):
    """spark-submit with the module file, reading the corpus as a URI (Spark's own file reader, recursive)."""
    import tidings.spark

    submit = Path(sys.executable).parent / "spark-submit"
    if not submit.exists():
        pytest.skip("spark-submit is not beside this Python")
    uri = (work / "corpus").resolve().as_uri()
    cmd = [str(submit), "--master", "local[2]", tidings.spark.__file__, uri, "submitted", "--pub-date", PUB_DATE]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=work, env=_env(), timeout=600)
    assert proc.returncode == 0, proc.stderr[-5000:]
    counts = json.loads(proc.stdout.strip().splitlines()[-1])
    assert counts["articles"] == 9 and counts["duplicates"] == 1
    from tidings.spark import import_parquet

    import_parquet(str(work / "submitted"), str(work / "submitted.duckdb"))
    # A URI's files come in path order, not the local folder walk: sequence numbers differ, nothing else.
    for name in ("events", "mentions", "actors"):
        assert table(work / "submitted.duckdb", name, drop=("seq",)) == table(spark_db, name, drop=("seq",))
    con = duckdb.connect(str(work / "submitted.duckdb"), read_only=True)
    paths = {r[0] for r in con.execute("SELECT source_path FROM articles").fetchall()}
    con.close()
    assert all(p.startswith("file:") for p in paths) and any("more/page-brazil" in p for p in paths)


# --- no Spark needed -------------------------------------------------------------


def test_duplicate_rule_prefers_stored_batches_then_best_score():
    from tidings.spark import resolve_duplicates

    # 0 is stored (an earlier write batch of 2); 2 and 3 share a batch. 3 matches 0 and 2:
    # the stored original wins although 2 scores higher, as `tidings code` routes it.
    pairs = [(0, 3, 0.85, "a0"), (2, 3, 0.95, "a2")]
    assert resolve_duplicates(pairs, batch=2) == {3: "a0"}
    # All in one batch: the best (score, id) wins.
    assert resolve_duplicates(pairs, batch=64) == {3: "a2"}
    # A copy is never an original: 4 matches only the copy 3, so it stays an original.
    assert resolve_duplicates(pairs + [(3, 4, 0.9, "a3")], batch=64) == {3: "a2"}


def test_missing_pyspark_gives_a_clear_message(monkeypatch):
    import tidings.spark as job

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(job.JobError, match=r"tidings\[spark\]"):
        job.build_session("local[1]")
    assert job.is_uri("s3a://bucket/news/") and job.is_uri("hdfs://nn:8020/x") and not job.is_uri("corpus/x.jsonl")
