"""`asnsql explain`: why an exposure is (or is not) in an association, rule by rule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import DelimiterOpt, PoolArg, PoolFormatOpt, app
from asnsql.errors import AsnsqlError


@app.command()
def explain(
    pool: PoolArg,
    exposure: Annotated[
        Optional[list[str]], typer.Option("--exposure", "-e", help="FILENAME of an exposure (repeatable).")
    ] = None,
    orphans: Annotated[bool, typer.Option("--orphans", help="Every exposure that ended in no association.")] = False,
    rule: Annotated[Optional[str], typer.Option("--rule", help="Only this rule, e.g. Asn_Lv3Image.")] = None,
    rules: Annotated[
        Optional[list[Path]], typer.Option("-r", "--rules", help="Extra rule template or folder.")
    ] = None,
    all_candidates: Annotated[bool, typer.Option("--all-candidates", help="Explain without discovery.")] = False,
    delimiter: DelimiterOpt = "|",
    pool_format: PoolFormatOpt = "ascii",
) -> None:
    """For an exposure, every rule it was tested against: the association it joined and what
    became of it, or the named condition that excluded it, with the exposure's values.

    Example: asnsql explain examples/example_pool.csv --exposure jw01500001001_02101_00001_nrca1_uncal.fits --rule Asn_Lv3Image
    """
    from asnsql.engine import GenerateOptions
    from asnsql.explain import explain as run_explain
    from asnsql.explain import format_report
    from asnsql.pool import load_pool

    if bool(exposure) == orphans:
        raise AsnsqlError("explain needs exactly one of --exposure FILENAME or --orphans")
    loaded = load_pool(pool, delimiter=delimiter, fmt=pool_format)
    options = GenerateOptions(mode="all-candidates" if all_candidates else "default",
                              rule_paths=tuple(rules or ()))
    reports = run_explain(loaded, filenames=exposure or (), orphans=orphans, rule=rule, options=options)
    if orphans and not reports:
        typer.echo("every exposure is in at least one association")
        return
    typer.echo(format_report(reports), nl=False)
