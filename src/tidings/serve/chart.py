"""The events view's time series: counts per week or month by quad class, as inline SVG.

The counts are :func:`tidings.plot.period_counts` (the numbers of ``tidings plot``); only
the drawing is here, as stacked bars, so the page needs no script and works offline.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..plot import QUAD_COLOURS, QUAD_LABELS

WIDTH, HEIGHT = 760, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 40
COLOUR_BY_LABEL = {QUAD_LABELS[q]: QUAD_COLOURS[q] for q in QUAD_LABELS} | {"unknown": "#cccccc"}


def _ticks(top: int) -> list[int]:
    step = max(1, -(-top // 4))
    return list(range(0, top + 1, step))


def series_svg(data: dict, by: str = "month") -> Markup:
    """Stacked bars of ``{"periods", "groups"}``; a sentence instead when nothing is dated."""
    periods, groups = data["periods"], data["groups"]
    if not periods:
        return Markup('<p class="empty">No dated events match these filters.</p>')
    totals = [sum(g[i] for g in groups.values()) for i in range(len(periods))]
    top = max(max(totals), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(periods)
    bar = min(36.0, max(1.0, slot * 0.8))
    y = lambda v: TOP + plot_h - v / top * plot_h  # noqa: E731
    out = [f'<svg class="series" viewBox="0 0 {WIDTH} {HEIGHT + 20}" width="{WIDTH}" role="img" '
           f'aria-label="events per {by} by quad class">']
    for t in _ticks(top):
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}" class="grid"/>'
                   f'<text x="{LEFT - 4}" y="{y(t) + 4:.1f}" text-anchor="end">{t}</text>')
    label_every = max(1, len(periods) // 8)
    for i, p in enumerate(periods):
        x = LEFT + i * slot + (slot - bar) / 2
        base = 0
        for label, counts in groups.items():
            n = counts[i]
            if not n:
                continue
            out.append(
                f'<rect x="{x:.1f}" y="{y(base + n):.1f}" width="{bar:.1f}" height="{y(base) - y(base + n):.1f}" '
                f'fill="{COLOUR_BY_LABEL.get(label, "#888")}"><title>{escape(str(p))}: {n} {escape(label)}</title></rect>'
            )
            base += n
        if i % label_every == 0:
            text = p.strftime("%Y-%m") if by == "month" else p.isoformat()
            out.append(f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 14}" text-anchor="middle">{text}</text>')
    lx = LEFT
    for label in groups:
        out.append(f'<rect x="{lx}" y="{HEIGHT}" width="10" height="10" fill="{COLOUR_BY_LABEL.get(label, "#888")}"/>'
                   f'<text x="{lx + 14}" y="{HEIGHT + 9}">{escape(label)}</text>')
        lx += 14 + 7 * len(label) + 16
    out.append("</svg>")
    return Markup("".join(out))
