"""Level 2b spectral rules (issue #4): which exposures each rule groups, on tiny pools.

Every pool is written inline: one observation o001 unless a test says
otherwise, columns not given are left out of the pool. For each rule there is
a case where it fires and one where it must not. Expected memberships were
checked against the reference generator (jwst 3.0.0, asn_generate
--all-candidates) run on the same pools.
"""

from __future__ import annotations

from asnsql import generate

from ..conftest import by_rule, members_of

OBS = "[('o001', 'observation')]"

MRS = dict(program="1", exp_type="mir_mrs", instrume="miri", detector="mirifushort", band="short",
           channel="12", subarray="full", targetid="1", pntgtype="science", mostilno="1", dithptin="1",
           bkgdtarg="f", is_imprt="f", is_psf="f", tsovisit="f")
NRS = dict(program="1", instrume="nirspec", detector="nrs1", filter="f170lp", grating="g235h",
           subarray="full", targetid="1", pntgtype="science", bkgdtarg="f", is_imprt="f",
           mostilno="1", dithptin="1", expspcin="1", numdthpt="2", subpxpts="1", patt_num="1")
IFU_NOD = dict(NRS, exp_type="nrs_ifu", patttype="2-point-nod")
FS_NOD = dict(NRS, exp_type="nrs_fixedslit", fxd_slit="s200a1", filter="f290lp", grating="g395h",
              patttype="2-point-nod")
MSA = dict(NRS, exp_type="nrs_msaspec", msametfl="jw01_msa.fits", patttype="3-shutter-slitlet",
           numdthpt="3")
LAMP = dict(program="1", instrume="nirspec", detector="nrs1", filter="opaque", grating="g140h",
            subarray="full", targetid="1", pntgtype="engineering", exp_type="nrs_lamp",
            opmode="fixedslit", lamp="flat1")


def write_pool(path, rows, candidate=OBS):
    """A pool of `rows` (dicts); files jw_00001_uncal.fits, ... in row order."""
    columns = ["filename", "asn_candidate"] + sorted({c for row in rows for c in row})
    lines = ["|".join(columns)]
    for number, row in enumerate(rows, 1):
        values = {"filename": f"jw_{number:05d}_uncal.fits", "asn_candidate": candidate, **row}
        lines.append("|".join(values.get(c, "null") for c in columns))
    path.write_text("\n".join(lines) + "\n")
    return path


def run(tmp_path, rows, rule, candidate=OBS, **options):
    pool = write_pool(tmp_path / "pool.csv", rows, candidate)
    return by_rule(generate(pool, mode="all-candidates", **options), rule)


def memberships(asns):
    """{product name: sorted (expname, exptype)}."""
    return {a["products"][0]["name"]: sorted(members_of(a)) for a in asns}


# -- Asn_Lv2Spec ---------------------------------------------------------------

def test_lv2spec_one_per_science_with_background_and_same_tile_imprint(tmp_path):
    rows = [dict(MRS), dict(MRS, is_imprt="t"), dict(MRS, is_imprt="t", mostilno="2"),
            dict(MRS, bkgdtarg="t"), dict(MRS)]
    assert memberships(run(tmp_path, rows, "Asn_Lv2Spec")) == {
        "jw_00001": [("jw_00001_rate.fits", "science"), ("jw_00002_rate.fits", "imprint"),
                     ("jw_00004_rate.fits", "background")],
        "jw_00005": [("jw_00002_rate.fits", "imprint"), ("jw_00004_rate.fits", "background"),
                     ("jw_00005_rate.fits", "science")],
    }


def test_lv2spec_skips_tso_and_nodded_exposures(tmp_path):
    rows = [dict(MRS, tsovisit="t"), dict(MRS, patttype="2-point-nod")]
    assert run(tmp_path, rows, "Asn_Lv2Spec") == []


def test_lv2spec_an_early_background_is_pinned_by_the_imprint_that_joins_it(tmp_path):
    # the background starts an association, the tile-2 imprint pins it to tile 2;
    # the tile-1 imprint starts another: the tile-1 science completes that one
    rows = [dict(MRS, bkgdtarg="t"), dict(MRS, is_imprt="t", mostilno="2"),
            dict(MRS, is_imprt="t"), dict(MRS), dict(MRS, mostilno="2")]
    asns = run(tmp_path, rows, "Asn_Lv2Spec")
    assert memberships(asns) == {
        "jw_00004": [("jw_00001_rate.fits", "background"), ("jw_00003_rate.fits", "imprint"),
                     ("jw_00004_rate.fits", "science")],
        "jw_00005": [("jw_00001_rate.fits", "background"), ("jw_00002_rate.fits", "imprint"),
                     ("jw_00005_rate.fits", "science")],
    }
    # sequence numbers run in reverse creation order: jw_00005's association was
    # created first (by the background row), so it numbers after jw_00004's
    names = {a["products"][0]["name"]: a.asn_name for a in asns}
    assert names["jw_00005"] > names["jw_00004"]


def test_lv2spec_prunes_imprints_of_other_targets_and_dithers(tmp_path):
    rows = [dict(MRS), dict(MRS, is_imprt="t"), dict(MRS, is_imprt="t", targetid="2"),
            dict(MRS, is_imprt="t", dithptin="2")]
    (asn,) = run(tmp_path, rows, "Asn_Lv2Spec")
    assert sorted(members_of(asn)) == [("jw_00001_rate.fits", "science"),
                                       ("jw_00002_rate.fits", "imprint")]


def test_lv2spec_science_only_programs_beside_one_with_a_background(tmp_path):
    # program 1 holds science exposures only: each is an association of its own
    # without a replay (level2_replay's solo buckets); program 2's background is replayed
    rows = [dict(MRS), dict(MRS), dict(MRS, program="2"), dict(MRS, program="2", bkgdtarg="t")]
    assert memberships(run(tmp_path, rows, "Asn_Lv2Spec")) == {
        "jw_00001": [("jw_00001_rate.fits", "science")],
        "jw_00002": [("jw_00002_rate.fits", "science")],
        "jw_00003": [("jw_00003_rate.fits", "science"), ("jw_00004_rate.fits", "background")],
    }


# -- Asn_Lv2SpecImprint ----------------------------------------------------------

def test_lv2spec_imprint_processes_imprints_alone_as_science(tmp_path):
    rows = [dict(MRS), dict(MRS, is_imprt="t")]
    assert memberships(run(tmp_path, rows, "Asn_Lv2SpecImprint")) == {
        "jw_00002": [("jw_00002_rate.fits", "science")]}


def test_lv2spec_imprint_ignores_exposures_without_imprint_flag(tmp_path):
    assert run(tmp_path, [dict(MRS), dict(MRS, bkgdtarg="t")], "Asn_Lv2SpecImprint") == []


# -- Asn_Lv2SpecSpecial ----------------------------------------------------------

def test_lv2spec_special_refuses_an_imprint_after_an_imprint(tmp_path):
    # r2 joins r1's association; r3 is refused there (the last row it typed was
    # an imprint) and becomes the science of its own
    rows = [dict(IFU_NOD, patttype="none", bkgdtarg="t"),
            dict(IFU_NOD, patttype="none", bkgdtarg="t", is_imprt="t"),
            dict(IFU_NOD, patttype="none", bkgdtarg="t", is_imprt="t")]
    assert memberships(run(tmp_path, rows, "Asn_Lv2SpecSpecial")) == {
        "jw_00001": [("jw_00001_rate.fits", "science"), ("jw_00002_rate.fits", "imprint")],
        "jw_00003": [("jw_00003_rate.fits", "science")],
    }


def test_lv2spec_special_without_imprints_makes_one_association_per_exposure(tmp_path):
    # no imprint in the mode: nothing can join, each exposure is science alone;
    # beside it, a mode with an imprint is replayed
    rows = [dict(MRS, is_psf="t"), dict(MRS, is_psf="t"),
            dict(IFU_NOD, patttype="none", bkgdtarg="t"),
            dict(IFU_NOD, patttype="none", bkgdtarg="t", is_imprt="t")]
    assert memberships(run(tmp_path, rows, "Asn_Lv2SpecSpecial")) == {
        "jw_00001": [("jw_00001_rate.fits", "science")],
        "jw_00002": [("jw_00002_rate.fits", "science")],
        "jw_00003": [("jw_00003_rate.fits", "science"), ("jw_00004_rate.fits", "imprint")],
    }


def test_lv2spec_special_needs_a_background_target_or_psf(tmp_path):
    assert run(tmp_path, [dict(MRS), dict(MRS, is_imprt="t")], "Asn_Lv2SpecSpecial") == []


# -- Asn_Lv2NRSMSA ---------------------------------------------------------------

def test_lv2nrsmsa_splits_nods_with_the_other_nods_as_background(tmp_path):
    rows = [dict(MSA, patt_num=str(n)) for n in (1, 2, 3)]
    asns = run(tmp_path, rows, "Asn_Lv2NRSMSA")
    assert memberships(asns) == {
        f"jw_0000{s}": sorted([(f"jw_0000{s}_rate.fits", "science")]
                              + [(f"jw_0000{o}_rate.fits", "background") for o in (1, 2, 3) if o != s])
        for s in (1, 2, 3)}


def test_lv2nrsmsa_needs_an_msa_metafile(tmp_path):
    assert run(tmp_path, [dict(MSA, msametfl="null")], "Asn_Lv2NRSMSA") == []


def test_lv2nrsmsa_without_finalization_keeps_the_nod_set_together(tmp_path):
    rows = [dict(MSA, patt_num=str(n)) for n in (1, 2, 3)]
    (asn,) = run(tmp_path, rows, "Asn_Lv2NRSMSA", finalize=False)
    assert sorted(members_of(asn)) == [(f"jw_0000{n}_rate.fits", "science") for n in (1, 2, 3)]


# -- Asn_Lv2NRSFSS ---------------------------------------------------------------

def test_lv2nrsfss_s1600a1_five_point_nods_skip_neighbouring_positions(tmp_path):
    rows = [dict(FS_NOD, fxd_slit="s1600a1", numdthpt="5", patt_num=str(n)) for n in range(1, 6)]
    asns = run(tmp_path, rows, "Asn_Lv2NRSFSS")
    backgrounds = {a["products"][0]["name"]: sorted(e for e, t in members_of(a) if t == "background")
                   for a in asns}
    assert backgrounds["jw_00001"] == ["jw_00003_rate.fits", "jw_00004_rate.fits", "jw_00005_rate.fits"]
    assert backgrounds["jw_00003"] == ["jw_00001_rate.fits", "jw_00005_rate.fits"]


def test_lv2nrsfss_background_target_joins_in_a_background_candidate(tmp_path):
    # o001 {science} is pruned: same product name as c1000 {science, background}
    rows = [dict(FS_NOD, asn_candidate="[('o001', 'observation'), ('c1000', 'background')]"),
            dict(FS_NOD, bkgdtarg="t", patt_num="2",
                 asn_candidate="[('o002', 'observation'), ('c1000', 'background')]")]
    (asn,) = run(tmp_path, rows, "Asn_Lv2NRSFSS")
    assert asn["asn_id"] == "c1000"
    assert sorted(members_of(asn)) == [("jw_00001_rate.fits", "science"),
                                       ("jw_00002_rate.fits", "background")]


def test_lv2nrsfss_skips_slit_paths_that_miss_the_detector(tmp_path):
    # g395m / f290lp only reaches nrs1
    rows = [dict(FS_NOD, grating="g395m", detector="nrs2"),
            dict(FS_NOD, grating="g395m", detector="nrs2", patt_num="2")]
    assert run(tmp_path, rows, "Asn_Lv2NRSFSS") == []


# -- Asn_Lv2NRSIFUNod ------------------------------------------------------------

def test_lv2nrsifunod_splits_nods_and_keeps_the_matching_imprint(tmp_path):
    rows = [dict(IFU_NOD), dict(IFU_NOD, is_imprt="t"), dict(IFU_NOD, patt_num="2", dithptin="2"),
            dict(IFU_NOD, is_imprt="t", dithptin="2")]
    # the IFU nods never overlap; with two science nods and two imprints no
    # imprint is pruned
    assert memberships(run(tmp_path, rows, "Asn_Lv2NRSIFUNod")) == {
        "jw_00001": [("jw_00001_rate.fits", "science"), ("jw_00002_rate.fits", "imprint"),
                     ("jw_00003_rate.fits", "background"), ("jw_00004_rate.fits", "imprint")],
        "jw_00003": [("jw_00001_rate.fits", "background"), ("jw_00002_rate.fits", "imprint"),
                     ("jw_00003_rate.fits", "science"), ("jw_00004_rate.fits", "imprint")],
    }


def test_lv2nrsifunod_needs_a_nod_pattern(tmp_path):
    assert run(tmp_path, [dict(IFU_NOD, patttype="none")], "Asn_Lv2NRSIFUNod") == []


# -- Asn_Lv2NRSLAMPImage ---------------------------------------------------------

def test_lv2nrslamp_image_takes_lamp_exposures_through_the_mirror(tmp_path):
    rows = [dict(LAMP, grating="mirror", opmode="image", filter="f100lp"),
            dict(LAMP, grating="mirror", opmode="msaspec", filter="f100lp")]
    asns = run(tmp_path, rows, "Asn_Lv2NRSLAMPImage")
    assert memberships(asns) == {"jw_00001": [("jw_00001_rate.fits", "science")]}
    assert asns[0]["asn_type"] == "image2"


def test_lv2nrslamp_image_skips_lamp_exposures_through_a_grating(tmp_path):
    assert run(tmp_path, [dict(LAMP)], "Asn_Lv2NRSLAMPImage") == []


# -- Asn_Lv2NRSLAMPSpectral ------------------------------------------------------

def test_lv2nrslamp_spectral_takes_lamps_on_a_lit_detector(tmp_path):
    rows = [dict(LAMP), dict(LAMP, detector="nrs2", opmode="ifu", lamp="flat4")]
    asns = run(tmp_path, rows, "Asn_Lv2NRSLAMPSpectral")
    assert memberships(asns) == {"jw_00001": [("jw_00001_rate.fits", "science")]}
    assert asns[0]["asn_type"] == "nrslamp-spec2"


def test_lv2nrslamp_spectral_needs_an_msa_metafile_in_msa_mode(tmp_path):
    rows = [dict(LAMP, opmode="msaspec"), dict(LAMP, opmode="msaspec", lamp="nolamp", msametfl="m.fits")]
    assert run(tmp_path, rows, "Asn_Lv2NRSLAMPSpectral") == []


# -- the NIRSpec lamp pool, against the reference's own output -------------------

# asn_generate --all-candidates --version-id 20261123t000000 on
# tests/data/nirspec_lamp_pool.csv (jw00001-o001_20261123t000000_ prefix left
# out): every association it wrote, with its members.
LAMP_POOL_REFERENCE = {
    "image2_00001": [("jw_00024_rate.fits", "science")],
    "image2_00002": [("jw_00002_rate.fits", "science")],
    "image2_00003": [("jw_00001_rate.fits", "science")],
    "nrslamp-spec2_00001": [("jw_00020_rate.fits", "science")],
    "nrslamp-spec2_00002": [("jw_00018_rate.fits", "science")],
    "nrslamp-spec2_00003": [("jw_00014_rate.fits", "science")],
    "nrslamp-spec2_00004": [("jw_00013_rate.fits", "science")],
    "nrslamp-spec2_00005": [("jw_00011_rate.fits", "science")],
    "nrslamp-spec2_00006": [("jw_00009_rate.fits", "science")],
    "nrslamp-spec2_00007": [("jw_00007_rate.fits", "science")],
    "nrslamp-spec2_00008": [("jw_00006_rate.fits", "science")],
}


def test_nirspec_lamp_pool_matches_the_reference(data_dir):
    asns = generate(data_dir / "nirspec_lamp_pool.csv", mode="all-candidates",
                    version_id="20261123t000000")
    prefix = "jw00001-o001_20261123t000000_"
    assert {a.asn_name.removeprefix(prefix).removesuffix("_asn"): members_of(a) for a in asns} \
        == LAMP_POOL_REFERENCE
    rules = {a.asn_name.removeprefix(prefix).split("_")[0]: a["asn_rule"] for a in asns}
    assert rules == {"image2": "candidate_Asn_Lv2NRSLAMPImage",
                     "nrslamp-spec2": "candidate_Asn_Lv2NRSLAMPSpectral"}
    degraded = [a.asn_name for a in asns if a["degraded_status"].startswith("One or more")]
    assert degraded == [prefix + "nrslamp-spec2_00001_asn"]
