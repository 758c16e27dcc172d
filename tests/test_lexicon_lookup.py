"""Lexicon.lookup remembers its answers: the same words give the same answer, a phrase cut short
gives what its own words give, and a key added later is found."""

from __future__ import annotations

from tidings.actors.knowledge import Entry, Lexicon


def _lex() -> Lexicon:
    lex = Lexicon()
    lex.add("United Nations", Entry("org", "United Nations", sector="IGO"))
    lex.add("United Nations Security Council", Entry("org", "UN Security Council", sector="IGO"))
    lex.add("Kenya", Entry("cname", "Kenya", country="KEN"))
    return lex


def test_the_longest_key_within_the_words_given():
    lex = _lex()
    words = "the United Nations Security Council met".split()
    assert lex.lookup(words, 1)[0] == 4
    assert lex.lookup(words[:4], 1)[0] == 2  # the phrase ends before "Council": the shorter name
    assert lex.lookup(words, 1)[0] == 4  # and the whole sentence still has the longer one
    assert lex.lookup(words, 0) == (0, [])
    assert lex.lookup(words, 10) == (0, [])


def test_a_key_added_after_a_lookup_is_found():
    lex = _lex()
    words = ["Kenya", "Airways"]
    assert lex.lookup(words, 0)[0] == 1
    lex.add("Kenya Airways", Entry("org", "Kenya Airways", country="KEN", sector="BUS"))
    n, entries = lex.lookup(words, 0)
    assert n == 2 and entries[0].name == "Kenya Airways"


def test_folded_words_given_or_not_give_one_answer():
    from tidings.actors.keys import norm

    lex = _lex()
    words = ["UNITED", "NATIONS", "said"]
    assert lex.lookup(words, 0, [norm(w) for w in words]) == lex.lookup(list(words), 0) == (2, lex.folded[("united", "nations")])
