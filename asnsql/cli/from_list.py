"""`asnsql from-list`: asn_from_list's options over asnsql.from_list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import app
from asnsql.errors import AsnsqlError


@app.command("from-list")
def from_list(
    files: Annotated[list[str], typer.Argument(help="Member files, in order (names are used as given).")],
    output_file: Annotated[Path, typer.Option("-o", "--output-file", help="Association file to write (.json).")],
    product_name: Annotated[
        Optional[str], typer.Option("--product-name", help="Product name (Level 3; required there).")
    ] = None,
    rule: Annotated[
        str, typer.Option("-r", "--rule", help="DMS_Level3_Base, DMSLevel2bBase, or a Level 2 / Level 3 rule name.")
    ] = "DMS_Level3_Base",
    acid: Annotated[str, typer.Option("-i", "--id", help="Level 2 candidate id: o... or c....")] = "o999",
    exptype: Annotated[str, typer.Option("--exptype", help="exptype of every member.")] = "science",
    fmt: Annotated[str, typer.Option("-f", "--format", help="Output format (json only).")] = "json",
) -> None:
    """Build an association from a list of files, as asn_from_list does.

    Level 3: one product, every file a member. Level 2 (-r DMSLevel2bBase):
    one product per file, named after it without extension and suffix.

    Example: asnsql from-list -o mosaic_asn.json --product-name my_mosaic jw01_nrca1_cal.fits jw01_nrca2_cal.fits
    """
    import asnsql
    from asnsql.toolbox.edit import write_asn
    from asnsql.toolbox.validate import check

    if fmt != "json":
        raise AsnsqlError(f"-f {fmt}: only json associations are written")
    association = asnsql.from_list(files, rule=rule, product_name=product_name, acid=acid, exptype=exptype)
    check(association, str(output_file))
    write_asn(association, output_file)
    products = association["products"]
    typer.echo(f"wrote {output_file} ({association['asn_rule']}: {len(products)} product(s), "
               f"{sum(len(p['members']) for p in products)} member(s))")
