"""Re-coding and re-dating: removing articles' outputs, re-merging the events that lose mentions."""

from __future__ import annotations

import pyarrow as pa

from ..records import as_date
from .schema import TABLES


class RecodeMixin:
    """Outputs removed before re-coding, publication dates set (needs ``con`` and merging)."""

    # -- re-coding -----------------------------------------------------------------

    def delete_outputs(self, article_ids: list[str]) -> None:
        """Remove the mentions and actors of these articles (and of their near-copies) before re-coding.

        The articles stay, marked uncoded, so ``has_article`` is False for them until
        ``add_results`` stores them again. Events that lose mentions are re-merged from
        the mentions they keep; events left with none are deleted.
        """
        if not article_ids:
            return
        self._merge_cache = None  # its events change here
        self.con.begin()
        try:
            self._ids_view("_del_given", list(dict.fromkeys(article_ids)))
            ids = [
                r[0]
                for r in self.con.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT id FROM _del_given) "
                    "OR duplicate_of IN (SELECT id FROM _del_given)"
                ).fetchall()
            ]
            self.con.unregister("_del_given")
            self._ids_view("_del", ids)
            affected = {
                r[0]
                for r in self.con.execute(
                    "SELECT DISTINCT event_id FROM mentions WHERE article_id IN (SELECT id FROM _del)"
                ).fetchall()
            }
            self.con.execute("DELETE FROM mentions WHERE article_id IN (SELECT id FROM _del)")
            self.con.execute("DELETE FROM actors WHERE article_id IN (SELECT id FROM _del)")
            self.con.execute("UPDATE articles SET coded = false WHERE id IN (SELECT id FROM _del)")
            self.con.unregister("_del")
            touched = set(affected)
            if affected:
                touched |= self._remerge(affected)
            self._refresh_events(touched)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def _remerge(self, event_ids: set[str]) -> set[str]:
        """Re-assign the remaining mentions of broken events, in their original order."""
        names = [c for c, _ in TABLES["mentions"]]
        self._ids_view("_broken", sorted(event_ids))
        try:
            rows = [
                dict(zip(names, rec))
                for rec in self.con.execute(
                    "SELECT {} FROM mentions WHERE event_id IN (SELECT id FROM _broken) ORDER BY seq".format(
                        ", ".join(f'"{c}"' for c in names)
                    )
                ).fetchall()
            ]
        finally:
            self.con.unregister("_broken")
        if not rows:
            return set()
        # The broken events' anchors may be gone; their survivors must not match stale anchors.
        self.con.execute(
            "UPDATE mentions SET event_id = NULL WHERE id IN (SELECT unnest(?::VARCHAR[]))", [[r["id"] for r in rows]]
        )
        touched = self._assign_with_copies(rows)
        update = pa.table(
            {
                "id": pa.array([r["id"] for r in rows], type=pa.string()),
                "event_id": pa.array([r["event_id"] for r in rows], type=pa.string()),
            }
        )
        self.con.register("_new_event_ids", update)
        try:
            self.con.execute(
                "UPDATE mentions SET event_id = u.event_id FROM _new_event_ids u WHERE mentions.id = u.id"
            )
        finally:
            self.con.unregister("_new_event_ids")
        return touched | {r["event_id"] for r in rows if r["event_id"]}

    def undated_articles(self) -> list[tuple[str, str | None, str | None]]:
        """(id, source_path, locator) of stored articles without a publication date, in the order added."""
        return [tuple(r) for r in self.con.execute(
            "SELECT id, source_path, locator FROM articles WHERE pub_date IS NULL AND duplicate_of IS NULL ORDER BY seq"
        ).fetchall()]

    def set_pub_date(self, article_ids: list[str], pub_date: str, source: str = "cli") -> int:
        """Give these articles (and their near-copies) a publication date; their events are re-coded by the caller."""
        if not article_ids:
            return 0
        self._ids_view("_redate", list(dict.fromkeys(article_ids)))
        try:
            n = self._one("SELECT count(*) FROM articles WHERE id IN (SELECT id FROM _redate)")[0]
            self.con.execute(
                "UPDATE articles SET pub_date = ?, pub_date_source = ? "
                "WHERE id IN (SELECT id FROM _redate) OR duplicate_of IN (SELECT id FROM _redate)",
                [as_date(pub_date), source],
            )
        finally:
            self.con.unregister("_redate")
        return int(n)

