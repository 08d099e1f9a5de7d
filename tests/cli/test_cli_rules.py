"""`asnsql rules` lists rules in registry order; `rules show` prints rendered SQL."""

from __future__ import annotations

from asnsql.cli import main


def test_rules_lists_in_registry_order(capsys):
    assert main(["rules"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names.index("Asn_Lv2FGS") < names.index("Asn_Lv2Image") < names.index("Asn_Lv3Image")
    assert names == sorted(names, key=lambda n: (not n.startswith(("Asn_Lv2", "Asn_MIR")), n))


def test_rules_show_prints_runnable_sql(capsys):
    assert main(["rules", "show", "Asn_Lv3Image"]) == 0
    sql = capsys.readouterr().out
    assert "WITH science_path AS" in sql and "{{" not in sql and "{%" not in sql


def test_rules_show_unknown_rule_suggests(capsys):
    assert main(["rules", "show", "Lv3Imag"]) == 2
    assert "did you mean Asn_Lv3Image" in capsys.readouterr().err
