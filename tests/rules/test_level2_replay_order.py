"""Level 2 spectroscopy replayed in row order, member order included.

tests/data/level2_replay_order_pool.csv (MIRI MRS, one observation): b1
(background target), s1, s2 (science, tile 1), b2 (background), s3 (science,
tile 2). The expected files are the reference generator's (jwst 3.0.0
asn_generate, default mode) on this pool, with their members in the order the
reference wrote them: the order of addition (the creator, the rows of the
first pass, then the re-offered backgrounds). This is where Asn_Lv2Spec's
replay must know when an association got its science exposure (s1 joins the
association b1 started, s2 does not) and must keep a member at its first join
(b2 joins s2's association in the first pass, not when re-offered).
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA

NAME = "jw01234-o001_20261123t000000_spec2_{:05d}_asn.json"


@pytest.fixture(scope="module")
def spec2():
    asns = generate(DATA / "level2_replay_order_pool.csv", version_id="20261123t000000")
    return {a.file_name: [(m["expname"], m["exptype"]) for p in a["products"] for m in p["members"]]
            for a in asns if a["asn_type"] == "spec2"}


def test_members_in_the_references_order(spec2):
    assert spec2 == {
        NAME.format(1): [("s3_rate.fits", "science"), ("b1_rate.fits", "background"),
                         ("b2_rate.fits", "background")],
        NAME.format(2): [("b2_rate.fits", "science")],
        NAME.format(3): [("s2_rate.fits", "science"), ("b2_rate.fits", "background"),
                         ("b1_rate.fits", "background")],
        NAME.format(4): [("b1_rate.fits", "science")],
        NAME.format(5): [("b1_rate.fits", "background"), ("s1_rate.fits", "science"),
                         ("b2_rate.fits", "background")],
    }
