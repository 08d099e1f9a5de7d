"""`asnsql edit`: asn_edit's options over asnsql.edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import app, echo_err
from asnsql.errors import AsnsqlError


@app.command()
def edit(
    association: Annotated[Path, typer.Argument(help="Association file (.json).")],
    files: Annotated[list[str], typer.Argument(help="Files to add or remove.")],
    add: Annotated[bool, typer.Option("-a", "--add", help="Add FILES to every product.")] = False,
    remove: Annotated[bool, typer.Option("-r", "--remove", help="Remove the members named FILES.")] = False,
    exptype: Annotated[str, typer.Option("-t", "--type", help="exptype of added members.")] = "science",
    ignore_suffix: Annotated[
        bool, typer.Option("-i", "--ignore-suffix", "--ignore", help="Match removals without extension and suffix.")
    ] = False,
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", help="Write here instead of replacing ASN (.json).")
    ] = None,
) -> None:
    """Add files to, or remove files from, an association, as asn_edit does.

    Example: asnsql edit jw01500-o001_image3_00001_asn.json --remove jw01500001001_02101_00001_nrca1_cal.fits
    """
    import asnsql
    from asnsql.toolbox.edit import read_asn, write_asn
    from asnsql.toolbox.validate import check

    if add == remove:
        raise AsnsqlError("use just one of --add or --remove")
    result = asnsql.edit(read_asn(association), add=files if add else (), remove=files if remove else (),
                         exptype=exptype, ignore_suffix=ignore_suffix)
    if result.not_found:
        echo_err(f"warning: not in {association}, left as is: {', '.join(result.not_found)}")
    target = output or association
    check(result.association, str(target))
    write_asn(result.association, target)
    members = sum(len(p["members"]) for p in result.association["products"])
    typer.echo(f"wrote {target} ({len(result.association['products'])} product(s), {members} member(s))")
