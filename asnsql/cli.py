"""The `asnsql` command line: a thin Typer layer over the library API.

Every command opens its input, calls one library function and renders the
result. Errors from bad input print one line (``asnsql: error: ...``) on
stderr and exit with status 2; data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.errors import AsnsqlError

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
DEFAULT_ORPHANS_FILE = "orphaned.csv"
OPTIONAL_VALUE_OPTIONS = {"--version-id": TIMESTAMP, "--save-orphans": DEFAULT_ORPHANS_FILE}

PoolArg = Annotated[Path, typer.Argument(help="Pool file (|-delimited ASCII unless --pool-format).")]
DelimiterOpt = Annotated[str, typer.Option("-d", "--delimiter", help="Pool column delimiter.")]
PoolFormatOpt = Annotated[
    str, typer.Option("--pool-format", help="astropy table format of the pool (ascii, ecsv, fits, ...).")
]


def _err(message: str) -> None:
    typer.echo(f"asnsql: {message}", err=True)


@app.command()
def generate(
    pool: PoolArg,
    path: Annotated[Path, typer.Option("-p", "--path", help="Folder to write associations into.")] = Path("."),
    ids: Annotated[
        Optional[list[str]],
        typer.Option("-i", "--ids", help="Only these candidate ids (repeat -i, or comma-separate)."),
    ] = None,
    discover: Annotated[bool, typer.Option("--discover", help="Only discovered (a3001) associations.")] = False,
    all_candidates: Annotated[
        bool, typer.Option("--all-candidates", help="Only candidate associations, no discovery.")
    ] = False,
    version_id: Annotated[
        Optional[str],
        typer.Option("--version-id", help="Version id in file names; bare flag = UTC timestamp."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Generate but write nothing.")] = False,
    rules: Annotated[
        Optional[list[Path]],
        typer.Option("-r", "--rules", help="Extra rule template (.sql) or folder of them; repeatable."),
    ] = None,
    ignore_default: Annotated[bool, typer.Option("--ignore-default", help="Do not use the shipped rules.")] = False,
    delimiter: DelimiterOpt = "|",
    pool_format: PoolFormatOpt = "ascii",
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Report each association written.")] = False,
    dms: Annotated[bool, typer.Option("--DMS", help="DMS behaviour for -i (background candidates).")] = False,
    no_finalize: Annotated[bool, typer.Option("--no-finalize", help="Skip validity checks and pruning.")] = False,
    merge: Annotated[bool, typer.Option("--merge", help="Merge Level 2 associations per type and id.")] = False,
    save_orphans: Annotated[
        Optional[str],
        typer.Option("--save-orphans", help=f"Write pool rows in no association (bare flag: {DEFAULT_ORPHANS_FILE})."),
    ] = None,
) -> None:
    """Generate associations from POOL, as asn_generate does.

    Example: asnsql generate examples/example_pool.csv -p out --version-id 20250101t000000
    """
    from asnsql.api import run_generation
    from asnsql.engine import GenerateOptions, timestamp_version_id
    from asnsql.output import write_associations
    from asnsql.pool import load_pool

    id_list = [part for item in (ids or []) for part in item.split(",") if part]
    chosen = [name for name, on in (("-i", bool(id_list)), ("--discover", discover),
                                    ("--all-candidates", all_candidates)) if on]
    if len(chosen) > 1:
        raise AsnsqlError(f"use just one of -i, --discover or --all-candidates (got {' and '.join(chosen)})")
    mode = "ids" if id_list else "discover" if discover else "all-candidates" if all_candidates else "default"
    if version_id == TIMESTAMP:
        version_id = timestamp_version_id()
    options = GenerateOptions(
        mode=mode, ids=tuple(id_list), dms=dms, version_id=version_id,
        finalize=not no_finalize, merge=merge, rule_paths=tuple(rules or ()),
        ignore_default=ignore_default,
    )
    if not dry_run and not path.is_dir():
        raise AsnsqlError(f"{path}: output folder does not exist; create it or pass -p DIR")
    loaded = load_pool(pool, delimiter=delimiter, fmt=pool_format)
    result = run_generation(loaded, options)
    if not dry_run:
        write_associations(result.associations, path)
        if save_orphans is not None:
            from asnsql.orphans import write_orphans

            write_orphans(loaded, result.orphan_rows, path / save_orphans)
    if verbose:
        for asn in result.associations:
            _err(f"{'would write' if dry_run else 'wrote'} {asn.file_name}")
    counts = Counter(asn["asn_type"] for asn in result.associations)
    kinds = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    verb = "would write" if dry_run else "wrote"
    where = "" if dry_run else f" to {path}"
    typer.echo(
        f"{verb} {len(result.associations)} associations{where}"
        f"{f' ({kinds})' if kinds else ''}; {len(result.orphan_rows)} of {loaded.n_rows} exposures in none"
    )


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


@rules_app.callback(invoke_without_command=True)
def rules_list(
    ctx: typer.Context,
    rules: Annotated[
        Optional[list[Path]], typer.Option("-r", "--rules", help="Extra rule template or folder.")
    ] = None,
    ignore_default: Annotated[bool, typer.Option("--ignore-default")] = False,
) -> None:
    """List the rules in the order they run: name, level, asn_type, template.

    Example: asnsql rules
    """
    if ctx.invoked_subcommand is not None:
        return
    from asnsql.rules import select_rules

    for rule in select_rules(tuple(rules or ()), ignore_default):
        typer.echo(f"{rule.name:<28} level {rule.level}  {rule.asn_type:<14} {_display_path(rule.path)}")


@rules_app.command("show")
def rules_show(
    name: Annotated[str, typer.Argument(help="Rule name, e.g. Asn_Lv3Image.")],
    pool: Annotated[
        Optional[Path], typer.Option("--pool", help="Render for this pool's columns.")
    ] = None,
    rules: Annotated[
        Optional[list[Path]], typer.Option("-r", "--rules", help="Extra rule template or folder.")
    ] = None,
) -> None:
    """Print a rule's SQL, rendered (macros expanded).

    Example: asnsql rules show Asn_Lv3Image
    """
    from asnsql.compile import render_rule_sql

    typer.echo(render_rule_sql(name, pool=pool, rule_paths=tuple(rules or ())))


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _expand_optional_values(argv: list[str]) -> list[str]:
    """Give bare `--version-id` / `--save-orphans` their implicit value, as argparse's nargs='?'."""
    result: list[str] = []
    for i, arg in enumerate(argv):
        result.append(arg)
        if arg in OPTIONAL_VALUE_OPTIONS:
            following = argv[i + 1] if i + 1 < len(argv) else None
            if following is None or following.startswith("-"):
                result.append(OPTIONAL_VALUE_OPTIONS[arg])
    return result


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the app, turn AsnsqlError into one line and exit 2."""
    args = _expand_optional_values(list(sys.argv[1:] if argv is None else argv))
    try:
        app(args=args, prog_name="asnsql", standalone_mode=False)
    except AsnsqlError as exc:
        _err(f"error: {exc.message}")
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted; nothing was written")
        return 130
    except Exception as exc:  # noqa: BLE001 - click usage errors and the unexpected
        return _report_unexpected(exc)
    return 0


def _report_unexpected(exc: Exception) -> int:
    import click

    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, click.ClickException):
        exc.show()
        return exc.exit_code
    if isinstance(exc, click.exceptions.Abort):
        _err("aborted")
        return 1
    if os.environ.get("ASNSQL_DEBUG"):
        raise exc
    _err(f"internal error: {type(exc).__name__}: {exc} (set ASNSQL_DEBUG=1 for a traceback)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
