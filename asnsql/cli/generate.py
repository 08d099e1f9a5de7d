"""`asnsql generate`: asn_generate's options over asnsql.api.run_generation.

One pool file: as asn_generate. Several pools, or a folder of them: batch mode
(asnsql.batch), each pool into <DIR>/<pool name>/, on every core, with a
progress bar and a summary table.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from asnsql.cli.app import (
    DEFAULT_ORPHANS_FILE,
    TIMESTAMP,
    DelimiterOpt,
    PoolArg,
    PoolFormatOpt,
    app,
    echo_err,
)
from asnsql.errors import AsnsqlError, Stopped, Terminated

if TYPE_CHECKING:
    from asnsql.batch import PoolResult


PoolsArg = Annotated[
    Optional[list[Path]],
    typer.Argument(help="Pool file (|-delimited ASCII unless --pool-format); several files, "
                        "or folders of *.csv pools, run in batch mode.", show_default=False,
                   metavar="POOL..."),
]


@app.command()
def generate(
    pools: PoolsArg = None,
    path: Annotated[
        Optional[Path],
        typer.Option("-p", "--path", help="Folder to write associations into [default: .; "
                                          "with --catalog: none, tables only]."),
    ] = None,
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
    catalog: Annotated[
        Optional[Path],
        typer.Option("--catalog", help="Generate the pools of this catalog (asnsql catalog add) "
                                       "and store the associations back in it as tables."),
    ] = None,
    program: Annotated[
        Optional[str], typer.Option("--program", help="With --catalog: only the pools holding this PROGRAM."),
    ] = None,
    export_parquet: Annotated[
        Optional[Path],
        typer.Option("--export-parquet", help="Also write associations, products and members "
                                              "as Parquet tables into this folder (one pool)."),
    ] = None,
    jobs: Annotated[
        Optional[int],
        typer.Option("-j", "--jobs", min=1,
                     help="Batch mode: pools generated at once (default: one per core)."),
    ] = None,
) -> None:
    """Generate associations from POOL, as asn_generate does; several pools: batch mode.

    Example: asnsql generate examples/example_pool.csv -p out --version-id 20250101t000000
    """
    from asnsql.engine import GenerateOptions, timestamp_version_id

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
    if catalog is not None:
        if pools or export_parquet is not None:
            raise AsnsqlError("--catalog generates the catalog's own pools: give no POOL and no "
                              "--export-parquet (add pools with `asnsql catalog add`)")
        _generate_catalog(catalog, options, program, path, dry_run=dry_run, overwrite=overwrite)
        return
    if program is not None:
        raise AsnsqlError("--program selects pools of a catalog: use it with --catalog DB")
    if not pools:
        raise AsnsqlError("give a POOL file (or several, or a folder), or --catalog DB")
    path = path if path is not None else Path(".")
    if len(pools) > 1 or pools[0].is_dir():
        if export_parquet is not None:
            raise AsnsqlError("--export-parquet takes one pool; for many pools use a catalog "
                              "(asnsql catalog add, then generate --catalog)")
        if not dry_run and not path.is_dir():
            raise AsnsqlError(f"{path}: output folder does not exist; create it or pass -p DIR")
        _generate_batch(pools, options, path, dry_run=dry_run, overwrite=overwrite,
                        delimiter=delimiter, pool_format=pool_format, save_orphans=save_orphans,
                        jobs=jobs, verbose=verbose)
        return
    _generate_one(pools[0], options, path, dry_run=dry_run, overwrite=overwrite,
                  delimiter=delimiter, pool_format=pool_format, save_orphans=save_orphans,
                  verbose=verbose, export_parquet=export_parquet)


def _generate_one(pool: Path, options, path: Path, *, dry_run: bool, overwrite: bool,
                  delimiter: str, pool_format: str, save_orphans: Optional[str],
                  verbose: bool, export_parquet: Optional[Path] = None) -> None:
    """One pool, as asn_generate: files into PATH (all or none), one summary line.

    ``export_parquet``: also the association tables as Parquet files in that folder,
    in the same all-or-none set.
    """
    from asnsql.api import run_generation
    from asnsql.cli.progress import reporting_writes, shows_progress, stage_progress
    from asnsql.output import OutputSet, stage_association_files
    from asnsql.pool import load_pool

    with ExitStack() as stack:
        # the output set is opened first: an unwritable folder fails before generating,
        # and leaving this block without commit (error, Ctrl-C) removes what was staged
        out = None if dry_run else stack.enter_context(OutputSet(path, overwrite=overwrite))
        progress = stack.enter_context(stage_progress(shows_progress(pool)))
        if progress is not None:
            progress("reading the pool", 0, 1)
        loaded = load_pool(pool, delimiter=delimiter, fmt=pool_format)
        result = run_generation(loaded, options, progress=progress)
        if out is not None:
            files = ((f.file_name, f.text) for f in result.files)
            stage_association_files(out, reporting_writes(files, progress, len(result.files)))
            if save_orphans is not None:
                from asnsql.orphans import write_orphans

                out.add(save_orphans, lambda p: write_orphans(loaded, result.orphan_rows, p))
            if export_parquet is not None:
                _add_parquet_tables(out, loaded, export_parquet)
            if progress is not None:
                progress("moving into place", 0, 1)
            out.commit(paths=False)
    if verbose:
        for file in result.files:
            echo_err(f"{'would write' if dry_run else 'wrote'} {file.file_name}")
    counts = result.files.counts_by_type()
    kinds = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    verb = "would write" if dry_run else "wrote"
    where = "" if dry_run else f" to {path}"
    typer.echo(
        f"{verb} {len(result.files)} associations{where}"
        f"{f' ({kinds})' if kinds else ''}; {len(result.orphan_rows)} of {loaded.n_rows} exposures in none"
    )


def _add_parquet_tables(out, pool, folder: Path) -> None:
    from asnsql.tables import OUTPUT_TABLES, write_table_parquet

    if not folder.is_dir():
        raise AsnsqlError(f"{folder}: export folder does not exist; create it first")
    for table in OUTPUT_TABLES:
        out.add(folder.resolve() / f"{table}.parquet",
                lambda p, table=table: write_table_parquet(pool, table, p))


def _generate_catalog(catalog: Path, options, program: Optional[str], path: Optional[Path], *,
                      dry_run: bool, overwrite: bool) -> None:
    """Every pool of a catalog (or of one program): tables stored back, files if -p."""
    from asnsql.catalog import generate_catalog

    if not catalog.is_file():
        raise AsnsqlError(f"{catalog}: no such catalog; create one with `asnsql catalog add`")
    if dry_run:
        raise AsnsqlError("--dry-run is not available with --catalog (it stores its results)")
    if path is not None and not path.is_dir():
        raise AsnsqlError(f"{path}: output folder does not exist; create it or pass -p DIR")
    summaries = generate_catalog(catalog, options, program=program, write_dir=path,
                                 overwrite=overwrite)
    for summary in summaries:
        typer.echo(f"pool {summary.pool_id} {summary.name}: {summary.n_associations} associations "
                   f"from {summary.n_rows} exposures")
    total = sum(s.n_associations for s in summaries)
    where = f"; files in {path}" if path is not None else ""
    typer.echo(f"{len(summaries)} pools: {total} associations stored in {catalog}{where}")


def _generate_batch(pools: list[Path], options, path: Path, *, dry_run: bool, overwrite: bool,
                    delimiter: str,
                    pool_format: str, save_orphans: Optional[str], jobs: Optional[int],
                    verbose: bool) -> None:
    """Many pools: each into PATH/<pool name>/, on every core; progress bar, summary table."""
    import os

    from rich.console import Console

    from asnsql.batch import PoolJob, expand_pools, run_batch, worker_memory_limit
    from asnsql.cli.progress import generate_bar

    files = expand_pools(pools)
    cores = os.cpu_count() or 1
    workers = max(1, min(jobs or cores, len(files)))
    threads = max(1, cores // workers) if workers > 1 else None
    memory = worker_memory_limit(workers)
    batch = [PoolJob(pool=f, out=None if dry_run else path / f.stem, options=options,
                     delimiter=delimiter, pool_format=pool_format, save_orphans=save_orphans,
                     duckdb_threads=threads, memory_limit=memory, overwrite=overwrite)
             for f in files]
    progress = generate_bar(Console(stderr=True), transient=False)

    finished: list[PoolResult] = []

    with progress:
        task = progress.add_task("", total=len(batch))

        def done(result) -> None:
            finished.append(result)
            progress.update(task, advance=1, description=result.pool.name)
            for message in result.warnings:
                progress.console.print(f"asnsql: warning: {message}", markup=False, highlight=False, soft_wrap=True)
            if not result.ok:
                progress.console.print(f"asnsql: error: {result.error}", markup=False, highlight=False, soft_wrap=True)
            elif verbose:
                verb = "would write" if dry_run else "wrote"
                progress.console.print(f"asnsql: {verb} {result.associations} associations for "
                                       f"{result.pool.name}", markup=False, highlight=False, soft_wrap=True)

        try:
            results = run_batch(batch, workers, on_done=done)
        except (KeyboardInterrupt, Terminated) as exc:
            stopped = exc
        else:
            stopped = None

    if stopped is not None:
        if finished:
            _print_pool_table(sorted(finished, key=lambda r: files.index(r.pool)))
        raise Stopped(_what_was_written(finished, len(batch), dry_run=dry_run),
                      terminated=isinstance(stopped, Terminated))
    _print_pool_table(results)
    failed = [r for r in results if not r.ok]
    total = sum(r.associations for r in results)
    verb = "would write" if dry_run else "wrote"
    where = "" if dry_run else f" to {path}/<pool>/"
    typer.echo(f"{len(results)} pools: {verb} {total} associations{where}; "
               f"{len(failed)} failed ({workers} at a time)")
    if failed:
        raise AsnsqlError(f"{len(failed)} of {len(results)} pools failed; see the table above")


def _what_was_written(finished: list[PoolResult], total: int, *, dry_run: bool) -> str:
    """What a stopped batch leaves: each pool's folder is complete or untouched."""
    if dry_run:
        return f"{len(finished)} of {total} pools generated; nothing was written"
    written = [r for r in finished if r.ok]
    if not written:
        return "nothing was written"
    if len(written) == total:
        return f"wrote all {total} pools (the table above) before stopping"
    return (f"wrote {len(written)} of {total} pools (the table above), each folder complete; "
            "nothing was written for the others")


def _print_pool_table(results: list[PoolResult]) -> None:
    """The summary table: one row per pool (stdout; one line per pool in a file or pipe)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=None, show_edge=False, pad_edge=False)
    for name, justify in (("pool", "left"), ("exposures", "right"), ("associations", "right"),
                          ("by type", "left"), ("in none", "right"), ("seconds", "right"),
                          ("status", "left")):
        table.add_column(name, justify=justify)
    for r in results:
        table.add_row(r.pool.name, "-" if r.rows is None else str(r.rows), str(r.associations),
                      ", ".join(f"{n} {t}" for t, n in r.by_type.items()),
                      "-" if r.orphans is None else str(r.orphans), f"{r.seconds:.2f}",
                      "ok" if r.ok else f"error: {r.error}")
    out = Console()
    if not out.is_terminal:
        out = Console(width=100_000)  # a file or a pipe: one line per pool, no wrapping
    out.print(table, markup=False, highlight=False)
