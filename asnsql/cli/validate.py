"""`asnsql validate`: strict JSON and the association schemas over asnsql.validate_files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asnsql.cli.app import app, echo_err
from asnsql.toolbox.errors import InvalidAssociation


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Association files, or folders of them.")],
    level: Annotated[str, typer.Option("--level", help="Schema: auto (from asn_type/asn_rule), 2b or 3.")] = "auto",
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No warnings, no summary.")] = False,
) -> None:
    """Check association files: strict JSON, then the Level 2b / Level 3 schema.

    Prints every problem as FILE: JSON-PATH: what; exits 1 if any file is invalid.

    Example: asnsql validate out/
    """
    import asnsql
    from asnsql.errors import AsnsqlError

    if level not in ("auto", "2b", "3"):
        raise AsnsqlError(f"--level {level}: use auto, 2b or 3")
    reports = asnsql.validate_files(files, level=level)
    for report in reports:
        for problem in report.problems:
            typer.echo(str(problem))
        if not quiet:
            for warning in report.warnings:
                echo_err(f"warning: {warning}")
    invalid = [r for r in reports if not r.valid]
    if invalid:
        raise InvalidAssociation(f"{len(invalid)} of {len(reports)} file(s) invalid")
    if not quiet:
        echo_err(f"{len(reports)} file(s) valid")
