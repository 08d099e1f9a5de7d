"""Level 3 background-target imaging rule on a small pool.

tests/data/background_image_pool.csv holds MIRI F770W imaging of a target
(o001) and of a background field (BKGDTARG = t: o002 with F770W and F1500W,
o003 with F770W), all in the background candidate c1000, plus one TSO
background exposure. The expected associations are the reference
generator's output (jwst 3.0.0 asn_generate, default) on this pool.
"""

from __future__ import annotations

from asnsql import generate

from ..conftest import DATA, by_rule, members_of

POOL = DATA / "background_image_pool.csv"


def test_lv3imagebackground_groups_background_targets_as_science():
    asns = generate(POOL, version_id="20261123t000000")
    background = by_rule(asns, "Asn_Lv3ImageBackground")
    assert {a["asn_id"] + " " + a["products"][0]["name"]: sorted(members_of(a))
            for a in background} == {
        # the background candidate spans two observations: kept by finalization
        "c1000 jw00001-c1000_t002_miri_f770w": [
            ("jw_00002_cal.fits", "science"), ("jw_00003_cal.fits", "science"),
            ("jw_00004_cal.fits", "science")],
        "o002 jw00001-o002_t002_miri_f1500w": [("jw_00005_cal.fits", "science")],
        "o002 jw00001-o002_t002_miri_f770w": [
            ("jw_00002_cal.fits", "science"), ("jw_00003_cal.fits", "science")],
        "o003 jw00001-o003_t002_miri_f770w": [("jw_00004_cal.fits", "science")],
    }
    assert {a["target"] for a in background} == {"t002"}


def test_lv3imagebackground_leaves_out_targets_and_tso():
    asns = generate(POOL, version_id="20261123t000000")
    members = {m for a in by_rule(asns, "Asn_Lv3ImageBackground") for m, _ in members_of(a)}
    assert "jw_00001_cal.fits" not in members          # no BKGDTARG: Asn_Lv3Image's
    assert not [m for m in members if m.startswith("jw_00006")]   # TSO
    (image,) = by_rule(asns, "Asn_Lv3Image")
    assert members_of(image) == [("jw_00001_cal.fits", "science")]
