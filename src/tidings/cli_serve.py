"""`tidings serve`: the events, their words and users' corrections in a browser."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_cmd(
        db: str = typer.Option("tidings.duckdb", "--db", help="DuckDB file written by `tidings code`."),
        port: int = typer.Option(8765, "--port", help="TCP port."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; other than the loopback only on purpose."),
        who: str = typer.Option("", "--who", help="Name put on corrections (default: your login name)."),
    ) -> None:
        """Browse events with the sentences they came from, correct them, and export the corrections as gold."""
        from rich.console import Console

        from .store import StoreError

        err = Console(stderr=True)
        try:
            from .serve.app import LOOPBACK, run
        except ModuleNotFoundError as exc:  # an install without the web dependencies
            err.print(f"[red]error:[/red] tidings serve needs {exc.name}: pip install fastapi uvicorn jinja2 python-multipart")
            raise typer.Exit(2)
        if not Path(db).exists():
            err.print(f"[red]error:[/red] no database at {db}: run `tidings code PATH... --db {db}` first")
            raise typer.Exit(2)
        if host not in LOOPBACK:
            err.print(
                f"[yellow]warning:[/yellow] binding to {host}: tidings serve has no login, so anyone who can reach "
                f"this address can read and correct {db}."
            )
        try:
            who = who or getpass.getuser()
        except (KeyError, OSError):
            who = ""
        shown = f"[{host}]" if ":" in host else host
        err.print(f"serving {db} at http://{shown}:{port}/ (Ctrl-C stops)")
        try:
            run(db, host=host, port=port, who=who)
        except StoreError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(3)
        except OSError as exc:
            err.print(f"[red]error:[/red] cannot serve on {host}:{port}: {exc}")
            raise typer.Exit(2)
        except SystemExit as exc:  # uvicorn exits when it cannot listen, after logging why
            if exc.code in (0, None):
                raise
            err.print(f"[red]error:[/red] cannot listen on {host}:{port} (the line above says why); "
                      "is another server on that port? Try --port with another number.")
            raise typer.Exit(2)
