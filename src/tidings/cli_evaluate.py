"""`tidings evaluate GOLD.jsonl [--report OUT.md]`: score the event coder against gold lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command("evaluate")
    def evaluate_cmd(
        gold: Optional[list[Path]] = typer.Argument(None, help="Gold JSON Lines file(s): {id, text, events:[{plover?, cameo?, quad?, source?, target?}]}"),
        annotations: Optional[Path] = typer.Option(None, "--annotations", help="Score whole annotated articles instead (the project's annotations folder)."),
        split: list[str] = typer.Option(["test"], "--split", help="With --annotations: the split(s) to score (train, dev, test)."),
        batch: list[str] = typer.Option([], "--batch", help="With --annotations: only these draws (1 = sample.tsv, 2 = sample-2.tsv, ...)."),
        corpus: Path = typer.Option(Path("..") / "shared" / "corpus", "--corpus", help="With --annotations: folder of the annotated corpora."),
        rules_only: bool = typer.Option(False, "--rules-only", help="Score the pure rule coder, without the learned decision."),
        report: Optional[Path] = typer.Option(None, "--report", help="Write a markdown report (several gold files: one section each)."),
        verbs_petrarch: list[Path] = typer.Option([], "--verbs-petrarch", help="PETRARCH verb dictionary to load on top of ours."),
        verbs: list[Path] = typer.Option([], "--verbs", help="Extra verb table with the columns of data/events/verbs.tsv."),
        min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Events below this are not counted as types."),
        limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N lines of each file."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON instead of a table."),
        misses: int = typer.Option(60, "--misses", help="How many misses to list in the report."),
    ) -> None:
        """Precision/recall/F1 of PLOVER types, quad and CAMEO-root accuracy, actor countries, confusions, misses."""
        from rich.console import Console
        from rich.table import Table

        from . import evaluate as ev
        from .evaluate_markdown import report_markdown
        from .events import configure

        console = Console(stderr=True)
        if annotations is not None:
            from .cli_train import score_articles

            score_articles(annotations, corpus, split, rules_only, min_confidence, as_json, misses, batch)
            return
        if not gold:
            console.print("[red]error:[/red] give gold files, or --annotations DIR")
            raise typer.Exit(2)
        if rules_only:
            import os

            os.environ["TIDINGS_RULES_ONLY"] = "1"
        for p in [*gold, *verbs_petrarch, *verbs]:
            if not p.is_file():
                console.print(f"[red]error:[/red] no such file: {p}")
                raise typer.Exit(2)
        try:
            configure(verb_files=[str(p) for p in verbs], petrarch_verbs=[str(p) for p in verbs_petrarch])
            from .events.lexicon import lexicon

            lexicon()  # read the tables now so a bad table is reported as such
        except (ValueError, KeyError, UnicodeDecodeError) as exc:
            console.print(f"[red]error:[/red] could not read a verb table: {exc}")
            raise typer.Exit(2)

        kwargs = {} if min_confidence is None else {"min_confidence": min_confidence}
        reports = []
        for path in gold:
            try:
                rep = ev.evaluate(path, limit=limit, **kwargs)
            except ev.GoldFormatError as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2)
            reports.append(rep)

        summaries = {rep.name: ev.summary(rep) for rep in reports}
        if as_json:
            typer.echo(json.dumps(summaries, indent=2))
        else:
            out = Console()
            for name, s in summaries.items():
                table = Table(title=name)
                table.add_column("measure")
                table.add_column("value", justify="right")
                for k, v in s.items():
                    table.add_row(k, f"{v:.3f}" if isinstance(v, float) else str(v))
                out.print(table)
        for rep in reports:
            if rep.errors:
                console.print(f"[yellow]warning:[/yellow] {rep.name}: {len(rep.errors)} line(s) failed to code (listed in the report)")
        if ev.ACTOR_ERRORS:
            console.print(f"[yellow]warning:[/yellow] actor stage failed and was skipped: {dict(ev.ACTOR_ERRORS)}")
        if report is not None:
            text = "\n".join(report_markdown(rep, max_misses=misses) for rep in reports)
            try:
                report.write_text(text, encoding="utf-8")
            except OSError as exc:
                console.print(f"[red]error:[/red] cannot write {report}: {exc}")
                raise typer.Exit(2)
            console.print(f"report written to {report}")
