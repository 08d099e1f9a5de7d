"""Batch generation: many pools in one run, in worker processes (one per core).

Each pool is generated exactly as on its own (`asnsql.api.run_generation`) and
written into its own folder, ``<out>/<pool file stem>/`` (two pools of the same
program would otherwise write files of the same names). A pool that fails does
not stop the others; its error is part of its result.
"""

from __future__ import annotations

import os
import signal
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from asnsql.engine import MEMORY_LIMIT_ENV, GenerateOptions, default_memory_limit
from asnsql.errors import AsnsqlError, AsnsqlWarning

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.process import BaseProcess

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
    memory_limit: str | None = None
    """DuckDB's memory limit in the worker (ASNSQL_MEMORY_LIMIT), when workers share the machine."""
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
    warnings: list[str] = field(default_factory=list)
    """Each distinct AsnsqlWarning the pool raised (shown by the caller: a worker
    process has no one to show them to)."""

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
    """Generate and write one pool (run in a worker process, or in this one): its folder
    written all or none. Its warnings are in the result, not shown."""
    if job.duckdb_threads:
        os.environ["ASNSQL_THREADS"] = str(job.duckdb_threads)
        os.environ["ASNSQL_RULE_WORKERS"] = "1"
    if job.memory_limit:
        os.environ[MEMORY_LIMIT_ENV] = job.memory_limit
    result = PoolResult(pool=job.pool, out=job.out)
    with _warnings_kept(result.warnings):
        _generate_and_write(job, result)
    return result


def _generate_in_worker(job: PoolJob) -> PoolResult:
    """`generate_pool` in a worker process, where Ctrl-C and SIGTERM stop the pool."""
    with _signals_stop_the_pool():
        return generate_pool(job)


def _generate_and_write(job: PoolJob, result: PoolResult) -> None:
    from asnsql.api import run_generation
    from asnsql.output import OutputSet, stage_association_files
    from asnsql.pool import load_pool

    start = time.perf_counter()
    try:
        pool = load_pool(job.pool, delimiter=job.delimiter, fmt=job.pool_format)
        result.rows = pool.n_rows
        generation = run_generation(pool, job.options)
        if job.out is not None:
            created = _make_folder(job.out)
            # each pool's folder is written all or none, as for one pool
            with _removed_if_left_empty(job.out, created), \
                    OutputSet(job.out, overwrite=job.overwrite) as out:
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


def _make_folder(folder: Path) -> bool:
    """Create a pool's folder; whether it was created (False: it was there)."""
    try:
        folder.mkdir()
    except FileExistsError:
        return False
    return True


@contextmanager
def _removed_if_left_empty(folder: Path, created: bool) -> Iterator[None]:
    """A folder this run created is removed again when writing into it fails or stops."""
    try:
        yield
    except BaseException:
        if created:
            try:
                folder.rmdir()
            except OSError:
                pass
        raise


@contextmanager
def _warnings_kept(messages: list[str]) -> Iterator[None]:
    """Keep each distinct AsnsqlWarning's text in ``messages``; other warnings go on."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AsnsqlWarning)
        yield
    for warning in caught:
        if not issubclass(warning.category, AsnsqlWarning):
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        elif str(warning.message) not in messages:
            messages.append(str(warning.message))


@contextmanager
def _signals_stop_the_pool() -> Iterator[None]:
    """While a pool is generated, Ctrl-C and SIGTERM raise KeyboardInterrupt, so that
    its folder is left as it was (a worker process ignores Ctrl-C while it waits for a
    pool: see `_worker_waits_quietly`). Outside the main thread: nothing to set."""
    def stop(signum, frame):  # noqa: ANN001, ARG001
        raise KeyboardInterrupt

    try:
        previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _worker_waits_quietly() -> None:
    """A worker process's start: Ctrl-C reaches every process of the terminal's group,
    and a worker waiting for its next pool would die of it with a traceback; the
    parent decides what happens to the pools not started. (SIGTERM keeps its default
    between pools, which ends a process silently: the executor's own clean-up of a
    broken pool terminates its workers so.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_memory_limit(workers: int) -> str | None:
    """Each worker's DuckDB memory limit when several share the machine and the user set
    none (`asnsql.engine.default_memory_limit`)."""
    if workers <= 1 or os.environ.get(MEMORY_LIMIT_ENV, "").strip():
        return None
    return default_memory_limit(workers)


def run_batch(jobs: Sequence[PoolJob], workers: int,
              on_done: Callable[[PoolResult], None] | None = None) -> list[PoolResult]:
    """Generate every job's pool, `workers` at a time; results in the jobs' order.

    With several workers each runs in its own process (DuckDB then uses a share
    of the cores in each); the largest pools are started first.

    Ctrl-C or SIGTERM (KeyboardInterrupt, or any exception raised in this process
    while it waits) starts no other pool; the pools being generated end first (a
    worker the signal reached writes nothing for its pool, the others finish theirs),
    and every pool that was written is reported to ``on_done`` before the exception
    goes on.
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
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_worker_waits_quietly) as executor:
        futures = {executor.submit(_generate_in_worker, jobs[i]): i for i in order}
        try:
            for future in as_completed(futures):
                index = futures[future]
                results[index] = future.result()
                if on_done:
                    on_done(results[index])
        except BaseException:
            workers_started = list((getattr(executor, "_processes", None) or {}).values())
            executor.shutdown(wait=False, cancel_futures=True)
            _stop_running_pools(workers_started, list(futures))
            for future, index in futures.items():
                if index not in results and _finished(future):
                    results[index] = future.result()
                    if on_done:
                        on_done(results[index])
            raise
    return [results[i] for i in range(len(jobs))]


def _stop_running_pools(workers: list[BaseProcess], futures: list[Future]) -> None:
    """Ctrl-C every worker process until no pool runs. A terminal's Ctrl-C reaches
    them already; a signal sent to this process alone (``kill``, ``timeout``) does
    not. A worker ignores it between pools, and one already handed the next pool
    (the executor hands one ahead) is stopped at the next round. CPython keeps an
    executor's processes in ``_processes`` until its shutdown; without it the running
    pools finish, as they do on Windows (where ``os.kill`` would end a worker outright,
    its folder half-written)."""
    from concurrent.futures import wait

    if os.name != "posix":
        workers = []
    while not all(future.done() for future in futures):
        for process in workers:
            try:
                os.kill(process.pid, signal.SIGINT)
            except (OSError, TypeError):  # gone, or not started (pid None)
                pass
        wait(futures, timeout=0.2)


def _finished(future: Future) -> bool:
    """Whether a future ended with a result (not cancelled, no exception)."""
    return future.done() and not future.cancelled() and future.exception() is None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
