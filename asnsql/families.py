"""Rule families: rules of one shape run as one statement.

Most rules render their own selection, then a grouping macro, then a naming
macro, with arguments that differ only in a few places. DuckDB plans each rule's
statement anew (10-60 ms each on a small pool, most of the time a small pool
takes), so the rules of one shape that a pool enters run together: the kind's
template (models/level3_family.sql, models/level2_family.sql) tags each rule's
rows with its rule and groups and names them all in one pass, every rule as if
alone. The rows are those of the rules run one by one (tests/test_rule_families.py).

This module only decides which rules go together, from the macro calls their
templates make (`SqlTemplates.recorded_calls`); what they do stays in the SQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from asnsql.rules import Rule


@dataclass(frozen=True)
class FamilyKind:
    """Rules made of their own CTEs, then a call of `grouping`, then one of `naming`."""

    level: int
    grouping: str
    naming: str
    template: str
    """The template that runs a family of this kind."""
    relation: str
    """The grouping macro's argument naming the CTE it groups."""
    members: str
    """The CTE the grouping macro makes, which the naming macro must take."""
    per_rule: tuple[str, ...]
    """Naming arguments a family takes per rule (the naming macro's `family` mode)."""
    per_rule_groups: tuple[str, ...] = ()
    """Grouping arguments a family takes per rule (the template turns them into what
    the grouping macro takes for a family)."""
    joined: tuple[str, ...] = ()
    """Naming arguments a family takes joined: the values of every rule."""
    absent: tuple[str, ...] = ()
    """Arguments of either macro that a member leaves unset (None)."""

    @property
    def macros(self) -> tuple[str, str]:
        return (self.grouping, self.naming)


LEVEL3 = FamilyKind(
    level=3, grouping="level3_groups", naming="level3_associations",
    template="models/level3_family.sql", relation="relation", members="grouped_members",
    per_rule=("exptype", "extra_validity", "describe", "ta_gate", "name_variant", "target_column",
              "opt_elem_columns", "ta_walk", "slit_column", "slit2_column", "subarray_column"),
    per_rule_groups=("reoffered", "replay_existing", "ta_steps"),
    joined=("name_columns",))
LEVEL2_SINGLE_ROW = FamilyKind(
    level=2, grouping="single_row_members", naming="level2_associations",
    template="models/level2_family.sql", relation="eligible", members="per_row_members",
    per_rule=("describe",), absent=("into", "member_order"))
LEVEL2_WFSS = FamilyKind(
    level=2, grouping="per_science_row", naming="level2_wfss_associations",
    template="models/level2_wfss_family.sql", relation="eligible", members="per_row_members",
    per_rule=("describe", "subarray_column"))
LEVEL2_NOD = FamilyKind(
    level=2, grouping="level3_groups", naming="level2_nod_associations",
    template="models/level2_nod_family.sql", relation="relation", members="grouped_members",
    per_rule=("describe",), absent=("ta_relation", "prune_imprints"))
KINDS = (LEVEL3, LEVEL2_SINGLE_ROW, LEVEL2_WFSS, LEVEL2_NOD)


def member(kind: FamilyKind, recorded: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A rule's recorded calls as a member of a family of `kind`, or None: the rule's CTEs
    (`head`), the CTE it groups (`relation`), its grouping's `keys` and `optional_keys`
    (none for a grouping without them; a family joins them: a key or pin of one rule is
    '' or unset for the others, see the template), and the other arguments of the
    grouping (`groups`) and of the naming (`associations`)."""
    if recorded is None:
        return None
    groups, associations = (dict(call) for call in recorded["calls"])
    if (kind.relation not in groups or associations.pop("members", None) != kind.members
            or any({**groups, **associations}.get(name) is not None for name in kind.absent)):
        return None
    return {"head": recorded["head"], "relation": groups.pop(kind.relation),
            "keys": list(groups.pop("keys", [])), "optional_keys": list(groups.pop("optional_keys", [])),
            "groups": groups, "associations": associations}


def shape(kind: FamilyKind, member: Mapping[str, Any]) -> str:
    """What rules of one family share: their arguments but keys, pins, the per-rule and
    the joined ones."""
    shared = {k: v for k, v in member["associations"].items()
              if k not in kind.per_rule + kind.joined}
    groups = {k: v for k, v in member["groups"].items() if k not in kind.per_rule_groups}
    return json.dumps([groups, shared], sort_keys=True)


def families(kind: FamilyKind, members: Mapping[Rule, Mapping[str, Any] | None]) -> list[list[Rule]]:
    """The families among rules (each with its member, None: not one): the rules of one
    shape, when two or more share it, in the order given. A key of one rule that is a
    pin of another keeps them apart (a family gives each column one role)."""
    by_shape: dict[str, list[Rule]] = {}
    for rule, found in members.items():
        if found is not None:
            by_shape.setdefault(shape(kind, found), []).append(rule)
    found_families = []
    for rules in by_shape.values():
        keys = {key for rule in rules for key in members[rule]["keys"]}
        pins = {pin for rule in rules for pin in members[rule]["optional_keys"]}
        if len(rules) > 1 and not keys & pins and "rule" not in keys | pins:
            found_families.append(rules)
    return found_families


def family_context(kind: FamilyKind, rules: Sequence[Rule],
                   members: Mapping[Rule, Mapping[str, Any]]) -> dict[str, Any]:
    """What the kind's template renders a family from."""
    first = members[rules[0]]
    # each per-rule argument from the rules that give it (the others take its default)
    per_rule = {argument: {rule.name: members[rule]["associations"][argument]
                           for rule in rules if argument in members[rule]["associations"]}
                for argument in kind.per_rule}
    joined = {argument: list(dict.fromkeys(value for rule in rules
                                           for value in members[rule]["associations"].get(argument, [])))
              for argument in kind.joined}
    return {
        "keys": list(dict.fromkeys(key for rule in rules for key in members[rule]["keys"])),
        "optional_keys": list(dict.fromkeys(pin for rule in rules
                                            for pin in members[rule]["optional_keys"])),
        "members": [{"rule": rule.name, "head": members[rule]["head"],
                     "relation": members[rule]["relation"],
                     "ta_relation": members[rule]["groups"].get("ta_relation"),
                     "keys": members[rule]["keys"],
                     "optional_keys": members[rule]["optional_keys"],
                     "groups": members[rule]["groups"]} for rule in rules],
        "groups": {k: v for k, v in first["groups"].items() if k not in kind.per_rule_groups},
        "associations": {**{k: v for k, v in first["associations"].items()
                            if k not in kind.per_rule + kind.joined},
                         **{argument: given for argument, given in per_rule.items() if given},
                         **{argument: given for argument, given in joined.items() if given}},
    }
