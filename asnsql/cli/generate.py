"""`asnsql generate`: asn_generate's options over asnsql.api.run_generation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import DelimiterOpt, PoolArg, PoolFormatOpt, app, echo_err
from asnsql.errors import AsnsqlError

TIMESTAMP = "__timestamp__"
DEFAULT_ORPHANS_FILE = "orphaned.csv"


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
    from asnsql.output import write_files
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
        write_files([(file.file_name, file.text) for file in result.files], path)
        if save_orphans is not None:
            from asnsql.orphans import write_orphans

            write_orphans(loaded, result.orphan_rows, path / save_orphans)
    if verbose:
        for file in result.files:
            echo_err(f"{'would write' if dry_run else 'wrote'} {file.file_name}")
    counts = Counter(file.asn_type for file in result.files)
    kinds = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    verb = "would write" if dry_run else "wrote"
    where = "" if dry_run else f" to {path}"
    typer.echo(
        f"{verb} {len(result.files)} associations{where}"
        f"{f' ({kinds})' if kinds else ''}; {len(result.orphan_rows)} of {loaded.n_rows} exposures in none"
    )
