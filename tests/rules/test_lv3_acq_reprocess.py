"""Asn_Lv3ACQ_Reprocess: never an association of its own; its effect is that
target acquisitions join every Level 3 association of their observation.

Uses tests/data/time_series_soss_pool.csv (see test_lv3_time_series.py); the
expectations are the reference generator's output (jwst 3.0.0) on that pool.
"""

from __future__ import annotations

from asnsql import generate

from ..conftest import DATA, by_rule, members_of


def test_lv3acq_reprocess_never_makes_an_association():
    asns = generate(DATA / "time_series_soss_pool.csv", mode="all-candidates", finalize=False)
    assert by_rule(asns, "Asn_Lv3ACQ_Reprocess") == []


def test_target_acquisition_joins_every_level3_association_of_its_observation():
    asns = generate(DATA / "time_series_soss_pool.csv")
    with_ta = sorted(a["products"][0]["name"] for a in asns if a["asn_rule"].startswith("candidate_Asn_Lv3")
                     and ("jw_00001_cal.fits", "target_acquisition") in members_of(a))
    # both o001 associations; not o002 (another OBS_NUM)
    assert with_ta == ["jw00001-o001_t001_nircam_clear-f444w-subgrism64",
                       "jw00001-o001_t001_nircam_f444w-grismr-subgrism64"]
