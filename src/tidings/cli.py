"""The `tidings` command line.

Each area of the system registers its own sub-commands from a small
``cli_<area>.py`` module so that this file only wires them together.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Political event data from news pages: who did what to whom, when and where.",
)

# Modules that define ``register(app: typer.Typer) -> None``.
COMMAND_MODULES = (
    "tidings.cli_code",  # tidings code
    "tidings.cli_redate",  # tidings redate
    "tidings.cli_actors",  # tidings actor
    "tidings.cli_evaluate",  # tidings evaluate
    "tidings.cli_train",  # tidings train
    "tidings.cli_store",  # tidings events / export / plot / summary
    "tidings.cli_spark",  # tidings spark / import
    "tidings.cli_serve",  # tidings serve
)


def _version(value: bool) -> None:
    if value:
        from .provenance import version_text

        typer.echo(version_text())
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True,
        help="Print the coder version, the models and the hash of the built-in data tables.",
    ),
) -> None:
    """Political event data from news pages: who did what to whom, when and where."""


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as exc:
        if exc.name != _name:  # a real missing dependency inside the module
            raise
        continue
    _module.register(app)


def main() -> None:  # pragma: no cover - console entry point
    app()
