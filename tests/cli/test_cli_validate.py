"""`asnsql validate`: problems on stdout with file and JSON path; exit 1 on any invalid file."""

from __future__ import annotations

import json

from asnsql.cli import main

GOOD = {"products": [{"name": "p", "members": [{"expname": "a.fits", "exptype": "science"}]}]}


def test_valid_files(tmp_path, capsys):
    (tmp_path / "a_asn.json").write_text(json.dumps(GOOD))
    assert main(["validate", str(tmp_path / "a_asn.json")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "asnsql: 1 file(s) valid\n"


def test_invalid_files_exit_1_and_list_every_problem(tmp_path, capsys):
    good, bad = tmp_path / "a_asn.json", tmp_path / "b_asn.json"
    good.write_text(json.dumps(GOOD))
    bad.write_text('{"products": [{"members": [{"expname": 1}]}]}')
    assert main(["validate", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{bad}: $.products[0].members[0]: missing required key 'exptype'",
        f"{bad}: $.products[0].members[0].expname: must be a string, not a number"]
    assert captured.err == "asnsql: error: 1 of 2 file(s) invalid\n"


def test_bad_level_option(tmp_path, capsys):
    assert main(["validate", "--level", "4", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "asnsql: error: --level 4: use auto, 2b or 3\n"


def test_usage_error_without_files():
    assert main(["validate"]) == 2
