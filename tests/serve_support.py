"""Shared by the `tidings serve` tests: a coded database and a server on the loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

# Written for these tests: a Syria Times-style story of the seed's shape (headline, "City, (ST) –"
# dateline, a meeting "met with" between the Syrian foreign minister and an ambassador, lone byline,
# related-links boilerplate).
PAGE = """Foreign minister receives Ambassador of Kazakhstan

Damascus, (ST) – Minister of Foreign Affairs Faisal Al-Mikdad on Wednesday met with the Ambassador of Kazakhstan to Syria Arman Jumali at the Ministry's building.

Al-Mikdad praised Kazakhstan's role in hosting the Astana talks on Syria.

Jumali affirmed his country's desire to develop trade relations with Syria.

Lina Haddad

You might also like
Latest news
Army eliminates dozens of terrorists in Hama countryside
"""


def code_db(folder: Path) -> Path:
    """The bundled examples and PAGE coded into ``folder/t.duckdb``."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    (pages / "syria_kazakhstan.txt").write_text(PAGE, encoding="utf-8")
    db = folder / "t.duckdb"
    runner = CliRunner()
    for path, pub in ((EXAMPLES, "2025-03-05"), (pages, "2024-12-05")):
        res = runner.invoke(app, ["code", str(path), "--db", str(db), "--pub-date", pub, "--no-progress"],
                            catch_exceptions=False)
        assert res.exit_code == 0, res.output
    return db


def copy_db(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / db.name
    shutil.copy(db, out)
    return out


TIDINGS = [sys.executable, "-c", "from tidings.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str) -> subprocess.CompletedProcess:
    """The real `tidings` command in a new process (DuckDB's lock is per process)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([*TIDINGS, *args], capture_output=True, text=True,
                          env=env, timeout=300)


@contextmanager
def serving(db: Path, port: int | None = None):
    """`tidings serve` in its own process on 127.0.0.1; yields the base URL, stops it after."""
    port = port or free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [*TIDINGS, "serve", "--db", str(db), "--port", str(port), "--who", "tester"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"tidings serve exited: {proc.stdout.read()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("tidings serve did not start listening within 60 s")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
