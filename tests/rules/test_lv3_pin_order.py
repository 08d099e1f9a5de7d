"""Order-dependent pins of Level 3 associations, on a small pool.

tests/data/level3_pin_order_pool.csv: in o001 (NIRCam coronagraphy) a F210M
PSF and a F335M PSF come first, then science of target 2 and of target 1
without a FILTER; in o002 (MIRI coronagraphy) a TA with FILTER F1065C comes
before science and a PSF that have none. The expected associations are the
reference generator's output (jwst 3.0.0 asn_generate, default) on this pool.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of


@pytest.fixture(scope="module")
def associations():
    return generate(DATA / "level3_pin_order_pool.csv")


def products(asns):
    return {a["products"][0]["name"]: sorted(members_of(a)) for a in asns}


def test_reoffered_row_pins_the_filter_for_the_rows_after_it(associations):
    # target 1's association starts without a filter; the PSFs are offered to it
    # again in row order: F210M joins and fixes the filter, so F335M no longer fits
    assert products(by_rule(associations, "Asn_Lv3NRCCoron")) == {
        "jw00001-o001_t001_nircam_f210m-maskrnd-sub320a335r": [
            ("jw_00001_calints.fits", "psf"), ("jw_00004_calints.fits", "science")],
        "jw00001-o001_t002_nircam_f210m-maskrnd-sub320a335r": [
            ("jw_00001_calints.fits", "psf"), ("jw_00003_calints.fits", "science")],
        "jw00001-o001_t002_nircam_f335m-maskrnd-sub320a335r": [
            ("jw_00002_calints.fits", "psf"), ("jw_00003_calints.fits", "science")],
    }


def test_joining_target_acquisition_pins_an_unset_filter(associations):
    # the TA fails the rule's own tests only at SUBARRAY, after its FILTER was taken
    assert products(by_rule(associations, "Asn_Lv3MIRCoron")) == {
        "jw00001-o002_t001_miri_f1065c-mask1065": [
            ("jw_00011_cal.fits", "target_acquisition"),
            ("jw_00012_calints.fits", "science"), ("jw_00013_calints.fits", "psf")],
    }
