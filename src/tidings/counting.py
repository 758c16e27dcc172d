"""What "counted" means, in one place: asserted, and at or above the counting threshold."""

from __future__ import annotations


def threshold(rules: bool | None = None) -> float:
    """The shipped model's counting threshold (chosen on the development split), else the rules' 0.6.

    ``rules``: the pure rule coder (``--rules-only``); by default read from the environment."""
    from .events.decide import load_model, rules_only

    model = None if (rules_only() if rules is None else rules) else load_model()
    return model.count_threshold if model is not None else 0.6
