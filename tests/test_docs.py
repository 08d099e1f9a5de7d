"""The README's set-up contract: two commands, and CI runs the test one."""

from __future__ import annotations

import re

from .conftest import REPO


def setup_commands() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, re.S)


def test_readme_has_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert "asnsql generate examples/example_pool.csv" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert setup_commands()[1] in ci


def test_every_cli_command_has_an_example_in_its_help():
    from asnsql.cli import cli_app

    app = cli_app()
    commands = [c.callback for c in app.registered_commands]
    for group in app.registered_groups:
        commands += [c.callback for c in group.typer_instance.registered_commands]
        if group.typer_instance.registered_callback:
            commands.append(group.typer_instance.registered_callback.callback)
    for callback in commands:
        assert "Example:" in (callback.__doc__ or ""), callback.__name__
