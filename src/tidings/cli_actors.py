"""`tidings actor TEXT...`: code stand-alone actor strings, one line each."""

from __future__ import annotations

import json
from typing import List, Optional

import typer

FIELDS = ("text", "country", "sector", "code", "name", "role", "kind")


def actor_command(
    texts: List[str] = typer.Argument(..., help="Actor strings, e.g. \"Israeli occupation forces\"."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per string."),
    actors: Optional[List[str]] = typer.Option(
        None, "--actors", help="Extra actor table: CSV/TSV with columns text,country,sector,name,kind,role,code, "
        "or a people table (name, aliases, country, sector, role, start, end, org)."
    ),
    date: Optional[str] = typer.Option(
        None, "--date", help="Code known people by the office they held on this date (YYYY-MM-DD); "
        "without it, their latest office."
    ),
    actors_petrarch: Optional[List[str]] = typer.Option(
        None, "--actors-petrarch", help="PETRARCH/Phoenix actor or agent dictionary (file or folder)."
    ),
) -> None:
    """Resolve each TEXT as a stand-alone actor mention: country, sector and CAMEO-style code."""
    from .actors import configure, resolve_text
    from .actors.people import as_day

    if date is not None and as_day(date) is None:
        typer.echo(f"error: --date {date!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2)
    if actors or actors_petrarch:
        try:
            configure(actor_files=actors or [], petrarch_paths=actors_petrarch or [])
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            typer.echo(f"error: could not load actor tables: {exc}", err=True)
            raise typer.Exit(2)
    for text in texts:
        try:
            m = resolve_text(text, when=date)
        except Exception as exc:  # one bad string must not stop the others
            m = None
            typer.echo(f"warning: {text!r}: {type(exc).__name__}: {exc}", err=True)
        row = {"text": text}
        for f in FIELDS[1:]:
            row[f] = getattr(m, f) if m is not None else None
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            shown = " ".join(f"{f}={row[f] if row[f] is not None else '-'}" for f in FIELDS[1:])
            typer.echo(f"{text}\t{shown}")


def register(app: typer.Typer) -> None:
    app.command("actor")(actor_command)
