"""Generation modes and finalization options: --merge, -i with --DMS, --no-finalize.

Expectations are the reference generator's output (jwst 3.0.0) on
tests/data/background_candidate_pool.csv, produced in a scratch environment.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from .conftest import DATA, members_of

POOL = DATA / "background_candidate_pool.csv"


def named(asns):
    return {a.asn_name: a for a in asns}


def test_merge_makes_one_level2_association_per_type_and_candidate():
    asns = named(generate(POOL, merge=True, version_id="v1", rules=()))
    merged = asns["jw00001-c1000_v1_image2_00001_asn"]
    assert [p["name"] for p in merged["products"]] == ["s2", "s1"]
    assert members_of({"products": merged["products"][:1]}) == [
        ("s2_rate.fits", "science"), ("b1_rate.fits", "background"), ("b2_rate.fits", "background")]
    special = asns["jw00001-o002_v1_image2_00001_asn"]
    assert [p["name"] for p in special["products"]] == ["b2", "b1"]
    assert "jw00001-o002_v1_image2_00002_asn" not in asns


def test_merge_puts_level3_first():
    asns = generate(POOL, merge=True)
    levels = [a["asn_type"] for a in asns]
    assert levels.index("image2") > max(i for i, t in enumerate(levels) if t == "image3")


def test_dms_ids_keeps_only_the_asked_candidate_after_pruning():
    # the o001 Level 2 associations are subsets of the c1000 (background) ones and are
    # pruned; the c1000 ones are then dropped because c1000 was not asked for
    asns = generate(POOL, ids=["o001"], dms=True, version_id="v1")
    assert [a.asn_name for a in asns] == ["jw00001-o001_v1_image3_00001_asn"]


def test_ids_without_dms_keeps_the_observation_associations():
    asns = generate(POOL, ids=["o001"], version_id="v1")
    assert sorted(a.asn_name for a in asns) == [
        "jw00001-o001_v1_image2_00001_asn", "jw00001-o001_v1_image2_00002_asn",
        "jw00001-o001_v1_image3_00001_asn"]


def test_no_finalize_keeps_single_observation_level3_of_a_background_candidate():
    finalized = named(generate(POOL, version_id="v1"))
    raw = named(generate(POOL, version_id="v1", finalize=False))
    assert "jw00001-c1000_v1_image3_00001_asn" not in finalized
    assert members_of(raw["jw00001-c1000_v1_image3_00001_asn"]) == [
        ("s1_cal.fits", "science"), ("s2_cal.fits", "science")]


@pytest.mark.parametrize("mode, count", [("default", 5), ("all-candidates", 5), ("discover", 1)])
def test_mode_counts(mode, count):
    # Level 3 image-background associations come with that rule (issue #3)
    assert len([a for a in generate(POOL, mode=mode) if a["asn_rule"].find("ImageBackground") < 0]) == count


def test_merge_adds_to_a_product_only_members_with_new_names():
    """Two LRS associations of o007 share products (each science exposure is the other's
    background): merged, a product takes a name it already holds once, as the
    reference does (its output on tests/data/miri_lrs_pool.csv with --merge)."""
    asns = named(generate(DATA / "miri_lrs_pool.csv", merge=True, version_id="v1"))
    merged = asns["jw01234-o007_v1_spec2_00001_asn"]
    assert [(p["name"], [(m["expname"], m["exptype"]) for m in p["members"]])
            for p in merged["products"]] == [
        ("g5", [("g5_rate.fits", "science"), ("g2_rate.fits", "background"),
                ("g3_rate.fits", "target_acquisition"), ("g4_rate.fits", "background")]),
        ("g4", [("g4_rate.fits", "science"), ("g2_rate.fits", "background"),
                ("g3_rate.fits", "target_acquisition"), ("g5_rate.fits", "background")]),
        ("g2", [("g2_rate.fits", "science")]),
        ("g1", [("g1_rate.fits", "science"), ("g2_rate.fits", "background"),
                ("g3_rate.fits", "target_acquisition")]),
    ]


def test_merge_without_finalization_merges_invalid_associations_too():
    """--merge --no-finalize, as the reference (its output with those options): Level 2
    associations merge in creation order whatever their validity, the first one is
    the file (sequence 00001, its rule), and the file is written when that first one
    is valid. c1000's b1 and b2 products come from associations invalid alone; o002's
    file is not written: its first association is invalid."""
    asns = named(generate(POOL, merge=True, finalize=False, version_id="v1"))
    level2 = {name: a for name, a in asns.items() if a["asn_type"] == "image2"}
    assert sorted(level2) == ["jw00001-c1000_v1_image2_00001_asn", "jw00001-o001_v1_image2_00001_asn"]
    c1000 = level2["jw00001-c1000_v1_image2_00001_asn"]
    assert c1000["asn_rule"] == "candidate_Asn_Lv2Image"
    assert [(p["name"], [(m["expname"], m["exptype"]) for m in p["members"]])
            for p in c1000["products"]] == [
        ("s1", [("s1_rate.fits", "science"), ("b1_rate.fits", "background"), ("b2_rate.fits", "background")]),
        ("s2", [("s2_rate.fits", "science"), ("b1_rate.fits", "background"), ("b2_rate.fits", "background")]),
        ("b1", [("b1_rate.fits", "science")]),
        ("b2", [("b2_rate.fits", "science")]),
    ]
    assert [p["name"] for p in level2["jw00001-o001_v1_image2_00001_asn"]["products"]] == ["s1", "s2"]
