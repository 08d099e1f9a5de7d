"""--no-finalize at parity: file names (sequence numbers of invalid associations
included) and contents as the reference writes them.

The expectations under tests/data/reference_no_finalize/<pool>/ are the output of
the reference generator (jwst 3.0.0: `asn_generate POOL --no-finalize --version-id
20261123t000000`) on corpus pools, read from ../shared, and on the project's own
pools under tests/data (miri_lrs_long_program_pool: a TA confirm that starts an
invalid association in a rule whose first selection is the nods).
"""

from __future__ import annotations

import json

import pytest

from asnsql import generate

from .conftest import CORPUS, DATA

EXPECTED = DATA / "reference_no_finalize"
POOLS = sorted(p.name for p in EXPECTED.iterdir())



def pool_file(pool_name: str):
    """The project's own pool of that name, else the corpus pool (skipped when absent)."""
    own = DATA / f"{pool_name}.csv"
    if own.is_file():
        return own
    if not (CORPUS / "pools").is_dir():
        pytest.skip("../shared/corpus (the pools) is not beside this checkout")
    return CORPUS / "pools" / f"{pool_name}.csv"


def identity(asn: dict) -> tuple:
    return (asn["asn_type"], asn["asn_rule"], tuple(
        (p["name"], tuple((m["expname"], m["exptype"]) for m in p["members"]))
        for p in asn["products"]))


@pytest.mark.parametrize("pool_name", POOLS)
def test_no_finalize_writes_what_the_reference_writes(pool_name):
    expected = {p.name: identity(json.loads(p.read_text()))
                for p in (EXPECTED / pool_name).glob("*_asn.json")}
    actual = {a.file_name: identity(a) for a in generate(
        pool_file(pool_name), finalize=False, version_id="20261123t000000")}
    assert sorted(actual) == sorted(expected)
    assert actual == expected
