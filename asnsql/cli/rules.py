"""`asnsql rules` and `asnsql rules show`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from asnsql.cli.app import rules_app


@rules_app.callback(invoke_without_command=True)
def rules_list(
    ctx: typer.Context,
    rules: Annotated[
        Optional[list[Path]], typer.Option("-r", "--rules", help="Extra rule template or folder.")
    ] = None,
    ignore_default: Annotated[bool, typer.Option("--ignore-default")] = False,
) -> None:
    """List the rules in the order they run: name, level, asn_type, template.

    Example: asnsql rules
    """
    if ctx.invoked_subcommand is not None:
        return
    from asnsql.rules import select_rules

    for rule in select_rules(tuple(rules or ()), ignore_default):
        typer.echo(f"{rule.name:<28} level {rule.level}  {rule.asn_type:<14} {_display_path(rule.path)}")


@rules_app.command("show")
def rules_show(
    name: Annotated[str, typer.Argument(help="Rule name, e.g. Asn_Lv3Image.")],
    pool: Annotated[
        Optional[Path], typer.Option("--pool", help="Render for this pool's columns.")
    ] = None,
    rules: Annotated[
        Optional[list[Path]], typer.Option("-r", "--rules", help="Extra rule template or folder.")
    ] = None,
) -> None:
    """Print a rule's SQL, rendered (macros expanded).

    Example: asnsql rules show Asn_Lv3Image
    """
    from asnsql.compile import render_rule_sql

    typer.echo(render_rule_sql(name, pool=pool, rule_paths=tuple(rules or ())))


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@rules_app.command("test")
def rules_test(
    path: Annotated[Path, typer.Argument(help="Rule folder with tests/<case>/pool.csv and expected/.")],
) -> None:
    """Run a rule folder's fixture tests (layout: docs/writing-rules.md); exit 1 on failure.

    Example: asnsql rules test examples/user_rules
    """
    from asnsql.rule_tests import run_rule_tests

    results = run_rule_tests(path)
    for result in results:
        typer.echo(f"{'PASS' if result.passed else 'FAIL'} {result.name}")
        for line in result.missing:
            typer.echo(f"  missing: {line}")
        for line in result.extra:
            typer.echo(f"  extra:   {line}")
    failed = sum(not r.passed for r in results)
    typer.echo(f"{len(results) - failed} passed, {failed} failed")
    if failed:
        raise typer.Exit(1)

