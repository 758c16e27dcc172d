"""What "counted" means, in one place: asserted, and at or above the counting threshold."""

from __future__ import annotations


def threshold() -> float:
    """The shipped model's counting threshold (chosen on the development split), else the rules' 0.6."""
    from .events.decide import load_model, rules_only

    model = None if rules_only() else load_model()
    return model.count_threshold if model is not None else 0.6
