"""How a word hangs off an event's trigger in the parse: the one climb places and dates share."""

from __future__ import annotations

from collections.abc import Callable

CROSS, STOP = "cross", "stop"


def attachment(token, trigger, passing: Callable[[object], str | None]) -> int:
    """2: inside the trigger's own clause; 1: under the trigger across a clause boundary; 0: elsewhere.

    Climbs from ``token`` through its heads; ``passing(head)`` says what going through that head
    means: ``CROSS`` a clause boundary, ``STOP`` (a clause about something else), or nothing."""
    current, crossed = token, False
    for _ in range(64):  # a parse is a tree; the bound only guards against a malformed one
        if current == trigger:
            return 1 if crossed else 2
        if current.head == current:
            return 0
        step = passing(current)
        if step == STOP:
            return 0
        if step == CROSS:
            crossed = True
        current = current.head
    return 0
