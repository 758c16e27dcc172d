"""Plots of event counts over time for a dyad or a country (matplotlib, Agg backend, PNG/SVG/PDF).

A period without events is a gap: zero-height bars, and a break in the Goldstein line
rather than a line drawn across it. A plot with nothing to show is not drawn at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .query import EventFilter
from .store import Store, open_store

QUAD_LABELS = {
    0: "neutral",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
QUAD_COLOURS = {0: "#9e9e9e", 1: "#74add1", 2: "#313695", 3: "#f46d43", 4: "#a50026"}
PLOT_SUFFIXES = (".png", ".svg", ".pdf")


class NothingToPlot(ValueError):
    """No dated event matches: an empty axis would look like a finding."""


def period_counts(
    store_or_path: Store | str,
    dyad: str | None = None,
    country: str | None = None,
    directed: bool = True,
    by: str = "month",
    split: str = "quad",
    modality: str | None = None,
    min_confidence: float | None = None,
    all_events: bool = False,
    flt: EventFilter | None = None,
    raw: bool = False,
) -> dict[str, Any]:
    """Counts per period and group, and the mean Goldstein score per period.

    ``flt`` (every filter of ``tidings events``) replaces dyad/country/modality when given;
    users' corrections are applied unless ``raw``.

    Returns ``{"periods": [date...], "groups": {label: [count per period]}, "goldstein": [mean or None]}``.
    """
    if by not in ("week", "month"):
        raise ValueError("--by is week or month")
    if split not in ("quad", "type"):
        raise ValueError("--split is quad or type")
    from .corrections import events_source

    flt = flt or EventFilter(dyad=dyad, country=country, directed=directed, modality=modality,
                             min_confidence=min_confidence, all_events=all_events)
    where, params = flt.where()
    group = "CAST(e.quad_class AS VARCHAR)" if split == "quad" else "e.plover_type"
    store, owned = open_store(store_or_path)
    try:
        sql = (
            f"SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS period, {group} AS grp, count(*) AS n, "
            "sum(e.goldstein) AS gsum, count(e.goldstein) AS gn "
            f"FROM {events_source(store.con, raw) or 'events'} e WHERE e.date IS NOT NULL AND {where} "
            "GROUP BY 1, 2 ORDER BY 1, 2"
        )
        rows = store.con.execute(sql, params).fetchall()
        undated = store.con.execute(f"SELECT count(*) FROM events e WHERE e.date IS NULL AND {where}", params).fetchall()[0][0]
    finally:
        if owned:
            store.close()
    periods = _all_periods(sorted({r[0] for r in rows}), by)  # every period, so an empty one shows as a gap
    index = {p: i for i, p in enumerate(periods)}
    groups: dict[str, list[int]] = {}
    gsum = [0.0] * len(periods)
    gn = [0] * len(periods)
    for period, grp, n, s, k in rows:
        label = grp if split == "type" else QUAD_LABELS.get(int(grp), str(grp)) if grp is not None else "unknown"
        label = label or "unknown"
        groups.setdefault(label, [0] * len(periods))[index[period]] += n
        gsum[index[period]] += s or 0.0
        gn[index[period]] += k
    goldstein = [gsum[i] / gn[i] if gn[i] else None for i in range(len(periods))]
    if split == "quad":  # the conventional order, cooperation to conflict
        order = [QUAD_LABELS[q] for q in sorted(QUAD_LABELS)] + ["unknown"]
        groups = {k: groups[k] for k in order if k in groups}
    return {"periods": periods, "groups": groups, "goldstein": goldstein, "undated": undated}


def goldstein_line(means: list[float | None]) -> list[float]:
    """The y values of the Goldstein line: NaN where a period has no score, which matplotlib
    draws as a break -- a month without events is no evidence of a change of tone."""
    return [float("nan") if g is None else float(g) for g in means]


def _all_periods(found: list, by: str) -> list:
    if not found:
        return []
    import datetime as dt

    first, last = found[0], found[-1]
    out, p = [], first
    while p <= last:
        out.append(p)
        if by == "week":
            p = p + dt.timedelta(days=7)
        else:
            p = p.replace(year=p.year + (p.month == 12), month=p.month % 12 + 1)
    return out


def plot_events(
    store_or_path: Store | str,
    out: str | Path,
    dyad: str | None = None,
    country: str | None = None,
    directed: bool = True,
    by: str = "month",
    split: str = "quad",
    goldstein: bool = True,
    modality: str | None = None,
    min_confidence: float | None = None,
    all_events: bool = False,
) -> dict[str, Any]:
    """Draw stacked counts per period (and, with ``goldstein``, a panel of the mean Goldstein score)."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and in CI
    import matplotlib.pyplot as plt

    out = Path(out)
    if out.suffix.lower() not in PLOT_SUFFIXES:
        raise ValueError(f"the plot file must end in .png, .svg or .pdf, not {out.name!r}")
    if not dyad and not country:
        raise ValueError("give --dyad SOURCE:TARGET or --country ISO")
    data = period_counts(store_or_path, dyad=dyad, country=country, directed=directed, by=by, split=split,
                         modality=modality, min_confidence=min_confidence, all_events=all_events)
    periods, groups = data["periods"], data["groups"]
    what = f"{dyad} ({'directed' if directed else 'both directions'})" if dyad else country
    if not groups:
        shown = "events" if all_events else "counted events"
        hint = f"; {data['undated']} match but have no date" if data["undated"] else (
            "" if all_events else "; --all shows events that are not counted")
        raise NothingToPlot(f"nothing to plot: no dated {shown} match {'--dyad' if dyad else '--country'} {what}{hint}")
    rows = 2 if goldstein else 1
    fig, axes = plt.subplots(rows, 1, figsize=(9, 3.2 * rows + 0.6), sharex=True, squeeze=False)
    ax = axes[0][0]
    width = 5 if by == "week" else 20
    bottom = [0] * len(periods)
    for i, (label, counts) in enumerate(groups.items()):
        colour = None
        if split == "quad":
            colour = next((QUAD_COLOURS[q] for q, name in QUAD_LABELS.items() if name == label), None)
        ax.bar(periods, counts, width=width, bottom=bottom, label=label, color=colour, align="edge")
        bottom = [b + c for b, c in zip(bottom, counts)]
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(f"events per {by}")
    ax.set_title(f"Events: {what}")
    ax.legend(fontsize="small", loc="upper left")
    if goldstein:
        gx = axes[1][0]
        gx.plot(periods, goldstein_line(data["goldstein"]), marker="o", color="black")
        gx.axhline(0, color="grey", linewidth=0.8)
        gx.set_ylim(-10.5, 10.5)
        gx.set_ylabel("mean Goldstein")
    fig.autofmt_xdate()
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return data
