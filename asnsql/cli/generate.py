"""`asnsql generate`: asn_generate's options over asnsql.api.run_generation."""

from __future__ import annotations

from collections import Counter
from contextlib import ExitStack
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
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace existing files of the same names (default: refuse).")
    ] = False,
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
    from asnsql.output import OutputSet, add_associations
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
    if version_id is not None and any(c in version_id for c in "/\\\0"):
        raise AsnsqlError(
            f"--version-id {version_id!r}: must not hold '/', '\\' or NUL (it is part of file names)")
    with ExitStack() as stack:
        # the output set is opened first: an unwritable folder fails before generating,
        # and leaving this block without commit (error, Ctrl-C) removes what was staged
        out = None if dry_run else stack.enter_context(OutputSet(path, overwrite=overwrite))
        loaded = load_pool(pool, delimiter=delimiter, fmt=pool_format)
        result = run_generation(loaded, options)
        if out is not None:
            add_associations(out, result.associations)
            if save_orphans is not None:
                from asnsql.orphans import write_orphans

                out.add(save_orphans, lambda p: write_orphans(loaded, result.orphan_rows, p))
            out.commit()
    if verbose:
        for asn in result.associations:
            echo_err(f"{'would write' if dry_run else 'wrote'} {asn.file_name}")
    counts = Counter(asn["asn_type"] for asn in result.associations)
    kinds = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    verb = "would write" if dry_run else "wrote"
    where = "" if dry_run else f" to {path}"
    typer.echo(
        f"{verb} {len(result.associations)} associations{where}"
        f"{f' ({kinds})' if kinds else ''}; {len(result.orphan_rows)} of {loaded.n_rows} exposures in none"
    )
