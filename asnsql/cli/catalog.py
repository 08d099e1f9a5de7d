"""`asnsql catalog add` / `asnsql catalog query`: many pools in one DuckDB file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asnsql.cli.app import DelimiterOpt, PoolFormatOpt, app
from asnsql.errors import AsnsqlError

catalog_app = typer.Typer(help="Keep many pools and their associations in one DuckDB file.")
app.add_typer(catalog_app, name="catalog")

CatalogArg = Annotated[Path, typer.Argument(help="Catalog file (DuckDB), created if missing.")]


@catalog_app.command("add")
def catalog_add(
    catalog: CatalogArg,
    pools: Annotated[list[Path], typer.Argument(help="Pool files to add (a pool of the same name is replaced).")],
    delimiter: DelimiterOpt = "|",
    pool_format: PoolFormatOpt = "ascii",
) -> None:
    """Add pools to a catalog.

    Example: asnsql catalog add archive.duckdb pools/*.csv
    """
    from asnsql.catalog import add_pools

    for summary in add_pools(catalog, pools, delimiter=delimiter, fmt=pool_format):
        typer.echo(f"added {summary.name} ({summary.n_rows} exposures) as pool {summary.pool_id}")


@catalog_app.command("query")
def catalog_query(
    catalog: Annotated[Path, typer.Argument(help="Catalog file (DuckDB).")],
    sql: Annotated[str, typer.Argument(help="SQL over pools, pool_rows, associations, products, members.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run SQL on a catalog: pools, pool_rows, associations, products, members.

    Example: asnsql catalog query archive.duckdb "select asn_type, count(*) from associations group by all"
    """
    from asnsql.catalog import query_catalog
    from asnsql.query import FORMATS, format_result

    if fmt not in FORMATS:
        raise AsnsqlError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    typer.echo(format_result(query_catalog(catalog, sql), fmt), nl=False)
