"""Asn_Lv2WFSC: one association per science exposure of a WFS&C visit.

Expectations are the output of the reference generator (jwst 3.0.0,
`asn_generate --all-candidates`) on the same pool.
"""

from __future__ import annotations

from asnsql import generate

from ..conftest import by_rule, members_of


def test_lv2wfsc_takes_wfsc_visits_but_not_los_jitter_images(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|pntgtype|instrume|detector|filter|pupil|subarray|targetid"
        "|visitype|patttype|dms_note|asn_candidate\n"
        "w1_uncal.fits|1234|1|nrc_image|science|nircam|nrca3|f212n|wlp8|full|1|prime_wfsc_routine|wfsc|null|[('o001', 'observation')]\n"
        "w2_uncal.fits|1234|1|nrc_image|science|nircam|nrca3|f212n|wlp8|full|1|prime_wfsc_routine|wfsc|wfsc_los_jitter|[('o001', 'observation')]\n"
        "w3_uncal.fits|1234|1|nrc_image|science|nircam|nrca3|f212n|wlp8|full|1|wfsc|wfsc|null|[('o001', 'observation')]\n"
        "w4_uncal.fits|1234|1|nrc_image|science|nircam|nrca3|f212n|wlm8|full|1|prime_wfsc_routine|wfsc|null|[('o001', 'observation')]\n")
    asns = generate(pool, mode="all-candidates", version_id="20261123t000000")
    wfsc = by_rule(asns, "Asn_Lv2WFSC")
    assert sorted((a.asn_name, members_of(a)) for a in wfsc) == [
        ("jw01234-o001_20261123t000000_image2_00001_asn", [("w4_rate.fits", "science")]),
        ("jw01234-o001_20261123t000000_image2_00003_asn", [("w1_rate.fits", "science")]),
    ]
    # w2 is a line-of-sight jitter image: in no association; w3's VISITYPE is
    # exactly 'wfsc' (no WFS&C visit): an ordinary image
    (image,) = by_rule(asns, "Asn_Lv2Image")
    assert members_of(image) == [("w3_rate.fits", "science")]
    assert all("w2_rate.fits" not in dict(members_of(a)) for a in asns)
