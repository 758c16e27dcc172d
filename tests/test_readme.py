"""Every example command in the README runs on the bundled examples and gives rows."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TIDINGS = str(Path(sys.executable).with_name("tidings"))

# What "gives rows" means for each command's output: a positive count, or the line a lookup prints.
ROWS = [
    r"(\d+) articles read",
    r"(\d+) counted events",
    r"(\d+) events\b",
    r"wrote (\d+) rows",
    r"plotted (\d+) events",
]


def readme_examples() -> list[str]:
    """The lines of the README's ```sh blocks (the usage synopsis is a plain block: placeholders)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M)
    return [line.strip() for b in blocks for line in b.splitlines() if line.strip() and not line.startswith("#")]


def gives_rows(cmd: list[str], out: str) -> bool:
    if cmd[1:2] == ["actor"]:
        return "code=" in out
    if cmd[1:2] == ["--version"]:
        return bool(re.search(r"^tidings \S+\nmodel \S.*\ntables [0-9a-f]{12}$", out.strip(), flags=re.M))
    if "--format" in cmd and cmd[cmd.index("--format") + 1] in ("csv", "jsonl") and cmd[1] == "events":
        return len(out.strip().splitlines()) >= (2 if "csv" in cmd else 1)  # a header and a row, or a record
    flat = " ".join(out.split())  # rich wraps long lines
    counts = [int(m) for pat in ROWS for m in re.findall(pat, flat)]
    return bool(counts) and all(n > 0 for n in counts)


def test_readme_examples_run_and_give_rows(tmp_path):
    examples = readme_examples()
    assert len(examples) >= 10 and examples[0].startswith("tidings code examples")
    assert any("--dyad SYR:KAZ" in e for e in examples)
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    for line in examples:
        cmd = shlex.split(line)
        assert cmd[0] == "tidings", line
        r = subprocess.run([TIDINGS, *cmd[1:]], cwd=tmp_path, capture_output=True, text=True)
        out = r.stdout + r.stderr
        assert r.returncode == 0, f"{line}\n{out}"
        assert "Traceback" not in out, line
        assert gives_rows(cmd, out), f"no rows: {line}\n{out}"
    assert (tmp_path / "iraq.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "events.csv.meta.json").exists() and (tmp_path / "events.dta").exists()
