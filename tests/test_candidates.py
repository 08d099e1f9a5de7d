"""ASN_CANDIDATE parsed into a relation, and the runs built from it."""

from __future__ import annotations

from asnsql import load_pool
from asnsql.engine import Engine, GenerateOptions, prepare_pool


def candidates(pool):
    prepare_pool(pool)
    return pool.db.sql("SELECT _row, cand_id, cand_type FROM candidates ORDER BY _row, pos").fetchall()


def test_lists_of_pairs_are_parsed_in_order(data_dir):
    rows = candidates(load_pool(data_dir / "candidates_pool.csv"))
    assert (0, "o001", "observation") in rows and (0, "c1000", "mosaic") in rows
    assert [r for r in rows if r[0] == 2] == [
        (2, "o002", "observation"), (2, "c1000", "mosaic"), (2, "c1001", "background")]


def test_double_quoted_strings_are_python_literals_too(data_dir):
    rows = candidates(load_pool(data_dir / "candidates_pool.csv"))
    assert (6, "o004", "observation") in rows


def test_integer_cell_is_an_unknown_candidate(data_dir):
    rows = candidates(load_pool(data_dir / "candidates_pool.csv"))
    assert (5, "42", "unknown") in rows


def test_null_bare_pair_empty_list_and_garbage_yield_nothing(data_dir):
    rows = candidates(load_pool(data_dir / "candidates_pool.csv"))
    assert not [r for r in rows if r[0] in (3, 4, 7, 8)]


def plan(pool, **options):
    engine = Engine(pool, GenerateOptions(**options))
    engine.prepare()
    engine.plan_runs()
    return engine


def test_runs_follow_type_then_id_first_appearance(data_dir):
    pool = load_pool(data_dir / "candidates_pool.csv")
    plan(pool)
    runs = pool.db.sql("SELECT acid_id, acid_type, registry FROM runs ORDER BY run_id").fetchall()
    assert runs == [
        ("o001", "observation", "candidate"), ("o002", "observation", "candidate"),
        ("o004", "observation", "candidate"), ("c1000", "mosaic", "candidate"),
        ("c1001", "background", "candidate"), ("42", "unknown", "candidate"),
        ("a3001", "discovered", "discover"),
    ]


def test_all_candidates_mode_has_no_discovery_run(data_dir):
    pool = load_pool(data_dir / "candidates_pool.csv")
    plan(pool, mode="all-candidates")
    assert pool.db.execute("SELECT count(*) FROM runs WHERE registry = 'discover'").fetchone()[0] == 0


def test_ids_mode_runs_only_the_ids_in_the_given_order(data_dir):
    pool = load_pool(data_dir / "candidates_pool.csv")
    plan(pool, mode="ids", ids=("c1001", "o001", "o999"))
    runs = pool.db.sql("SELECT acid_id FROM runs ORDER BY run_id").fetchall()
    assert runs == [("c1001",), ("o001",)]


def test_sub_pool_rewrites_the_candidate_cell(data_dir):
    pool = load_pool(data_dir / "candidates_pool.csv")
    plan(pool)
    rows = pool.db.sql(
        "SELECT ri._row, ri.asn_candidate FROM run_items ri JOIN runs USING (run_id) "
        "WHERE acid_id = 'c1000' ORDER BY _row").fetchall()
    assert rows == [(0, "[('c1000', 'mosaic')]"), (2, "[('c1000', 'mosaic')]")]


def test_sub_pool_selects_by_substring_as_the_reference(tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text("filename|asn_candidate\n"
                    "a|[('c100', 'group')]\n"
                    "b|[('c1000', 'mosaic')]\n")
    pool = load_pool(path)
    plan(pool)
    rows = pool.db.sql(
        "SELECT acid_id, list(_row ORDER BY _row) FROM run_items JOIN runs USING (run_id) "
        "WHERE registry = 'candidate' GROUP BY acid_id ORDER BY acid_id").fetchall()
    # 'c100' is a substring of "[('c1000', 'mosaic')]", so row b is in both sub-pools
    assert rows == [("c100", [0, 1]), ("c1000", [1])]
