"""Batch generation: many pools in one run, in worker processes (one per core).

Each pool is generated exactly as on its own (`asnsql.api.run_generation`) and
written into its own folder, ``<out>/<pool file stem>/`` (two pools of the same
program would otherwise write files of the same names). A pool that fails does
not stop the others; its error is part of its result.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from asnsql.engine import GenerateOptions
from asnsql.errors import AsnsqlError

POOL_SUFFIXES = (".csv",)


@dataclass(frozen=True)
class PoolJob:
    """One pool to generate, with everything a worker process needs."""

    pool: Path
    out: Path | None
    """Folder to write into; None for a dry run."""
    options: GenerateOptions
    delimiter: str = "|"
    pool_format: str = "ascii"
    save_orphans: str | None = None
    duckdb_threads: int | None = None
    overwrite: bool = False
    """Replace existing files of the same names in `out` (default: refuse the pool)."""


@dataclass
class PoolResult:
    """What happened to one pool."""

    pool: Path
    rows: int | None = None
    associations: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    orphans: int | None = None
    seconds: float = 0.0
    error: str | None = None
    out: Path | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def expand_pools(paths: Sequence[Path]) -> list[Path]:
    """Pool files from the arguments: files as given, folders as their *.csv files (sorted)."""
    pools: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in POOL_SUFFIXES)
            if not found:
                raise AsnsqlError(f"{path}: no pool files (*.csv) in this folder")
            pools.extend(found)
        else:
            pools.append(path)
    stems = Counter(p.stem for p in pools)
    repeated = sorted(stem for stem, n in stems.items() if n > 1)
    if repeated:
        raise AsnsqlError(f"two pools are named {repeated[0]}; batch mode writes each pool into "
                          "<DIR>/<pool name>/, so pool names must differ")
    return pools


def generate_pool(job: PoolJob) -> PoolResult:
    """Generate and write one pool (run in a worker process, or in this one)."""
    from asnsql.api import run_generation
    from asnsql.output import OutputSet, stage_association_files
    from asnsql.pool import load_pool

    if job.duckdb_threads:
        os.environ["ASNSQL_THREADS"] = str(job.duckdb_threads)
        os.environ["ASNSQL_RULE_WORKERS"] = "1"
    start = time.perf_counter()
    result = PoolResult(pool=job.pool, out=job.out)
    try:
        pool = load_pool(job.pool, delimiter=job.delimiter, fmt=job.pool_format)
        result.rows = pool.n_rows
        generation = run_generation(pool, job.options)
        if job.out is not None:
            job.out.mkdir(exist_ok=True)
            # each pool's folder is written all or none, as for one pool
            with OutputSet(job.out, overwrite=job.overwrite) as out:
                stage_association_files(out, ((f.file_name, f.text) for f in generation.files))
                if job.save_orphans is not None:
                    from asnsql.orphans import write_orphans

                    out.add(job.save_orphans,
                            lambda p: write_orphans(pool, generation.orphan_rows, p))
                out.commit(paths=False)
        result.associations = len(generation.files)
        result.by_type = generation.files.counts_by_type()
        result.orphans = len(generation.orphan_rows)
    except AsnsqlError as exc:
        result.error = exc.message
    except OSError as exc:
        result.error = f"{job.pool}: {exc.strerror or exc}"
    result.seconds = time.perf_counter() - start
    return result


def run_batch(jobs: Sequence[PoolJob], workers: int,
              on_done: Callable[[PoolResult], None] | None = None) -> list[PoolResult]:
    """Generate every job's pool, `workers` at a time; results in the jobs' order.

    With several workers each runs in its own process (DuckDB then uses a share
    of the cores in each); the largest pools are started first.
    """
    results: dict[int, PoolResult] = {}
    if workers <= 1 or len(jobs) <= 1:
        for index, job in enumerate(jobs):
            results[index] = generate_pool(job)
            if on_done:
                on_done(results[index])
        return [results[i] for i in range(len(jobs))]

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    order = sorted(range(len(jobs)), key=lambda i: -_size(jobs[i].pool))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as executor:
        futures = {executor.submit(generate_pool, jobs[i]): i for i in order}
        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            if on_done:
                on_done(results[index])
    return [results[i] for i in range(len(jobs))]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
