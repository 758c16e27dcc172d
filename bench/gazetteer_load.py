"""Load time and memory of the place table (``tidings.places.gazetteer``), in a fresh process.

Prints the table's size on disk, the CPU and wall seconds to read and index it (CPU time is
the figure to compare on a shared machine), and the resident memory it adds. Run:
``.venv/bin/python bench/gazetteer_load.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_CHILD = r"""
import gc, json, os, time
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
before = rss()
t0, c0 = time.perf_counter(), time.process_time()
from tidings.places import gazetteer
g = gazetteer()
n = sum(len(v) for v in g.names.values()) + sum(len(v) for v in g.alternates.values())
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
gc.collect()
print(json.dumps({"wall": wall, "cpu": cpu, "rss_added": rss() - before, "names": n,
                  "landmarks": len(set(g.landmarks.values()))}))
"""


def _run() -> dict | None:
    import json

    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    table = REPO / "src" / "tidings" / "data" / "places" / "gazetteer.tsv.gz"
    print(f"{table.name}: {table.stat().st_size / 1e6:.1f} MB on disk")
    found = _run()
    if found is None:
        print("not measured: tidings.places did not import")
        return 1
    print(f"loaded in {found['cpu']:.2f} s CPU ({found['wall']:.2f} s wall), +{found['rss_added'] / 2**20:.0f} MiB "
          f"resident, {found['names']:,} names and {found['landmarks']} landmarks indexed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
