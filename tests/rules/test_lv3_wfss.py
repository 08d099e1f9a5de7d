"""Level 3 wide-field slitless spectroscopy rules on a small pool.

tests/data/wfss_pool.csv holds NIRCam grism exposures (o001: GRISMR on two
detectors, GRISMC, pupil CLEAR, a GRISMR background target), NIRISS grism
exposures (o002: GR150R in two subarrays, GR150C, FILTER CLEAR) and MIRI
slitless exposures (o003: P750L in two subarrays, F560W). The expected
associations are the reference generator's output (jwst 3.0.0 asn_generate,
default) on this pool.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of

POOL = DATA / "wfss_pool.csv"


@pytest.fixture(scope="module")
def associations():
    return generate(POOL, version_id="20261123t000000")


def products(asns):
    return {a["products"][0]["name"]: sorted(members_of(a)) for a in asns}


def test_lv3wfssnrc_one_association_per_grism_and_filter(associations):
    # detectors are not grouped; a background target joins without the target test;
    # pupil CLEAR is no grism
    assert products(by_rule(associations, "Asn_Lv3WFSSNRC")) == {
        "jw00001-o001_t001_nircam_f444w-grismc": [("jw_00003_cal.fits", "science")],
        "jw00001-o001_t001_nircam_f444w-grismr": [
            ("jw_00001_cal.fits", "science"), ("jw_00002_cal.fits", "science"),
            ("jw_00005_x1d.fits", "background")],
    }


def test_lv3wfssnis_one_association_per_grism_and_blocking_filter(associations):
    # subarrays are not grouped; FILTER CLEAR is no grism
    assert products(by_rule(associations, "Asn_Lv3WFSSNIS")) == {
        "jw00001-o002_t001_niriss_f150w-gr150c": [("jw_00012_cal.fits", "science")],
        "jw00001-o002_t001_niriss_f150w-gr150r": [
            ("jw_00011_cal.fits", "science"), ("jw_00013_cal.fits", "science")],
    }


def test_lv3wfssmir_takes_the_p750l_prism_only(associations):
    assert products(by_rule(associations, "Asn_Lv3WFSSMIR")) == {
        "jw00001-o003_t001_miri_p750l": [
            ("jw_00021_cal.fits", "science"), ("jw_00022_cal.fits", "science")],
    }
