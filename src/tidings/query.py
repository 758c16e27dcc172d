"""Event filters: the questions an analyst asks of the ``events`` table.

Every filter becomes a parameterised SQL condition, so the same function serves
``tidings events``, the plots and the Python API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

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
    modality: str | list[str] | None = "asserted"
    min_confidence: float | None = None
    min_mentions: int | None = None
    conditions: list[str] = field(default_factory=list, init=False)
    params: list[Any] = field(default_factory=list, init=False)

    def _add(self, sql: str, *params: Any) -> None:
        self.conditions.append(sql)
        self.params.extend(params)

    @staticmethod
    def _side(side: str, value: str) -> tuple[str, list[Any]]:
        """An actor side matches a country (``SYR``), a code prefix (``SYRGOV``, ``IGO``) or a name."""
        v = value.strip()
        sql = (
            f"(upper(e.{side}_country) = upper(?) OR upper(e.{side}_code) LIKE upper(?) || '%' "
            f"OR lower(e.{side}_name) = lower(?))"
        )
        return sql, [v, v, v]

    def where(self) -> tuple[str, list[Any]]:
        self.conditions, self.params = [], []
        if self.actor:
            s_sql, s_p = self._side("source", self.actor)
            t_sql, t_p = self._side("target", self.actor)
            self._add(f"({s_sql} OR {t_sql} OR lower(e.source_name) LIKE '%' || lower(?) || '%' "
                      "OR lower(e.target_name) LIKE '%' || lower(?) || '%')", *s_p, *t_p, self.actor, self.actor)
        if self.country:
            c = self.country.upper()
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
        types = _as_list(self.plover_type)
        if types:
            self._add(f"upper(e.plover_type) IN ({', '.join('?' * len(types))})", *[t.upper() for t in types])
        quads = [int(q) for q in _as_list(self.quad_class)]
        if quads:
            self._add(f"e.quad_class IN ({', '.join('?' * len(quads))})", *quads)
        if self.cameo_prefix:
            self._add("e.cameo_code LIKE ? || '%'", str(self.cameo_prefix))
        if self.since:
            self._add("e.date >= ?", _date(self.since, "since"))
        if self.until:
            self._add("e.date <= ?", _date(self.until, "until"))
        if self.location_country:
            self._add("e.location_country = ?", self.location_country.upper())
        mods = [m.lower() for m in _as_list(self.modality)]
        if mods and "all" not in mods:
            self._add(f"e.modality IN ({', '.join('?' * len(mods))})", *mods)
        if self.min_confidence is not None:
            self._add("e.confidence >= ?", float(self.min_confidence))
        if self.min_mentions is not None:
            self._add("e.num_mentions >= ?", int(self.min_mentions))
        return (" AND ".join(self.conditions) or "TRUE"), list(self.params)


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


def events_sql(flt: EventFilter, with_text: bool = False, limit: int | None = None) -> tuple[str, list[Any]]:
    where, params = flt.where()
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    if with_text:
        # The sentence of the event's first report (the mention whose id is the event id).
        cols += ", " + ", ".join(f"m.{c}" for c in TEXT_COLUMNS[:-2]) + ", a.title, a.url"
        source = "events e LEFT JOIN mentions m ON m.id = e.id LEFT JOIN articles a ON a.id = m.article_id"
    else:
        source = "events e"
    sql = f"SELECT {cols} FROM {source} WHERE {where} ORDER BY e.date NULLS LAST, e.id"
    if limit is not None:
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
    modality: str | list[str] | None = "asserted",
    min_confidence: float | None = None,
    min_mentions: int | None = None,
    with_text: bool = False,
    limit: int | None = None,
    as_arrow: bool = False,
) -> list[dict[str, Any]] | pa.Table:
    """Events matching every filter given, oldest first, as dicts (or an Arrow table).

    ``actor`` matches either side by country, code prefix or name; ``country`` either
    side's country; ``dyad`` is ``SOURCE:TARGET`` (either part may be a country, a code
    prefix or a name, or empty), both orders when ``directed`` is False. ``modality``
    defaults to ``asserted``; ``"all"`` keeps denials, hypotheticals and the rest.
    """
    flt = EventFilter(
        actor=actor, country=country, dyad=dyad, directed=directed, plover_type=plover_type,
        quad_class=quad_class, cameo_prefix=cameo_prefix, since=since, until=until,
        location_country=location_country, modality=modality, min_confidence=min_confidence,
        min_mentions=min_mentions,
    )
    sql, params = events_sql(flt, with_text=with_text, limit=limit)
    store, owned = open_store(store_or_path)
    try:
        table = store.con.sql(sql, params=params).to_arrow_table()
    finally:
        if owned:
            store.close()
    return table if as_arrow else table.to_pylist()


__all__ = ["EventFilter", "select_events", "events_sql", "EVENT_COLUMNS", "StoreError"]
