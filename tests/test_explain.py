"""`asnsql explain`: built from the rules' own named checks and the association fates."""

from __future__ import annotations

from asnsql import load_pool
from asnsql.cli import main
from asnsql.explain import explain

from .conftest import DATA

POOL = DATA / "image_nircam_pool.csv"


def verdicts(report, rule):
    (rule_report,) = [r for r in report.rules if r.rule == rule]
    return [(v.run, v.outcome, d) for v in rule_report.verdicts for d in v.details]


def test_failing_check_is_named_with_the_exposures_value():
    (report,) = explain(load_pool(POOL), ["jw_00005_uncal.fits"], rule="Asn_Lv3Image")
    assert verdicts(report, "Asn_Lv3Image")[0] == (
        "o001", "excluded", "fails: not a background target (BKGDTARG unset) (bkgdtarg = t)")


def test_membership_and_its_fate_are_reported():
    (report,) = explain(load_pool(POOL), ["jw_00005_uncal.fits"], rule="Asn_Lv2Image")
    lines = verdicts(report, "Asn_Lv2Image")
    # sequence numbers as the reference (jwst 3.0.0) writes this pool's image2 files
    assert ("o001", "member", "as background in jw_00002: written as jw01234-o001_image2_00007_asn") in lines
    assert any(run == "a3001" and "dropped as invalid: Level 2 takes only observation" in d
               for run, _, d in lines)


def test_pruned_association_names_the_one_kept():
    # the PSF's own Lv2ImageSpecial association is a subset of its Lv2Image one
    (report,) = explain(load_pool(POOL), ["jw_00006_uncal.fits"], rule="Asn_Lv2ImageSpecial")
    (line,) = [d for run, _, d in verdicts(report, "Asn_Lv2ImageSpecial") if run == "o001"]
    assert line == "as science in jw_00006: pruned: same product name as the larger jw01234-o001_image2_00003_asn"


def test_level2_mode_checks_show_by_name():
    (report,) = explain(load_pool(POOL), ["jw_00008_uncal.fits"], rule="Asn_Lv2Image")
    assert verdicts(report, "Asn_Lv2Image")[0] == (
        "o001", "excluded", "fails: not a WFS&C visit (visitype = prime_wfsc_sensing)")


def test_orphans_lists_only_exposures_in_no_association(tmp_path, capsys):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|instrume|detector|targetid|filter|subarray|asn_candidate\n"
        "a_uncal.fits|1|1|mir_image|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n"
        "b_uncal.fits|null|1|mir_image|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n")
    assert main(["explain", str(pool), "--orphans", "--rule", "Asn_Lv2Image"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("b_uncal.fits (row 1; runs: o001 (observation), a3001 (discovered))")
    assert "o001: excluded fails: has a PROGRAM (program = missing)" in out
    assert "a_uncal.fits" not in out


def test_unknown_exposure_and_missing_choice_are_one_line_errors(capsys):
    assert main(["explain", str(POOL), "--exposure", "nope.fits"]) == 2
    assert "no exposure with FILENAME 'nope.fits'" in capsys.readouterr().err
    assert main(["explain", str(POOL)]) == 2
    assert "exactly one of --exposure" in capsys.readouterr().err
