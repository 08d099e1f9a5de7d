"""The Typer application objects and option aliases shared by the commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="asnsql",
    help="The JWST association generator rebuilt as SQL.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List the association rules, or show one as SQL.")
app.add_typer(rules_app, name="rules")

TIMESTAMP = "__timestamp__"
"""What a bare `--version-id` stands for (a UTC timestamp, made when the run starts)."""
DEFAULT_ORPHANS_FILE = "orphaned.csv"
"""What a bare `--save-orphans` writes."""

PoolArg = Annotated[Path, typer.Argument(help="Pool file (|-delimited ASCII unless --pool-format).")]
DelimiterOpt = Annotated[str, typer.Option("-d", "--delimiter", help="Pool column delimiter.")]
PoolFormatOpt = Annotated[
    str, typer.Option("--pool-format", help="astropy table format of the pool (ascii, ecsv, fits, ...).")
]


def echo_err(message: str) -> None:
    """A message (not data) on stderr, prefixed with the program name."""
    typer.echo(f"asnsql: {message}", err=True)
