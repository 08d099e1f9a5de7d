"""edit adds and removes members as asn_edit does (reference output as expectation)."""

from __future__ import annotations

import pytest

from asnsql import edit, load_asn
from asnsql.asn import dumps
from asnsql.toolbox.edit import read_asn, write_asn
from asnsql.toolbox.errors import EditError

from .conftest import DATA

EDIT = DATA / "toolbox" / "edit"


def _asn(*names_per_product: list[str]) -> dict:
    return {"products": [{"name": f"p{i}", "members": [{"expname": n, "exptype": "science"} for n in names]}
                         for i, names in enumerate(names_per_product)]}


def test_add_matches_the_reference():
    # expectation: asn_edit -a -t background (jwst 3.0.0), see tests/data/toolbox/README.md
    result = edit(read_asn(EDIT / "l3_asn.json"), exptype="background",
                  add=["/some/where/jw01500001001_03105_00001_nrca1_cal.fits", "new_rate.fits"])
    assert dumps(result.association) == (EDIT / "added_asn.json").read_text()


def test_remove_ignoring_suffix_matches_the_reference():
    # expectation: asn_edit -r -i (jwst 3.0.0), see tests/data/toolbox/README.md
    result = edit(read_asn(EDIT / "added_asn.json"), ignore_suffix=True,
                  remove=["jw01500001001_03101_00001_nrca1_rate.fits", "nothere.fits"])
    assert dumps(result.association) == (EDIT / "removed_asn.json").read_text()
    assert result.not_found == ["nothere.fits"]


def test_add_goes_to_every_product_and_leaves_the_input_alone():
    original = _asn(["a_cal.fits"], ["b_cal.fits"])
    result = edit(original, add=["dir/c_cal.fits"])
    assert [[m["expname"] for m in p["members"]] for p in result.association["products"]] == [
        ["a_cal.fits", "c_cal.fits"], ["b_cal.fits", "c_cal.fits"]]
    assert original == _asn(["a_cal.fits"], ["b_cal.fits"])


def test_remove_matches_base_name_exactly_and_drops_emptied_products():
    result = edit(_asn(["a_cal.fits", "b_cal.fits"], ["a_cal.fits"], []), remove=["/x/a_cal.fits", "a_rate.fits"])
    assert result.association["products"] == [
        {"name": "p0", "members": [{"expname": "b_cal.fits", "exptype": "science"}]},
        {"name": "p2", "members": []}]
    assert result.not_found == ["a_rate.fits"]


def test_read_needs_json_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text('{"products": []}')
    with pytest.raises(EditError, match="must end in .json"):
        read_asn(path)


def test_write_replaces_in_place_without_leftovers(tmp_path):
    path = tmp_path / "a_asn.json"
    path.write_text(dumps(_asn(["a.fits"])))
    write_asn(edit(load_asn(path), add=["b.fits"]).association, path)
    assert [m["expname"] for m in load_asn(path)["products"][0]["members"]] == ["a.fits", "b.fits"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_asn.json"]
