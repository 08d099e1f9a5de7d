"""`asnsql query`: ad-hoc SQL over a loaded pool."""

from __future__ import annotations

from typing import Annotated

import typer

from asnsql.cli.app import DelimiterOpt, PoolArg, PoolFormatOpt, app
from asnsql.errors import AsnsqlError


@app.command()
def query(
    pool: PoolArg,
    sql: Annotated[str, typer.Argument(help="SQL over tables pool, candidates and exposures.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    delimiter: DelimiterOpt = "|",
    pool_format: PoolFormatOpt = "ascii",
) -> None:
    """Run SQL on a pool: tables pool (raw lower-case text), candidates, exposures.

    Example: asnsql query pool.csv "select exp_type, count(*) from pool group by all"
    """
    from asnsql.pool import load_pool
    from asnsql.query import FORMATS, format_result
    from asnsql.query import query as run_query

    if fmt not in FORMATS:
        raise AsnsqlError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    loaded = load_pool(pool, delimiter=delimiter, fmt=pool_format)
    typer.echo(format_result(run_query(loaded, sql), fmt), nl=False)
