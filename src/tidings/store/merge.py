"""Events from mentions: the one merging rule, and events recomputed from their mentions.

``mentions`` (one row per report) are the truth; an ``events`` row is always recomputed from its
mentions (:meth:`MergeMixin._refresh_events`), so counts never drift. Merging only decides
``mentions.event_id``, with the rule of ``tidings.dedup.cluster_events`` (complete linkage within
a merge key, in input order). The Spark job merges with these same methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from ..records import as_date
from .rows import _marks
from .schema import MATCH_FIELDS, PRECISION_RANK, TABLES


def merge_key(row: Mapping[str, Any]) -> tuple:
    """The block a mention merges within: ``tidings.dedup.event_key`` plus modality."""
    from ..dedup import event_key

    return tuple(event_key(row)) + (row.get("modality") or "asserted",)


# A kept merge index holding more mentions than this is read afresh: memory stays bounded on long runs.
KEPT_MENTIONS = 200_000


class MergeMixin:
    """Assigning new mentions to events and recomputing events (needs ``con``, ``max_days``,
    ``allow_undated``)."""


    _merge_key = staticmethod(merge_key)

    def _load_events(self, rows: list[dict[str, Any]], index=None, loaded: set | None = None):
        """Stored events these mentions could join, with every event's own mentions (complete
        linkage needs them all), as a ``tidings.dedup.EventIndex`` in creation order.

        Given an ``index`` and the windows ``loaded`` into it already, only the other windows are
        read, and events the index holds (complete: their later mentions were added to it) are
        not read again."""
        from ..dedup import BLOCK_FIELDS, EventIndex

        if index is None:
            index = EventIndex(self.max_days, self.allow_undated)
        if not rows:
            return index
        cols = [*BLOCK_FIELDS, "modality"]
        # One window per distinct (key, date): a batch whose dates spread over a year must not
        # read every event of its keys. A generous window; same_event has the last word.
        pad = dt.timedelta(days=max(int(self.max_days), 0) + 1)
        windows = sorted(
            {
                tuple(r.get(c) for c in cols) + (as_date(r.get("date")),)
                for r in rows
                if self.allow_undated or r.get("date") is not None  # else an undated report merges with nothing
            } - (loaded or set()),
            key=repr,
        )
        if not windows:
            return index
        key_table = pa.table(
            {
                **{c: pa.array([w[i] for w in windows], type=pa.int64() if c == "quad_class" else pa.string())
                   for i, c in enumerate(cols)},
                # An undated mention may join an event of any date.
                "lo": pa.array([w[-1] - pad if w[-1] else None for w in windows], type=pa.date32()),
                "hi": pa.array([w[-1] + pad if w[-1] else None for w in windows], type=pa.date32()),
            }
        )
        names = ("event_id", "id", "seq", *MATCH_FIELDS)
        self.con.register("_merge_keys", key_table)
        try:
            on = " AND ".join(f"m.{c} IS NOT DISTINCT FROM k.{c}" for c in cols)
            found = self.con.execute(
                f"""
                WITH cand AS (
                    SELECT DISTINCT m.event_id FROM mentions m JOIN _merge_keys k ON {on}
                    WHERE m.event_id IS NOT NULL AND m.copied_from IS NULL
                      AND (k.lo IS NULL OR m.date IS NULL OR m.date BETWEEN k.lo AND k.hi)
                )
                SELECT {", ".join(f"m.{c}" for c in names)} FROM mentions m
                WHERE m.event_id IN (SELECT event_id FROM cand) AND m.copied_from IS NULL
                ORDER BY m.seq
                """
            ).fetchall()
        finally:
            self.con.unregister("_merge_keys")
        held = set(index.members) if loaded is not None else ()
        for rec in found:  # in seq order, so an event's first member comes first
            d = dict(zip(names, rec))
            if d["event_id"] not in held:
                # a kept index orders events by their first mention, as a fresh one read in seq order does
                index.add(d["event_id"], self._merge_key(d), d, order=d["seq"] if loaded is not None else None)
        if loaded is not None:
            loaded.update(windows)
        return index

    def _assign_events(self, rows: list[dict[str, Any]], keep: bool = False) -> set[str]:
        """Set ``event_id`` on each new mention row, in seq order; return the event ids touched.

        The rule is ``tidings.dedup.cluster_events``: a mention joins the earliest-created
        event of its key whose every own mention is ``same_event`` with it, else it starts
        a new event whose id is its own id.

        With ``keep`` (new mentions, all after the stored ones: ``add_results``) the index is kept
        for the next batch, which reads only the windows and events it lacks: read afresh for each
        batch, the events of a busy news day were read again and again. The writer drops it when a
        batch is rolled back, and so does every other change to the mentions.
        """
        from ..dedup import EventIndex, facts

        if keep:
            if self._merge_cache is None or self._merge_cache[0].size > KEPT_MENTIONS:
                self._merge_cache = (EventIndex(self.max_days, self.allow_undated), set())
            index = self._load_events(rows, *self._merge_cache)
        else:
            index = self._load_events(rows)
        touched: set[str] = set()
        for row in sorted(rows, key=lambda r: r["seq"]):
            key = self._merge_key(row)
            read = facts(row)  # what same_event reads of it, read once for the match and the index
            chosen = index.match(key, read)
            if chosen is None:
                chosen = row["id"]
            index.add(chosen, key, read, order=row["seq"] if keep else None)
            row["event_id"] = chosen
            touched.add(chosen)
        return touched

    def _assign_with_copies(self, rows: list[dict[str, Any]]) -> set[str]:
        """Own mentions are merged in seq order; a copy joins the event of the mention it copies."""
        own = [r for r in rows if r["copied_from"] is None]
        touched = self._assign_events(own)
        event_of = {r["id"]: r["event_id"] for r in own}
        for r in rows:
            if r["copied_from"] is not None:
                r["event_id"] = event_of.get(r["copied_from"])
        return touched

    def _refresh_events(self, event_ids: set[str]) -> None:
        """Recompute these events from their mentions (deleting those left with none)."""
        if not event_ids:
            return
        ids = sorted(event_ids)
        marks = _marks(ids)
        self.con.execute(f"DELETE FROM events WHERE id IN {marks}", ids)
        rank = " ".join(f"WHEN '{k}' THEN {v}" for k, v in PRECISION_RANK.items())
        cols = ", ".join(f'"{c}"' for c, _ in TABLES["events"])
        rep_fields = [
            "plover_type", "plover_mode", "plover_context", "cameo_code", "goldstein", "quad_class",
            "source_country", "source_sector", "source_code", "source_name",
            "target_country", "target_sector", "target_code", "target_name", "modality", "run_id",
        ]
        loc_fields = ["location_name", "location_country", "location_lat", "location_lon",
                      "location_geonameid", "location_precision"]
        pack = lambda fields: "{" + ", ".join(f"'{f}': {f}" for f in fields) + "}"  # noqa: E731
        get = lambda col, f: f"struct_extract({col}, '{f}')"  # noqa: E731
        # The day a report ran, never the day it was stored: undated reports leave these empty.
        seen = "pub_date"
        # One pass over the touched events' mentions (found through the event_id index):
        # the first mention gives the coding, the best-dated and best-placed mentions give
        # date and place, and the counts are counted afresh.
        self.con.execute(
            f"""
            INSERT INTO events ({cols})
            SELECT event_id,
                   {", ".join(get("rep", f) for f in rep_fields[:-2])},
                   {get("dt", "date")}, {get("dt", "date_source")}, {get("dt", "date_precision")},
                   {", ".join(get("loc", f) for f in loc_fields)},
                   {get("rep", "modality")},
                   n_m, n_a, n_s, first_article, conf, fs, ls, root, added, {get("rep", "run_id")}
            FROM (
                SELECT event_id,
                       arg_min({pack(rep_fields)}, seq) AS rep,
                       arg_min({pack(["date", "date_source", "date_precision"])},
                               (CASE WHEN date_source = 'text' AND date_precision = 'day' THEN 0
                                     WHEN date_source = 'text' THEN 1 WHEN date_source = 'story' THEN 2
                                     ELSE 3 END, seq))
                           FILTER (WHERE date IS NOT NULL) AS dt,
                       arg_min({pack(loc_fields)}, (CASE location_precision {rank} ELSE 9 END, seq))
                           FILTER (WHERE location_name IS NOT NULL OR location_country IS NOT NULL) AS loc,
                       arg_min(article_id, ({seen}, seq)) AS first_article,
                       count(*) AS n_m, count(DISTINCT article_id) AS n_a, count(DISTINCT outlet_key) AS n_s,
                       max(confidence) AS conf, min({seen}) AS fs, max({seen}) AS ls,
                       bool_or(section = 'headline' OR sentence_index = 0) AS root, min(added_at) AS added
                FROM mentions WHERE event_id IN {marks} GROUP BY event_id
            )
            """,
            ids,
        )

