"""`asnsql make-pool`: asn_make_pool's options over asnsql.make_pool."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import app


@app.command("make-pool")
def make_pool(
    files: Annotated[list[Path], typer.Argument(help="FITS files, one pool row each, in order.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Pool file to write (|-delimited).")],
    asn_candidate: Annotated[
        Optional[str],
        typer.Option("--asn-candidate", help="More candidates for every row, e.g. \"[('c1000', 'background')]\"."),
    ] = None,
    dms_note: Annotated[str, typer.Option("--dms-note", help="dms_note of every row.")] = "",
    is_imprt: Annotated[str, typer.Option("--is-imprt", help="is_imprt of every row (t or f).")] = "f",
    pntgtype: Annotated[str, typer.Option("--pntgtype", help="pntgtype of every row.")] = "science",
    ext: Annotated[str, typer.Option("--ext", help="HDU whose header is read: index or EXTNAME.")] = "0",
) -> None:
    """Build a pool from FITS headers, as asn_make_pool does, ready for `asnsql generate`.

    Example: asnsql make-pool -o my_pool.csv data/jw*_uncal.fits
    """
    import asnsql

    hdu: int | str = int(ext) if ext.lstrip("-").isdigit() else ext
    pool = asnsql.make_pool(files, asn_candidate=asn_candidate, dms_note=dms_note,
                            is_imprt=is_imprt, pntgtype=pntgtype, ext=hdu)
    asnsql.write_pool(pool, output)
    typer.echo(f"wrote {output} ({len(pool)} rows, {len(pool.colnames)} columns)")
