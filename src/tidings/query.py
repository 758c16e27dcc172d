"""Event filters: the questions an analyst asks of the ``events`` table.

Every filter becomes a parameterised SQL condition, so the same function serves
``tidings events``, the plots and the Python API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from .counting import counting
from .country_names import country_code
from .store import Store, StoreError, open_store

EVENT_COLUMNS = [
    "id", "date", "plover_type", "plover_mode", "cameo_code", "quad_class", "goldstein",
    "source_code", "source_name", "source_country", "source_sector",
    "target_code", "target_name", "target_country", "target_sector",
    "location_name", "location_country", "location_lat", "location_lon", "location_geonameid", "location_precision",
    "modality", "num_mentions", "num_articles", "num_sources", "confidence", "first_seen", "last_seen",
    "first_seen_article", "date_precision",
]
TEXT_COLUMNS = ["sentence", "trigger_text", "source_text", "target_text", "date_text", "article_id", "title", "url"]


@dataclass
class EventFilter:
    """The filters of ``select_events``; ``where()`` turns them into SQL over ``events e``."""

    actor: str | None = None
    country: str | None = None
    dyad: str | None = None
    directed: bool = True
    plover_type: str | list[str] | None = None
    quad_class: int | list[int] | None = None
    cameo_prefix: str | None = None
    since: str | None = None
    until: str | None = None
    location_country: str | None = None
    # None: the counted events (tidings.counting); all_events widens to every event.
    modality: str | list[str] | None = None
    min_confidence: float | None = None
    min_mentions: int | None = None
    all_events: bool = False
    conditions: list[str] = field(default_factory=list, init=False)
    params: list[Any] = field(default_factory=list, init=False)

    def _add(self, sql: str, *params: Any) -> None:
        self.conditions.append(sql)
        self.params.extend(params)

    @staticmethod
    def _side(side: str, value: str) -> tuple[str, list[Any]]:
        """An actor side matches a country (``SYR`` or ``Syria``), a code prefix (``SYRGOV``, ``IGO``) or a name."""
        v = value.strip()
        sql = (
            f"(upper(e.{side}_country) = upper(?) OR upper(e.{side}_code) LIKE upper(?) || '%' ESCAPE '\\' "
            f"OR lower(e.{side}_name) = lower(?)"
        )
        params: list[Any] = [v, like_escape(v), v]
        code = country_code(v)
        if code and code != v.upper():  # a country name: "Syria" is SYR
            sql += f" OR e.{side}_country = ?"
            params.append(code)
        return sql + ")", params

    def counting(self):
        return counting(self.all_events, _as_list(self.modality) or None, self.min_confidence)

    def where(self) -> tuple[str, list[Any]]:
        self.conditions, self.params = [], []
        if self.actor:
            s_sql, s_p = self._side("source", self.actor)
            t_sql, t_p = self._side("target", self.actor)
            part = like_escape(self.actor.strip())
            self._add(f"({s_sql} OR {t_sql} OR lower(e.source_name) LIKE '%' || lower(?) || '%' ESCAPE '\\' "
                      "OR lower(e.target_name) LIKE '%' || lower(?) || '%' ESCAPE '\\')", *s_p, *t_p, part, part)
        if self.country:
            c = _country(self.country, "country")
            self._add("(e.source_country = ? OR e.target_country = ?)", c, c)
        if self.dyad:
            if ":" not in self.dyad:
                raise ValueError(f"a dyad is SOURCE:TARGET, e.g. SYR:KAZ, not {self.dyad!r}")
            a, b = (x.strip() for x in self.dyad.split(":", 1))
            parts, params = [], []
            for src, tgt in [(a, b)] if self.directed else [(a, b), (b, a)]:
                clause, p = [], []
                if src:
                    sql, sp = self._side("source", src)
                    clause.append(sql), p.extend(sp)
                if tgt:
                    sql, tp = self._side("target", tgt)
                    clause.append(sql), p.extend(tp)
                parts.append("(" + " AND ".join(clause or ["TRUE"]) + ")")
                params.extend(p)
            self._add("(" + " OR ".join(parts) + ")", *params)
        types = [t.upper() for t in _as_list(self.plover_type)]
        if types:
            _check_values("type", types, plover_type_names())
            self._add(f"upper(e.plover_type) IN ({', '.join('?' * len(types))})", *types)
        quads = [int(q) for q in _as_list(self.quad_class)]
        if any(q not in range(5) for q in quads):
            raise ValueError(f"--quad wants quad classes 0-4, not {', '.join(map(str, quads))}")
        if quads:
            self._add(f"e.quad_class IN ({', '.join('?' * len(quads))})", *quads)
        if self.cameo_prefix:
            self._add("e.cameo_code LIKE ? || '%' ESCAPE '\\'", like_escape(str(self.cameo_prefix).strip()))
        if self.since:
            self._add("e.date >= ?", _date(self.since, "since"))
        if self.until:
            self._add("e.date <= ?", _date(self.until, "until"))
        if self.location_country:
            self._add("e.location_country = ?", _country(self.location_country, "location-country"))
        kept, kept_params = self.counting().sql("e")
        self._add(kept, *kept_params)
        if self.min_mentions is not None:
            self._add("e.num_mentions >= ?", int(self.min_mentions))
        return (" AND ".join(self.conditions) or "TRUE"), list(self.params)


def like_escape(value: str) -> str:
    """``%`` and ``_`` typed by a user are characters to find, not LIKE wildcards."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _country(value: str, option: str) -> str:
    code = country_code(value)
    if code is None:
        raise ValueError(
            f"--{option}: {value!r} is not a country code or name known to ISO 3166 (e.g. UKR, UA or Ukraine)"
        )
    return code


def _check_values(option: str, given: list[str], valid: list[str]) -> None:
    unknown = [v for v in given if v not in valid]
    if unknown:
        raise ValueError(f"unknown --{option} {', '.join(map(repr, unknown))}; choose from {', '.join(valid)}")


def plover_type_names() -> list[str]:
    from .ontology import plover_types

    return sorted(plover_types())


def check_modalities(mods: list[str]) -> None:
    """Raises ValueError naming the valid modalities when one given is not one of them."""
    from .events.modality import MODALITIES

    _check_values("modality", [m.lower() for m in mods], [*MODALITIES, "all"])


def _as_list(value: Any) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v not in (None, "")]
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [value]


def _date(value: str | dt.date, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"--{name} wants a date YYYY-MM-DD, not {value!r}") from None


def events_sql(
    flt: EventFilter, with_text: bool = False, limit: int | None = None, source: str | None = None
) -> tuple[str, list[Any]]:
    """``source`` is the events relation: None for the ``events`` table, else the corrected
    relation of :func:`tidings.corrections.events_source` (which adds a ``corrected`` column)."""
    where, params = flt.where()
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS) + (", e.corrected" if source else "")
    if with_text:
        # The sentence of the event's first report (the mention whose id is the event id).
        cols += ", " + ", ".join(f"m.{c}" for c in TEXT_COLUMNS[:-2]) + ", a.title, a.url"
        rel = f"{source or 'events'} e LEFT JOIN mentions m ON m.id = e.id LEFT JOIN articles a ON a.id = m.article_id"
    else:
        rel = f"{source or 'events'} e"
    sql = f"SELECT {cols} FROM {rel} WHERE {where} ORDER BY e.date NULLS LAST, e.id"
    if limit is not None:
        if int(limit) < 0:
            raise ValueError(f"--limit wants 0 or more rows, not {limit}")
        sql += f" LIMIT {int(limit)}"
    return sql, params


def select_events(
    store_or_path: Store | str,
    actor: str | None = None,
    country: str | None = None,
    dyad: str | None = None,
    directed: bool = True,
    plover_type: str | list[str] | None = None,
    quad_class: int | list[int] | None = None,
    cameo_prefix: str | None = None,
    since: str | None = None,
    until: str | None = None,
    location_country: str | None = None,
    modality: str | list[str] | None = None,
    min_confidence: float | None = None,
    min_mentions: int | None = None,
    all_events: bool = False,
    with_text: bool = False,
    limit: int | None = None,
    as_arrow: bool = False,
    raw: bool = False,
) -> list[dict[str, Any]] | pa.Table:
    """Events matching every filter given, oldest first, as dicts (or an Arrow table).

    ``actor`` matches either side by country, code prefix or name; ``country`` either
    side's country; ``dyad`` is ``SOURCE:TARGET`` (either part may be a country, a code
    prefix or a name, or empty), both orders when ``directed`` is False. By default only
    counted events (``tidings.counting``); ``all_events`` shows every event, ``modality``
    (``"all"`` or a list) and ``min_confidence`` widen or narrow one condition each.
    Users' corrections are applied (with a ``corrected`` column) unless ``raw``.
    """
    from .corrections import events_source

    flt = EventFilter(
        actor=actor, country=country, dyad=dyad, directed=directed, plover_type=plover_type,
        quad_class=quad_class, cameo_prefix=cameo_prefix, since=since, until=until,
        location_country=location_country, modality=modality, min_confidence=min_confidence,
        min_mentions=min_mentions, all_events=all_events,
    )
    store, owned = open_store(store_or_path)
    try:
        sql, params = events_sql(flt, with_text=with_text, limit=limit, source=events_source(store.con, raw))
        table = store.con.sql(sql, params=params).to_arrow_table()
    finally:
        if owned:
            store.close()
    return table if as_arrow else table.to_pylist()


__all__ = ["EventFilter", "select_events", "events_sql", "EVENT_COLUMNS", "StoreError"]
