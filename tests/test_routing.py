"""Near-duplicate routing in `tidings code`: the closest original wins, however far the store has got.

The coder routes a batch while the batch before it is still being stored, so the answer must not
depend on whether an earlier original of the run is in the store yet (no spaCy needed).
"""

from __future__ import annotations

from tidings.cli_code import Coder
from tidings.dedup import ArticleDeduper
from tidings.records import Article, ArticleResult, article_id
from tidings.store import Store

WORDS = [a + b + c for a in "bdfgklmnprst" for b in "aeiou" for c in "kmnprst"][:120]


def _text(changes: dict[int, str]) -> str:
    return " ".join(changes.get(i, w) for i, w in enumerate(WORDS))


def _article(text: str) -> Article:
    return Article(id=article_id(text), body=text, pub_date="2024-01-01", pub_date_source="cli")


# X is the story; P (stored before the run) and A (earlier in the run) are copies of it, A the closer
X = _article(_text({}))
P = _article(_text({10: "zzz10", 40: "zzz40", 70: "zzz70"}))
A = _article(_text({60: "qqq", 100: "qqq"}))


def test_the_copies_are_what_the_test_needs():
    d = ArticleDeduper()
    assert d.similarity(X.body, A.body) > d.similarity(X.body, P.body) >= d.threshold
    assert d.similarity(A.body, P.body) < d.threshold  # A is an original of its own


def _coder(store: Store) -> Coder:
    coder = Coder(store, store.start_run({}))
    coder._batch_index = ArticleDeduper()
    return coder


def test_closest_original_wins_before_and_after_it_is_stored(tmp_path):
    with Store(str(tmp_path / "t.duckdb")) as store:
        store.add_results([ArticleResult(article=P)], store.start_run({}))
        coder = _coder(store)
        # A routed but not stored yet: X is a copy of A (the closer), not of the stored P
        assert coder._route([A, X]) == {X.id: A.id}
        store.add_results([ArticleResult(article=A)], coder.run_id)
        # a later run (or the same one after A's batch is written) gives the same answer
        assert _coder(store)._route([X]) == {X.id: A.id}
