"""Ingestion: every input a user has lying around becomes Articles, or Rejects saying why not.

``read_inputs`` never raises for bad input: each unreadable file, line or record
becomes a :class:`~tidings.records.Reject` and the iteration goes on.
Readers are picked by content first (gzip and WARC magic bytes) and extension second.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..records import Article, Reject
from .assemble import Source, build_article, iso_date, resolve_dateline_date
from .html import html_article
from .jsonl import read_json_array, read_jsonl
from .page import PageParts, split_page
from .sources import SourceError, expand_paths, expand_with_missing, open_source, sniff_format, unsupported_kind
from .text import DecodeError, decode_bytes
from .warc import read_warc

__all__ = ["read_inputs", "expand_paths", "split_page", "read_text_page", "read_html_page", "PageParts"]

REASONS = (
    "binary", "undecodable", "empty", "no_body", "too_large", "bad_html", "truncated",
    "bad_json", "not_english", "not_found", "unsupported", "unreadable", "reader_error",
)  # fmt: skip


def read_inputs(
    paths: Iterable[str],
    *,
    pub_date: str | None = None,
    max_bytes: int = 20_000_000,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Reject]:
    """Articles and Rejects from files, folders (recursive), globs and "-" (stdin)."""
    for path, exists in expand_with_missing(paths):
        if not exists:
            yield Reject(path, "not_found", "no such file, folder or matching glob")
            continue
        try:
            yield from _read_path(path, pub_date=pub_date, max_bytes=max_bytes, stdin=stdin)
        except RecursionError:
            yield Reject(path, "bad_json", "data nested too deeply to read")
        except SourceError as e:
            yield Reject(path, e.reason, e.detail)
        except PermissionError as exc:
            yield Reject(path, "unreadable", f"permission denied: {exc}")
        except IsADirectoryError as exc:
            yield Reject(path, "unsupported", str(exc))
        except OSError as exc:
            yield Reject(path, "unreadable", f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a reader bug must cost one file, never the run (fuzzed: none known)
            yield Reject(path, "reader_error", f"{type(exc).__name__}: {exc}")


def _read_path(path: str, *, pub_date: str | None, max_bytes: int, stdin: BinaryIO | None) -> Iterator[Article | Reject]:
    if path != "-":
        p = Path(path)
        if p.is_dir():  # only a folder that could not be listed gets here
            try:
                os.scandir(p).close()
            except OSError as exc:
                yield Reject(path, "unreadable", f"cannot list the folder: {exc.strerror or exc}")
                return
        if not p.is_file():
            yield Reject(path, "unsupported", "not a regular file")
            return
        if p.stat().st_size == 0:
            yield Reject(path, "empty", "file is empty")
            return
    stream, head, gz = open_source(path, stdin)
    compressed = gz or head.startswith(b"\x1f\x8b")
    try:
        kind = unsupported_kind(head)
        if kind:
            yield Reject(path, "unsupported", f"{kind} files are not read; convert them to text or HTML first")
            return
        fmt = sniff_format(path, head)
        if fmt == "json":
            yield from read_json_array(stream, path, pub_date=pub_date, max_bytes=max_bytes)
            return
        if fmt == "jsonl":
            yield from read_jsonl(stream, path, pub_date=pub_date, max_bytes=max_bytes)
            return
        if fmt == "warc":
            yield from read_warc(stream, path, pub_date=pub_date, max_bytes=max_bytes, gz=gz)
            return
        if path != "-" and not compressed and Path(path).stat().st_size > max_bytes:
            yield Reject(path, "too_large", f"file is larger than {max_bytes} bytes")
            return
        try:
            data = stream.read(max_bytes + 1)
        except EOFError as exc:
            yield Reject(path, "truncated", f"compressed data ends early: {exc}")
            return
        except (zlib.error, OSError) as exc:
            yield Reject(path, "truncated", f"damaged compressed data: {exc}")
            return
        if len(data) > max_bytes:
            yield Reject(path, "too_large", f"page is larger than {max_bytes} bytes")
            return
        if not data.strip():
            yield Reject(path, "empty", "no text in the file")
            return
        try:
            decoded = decode_bytes(data)
        except DecodeError as e:
            yield Reject(path, e.reason, e.detail)
            return
        text = decoded.text
        if not text.strip():
            yield Reject(path, "empty", "no text in the file")
            return
        src = Source(path=path)
        page = html_article(text, src, pub_date=pub_date) if fmt == "html" else read_text_page(text, src, pub_date=pub_date)
        if isinstance(page, Article):
            page.decode_errors += decoded.errors
        yield page
    finally:
        stream.close()


def read_text_page(text: str, src: Source, *, pub_date: str | None = None) -> Article | Reject:
    """One scraped plain-text page."""
    parts = split_page(text)
    page_date = iso_date(parts.page_date_text, fuzzy=True) if parts.page_date_text else None
    dates = [
        (page_date, "metadata"),
        (resolve_dateline_date(parts.dateline_date, pub_date or page_date), "dateline"),
        (pub_date, "cli"),
    ]
    return build_article(parts, src, text, dates)


def read_html_page(html: str, path: str = "<html>", *, pub_date: str | None = None) -> Article | Reject:
    return html_article(html, Source(path=path), pub_date=pub_date)
