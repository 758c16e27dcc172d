"""Bytes to text: UTF-8 first, a charset detector for the rest, binary refused.

A UTF-8 page with a few broken bytes stays UTF-8: the broken bytes become U+FFFD and
are counted (``Decoded.errors``, stored as ``articles.decode_errors``). Decoding it in a
single-byte code page instead would garble every correct accented letter on the page.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass
class Decoded:
    text: str
    encoding: str
    errors: int = 0  # undecodable byte sequences replaced by U+FFFD


_REPLACEMENT_UTF8 = "\ufffd".encode("utf-8")


def decode_utf8_lenient(data: bytes) -> Decoded | None:
    """UTF-8 with replacement characters when the bytes are mostly UTF-8, else None.

    "Mostly": at least as many well-formed multi-byte sequences as broken ones. A page
    in a legacy code page has almost no well-formed sequences (an accented letter there
    is one byte followed by ASCII), so it is left to the charset detector.
    """
    text = data.decode("utf-8", errors="replace")
    literal = data.count(_REPLACEMENT_UTF8)  # U+FFFD written in the page itself
    errors = text.count("\ufffd") - literal
    if errors == 0:
        return Decoded(text, "utf-8")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    well_formed = non_ascii - errors - literal
    if well_formed <= 0 or errors > well_formed:
        return None
    return Decoded(text, "utf-8", errors)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB: not a text page."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes) -> Decoded:
    """Decodes a page; raises DecodeError("binary" | "undecodable", detail)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise DecodeError("binary", "file holds binary data (NUL or control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = decode_utf8_lenient(data)
    if lenient is not None:
        return lenient
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DecodeError("undecodable", "not UTF-8 and no other encoding fits")
    text, encoding = str(best), best.encoding
    # Short Western pages fit several codepages equally well; Windows-1252 is by far the most
    # common of them on the web, so it wins ties ("à" must not come out as Czech "ŕ").
    if "cp1252" not in best.could_be_from_charset:
        for m in results:
            if m.chaos <= best.chaos and "cp1252" in m.could_be_from_charset:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    pass
                break
    elif best.encoding != "cp1252":
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    # A detector always finds *some* single-byte codepage; refuse results full of control characters.
    bad = sum(1 for ch in text[:8192] if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x80 <= ord(ch) < 0xA0)
    if text and bad / min(len(text), 8192) > 0.02:
        raise DecodeError("undecodable", f"not UTF-8; best guess {encoding} gives control characters")
    return Decoded(text, encoding)
