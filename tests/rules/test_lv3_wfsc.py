"""Level 3 WFS&C combination rule on a small pool.

tests/data/wfsc_pool.csv holds NIRCam WFS&C images of one observation:
activity 02 (three dithers, two with the same pupil), activity 03 (one
exposure), activity 04 (LOS jitter) and activity 12 (two dithers, also in
the group candidate c1000). The expected associations are the reference
generator's output (jwst 3.0.0 asn_generate, default, and --all-candidates
--no-finalize for the candidate-type check).
"""

from __future__ import annotations

from asnsql import generate

from ..conftest import DATA, by_rule, members_of

POOL = DATA / "wfsc_pool.csv"


def test_lv3wfscmb_pairs_dithers_per_activity_and_pupil():
    asns = by_rule(generate(POOL, version_id="20261123t000000"), "Asn_Lv3WFSCMB")
    assert {a["products"][0]["name"]: sorted(members_of(a)) for a in asns} == {
        "jw00001-o001_t001_nircam_f212n-wlp8-sub96dhspila-nrca3_{suffix}-02": [
            ("jw_00001_cal.fits", "science"), ("jw_00003_cal.fits", "science")],
        "jw00001-o001_t001_nircam_f212n-wlp8-sub96dhspila-nrca3_{suffix}-12": [
            ("jw_00007_cal.fits", "science"), ("jw_00008_cal.fits", "science")],
    }
    assert {a["asn_type"] for a in asns} == {"wfs-image3"}
    assert sorted(a.file_name for a in asns) == [
        "jw00001-o001_20261123t000000_wfs-image3_00001_asn.json",
        "jw00001-o001_20261123t000000_wfs-image3_00002_asn.json",
    ]


def test_lv3wfscmb_needs_a_pair_and_refuses_jitter_and_group_candidates():
    # the WLM8 dither of activity 02 and activity 03 are alone; 04 is LOS jitter;
    # without finalization c1000 (one observation) is refused by its type alone
    asns = by_rule(generate(POOL, mode="all-candidates", finalize=False), "Asn_Lv3WFSCMB")
    assert sorted(a["asn_id"] + " " + a["products"][0]["name"][-2:] for a in asns) == [
        "o001 02", "o001 12"]
