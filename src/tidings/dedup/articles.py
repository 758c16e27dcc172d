"""Article near-duplicates: MinHash signatures of bodies over word 3-shingles in an LSH index.

A wire story re-run by another outlet with a few words changed shares most of its shingles and
is found; a different story on the same topic shares few. Signatures are plain lists of ints so
the store can keep them in a column and rebuild the index on start.
"""

from __future__ import annotations

import re
from functools import lru_cache

SHINGLE_WORDS = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


@lru_cache(maxsize=None)
def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows) for a threshold: it finds them by numerical integration (scipy),
    a tenth of a second that every new index (the store's, each run's batch index) paid again."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


class ArticleDeduper:
    """MinHash + LSH index of article bodies; ``query`` names an already-added near-copy."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128) -> None:
        from datasketch import MinHash, MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=_lsh_bands(threshold, num_perm))
        self._sigs: dict[str, object] = {}
        # One template MinHash holds the permutations; copies reuse them
        # instead of drawing num_perm random pairs for every article.
        self._template = MinHash(num_perm=num_perm)

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sigs

    def _minhash(self, text_or_signature):
        import numpy as np

        m = self._template.copy()
        if isinstance(text_or_signature, str):
            grams = shingles(text_or_signature)
            if not grams:
                return None
            m.update_batch([g.encode("utf-8") for g in grams])
            return m
        # datasketch's scheme fixes the dtype (uint32 for "affine32"); LSH band
        # keys are the raw bytes, so a stored signature must come back in it.
        values = np.asarray(list(text_or_signature), dtype=self._template.hashvalues.dtype)
        if values.shape != (self.num_perm,):
            raise ValueError(f"signature has {values.shape[0]} values, expected {self.num_perm}")
        m.hashvalues = values
        return m

    def signature(self, text: str) -> list[int]:
        m = self._minhash(text)
        if m is None:
            return [int(v) for v in self._template.hashvalues]
        return [int(v) for v in m.hashvalues]

    def add(self, article_id: str, text_or_signature) -> None:
        if article_id in self._sigs:
            return
        m = self._minhash(text_or_signature)
        if m is None or m.is_empty():
            return  # an empty body is a duplicate of nothing
        self._sigs[article_id] = m
        self._lsh.insert(article_id, m)

    def query(self, text_or_signature) -> str | None:
        found = self.best(text_or_signature)
        return found[1] if found else None

    def best(self, text_or_signature) -> tuple[float, str] | None:
        """(similarity, id) of the closest added near-copy, else None; ties go to the larger id."""
        m = self._minhash(text_or_signature)
        if m is None or m.is_empty():
            return None
        best: tuple[float, str] | None = None
        for key in self._lsh.query(m):
            score = m.jaccard(self._sigs[key])
            if score >= self.threshold and (best is None or (score, key) > best):
                best = (score, key)
        return best

    def similarity(self, a, b) -> float:
        """Estimated Jaccard similarity of two texts or signatures."""
        ma, mb = self._minhash(a), self._minhash(b)
        if ma is None or mb is None:
            return 0.0
        return float(ma.jaccard(mb))
