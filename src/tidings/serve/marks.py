"""Text with spans marked, as HTML: the sentence of a mention, the body of an article.

Spans may overlap (an actor inside a trigger phrase), so the text is cut at every span
boundary and each piece carries the classes of all spans covering it. Every piece is a
``<span data-o=OFFSET>``, so the page's script turns a selection back into character
offsets of the section text (how a missed event is added).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    cls: str  # trigger | source | target | actor | place | date
    title: str = ""


def clip(spans: list[Span], start: int, end: int) -> list[Span]:
    """The spans inside ``[start, end)``, shifted to be relative to ``start``."""
    out = []
    for s in spans:
        a, b = max(s.start, start), min(s.end, end)
        if a < b:
            out.append(Span(a - start, b - start, s.cls, s.title))
    return out


def mark(text: str, spans: list[Span], base: int = 0) -> Markup:
    """``text`` as HTML with ``spans`` marked; ``base`` is the text's offset in its section."""
    text = text or ""
    cuts = {0, len(text)}
    for s in spans:
        if 0 <= s.start < s.end <= len(text):
            cuts.update((s.start, s.end))
    points = sorted(cuts)
    parts = []
    for a, b in zip(points, points[1:]):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        classes = sorted({s.cls for s in covering})
        titles = "; ".join(dict.fromkeys(s.title for s in covering if s.title))
        attrs = f' data-o="{base + a}"'
        if classes:
            attrs += f' class="{" ".join("m-" + c for c in classes)}"'
        if titles:
            attrs += f' title="{escape(titles)}"'
        parts.append(f"<span{attrs}>{escape(text[a:b])}</span>")
    return Markup("".join(parts))


def sentence_start(section_text: str, sentence: str, anchor: int) -> int | None:
    """Where ``sentence`` starts in its section: the occurrence covering offset ``anchor``."""
    needle = (sentence or "").strip()
    if not needle or not section_text:
        return None
    first = None
    i = section_text.find(needle)
    while i >= 0:
        first = i if first is None else first
        if i <= anchor < i + len(needle):
            return i
        i = section_text.find(needle, i + 1)
    return first


def find_words(sentence: str, words: str | None) -> tuple[int, int] | None:
    """Offsets of ``words`` (a place's or date's source text) in the sentence, if they are there."""
    if not words or not sentence:
        return None
    # Exact words only: a dateline's "BAGHDAD" is not the "Baghdad" of the sentence.
    i = sentence.find(words)
    return (i, i + len(words)) if i >= 0 else None
