"""`asnsql edit`: asn_edit's flags, in place or -o, warnings for names not found."""

from __future__ import annotations

import shutil

from asnsql.cli import main

from ..conftest import DATA

EDIT = DATA / "toolbox" / "edit"


def test_add_in_place(tmp_path, capsys):
    path = tmp_path / "l3_asn.json"
    shutil.copy(EDIT / "l3_asn.json", path)
    assert main(["edit", str(path), "--add", "-t", "background",
                 "/some/where/jw01500001001_03105_00001_nrca1_cal.fits", "new_rate.fits"]) == 0
    assert capsys.readouterr().out == f"wrote {path} (1 product(s), 4 member(s))\n"
    assert path.read_text() == (EDIT / "added_asn.json").read_text()


def test_remove_to_output_warns_for_names_not_found(tmp_path, capsys):
    out = tmp_path / "removed_asn.json"
    source = EDIT / "added_asn.json"
    assert main(["edit", str(source), "-r", "-i", "-o", str(out),
                 "jw01500001001_03101_00001_nrca1_rate.fits", "nothere.fits"]) == 0
    assert capsys.readouterr().err == f"asnsql: warning: not in {source}, left as is: nothere.fits\n"
    assert out.read_text() == (EDIT / "removed_asn.json").read_text()


def test_add_and_remove_together_is_an_error(capsys):
    assert main(["edit", str(EDIT / "l3_asn.json"), "--add", "--remove", "a.fits"]) == 2
    assert capsys.readouterr().err == "asnsql: error: use just one of --add or --remove\n"


def test_missing_association(tmp_path, capsys):
    assert main(["edit", str(tmp_path / "no_asn.json"), "--add", "a.fits"]) == 2
    assert capsys.readouterr().err == f"asnsql: error: {tmp_path / 'no_asn.json'}: no such association file\n"


def test_usage_error_without_files():
    assert main(["edit", str(EDIT / "l3_asn.json"), "--add"]) == 2
