"""Kept for callers of ``tidings.place``: the code lives in :mod:`tidings.places`."""

from .places import *  # noqa: F401,F403
from .places import __all__  # noqa: F401
