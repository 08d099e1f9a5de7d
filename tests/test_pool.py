"""Reading pools: astropy semantics, case folding, empty tokens, row order."""

from __future__ import annotations

import numpy as np
import pytest

from asnsql import load_pool
from asnsql.engine import prepare_pool
from asnsql.errors import PoolError


def test_columns_and_values_are_lower_cased(data_dir):
    pool = load_pool(data_dir / "loading_pool.csv")
    assert pool.columns[:3] == ("filename", "program", "obs_num")
    first = pool.db.execute("SELECT filename FROM pool WHERE _row = 0").fetchone()[0]
    assert first == "jw_00001_uncal.fits"


def test_numbers_keep_their_text(data_dir):
    pool = load_pool(data_dir / "loading_pool.csv")
    rows = pool.db.sql("SELECT program, obs_num FROM pool ORDER BY _row").fetchall()
    assert rows == [("00042", "001"), ("42", "1.0"), ("7", "01")]


def test_row_order_is_file_order_and_comments_are_skipped(data_dir):
    pool = load_pool(data_dir / "loading_pool.csv")
    assert pool.n_rows == 3
    names = [r[0] for r in pool.db.sql("SELECT filename FROM pool ORDER BY _row").fetchall()]
    assert names == ["jw_00001_uncal.fits", "jw_00002_uncal.fits", "jw_00003_uncal.fits"]


def test_quoted_cells_keep_the_delimiter_and_single_quotes(data_dir):
    pool = load_pool(data_dir / "loading_pool.csv")
    quoted = [r[0] for r in pool.db.sql("SELECT quoted FROM pool ORDER BY _row").fetchall()]
    assert quoted[0] == "a|b"
    assert quoted[1] == "'single'"


def test_empty_cells_become_null_truncated_to_column_width(data_dir):
    # astropy fills masked cells with 'null' cut to the column's width, as the
    # reference does: widths 1, 2 and 3 give 'n', 'nu' and 'nul'.
    pool = load_pool(data_dir / "loading_pool.csv")
    x, xy, xyz = zip(*pool.db.sql("SELECT x, xy, xyz FROM pool ORDER BY _row").fetchall())
    assert x[0] == "n"
    assert xy[1] == "nu"
    assert xyz[2] == "nul"


def test_empty_tokens_are_not_valid_values(data_dir):
    pool = load_pool(data_dir / "loading_pool.csv")
    prepare_pool(pool)
    rows = pool.db.sql("SELECT x, xy, xyz, flag FROM exposures ORDER BY _row").fetchall()
    # 'n' (width-1 fill) and f/null are empty tokens; 'nu' and 'nul' are valid text
    assert rows[0] == (None, "ab", "abc", "t")
    assert rows[1] == ("x", "nu", "abc", None)
    assert rows[2] == ("y", "cd", "nul", None)


def test_missing_known_columns_read_as_null(data_dir):
    pool = load_pool(data_dir / "loading_pool.csv")
    prepare_pool(pool)
    assert pool.db.execute("SELECT count(*) FROM exposures WHERE pupil IS NULL").fetchone()[0] == 3


def test_other_delimiter(tmp_path):
    path = tmp_path / "comma.csv"
    path.write_text("FILENAME,EXP_TYPE\nA_uncal.fits,MIR_IMAGE\n")
    pool = load_pool(path, delimiter=",")
    assert pool.db.sql("SELECT filename, exp_type FROM pool").fetchall() == [("a_uncal.fits", "mir_image")]


def test_ecsv_pool_format(tmp_path):
    from astropy.table import Table

    table = Table({"FILENAME": ["A_uncal.fits"], "OBS_NUM": np.array([3])})
    path = tmp_path / "pool.ecsv"
    table.write(path, format="ascii.ecsv")
    pool = load_pool(path, fmt="ascii.ecsv")
    assert pool.db.sql("SELECT filename, obs_num FROM pool").fetchall() == [("a_uncal.fits", "3")]


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(PoolError, match="no such pool file"):
        load_pool(tmp_path / "absent.csv")


def test_pool_name_is_the_base_name(data_dir):
    assert load_pool(data_dir / "loading_pool.csv").name == "loading_pool.csv"


def test_one_connection_takes_pools_read_by_duckdb_and_by_astropy_in_turn(tmp_path):
    # DuckDB's reader makes `pool` a view, astropy's a table: each replaces the other
    import duckdb

    path = tmp_path / "p.csv"
    path.write_text("FILENAME|PROGRAM\na.fits|1\nb.fits|2\n")
    db = duckdb.connect()
    for fast in (True, False, True):
        pool = load_pool(path, db=db, fast=fast)
        assert db.execute("SELECT filename FROM pool ORDER BY _row").fetchall() == [("a.fits",), ("b.fits",)]
        assert pool.n_rows == 2
        kinds = db.execute("SELECT table_type FROM information_schema.tables "
                           "WHERE table_name = 'pool'").fetchall()
        assert kinds == [("VIEW" if fast else "BASE TABLE",)]


def test_dropping_a_relation_looks_only_in_the_pools_database():
    from asnsql.pool import drop_relation, new_connection

    db = new_connection()
    db.execute("CREATE TABLE memory.main.pool AS SELECT 1 AS x")  # another database's table
    db.execute("CREATE VIEW pool AS SELECT 2 AS x")
    drop_relation(db, "pool")
    drop_relation(db, "pool")  # nothing left to drop in the pool's database: no error
    assert db.execute("SELECT x FROM memory.main.pool").fetchall() == [(1,)]
    assert db.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'pool'").fetchall() == [(0,)]


def test_queries_side_by_side_give_their_rows_in_order_and_the_first_error(data_dir):
    from asnsql.duck import duckdb
    from asnsql.pool import fetch_side_by_side

    pool = load_pool(data_dir / "image_nircam_pool.csv")
    rows = fetch_side_by_side(pool.db, ["SELECT count(*) FROM pool", "SELECT 2", "SELECT range FROM range(3, 5) ORDER BY 1"])
    assert rows == [[(pool.n_rows,)], [(2,)], [(3,), (4,)]]
    with pytest.raises(duckdb.Error, match="no_such_table"):
        fetch_side_by_side(pool.db, ["SELECT 1", "SELECT * FROM no_such_table"])
    assert fetch_side_by_side(pool.db, ["SELECT 5"]) == [[(5,)]]
