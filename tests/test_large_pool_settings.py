"""What the engine does differently on very large pools (items as a view instead
of a table; tables compressed between stages) changes no byte of the output."""

from __future__ import annotations

import pytest

from asnsql import load_pool
from asnsql.engine import Engine, GenerateOptions

from .conftest import DATA

POOLS = ["image_nircam_pool.csv", "wfss_parallel_pool.csv", "coronagraphy_ami_pool.csv",
         "l3_spec_ta_pool.csv", "l3_spec_msa_pool.csv", "wfss_pool.csv",
         "background_candidate_pool.csv", "level3_pin_order_pool.csv"]
ORDINARY = {"items_table_max_rows": 10**9, "compact_min_run_items": 10**9}
LARGE = {"items_table_max_rows": 0, "compact_min_run_items": 0}


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


@pytest.mark.parametrize("mode", ["default", "all-candidates"])
@pytest.mark.parametrize("pool_file", POOLS)
def test_large_pool_settings_give_the_same_files(pool_file, mode):
    ordinary, ordinary_kind, ordinary_compressed = _generate(pool_file, mode, ORDINARY)
    large, large_kind, large_compressed = _generate(pool_file, mode, LARGE)
    assert (ordinary_kind, large_kind) == ("BASE TABLE", "VIEW")
    assert (ordinary_compressed, large_compressed) == (False, True)
    assert ordinary, "the pool makes associations"
    assert large == ordinary
