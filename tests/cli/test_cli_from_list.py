"""`asnsql from-list`: writes -o, validates, one error line."""

from __future__ import annotations

import json

from asnsql.cli import main


def test_level3(tmp_path, capsys):
    out = tmp_path / "mosaic_asn.json"
    assert main(["from-list", "-o", str(out), "--product-name", "my_mosaic", "a_cal.fits", "b_cal.fits"]) == 0
    assert capsys.readouterr().out == f"wrote {out} (DMS_Level3_Base: 1 product(s), 2 member(s))\n"
    data = json.loads(out.read_text())
    assert data["products"] == [{"name": "my_mosaic", "members": [
        {"expname": "a_cal.fits", "exptype": "science"}, {"expname": "b_cal.fits", "exptype": "science"}]}]


def test_level2_with_exptype_and_id(tmp_path):
    out = tmp_path / "l2_asn.json"
    assert main(["from-list", "-o", str(out), "-r", "DMSLevel2bBase", "-i", "o003", "a_rate.fits"]) == 0
    assert json.loads(out.read_text())["products"] == [
        {"name": "a", "members": [{"expname": "a_rate.fits", "exptype": "science"}]}]


def test_missing_product_name_is_one_error_line_and_no_file(tmp_path, capsys):
    out = tmp_path / "x_asn.json"
    assert main(["from-list", "-o", str(out), "a.fits"]) == 2
    assert capsys.readouterr().err == (
        "asnsql: error: DMS_Level3_Base: a Level 3 association needs --product-name NAME\n")
    assert not out.exists()


def test_output_must_be_json(tmp_path, capsys):
    out = tmp_path / "x.txt"
    assert main(["from-list", "-o", str(out), "--product-name", "p", "a.fits"]) == 2
    assert capsys.readouterr().err == (
        f"asnsql: error: {out}: association files are written as .json; choose a name ending in .json\n")
    assert not out.exists()


def test_usage_error_without_output(capsys):
    assert main(["from-list", "a.fits"]) == 2
    assert "Missing option" in capsys.readouterr().err
