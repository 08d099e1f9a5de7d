"""Tiny pools for the rules no corpus pool exercises, against the reference's own output.

Each folder tests/data/reference/<pool>/ holds the association files the
reference generator wrote for tests/data/<pool>.csv:

    asn_generate tests/data/<pool>.csv -p tests/data/reference/<pool> \\
        --version-id 20261123t000000                    (jwst 3.0.0, default mode)

They are the expectation: asnsql must write the same files (same names) holding
the same associations, compared as the corpus comparator (asncompare.py) does,
by identity key: asn_type, and per product its name and its members as
(expname, exptype), orders left out.

| pool | rules no corpus pool exercises |
|---|---|
| nrc_coron_image_pool | Asn_Lv2CoronAsRate, Asn_Lv3NRCCoronImage, Asn_Lv3ACQ_Reprocess (TA before the science) |
| miri_lrs_nod_pool | Asn_Lv2MIRLRSFixedSlitNod (and Asn_MIRLRSTAConfirm, TSO slitless) |
| miri_lrs_long_program_pool | Asn_MIRLRSTAConfirm over one program of 20 exposures: TA confirms and backgrounds meeting associations that have their science exposure, a TA confirm starting one that a later science exposure completes, TSO and non-TSO, no OBS_ID |
| nirspec_lamp_image_pool | Asn_Lv2NRSLAMPImage, Asn_Lv2NRSLAMPSpectral |
| wfss_nrc_mir_pool | Asn_Lv2WFSSNRC, Asn_Lv3WFSSNRC (and MIRI: Asn_Lv2WFSSMIR, Asn_Lv3WFSSMIR) |
| wfss_parallel_niriss_pool | Asn_Lv2WFSSParallel |
| wfss_parallel_tso_direct_pool | Asn_Lv2WFSSParallel with a TSO direct image: it has no TSOVISIT pin, the grism stays `_rate` |
| image_background_miri_pool | Asn_Lv3ImageBackground |
| soss_pool | Asn_Lv3SlitlessSpectral |
| fgs_pool | (Asn_Lv2FGS surviving pruning, for its must-not-fire case) |

The cases where each of these rules must not fire (one changed value) are in
test_rule_coverage.py.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from asnsql import generate

from ..conftest import DATA

REFERENCE = DATA / "reference"
VERSION_ID = "20261123t000000"
POOLS = sorted(p.name for p in REFERENCE.iterdir() if p.is_dir())


def identity_key(asn: dict) -> tuple:
    """asncompare's identity key: asn_type and the sorted (name, sorted members) of the products."""
    return (asn["asn_type"],
            tuple(sorted((p["name"], tuple(sorted((m["expname"], m["exptype"]) for m in p["members"])))
                         for p in asn["products"])))


def expected(pool: str) -> dict[str, tuple]:
    """File name -> identity key of the reference's associations."""
    return {f.name: identity_key(json.loads(f.read_text()))
            for f in sorted((REFERENCE / pool).glob("*_asn.json"))}


@pytest.fixture(scope="module", params=POOLS)
def pool_outputs(request):
    pool = request.param
    return pool, expected(pool), generate(DATA / f"{pool}.csv", version_id=VERSION_ID)


def test_every_reference_folder_has_its_pool():
    assert POOLS, "no reference outputs found"
    for pool in POOLS:
        assert (DATA / f"{pool}.csv").is_file(), pool
        assert list((REFERENCE / pool).glob("*_asn.json")), pool


def test_same_associations_as_the_reference(pool_outputs):
    _, wanted, asns = pool_outputs
    assert Counter(map(identity_key, asns)) == Counter(wanted.values())


def test_same_file_names_as_the_reference(pool_outputs):
    _, wanted, asns = pool_outputs
    assert {a.file_name: identity_key(a) for a in asns} == wanted


def test_same_rules_as_the_reference(pool_outputs):
    pool, wanted, asns = pool_outputs
    rules = {f.name: json.loads(f.read_text())["asn_rule"] for f in (REFERENCE / pool).glob("*_asn.json")}
    assert {a.file_name: a["asn_rule"] for a in asns} == rules
