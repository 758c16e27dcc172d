"""The ASGI application of ``tidings serve`` and the function that runs it on uvicorn.

The server opens the DuckDB file for writing once and keeps it for its whole life
(DuckDB allows one writing process), serialising requests on one lock; it leaves a
holder note beside the file so a ``tidings code`` started meanwhile is told that the
server holds it. It has no login, so it binds to the loopback unless told otherwise.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..store import Store

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Database:
    """The one store connection, used by one request at a time (a DuckDB connection is not thread-safe)."""

    def __init__(self, path: str):
        self.path = path
        self.store = Store(path)
        from ..corrections import ensure_table

        ensure_table(self.store.con)
        self.lock = threading.Lock()

    @contextmanager
    def use(self):
        with self.lock:
            yield self.store

    def close(self) -> None:
        self.store.close()


def _package_dir(name: str) -> str:
    return str(resources.files("tidings.serve").joinpath(name))


def create_app(db_path: str | Path, who: str = "", url: str | None = None) -> FastAPI:
    """The application for one database file; ``who`` is the default name on corrections.

    With ``url`` (the address it is served at) it leaves a holder note beside the file while it runs.
    """
    from ..holder import remove_note, write_note

    db = Database(str(db_path))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if url:
            write_note(db_path, command="tidings serve", url=url)
        try:
            yield
        finally:
            # Here, not after uvicorn.run: uvicorn re-raises SIGTERM once it has shut down.
            if url:
                remove_note(db_path)
            db.close()

    app = FastAPI(title="tidings", lifespan=lifespan, docs_url="/api/docs", redoc_url=None)
    app.state.db = db
    app.state.who = who
    app.state.templates = Jinja2Templates(directory=_package_dir("templates"))
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    from . import api, edits, pages

    app.include_router(pages.router)
    app.include_router(edits.router)
    app.include_router(api.router)
    return app


def run(db_path: str, host: str = "127.0.0.1", port: int = 8765, who: str = "") -> None:
    """Serve until interrupted, with a holder note beside the database file meanwhile."""
    import uvicorn

    from ..holder import remove_note

    shown = f"[{host}]" if ":" in host else host
    app = create_app(db_path, who=who, url=f"http://{shown}:{port}/")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        remove_note(db_path)
