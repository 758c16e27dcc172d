"""Users' corrections of coded events, kept apart from the coder's output and applied on read.

A correction is one row of the ``corrections`` table: who, when, which event, which
field, the old and the new value, an optional note. ``tidings code --recode`` deletes and
rewrites mentions and events but never touches this table, and every correction also
records the words it was made on (article, section, trigger offset), so it finds its
event again when a re-coded event gets a new id.

The apply step is :func:`events_source`: the SQL of the ``events`` table with every
correction applied (the latest value of a field wins) and the events users added, plus a
``corrected`` column. ``tidings events``, ``tidings export`` and ``tidings serve`` all read
through it; ``--raw`` reads ``events`` itself. "Not an event" sets the modality to
``not_event``, so like denials it is kept, shown with ``--modality all`` and counted nowhere.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from . import ontology
from .store import TABLES, Store

NOT_EVENT = "not_event"
MODALITIES = ("asserted", "negated", "hypothetical", "future", "reported_denial", NOT_EVENT)
# Event columns a correction may set, and the SQL type each value is cast back to.
EVENT_TYPES = dict(TABLES["events"])
CORRECTABLE = (
    "plover_type", "plover_mode", "cameo_code", "goldstein", "quad_class",
    "source_code", "source_country", "source_sector", "source_name",
    "target_code", "target_country", "target_sector", "target_name",
    "date", "date_source", "location_name", "location_country", "location_lat", "location_lon",
    "location_geonameid", "location_precision", "modality",
)
# Fields of an added event that are words in the article rather than event columns.
SPAN_FIELDS = ("section", "sentence", "trigger_text", "trigger_start", "trigger_end",
               "source_text", "source_start", "source_end", "target_text", "target_start", "target_end")
ADDED_PREFIX = "added-"

DDL = """
CREATE TABLE IF NOT EXISTS corrections (
    id BIGINT PRIMARY KEY, batch VARCHAR, made_at TIMESTAMP, who VARCHAR, kind VARCHAR,
    event_id VARCHAR, mention_id VARCHAR, article_id VARCHAR, anchor_section VARCHAR, anchor_start INTEGER,
    field VARCHAR, old_value VARCHAR, new_value VARCHAR, note VARCHAR
)
"""
COLUMNS = ("id", "batch", "made_at", "who", "kind", "event_id", "mention_id", "article_id", "anchor_section",
           "anchor_start", "field", "old_value", "new_value", "note")


class CorrectionError(ValueError):
    """A correction that cannot be made, said in words the user can act on."""


def ensure_table(con) -> None:
    con.execute(DDL)


def has_table(con) -> bool:
    rows = con.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'corrections' AND table_schema = 'main'"
    ).fetchall()
    return bool(rows)


# -- the apply step -----------------------------------------------------------------


def _cast(col: str, expr: str) -> str:
    typ = EVENT_TYPES[col]
    return expr if typ == "VARCHAR" else f"CAST({expr} AS {typ})"


def corrected_events_sql() -> str:
    """SELECT of every event (and every added one) with the corrections applied, plus ``corrected``."""
    cols = [c for c, _ in TABLES["events"]]
    pivot = ",\n".join(
        f"bool_or(field = '{c}') AS has_{c}, arg_max(new_value, id) FILTER (WHERE field = '{c}') AS v_{c}"
        for c in CORRECTABLE
    )
    select = ", ".join(
        f"CASE WHEN p.has_{c} THEN {_cast(c, f'p.v_{c}')} ELSE x.{c} END AS {c}" if c in CORRECTABLE else f"x.{c}"
        for c in cols
    )
    # An event correction names its event; a re-coded event that got a new id is found by its words.
    return f"""
    SELECT {select}, (p.eid IS NOT NULL) AS corrected FROM (
        SELECT * FROM events
        UNION ALL BY NAME
        SELECT c.event_id AS id, 1 AS num_mentions, 1 AS num_articles, 1 AS num_sources,
               any_value(c.article_id) AS first_seen_article, 'asserted' AS modality, 1.0 AS confidence,
               any_value(a.pub_date) AS first_seen, any_value(a.pub_date) AS last_seen,
               false AS is_root, min(c.made_at) AS added_at
        FROM corrections c LEFT JOIN articles a ON a.id = c.article_id
        WHERE c.kind = 'add' GROUP BY c.event_id
    ) x LEFT JOIN (
        SELECT eid, {pivot} FROM (
            SELECT c.id, c.field, c.new_value,
                   CASE WHEN c.kind = 'add' OR EXISTS (SELECT 1 FROM events ev WHERE ev.id = c.event_id)
                        THEN c.event_id
                        ELSE (SELECT min(m.event_id) FROM mentions m WHERE m.article_id = c.article_id
                              AND m.section = c.anchor_section AND m.trigger_start = c.anchor_start) END AS eid
            FROM corrections c WHERE c.kind IN ('event', 'add')
        ) GROUP BY eid
    ) p ON p.eid = x.id
    """


def events_source(con, raw: bool = False) -> str | None:
    """The relation queries read events from: None for the raw ``events`` table, else a subquery."""
    if raw:
        return None
    if not has_table(con):  # nothing corrected yet (or a read-only store made before corrections)
        return "(SELECT *, false AS corrected FROM events)"
    return "(" + corrected_events_sql() + ")"


# -- making corrections ---------------------------------------------------------------


@dataclass
class Change:
    field: str
    old: Any
    new: Any


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return repr(value)
    return str(value)


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO-style actor code: ``SYRGOV`` -> SYR, GOV; ``IGOUNO`` -> None, IGO."""
    from .actors.gold_codes import iso3

    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", code):
        raise CorrectionError(f"an actor code is letters in threes, e.g. SYR, SYRGOV or IGOUNO, not {code!r}")
    if code[:3] in iso3():
        return code[:3], (code[3:6] or None)
    return None, code[:3]


def type_fields(plover_type: str | None, cameo: str | None, current_cameo: str | None) -> dict[str, Any]:
    """The event columns a new type and/or CAMEO code set: quad class and Goldstein follow the code."""
    out: dict[str, Any] = {}
    ptype = (plover_type or "").strip().upper() or None
    if ptype and ptype not in ontology.plover_types():
        raise CorrectionError(f"unknown PLOVER type {ptype!r}; one of {', '.join(sorted(ontology.plover_types()))}")
    code = None
    if cameo and str(cameo).strip():
        code = ontology.normalise_code(cameo)
        if code is None:
            raise CorrectionError(f"unknown CAMEO code {cameo!r}")
    elif ptype:
        cur = ontology.normalise_code(current_cameo)
        keep = cur and ontology.lookup(cur).plover_type == ptype
        # A type without a code gets its CAMEO root, so quad and Goldstein stay consistent.
        code = cur if keep else ontology.plover_types()[ptype].cameo_roots[0]
    if code is None:
        return out
    rec = ontology.lookup(code)
    out.update(cameo_code=code, quad_class=rec.quad_class, goldstein=rec.goldstein,
               plover_type=ptype or rec.plover_type or None, plover_mode=rec.plover_mode)
    if ptype and not rec.plover_type == ptype:
        out["quad_class"] = ontology.plover_types()[ptype].quad_class
    return out


def place_fields(name: str, country: str | None = None) -> dict[str, Any]:
    from .place import lookup_place

    name = (name or "").strip()
    country = (country or "").strip().upper() or None
    if not name:
        raise CorrectionError("give a place name")
    loc = lookup_place(name, (country,) if country else ())
    if loc is not None and (country is None or loc.country == country):
        return dict(location_name=loc.name, location_country=loc.country, location_lat=loc.lat,
                    location_lon=loc.lon, location_geonameid=loc.geonameid, location_precision="place")
    if country is None:
        raise CorrectionError(f"{name!r} is not in the gazetteer: give its country (ISO alpha-3) too")
    return dict(location_name=name, location_country=country, location_lat=None, location_lon=None,
                location_geonameid=None, location_precision="place")


def field_changes(form: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Event columns to set from a correction form's fields (empty fields change nothing)."""
    get = lambda k: (str(form.get(k) or "")).strip()  # noqa: E731
    new: dict[str, Any] = {}
    if get("plover_type") or get("cameo_code"):
        new.update(type_fields(get("plover_type"), get("cameo_code"), current.get("cameo_code")))
    for side in ("source", "target"):
        code = get(f"{side}_code")
        if code:
            country, sector = split_code(code)
            new.update({f"{side}_code": code.upper(), f"{side}_country": country, f"{side}_sector": sector})
    if get("location_name"):
        new.update(place_fields(get("location_name"), get("location_country")))
    if get("date"):
        try:
            new.update(date=dt.date.fromisoformat(get("date")), date_source="correction")
        except ValueError:
            raise CorrectionError(f"a date is YYYY-MM-DD, not {get('date')!r}") from None
    if get("modality"):
        mod = get("modality").lower()
        if mod not in MODALITIES:
            raise CorrectionError(f"modality is one of {', '.join(MODALITIES)}, not {mod!r}")
        new["modality"] = mod
    if form.get("not_event") in (True, "1", "on", "true"):
        new["modality"] = NOT_EVENT
    return new


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _insert(con, rows: list[dict[str, Any]]) -> None:
    start = int(con.execute("SELECT coalesce(max(id), 0) FROM corrections").fetchall()[0][0]) + 1
    for i, r in enumerate(rows):
        r["id"] = start + i
        con.execute(
            f"INSERT INTO corrections ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            [r.get(c) for c in COLUMNS],
        )


def current_event(con, event_id: str) -> dict[str, Any] | None:
    ensure_table(con)
    cur = con.execute(f"SELECT * FROM ({corrected_events_sql()}) WHERE id = ?", [event_id])
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    return dict(zip(names, rows[0])) if rows else None


def correct_event(store: Store, event_id: str, form: dict[str, Any], who: str = "", note: str = "") -> list[Change]:
    """Record the changes a correction form asks for on one event; returns what changed (old → new)."""
    con = store.con
    ensure_table(con)
    current = current_event(con, event_id)
    if current is None:
        raise CorrectionError(f"no event {event_id!r}")
    changes = [Change(k, current.get(k), v) for k, v in field_changes(form, current).items()
               if _text(current.get(k)) != _text(v)]
    if not changes:
        raise CorrectionError("nothing to change: every field given has that value already")
    anchor = con.execute(
        "SELECT id, article_id, section, trigger_start FROM mentions WHERE event_id = ? ORDER BY id = ? DESC, seq LIMIT 1",
        [event_id, event_id],
    ).fetchall()
    mention_id, article_id, section, start = anchor[0] if anchor else (None, current.get("first_seen_article"), None, None)
    kind = "add" if event_id.startswith(ADDED_PREFIX) else "event"
    batch, at = uuid.uuid4().hex[:12], _now()
    _insert(con, [
        dict(batch=batch, made_at=at, who=who or None, kind=kind, event_id=event_id, mention_id=form.get("mention_id") or mention_id,
             article_id=article_id, anchor_section=section, anchor_start=start, field=c.field,
             old_value=_text(c.old), new_value=_text(c.new), note=note or None)
        for c in changes
    ])
    return changes


def add_event(store: Store, article_id: str, form: dict[str, Any], who: str = "", note: str = "") -> str:
    """A missed event, from words selected in an article: its id (``added-…``)."""
    con = store.con
    ensure_table(con)
    art = con.execute("SELECT title, body, pub_date FROM articles WHERE id = ?", [article_id]).fetchall()
    if not art:
        raise CorrectionError(f"no article {article_id!r}")
    title, body, pub_date = art[0]
    section = form.get("section") or "body"
    text = title if section == "headline" else body
    spans: dict[str, Any] = {"section": section}
    for part in ("trigger", "source", "target"):
        s, e = form.get(f"{part}_start"), form.get(f"{part}_end")
        if s in (None, "") or e in (None, ""):
            if part == "trigger":
                raise CorrectionError("select the words of the event (its trigger) in the article first")
            continue
        s, e = int(s), int(e)
        if not (0 <= s < e <= len(text or "")):
            raise CorrectionError(f"the {part} words are outside the article")
        spans.update({f"{part}_text": text[s:e], f"{part}_start": s, f"{part}_end": e})
    if not (form.get("plover_type") or form.get("cameo_code")):
        raise CorrectionError("give the event's PLOVER type or CAMEO code")
    # The coder's sentence (spaCy's split) when one covers the words, else the punctuation around them.
    known = [r[0] for r in con.execute(
        "SELECT DISTINCT sentence FROM mentions WHERE article_id = ? AND section = ?", [article_id, section]
    ).fetchall()]
    sentence = next((k.strip() for k in known if _covers(text, k, spans["trigger_start"], spans["trigger_end"])),
                    None) or _sentence_around(text, spans["trigger_start"], spans["trigger_end"])
    spans["sentence"] = sentence
    fields = field_changes(form, {})
    fields.setdefault("modality", "asserted")
    if "date" not in fields and pub_date is not None:
        fields.update(date=pub_date, date_source="pub_date")
    event_id = ADDED_PREFIX + uuid.uuid4().hex[:12]
    batch, at = uuid.uuid4().hex[:12], _now()
    rows = [
        dict(batch=batch, made_at=at, who=who or None, kind="add", event_id=event_id, article_id=article_id,
             anchor_section=section, anchor_start=spans["trigger_start"], field=k, old_value=None,
             new_value=_text(v), note=note or None)
        for k, v in {**fields, **spans}.items()
    ]
    _insert(con, rows)
    return event_id


def _covers(text: str, sentence: str, start: int, end: int) -> bool:
    needle = (sentence or "").strip()
    i = text.find(needle) if needle else -1
    while i >= 0:
        if i <= start and end <= i + len(needle):
            return True
        i = text.find(needle, i + 1)
    return False


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding the selection: from the last sentence end before it to the next after it."""
    left = max(text.rfind(p, 0, start) for p in (". ", "\n", "? ", "! "))
    right = [i for i in (text.find(p, end) for p in (". ", "\n", "? ", "! ")) if i >= 0]
    return text[left + 1 if left >= 0 else 0 : (min(right) + 1) if right else len(text)].strip()


def set_annotate(store: Store, article_id: str, on: bool = True, who: str = "") -> None:
    """Annotate mode: the article's gold is only what users added, not the coder's events."""
    ensure_table(store.con)
    _insert(store.con, [dict(batch=uuid.uuid4().hex[:12], made_at=_now(), who=who or None, kind="annotate",
                             article_id=article_id, field="annotate", new_value="1" if on else "0")])


def annotated(con, article_id: str) -> bool:
    if not has_table(con):
        return False
    rows = con.execute(
        "SELECT arg_max(new_value, id) FROM corrections WHERE kind = 'annotate' AND article_id = ?", [article_id]
    ).fetchall()
    return bool(rows and rows[0][0] == "1")


def history(con, event_id: str | None = None, article_id: str | None = None) -> list[dict[str, Any]]:
    """Corrections, newest first, of one event or of one article's events."""
    if not has_table(con):
        return []
    where, params = ("event_id = ?", [event_id]) if event_id else ("article_id = ?", [article_id])
    cur = con.execute(f"SELECT {', '.join(COLUMNS)} FROM corrections WHERE {where} ORDER BY id DESC", params)
    return [dict(zip(COLUMNS, r)) for r in cur.fetchall()]


def added_spans(con, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The words (section, sentence, trigger/source/target spans) of added events."""
    if not event_ids or not has_table(con):
        return {}
    rows = con.execute(
        f"SELECT event_id, field, arg_max(new_value, id) FROM corrections WHERE kind = 'add' "
        f"AND field IN ({', '.join('?' * len(SPAN_FIELDS))}) AND event_id IN ({', '.join('?' * len(event_ids))}) "
        "GROUP BY 1, 2",
        [*SPAN_FIELDS, *event_ids],
    ).fetchall()
    out: dict[str, dict[str, Any]] = {}
    for eid, f, v in rows:
        out.setdefault(eid, {})[f] = int(v) if f.endswith(("_start", "_end")) and v is not None else v
    return out


__all__ = ["events_source", "corrected_events_sql", "correct_event", "add_event", "set_annotate", "history",
           "CorrectionError", "NOT_EVENT"]
