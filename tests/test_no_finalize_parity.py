"""--no-finalize at parity: file names (sequence numbers of invalid associations
included) and contents as the reference writes them.

The expectations under tests/data/reference_no_finalize/<pool>/ are the output of
the reference generator (jwst 3.0.0: `asn_generate POOL --no-finalize --version-id
20261123t000000`) on corpus pools; the pools themselves are read from ../shared.
"""

from __future__ import annotations

import json

import pytest

from asnsql import generate

from .conftest import CORPUS, DATA

EXPECTED = DATA / "reference_no_finalize"
POOLS = sorted(p.name for p in EXPECTED.iterdir())

pytestmark = pytest.mark.skipif(not (CORPUS / "pools").is_dir(),
                                reason="../shared/corpus (the pools) is not beside this checkout")


def identity(asn: dict) -> tuple:
    return (asn["asn_type"], asn["asn_rule"], tuple(
        (p["name"], tuple((m["expname"], m["exptype"]) for m in p["members"]))
        for p in asn["products"]))


@pytest.mark.parametrize("pool_name", POOLS)
def test_no_finalize_writes_what_the_reference_writes(pool_name):
    expected = {p.name: identity(json.loads(p.read_text()))
                for p in (EXPECTED / pool_name).glob("*_asn.json")}
    actual = {a.file_name: identity(a) for a in generate(
        CORPUS / "pools" / f"{pool_name}.csv", finalize=False, version_id="20261123t000000")}
    assert sorted(actual) == sorted(expected)
    assert actual == expected
