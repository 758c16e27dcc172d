"""Fuzz target over every reader: `make fuzz` (FUZZ_SECONDS=60 by default), not part of `make test`.

    python tests/fuzz/fuzz_readers.py [SECONDS]

With atheris installed this runs libFuzzer (coverage-guided) for SECONDS, starting from
and adding to ``tests/fuzz/corpus/``; without it, the same ``check`` runs under
hypothesis for SECONDS. Either way a crash is printed with the input that caused it and
the exit status is non-zero.

``check`` holds the readers' contract: any bytes, under any name, give Articles and
Rejects only; no reject is the "reader_error" safety net (that would be a reader bug);
every Article has a body, an id that is the hash of that body, no lone surrogates, and a
JSON Lines record that reads back as the same Article.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
sys.path.insert(0, str(HERE.parents[1] / "src"))

# The first byte picks how the rest is presented: as which file name, wrapped how.
NAMES = ("page.txt", "page.html", "recs.jsonl", "recs.json", "crawl.warc", "page.txt.gz", "recs.jsonl.gz",
         "crawl.warc.gz", "noext", "-", "warc-record", "warc-record.gz")
CHARSETS = (b"utf-8", b"iso-8859-1", b"windows-1252", b"utf-16", b"utf-7", b"idna", b"rot13", b"bogus", b"")


def _warc_record(payload: bytes, charset: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html" + (b"; charset=" + charset if charset else b"")
    http += b"\r\n\r\n" + payload
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:fuzz>\r\n"
        b"WARC-Date: 2025-03-05T10:00:00Z\r\nWARC-Target-URI: http://example.com/a\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(len(http)).encode() + b"\r\n\r\n"
    )
    return head + http + b"\r\n\r\n"


def presented(data: bytes) -> tuple[str, bytes]:
    """(file name, file bytes) for one fuzz input."""
    if not data:
        return "page.txt", b""
    name = NAMES[data[0] % len(NAMES)]
    rest = data[1:]
    if name.startswith("warc-record"):
        charset = CHARSETS[rest[0] % len(CHARSETS)] if rest else b""
        rest = _warc_record(rest[1:], charset)
        name = "crawl.warc.gz" if name.endswith(".gz") else "crawl.warc"
        if name.endswith(".gz"):
            rest = gzip.compress(rest)
    elif name.endswith(".gz") and data[0] & 0x80:
        rest = gzip.compress(rest)  # else: the raw bytes as (mostly broken) gzip
    return name, rest


def _check_article(art) -> None:
    from tidings.records import Article, article_id

    assert art.body and art.body == art.body.strip(), repr(art.body[:80])
    assert art.id == article_id(art.body)
    assert art.decode_errors >= 0
    record = json.dumps(art.to_dict(), ensure_ascii=False)
    record.encode("utf-8")  # raises on a lone surrogate: the store and --jsonl could not hold it
    again = Article.from_dict(json.loads(record))
    assert again == Article.from_dict(art.to_dict()), "JSON Lines record does not read back"


def check(data: bytes) -> None:
    """Raises AssertionError (or whatever a reader raised) when the readers' contract breaks."""
    from tidings.ingest import REASONS, read_inputs
    from tidings.records import Article, Reject

    name, content = presented(data)
    with tempfile.TemporaryDirectory() as tmp:
        if name == "-":
            items = read_inputs(["-"], stdin=io.BytesIO(content), pub_date="2025-03-05", max_bytes=1 << 20)
        else:
            path = Path(tmp) / name
            path.write_bytes(content)
            items = read_inputs([str(path)], pub_date="2025-03-05", max_bytes=1 << 20)
        for item in items:
            if isinstance(item, Reject):
                assert item.reason in REASONS, item
                assert item.reason != "reader_error", f"a reader raised: {item.detail}"
            else:
                assert isinstance(item, Article), type(item)
                _check_article(item)


def seeds() -> list[bytes]:
    return [p.read_bytes() for p in sorted(CORPUS.glob("*")) if p.is_file()]


def _hypothesis(seconds: float) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(tempfile.mkdtemp(prefix="tidings-hypothesis-"))  # nothing written to the repository

    deadline = time.monotonic() + seconds
    runs = 0

    class Done(Exception):
        pass

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=4096), st.sampled_from(seeds() or [b""])))
    def fuzz(data: bytes) -> None:
        nonlocal runs
        if time.monotonic() > deadline:
            raise Done
        runs += 1
        check(data)

    try:
        fuzz()
    except Done:
        pass
    print(f"fuzz_readers (hypothesis fallback, atheris not installed): {runs} inputs in {seconds:.0f}s, no crash")
    return 0


WORK = Path(tempfile.gettempdir()) / "tidings-fuzz-work"  # inputs found this session, before merging


def main(argv: list[str]) -> int:
    seconds = float(argv[1]) if len(argv) > 1 else float(os.environ.get("FUZZ_SECONDS", 60))
    try:
        import atheris
    except ImportError:
        return _hypothesis(seconds)
    with atheris.instrument_imports():
        import tidings.ingest  # noqa: F401  (instrumented for coverage)
    import shutil

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    CORPUS.mkdir(exist_ok=True)
    # New inputs go to a scratch folder; `--merge` then keeps only those that add coverage,
    # so the corpus in the repository stays small. Crash inputs are written beside it.
    atheris.Setup(
        [argv[0], f"-max_total_time={int(seconds)}", "-max_len=4096", "-rss_limit_mb=3072", "-timeout=60",
         f"-artifact_prefix={WORK}/", str(WORK), str(CORPUS)],
        check,
    )
    atheris.Fuzz()  # libFuzzer exits the process: 0 when the time is up, non-zero on a crash
    return 0


def merge() -> int:
    """Adds the inputs of the last run that reach new code to tests/fuzz/corpus/."""
    try:
        import atheris
    except ImportError:
        return 0
    if not WORK.is_dir():
        return 0
    with atheris.instrument_imports():
        import tidings.ingest  # noqa: F401
    # libFuzzer's merge runs this script again as a shell command made of its argv: name the
    # interpreter too, so the child runs in the same environment.
    atheris.Setup([f"{sys.executable} {Path(__file__).resolve()}", "-merge=1", "-max_len=4096", str(CORPUS), str(WORK)],
                  check)
    atheris.Fuzz()
    return 0


def child() -> int:
    """A process libFuzzer started itself (for -merge): its flags go straight to atheris."""
    import atheris

    with atheris.instrument_imports():
        import tidings.ingest  # noqa: F401
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--merge"]:
        sys.exit(merge())
    if sys.argv[1:2] and sys.argv[1].startswith("-"):
        sys.exit(child())
    sys.exit(main(sys.argv))
