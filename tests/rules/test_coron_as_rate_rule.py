"""Asn_Lv2CoronAsRate: full-frame NIRCam coronagraphy as _rate images.

Expectations are the output of the reference generator (jwst 3.0.0,
`asn_generate --all-candidates`) on the same pool.
"""

from __future__ import annotations

from asnsql import generate

from ..conftest import by_rule, members_of


def test_lv2coronasrate_on_the_occulting_detector_in_full_frame(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|pntgtype|instrume|detector|filter|pupil|subarray|targetid"
        "|bkgdtarg|is_psf|tsovisit|asn_candidate\n"
        "c1_uncal.fits|1234|1|nrc_coron|science|nircam|nrca2|f210m|maskrnd|full|1|f|f|f|[('o001', 'observation')]\n"
        "c2_uncal.fits|1234|1|nrc_coron|science|nircam|nrca1|f210m|maskrnd|full|1|f|f|f|[('o001', 'observation')]\n"
        "c3_uncal.fits|1234|1|nrc_coron|science|nircam|nrca2|f210m|maskrnd|sub320a210r|1|f|f|f|[('o001', 'observation')]\n"
        "c4_uncal.fits|1234|1|nrc_coron|science|nircam|nrca2|f210m|maskrnd|full|2|t|f|f|[('o001', 'observation')]\n"
        "c5_uncal.fits|1234|1|nrc_coron|science|nircam|nrca4|f335m|maskbar|full|1|f|f|f|[('o001', 'observation')]\n"
        "c6_uncal.fits|1234|1|nrc_coron|science|nircam|nrca2|f210m|maskrnd|full|3|f|t|f|[('o001', 'observation')]\n")
    asns = generate(pool, mode="all-candidates", version_id="20261123t000000")
    # c2: maskrnd does not occult on nrca1; c3: not full frame; c4: a
    # background target, attached to every association of its mode
    assert sorted((a.asn_name, a["target"], members_of(a)) for a in by_rule(asns, "Asn_Lv2CoronAsRate")) == [
        ("jw01234-o001_20261123t000000_image2_00002_asn", "3",
         [("c6_rate.fits", "science"), ("c4_rate.fits", "background")]),
        ("jw01234-o001_20261123t000000_image2_00004_asn", "1", [("c5_rate.fits", "science")]),
        ("jw01234-o001_20261123t000000_image2_00009_asn", "1",
         [("c1_rate.fits", "science"), ("c4_rate.fits", "background")]),
    ]
    # Asn_Lv2Image makes the same products with _rateints members: both are kept
    assert ("c1_rateints.fits", "science") in members_of(
        next(a for a in by_rule(asns, "Asn_Lv2Image") if a["products"][0]["name"] == "c1"))
