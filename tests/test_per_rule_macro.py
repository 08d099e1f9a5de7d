"""`per_rule`: a rule argument a rule family gives per rule, as one CASE over the row's
rule. Each rule must get its own value, whichever rules share a branch or fall to the
default (the family tests compare whole rules; this checks the macro on its own)."""

from __future__ import annotations

import duckdb
import pytest

from asnsql.templates import SqlTemplates

TEMPLATES = SqlTemplates()
CALL = "{% call(v) per_rule(value, 'rule', default) %}{{ v }}{% endcall %}"


def render(value: object, default: object) -> str:
    return TEMPLATES.render_text(CALL, {"value": value, "default": default}, "per_rule test")


@pytest.mark.parametrize("value", [
    {"a": "'x'", "b": "'x'", "c": "'y'", "d": "'dflt'"},  # a shared branch, a rule at the default
    {"a": "'x'"},                                         # rules outside the mapping take the default
    {"a": "'x'", "b": "'y'", "c": "'z'"},                 # every rule its own branch
])
def test_each_rule_gets_its_own_value(value: dict[str, str]) -> None:
    sql = render(value, "'dflt'")
    rules = ["a", "b", "c", "d", "e"]
    rows = duckdb.sql(f"SELECT rule, {sql} FROM unnest({rules}) AS t(rule) ORDER BY rule").fetchall()
    assert rows == [(rule, value.get(rule, "'dflt'").strip("'")) for rule in rules]


def test_rules_giving_a_value_alike_share_its_branch() -> None:
    sql = render({"a": "'x'", "b": "'x'", "c": "'y'", "d": "'dflt'"}, "'dflt'")
    assert sql == "CASE WHEN rule IN ('a', 'b') THEN 'x' WHEN rule IN ('c') THEN 'y' ELSE 'dflt' END"


def test_no_case_when_every_rule_takes_the_default() -> None:
    assert render({"a": "'dflt'", "b": "'dflt'"}, "'dflt'") == "'dflt'"


def test_a_plain_value_is_the_value() -> None:
    assert render("'x'", "'dflt'") == "'x'"
