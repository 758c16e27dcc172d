"""Articles that tell one story: ``story_id`` on articles, so a user can count outlets per story.

Two reports are one story when they are not near-copies but report the same happening: one of
their mentions merged into one event (``tidings.dedup.same_event``: the same kind of act between
the same countries' actors, on the same or the next day, at compatible places). So a story is
read off the events, after merging:

* a near-copy belongs to its original's story;
* an article whose asserted mentions share events with stored articles joins the story that
  shares most of its events (ties: the story begun first);
* else it begins a story of its own, whose id is its own id.

A new article picks one existing story and stories never merge afterwards, so a roundup that
touches two stories does not fuse them, and stories do not chain the way single-linkage
clustering would.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["link_stories", "story_counts"]


def link_stories(con, article_ids: Sequence[str]) -> int:
    """Sets ``story_id`` on the given stored articles (in their stored order) and on any copy of
    them still without one; returns how many articles joined another article's story."""
    if not article_ids:
        return 0
    import pyarrow as pa

    con.register("_story_ids", pa.table({"id": pa.array(list(dict.fromkeys(article_ids)), type=pa.string())}))
    try:
        todo = con.execute(
            "SELECT a.id, a.duplicate_of FROM articles a JOIN _story_ids s ON a.id = s.id "
            "WHERE a.story_id IS NULL ORDER BY a.seq"
        ).fetchall()
    finally:
        con.unregister("_story_ids")
    joined = 0
    for aid, dup in todo:
        if dup:
            row = con.execute("SELECT coalesce(story_id, id) FROM articles WHERE id = ?", [dup]).fetchall()
            story = row[0][0] if row else dup
        else:
            row = con.execute(
                """
                SELECT a.story_id FROM mentions own
                JOIN mentions m ON m.event_id = own.event_id AND m.article_id <> own.article_id
                JOIN articles a ON a.id = m.article_id
                WHERE own.article_id = ? AND own.copied_from IS NULL AND own.modality = 'asserted'
                  AND m.copied_from IS NULL AND a.story_id IS NOT NULL AND a.duplicate_of IS NULL
                GROUP BY a.story_id ORDER BY count(DISTINCT own.event_id) DESC, min(a.seq) LIMIT 1
                """,
                [aid],
            ).fetchall()
            story = row[0][0] if row else aid
        joined += story != aid
        con.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story, aid])
    # copies stored before their original was coded take its story now
    con.execute(
        "UPDATE articles SET story_id = coalesce(o.story_id, o.id) FROM articles o "
        "WHERE articles.duplicate_of = o.id AND articles.story_id IS NULL AND o.story_id IS NOT NULL"
    )
    return joined


def story_counts(con, top: int = 5) -> dict:
    """Stories of the stored originals and near-copies: how many, how many told by two or more
    outlets, and the stories told by most outlets (title of their first article)."""
    n, multi = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE k > 1) FROM "
        "(SELECT story_id, count(DISTINCT outlet_key) AS k FROM articles WHERE story_id IS NOT NULL GROUP BY 1)"
    ).fetchall()[0]
    rows = con.execute(
        """
        SELECT s.story_id, f.title, s.k, s.n FROM (
            SELECT story_id, count(DISTINCT outlet_key) AS k, count(*) AS n FROM articles
            WHERE story_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT outlet_key) > 1
        ) s LEFT JOIN articles f ON f.id = s.story_id
        ORDER BY s.k DESC, s.n DESC, s.story_id LIMIT ?
        """,
        [top],
    ).fetchall()
    return {
        "stories": int(n or 0),
        "told_by_several_outlets": int(multi or 0),
        "top_stories": [{"story_id": sid, "title": t, "outlets": k, "articles": a} for sid, t, k, a in rows],
    }
