"""`asnsql gather`: asn_gather's options over asnsql.gather."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import app


@app.command()
def gather(
    association: Annotated[Path, typer.Argument(help="Association file.")],
    destination: Annotated[Path, typer.Argument(help="Folder to copy the members and association into.")],
    include_types: Annotated[
        Optional[list[str]],
        typer.Option("-t", "--include-type", "--exp-types", help="Only members of this exptype (repeatable)."),
    ] = None,
    exclude_types: Annotated[
        Optional[list[str]],
        typer.Option("-x", "--exclude-type", "--exclude-types", help="Never members of this exptype (repeatable)."),
    ] = None,
    source: Annotated[
        Optional[Path], typer.Option("-s", "--source", help="Where the members are (default: the association's folder).")
    ] = None,
) -> None:
    """Copy an association's member files, and the association, into DEST, as asn_gather does.

    Example: asnsql gather out/jw01500-o001_image3_00001_asn.json work/ -t science
    """
    import asnsql

    result = asnsql.gather(association, destination, include_types=include_types,
                           exclude_types=tuple(exclude_types or ()), source_folder=source)
    typer.echo(f"copied {len(result.members)} member file(s) and {result.association.name} to {destination}")
