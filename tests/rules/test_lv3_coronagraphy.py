"""Level 3 coronagraphy and AMI rules on a small pool.

tests/data/coronagraphy_ami_pool.csv holds NIRCam coronagraphy (o001 science
with a TA, on the occulted nrca2 and the unocculted nrca1, and a long-wave
exposure; o002 a PSF reference and a background target; candidate c1000),
MIRI coronagraphy (o003 4QPM and Lyot science, o004 a 4QPM PSF and a
background target; candidate c1001) and NIRISS AMI (o005 a TA and F480M and
F380M science, o006 an F480M PSF and a background target; candidate c1002).
The expected associations are the reference generator's output (jwst 3.0.0
asn_generate, default and --all-candidates) on this pool.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of

POOL = DATA / "coronagraphy_ami_pool.csv"


@pytest.fixture(scope="module")
def associations():
    return generate(POOL, version_id="20261123t000000")


def products(asns):
    return {a["products"][0]["name"]: sorted(members_of(a)) for a in asns}


def test_lv3ami_takes_psf_and_background_of_the_same_path(associations):
    assert products(by_rule(associations, "Asn_Lv3AMI")) == {
        "jw00001-c1002_t001_niriss_f480m-nrm-sub80": [
            ("jw_00021_cal.fits", "target_acquisition"),
            ("jw_00022_calints.fits", "science"),
            ("jw_00023_calints.fits", "psf"),
            ("jw_00024_x1dints.fits", "background"),
        ],
    }


def test_lv3ami_needs_a_psf(associations):
    # F380M has science only; the o005 F480M association has no PSF either
    names = products(by_rule(associations, "Asn_Lv3AMI"))
    assert not [n for n in names if "f380m" in n or n.startswith("jw00001-o005")]


def test_lv3mircoron_groups_one_exp_type_with_its_psf_and_no_background(associations):
    (asn,) = by_rule(associations, "Asn_Lv3MIRCoron")
    assert asn["asn_type"] == "coron3"
    assert products([asn]) == {
        "jw00001-c1001_t001_miri_4qpm-f1065c-mask1065": [
            ("jw_00011_calints.fits", "science"), ("jw_00012_calints.fits", "psf")],
    }


def test_lv3nrccoron_only_on_the_occulted_detector(associations):
    # nrca1 in full frame with MASKRND does not see the target; backgrounds are out;
    # o001 alone has no PSF, so only the cross-observation candidate is valid
    assert products(by_rule(associations, "Asn_Lv3NRCCoron")) == {
        "jw00001-c1000_t001_nircam_f210m-maskrnd": [
            ("jw_00001_cal.fits", "target_acquisition"),
            ("jw_00002_calints.fits", "science"),
            ("jw_00004_calints.fits", "psf"),
        ],
    }


def test_lv3nrccoronimage_processes_short_wave_full_frame_science_as_images(associations):
    (asn,) = by_rule(associations, "Asn_Lv3NRCCoronImage")
    assert asn["asn_type"] == "image3"
    assert asn.file_name == "jw00001-o001_20261123t000000_image3_00001_asn.json"
    # both SW detectors, `_cal` (no coronagraph integrations); no PSF, background or long wave
    assert products([asn]) == {
        "jw00001-o001_t001_nircam_f210m-maskrnd-image3": [
            ("jw_00001_cal.fits", "target_acquisition"),
            ("jw_00002_cal.fits", "science"),
            ("jw_00003_cal.fits", "science"),
        ],
    }
