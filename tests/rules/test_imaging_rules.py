"""The imaging rules on a small NIRCam pool: which exposures each rule groups.

tests/data/image_nircam_pool.csv holds, in one observation o001: a TA
(row 1), two F090W dithers (2, 3), one F200W (4), a background-target F090W
exposure of target 2 (5), a PSF reference F090W (6), an FGS image (7) and a
WFS&C sensing image (8). Expectations were checked against the reference
generator (jwst 3.0.0) by hand.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import by_rule, members_of


@pytest.fixture(scope="module")
def associations():
    from ..conftest import DATA

    return generate(DATA / "image_nircam_pool.csv")


def products(asns):
    return sorted(a["products"][0]["name"] for a in asns)


def test_lv2image_one_per_science_exposure_with_background_attached(associations):
    lv2 = by_rule(associations, "Asn_Lv2Image")
    # fgs_image is an IMAGE2 science type too: Lv2Image's association for it is
    # created after Lv2FGS's identical one, so pruning keeps Lv2Image's
    assert products(lv2) == ["jw_00002", "jw_00003", "jw_00004", "jw_00006", "jw_00007"]
    f090w = next(a for a in lv2 if a["products"][0]["name"] == "jw_00002")
    assert members_of(f090w) == [("jw_00002_rate.fits", "science"),
                                 ("jw_00005_rate.fits", "background")]
    f200w = next(a for a in lv2 if a["products"][0]["name"] == "jw_00004")
    assert members_of(f200w) == [("jw_00004_rate.fits", "science")]


def test_lv2image_skips_wfsc_visits(associations):
    assert "jw_00008" not in products(by_rule(associations, "Asn_Lv2Image"))


def test_lv2fgs_is_pruned_in_favour_of_the_identical_lv2image(associations):
    assert by_rule(associations, "Asn_Lv2FGS") == []


def test_lv2fgs_makes_one_association_per_fgs_exposure(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|exp_type|instrume|detector|targetid|asn_candidate\n"
        "g1_uncal.fits|1|fgs_focus|fgs|guider1|1|[('o001', 'observation')]\n"
        "g2_uncal.fits|1|fgs_focus|fgs|guider1|1|[('o001', 'observation')]\n")
    fgs = by_rule(generate(pool, mode="all-candidates"), "Asn_Lv2FGS")
    assert sorted(members_of(a)[0] for a in fgs) == [
        ("g1_rate.fits", "science"), ("g2_rate.fits", "science")]


def test_lv2image_nonscience_takes_the_target_acquisition_as_science(associations):
    (asn,) = by_rule(associations, "Asn_Lv2ImageNonScience")
    assert members_of(asn) == [("jw_00001_rate.fits", "science")]


def test_lv2image_special_processes_background_targets_alone(associations):
    # the PSF's own ImageSpecial association is a subset of its Lv2Image one
    # (same product name, one member fewer) and is pruned
    (special,) = by_rule(associations, "Asn_Lv2ImageSpecial")
    assert members_of(special) == [("jw_00005_rate.fits", "science")]


def test_lv3image_groups_by_filter_with_psf_and_ta(associations):
    lv3 = by_rule(associations, "Asn_Lv3Image")
    assert products(lv3) == ["jw01234-o001_t001_fgs_clear",
                             "jw01234-o001_t001_nircam_clear-f090w",
                             "jw01234-o001_t001_nircam_clear-f200w"]
    f090w = next(a for a in lv3 if a["products"][0]["name"].endswith("f090w"))
    assert sorted(members_of(f090w)) == [
        ("jw_00001_cal.fits", "target_acquisition"),
        ("jw_00002_cal.fits", "science"), ("jw_00003_cal.fits", "science"),
        ("jw_00006_cal.fits", "psf")]
    assert f090w["target"] == "t001"


def test_lv3image_never_takes_background_targets(associations):
    for asn in by_rule(associations, "Asn_Lv3Image"):
        assert ("jw_00005_cal.fits", "science") not in members_of(asn)


def test_lv3_target_acquisition_joins_on_obs_num(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|pntgtype|instrume|detector|targetid|filter|subarray|asn_candidate\n"
        "ta_uncal.fits|1|1|mir_tacq|target_acquisition|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n"
        "s1_uncal.fits|1|1|mir_image|science|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n"
        "ta2_uncal.fits|1|2|mir_tacq|target_acquisition|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n")
    (lv3,) = by_rule(generate(pool, mode="all-candidates"), "Asn_Lv3Image")
    assert sorted(members_of(lv3)) == [("s1_cal.fits", "science"),
                                       ("ta_cal.fits", "target_acquisition")]


def test_lv3image_mosaic_only_for_mosaic_candidates_with_two_observations(data_dir):
    asns = generate(data_dir.parent.parent / "examples" / "example_pool.csv", mode="all-candidates")
    (mosaic,) = by_rule(asns, "Asn_Lv3ImageMosaic")
    assert mosaic["asn_id"] == "c1000"
    assert mosaic["products"][0]["name"] == "jw01500-c1000_t000_nircam_clear-f090w"
    assert mosaic["target"] == "t000"


def test_lv3image_mosaic_not_made_from_one_observation(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|instrume|targetid|filter|subarray|asn_candidate\n"
        "a_uncal.fits|1|1|nis_image|niriss|1|f150w|full|[('o001', 'observation'), ('c1000', 'mosaic')]\n"
        "b_uncal.fits|1|1|nis_image|niriss|1|f150w|full|[('o001', 'observation'), ('c1000', 'mosaic')]\n")
    assert by_rule(generate(pool, mode="all-candidates"), "Asn_Lv3ImageMosaic") == []


def test_lv3image_null_filter_joins_every_filter_group(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|instrume|targetid|filter|pupil|subarray|asn_candidate\n"
        "n_uncal.fits|1|1|nis_image|niriss|1|null|clear|full|[('o001', 'observation')]\n"
        "a_uncal.fits|1|1|nis_image|niriss|1|f150w|clear|full|[('o001', 'observation')]\n"
        "b_uncal.fits|1|1|nis_image|niriss|1|f200w|clear|full|[('o001', 'observation')]\n")
    lv3 = by_rule(generate(pool, mode="all-candidates"), "Asn_Lv3Image")
    assert {a["products"][0]["name"]: sorted(e for e, _ in members_of(a)) for a in lv3} == {
        "jw00001-o001_t001_niriss_clear-f150w": ["a_cal.fits", "n_cal.fits"],
        "jw00001-o001_t001_niriss_clear-f200w": ["b_cal.fits", "n_cal.fits"],
    }
