"""The MinHash index of stored originals: which stored article a new body is a near-copy of."""

from __future__ import annotations

import hashlib


class IndexMixin:
    """Near-duplicate lookups against the store (needs ``con``, ``_one``)."""

    def _dedup_index(self):
        if self._deduper is None:
            from ..dedup import ArticleDeduper  # datasketch loads only when needed

            self._deduper = ArticleDeduper()
            rows = self.con.execute(
                "SELECT id, minhash FROM articles WHERE duplicate_of IS NULL AND minhash IS NOT NULL ORDER BY seq"
            ).fetchall()
            for aid, sig in rows:
                self._deduper.add(aid, list(sig))
        return self._deduper

    def signature(self, body: str) -> list[int] | None:
        """The body's MinHash signature, cached so routing and storing compute it once."""
        return self._signature(body)

    def _signature(self, body: str) -> list[int] | None:
        key = hashlib.sha1(body.encode("utf-8")).hexdigest()
        sig = self._signatures.get(key)
        if sig is None:
            if self._signer is None:  # an empty index: signatures need only its permutations
                from ..dedup import ArticleDeduper

                self._signer = ArticleDeduper()
            sig = [int(v) for v in self._signer.signature(body)]
            if len(self._signatures) > 10_000:  # only a batch's worth is ever needed again
                self._signatures.clear()
            self._signatures[key] = sig
        return sig

    def near_duplicate_of(self, body: str, article_id: str | None = None) -> str | None:
        """The id of a stored article this body is a near-copy of (MinHash/LSH), else None.

        Articles whose outputs are pending (deleted for ``--recode``) do not count, so
        an article being re-coded is never a duplicate of itself.
        """
        found = self.near_duplicate_match(body, article_id)
        return found[1] if found else None

    def near_duplicate_match(self, body: str, article_id: str | None = None) -> tuple[float, str] | None:
        """(similarity, id) of the stored article ``near_duplicate_of`` names, else None."""
        index = self._dedup_index()
        if index is None or not body:
            return None
        found = index.best(self._signature(body))
        if found is None or found[1] == article_id:
            return None
        row = self._one("SELECT coded FROM articles WHERE id = ?", [found[1]])
        if row is None or not row[0]:
            return None
        return found

