"""Conventions of the shipped rule templates."""

from __future__ import annotations

import re

from asnsql.rules import shipped_rules


def test_file_stem_matches_rule_name():
    for rule in shipped_rules():
        assert rule.path.stem == rule.name


def test_level_folder_matches_level():
    for rule in shipped_rules():
        assert rule.path.parent.name == ("level2b" if rule.level == 2 else "level3")


def test_every_rule_has_a_header_comment_and_reference_pointer():
    for rule in shipped_rules():
        text = rule.path.read_text()
        assert re.search(r"\{#.+?#\}", text, re.S), f"{rule.name}: no {{# #}} header block"
        assert rule.header.get("jwst", "").endswith("::" + rule.name)


def test_rules_never_name_pool_tables_directly():
    for rule in shipped_rules():
        text = rule.path.read_text()
        assert not re.search(r"\b(FROM|JOIN)\s+(pool|exposures|run_items|runs)\b", text, re.I), rule.name


def test_every_rule_names_its_selection_checks():
    from asnsql.templates import SqlTemplates

    templates = SqlTemplates()
    context = {"columns": list(templates.env.globals["KNOWN_COLUMNS"]),
               "finalize": True, "discover_only": False}
    for rule in shipped_rules():
        templates.render_file(rule.path, context)
        assert templates.recorded_checks, f"{rule.name}: select rows with all_checks({{...}})"
