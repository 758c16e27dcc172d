"""Bytes to text: UTF-8 first, a charset detector for the rest, binary refused."""

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
