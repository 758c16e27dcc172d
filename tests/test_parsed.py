"""The per-document reads of tidings.parsed give what spaCy's own attributes give."""

from __future__ import annotations

import pytest

from tidings.parsed import doc_pos, pos_of, span_text, span_tokens

TEXT = ("KABUL (Reuters) - Afghan police arrested three men in Kandahar on Monday.  They said the men had "
        "planned attacks.\n\nThe Interior Ministry’s spokesman, Sediq Sediqqi, told reporters: \"We will not stop.\" ")


@pytest.fixture(scope="module")
def docs():
    from tidings.nlp import load_nlp

    nlp = load_nlp()
    return [nlp(TEXT), nlp("Talks resume"), nlp("")]


def test_span_text_and_tokens_are_the_spans_own(docs):
    for doc in docs:
        for span in list(doc.sents) + list(doc.ents) + [doc[1:4], doc[0:0]]:
            assert span_text(span) == span.text
            assert [t.i for t in span_tokens(span)] == [t.i for t in span]
            assert [t.text for t in span_tokens(span)] == [t.text for t in span]


def test_parts_of_speech_are_the_tokens_own(docs):
    for doc in docs:
        assert doc_pos(doc) == [t.pos_ for t in doc]
    for doc in docs + docs[::-1]:  # the last document read and an earlier one
        assert [pos_of(t) for t in doc] == [t.pos_ for t in doc]


def test_a_remembered_text_is_the_documents_text(docs):
    from tidings.nlp import load_nlp
    from tidings.parsed import doc_text, remember_text

    nlp = load_nlp()
    for text in (TEXT, "  Talks resume.\n", ""):
        doc = nlp(text)
        remember_text(doc, text)
        assert doc_text(doc) == doc.text == text
    doc = nlp("Talks resume.")
    remember_text(doc, "Talks resumed.")  # not the text it was parsed from: not taken
    assert doc_text(doc) == "Talks resume."


def test_the_token_table_is_the_tokens_own(docs):
    from tidings.parsed import doc_table

    for doc in docs + docs[::-1]:  # the last document read and an earlier one
        t = doc_table(doc)
        assert t.text == [x.text for x in doc] and t.idx == [x.idx for x in doc]
        assert t.lower == [x.lower_ for x in doc] and t.lemma == [x.lemma_.lower() for x in doc]
        assert t.tag == [x.tag_ for x in doc] and t.dep == [x.dep_ for x in doc] and t.pos == [x.pos_ for x in doc]
        assert t.ent == [x.ent_type_ for x in doc]
        assert t.head == [x.head.i for x in doc]
        assert t.children == [[c.i for c in x.children] for x in doc]
        assert [x.i for x in t.tokens] == [x.i for x in doc]


def test_char_span_is_spacys_expanded_span(docs):
    from tidings.parsed import char_span

    doc = docs[0]
    for start, end in ((0, 5), (2, 9), (len(doc.text) - 3, len(doc.text)), (5, 5)):
        want = doc.char_span(start, end, alignment_mode="expand")
        for _ in range(2):  # remembered: the same answer again
            got = char_span(doc, start, end)
            assert (got is None) == (want is None)
            if want is not None:
                assert (got.start, got.end) == (want.start, want.end)
