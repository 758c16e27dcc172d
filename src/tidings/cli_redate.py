"""`tidings redate`: give stored articles a publication date and re-date their events.

Events take their dates from their own sentences, resolved against the
publication date ("on Wednesday"); an article stored without one has events
without dates. ``redate`` sets the date on the chosen articles (by default those
that have none) and re-codes them, so every event date is computed afresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .cli_code import Coder, _console, _valid_date


def register(app: typer.Typer) -> None:
    @app.command("redate")
    def redate(
        pub_date: str = typer.Option(..., "--pub-date", help="Publication date (YYYY-MM-DD) to give the articles."),
        db: str = typer.Option("tidings.duckdb", "--db", help="DuckDB file written by `tidings code`."),
        article: list[str] = typer.Option([], "--article", help="Only this article id (or id prefix); repeatable."),
        path: Optional[str] = typer.Option(None, "--path", help="Only articles whose source path contains this text."),
        all_articles: bool = typer.Option(False, "--all", help="Also articles that have a date (it is replaced)."),
        workers: int = typer.Option(1, "--workers", min=1, help="Worker processes, one model each."),
    ) -> None:
        """Set the publication date of stored articles (undated ones by default) and re-date their events."""
        from .nlp import ModelNotFound, model_name
        from .store import Store, StoreError, StoreLocked

        pub = _valid_date(pub_date)
        console = _console()
        if not Path(db).exists():
            console.print(f"[red]error:[/red] {db} does not exist: code articles into it first (tidings code)")
            raise typer.Exit(2)
        try:
            store = Store(db)
        except (StoreLocked, StoreError) as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(3 if isinstance(exc, StoreLocked) else 2)
        with store:
            chosen = [
                a for a in store.articles()
                if (all_articles or a.pub_date is None)
                and (not article or any(a.id.startswith(p) for p in article))
                and (path is None or path in (a.source_path or ""))
            ]
            if not chosen:
                console.print("no stored article matches: nothing to redate")
                return
            try:
                model = model_name()
            except ModelNotFound as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2)
            ids = [a.id for a in chosen]
            run_id = store.start_run({"command": "redate", "pub_date": pub, "articles": len(ids), "model": model})
            coder = Coder(store, run_id, workers=workers)
            status = "interrupted"
            try:
                store.set_pub_date(ids, pub)
                store.delete_outputs(ids)
                coder._seen = set()
                chosen_ids = set(ids)
                coder.run([a for a in store.articles() if a.id in chosen_ids])
                status = "completed"
            finally:
                store.end_run(run_id, dict(coder.counts), status=status)
            n = len(ids)
            console.print(f"{n} article{'s' if n != 1 else ''} dated {pub}, {coder.counts['events']} events re-dated")
