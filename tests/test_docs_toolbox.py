"""Every toolbox command has a README section with an example, and a library function in asnsql."""

from __future__ import annotations

import re

import pytest

import asnsql

from .conftest import REPO

COMMANDS = {"from-list": "from_list", "make-pool": "make_pool", "gather": "gather", "edit": "edit",
            "validate": "validate", "diff": "diff"}


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_section_with_an_example(command):
    commands = (REPO / "README.md").read_text().split("## Commands", 1)[1].split("\n## ", 1)[0]
    section = re.search(rf"^### {command}\n(.*?)(?=^### |\Z)", commands, re.S | re.M)
    assert section, f"README has no '### {command}' block under '## Commands'"
    assert f"$ asnsql {command} " in section.group(1)


@pytest.mark.parametrize("function", [*COMMANDS.values(), "open_asn", "write_pool", "validate_files"])
def test_library_function_exported(function):
    assert function in asnsql.__all__ and callable(getattr(asnsql, function))
