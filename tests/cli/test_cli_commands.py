"""A run registers only the command it runs; help and `cli_app()` have them all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from asnsql.cli import COMMAND_MODULES, cli_app, main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "example_pool.csv"


def _command_modules_after(argv: list[str], tmp_path: Path) -> list[str]:
    """The command modules (asnsql.cli.<module>) a fresh process has imported after main(argv)."""
    modules = sorted(f"asnsql.cli.{m}" for m in COMMAND_MODULES.values())
    code = (f"import sys; from asnsql.cli import main; main({argv!r}); "
            f"print(sorted(m for m in {modules!r} if m in sys.modules))")
    env = {"ASNSQL_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True)
    return eval(run.stdout.strip().splitlines()[-1])  # noqa: S307 - a list literal we printed


def test_a_run_registers_only_its_command(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert _command_modules_after(["generate", str(EXAMPLE), "-p", str(out)], tmp_path) == [
        "asnsql.cli.generate"]
    assert _command_modules_after(["rules"], tmp_path) == ["asnsql.cli.rules"]


def test_help_and_unknown_commands_see_every_command(tmp_path, capsys):
    every = sorted(f"asnsql.cli.{m}" for m in COMMAND_MODULES.values())
    assert _command_modules_after(["--help"], tmp_path) == every
    assert _command_modules_after(["nosuch"], tmp_path) == every
    assert main(["--help"]) == 0
    listed = capsys.readouterr().out
    for name in COMMAND_MODULES:
        assert f" {name} " in listed, name


def test_cli_app_has_every_command():
    app = cli_app()
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups}
    assert names == set(COMMAND_MODULES)
