"""What several stages read of a parsed document, computed once per document.

spaCy builds ``Doc.ents`` afresh on every access (new spans for the whole document), and
``Span.ents`` scans all of the document's entities: read for every sentence or event, that
costs more than the stage's own work. The cache keeps the last few documents only: the stages
code one document at a time, and a cache keyed weakly by the document would never let it go (its
spans hold the document), so every parse of a run would stay in memory.
"""

from __future__ import annotations

from collections import OrderedDict

_KEEP = 8
_ENTS: OrderedDict[int, tuple] = OrderedDict()  # id(doc) -> (doc, its entities)


def doc_ents(doc) -> tuple:
    """``doc.ents``, read once per document (a stage must not change a document's entities)."""
    hit = _ENTS.get(id(doc))
    if hit is not None and hit[0] is doc:
        _ENTS.move_to_end(id(doc))
        return hit[1]
    ents = tuple(doc.ents)
    _ENTS[id(doc)] = (doc, ents)
    while len(_ENTS) > _KEEP:
        _ENTS.popitem(last=False)
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
