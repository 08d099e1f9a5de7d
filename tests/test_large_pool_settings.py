"""What the engine does differently by pool size (items as a view instead of a
table, tables compressed between stages, each rule's gate its own query and the
rules one at a time on very large pools; one DuckDB thread and rules two at a time
on small ones) changes no byte of the output."""

from __future__ import annotations

import duckdb
import pytest

from asnsql import load_pool
from asnsql.engine import (DISABLED_OPTIMIZERS, POST_INTERMEDIATES, RULE_OUTPUT_SCHEMA,
                           RULE_WORKERS_ENV, SINGLE_THREAD_MAX_ROWS, SMALL_POOL_DISABLED_OPTIMIZERS,
                           THREADS_ENV, Engine, GenerateOptions, configure_connection)

from .conftest import DATA

POOLS = ["image_nircam_pool.csv", "wfss_parallel_pool.csv", "coronagraphy_ami_pool.csv",
         "l3_spec_ta_pool.csv", "l3_spec_msa_pool.csv", "wfss_pool.csv",
         "background_candidate_pool.csv", "level3_pin_order_pool.csv"]
ORDINARY = {"items_table_max_rows": 10**9, "compact_min_run_items": 10**9,
            "gate_each_rule_min_run_items": 10**9}
LARGE = {"items_table_max_rows": 0, "compact_min_run_items": 0, "gate_each_rule_min_run_items": 0}


def _generate(pool_file: str, mode: str, settings: dict[str, int]):
    pool = load_pool(DATA / pool_file)
    engine = Engine(pool, GenerateOptions(mode=mode, version_id="20261124t000000"))
    for name, value in settings.items():
        setattr(engine, name, value)
    engine.run()
    files = [(f.asn_name, f.text) for f in engine.association_files()]
    kind = pool.db.execute("SELECT table_type FROM information_schema.tables "
                           "WHERE table_name = 'items'").fetchall()[0][0]
    compressed = pool.db.execute(
        "SELECT count(*) FROM pragma_storage_info('rule_members') "
        "WHERE compression NOT IN ('Uncompressed')").fetchall()[0][0] > 0
    return files, kind, compressed


def _tables(pool) -> set[str]:
    return {name for (name,) in pool.db.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


@pytest.mark.parametrize("mode", ["default", "all-candidates"])
@pytest.mark.parametrize("pool_file", POOLS)
def test_large_pool_settings_give_the_same_files(pool_file, mode):
    ordinary, ordinary_kind, ordinary_compressed = _generate(pool_file, mode, ORDINARY)
    large, large_kind, large_compressed = _generate(pool_file, mode, LARGE)
    assert (ordinary_kind, large_kind) == ("BASE TABLE", "VIEW")
    assert (ordinary_compressed, large_compressed) == (False, True)
    assert ordinary, "the pool makes associations"
    assert large == ordinary


@pytest.mark.parametrize("pool_file", POOLS[:4])
def test_one_thread_and_two_threads_give_the_same_files(pool_file, monkeypatch):
    """Small pools run DuckDB on one thread; a large pool's two threads change nothing."""
    one_thread, _, _ = _generate(pool_file, "default", ORDINARY)
    monkeypatch.setenv(THREADS_ENV, "2")
    two_threads, _, _ = _generate(pool_file, "default", ORDINARY)
    assert one_thread, "the pool makes associations"
    assert two_threads == one_thread


@pytest.mark.parametrize("pool_file", POOLS[:4])
def test_the_optimizer_passes_turned_off_change_no_file(pool_file, monkeypatch):
    """The optimizer passes turned off are for speed (these pools are small: all of
    them are off): with every DuckDB pass on, the same files."""
    import asnsql.engine

    assert "statistics_propagation" in asnsql.engine.disabled_optimizers(1000)
    ours, _, _ = _generate(pool_file, "all-candidates", ORDINARY)
    monkeypatch.setattr(asnsql.engine, "disabled_optimizers", lambda pool_rows: ())
    every_pass, _, _ = _generate(pool_file, "all-candidates", ORDINARY)
    assert ours, "the pool makes associations"
    assert every_pass == ours


def _disabled_after_configure(pool_rows: int | None) -> set[str]:
    db = duckdb.connect()
    configure_connection(db, pool_rows)
    return set(db.execute("SELECT current_setting('disabled_optimizers')").fetchall()[0][0].split(","))


def test_small_pools_are_planned_with_fewer_optimizer_passes():
    small = _disabled_after_configure(SINGLE_THREAD_MAX_ROWS)
    large = _disabled_after_configure(SINGLE_THREAD_MAX_ROWS + 1)
    assert large == set(DISABLED_OPTIMIZERS) == _disabled_after_configure(None)
    assert small == set(DISABLED_OPTIMIZERS) | set(SMALL_POOL_DISABLED_OPTIMIZERS)


def _rule_members(pool_file: str) -> list[tuple]:
    pool = load_pool(DATA / pool_file)
    engine = Engine(pool, GenerateOptions(version_id="20261124t000000"))
    engine.prepare()
    engine.plan_runs()
    engine.run_rules()
    assert not pool.db.execute("SELECT * FROM duckdb_schemas() WHERE schema_name = $name",
                               {"name": RULE_OUTPUT_SCHEMA}).fetchall(), "rule tables are dropped"
    return pool.db.execute("SELECT * FROM rule_members").fetchall()


@pytest.mark.parametrize("threads", ["1", "2"])
@pytest.mark.parametrize("pool_file", POOLS[:4])
def test_rules_two_at_a_time_give_the_rows_of_rules_in_turn(pool_file, threads, monkeypatch):
    """Rules run side by side give rule_members the rows they give run in turn (in
    another physical order, which nothing reads), and leave no table behind."""
    monkeypatch.setenv(THREADS_ENV, threads)
    monkeypatch.setenv(RULE_WORKERS_ENV, "1")
    in_turn = _rule_members(pool_file)
    monkeypatch.setenv(RULE_WORKERS_ENV, "2")
    side_by_side = _rule_members(pool_file)
    assert len({row[0] for row in in_turn}) > 1, "the pool enters several rules"
    assert sorted(side_by_side, key=repr) == sorted(in_turn, key=repr)


class FailsOnce:
    """A worker's connection whose first rule statement fails as DuckDB's rare internal
    error did once, side by side with another rule."""

    failed: list[str] = []

    def __init__(self, cursor):
        self._cursor = cursor

    def execute(self, sql, *args):
        if f"{RULE_OUTPUT_SCHEMA}." in sql and not FailsOnce.failed:
            FailsOnce.failed.append(sql)
            raise duckdb.InternalException("Attempted to dereference unique_ptr that is NULL!")
        return self._cursor.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


@pytest.mark.parametrize("family_rules", [True, False])
def test_a_rule_that_fails_only_side_by_side_runs_again_alone(family_rules, monkeypatch):
    """A task (a rule, or a family of rules) that failed on a worker connection runs
    again on the main one before it counts as an error: the same rows, no error."""
    import asnsql.engine

    monkeypatch.setenv(RULE_WORKERS_ENV, "2")
    monkeypatch.setattr(asnsql.engine.Engine, "uses_rule_families", lambda self: family_rules)
    expected = _rule_members(POOLS[0])
    real_open_cursor = asnsql.engine.open_cursor
    monkeypatch.setattr(FailsOnce, "failed", [])
    monkeypatch.setattr(asnsql.engine, "open_cursor",
                        lambda db, database=None: FailsOnce(real_open_cursor(db, database)))
    retried = _rule_members(POOLS[0])
    assert len(FailsOnce.failed) == 1, "a worker's statement failed"
    assert sorted(retried, key=repr) == sorted(expected, key=repr)


def _threads_after_configure(pool_rows: int | None) -> int:
    db = duckdb.connect()
    db.execute("SET threads = 3")
    configure_connection(db, pool_rows)
    return int(db.execute("SELECT current_setting('threads')").fetchall()[0][0])


def test_small_pools_run_on_one_thread(monkeypatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert _threads_after_configure(SINGLE_THREAD_MAX_ROWS) == 1
    assert _threads_after_configure(SINGLE_THREAD_MAX_ROWS + 1) == 3  # DuckDB's own choice kept
    assert _threads_after_configure(None) == 3


def test_the_threads_variable_wins_over_the_pool_size(monkeypatch):
    monkeypatch.setenv(THREADS_ENV, "2")
    assert _threads_after_configure(10) == 2
    assert _threads_after_configure(10**7) == 2


@pytest.mark.parametrize("keep", [False, True])
def test_large_pools_drop_the_post_processing_intermediates(keep):
    """Where tables are compressed, associations, kept and final_associations are
    dropped first (nothing reads them but `asnsql explain`, which keeps them)."""
    pool = load_pool(DATA / "image_nircam_pool.csv")
    engine = Engine(pool, GenerateOptions(version_id="20261124t000000"), keep_post_tables=keep)
    engine.compact_min_run_items = 0
    engine.run()
    assert set(POST_INTERMEDIATES) <= _tables(pool) if keep else not set(POST_INTERMEDIATES) & _tables(pool)
    assert engine.association_files(), "the files are still made"
    if keep:
        engine._run_model("post/fates.sql")  # what explain runs next
        assert pool.db.execute("SELECT count(*) FROM association_fates").fetchone()[0] > 0


def test_ordinary_pools_keep_the_post_processing_intermediates():
    pool = load_pool(DATA / "image_nircam_pool.csv")
    Engine(pool, GenerateOptions()).run()
    assert set(POST_INTERMEDIATES) <= _tables(pool)


def test_explain_keeps_what_it_reads(monkeypatch):
    import asnsql.explain as explain_module

    made: list[Engine] = []

    class Recording(Engine):
        def __post_init__(self) -> None:
            super().__post_init__()
            made.append(self)

    monkeypatch.setattr(explain_module, "Engine", Recording)
    explain_module.explain(load_pool(DATA / "image_nircam_pool.csv"), orphans=True)
    assert made and all(engine.keep_post_tables for engine in made)
