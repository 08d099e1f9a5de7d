"""Rule families (asnsql.families, models/level3_family.sql, level2_family.sql,
level2_wfss_family.sql, level2_nod_family.sql): rules of one shape run as one statement give rule_members
the rows the rules give one by one."""

from __future__ import annotations

import shutil

import pytest

from asnsql import load_pool
from asnsql.engine import FAMILY_MAX_RUN_ITEMS, Engine, GenerateOptions
from asnsql.families import LEVEL2_NOD, LEVEL2_SINGLE_ROW, LEVEL2_WFSS, LEVEL3, families, member
from asnsql.rules import shipped_rules
from asnsql.templates import shipped_templates

from .conftest import DATA, REPO

POOLS = sorted(path.name for path in DATA.glob("*_pool.csv"))
SHIPPED = {rule.name: rule for rule in shipped_rules()}
CONTEXT = {"columns": shipped_templates().known_columns(), "finalize": True,
           "discover_only": False, "has_exposerr": True}


def _member(name: str, kind=LEVEL3):
    return member(kind, shipped_templates().recorded_calls(SHIPPED[name].path, CONTEXT, kind.macros))


def _rule_members(pool_file: str, families: bool, **options) -> tuple[list[tuple], int]:
    """rule_members' rows (sorted), and how many families ran."""
    engine = Engine(load_pool(DATA / pool_file),
                    GenerateOptions(version_id="20261207t000000", **options), rule_families=families)
    engine.prepare()
    engine.plan_runs()
    ran = sum(task.is_family for task in engine.rule_tasks(engine.entered_rules()))
    engine.run_rules()
    rows = engine.db.execute("SELECT * FROM rule_members").fetchall()
    return sorted(rows, key=repr), ran


@pytest.mark.parametrize("finalize", [True, False])
@pytest.mark.parametrize("pool_file", POOLS)
def test_a_family_gives_the_rows_of_its_rules_alone(pool_file, finalize):
    together, ran = _rule_members(pool_file, True, finalize=finalize)
    alone, none = _rule_members(pool_file, False, finalize=finalize)
    assert none == 0
    assert together == alone


def test_families_run_on_the_test_pools():
    """The comparison above is not vacuous: several test pools run a family."""
    running = [pool for pool in POOLS if _rule_members(pool, True)[1]]
    assert len(running) >= 5, running


@pytest.mark.parametrize("pool_file", POOLS)
def test_every_family_statement_runs(pool_file):
    """A family statement that fails runs its rules one by one, which would give the
    comparison above the rows of the rules alone: every family must run as one."""
    engine = Engine(load_pool(DATA / pool_file), GenerateOptions(version_id="20261207t000000"))
    engine.prepare()
    engine.plan_runs()
    for task in engine.rule_tasks(engine.entered_rules()):
        if task.is_family:
            engine.db.execute(f"CREATE OR REPLACE TEMP TABLE family_rows_check AS {task.select}", task.params)


def test_the_shipped_level3_rules_of_one_shape_form_a_family():
    # taken per rule: the mosaic rule takes no re-offered rows and has no target pin
    # (level3_groups' not_reoffered, level3_associations' target_column); the
    # slit-background rules let no target acquisition pin their optical path, the
    # others do (ta_walk); the backgrounds name their optical element, slit and
    # subarray from other columns, or none (opt_elem_columns, slit_column, subarray_column)
    optical = ["Asn_Lv3AMI", "Asn_Lv3Image", "Asn_Lv3ImageBackground", "Asn_Lv3ImageMosaic",
               "Asn_Lv3MIRCoron", "Asn_Lv3MIRMRSBackground", "Asn_Lv3NRCCoron", "Asn_Lv3NRSFSS",
               "Asn_Lv3NRSIFUBackground", "Asn_Lv3SlitlessSpectral", "Asn_Lv3SpecAux", "Asn_Lv3TSO",
               "Asn_Lv3WFSCMB"]
    # target acquisitions replayed in the fold, each rule's TAs meeting its own steps
    with_tas = ["Asn_Lv3MIRMRS", "Asn_Lv3NRSIFU", "Asn_Lv3SpectralSource"]
    alone = ["Asn_Lv3NRCCoronImage"]
    names = sorted(optical + with_tas + alone)
    found = families(LEVEL3, {SHIPPED[name]: _member(name) for name in names})
    assert [[rule.name for rule in family] for family in found] == [optical, with_tas]
    assert "ta_walk" in _member("Asn_Lv3Image")["associations"]
    assert "ta_walk" not in _member("Asn_Lv3NRSFSS")["associations"]
    assert _member("Asn_Lv3MIRMRS")["groups"]["ta_steps"] != _member("Asn_Lv3SpectralSource")["groups"]["ta_steps"]


def test_the_shipped_single_row_level2_rules_form_a_family():
    single_row = ["Asn_Lv2FGS", "Asn_Lv2ImageNonScience", "Asn_Lv2ImageSpecial", "Asn_Lv2ImageTSO",
                  "Asn_Lv2NRSLAMPImage", "Asn_Lv2NRSLAMPSpectral", "Asn_Lv2SpecImprint",
                  "Asn_Lv2SpecTSO", "Asn_Lv2WFSC"]
    others = ["Asn_Lv2Image", "Asn_Lv2Spec", "Asn_Lv2NRSFSS", "Asn_MIRLRSTAConfirm"]
    members = {SHIPPED[name]: _member(name, LEVEL2_SINGLE_ROW) for name in sorted(single_row + others)}
    assert [name for name in others if members[SHIPPED[name]] is not None] == []
    found = families(LEVEL2_SINGLE_ROW, members)
    assert [[rule.name for rule in family] for family in found] == [single_row]


def test_the_shipped_wfss_rules_form_a_family():
    # keys of one instrument (DETECTOR; PUPIL and SUBARRAY for NIRISS) are '' for the
    # others, and only NIRISS names a subarray in its catalog products (per rule)
    wfss = ["Asn_Lv2WFSSMIR", "Asn_Lv2WFSSNIS", "Asn_Lv2WFSSNRC"]
    others = ["Asn_Lv2Image", "Asn_Lv2WFSSParallel", "Asn_Lv2FGS"]
    members = {SHIPPED[name]: _member(name, LEVEL2_WFSS) for name in sorted(wfss + others)}
    assert [name for name in others if members[SHIPPED[name]] is not None] == []
    found = families(LEVEL2_WFSS, members)
    assert [[rule.name for rule in family] for family in found] == [wfss]
    niriss = members[SHIPPED["Asn_Lv2WFSSNIS"]]
    assert niriss["keys"] == ["program", "target_key", "instrume", "pupil", "subarray"]
    assert niriss["associations"]["subarray_column"] == "subarray"


def test_the_shipped_nod_rules_form_a_family():
    # the IFU nods prune imprints before the split, which a family does not
    nods = ["Asn_Lv2NRSFSS", "Asn_Lv2NRSMSA"]
    others = ["Asn_Lv2NRSIFUNod", "Asn_Lv2Spec", "Asn_Lv2MIRLRSFixedSlitNod", "Asn_Lv3NRSFSS"]
    members = {SHIPPED[name]: _member(name, LEVEL2_NOD) for name in sorted(nods + others)}
    assert [name for name in others if members[SHIPPED[name]] is not None] == []
    found = families(LEVEL2_NOD, members)
    assert [[rule.name for rule in family] for family in found] == [nods]


def test_rules_of_another_shape_are_no_members():
    # output added after the grouping
    assert _member("Asn_Lv3SpectralTarget") is None
    image = _member("Asn_Lv3Image")
    assert image["relation"] == "science_path" and image["head"].startswith("WITH science_path AS")
    assert image["keys"] == ["program", "instrume", "subarray", "exp_type"]


def test_large_pools_run_each_rule_alone():
    engine = Engine(load_pool(DATA / "image_nircam_pool.csv"))
    engine.prepare()
    engine.plan_runs()
    assert engine.uses_rule_families()
    engine._run_item_count = FAMILY_MAX_RUN_ITEMS + 1
    assert not engine.uses_rule_families()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_failing_family_names_the_rule_that_fails(workers, tmp_path, monkeypatch, capsys):
    """Two user rules of one shape, one of them broken: the family fails, and the
    error names the broken rule (its rules are run one by one to find it)."""
    from asnsql.cli import main

    monkeypatch.setenv("ASNSQL_RULE_WORKERS", workers)
    folder = tmp_path / "rules"
    shutil.copytree(REPO / "examples" / "user_rules", folder)
    dark = folder / "rules" / "Asn_Lv3DarkStack.sql"
    text = dark.read_text()
    assert "FROM {{ items() }}" in text
    (folder / "rules" / "Asn_Lv3DarkStackBroken.sql").write_text(
        text.replace("Asn_Lv3DarkStack", "Asn_Lv3DarkStackBroken")
            .replace("FROM {{ items() }}", "FROM {{ items() }} WHERE no_such_column", 1))
    pool = folder / "tests" / "darks_by_detector" / "pool.csv"
    out = tmp_path / "out"
    out.mkdir()
    assert main(["generate", str(pool), "-p", str(out), "--ignore-default", "-r", str(folder),
                 "--all-candidates"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("asnsql: error: rule Asn_Lv3DarkStackBroken ("), line
    assert list(out.iterdir()) == []
