"""Level 2b WFSS rules: grism exposures with the catalogs of their direct images.

The pools are tests/data/wfss_*_pool.csv; every expectation below is the
output of the reference generator (jwst 3.0.0, `asn_generate
--all-candidates --version-id 20261123t000000`) on the same pool.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of


def catalog(name: str) -> list[tuple[str, str]]:
    return [(name + "_i2d.fits", "direct_image"), (name + "_cat.ecsv", "sourcecat"),
            (name + "_segm.fits", "segmap")]


def summary(asns: list[dict]) -> dict[str, list[tuple[str, str]]]:
    return {a.asn_name: members_of(a) for a in asns}


@pytest.fixture(scope="module")
def nircam_miri():
    return generate(DATA / "wfss_nircam_miri_pool.csv", mode="all-candidates",
                    version_id="20261123t000000")


def test_lv2wfssnrc_takes_the_next_direct_image_of_the_detector(nircam_miri):
    # g1, g2: the direct image with the smallest EXPSPCIN above theirs is d2
    # (f356w); g4 comes after every direct image: the first one, d1 (f277w);
    # gb is a background target: it joins g1's association, which existed
    # when it came; g3 is on nrcblong, where there is no direct image
    # (keyed by product name: gb also gets an Asn_Lv2SpecSpecial spec2
    # association, which takes a sequence number)
    f356w = catalog("jw01234-o001_t001_nircam_clear-f356w")
    assert {a["products"][0]["name"]: members_of(a) for a in by_rule(nircam_miri, "Asn_Lv2WFSSNRC")} == {
        "g4_nrcalong": [("g4_nrcalong_rate.fits", "science")] + catalog("jw01234-o001_t001_nircam_clear-f277w"),
        "g2_nrcalong": [("g2_nrcalong_rate.fits", "science")] + f356w,
        "g1_nrcalong": [("g1_nrcalong_rate.fits", "science"), ("gb_nrcalong_rate.fits", "background")] + f356w,
    }


def test_catalog_members_carry_only_expname_and_exptype(nircam_miri):
    asn = by_rule(nircam_miri, "Asn_Lv2WFSSNRC")[0]
    members = asn["products"][0]["members"]
    assert set(members[0]) == {"expname", "exptype", "exposerr"}
    assert all(set(m) == {"expname", "exptype"} for m in members[1:])


def test_lv2wfssmir_names_the_catalog_with_the_raw_filter_text(nircam_miri):
    # m2, the only direct image of the target, has an empty FILTER: the
    # reference writes the pool's text, 'null'; m3 has another target
    assert summary(by_rule(nircam_miri, "Asn_Lv2WFSSMIR")) == {
        "jw01234-o002_20261123t000000_spec2_00001_asn":
            [("m1_mirimage_rate.fits", "science")] + catalog("jw01234-o002_t001_miri_null"),
    }


def test_lv2wfssnis_groups_on_pupil_and_subarray():
    asns = generate(DATA / "wfss_niriss_pool.csv", mode="all-candidates", version_id="20261123t000000")
    # n5 (pupil f200w) has no direct image of its pupil: no association
    assert summary(by_rule(asns, "Asn_Lv2WFSSNIS")) == {
        "jw01234-o001_20261123t000000_spec2_00001_asn":
            [("n7_rate.fits", "science")] + catalog("jw01234-o001_t001_niriss_clear-f140m-sub80"),
        "jw01234-o001_20261123t000000_spec2_00002_asn":
            [("n3_rate.fits", "science")] + catalog("jw01234-o001_t001_niriss_clearp-f140m"),
        "jw01234-o001_20261123t000000_spec2_00003_asn":
            [("n1_rate.fits", "science")] + catalog("jw01234-o001_t001_niriss_clear-f140m"),
    }


def test_lv2wfssparallel_only_in_direct_image_candidates():
    asns = generate(DATA / "wfss_parallel_pool.csv", mode="all-candidates", version_id="20261123t000000")
    parallel = by_rule(asns, "Asn_Lv2WFSSParallel")
    # NIRCam: the long-wavelength direct image a2, not the first one (a1 on nrca1)
    nrc = catalog("jw01234-c1001_t000_nircam_clear-f356w")
    nis = catalog("jw01234-c1000_t000_niriss_clear-f150w")
    assert summary(parallel) == {
        "jw01234-c1000_20261123t000000_spec2_00001_asn": [("n3_nis_rate.fits", "science")] + nis,
        "jw01234-c1000_20261123t000000_spec2_00002_asn": [("n2_nis_rate.fits", "science")] + nis,
        "jw01234-c1001_20261123t000000_spec2_00001_asn": [("a4_nrcblong_rate.fits", "science")] + nrc,
        "jw01234-c1001_20261123t000000_spec2_00002_asn": [("a3_nrcalong_rate.fits", "science")] + nrc,
    }
    assert {a["target"] for a in parallel} == {"null"}
    # the per-instrument rules: no TARGETID in the observation candidates, and
    # not valid for direct_image candidates
    assert by_rule(asns, "Asn_Lv2WFSSNIS") == by_rule(asns, "Asn_Lv2WFSSNRC") == []


def test_without_finalization_direct_images_stay_members(tmp_path):
    asns = generate(DATA / "wfss_niriss_pool.csv", mode="all-candidates", finalize=False)
    n1 = next(a for a in by_rule(asns, "Asn_Lv2WFSSNIS") if a["products"][0]["name"] == "n1")
    assert members_of(n1) == [("n1_rate.fits", "science"), ("n2_rate.fits", "direct_image"),
                              ("n4_rate.fits", "direct_image")]
