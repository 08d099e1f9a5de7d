"""Level 3 spectroscopic rules (MIRI MRS, NIRSpec IFU / fixed slit / MOS, slit
background targets, nodded LRS) on small pools: where each rule fires and where
it must not.

The pools are tests/data/l3_spec_*_pool.csv (their header comments say what
each row is). Every expected association below (product name and members) is
the output of the reference generator (jwst 3.0.0 `asn_generate`) on the same
pool, default mode.
"""

from __future__ import annotations

import functools

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of


@functools.cache
def pool_associations(pool: str, mode: str = "default", finalize: bool = True) -> list[dict]:
    return generate(DATA / f"l3_spec_{pool}_pool.csv", mode=mode, finalize=finalize)


def spec3(pool: str, rule: str, **kwargs) -> dict[str, list[tuple[str, str]]]:
    """Product name -> sorted members of the rule's associations on a test pool."""
    found = {}
    for asn in by_rule(pool_associations(pool, **kwargs), rule):
        assert asn["asn_type"] == "spec3"
        found[asn["products"][0]["name"]] = sorted(members_of(asn))
    return found


@pytest.fixture(scope="module")
def mrs():
    return {rule: spec3("mrs", rule) for rule in ("Asn_Lv3MIRMRS", "Asn_Lv3MIRMRSBackground")}


def test_mirmrs_groups_the_target_with_background_targets_as_x1d(mrs):
    # o002 (a TSO exposure and a background only) makes no MRS association
    assert mrs["Asn_Lv3MIRMRS"] == {
        "jw01234-o001_t001_miri": [("m1_cal.fits", "science"), ("m2_cal.fits", "science"),
                                   ("m3_x1d.fits", "background")],
        "jw01234-a3001_t001_miri": [("m1_cal.fits", "science"), ("m2_cal.fits", "science"),
                                    ("m3_x1d.fits", "background"), ("m5_x1d.fits", "background")],
    }


def test_mirmrs_background_takes_only_bkgdtarg_t_as_science(mrs):
    # m5 has BKGDTARG 'true': a background for Asn_Lv3MIRMRS, but not 't'
    assert mrs["Asn_Lv3MIRMRSBackground"] == {
        "jw01234-o001_t002_miri": [("m3_cal.fits", "science")],
    }


@pytest.fixture(scope="module")
def ifu():
    return {rule: spec3("ifu", rule) for rule in ("Asn_Lv3NRSIFU", "Asn_Lv3NRSIFUBackground")}


def test_nrsifu_groups_valid_paths_with_autowave_and_backgrounds(ifu):
    # i3 (g140m on nrs2) is not a valid IFU path; i7 (o002) has no PATTTYPE;
    # i6 is a background on an invalid path
    assert ifu["Asn_Lv3NRSIFU"] == {
        "jw01234-o001_t001_nirspec_g140h": [
            ("i1_cal.fits", "science"), ("i2_cal.fits", "science"),
            ("i4_rate.fits", "autowave"), ("i5_x1d.fits", "background")],
    }


def test_nrsifu_background_needs_a_valid_path(ifu):
    assert ifu["Asn_Lv3NRSIFUBackground"] == {
        "jw01234-o001_t002_nirspec_g140h": [("i5_cal.fits", "science")],
    }


@pytest.fixture(scope="module")
def fss():
    return {rule: spec3("fss", rule) for rule in ("Asn_Lv3NRSFSS", "Asn_Lv3SpecAux")}


def test_nrsfss_lets_s200_slits_join_one_other_slit_each(fss):
    # s1600a1 and s400a1 pin an association each, S200A1/S200A2 join both;
    # both are named with the pipeline's placeholders, so they share one name
    (name,) = fss["Asn_Lv3NRSFSS"]
    assert name == "jw01234-o001_t001-{source_id}_nirspec_f100lp-g140m-{slit_name}-subs200a1"
    associations = by_rule(pool_associations("fss"), "Asn_Lv3NRSFSS")
    assert sorted(sorted(members_of(a)) for a in associations) == [
        [("f1_cal.fits", "science"), ("f2_cal.fits", "science"), ("f3_cal.fits", "science"),
         ("f6_x1d.fits", "background")],
        [("f1_cal.fits", "science"), ("f3_cal.fits", "science"), ("f4_cal.fits", "science"),
         ("f6_x1d.fits", "background")],
    ]


def test_nrsfss_skips_invalid_optical_paths(fss):
    # f5 and f7 are g140m on nrs2 / f070lp on nrs2: no light on that detector
    members = {m for ms in fss["Asn_Lv3NRSFSS"].values() for m in ms}
    assert not {name for name, _ in members} & {"f5_cal.fits", "f7_cal.fits"}


def test_specaux_takes_slit_background_targets_but_not_slitless(fss):
    # f8 is a MIRI LRS slitless background target: not a slit type
    assert fss["Asn_Lv3SpecAux"] == {
        "jw01234-o001_t002_nirspec_f100lp-g140m-s200a1-subs200a1": [("f6_cal.fits", "science")],
    }


def test_spectral_source_needs_an_msa_metadata_file():
    # s4 (o002) is an MSA spectrum without MSAMETFL: no association
    assert spec3("msa", "Asn_Lv3SpectralSource") == {
        "jw01234-o001_{source_id}_nirspec_f170lp-g235m": [
            ("s1_cal.fits", "science"), ("s2_cal.fits", "science"), ("s3_rate.fits", "autoflat")],
    }


def test_spectral_target_adds_nod_backgrounds_and_skips_the_multi_observation_check():
    # l4 (o002) is not a nod pattern; c1000 is a group candidate with one
    # observation and one science exposure: kept, without x1d backgrounds
    assert spec3("lrs", "Asn_Lv3SpectralTarget") == {
        "jw01234-o001_t001_miri_p750l": [
            ("l1_cal.fits", "science"), ("l1_x1d.fits", "background"),
            ("l2_cal.fits", "science"), ("l2_x1d.fits", "background"),
            ("l3_x1d.fits", "background")],
        "jw01234-c1000_t001_miri_p750l": [("l5_cal.fits", "science")],
        "jw01234-a3001_t001_miri_p750l": [
            ("l1_cal.fits", "science"), ("l1_x1d.fits", "background"),
            ("l2_cal.fits", "science"), ("l2_x1d.fits", "background"),
            ("l3_x1d.fits", "background"),
            ("l5_cal.fits", "science"), ("l5_x1d.fits", "background")],
    }


def test_spectral_target_nod_backgrounds_are_added_only_when_finalizing():
    # reference output with --all-candidates --no-finalize
    found = spec3("lrs", "Asn_Lv3SpectralTarget", mode="all-candidates", finalize=False)
    assert found["jw01234-o001_t001_miri_p750l"] == [
        ("l1_cal.fits", "science"), ("l2_cal.fits", "science"), ("l3_x1d.fits", "background")]


def test_a_repeated_file_is_one_member(tmp_path):
    # the reference identifies items by FILENAME: the second row of m1 is not
    # added again (nor evaluated) by the association that holds m1
    # (reference output, --all-candidates)
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|pntgtype|instrume|detector|targetid|asn_candidate\n"
        "m1_uncal.fits|1234|1|mir_mrs|science|miri|mirifushort|1|[('o001', 'observation')]\n"
        "m1_uncal.fits|1234|1|mir_mrs|science|miri|mirifulong|1|[('o001', 'observation')]\n"
        "m2_uncal.fits|1234|1|mir_mrs|science|miri|mirifulong|1|[('o001', 'observation')]\n")
    (asn,) = by_rule(generate(pool, mode="all-candidates"), "Asn_Lv3MIRMRS")
    assert members_of(asn) == [("m1_cal.fits", "science"), ("m2_cal.fits", "science")]


def test_a_target_acquisition_fixes_an_unset_optical_pin():
    # the TA passes SpectralSource's optical-path test (fixing the unset
    # filter) before failing its EXP_TYPE test, then joins through the TA path
    assert spec3("ta", "Asn_Lv3SpectralSource") == {
        "jw01234-o001_{source_id}_nirspec_clear-g140m": [
            ("t1_cal.fits", "science"), ("t2_cal.fits", "target_acquisition")],
    }


def test_a_target_acquisition_fixes_an_unset_target():
    # c1000: t3 (a background, no target test) creates an association whose
    # target the TA t4 then fixes to 2, so t5 (target 1) creates another one
    # and t6 (target 2) joins the first: the t001 association is created
    # last and numbered 00001 (reference output, file names included)
    mrs = {a.asn_name: a["products"][0]["name"]
           for a in by_rule(pool_associations("ta", "all-candidates"), "Asn_Lv3MIRMRS")
           if a["asn_id"] == "c1000"}
    assert mrs == {"jw01234-c1000_spec3_00001_asn": "jw01234-c1000_t001_miri",
                   "jw01234-c1000_spec3_00002_asn": "jw01234-c1000_t002_miri"}
    members = spec3("ta", "Asn_Lv3MIRMRS", mode="all-candidates")
    assert members["jw01234-c1000_t002_miri"] == [
        ("t3_x1d.fits", "background"), ("t4_cal.fits", "target_acquisition"),
        ("t6_cal.fits", "science")]
