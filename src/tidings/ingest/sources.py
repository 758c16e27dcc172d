"""Where pages come from: paths, folders, globs, stdin, gzip; and which reader fits.

Everything is streamed: a file is opened once, its first bytes are peeked to decide
the format, and container formats (JSONL, WARC) are read record by record.
"""

from __future__ import annotations

import glob
import io
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
PEEK = 4096

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".jsonlines"}
WARC_EXT = {".warc", ".arc"}


def _has_magic(p: str) -> bool:
    return glob.has_magic(p)


def _walk(folder: Path) -> Iterator[Path]:
    """Files under a folder; a folder that cannot be listed is yielded itself, so the
    reader turns it into an "unreadable" reject instead of it vanishing (os.walk skips it)."""
    failed: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failed.append):
        while failed:
            yield Path(failed.pop(0).filename or root)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith("."):
                yield Path(root) / f
    for err in failed:
        yield Path(err.filename or folder)


def expand_with_missing(paths: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """(path, exists) for every file named, found in a folder, or matched by a glob."""
    for raw in paths:
        p = str(raw)
        if p == "-":
            yield p, True
            continue
        path = Path(p).expanduser()
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError:  # e.g. a parent folder without permission: the reader says why
            yield p, True
            continue
        if is_dir:
            for f in _walk(path):
                yield str(f), True
        elif exists:
            yield str(path), True
        elif _has_magic(p):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                yield p, False
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    for f in _walk(mp):
                        yield str(f), True
                elif not mp.name.startswith("."):
                    yield m, True
        else:
            yield p, False


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """The files (and "-") that read_inputs would read, in order; missing ones left out."""
    for p, exists in expand_with_missing(paths):
        if exists:
            yield p


class Peekable(io.RawIOBase):
    """A byte stream whose first bytes were already read (to sniff the format)."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = head
        self._rest = rest
        self._read1 = getattr(rest, "read1", rest.read)

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        # read1: one underlying read, so bytes decoded before a broken end are not lost
        data = self._read1(len(b))
        if not data:
            return 0
        n = len(data)
        b[:n] = data
        return n

    def close(self) -> None:
        try:
            self._rest.close()
        finally:
            super().close()


class GunzipStream(io.RawIOBase):
    """Streams gzip (several members too) and, unlike gzip.GzipFile, hands out every byte
    decoded before a cut-off end, raising EOFError only after them."""

    def __init__(self, raw: BinaryIO, chunk: int = 1 << 16):
        self._raw = raw
        self._chunk = chunk
        self._d = zlib.decompressobj(wbits=31)
        self._buf = b""
        self._in_member = False
        self._done = False

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        while not self._buf and not self._done:
            data = self._d.unconsumed_tail or self._raw.read(self._chunk)
            if not data:
                self._done = True
                if self._in_member:
                    raise EOFError("compressed file ended before the end-of-stream marker was reached")
                return
            self._in_member = True
            self._buf = self._d.decompress(data, self._chunk * 4)
            if self._d.eof:
                rest = self._d.unused_data
                self._d = zlib.decompressobj(wbits=31)
                self._in_member = False
                if rest.strip(b"\x00"):
                    self._buf += self._d.decompress(rest, self._chunk * 4) if rest[:2] == GZIP_MAGIC else b""
                    self._in_member = not self._d.eof and rest[:2] == GZIP_MAGIC
                    if self._d.eof:
                        self._d = zlib.decompressobj(wbits=31)

    def readinto(self, b) -> int:  # type: ignore[override]
        self._fill()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def _read_head(stream: BinaryIO, n: int = PEEK) -> bytes:
    chunks = []
    got = 0
    while got < n:
        data = stream.read(n - got)
        if not data:
            break
        chunks.append(data)
        got += len(data)
    return b"".join(chunks)


def peek_open(stream: BinaryIO) -> tuple[bytes, io.BufferedReader]:
    head = _read_head(stream)
    return head, io.BufferedReader(Peekable(head, stream), buffer_size=1 << 16)


def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP (or Word/OpenDocument)"),
    (b"\xd0\xcf\x11\xe0", "MS Office"),
    (b"{\\rtf", "RTF"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"(\xb5/\xfd", "zstd"),
)


def unsupported_kind(head: bytes) -> str | None:
    """Name of a document or archive format that holds text we do not read (yet).

    Images and other binary data are refused later as "binary"."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def sniff_format(name: str, head: bytes) -> str:
    """"text" | "html" | "jsonl" | "json" | "warc" from the extension, else from the first bytes."""
    ext = Path(strip_gz(name)).suffix.lower()
    if head.startswith(b"WARC/") or ext in WARC_EXT:
        return "warc"
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if ext in JSONL_EXT:
        return "jsonl"
    if ext == ".json":
        return "json" if s.startswith(b"[") else "jsonl"
    if s.startswith(b"[{") or s.startswith(b"[\n") and b"{" in s[:200]:
        return "json"
    low = s[:1024].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low:
        return "html"
    if s.startswith(b"{"):
        return "jsonl"
    return "text"


def open_source(path: str, stdin: BinaryIO | None) -> tuple[BinaryIO, bytes, bool]:
    """Opens a path (or stdin for "-"), decompressing gzip.

    Returns (stream, first bytes of the content, whether the stream is still gzip-compressed).
    WARC files are handed over still compressed because warcio reads per-record gzip itself.
    """
    import sys

    if path == "-":
        raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    else:
        raw = open(path, "rb")
    head, stream = peek_open(raw)
    if not head.startswith(GZIP_MAGIC):
        return stream, head, False
    try:
        # peek inside without consuming the stream: a gzipped WARC goes to warcio still compressed
        first = zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        first = b""
    if first.startswith(b"WARC/") or (path != "-" and Path(strip_gz(path)).suffix.lower() in WARC_EXT):
        return stream, first or head, True
    gz = io.BufferedReader(GunzipStream(stream), buffer_size=1 << 16)
    try:
        inner_head, inner = peek_open(gz)  # type: ignore[arg-type]
    except EOFError as exc:
        stream.close()
        raise SourceError("truncated", f"gzip data ends early: {exc}") from exc
    except (OSError, zlib.error) as exc:
        stream.close()
        raise SourceError("truncated", f"damaged gzip data: {exc}") from exc
    return inner, inner_head, False


class SourceError(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
