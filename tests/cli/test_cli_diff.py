"""`asnsql diff`: exit 0 when the sides match, 1 when they differ, 2 on bad input."""

from __future__ import annotations

import json

from asnsql.cli import main

ASN = {"asn_type": "image3", "products": [{"name": "p", "members": [{"expname": "a.fits", "exptype": "science"}]}]}


def test_same(tmp_path, capsys):
    path = tmp_path / "a_asn.json"
    path.write_text(json.dumps(ASN))
    assert main(["diff", str(path), str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no differences: 1 product match"


def test_differ(tmp_path, capsys):
    left, right = tmp_path / "a_asn.json", tmp_path / "b_asn.json"
    left.write_text(json.dumps(ASN))
    right.write_text(json.dumps({**ASN, "products": [{"name": "q", "members": []}]}))
    assert main(["diff", str(left), str(right)]) == 1
    out = capsys.readouterr().out
    assert f"  p  [image3, 1 member]  {left}\n" in out
    assert out.splitlines()[-1] == "1 only in left; 1 only in right"


def test_missing_side(tmp_path, capsys):
    assert main(["diff", str(tmp_path / "x.json"), str(tmp_path / "x.json")]) == 2
    assert capsys.readouterr().err == f"asnsql: error: {tmp_path / 'x.json'}: no such association file or folder\n"


def test_usage_error_with_one_side(tmp_path):
    assert main(["diff", str(tmp_path)]) == 2
