"""User rules: -r takes a .sql file or a folder with its macros; `rules test` runs fixtures."""

from __future__ import annotations

import shutil

from asnsql import generate
from asnsql.cli import main

from .conftest import REPO, by_rule, members_of

USER_RULES = REPO / "examples" / "user_rules"
DARK_POOL = USER_RULES / "tests" / "darks_by_detector" / "pool.csv"


def test_rule_folder_brings_its_rules_and_macros():
    asns = generate(DARK_POOL, mode="all-candidates", rules=[USER_RULES])
    darks = by_rule(asns, "Asn_Lv3DarkStack")
    assert sorted(members_of(a) for a in darks) == [
        [("d1_rate.fits", "science"), ("d2_rate.fits", "science")],
        [("d3_rate.fits", "science")]]


def test_user_rule_with_a_shipped_name_replaces_it(tmp_path):
    shutil.copytree(USER_RULES / "macros", tmp_path / "macros")
    rule = tmp_path / "Asn_Lv3Image.sql"
    rule.write_text((USER_RULES / "rules" / "Asn_Lv3DarkStack.sql").read_text()
                    .replace("Asn_Lv3DarkStack", "Asn_Lv3Image"))
    asns = generate(DARK_POOL, mode="all-candidates", rules=[rule])
    # the shipped Asn_Lv3Image would have grouped the science image
    assert all(a["asn_type"] == "dark3" for a in by_rule(asns, "Asn_Lv3Image"))


def test_user_macro_shadows_the_shipped_one(tmp_path):
    folder = tmp_path / "rules_with_macro"
    shutil.copytree(USER_RULES, folder)
    (folder / "macros" / "level2_product_name.sql").write_text(
        "{% macro level2_product_name(expname) %}'custom_' || {{ expname }}{% endmacro %}\n")
    asns = generate(REPO / "examples" / "example_pool.csv", mode="all-candidates",
                    rules=[folder])
    names = [a["products"][0]["name"] for a in asns if a["asn_type"] == "image2"]
    assert names and all(n.startswith("custom_") for n in names)


def test_rules_test_passes_on_the_example(capsys):
    assert main(["rules", "test", str(USER_RULES)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 passed, 0 failed"


def test_rules_test_reports_and_fails_on_a_wrong_expectation(tmp_path, capsys):
    folder = tmp_path / "user_rules"
    shutil.copytree(USER_RULES, folder)
    expected = folder / "tests" / "darks_by_detector" / "expected" / "mirifushort_asn.json"
    expected.write_text(expected.read_text().replace("d3_rate.fits", "d4_rate.fits"))
    assert main(["rules", "test", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "FAIL darks_by_detector" in out
    assert "missing: dark3 jw04242-o001_t000_miri_clear: d4_rate.fits (science)" in out
    assert "extra:   dark3 jw04242-o001_t000_miri_clear: d3_rate.fits (science)" in out


def test_rules_test_without_cases_is_one_error(tmp_path, capsys):
    folder = tmp_path / "bare"
    (folder / "rules").mkdir(parents=True)
    shutil.copy(USER_RULES / "rules" / "Asn_Lv3DarkStack.sql", folder / "rules")
    shutil.copytree(USER_RULES / "macros", folder / "macros")
    assert main(["rules", "test", str(folder)]) == 2
    assert "no test cases" in capsys.readouterr().err
