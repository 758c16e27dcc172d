"""What several stages read of a parsed document, computed once per document.

spaCy builds ``Doc.ents`` afresh on every access (new spans for the whole document), and
``Span.ents`` scans all of the document's entities: read for every sentence or event, that
costs more than the stage's own work. The cache holds a document only while it is alive.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

_ENTS: WeakKeyDictionary = WeakKeyDictionary()


def doc_ents(doc) -> tuple:
    """``doc.ents``, read once per document (a stage must not change a document's entities)."""
    ents = _ENTS.get(doc)
    if ents is None:
        ents = _ENTS[doc] = tuple(doc.ents)
    return ents


def span_ents(span) -> list:
    """``span.ents``: the entities that fall completely within the span, in order."""
    out = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out
