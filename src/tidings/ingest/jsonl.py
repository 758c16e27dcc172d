"""JSON Lines: one already-extracted article a line (``text`` plus optional metadata).

``text`` is taken as the body exactly as given (it is not split again); a wire
dateline at its very start is only read for place, agency and date.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..records import Article, Reject
from .assemble import Source, build_article, iso_date, resolve_dateline_date
from .page import split_lead


# A news record nests two or three levels. Python's parser recurses once per level, so a
# line of 2,000 "[" would raise RecursionError and end the run: deeper data is refused first.
MAX_DEPTH = 64
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (brackets inside strings do not count)."""
    depth = deepest = 0
    for b in _BRACKET.findall(_JSON_STRING.sub('""', text)):
        depth = depth + 1 if b in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _loads(text: str) -> Any:
    """json.loads with nesting bounded; raises json.JSONDecodeError (or ValueError) on bad data."""
    if text.count("[") + text.count("{") > MAX_DEPTH:  # only then can it nest too deep
        depth = nesting_depth(text)
        if depth > MAX_DEPTH:
            raise ValueError(f"nested {depth} levels deep (at most {MAX_DEPTH} are read)")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None


def _str(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def read_jsonl(stream: BinaryIO, path: str, *, pub_date: str | None, max_bytes: int) -> Iterator[Article | Reject]:
    n = 0
    while True:
        n += 1
        loc = f"line {n}"
        try:
            line = stream.readline(max_bytes + 1)
        except EOFError as exc:
            yield Reject(path, "truncated", f"compressed data ends early: {exc}", loc)
            return
        except (OSError, zlib.error) as exc:
            yield Reject(path, "truncated", f"damaged compressed data: {exc}", loc)
            return
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # skip the rest of the over-long line without holding it in memory
            while True:
                chunk = stream.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield Reject(path, "too_large", f"line longer than {max_bytes} bytes", loc)
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Reject(path, "undecodable", f"line is not UTF-8: {exc}", loc)
            continue
        try:
            rec = _loads(text)
        except json.JSONDecodeError as exc:
            yield Reject(path, "bad_json", f"invalid JSON: {exc.msg} at column {exc.colno}", loc)
            continue
        except ValueError as exc:
            yield Reject(path, "bad_json", f"invalid JSON: {exc}", loc)
            continue
        if not isinstance(rec, dict):
            yield Reject(path, "bad_json", f"expected a JSON object, got {type(rec).__name__}", loc)
            continue
        body = rec.get("text")
        if not isinstance(body, str):
            yield Reject(path, "bad_json", "record has no string field 'text'", loc)
            continue
        if not body.strip():
            yield Reject(path, "no_body", "field 'text' is empty", loc)
            continue
        yield _article(rec, body, path, loc, pub_date)


def read_json_array(stream: BinaryIO, path: str, *, pub_date: str | None, max_bytes: int) -> Iterator[Article | Reject]:
    """A JSON file holding a list of records shaped like the JSONL ones (locator "item N")."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Reject(path, "too_large", f"JSON array larger than {max_bytes} bytes (use JSON Lines to stream)")
        return
    try:
        recs = _loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Reject(path, "undecodable", f"JSON is not UTF-8: {exc}")
        return
    except json.JSONDecodeError as exc:
        yield Reject(path, "bad_json", f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except ValueError as exc:
        yield Reject(path, "bad_json", f"invalid JSON: {exc}")
        return
    if not isinstance(recs, list):
        recs = [recs]
    for n, rec in enumerate(recs, 1):
        loc = f"item {n}"
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield Reject(path, "bad_json", "item is not an object with a string field 'text'", loc)
        elif not rec["text"].strip():
            yield Reject(path, "no_body", "field 'text' is empty", loc)
        else:
            yield _article(rec, rec["text"], path, loc, pub_date)


def _article(rec: dict, body: str, path: str, loc: str, pub_date: str | None) -> Article | Reject:
    raw = body
    # The body is not split into blocks again; only a wire lead-in glued to it is cut off.
    parts, _ = split_lead(body)
    parts.title = _str(rec.get("title")) or parts.title
    parts.author = _str(rec.get("author")) or parts.author
    meta_date = iso_date(rec.get("date") or rec.get("pub_date") or rec.get("published"))
    src = Source(
        path=path,
        locator=loc,
        input_id=_str(rec.get("id")),
        url=_str(rec.get("url")),
        outlet=_str(rec.get("outlet") or rec.get("source")),
    )
    dates = [
        (meta_date, "metadata"),
        (resolve_dateline_date(parts.dateline_date, pub_date), "dateline"),
        (pub_date, "cli"),
    ]
    return build_article(parts, src, raw, dates)
