"""`asnsql gather`: copies, filters by exptype, one error line for a missing member."""

from __future__ import annotations

import json

from asnsql.cli import main


def _asn(tmp_path, *names):
    asn = {"products": [{"name": "p", "members": [{"expname": n, "exptype": "science"} for n in names]}]}
    path = tmp_path / "x_asn.json"
    path.write_text(json.dumps(asn))
    return path


def test_gather(tmp_path, capsys):
    path = _asn(tmp_path, "a_cal.fits")
    (tmp_path / "a_cal.fits").write_text("a")
    dest = tmp_path / "dest"
    assert main(["gather", str(path), str(dest), "-t", "science"]) == 0
    assert capsys.readouterr().out == f"copied 1 member file(s) and x_asn.json to {dest}\n"
    assert (dest / "a_cal.fits").read_text() == "a"


def test_missing_member(tmp_path, capsys):
    path = _asn(tmp_path, "a_cal.fits", "b_cal.fits")
    assert main(["gather", str(path), str(tmp_path / "dest")]) == 2
    assert capsys.readouterr().err == (
        f"asnsql: error: {path}: member file {tmp_path / 'a_cal.fits'} does not exist "
        "(and 1 more missing); nothing was copied\n")


def test_usage_error_without_destination(tmp_path):
    assert main(["gather", str(_asn(tmp_path, "a.fits"))]) == 2
