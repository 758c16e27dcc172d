"""The decision model's context features: the clause around a trigger and the section around a proposal."""

from __future__ import annotations

import pytest

from tidings.events.features import candidate_features, clause_features, section_context
from tidings.records import Event


@pytest.fixture(scope="module")
def nlp():
    from tidings.nlp import load_nlp

    return load_nlp()


def _tok(doc, word):
    return next(t for t in doc if t.lower_ == word)


def _event(text: str, word: str, typ: str = "COERCE", sentence_index: int = 0) -> Event:
    i = text.lower().index(word)
    return Event(article_id="a", sentence=text, sentence_index=sentence_index, section="body", trigger_text=word,
                 trigger_start=i, trigger_end=i + len(word), plover_type=typ, cameo_code="173",
                 rule="tidings:verb:x→173", confidence=0.8)


def test_perfect_and_passive_are_told_apart(nlp):
    had = clause_features(_tok(nlp("Police had arrested the two men before the march."), "arrested"), "COERCE")
    assert "cl_aux=aux:have" in had and "type=COERCE|perfect=True" in had
    assert "type=COERCE|passive=False:False" in had
    bare = clause_features(_tok(nlp("The two men were arrested on Monday."), "arrested"), "COERCE")
    assert "type=COERCE|passive=True:False" in bare and "type=COERCE|perfect=False" in bare
    agent = clause_features(_tok(nlp("The two men were arrested by the police on Monday."), "arrested"), "COERCE")
    assert "type=COERCE|passive=True:True" in agent


def test_clause_chain_shows_a_relative_clause_and_the_root(nlp):
    rel = clause_features(_tok(nlp("The soldier who attacked the guard fled across the border."), "attacked"), "ASSAULT")
    assert "cl_chain=relcl" in rel and "cl_root=flee" in rel
    main = clause_features(_tok(nlp("Rebels attacked the town on Sunday."), "attacked"), "ASSAULT")
    assert "cl_chain=main" in main
    # a noun trigger takes its clause from the verb that governs it
    noun = clause_features(_tok(nlp("The unions would have demanded a withdrawal of the bill."), "withdrawal"), "REQUEST")
    assert "cl_aux=aux:would" in noun


def test_subordinate_mark_is_a_feature(nlp):
    f = clause_features(_tok(nlp("The talks resumed after troops had withdrawn from the valley."), "withdrawn"), "RETREAT")
    assert "cl_mark=after" in f and "cl_chain=advcl" in f


def test_section_context_counts_the_sentence_and_what_came_before():
    first = _event("Police arrested a man.", "arrested", sentence_index=0)
    again = _event("He was arrested at home and detained overnight.", "arrested", sentence_index=3)
    other = _event("He was arrested at home and detained overnight.", "detained", sentence_index=3)
    plain = Event(article_id="a", sentence="He said so.", sentence_index=4, section="body", trigger_text="said",
                  trigger_start=3, trigger_end=7, plover_type="", cameo_code="010")
    events = [first, again, other, plain]
    f0 = section_context(first, None, events)
    assert "type=COERCE|seen_before=False" in f0 and "trigger_seen_before=False" in f0
    assert "sent_props=<=1" in f0 and "sent_share=lead" in f0
    f1 = section_context(again, None, events)
    assert "type=COERCE|seen_before=True" in f1 and "trigger_seen_before=True" in f1
    assert "sent_props=<=2" in f1 and "section_props=<=3" in f1 and "sent_share=tail" in f1


def test_candidate_features_read_questions_and_quotes(nlp):
    text = 'Did the army attack the village? "We attacked nobody," the colonel said.'
    doc = nlp(text)
    q = candidate_features(_event(text, "attack", "ASSAULT"), doc)
    assert "question=True" in q
    i = text.index("attacked")
    quoted = Event(article_id="a", sentence=text, sentence_index=1, section="body", trigger_text="attacked",
                   trigger_start=i, trigger_end=i + 8, plover_type="ASSAULT", cameo_code="190",
                   rule="tidings:verb:attack→190", confidence=0.8)
    f = candidate_features(quoted, doc)
    assert "rulekind=verb|in_quotes=True" in f and "sent_quotes=True" in f and "question=False" in f
