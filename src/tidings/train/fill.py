"""How likely a mention must be before the argument model fills a side the rules left empty.

Chosen like the counting threshold, on the pooled out-of-fold articles (:mod:`.folds`): each
threshold of the grid is put in the decision model and every article re-decided by
:func:`tidings.events.decide.decide` itself (the source is filled first, the target then excludes
the source's mention and is scored with the new source, exactly as the coder does it); the
threshold with the best article triple F1 wins, a tie going to the higher (more cautious) one.
"""

from __future__ import annotations

FILL_GRID = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)
FILL_OFF = 1.01  # a probability never reaches it


def sweep(pool, count_threshold: float, grid=(*FILL_GRID, FILL_OFF)) -> tuple[float, list[dict]]:
    """The best fill threshold of ``grid`` on ``pool`` (a :class:`.folds.Pool`) and each one's figures."""
    from .folds import figures, row

    rows = [row(figures(pool.coded(fill=t), count_threshold), fill=t) for t in grid]
    best = max(rows, key=lambda r: (r["triple_f1"], r["fill"]))
    return best["fill"], rows
