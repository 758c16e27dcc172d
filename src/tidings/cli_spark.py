"""`tidings spark` (the pipeline as a Spark job) and `tidings import` (a job's Parquet into DuckDB)."""

from __future__ import annotations

from typing import Optional

import typer


def _console():
    from rich.console import Console

    return Console(stderr=True)


def register(app: typer.Typer) -> None:
    @app.command("spark")
    def spark(
        paths: list[str] = typer.Argument(
            ..., metavar="INPUT... OUTPUT",
            help="Inputs (files, folders, globs, or URIs Spark reads: hdfs://, s3a://), then the output folder.",
        ),
        master: Optional[str] = typer.Option(
            None, "--master", help="Spark master URL; default local[2] unless spark-submit set one."
        ),
        pub_date: Optional[str] = typer.Option(
            None, "--pub-date", help="Publication date (YYYY-MM-DD) for records that carry none."
        ),
        partitions: Optional[int] = typer.Option(
            None, "--partitions", min=1, help="Partitions for the coding stage (default: one per 50 articles, 1-4 per core)."
        ),
        max_bytes: int = typer.Option(20_000_000, "--max-bytes", help="Files larger than this are rejected."),
        overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing OUTPUT folder."),
        actors: list[str] = typer.Option([], "--actors", help="Extra actor table (CSV); repeatable."),
        actors_petrarch: list[str] = typer.Option([], "--actors-petrarch", help="PETRARCH/Phoenix actor or agent dictionary; repeatable."),
        verbs_petrarch: list[str] = typer.Option([], "--verbs-petrarch", help="PETRARCH CAMEO verb dictionary; repeatable."),
    ) -> None:
        """Code news pages on Apache Spark and write Parquet tables partitioned by date."""
        from .spark import JobError, run_job

        console = _console()
        if len(paths) < 2:
            console.print("[red]error:[/red] give at least one INPUT and an OUTPUT folder")
            raise typer.Exit(2)
        *inputs, output = paths
        try:
            counts = run_job(
                inputs, output, master=master, pub_date=pub_date, partitions=partitions,
                max_bytes=max_bytes, overwrite=overwrite, actors=actors, actors_petrarch=actors_petrarch,
                verbs_petrarch=verbs_petrarch, log=lambda msg: console.print(msg),
            )
        except JobError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(exc.exit_code)
        console.print(
            f"{counts['articles']} articles ({counts['duplicates']} near-duplicates, "
            f"{counts['repeats']} repeated), {counts['events']} events from {counts['mentions']} mentions, "
            f"{counts['rejects']} rejected → {output}"
        )
        if counts["articles"] == 0:
            console.print("[red]error:[/red] nothing could be read")
            raise typer.Exit(1)

    @app.command("import")
    def import_(
        output: str = typer.Argument(..., help="Folder written by `tidings spark`."),
        db: str = typer.Option("tidings.duckdb", "--db", help="DuckDB file to load into."),
        replace: bool = typer.Option(False, "--replace", help="Empty the database's tables first."),
    ) -> None:
        """Load a `tidings spark` result (Parquet) into DuckDB for `tidings events` and friends."""
        from .spark import JobError, import_parquet

        console = _console()
        try:
            counts = import_parquet(output, db, replace=replace)
        except JobError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(exc.exit_code)
        console.print(", ".join(f"{n} {table}" for table, n in counts.items()) + f" imported into {db}")
