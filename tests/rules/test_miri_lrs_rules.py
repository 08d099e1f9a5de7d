"""MIRI LRS Level 2b rules: Asn_Lv2MIRLRSFixedSlitNod and Asn_MIRLRSTAConfirm.

tests/data/miri_lrs_pool.csv holds one scenario per observation candidate
(o001 to o007; o007 is also in the background candidate c1000). Every
expectation below, member order included, is the output of the reference
generator (jwst 3.0.0, `asn_generate --all-candidates --version-id
20261123t000000`) on that pool.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of


@pytest.fixture(scope="module")
def associations():
    return generate(DATA / "miri_lrs_pool.csv", mode="all-candidates", version_id="20261123t000000")


def of_candidate(asns: list[dict], asn_id: str) -> dict[str, list[tuple[str, str]]]:
    return {a.asn_name: members_of(a) for a in asns if a["asn_id"] == asn_id}


def test_fixedslitnod_nods_then_ta_confirm(associations):
    assert of_candidate(by_rule(associations, "Asn_Lv2MIRLRSFixedSlitNod"), "o001") == {
        "jw01234-o001_20261123t000000_spec2_00001_asn":
            [("a2_rate.fits", "science"), ("a3_rate.fits", "target_acquisition"), ("a1_rate.fits", "background")],
        "jw01234-o001_20261123t000000_spec2_00002_asn":
            [("a1_rate.fits", "science"), ("a2_rate.fits", "background"), ("a3_rate.fits", "target_acquisition")],
    }


def test_fixedslitnod_ta_confirm_first_starts_the_association(associations):
    assert of_candidate(by_rule(associations, "Asn_Lv2MIRLRSFixedSlitNod"), "o002") == {
        "jw01234-o002_20261123t000000_spec2_00001_asn":
            [("b3_rate.fits", "science"), ("b2_rate.fits", "background"), ("b1_rate.fits", "target_acquisition")],
        "jw01234-o002_20261123t000000_spec2_00002_asn":
            [("b1_rate.fits", "target_acquisition"), ("b2_rate.fits", "science"), ("b3_rate.fits", "background")],
    }


def test_fixedslitnod_takes_every_nod_of_the_other_position(associations):
    assert of_candidate(by_rule(associations, "Asn_Lv2MIRLRSFixedSlitNod"), "o003") == {
        "jw01234-o003_20261123t000000_spec2_00001_asn":
            [("c4_rate.fits", "science"), ("c5_rate.fits", "target_acquisition"),
             ("c1_rate.fits", "background"), ("c3_rate.fits", "background")],
        "jw01234-o003_20261123t000000_spec2_00002_asn":
            [("c3_rate.fits", "science"), ("c4_rate.fits", "background"),
             ("c5_rate.fits", "target_acquisition"), ("c2_rate.fits", "background")],
        "jw01234-o003_20261123t000000_spec2_00003_asn":
            [("c2_rate.fits", "science"), ("c3_rate.fits", "background"),
             ("c5_rate.fits", "target_acquisition"), ("c1_rate.fits", "background")],
        "jw01234-o003_20261123t000000_spec2_00004_asn":
            [("c1_rate.fits", "science"), ("c2_rate.fits", "background"),
             ("c4_rate.fits", "background"), ("c5_rate.fits", "target_acquisition")],
    }


def test_fixedslitnod_other_position_is_a_substring_test(associations):
    # PATT_NUM 11 contains 1: d2 is no background of d1, but d1 is one of d2's
    # candidates until d3 (3) comes first
    assert of_candidate(by_rule(associations, "Asn_Lv2MIRLRSFixedSlitNod"), "o004") == {
        "jw01234-o004_20261123t000000_spec2_00001_asn": [("d3_rate.fits", "science"), ("d1_rate.fits", "background")],
        "jw01234-o004_20261123t000000_spec2_00002_asn": [("d2_rate.fits", "science"), ("d3_rate.fits", "background")],
        "jw01234-o004_20261123t000000_spec2_00003_asn": [("d1_rate.fits", "science"), ("d3_rate.fits", "background")],
    }


def test_fixedslitnod_never_for_background_candidates(associations):
    assert [a for a in by_rule(associations, "Asn_Lv2MIRLRSFixedSlitNod") if a["asn_id"] == "c1000"] == []
    # in o007 the TA confirm g3 comes before the nods: it starts g4's association
    o007 = {a["products"][0]["name"]: members_of(a)
            for a in by_rule(associations, "Asn_Lv2MIRLRSFixedSlitNod") if a["asn_id"] == "o007"}
    assert o007 == {
        "g4": [("g3_rate.fits", "target_acquisition"), ("g4_rate.fits", "science"), ("g5_rate.fits", "background")],
        "g5": [("g5_rate.fits", "science"), ("g4_rate.fits", "background"), ("g3_rate.fits", "target_acquisition")],
    }


def test_taconfirm_pruned_where_fixedslitnod_has_the_same_product(associations):
    # o001-o004: pruned as smaller than the same-named nod associations;
    # c1000: identical to the o007 ones, which win
    assert {a["asn_id"] for a in by_rule(associations, "Asn_MIRLRSTAConfirm")} == {"o005", "o006", "o007"}


def test_taconfirm_first_ta_confirm_fixes_the_obs_id(associations):
    # e3 has another OBS_ID: it joins neither association (its own has no
    # science); TSO names integrations, but not for target acquisitions
    assert of_candidate(by_rule(associations, "Asn_MIRLRSTAConfirm"), "o005") == {
        "jw01234-o005_20261123t000000_spec2_00001_asn":
            [("e4_rateints.fits", "science"), ("e2_rate.fits", "target_acquisition")],
        "jw01234-o005_20261123t000000_spec2_00002_asn":
            [("e1_rateints.fits", "science"), ("e2_rate.fits", "target_acquisition")],
    }


def test_taconfirm_ta_confirm_first_starts_the_association(associations):
    assert of_candidate(by_rule(associations, "Asn_MIRLRSTAConfirm"), "o006") == {
        "jw01234-o006_20261123t000000_spec2_00001_asn":
            [("f3_rate.fits", "science"), ("f1_rate.fits", "target_acquisition")],
        "jw01234-o006_20261123t000000_spec2_00002_asn":
            [("f1_rate.fits", "target_acquisition"), ("f2_rate.fits", "science")],
    }


def test_taconfirm_attaches_backgrounds_of_the_mode(associations):
    # (keyed by product name: g2 also gets an Asn_Lv2SpecSpecial spec2 association)
    o007 = {a["products"][0]["name"]: members_of(a)
            for a in by_rule(associations, "Asn_MIRLRSTAConfirm") if a["asn_id"] == "o007"}
    assert o007 == {
        name: [(name + "_rate.fits", "science"), ("g2_rate.fits", "background"),
               ("g3_rate.fits", "target_acquisition")]
        for name in ("g1", "g4", "g5")}


def test_taconfirm_replays_the_order_of_the_pool(tmp_path):
    # o001: h2 fixes h1's association's OBS_ID (v2), so h3 (v1) joins nothing and
    # starts an association that h4 completes on the OBS_ID path; o002: the
    # background k1 starts one, which k2, of another mode, completes on the
    # OBS_ID path (still unset); k3 gets its own, and k1 when re-offered
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|obs_id|exp_type|pntgtype|instrume|detector|filter|subarray|targetid"
        "|patttype|bkgdtarg|tsovisit|asn_candidate\n"
        "h1_uncal.fits|1234|1|v1|mir_lrs-slitless|science|miri|mirimage|p750l|slitlessprism|1|null|f|f|[('o001', 'observation')]\n"
        "h2_uncal.fits|1234|1|v2|mir_taconfirm|science|miri|mirimage|f560w|full|1|null|f|f|[('o001', 'observation')]\n"
        "h3_uncal.fits|1234|1|v1|mir_taconfirm|science|miri|mirimage|f560w|full|1|null|f|f|[('o001', 'observation')]\n"
        "h4_uncal.fits|1234|1|v1|mir_lrs-slitless|science|miri|mirimage|p750l|slitlessprism|1|null|f|f|[('o001', 'observation')]\n"
        "k1_uncal.fits|1234|2|v3|mir_lrs-fixedslit|science|miri|mirimage|p750l|full|1|point source|t|f|[('o002', 'observation')]\n"
        "k2_uncal.fits|1234|2|v3|mir_lrs-slitless|science|miri|mirimage|f560w|slitlessprism|1|null|f|f|[('o002', 'observation')]\n"
        "k3_uncal.fits|1234|2|v3|mir_lrs-fixedslit|science|miri|mirimage|p750l|full|1|point source|f|f|[('o002', 'observation')]\n")
    asns = by_rule(generate(pool, mode="all-candidates", version_id="20261123t000000"), "Asn_MIRLRSTAConfirm")
    assert {a.asn_name: members_of(a) for a in asns} == {
        "jw01234-o001_20261123t000000_spec2_00001_asn":
            [("h3_rate.fits", "target_acquisition"), ("h4_rate.fits", "science")],
        "jw01234-o001_20261123t000000_spec2_00002_asn":
            [("h1_rate.fits", "science"), ("h2_rate.fits", "target_acquisition")],
        "jw01234-o002_20261123t000000_spec2_00001_asn":
            [("k3_rate.fits", "science"), ("k1_rate.fits", "background")],
        "jw01234-o002_20261123t000000_spec2_00002_asn":
            [("k1_rate.fits", "background"), ("k2_rate.fits", "science")],
    }
