"""Render a rule's template to the SQL that runs (`asnsql rules show`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from asnsql.rules import find_rule, select_rules, user_template_dirs
from asnsql.templates import SqlTemplates


def render_rule_sql(name: str, pool: Path | None = None, rule_paths: Sequence[Path] = ()) -> str:
    """The rendered SQL of one rule, for a pool's columns (or every known column)."""
    templates = SqlTemplates(user_template_dirs(rule_paths))
    rule = find_rule(name, select_rules(rule_paths))
    if pool is not None:
        from asnsql.pool import read_pool_arrays

        columns = list(read_pool_arrays(pool, delimiter="|", fmt="ascii"))
    else:
        columns = templates.known_columns()
    context = {"columns": columns, "finalize": True, "discover_only": False}
    return templates.render_file(rule.path, context).strip() + "\n"
