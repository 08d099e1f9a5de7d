"""Every shipped rule: a pool where it fires, and the same pool with one changed value where it must not.

Each case names a pool of tests/data, the rule, and the change: one value set
in one column of one row, unless the rule has a science exposure per row
(then it is set in each of them) or the exposure is what it is by two columns
(a TA by pointing and EXP_TYPE, a TSO image by TSOVISIT and EXP_TYPE). The
rule must make at least one association on the pool as it is (default mode,
finalized), and none on the changed pool. Every changed pool was also run
through the reference generator (jwst 3.0.0 `asn_generate`, default mode): it
made no association of that rule either.

Rules whose must-not-fire case lives in another module (an inline pool there)
are listed in ELSEWHERE with the test that shows it; test_every_rule_is_covered
keeps the two tables complete as rules are added.
"""

from __future__ import annotations

import fnmatch
import functools
import importlib
from pathlib import Path
from typing import NamedTuple

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of

RULES = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "sql" / "rules").glob("*/*.sql"))


class Case(NamedTuple):
    pool: str                 # tests/data/<pool>_pool.csv
    rows: tuple[str, ...]     # FILENAMEs of the rows to change
    changes: dict[str, str]   # COLUMN -> the value it is set to in those rows
    why: str


CORON = "jw01234001001_03101_00001_nrca2_uncal.fits"
CORON_TA = "jw01234001001_02101_00001_nrca2_uncal.fits"
LRS_NODS = ("jw01234001001_03101_00001_mirimage_uncal.fits",
            "jw01234001001_03101_00002_mirimage_uncal.fits")
NRC_GRISM = "jw01234001001_02101_00002_nrcalong_uncal.fits"
MIR_IMAGE = "jw01234002001_02101_00001_mirimage_uncal.fits"
MIR_GRISM = "jw01234002001_02101_00002_mirimage_uncal.fits"
MIRI_TARGET = "jw01234001001_02101_00001_mirimage_uncal.fits"
BKG_TARGET = "jw01234002001_02101_00001_mirimage_uncal.fits"
SOSS = "jw01234001001_02101_00001_nis_uncal.fits"
SOSS_TSO = "jw01234002001_02101_00001_nis_uncal.fits"

CASES = {
    # -- Level 2b
    "Asn_Lv2CoronAsRate": Case("nrc_coron_image", (CORON,), {"DETECTOR": "nrca1"},
                               "MASKRND occults nothing on nrca1"),
    "Asn_Lv2FGS": Case("fgs", ("jw01234001001_02101_00001_guider1_uncal.fits",), 
                       {"VISITYPE": "prime_wfsc_sensing_control"}, "a WFS&C visit"),
    "Asn_Lv2Image": Case("image_background_miri", (MIRI_TARGET,), {"TSOVISIT": "t"}, "a TSO exposure"),
    "Asn_Lv2ImageNonScience": Case("nrc_coron_image", (CORON_TA,),
                                   {"PNTGTYPE": "science", "EXP_TYPE": "nrc_coron"},
                                   "the TA becomes a science exposure (TA by pointing and by EXP_TYPE)"),
    "Asn_Lv2ImageSpecial": Case("image_background_miri", (BKG_TARGET,), {"BKGDTARG": "f"},
                                "no background target left"),
    "Asn_Lv2ImageTSO": Case("time_series_soss", ("jw_00002_uncal.fits", "jw_00003_uncal.fits"),
                            {"TSOVISIT": "f", "EXP_TYPE": "nrc_image"},
                            "the TS images become ordinary images (TSO by TSOVISIT and by EXP_TYPE)"),
    "Asn_Lv2MIRLRSFixedSlitNod": Case("miri_lrs_nod", LRS_NODS, {"PATTTYPE": "none"}, "no along-slit nod"),
    "Asn_Lv2NRSLAMPImage": Case("nirspec_lamp_image", ("jw01234001001_02101_00001_nrs1_uncal.fits",),
                                {"GRATING": "g140h"}, "a grating instead of the mirror"),
    "Asn_Lv2NRSLAMPSpectral": Case("nirspec_lamp_image", ("jw01234001001_03101_00001_nrs1_uncal.fits",),
                                   {"LAMP": "nolamp"}, "no lamp"),
    "Asn_Lv2SpecTSO": Case("soss", (SOSS_TSO,), {"TSOVISIT": "f"}, "no longer a TSO exposure"),
    "Asn_Lv2WFSC": Case("image_nircam", ("jw_00008_uncal.fits",), {"VISITYPE": "prime_targeted_fixed"},
                        "no WFS&C visit"),
    "Asn_Lv2WFSSMIR": Case("wfss_nrc_mir", (MIR_IMAGE,), {"TARGETID": "2"},
                           "the direct image is of another target"),
    "Asn_Lv2WFSSNRC": Case("wfss_nrc_mir", (NRC_GRISM,), {"DETECTOR": "nrcblong"},
                           "no direct image on the grism's detector"),
    "Asn_Lv2WFSSParallel": Case("wfss_parallel_niriss", ("jw01234001001_02101_00001_nis_uncal.fits",),
                                {"ASN_CANDIDATE": "[('o001', 'observation')]"},
                                "the direct image leaves the direct_image candidate"),
    "Asn_MIRLRSTAConfirm": Case("miri_lrs_nod", ("jw01234002001_03101_00001_mirimage_uncal.fits",),
                                {"EXP_TYPE": "mir_image"}, "no LRS exposure in o002"),
    # -- Level 3
    "Asn_Lv3AMI": Case("coronagraphy_ami", ("jw_00023_uncal.fits",), {"IS_PSF": "f"}, "no PSF reference"),
    "Asn_Lv3Image": Case("image_background_miri", (MIRI_TARGET,), {"TSOVISIT": "t"}, "a TSO exposure"),
    "Asn_Lv3ImageBackground": Case("image_background_miri", (BKG_TARGET,), {"BKGDTARG": "f"},
                                   "no background target left"),
    "Asn_Lv3MIRCoron": Case("coronagraphy_ami", ("jw_00012_uncal.fits",), {"IS_PSF": "f"}, "no PSF reference"),
    "Asn_Lv3MIRMRS": Case("l3_spec_mrs", ("m1_uncal.fits", "m2_uncal.fits"), {"TSOVISIT": "t"},
                          "the target's exposures are TSO"),
    "Asn_Lv3MIRMRSBackground": Case("l3_spec_mrs", ("m3_uncal.fits",), {"BKGDTARG": "f"},
                                    "no background target left"),
    "Asn_Lv3NRCCoron": Case("coronagraphy_ami", ("jw_00004_uncal.fits",), {"IS_PSF": "f"}, "no PSF reference"),
    "Asn_Lv3NRCCoronImage": Case("nrc_coron_image", (CORON,), {"IS_PSF": "t"},
                                 "the only short-wave full-frame exposure is a PSF"),
    "Asn_Lv3NRSFSS": Case("l3_spec_fss", ("f1_uncal.fits", "f2_uncal.fits", "f3_uncal.fits", "f4_uncal.fits"),
                          {"DETECTOR": "nrs2"}, "G140M through F100LP puts no light on nrs2"),
    "Asn_Lv3NRSIFU": Case("l3_spec_ifu", ("i1_uncal.fits", "i2_uncal.fits"), {"PATTTYPE": "null"},
                          "the target's IFU exposures have no PATTTYPE"),
    "Asn_Lv3NRSIFUBackground": Case("l3_spec_ifu", ("i5_uncal.fits",), {"BKGDTARG": "f"},
                                    "no background target left"),
    "Asn_Lv3SlitlessSpectral": Case("soss", (SOSS,), {"TSOVISIT": "t"}, "a TSO exposure"),
    "Asn_Lv3SpecAux": Case("l3_spec_fss", ("f6_uncal.fits",), {"BKGDTARG": "f"}, "no background target left"),
    "Asn_Lv3SpectralSource": Case("l3_spec_msa", ("s1_uncal.fits", "s2_uncal.fits"), {"MSAMETFL": "null"},
                                  "no MSA metadata file"),
    "Asn_Lv3SpectralTarget": Case("miri_lrs_nod", LRS_NODS, {"PATTTYPE": "none"}, "no nod pattern"),
    "Asn_Lv3TSO": Case("soss", (SOSS_TSO,), {"TSOVISIT": "f"}, "no longer a TSO exposure"),
    "Asn_Lv3WFSSMIR": Case("wfss_nrc_mir", (MIR_GRISM,), {"FILTER": "f770w"}, "not the P750L prism"),
    "Asn_Lv3WFSSNIS": Case("wfss_parallel_niriss", ("jw01234002001_02101_00001_nis_uncal.fits",),
                           {"FILTER": "clear"}, "no grism in the filter wheel"),
    "Asn_Lv3WFSSNRC": Case("wfss_nrc_mir", (NRC_GRISM,), {"PUPIL": "clear"}, "no grism in the pupil wheel"),
}

# rule -> the test (module::function) that shows where it must not fire
ELSEWHERE = {
    "Asn_Lv2NRSFSS": "test_spectral_rules.py::test_lv2nrsfss_skips_slit_paths_that_miss_the_detector",
    "Asn_Lv2NRSIFUNod": "test_spectral_rules.py::test_lv2nrsifunod_needs_a_nod_pattern",
    "Asn_Lv2NRSMSA": "test_spectral_rules.py::test_lv2nrsmsa_needs_an_msa_metafile",
    "Asn_Lv2Spec": "test_spectral_rules.py::test_lv2spec_skips_tso_and_nodded_exposures",
    "Asn_Lv2SpecImprint": "test_spectral_rules.py::test_lv2spec_imprint_ignores_exposures_without_imprint_flag",
    "Asn_Lv2SpecSpecial": "test_spectral_rules.py::test_lv2spec_special_needs_a_background_target_or_psf",
    "Asn_Lv2WFSSNIS": "test_wfss_rules.py::test_lv2wfssparallel_only_in_direct_image_candidates",
    "Asn_Lv3ACQ_Reprocess": "test_rule_coverage.py::test_lv3acq_reprocess_*",
    "Asn_Lv3ImageMosaic": "test_imaging_rules.py::test_lv3image_mosaic_not_made_from_one_observation",
    "Asn_Lv3WFSCMB": "test_lv3_wfsc.py::test_lv3wfscmb_needs_a_pair_and_refuses_jitter_and_group_candidates",
}


def pool_path(pool: str) -> Path:
    return DATA / f"{pool}_pool.csv"


@functools.cache
def associations(pool: str) -> list:
    return generate(pool_path(pool))


def changed_pool(case: Case, folder: Path) -> Path:
    """The case's pool with its changes made in its rows (cells split on '|')."""
    lines = pool_path(case.pool).read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    header = [c.lower() for c in lines[at].split("|")]
    filename = header.index("filename")
    changed = set()
    for i in range(at + 1, len(lines)):
        cells = lines[i].split("|")
        if cells[filename] in case.rows:
            for column, value in case.changes.items():
                cells[header.index(column.lower())] = value
            lines[i] = "|".join(cells)
            changed.add(cells[filename])
    assert changed == set(case.rows), "a row of the case is not in the pool"
    path = folder / pool_path(case.pool).name
    path.write_text("\n".join(lines) + "\n")
    return path


def test_every_rule_is_covered():
    assert len(RULES) >= 44
    assert set(CASES) | set(ELSEWHERE) == set(RULES)
    assert not set(CASES) & set(ELSEWHERE)


@pytest.mark.parametrize("rule", sorted(ELSEWHERE))
def test_the_must_not_fire_test_named_elsewhere_exists(rule):
    module_file, function = ELSEWHERE[rule].split("::")
    module = importlib.import_module(f"{__package__}.{module_file.removesuffix('.py')}")
    assert [name for name in dir(module) if fnmatch.fnmatch(name, function) and callable(getattr(module, name))]


@pytest.mark.parametrize("rule", sorted(CASES))
def test_fires(rule):
    assert by_rule(associations(CASES[rule].pool), rule), f"{rule} made nothing on {CASES[rule].pool}"


@pytest.mark.parametrize("rule", sorted(CASES))
def test_must_not_fire(rule, tmp_path):
    case = CASES[rule]
    assert by_rule(generate(changed_pool(case, tmp_path)), rule) == [], case.why


# -- Asn_Lv3ACQ_Reprocess: never an association; it offers target acquisitions
# that come before the science to the Level 3 associations created after them

def _with_ta(asns) -> list[str]:
    return [a["asn_rule"] for a in asns
            if a["asn_type"].endswith("3") and (CORON_TA.replace("_uncal", "_cal"), "target_acquisition")
            in members_of(a)]


def test_lv3acq_reprocess_a_target_acquisition_before_the_science_joins_it():
    asns = associations("nrc_coron_image")
    assert by_rule(asns, "Asn_Lv3ACQ_Reprocess") == []
    assert _with_ta(asns) == ["candidate_Asn_Lv3NRCCoronImage"]


def test_lv3acq_reprocess_not_a_target_acquisition_of_another_observation(tmp_path):
    case = Case("nrc_coron_image", (CORON_TA,), {"OBS_NUM": "002"}, "another observation")
    asns = generate(changed_pool(case, tmp_path))
    assert by_rule(asns, "Asn_Lv3ACQ_Reprocess") == []
    assert _with_ta(asns) == []
