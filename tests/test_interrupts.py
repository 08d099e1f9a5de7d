"""Ctrl-C and SIGTERM: one line, the conventional exit status, nothing half-written.

DuckDB stops a query on either signal and reports it as ``RuntimeError('Query
interrupted')``; asnsql turns that back into the signal's own outcome. The tests
start a query that would run for seconds and signal the process shortly after:
had the signal not stopped the query, the run would end normally and the test fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

import pytest

import asnsql.batch
import asnsql.engine
import asnsql.output
from asnsql.batch import _signals_stop_the_pool, _stop_running_pools, _worker_waits_quietly
from asnsql.cli import main
from asnsql.engine import Engine, GenerateOptions
from asnsql.errors import interrupts_raised, is_query_interrupt
from asnsql.output import write_files
from asnsql.pool import load_pool

from .conftest import DATA, REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"
LONG_QUERY = "SELECT sum(hash(i)) AS x FROM range(5000000000) t(i)"
"""Seconds to minutes of work on any machine: it ends early only if interrupted."""


@pytest.fixture
def default_sigint():
    """Python's own SIGINT handler (a background job may start with SIGINT ignored)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def signal_soon(signum: int, after: float = 0.3) -> threading.Timer:
    timer = threading.Timer(after, os.kill, (os.getpid(), signum))
    timer.start()
    return timer


def test_duckdb_interrupt_is_told_from_other_errors():
    assert is_query_interrupt(RuntimeError("Query interrupted"))
    assert not is_query_interrupt(RuntimeError("something else"))
    assert not is_query_interrupt(ValueError("Query interrupted"))
    with pytest.raises(KeyboardInterrupt):
        with interrupts_raised():
            raise RuntimeError("Query interrupted")
    with pytest.raises(RuntimeError, match="something else"):
        with interrupts_raised():
            raise RuntimeError("something else")


def _signal_during_a_long_query(monkeypatch, signum: int) -> list[threading.Timer]:
    """Generation runs LONG_QUERY before it makes the files' texts, and is sent
    ``signum`` while it runs (the timers, to cancel)."""
    real = Engine.association_files
    timers: list[threading.Timer] = []

    def slow(self):
        timers.append(signal_soon(signum))
        self.db.execute(LONG_QUERY).fetchall()
        return real(self)

    monkeypatch.setattr(Engine, "association_files", slow)
    return timers


@pytest.mark.parametrize("signum, code, word", [(signal.SIGINT, 130, "interrupted"),
                                                (signal.SIGTERM, 143, "terminated")])
def test_a_signal_during_a_query_stops_the_run_with_one_line(tmp_path, capsys, monkeypatch,
                                                            default_sigint, signum, code, word):
    timers = _signal_during_a_long_query(monkeypatch, signum)
    try:
        assert main(["generate", str(EXAMPLE), "-p", str(tmp_path)]) == code
    finally:
        for timer in timers:
            timer.cancel()
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"asnsql: {word}; nothing was written"]
    assert list(tmp_path.iterdir()) == []


def test_the_library_raises_keyboard_interrupt(monkeypatch, default_sigint):
    timers = _signal_during_a_long_query(monkeypatch, signal.SIGINT)
    try:
        with pytest.raises(KeyboardInterrupt):
            asnsql.generate(EXAMPLE)
    finally:
        for timer in timers:
            timer.cancel()


@dataclass
class LongTask:
    """Stands for a RuleTask: a statement that runs until it is interrupted."""

    sql: str = LONG_QUERY
    select: str = LONG_QUERY
    params: dict = field(default_factory=dict)
    rules: tuple = ()
    is_family: bool = False


def test_ctrl_c_stops_the_rules_running_on_worker_connections(monkeypatch, default_sigint):
    engine = Engine(load_pool(EXAMPLE), GenerateOptions())
    engine.prepare()
    outcomes: list[BaseException | None] = []
    real_open_cursor = asnsql.engine.open_cursor

    class RecordingCursor:
        """A worker's connection that notes how each statement ended."""

        def __init__(self, cursor):
            self._cursor = cursor

        def execute(self, *args):
            try:
                result = self._cursor.execute(*args)
            except BaseException as exc:
                outcomes.append(exc)
                raise
            outcomes.append(None)
            return result

        def __getattr__(self, name):
            return getattr(self._cursor, name)

    monkeypatch.setattr(asnsql.engine, "open_cursor",
                        lambda db, database=None: RecordingCursor(real_open_cursor(db, database)))
    timer = signal_soon(signal.SIGINT, after=0.5)
    try:
        with pytest.raises(KeyboardInterrupt):
            engine._run_tasks_concurrently([LongTask(), LongTask(), LongTask()], workers=2)
    finally:
        timer.cancel()
    long_ones = [outcome for outcome in outcomes if outcome is not None]
    assert len(long_ones) == 2  # the third never started
    assert all(is_query_interrupt(outcome) for outcome in long_ones), long_ones


def test_ctrl_c_between_creating_a_file_and_noting_it_leaves_no_file(tmp_path, monkeypatch):
    real = asnsql.output._create_new_file
    created = []

    def create_then_interrupt(folder, folder_fd, name):
        fd = real(folder, folder_fd, name)
        created.append(name)
        if len(created) == 3:
            os.close(fd)
            raise KeyboardInterrupt
        return fd

    monkeypatch.setattr(asnsql.output, "_create_new_file", create_then_interrupt)
    files = [(f"jw{i:05d}_asn.json", "{}") for i in range(10)]
    with pytest.raises(KeyboardInterrupt):
        write_files(files, tmp_path)
    assert len(created) == 3
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_batch_says_which_pools_it_wrote(tmp_path, capsys, monkeypatch):
    pools = tmp_path / "pools"
    pools.mkdir()
    for name in ("a_pool", "b_pool", "c_pool"):
        shutil.copy(EXAMPLE, pools / f"{name}.csv")
    real = asnsql.output.stage_association_files

    def interrupted_while_writing_b(out, files):
        if out.folder.name == "b_pool":
            real(out, (file for _, file in zip(range(5), files)))
            raise KeyboardInterrupt
        real(out, files)

    monkeypatch.setattr(asnsql.output, "stage_association_files", interrupted_while_writing_b)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["generate", str(pools), "-p", str(out), "-j", "1"]) == 130
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines()[-1] == (
        "asnsql: interrupted; wrote 1 of 3 pools (the table above), each folder complete; "
        "nothing was written for the others")
    assert "a_pool.csv" in captured.out and "b_pool.csv" not in captured.out
    assert sorted(p.name for p in out.iterdir()) == ["a_pool"]  # b_pool's folder taken back
    assert len(list((out / "a_pool").glob("*_asn.json"))) == 12


def test_batch_workers_warnings_are_warning_lines(tmp_path, capsys):
    pools = tmp_path / "pools"
    pools.mkdir()
    shutil.copy(EXAMPLE, pools / "good.csv")
    shutil.copy(DATA / "bad" / "candidate_malformed.csv", pools / "odd.csv")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["generate", str(pools), "-p", str(out), "-j", "2"]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert err == [f"asnsql: warning: {pools / 'odd.csv'}: row 2 (FILENAME "
                   "'jw01500001001_03101_00001_nrca1_uncal.fits') and 3 more row(s): "
                   "ASN_CANDIDATE \"[('o001', 'observation')\" holds no list of (id, type) "
                   "pairs; no candidate is read from it"]


def sleep_until_stopped() -> str:
    """A stand-in for a pool in a worker process: stopped by SIGINT, or done in a minute."""
    with _signals_stop_the_pool():
        try:
            time.sleep(60)
        except KeyboardInterrupt:
            return "stopped"
    return "slept"


def test_a_signal_to_the_batch_alone_reaches_its_workers():
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                             initializer=_worker_waits_quietly) as executor:
        executor.submit(pow, 2, 2).result()  # the worker is up and waiting
        future = executor.submit(sleep_until_stopped)
        time.sleep(1.0)  # it sleeps now, with the pool's handlers
        _stop_running_pools(list(executor._processes.values()), [future])
        assert future.result() == "stopped"
