"""WARC archives: every HTML response record is one page, with its URL and capture date."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..records import Article, Reject
from .assemble import Source, iso_date
from .html import html_article
from .text import DecodeError, Decoded, decode_bytes

HTML_TYPES = ("text/html", "application/xhtml")


class _GzipCheck:
    """Passes a gzip stream through while checking its members, so a WARC cut inside a
    gzip member is noticed (warcio itself stops quietly at such an end)."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._d = zlib.decompressobj(wbits=31)
        self._pending = False  # bytes of an unfinished member seen

    def read(self, n: int = -1) -> bytes:
        data = self._stream.read(n)
        self._feed(data)
        return data

    def _feed(self, data: bytes) -> None:
        while data:
            try:
                self._d.decompress(data, 1 << 20)
                while self._d.unconsumed_tail:
                    self._d.decompress(self._d.unconsumed_tail, 1 << 20)
            except zlib.error:
                self._pending = True
                return
            if self._d.eof:
                data = self._d.unused_data
                self._d = zlib.decompressobj(wbits=31)
                self._pending = False
            else:
                self._pending = True
                return

    @property
    def complete(self) -> bool:
        return not self._pending

    def close(self) -> None:
        self._stream.close()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def read_warc(stream: BinaryIO, path: str, *, pub_date: str | None, max_bytes: int, gz: bool = False) -> Iterator[Article | Reject]:
    check = _GzipCheck(stream) if gz else None
    for item in _records(check or stream, path, pub_date=pub_date, max_bytes=max_bytes):
        yield item
        if isinstance(item, Reject) and item.reason == "truncated":
            return
    if check is not None and not check.complete:
        yield Reject(path, "truncated", "gzip data ends inside a WARC record", "end of file")


def _records(stream, path: str, *, pub_date: str | None, max_bytes: int) -> Iterator[Article | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    it = iter(ArchiveIterator(stream, arc2warc=True))
    while True:
        loc = f"record {n + 1}"
        try:
            rec = next(it)
        except StopIteration:
            return
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            yield Reject(path, "truncated", f"WARC ends or breaks before a complete record: {exc}", loc)
            return
        except Exception as exc:  # warcio trips over damaged headers with assorted errors
            yield Reject(path, "truncated", f"damaged WARC record ({type(exc).__name__}: {exc})", loc)
            return
        n += 1
        if rec.rec_type != "response" or rec.http_headers is None:
            if _cut_short(rec):
                yield Reject(path, "truncated", "record content is shorter than its Content-Length", loc)
                return
            continue
        ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
        if not ctype.startswith(HTML_TYPES):
            if _cut_short(rec):
                yield Reject(path, "truncated", "record content is shorter than its Content-Length", loc)
                return
            continue
        url = rec.rec_headers.get_header("WARC-Target-URI")
        warc_date = iso_date(rec.rec_headers.get_header("WARC-Date"))
        src = Source(path=path, locator=loc, input_id=rec.rec_headers.get_header("WARC-Record-ID"), url=url)
        try:
            data = rec.content_stream().read(max_bytes + 1)
            short = _cut_short(rec)
        except (EOFError, OSError, zlib.error, ValueError) as exc:
            yield Reject(path, "truncated", f"record content breaks off: {exc}", loc)
            return
        if short:
            yield Reject(path, "truncated", "record content is shorter than its Content-Length", loc)
            return
        if len(data) > max_bytes:
            yield Reject(path, "too_large", f"record larger than {max_bytes} bytes", loc)
            continue
        if not data.strip():
            yield Reject(path, "empty", "HTML response record has no content", loc)
            continue
        try:
            decoded = _decode(data, _charset(ctype))
        except DecodeError as e:
            yield Reject(path, e.reason, e.detail, loc)
            continue
        page = html_article(decoded.text, src, pub_date=pub_date, extra_dates=[(warc_date, "metadata")])
        if isinstance(page, Article):
            page.decode_errors += decoded.errors
        yield page


def _cut_short(rec) -> bool:
    """Drains the record; True when the file ended before its Content-Length was read."""
    raw = rec.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0  # warcio's LimitReader counts the bytes still owed


def _decode(data: bytes, charset: str | None) -> Decoded:
    if charset:
        try:
            return Decoded(data.decode(charset), charset)
        except (LookupError, UnicodeError, ValueError):  # unknown, not a text codec, or wrong
            pass
    return decode_bytes(data)
