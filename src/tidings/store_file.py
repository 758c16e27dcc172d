"""The DuckDB file under a store, checked before it is used: cut short, or a torn write-ahead log.

DuckDB notices neither in time: a file cut short fails only in the middle of a later query,
and a write-ahead log whose last commit was cut short is dropped on opening without a word.
"""

from __future__ import annotations

from pathlib import Path

# DuckDB's file starts with one main header and two database headers of 4 KiB each.
_FILE_HEADERS = 3 * 4096


def damaged_message(path: str, exc: BaseException | str) -> str:
    return (
        f"{path} is damaged or not a DuckDB database ({str(exc).splitlines()[0][:300]}); it was left "
        "untouched. Restore it from a copy, or code into a new file with --db NEW.duckdb"
    )


def cut_short(con, path: str) -> str | None:
    """Why the file is shorter than the blocks its header counts, or None when it is not."""
    row = con.execute("PRAGMA database_size").fetchall()
    block_size, total_blocks = int(row[0][2]), int(row[0][3])
    size = Path(path).stat().st_size
    expected = _FILE_HEADERS + block_size * total_blocks
    if size < expected:
        return f"the file has {size:,} bytes, its header counts {expected:,}"
    return None


def torn_wal_bytes(path: str) -> int:
    """Bytes at the end of ``PATH.wal`` that DuckDB will drop on opening (0 when it is whole or absent).

    DuckDB writes each commit to the write-ahead log as frames of [size: u64][checksum: u64][data]
    after a small version header, and on opening silently drops a last frame that is cut short
    (a full disk, a copy taken mid-write). The rows of that commit are then gone without a word,
    so tidings reads the framing itself to say so.
    """
    wal = Path(str(path) + ".wal")
    try:
        data = wal.read_bytes()
    except OSError:
        return 0
    if not data:
        return 0
    # The version header is a serialised object ending in the 0xFFFF end-of-object marker; the
    # bytes before it may hold 0xFFFF too, so every candidate end is tried.
    best: tuple[int, int] | None = None  # (frames read, bytes left over) of the likeliest start
    start = data.find(b"\xff\xff", 0, 256)
    while start >= 0:
        frames, pos = 0, start + 2
        while len(data) - pos >= 16:
            size = int.from_bytes(data[pos : pos + 8], "little")
            if pos + 16 + size > len(data):
                break
            frames, pos = frames + 1, pos + 16 + size
        if pos == len(data):
            return 0
        if frames and (best is None or frames > best[0]):
            best = (frames, len(data) - pos)
        start = data.find(b"\xff\xff", start + 1, 256)
    return best[1] if best else 0
