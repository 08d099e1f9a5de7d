"""`asnsql diff`: a readable comparison of two associations or folders, over asnsql.diff."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import app


@app.command()
def diff(
    left: Annotated[Path, typer.Argument(help="Association file, or folder of them.")],
    right: Annotated[Path, typer.Argument(help="Association file, or folder of them.")],
    ignore_key: Annotated[
        Optional[list[str]], typer.Option("--ignore-key", help="Association key not to compare (repeatable).")
    ] = None,
    ignore_suffix: Annotated[
        bool, typer.Option("--ignore-suffix", help="Match members by name without extension and suffix.")
    ] = False,
    ignore_order: Annotated[bool, typer.Option("--ignore-order", help="Do not report member order.")] = False,
    show_same: Annotated[bool, typer.Option("--show-same", help="Also list the products that match.")] = False,
) -> None:
    """Compare two associations, or folders of them: products only left, only right, or differing.

    Exits 0 when they match, 1 when they differ (as diff does).

    Example: asnsql diff out/ expected/
    """
    import asnsql
    from asnsql.toolbox.diff import format_diff

    result = asnsql.diff(left, right, ignore_keys=tuple(ignore_key or ()),
                         ignore_suffix=ignore_suffix, ignore_order=ignore_order)
    typer.echo(format_diff(result, show_same=show_same))
    if not result.identical:
        raise typer.Exit(1)
