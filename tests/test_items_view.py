"""`items` is a table on ordinary pools and a view on very large ones: both give
the same associations, byte for byte (the rules never depend on how it is stored)."""

from __future__ import annotations

import pytest

from asnsql import load_pool
from asnsql.engine import Engine, GenerateOptions

from .conftest import DATA

POOLS = ["image_nircam_pool.csv", "wfss_parallel_pool.csv", "coronagraphy_ami_pool.csv", "l3_spec_ta_pool.csv",
         "l3_spec_msa_pool.csv", "wfss_pool.csv", "background_candidate_pool.csv",
         "level3_pin_order_pool.csv"]


def _texts(pool_file: str, mode: str, items_table_max_rows: int) -> tuple[list[tuple[str, str]], str]:
    pool = load_pool(DATA / pool_file)
    engine = Engine(pool, GenerateOptions(mode=mode, version_id="20261124t000000"))
    engine.items_table_max_rows = items_table_max_rows
    engine.run()
    files = [(f.asn_name, f.text) for f in engine.association_files()]
    kind = pool.db.execute("SELECT table_type FROM information_schema.tables "
                           "WHERE table_name = 'items'").fetchall()[0][0]
    return files, kind


@pytest.mark.parametrize("mode", ["default", "all-candidates"])
@pytest.mark.parametrize("pool_file", POOLS)
def test_items_view_gives_the_same_files(pool_file, mode):
    as_table, table_kind = _texts(pool_file, mode, items_table_max_rows=10**9)
    as_view, view_kind = _texts(pool_file, mode, items_table_max_rows=0)
    assert (table_kind, view_kind) == ("BASE TABLE", "VIEW")
    assert as_table, "the pool makes associations"
    assert as_view == as_table
