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
        # Read in two queries, then decided in order in Python: an article's story may come
        # from one decided just before it in the same batch.
        shared = con.execute(
            """
            SELECT own.article_id, own.event_id, a.id, a.story_id, a.seq FROM mentions own
            JOIN _story_ids s ON own.article_id = s.id
            JOIN mentions m ON m.event_id = own.event_id AND m.article_id <> own.article_id
            JOIN articles a ON a.id = m.article_id
            WHERE own.copied_from IS NULL AND own.modality = 'asserted'
              AND m.copied_from IS NULL AND a.duplicate_of IS NULL
            """
        ).fetchall()
        originals = {dup for _, dup in todo if dup}
        stored = dict(
            con.execute(
                "SELECT id, coalesce(story_id, id) FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(originals)],
            ).fetchall()
        ) if originals else {}
    finally:
        con.unregister("_story_ids")
    by_article: dict[str, list[tuple]] = {}
    for own, event, other, story, seq in shared:
        by_article.setdefault(own, []).append((event, other, story, seq))
    decided: dict[str, str] = {}
    joined = 0
    for aid, dup in todo:
        if dup:
            story = decided.get(dup) or stored.get(dup, dup)
        else:
            events: dict[str, set[str]] = {}
            first: dict[str, int] = {}
            for event, other, other_story, seq in by_article.get(aid, ()):
                other_story = decided.get(other, other_story)
                if other_story is None:  # not in a story (yet)
                    continue
                events.setdefault(other_story, set()).add(event)
                first[other_story] = min(seq, first.get(other_story, seq))
            # the story sharing most of its events; ties: the story begun first
            story = min(events, key=lambda s: (-len(events[s]), first[s])) if events else aid
        joined += story != aid
        decided[aid] = story
    if decided:
        con.register("_stories", pa.table({"id": list(decided), "story": list(decided.values())}))
        try:
            con.execute("UPDATE articles SET story_id = s.story FROM _stories s WHERE articles.id = s.id")
        finally:
            con.unregister("_stories")
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
