"""Users' corrections as gold: ``tidings export --format gold``.

Every article someone corrected (or annotated) becomes one line of the shape
``tidings evaluate`` reads — ``{"id", "text", "pub_date", "events": [{"plover", "cameo",
"quad", "source", "target", ...}]}`` — with the body as text and, as events, the
article's counted events after corrections (asserted, not marked "not an event") plus
the events users added. An article in annotate mode is coded from scratch: only the
events users added count. Each event also keeps its words (trigger, actor spans,
sentence), so the lines serve training as well as scoring.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .corrections import ADDED_PREFIX, added_spans, annotated, corrected_events_sql, has_table
from .store import Store


def corrected_article_ids(con) -> list[str]:
    """Articles with a correction anchored in them, in the order they were stored."""
    if not has_table(con):
        return []
    rows = con.execute(
        "SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM corrections WHERE article_id IS NOT NULL) "
        "ORDER BY a.seq"
    ).fetchall()
    return [r[0] for r in rows]


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


def _gold_event(e: dict[str, Any], words: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "plover": e.get("plover_type") or None,
        "cameo": e.get("cameo_code"),
        "quad": e.get("quad_class"),
        "source": [e["source_code"] or e["source_country"]] if (e.get("source_code") or e.get("source_country")) else [],
        "target": [e["target_code"] or e["target_country"]] if (e.get("target_code") or e.get("target_country")) else [],
        "date": _iso(e.get("date")),
        "place": e.get("location_name"),
        "place_country": e.get("location_country"),
        "event_id": e["id"],
        "corrected": bool(e.get("corrected")),
    }
    for part in ("trigger", "source", "target"):
        if words.get(f"{part}_start") is not None:
            out[f"{part}_text"] = words.get(f"{part}_text")
            out[f"{part}_span"] = [words[f"{part}_start"], words[f"{part}_end"]]
    if words.get("sentence"):
        out["sentence"] = words["sentence"].strip()
    return out


def article_gold(con, article_id: str) -> dict[str, Any] | None:
    """One gold line for a stored article, corrections applied."""
    art = con.execute("SELECT id, title, body, pub_date FROM articles WHERE id = ?", [article_id]).fetchall()
    if not art:
        return None
    aid, title, body, pub_date = art[0]
    scratch = annotated(con, aid)
    # The article's words for each coder event: its first body mention in this article.
    mention_words = {
        r[0]: dict(zip(("trigger_text", "trigger_start", "trigger_end", "source_text", "source_start", "source_end",
                        "target_text", "target_start", "target_end", "sentence"), r[1:]))
        for r in con.execute(
            "SELECT event_id, arg_min(trigger_text, seq), arg_min(trigger_start, seq), arg_min(trigger_end, seq), "
            "arg_min(source_text, seq), arg_min(source_start, seq), arg_min(source_end, seq), "
            "arg_min(target_text, seq), arg_min(target_start, seq), arg_min(target_end, seq), arg_min(sentence, seq) "
            "FROM mentions WHERE article_id = ? AND section = 'body' GROUP BY event_id",
            [aid],
        ).fetchall()
    }
    added_ids = [r[0] for r in con.execute(
        "SELECT DISTINCT event_id FROM corrections WHERE kind = 'add' AND article_id = ?", [aid]).fetchall()]
    added = added_spans(con, added_ids)
    wanted = ([] if scratch else list(mention_words)) + [i for i in added_ids if added.get(i, {}).get("section") == "body"]
    events: list[dict[str, Any]] = []
    if wanted:
        cur = con.execute(
            f"SELECT * FROM ({corrected_events_sql()}) WHERE id IN ({', '.join('?' * len(wanted))}) "
            "AND modality = 'asserted' ORDER BY id",
            wanted,
        )
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        words = {**mention_words, **added}
        rows.sort(key=lambda e: (words.get(e["id"], {}).get("trigger_start") or 0, e["id"]))
        events = [_gold_event(e, words.get(e["id"], {})) for e in rows]
    return {
        "id": aid, "title": title, "text": body, "pub_date": _iso(pub_date), "annotated": scratch,
        "source": "tidings corrections", "events": events,
    }


def write_gold(store: Store, out: str | Path, article_ids: list[str] | None = None) -> int:
    """Write one gold line per corrected article (or per ``article_ids``); returns the lines written."""
    con = store.con
    ids = article_ids if article_ids is not None else corrected_article_ids(con)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for aid in ids:
            line = article_gold(con, aid) if has_table(con) else None
            if line is None:
                continue
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    return n


__all__ = ["write_gold", "article_gold", "corrected_article_ids", "ADDED_PREFIX"]
