"""`tidings train`: rebuild the decision model; article-level scoring for `tidings evaluate --annotations`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

REPO_ANN = Path("annotations")
SHARED = Path("..") / "shared"


def _need_dir(p: Path, what: str) -> None:
    if not p.is_dir():
        typer.echo(f"error: {what} folder not found: {p}", err=True)
        raise typer.Exit(2)


def score_articles(annotations: Path, corpus: Path, splits: list[str], rules_only: bool,
                   min_confidence: Optional[float], as_json: bool, misses: int,
                   batches: Optional[list[str]] = None) -> None:
    from rich.console import Console
    from rich.table import Table

    from .evaluate_articles import evaluate_articles, misses_report

    _need_dir(annotations, "annotations")
    _need_dir(corpus, "corpus")
    figures, scores = evaluate_articles(annotations, corpus, tuple(splits), threshold=min_confidence,
                                        rules_only=rules_only, batches=tuple(batches) if batches else None)
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
    else:
        table = Table(title=f"annotated articles, split {figures['splits']}, draw {figures['batches']} ({figures['coder']})")
        table.add_column("measure")
        table.add_column("value", justify="right")
        for k, v in figures.items():
            table.add_row(k, f"{v:.3f}" if isinstance(v, float) else str(v))
        Console().print(table)
    if misses and "test" not in splits:  # the test split is only scored, never read for errors
        for line in misses_report(scores, misses):
            typer.echo(line)


def register(app: typer.Typer) -> None:
    @app.command("train")
    def train_cmd(
        annotations: Path = typer.Option(REPO_ANN, "--annotations", help="The annotations folder (sample.tsv, coded/)."),
        corpus: Path = typer.Option(SHARED / "corpus", "--corpus", help="Folder holding the annotated corpora."),
        gold: Optional[Path] = typer.Option(SHARED / "gold", "--gold", help="Development gold folder (sentence sets); --no-gold to leave out."),
        no_gold: bool = typer.Option(False, "--no-gold", help="Train on the annotations alone."),
        out: Optional[Path] = typer.Option(None, "--out", help="Where to write the model (default: the package's own)."),
        cache: Optional[Path] = typer.Option(None, "--cache", help="Keep parses in this folder between runs (same texts, same model)."),
    ) -> None:
        """Rebuilds the decision model (deterministically) from the annotations and the development gold."""
        from .events.decide import MODEL_FILE, model_path
        from .train import train

        _need_dir(annotations, "annotations")
        _need_dir(corpus, "corpus")
        target = out or model_path() or Path(__file__).parent / "data" / "models" / MODEL_FILE
        gdir = None if no_gold or gold is None or not gold.is_dir() else gold
        try:
            import sklearn  # noqa: F401
        except ImportError:
            typer.echo("error: training needs scikit-learn (pip install 'tidings[dev]')", err=True)
            raise typer.Exit(2)
        if cache is not None:
            from .train import dataset

            dataset.CACHE_DIR = cache
        model = train(annotations, corpus, gdir, target, log=lambda m: typer.echo(m, err=True))
        rep = model["report"]
        typer.echo(json.dumps({k: v for k, v in rep.items() if not isinstance(v, list)}, indent=2))
        typer.echo(f"model written to {target} (counting threshold {model['count_threshold']}, "
                   f"fill threshold {model['fill_threshold']})")
