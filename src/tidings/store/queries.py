"""Reading the store: stored articles, the counts and the summary ``tidings summary`` shows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..records import Article


class QueriesMixin:
    """Reads (needs ``con`` and ``_article_from_row``)."""

    def _named_rows(self, names: tuple[str, ...], sql: str, params: list) -> list[dict[str, Any]]:
        return [dict(zip(names, rec)) for rec in self.con.execute(sql, params).fetchall()]

    def _one(self, sql: str, params: list | None = None) -> tuple | None:
        # fetchall, not fetchone: DuckDB 2 refuses register()/unregister() while a result is unfinished.
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None
    # -- articles --------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self._one("SELECT 1 FROM articles WHERE id = ? AND coded", [article_id])
        return row is not None

    def known_article_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT id FROM articles WHERE coded").fetchall()}
    def articles(self, include_duplicates: bool = False) -> Iterator[Article]:
        """Stored articles in the order they were added (for ``--recode``).

        Near-duplicates are left out by default: they are re-linked to their
        original's new mentions automatically when the original is stored again.
        """
        where = "" if include_duplicates else "WHERE duplicate_of IS NULL"
        # A cursor of its own, so the caller may write through this store while iterating.
        cur = self.con.cursor().execute(
            "SELECT id, body, title, dateline_place, dateline_agency, dateline_text, author, pub_date, "
            "pub_date_source, language, boilerplate, source_path, locator, input_id, url, outlet, decode_errors "
            f"FROM articles {where} ORDER BY seq"
        )
        try:
            yield from (self._article_from_row(r) for chunk in iter(lambda: cur.fetchmany(1000), []) for r in chunk)
        finally:
            cur.close()

    # -- reading -------------------------------------------------------------------

    def counts(self, keep=None, events_rel: str = "events") -> dict[str, int]:
        """What the store holds: the counts ``tidings summary`` and the end of ``tidings code`` show.

        Events and mentions shown are the counted ones (or those ``keep``, a
        ``tidings.counting.Counting``, selects); ``events_rel`` is the relation events are read from
        (callers pass the one with users' corrections applied, ``tidings.corrections.events_source``)."""
        from ..counting import counting

        one = lambda sql, params=(): self._one(sql, list(params))[0]  # noqa: E731
        events = events_rel + " e"
        kept_sql, mod_params = (keep or counting()).sql()
        mod_sql = f"WHERE {kept_sql}"
        return {
            "articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "events": one(f"SELECT count(*) FROM {events} {mod_sql}", mod_params),
            "events_all_modalities": one(f"SELECT count(*) FROM {events}"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "mentions_shown": one(f"SELECT count(*) FROM mentions {mod_sql}", mod_params),
            "actors": one("SELECT count(*) FROM actors"),
            "rejects": one("SELECT count(*) FROM rejects"),
            "runs": one("SELECT count(*) FROM runs"),
            "shown": (keep or counting()).describe(),
        }

    def summary(self, top: int = 10, keep=None, events_rel: str = "events") -> dict:
        """Counts of everything, plus the top dyads, event types and places of the counted events
        (or of the events ``keep`` selects), read from ``events_rel`` (see :meth:`counts`)."""
        from ..counting import counting

        keep = keep or counting()
        events = events_rel + " e"
        kept_sql, mod_params = keep.sql()
        mod_sql = f"WHERE {kept_sql}"
        out: dict[str, Any] = self.counts(keep, events_rel)
        out["rejects_by_reason"] = dict(
            self.con.execute("SELECT reason, count(*) FROM rejects GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        )
        out["events_by_modality"] = dict(
            self.con.execute(f"SELECT modality, count(*) FROM {events} GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        )
        and_mod = mod_sql.replace("WHERE", "AND")
        out["top_dyads"] = self._named_rows(
            ("source", "target", "events", "mentions"),
            "SELECT coalesce(source_code, source_country, '?'), coalesce(target_code, target_country, '?'), "
            f"count(*), sum(num_mentions) FROM {events} "
            # A dyad needs both sides known.
            "WHERE coalesce(source_code, source_country) IS NOT NULL "
            f"AND coalesce(target_code, target_country) IS NOT NULL {and_mod} "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT ?",
            [*mod_params, top],
        )
        out["top_types"] = self._named_rows(
            ("plover_type", "events", "mentions"),
            f"SELECT coalesce(nullif(plover_type, ''), '(statement, CAMEO 01)'), count(*), sum(num_mentions) FROM {events} {mod_sql} "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [*mod_params, top],
        )
        out["top_places"] = self._named_rows(
            ("place", "country", "events"),
            f"SELECT location_name, location_country, count(*) FROM {events} WHERE location_name IS NOT NULL {and_mod} "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?",
            [*mod_params, top],
        )
        return out

