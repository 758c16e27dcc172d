"""What several stages read of a parsed document, computed once per document.

spaCy builds ``Doc.ents`` afresh on every access (new spans for the whole document), ``Doc.text``
joins every token's text on every access, ``doc[i]`` makes a new Token object each time, and
``Span.ents`` scans all of the document's entities:
read for every sentence or event, that costs more than the stage's own work. The cache keeps the
last few documents only: the stages code one document at a time, and a cache keyed weakly by the
document would never let it go (its spans hold the document), so every parse of a run would stay
in memory.
"""

from __future__ import annotations

from collections import OrderedDict

_KEEP = 8
_SEEN: OrderedDict[int, tuple] = OrderedDict()  # id(doc) -> (doc, {what: value})
_LAST: list = [None, None]  # the document read last and its values
_LAST_POS: list = [None, None]  # the document read last and its parts of speech: most reads are of one document


def _of(doc) -> dict:
    """The cached values of ``doc`` (a fresh dict for a document not seen lately)."""
    if _LAST[0] is doc:
        return _LAST[1]
    hit = _SEEN.get(id(doc))
    if hit is not None and hit[0] is doc:
        _SEEN.move_to_end(id(doc))
        _LAST[0], _LAST[1] = doc, hit[1]
        return hit[1]
    values: dict = {}
    _SEEN[id(doc)] = (doc, values)
    while len(_SEEN) > _KEEP:
        _SEEN.popitem(last=False)
    _LAST[0], _LAST[1] = doc, values
    return values


def doc_ents(doc) -> tuple:
    """``doc.ents``, read once per document (a stage must not change a document's entities)."""
    values = _of(doc)
    ents = values.get("ents")
    if ents is None:
        ents = values["ents"] = tuple(doc.ents)
    return ents


def doc_text(doc) -> str:
    """``doc.text``, joined once per document."""
    values = _of(doc)
    text = values.get("text")
    if text is None:
        text = values["text"] = doc.text
    return text


def remember_text(doc, text: str) -> None:
    """Records the text ``doc`` was parsed from as its ``doc_text``: spaCy keeps every character of
    its input (``Doc.text`` is the input string), so the join need not be made. A text whose length
    is not the document's is not taken."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        _of(doc)["text"] = text


def doc_tokens(doc) -> list:
    """The document's tokens as a list, made once per document: ``doc[i]`` makes a new Token
    object on every access, and the stages index the tokens hundreds of times a sentence."""
    values = _of(doc)
    tokens = values.get("tokens")
    if tokens is None:
        tokens = values["tokens"] = list(doc)
    return tokens


def doc_pos(doc) -> list[str]:
    """Every token's ``pos_``, read once per document: ``Token.pos_`` turns the tag into a Python enum
    member and looks its name up on every access, the dearest attribute the stages read."""
    if _LAST_POS[0] is doc:
        return _LAST_POS[1]
    values = _of(doc)
    pos = values.get("pos")
    if pos is None:
        from spacy.attrs import POS
        from spacy.parts_of_speech import NAMES

        names = {int(k): v for k, v in NAMES.items()}
        pos = values["pos"] = [names[int(p)] for p in doc.to_array(POS).tolist()] if len(doc) else []
    _LAST_POS[0], _LAST_POS[1] = doc, pos
    return pos


class _Names(dict):
    """Hash -> string of a vocabulary's string store, kept across documents (the store's own lookup
    is the dear part of reading a document's columns); ``lowered`` holds the lower-cased strings."""

    def __init__(self, strings):
        super().__init__()
        self.strings = strings
        self.lowered = _Lowered(self)

    def __missing__(self, key: int) -> str:
        if len(self) > 200_000:  # a long run's vocabulary only grows: bounded, as memory must stay flat
            self.clear()
            self.lowered.clear()
        value = self[key] = self.strings[key]
        return value


class _Lowered(dict):
    def __init__(self, names: _Names):
        super().__init__()
        self.names = names

    def __missing__(self, key: int) -> str:
        value = self[key] = self.names[key].lower()
        return value


_NAMES: list = [None, None]


def _names(strings) -> _Names:
    if _NAMES[0] is not strings:
        _NAMES[0], _NAMES[1] = strings, _Names(strings)
    return _NAMES[1]


class Table:
    """Plain lists of a document's token attributes, indexed by token: read by the stages for every
    token of every sentence, where each spaCy attribute access turns a hash into a string afresh
    (``t.children`` walks the parse on every call)."""

    __slots__ = ("tokens", "text", "idx", "lower", "lemma", "tag", "dep", "ent", "pos", "head", "children")

    def __init__(self, doc):
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, TAG

        n = len(doc)
        cols = doc.to_array([ORTH, LOWER, LEMMA, TAG, DEP, ENT_TYPE]).T.tolist() if n else [[]] * 6
        names = _names(doc.vocab.strings)
        # lemmas in lower case: the stages compare them so
        self.text, self.lower, self.lemma, self.tag, self.dep, self.ent = (
            list(map(table.__getitem__, col)) for table, col in zip((names, names, names.lowered, names, names, names), cols))
        self.idx = doc.to_array(IDX).tolist() if n else []
        self.pos = doc_pos(doc)
        self.tokens = doc_tokens(doc)
        offsets = doc.to_array(HEAD).view("int64").tolist() if n else []
        self.head = [i + d for i, d in enumerate(offsets)]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):  # in index order, as ``Token.children`` gives them
            if h != i:
                self.children[h].append(i)


_LAST_TABLE: list = [None, None]


def doc_table(doc) -> Table:
    """The document's :class:`Table`, built once per document."""
    if _LAST_TABLE[0] is doc:
        return _LAST_TABLE[1]
    values = _of(doc)
    table = values.get("table")
    if table is None:
        table = values["table"] = Table(doc)
    _LAST_TABLE[0], _LAST_TABLE[1] = doc, table
    return table


def char_span(doc, start: int, end: int):
    """``doc.char_span(start, end, alignment_mode="expand")``, remembered per document: the stages ask
    for each actor's and trigger's span many times, and spaCy scans the tokens on each call."""
    values = _of(doc)
    spans = values.get("spans")
    if spans is None:
        spans = values["spans"] = {}
    key = (start, end)
    if key in spans:
        return spans[key]
    span = spans[key] = doc.char_span(start, end, alignment_mode="expand")
    return span


def pos_of(tok) -> str:
    """``tok.pos_`` from its document's list (:func:`doc_pos`)."""
    doc = tok.doc
    if _LAST_POS[0] is doc:
        return _LAST_POS[1][tok.i]
    return doc_pos(doc)[tok.i]


def span_text(span) -> str:
    """``span.text`` (a sentence's, an entity's) cut from the document's text: spaCy joins the span's
    tokens afresh on every access, a new Token object for each."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def span_tokens(span) -> list:
    """The span's tokens from the document's list (iterating a span makes a new Token for each)."""
    return doc_tokens(span.doc)[span.start:span.end]


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
