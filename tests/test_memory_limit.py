"""DuckDB's memory limit: ASNSQL_MEMORY_LIMIT, or a default that fits the machine and
is shared among batch workers; a limit DuckDB cannot read is one error line."""

from __future__ import annotations

from asnsql import load_pool
from asnsql.api import run_generation
from asnsql.batch import worker_memory_limit
from asnsql.cli import main
from asnsql.engine import DEFAULT_MEMORY_LIMIT_MB, MEMORY_LIMIT_ENV, default_memory_limit

from .conftest import REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"
GB = 1000**3


def test_the_default_is_half_the_machine_shared_among_processes_at_most_the_limit():
    assert default_memory_limit(1, physical_bytes=64 * GB) == f"{DEFAULT_MEMORY_LIMIT_MB}MB"
    assert default_memory_limit(2, physical_bytes=64 * GB) == f"{DEFAULT_MEMORY_LIMIT_MB}MB"
    assert default_memory_limit(1, physical_bytes=4 * GB) == "2000MB"
    assert default_memory_limit(2, physical_bytes=4 * GB) == "1000MB"
    assert default_memory_limit(8, physical_bytes=1 * GB) == "100MB"  # a floor DuckDB can work in


def _duckdb_limit(monkeypatch, value: str | None) -> str:
    if value is None:
        monkeypatch.delenv(MEMORY_LIMIT_ENV, raising=False)
    else:
        monkeypatch.setenv(MEMORY_LIMIT_ENV, value)
    pool = load_pool(EXAMPLE)
    run_generation(pool)
    return pool.db.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_the_environment_sets_the_limit(monkeypatch):
    assert _duckdb_limit(monkeypatch, "300MB") == "286.1 MiB"  # DuckDB shows it in MiB
    assert _duckdb_limit(monkeypatch, "600MB") == "572.2 MiB"


def test_a_limit_duckdb_cannot_read_is_one_error_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "lots")
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("asnsql: error: ASNSQL_MEMORY_LIMIT='lots': ")
    assert err[0].endswith("give a size such as 2GB or 500MB, or leave it unset")
    assert list(tmp_path.iterdir()) == []


def test_batch_workers_share_the_default_but_not_a_limit_given(monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_ENV, raising=False)
    assert worker_memory_limit(1) is None
    assert worker_memory_limit(2) == default_memory_limit(2)
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "1GB")
    assert worker_memory_limit(2) is None  # each worker inherits the user's limit
