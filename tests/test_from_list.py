"""from_list builds the associations asn_from_list builds (reference output as expectation)."""

from __future__ import annotations

import json

import pytest

from asnsql import from_list
from asnsql.toolbox.errors import FromListError
from asnsql.toolbox.validate import validate

from .conftest import DATA

REFERENCE = DATA / "toolbox" / "from_list"


def _without_code_version(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "code_version"}


def test_level3_matches_the_reference():
    # expectation: asn_from_list (jwst 3.0.0) output, see tests/data/toolbox/README.md
    asn = from_list(["data/jw01_nrca1_cal.fits", "b_i2d.fits"], product_name="my_mosaic")
    expected = json.loads((REFERENCE / "level3_reference.json").read_text())
    assert list(asn) == list(expected)
    assert _without_code_version(asn) == _without_code_version(expected)
    assert asn["code_version"].startswith("asnsql ")


def test_level2_one_product_per_file_named_without_suffix():
    # expectation: asn_from_list -r DMSLevel2bBase -i o012 (jwst 3.0.0), see tests/data/toolbox/README.md
    asn = from_list(["data/jw01_nrca1_rate.fits", "jw02_x_uncal.fits", "c.fits"],
                    rule="DMSLevel2bBase", acid="o012")
    expected = json.loads((REFERENCE / "level2_reference.json").read_text())
    assert list(asn) == list(expected)
    assert _without_code_version(asn) == _without_code_version(expected)


def test_a_rule_name_sets_the_level_and_is_written_as_asn_rule():
    asn = from_list(["a_cal.fits"], rule="Asn_Lv3Image", product_name="p")
    assert asn["asn_rule"] == "Asn_Lv3Image" and "target" in asn
    level2 = from_list(["a_rate.fits"], rule="Asn_Lv2Image")
    assert level2["asn_rule"] == "Asn_Lv2Image" and "target" not in level2
    assert [p["name"] for p in level2["products"]] == ["a"]


def test_exptype_and_pairs():
    asn = from_list(["a.fits", ("b.fits", "background"), ("c.fits", "")], product_name="p", exptype="psf")
    assert [m["exptype"] for m in asn["products"][0]["members"]] == ["psf", "background", "psf"]
    level2 = from_list([("a_rate.fits", "background"), "b_rate.fits"], rule="DMSLevel2bBase")
    # a product with no science member has no name to take: the reference writes "undefined"
    assert [p["name"] for p in level2["products"]] == ["undefined", "b"]


def test_outputs_validate():
    for asn in (from_list(["a.fits"], product_name="p"), from_list(["a_rate.fits"], rule="level2")):
        assert validate(dict(asn)).valid


@pytest.mark.parametrize("kwargs, message", [
    ({"product_name": None}, "needs --product-name"),
    ({"rule": "DMSLevel2bBase", "acid": "x1"}, "starts with o"),
    ({"rule": "DMSLevel2bBase", "acid": "c1000"}, "needs a background member"),
    ({"rule": "DMSLevel2bBase", "exptype": "background"}, "needs a science member"),
    ({"rule": "Nonsense"}, "not a Level 2 or Level 3 rule"),
])
def test_errors(kwargs, message):
    with pytest.raises(FromListError, match=message):
        from_list(["a_rate.fits"], **kwargs)


def test_no_files():
    with pytest.raises(FromListError, match="no files"):
        from_list([], product_name="p")
