"""Stage progress: the library's `progress` callback, and the CLI's bar for large pools."""

from __future__ import annotations

import sys

import pytest

import asnsql.cli.progress as cli_progress
from asnsql.api import run_generation
from asnsql.cli import main
from asnsql.cli.progress import reporting_writes, shows_progress

from .conftest import DATA, REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_every_stage_is_told_in_order_and_the_rules_one_by_one(monkeypatch, workers):
    monkeypatch.setenv("ASNSQL_RULE_WORKERS", workers)
    told: list[tuple[str, int, int]] = []
    generation = run_generation(DATA / "spec_backgrounds_pool.csv",
                                progress=lambda *step: told.append(step))
    stages = [stage for stage, _, _ in told]
    assert list(dict.fromkeys(stages)) == ["models", "rules", "post-processing", "file texts"]
    rules = [(done, total) for stage, done, total in told if stage == "rules"]
    total = rules[0][1]
    assert total > 1
    assert rules == [(done, total) for done in range(total + 1)]
    assert told[-1] == ("file texts", 1, 1) and len(generation.files) > 0


def test_writes_are_told_in_steps_and_at_the_end(monkeypatch):
    monkeypatch.setattr(cli_progress, "WRITE_REPORT_EVERY", 2)
    told = []
    files = list(reporting_writes(iter("abcde"), lambda *step: told.append(step), 5))
    assert files == list("abcde")
    assert told == [("writing", 0, 5), ("writing", 2, 5), ("writing", 4, 5), ("writing", 5, 5)]
    assert list(reporting_writes(iter("ab"), None, 2)) == ["a", "b"]


def test_the_bar_shows_for_large_pools_on_a_terminal(tmp_path, monkeypatch):
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small.write_bytes(b"x" * 10)
    large.write_bytes(b"x" * 20)
    monkeypatch.setattr(cli_progress, "PROGRESS_MIN_BYTES", 20)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert shows_progress(large) and not shows_progress(small)
    assert not shows_progress(tmp_path / "missing.csv")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert not shows_progress(large)


def test_a_run_with_the_bar_writes_the_same_files(tmp_path, monkeypatch, capsys):
    plain, barred = tmp_path / "plain", tmp_path / "barred"
    plain.mkdir()
    barred.mkdir()
    assert main(["generate", str(EXAMPLE), "-p", str(plain), "--version-id", "v1"]) == 0
    monkeypatch.setattr(cli_progress, "shows_progress", lambda pool: True)
    assert main(["generate", str(EXAMPLE), "-p", str(barred), "--version-id", "v1"]) == 0
    assert "wrote 12 associations" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in barred.iterdir()} == \
        {p.name: p.read_bytes() for p in plain.iterdir()}
