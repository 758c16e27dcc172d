"""HTML reader check on ../shared/gold/html_scrapinghub (181 gzipped article pages with a reference body).

For each page: read with tidings.ingest.read_inputs (gzip detection, decoding, trafilatura, splitting)
and compare the body with the reference ``articleBody`` by word overlap (precision, recall, F1 of
word multisets). Reference bodies may be cut short with "...", so recall is computed only on the
reference's words. Skips when ../shared is absent.

Run:  python bench/html_extraction.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold" / "html_scrapinghub"
sys.path.insert(0, str(REPO / "src"))
from tidings.ingest import read_inputs  # noqa: E402
from tidings.records import Article  # noqa: E402


def toks(s: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", s.casefold()))


def main() -> None:
    if not GOLD.exists():
        print(f"{GOLD} not found: skipped")
        return
    truth = json.loads((GOLD / "ground-truth.json").read_text(encoding="utf-8"))
    files = sorted((GOLD / "html").glob("*.html.gz"))
    t0 = time.perf_counter()
    ps, rs, fs, rejects = [], [], [], Counter()
    for f in files:
        key = f.name.split(".")[0]
        ref = truth.get(key, {}).get("articleBody", "").rstrip(".").rstrip()
        items = list(read_inputs([str(f)]))
        arts = [a for a in items if isinstance(a, Article)]
        if not arts:
            reason = items[0].reason if items else "none"
            rejects[reason] += 1
            if reason != "not_english":  # a missed English page counts as zero
                ps.append(0.0), rs.append(0.0), fs.append(0.0)
            continue
        got, want = toks(arts[0].body), toks(ref)
        common = sum((got & want).values())
        p = common / max(1, sum(got.values()))
        r = common / max(1, sum(want.values()))
        ps.append(p), rs.append(r), fs.append(0 if p + r == 0 else 2 * p * r / (p + r))
    dt = time.perf_counter() - t0
    print(f"{len(files)} pages in {dt:.1f}s ({1000 * dt / len(files):.0f} ms/page); rejected: {dict(rejects) or 'none'}")
    n = len(fs)
    print(f"{n} English pages: word precision {sum(ps) / n:.3f}  recall {sum(rs) / n:.3f}  F1 {sum(fs) / n:.3f}")


if __name__ == "__main__":
    main()
