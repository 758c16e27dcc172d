"""What tidings counts: the one definition every query, export, plot and summary uses.

An event (or a mention) is *counted* when its modality is ``asserted`` and its confidence is
at least :func:`threshold`. Everything else -- denials, hypotheticals, plans, background
clauses the coder is unsure of -- stays in the store and is shown on request (``--all``,
``--modality``, ``--min-confidence``), but never enters a default count, because a researcher
who counts events from a table must not have to know which rows to drop first.

The threshold belongs to the coder that wrote the confidences: when the shipped event model
(``data/models/event_model.json``, :mod:`tidings.events.decide`) says which ``count_threshold`` it
was chosen for, that is the threshold; without a model it is :data:`DEFAULT_THRESHOLD`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COUNTED_MODALITY = "asserted"
DEFAULT_THRESHOLD = 0.6
MODALITIES = ("asserted", "negated", "hypothetical", "future", "reported_denial")


def threshold(rules: bool | None = None) -> float:
    """The shipped model's counting threshold (chosen on the development split), else the rules' 0.6.

    With ``--rules-only`` (``TIDINGS_RULES_ONLY``, or ``rules=True``) the confidences are the rules'
    own, so is the threshold.
    """
    from .events.decide import load_model, rules_only

    model = None if (rules_only() if rules is None else rules) else load_model()
    return model.count_threshold if model is not None else DEFAULT_THRESHOLD


def is_counted(modality: str | None, confidence: float | None, min_confidence: float | None = None) -> bool:
    """True for an asserted event at or above the threshold (or ``min_confidence`` when given)."""
    floor = threshold() if min_confidence is None else min_confidence
    return (modality or COUNTED_MODALITY) == COUNTED_MODALITY and (confidence or 0.0) >= floor


@dataclass(frozen=True)
class Counting:
    """Which events a reader sees: a modality list (None = every) and a confidence floor (None = none)."""

    modalities: tuple[str, ...] | None = (COUNTED_MODALITY,)
    min_confidence: float | None = None

    def sql(self, alias: str = "") -> tuple[str, list[Any]]:
        """A SQL condition (with ``?`` parameters) over a table with ``modality`` and ``confidence``."""
        col = f"{alias}." if alias else ""
        conds, params = [], []
        if self.modalities is not None:
            conds.append(f"{col}modality IN ({', '.join('?' * len(self.modalities))})")
            params.extend(self.modalities)
        if self.min_confidence is not None:
            conds.append(f"{col}confidence >= ?")
            params.append(float(self.min_confidence))
        return (" AND ".join(conds) or "TRUE"), params

    def describe(self) -> dict[str, Any]:
        """For export metadata: what was kept, in words a reader of the file can check."""
        counted = self.modalities == (COUNTED_MODALITY,) and self.min_confidence == threshold()
        return {
            "counted_only": counted,
            "modality": list(self.modalities) if self.modalities is not None else "all",
            "min_confidence": self.min_confidence,
            "count_threshold": threshold(),
        }


def counting(
    all_events: bool = False, modality: str | list[str] | None = None, min_confidence: float | None = None
) -> Counting:
    """The rows to show, from the command-line options.

    By default the counted events. ``all_events`` drops both conditions; ``modality`` (a name, a
    comma-separated list, or ``all``) replaces the modality condition, and ``min_confidence``
    the threshold, so either can be widened or narrowed on its own.
    """
    mods: tuple[str, ...] | None
    if modality is None or modality == "" or modality == []:
        mods = None if all_events else (COUNTED_MODALITY,)
    else:
        items = modality if isinstance(modality, (list, tuple)) else str(modality).split(",")
        names = [m.strip().lower() for m in items if m and m.strip()]
        bad = [m for m in names if m not in MODALITIES and m != "all"]
        if bad:
            raise ValueError(f"unknown modality {', '.join(bad)}; choose from {', '.join(MODALITIES)} or all")
        mods = None if "all" in names or not names else tuple(dict.fromkeys(names))
    if min_confidence is not None:
        floor: float | None = float(min_confidence)
        if not 0.0 <= floor <= 1.0:
            raise ValueError(f"--min-confidence is between 0 and 1, not {min_confidence}")
    else:
        floor = None if all_events else threshold()
    return Counting(mods, floor)


__all__ = ["threshold", "is_counted", "counting", "Counting", "COUNTED_MODALITY", "DEFAULT_THRESHOLD", "MODALITIES"]
