"""Writing: runs, batches of results through Arrow in one transaction each, copies, rejects.

Every ``add_results`` call is one transaction, so a kill leaves whole batches only, and a
re-run skips articles already stored: resume == uninterrupted run. Rows go in through Arrow
tables (``INSERT ... SELECT FROM arrow``); DuckDB's ``executemany`` runs at under 1k rows/s.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from ..records import ArticleResult, Reject
from .rows import _marks, _now, _sha, mention_copy, reject_row, reported_through
from .schema import TABLES, _to_table


class WriterMixin:
    """The store's writes (needs ``con`` and the row builders and merging of ``Store``)."""

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        arrow = _to_table(table, rows)
        name = f"_new_{table}"
        self.con.register(name, arrow)
        try:
            cols = ", ".join(f'"{c}"' for c, _ in TABLES[table])
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self.con.unregister(name)

    def _ids_view(self, name: str, ids: list[str]) -> None:
        self.con.register(name, pa.table({"id": pa.array(list(ids), type=pa.string())}))

    def _next_seq(self, table: str) -> int:
        return int(self._one(f"SELECT coalesce(max(seq), 0) FROM {table}")[0]) + 1

    # -- runs ------------------------------------------------------------------

    def start_run(self, options: dict) -> str:
        from .. import __version__
        from ..provenance import tables_hash

        run_id = _now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        dictionaries = {k: v for k, v in options.items() if "actor" in k or "verb" in k or "dictionar" in k}
        self.con.execute(
            "INSERT INTO runs (id, coder_version, model, dictionaries, options, started, status, tables_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, 'running', ?)",
            [
                run_id,
                __version__,
                options.get("model"),
                json.dumps(dictionaries, default=str, sort_keys=True),
                json.dumps(options, default=str, sort_keys=True),
                _now(),
                tables_hash(),
            ],
        )
        return run_id

    def end_run(self, run_id: str, counts: dict, status: str = "completed") -> None:
        self.con.execute(
            "UPDATE runs SET ended = ?, status = ?, counts = ? WHERE id = ?",
            [_now(), status, json.dumps(counts, default=str, sort_keys=True), run_id],
        )
    # -- writing results ---------------------------------------------------------

    def add_results(self, results: list[ArticleResult], run_id: str) -> dict:
        """Store one batch in one transaction; articles already stored are skipped.

        Returns counts: articles, duplicates, skipped, mentions, events_new, events_touched.
        """
        counts = {"articles": 0, "duplicates": 0, "skipped": 0, "mentions": 0, "events_new": 0, "events_touched": 0}
        if not results:
            return counts
        ids = list(dict.fromkeys(r.article.id for r in results))
        self._ids_view("_batch_ids", ids)
        try:
            stored = dict(
                self.con.execute(
                    "SELECT a.id, a.coded FROM articles a JOIN _batch_ids b ON a.id = b.id"
                ).fetchall()
            )
        finally:
            self.con.unregister("_batch_ids")
        fresh: list[ArticleResult] = []
        seen: set[str] = set()
        for r in results:
            aid = r.article.id
            if aid in seen or stored.get(aid):
                counts["skipped"] += 1
                continue
            seen.add(aid)
            fresh.append(r)
        if not fresh:
            return counts
        # Originals first, so a copy of an article in the same batch finds its mentions.
        originals = [r for r in fresh if not r.duplicate_of or r.duplicate_of == r.article.id]
        copies = [r for r in fresh if r.duplicate_of and r.duplicate_of != r.article.id]
        new_signatures: list[tuple[str, list[int]]] = []
        self.con.begin()
        try:
            replace = [aid for aid in seen if aid in stored]  # uncoded rows left by delete_outputs
            if replace:
                self._ids_view("_replace_ids", replace)
                self.con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _replace_ids)")
                self.con.unregister("_replace_ids")
            now = _now()
            aseq = self._next_seq("articles")
            mseq = self._next_seq("mentions")
            article_rows, actor_rows, mention_rows = [], [], []
            copy_links = {c.article.id: c.duplicate_of for c in copies}
            for r in originals + copies:
                dup = self._root_of(r.duplicate_of, copy_links) if r.article.id in copy_links else None
                # Only originals are looked up as near-duplicate targets, so only they need a signature.
                sig = self._signature(r.article.body) if r.article.body and dup is None else None
                article_rows.append(self._article_row(r.article, dup, sig, aseq, run_id, now))
                aseq += 1
                if dup is None and sig is not None:
                    new_signatures.append((r.article.id, sig))
                actor_rows.extend(self._actor_row(r.article.id, a) for a in r.actors)
                if dup is None:
                    art = article_rows[-1]
                    for i, ev in enumerate(r.events):
                        row = self._mention_row(r.article.id, ev, i, mseq, run_id)
                        mention_rows.append(reported_through(row, art))
                        mseq += 1
            counts["articles"] = len(originals)
            counts["duplicates"] = len(copies)
            self._insert("articles", article_rows)
            self._insert("actors", actor_rows)
            self._unique_mention_ids(mention_rows)
            touched = self._assign_events(mention_rows, keep=True)
            self._insert("mentions", mention_rows)
            counts["mentions"] = len(mention_rows)
            counts["events_new"] = sum(1 for m in mention_rows if m["event_id"] == m["id"])
            # Copies: this batch's duplicates, plus stored duplicates waiting for an original of this batch.
            copied, copy_events = self._copy_pending_duplicates([r.article.id for r in originals], run_id)
            counts["mentions"] += copied
            touched |= copy_events
            self._refresh_events(touched)
            counts["events_touched"] = len(touched)
            from ..stories import link_stories

            link_stories(self.con, [r.article.id for r in originals + copies])
            self.con.commit()
        except BaseException:
            self._merge_cache = None  # it may hold this batch's mentions
            self.con.rollback()
            raise
        index = self._deduper
        if index is not None:
            for aid, sig in new_signatures:
                index.add(aid, sig)
        return counts

    def _root_of(self, original: str, batch_dups: Mapping[str, str | None]) -> str:
        """Follow duplicate_of links to the first article (copies of copies point at the original)."""
        seen = {original}
        current = original
        while True:
            nxt = batch_dups.get(current)
            if nxt is None:
                row = self._one("SELECT duplicate_of FROM articles WHERE id = ?", [current])
                nxt = row[0] if row else None
            if not nxt or nxt in seen:
                return current
            seen.add(nxt)
            current = nxt

    def _unique_mention_ids(self, rows: list[dict[str, Any]]) -> None:
        """Mention ids are primary keys; a clash (same id from two articles) gets a suffix, deterministically."""
        if not rows:
            return
        ids = [r["id"] for r in rows]
        # An IN list of constants lets DuckDB use the primary-key index instead of a scan.
        taken = {x[0] for x in self.con.execute(f"SELECT id FROM mentions WHERE id IN {_marks(ids)}", ids).fetchall()}
        for r in rows:
            base, n = r["id"], 1
            while r["id"] in taken:
                r["id"] = _sha(base, r["article_id"], n)
                n += 1
            taken.add(r["id"])

    def _copy_pending_duplicates(self, original_ids: list[str], run_id: str) -> tuple[int, set[str]]:
        """Give every uncoded near-duplicate whose original now has mentions a copy of them."""
        pending = self.con.execute(
            "SELECT d.id, d.duplicate_of, d.outlet_key, d.pub_date, d.added_at FROM articles d "
            "JOIN articles o ON o.id = d.duplicate_of WHERE NOT d.coded AND o.coded ORDER BY d.seq"
        ).fetchall()
        if not pending:
            return 0, set()
        self._ids_view("_originals", sorted({p[1] for p in pending}))
        try:
            names = [c for c, _ in TABLES["mentions"]]
            cols = ", ".join(f'm."{c}"' for c in names)
            own = self.con.execute(
                f"SELECT {cols} FROM mentions m JOIN _originals o ON m.article_id = o.id "
                "WHERE m.copied_from IS NULL ORDER BY m.seq"
            ).fetchall()
        finally:
            self.con.unregister("_originals")
        by_article: dict[str, list[dict[str, Any]]] = {}
        for rec in own:
            row = dict(zip(names, rec))
            by_article.setdefault(row["article_id"], []).append(row)
        seq = self._next_seq("mentions")
        rows: list[dict[str, Any]] = []
        for dup_id, orig_id, okey, pub, added in pending:
            article = {"id": dup_id, "outlet_key": okey, "pub_date": pub, "added_at": added}
            for m in by_article.get(orig_id, []):
                rows.append(mention_copy(m, article, seq, run_id))
                seq += 1
        self._insert("mentions", rows)
        self._ids_view("_done", [p[0] for p in pending])
        self.con.execute("UPDATE articles SET coded = true WHERE id IN (SELECT id FROM _done)")
        self.con.unregister("_done")
        return len(rows), {r["event_id"] for r in rows}
    # -- rejects -----------------------------------------------------------------

    def add_rejects(self, rejects: list[Reject], run_id: str) -> None:
        """Record unreadable inputs; the same (path, locator, reason) is stored once.

        Standard input ("-") is new data on every run, so its rejects are kept per run."""
        if not rejects:
            return
        now = _now()
        uniq: dict[tuple, dict[str, Any]] = {}
        for r in rejects:
            uniq.setdefault(
                (r.path, r.locator, r.reason),
                reject_row(r, run_id, now),
            )
        self.con.register("_new_rejects", _to_table("rejects", list(uniq.values())))
        try:
            self.con.execute(
                "INSERT INTO rejects SELECT n.* FROM _new_rejects n WHERE NOT EXISTS ("
                "SELECT 1 FROM rejects r WHERE r.path = n.path AND r.locator IS NOT DISTINCT FROM n.locator "
                "AND r.reason = n.reason AND (n.path <> '-' OR r.run_id = n.run_id))"
            )
        finally:
            self.con.unregister("_new_rejects")

