"""A progress bar on stderr for one large pool: which stage a long run is in.

A pool of a million exposures takes minutes; a small one well under a second, for
which the bar (and importing rich) would cost more than it tells. So the bar shows
only on a terminal, for a pool file of at least PROGRESS_MIN_BYTES, and it is
transient: when the run ends only its summary line stays.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from asnsql.engine import Progress

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as Bar

PROGRESS_MIN_BYTES = 4_000_000
"""About 10k exposures of an operational pool (64 columns): a run of a few seconds."""

WRITE_REPORT_EVERY = 1000
"""Files written between two updates of the bar."""

T = TypeVar("T")


def shows_progress(pool: Path) -> bool:
    """Whether a run on ``pool`` shows the bar: stderr is a terminal and the pool large."""
    try:
        large = pool.stat().st_size >= PROGRESS_MIN_BYTES
    except OSError:
        return False
    return large and sys.stderr.isatty()


def generate_bar(console: Console, *, transient: bool) -> Bar:
    """The bar `generate` draws, for one pool's stages or a batch's pools: what it is at,
    the bar, done of total, time taken (drawn only on a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]generate"), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                    disable=not console.is_terminal, transient=transient)


@contextmanager
def stage_progress(show: bool) -> Iterator[Progress | None]:
    """A `Progress` callback drawing the bar while the block runs, or None (no bar)."""
    if not show:
        yield None
        return
    from rich.console import Console

    bar = generate_bar(Console(stderr=True), transient=True)
    task = bar.add_task("starting", total=None)

    def report(stage: str, done: int, total: int) -> None:
        bar.update(task, description=stage, completed=done, total=total)

    with bar:
        yield report


def reporting_writes(files: Iterable[T], progress: Progress | None, total: int) -> Iterator[T]:
    """``files``, telling ``progress`` every WRITE_REPORT_EVERY of them (stage ``writing``)."""
    if progress is None:
        yield from files
        return
    progress("writing", 0, total)
    done = 0
    for done, file in enumerate(files, start=1):
        yield file
        if done % WRITE_REPORT_EVERY == 0:
            progress("writing", done, total)
    progress("writing", done, total)
