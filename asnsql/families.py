"""Rule families: Level 3 rules of one shape run as one statement.

Most Level 3 rules render their own selection, then `level3_groups` and
`level3_associations` with arguments that differ only in the keys, the pins and
a few per-rule arguments. DuckDB plans each rule's statement anew (40-60 ms
each on a small pool, most of the time a small pool takes), so rules of one
shape that a pool enters are run together: models/level3_family.sql groups them
all in one pass, every rule as if alone, and gives each row its rule. The rows
are those of the rules run one by one (tests/test_rule_families.py).

This module only decides which rules go together (their recorded arguments,
`SqlTemplates.level3_family_member`); what they do stays in the SQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from asnsql.rules import Rule

PER_RULE_ARGUMENTS = ("exptype", "extra_validity", "describe", "ta_gate", "name_variant")
"""The level3_associations arguments a family takes per rule (its `family` mode)."""
JOINED_ARGUMENTS = ("name_columns",)
"""The level3_associations arguments a family takes joined: the columns of every rule.
Every other argument of both macros, but the keys and pins, is the same for all its rules."""


def shape(member: Mapping[str, Any]) -> str:
    """What rules of one family share: their arguments but keys, pins, the per-rule and the
    joined ones."""
    shared = {k: v for k, v in member["associations"].items()
              if k not in PER_RULE_ARGUMENTS + JOINED_ARGUMENTS}
    return json.dumps([member["groups"], shared], sort_keys=True)


def level3_families(members: Mapping[Rule, Mapping[str, Any] | None]) -> list[list[Rule]]:
    """The families among rules (each with its recorded member, None: not a member): the
    rules of one shape, when two or more share it, in the order given. A key of one rule
    that is a pin of another keeps them apart (a family gives each column one role)."""
    by_shape: dict[str, list[Rule]] = {}
    for rule, member in members.items():
        if member is not None:
            by_shape.setdefault(shape(member), []).append(rule)
    families = []
    for rules in by_shape.values():
        keys = {key for rule in rules for key in members[rule]["keys"]}
        pins = {pin for rule in rules for pin in members[rule]["optional_keys"]}
        if len(rules) > 1 and not keys & pins and "rule" not in keys | pins:
            families.append(rules)
    return families


def family_context(rules: Sequence[Rule], members: Mapping[Rule, Mapping[str, Any]]) -> dict[str, Any]:
    """What models/level3_family.sql renders a family from."""
    first = members[rules[0]]
    # each per-rule argument from the rules that give it (the others take its default)
    per_rule = {argument: {rule.name: members[rule]["associations"][argument]
                           for rule in rules if argument in members[rule]["associations"]}
                for argument in PER_RULE_ARGUMENTS}
    joined = {argument: list(dict.fromkeys(value for rule in rules
                                           for value in members[rule]["associations"].get(argument, [])))
              for argument in JOINED_ARGUMENTS}
    return {
        "members": [{"rule": rule.name, "head": members[rule]["head"],
                     "relation": members[rule]["relation"], "keys": members[rule]["keys"],
                     "optional_keys": members[rule]["optional_keys"]} for rule in rules],
        "groups": first["groups"],
        "associations": {**{k: v for k, v in first["associations"].items()
                            if k not in PER_RULE_ARGUMENTS + JOINED_ARGUMENTS},
                         **{argument: given for argument, given in per_rule.items() if given},
                         **{argument: given for argument, given in joined.items() if given}},
    }
