"""``tidings serve``: audit and correct events in a browser (see docs/serve.md)."""

from .app import create_app, run

__all__ = ["create_app", "run"]
