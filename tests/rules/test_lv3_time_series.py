"""Level 3 time-series and single-object slitless rules on a small pool.

tests/data/time_series_soss_pool.csv holds NIRCam TSO exposures (o001: a TA,
two TS images, a TS grism with pupil CLEAR and one with GRISMR; o002: a TS
grism; all also in the group candidate c1000), NIRISS SOSS TSO exposures
(o003: calibrated, F277W, NINTS = 1) and non-TSO SOSS exposures (o004: two
plain, one with a nod PATTTYPE, one background target). The expected
associations are the reference generator's output (jwst 3.0.0 asn_generate,
default, and --all-candidates --no-finalize for the candidate-type check).
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of

POOL = DATA / "time_series_soss_pool.csv"


@pytest.fixture(scope="module")
def associations():
    return generate(POOL, version_id="20261123t000000")


def products(asns):
    return {a["asn_id"] + " " + a["products"][0]["name"]: sorted(members_of(a)) for a in asns}


def test_lv3tso_groups_tso_exposures_by_exp_type_and_path(associations):
    assert products(by_rule(associations, "Asn_Lv3TSO")) == {
        "o001 jw00001-o001_t001_nircam_clear-f444w-subgrism64": [
            ("jw_00001_cal.fits", "target_acquisition"),
            ("jw_00002_calints.fits", "science"), ("jw_00003_calints.fits", "science")],
        # the TS grism with pupil CLEAR is an engineering mode: left out
        "o001 jw00001-o001_t001_nircam_f444w-grismr-subgrism64": [
            ("jw_00001_cal.fits", "target_acquisition"), ("jw_00005_calints.fits", "science")],
        "o002 jw00001-o002_t001_nircam_f444w-grismr-subgrism64": [
            ("jw_00006_calints.fits", "science")],
        # SOSS with F277W or with one integration is left out
        "o003 jw00001-o003_t001_niriss_clear-gr700xd-substrip256": [
            ("jw_00011_calints.fits", "science")],
    }


def test_lv3tso_only_for_observation_candidates():
    # without finalization the group candidate's two observations would pass the
    # multi-observation check: it is the candidate type that refuses them
    asns = generate(POOL, mode="all-candidates", finalize=False)
    assert {a["asn_id"] for a in by_rule(asns, "Asn_Lv3TSO")} == {"o001", "o002", "o003"}


def test_lv3slitlessspectral_takes_soss_without_pattern_and_not_tso(associations):
    assert products(by_rule(associations, "Asn_Lv3SlitlessSpectral")) == {
        "o004 jw00001-o004_t001_niriss_clear-gr700xd-substrip96": [
            ("jw_00021_cal.fits", "science"), ("jw_00022_cal.fits", "science"),
            ("jw_00024_x1d.fits", "background")],
    }
