"""The Level 2 TSOVISIT pin names the members that join after it `_rateints`.

tests/data/level2_tso_pin_pool.csv (NIRCam imaging, one observation): s1
(science), b1 (background target, TSOVISIT t, not a science pointing), b2
(background target, science pointing, no TSOVISIT). Asn_Lv2Image's
association of s1 takes b1, which pins TSOVISIT to t, then b2: b2 is named
_rateints, s1 (before the pin) keeps _rate. The expected members are the
reference generator's (jwst 3.0.0 asn_generate, default mode) on this pool.
"""

from __future__ import annotations

from asnsql import generate

from ..conftest import DATA, by_rule


def test_members_after_the_tso_pin_are_rateints():
    asns = generate(DATA / "level2_tso_pin_pool.csv", version_id="20261123t000000")
    assert [[(m["expname"], m["exptype"]) for p in a["products"] for m in p["members"]]
            for a in by_rule(asns, "Asn_Lv2Image")] == [
        [("s1_rate.fits", "science"), ("b1_rate.fits", "engineering"),
         ("b2_rateints.fits", "background")],
    ]
