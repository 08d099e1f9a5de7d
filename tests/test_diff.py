"""diff: products only left, only right, or differing, each naming its files."""

from __future__ import annotations

import json

import pytest

from asnsql import diff
from asnsql.toolbox.diff import format_diff
from asnsql.toolbox.errors import DiffInputError


def _write(folder, name, asn_type, products, **keys):
    folder.mkdir(exist_ok=True)
    asn = {"asn_type": asn_type, "asn_rule": "r", "code_version": "x", **keys, "products": [
        {"name": pname, "members": [{"expname": e, "exptype": t} for e, t in members]}
        for pname, members in products]}
    (folder / name).write_text(json.dumps(asn))
    return folder / name


@pytest.fixture
def sides(tmp_path):
    left, right = tmp_path / "left", tmp_path / "right"
    _write(left, "a_asn.json", "image3", [("same", [("a_cal.fits", "science")])])
    _write(right, "a_asn.json", "image3", [("same", [("a_cal.fits", "science")])], code_version="y")
    _write(left, "b_asn.json", "image3", [("changed", [("a_cal.fits", "science"), ("b_cal.fits", "science"),
                                                         ("c_cal.fits", "science")])])
    _write(right, "b2_asn.json", "spec3", [("changed", [("c_cal.fits", "science"), ("b_cal.fits", "background"),
                                                        ("d_cal.fits", "science")])])
    _write(left, "c_asn.json", "image2", [("left_only", [("e_rate.fits", "science")])])
    _write(right, "d_asn.json", "image2", [("right_only", [("f_rate.fits", "science")])])
    return left, right


def test_folders(sides):
    result = diff(*sides)
    assert [p.name for p in result.only_left] == ["left_only"]
    assert [p.name for p in result.only_right] == ["right_only"]
    assert [p.left.name for p in result.same] == ["same"]
    [changed] = result.differ
    assert changed.keys == [("asn_type", "image3", "spec3")]
    assert [m["expname"] for m in changed.only_left] == ["a_cal.fits"]
    assert [m["expname"] for m in changed.only_right] == ["d_cal.fits"]
    assert [(a["expname"], fields) for a, _, fields in changed.changed] == [("b_cal.fits", ["exptype"])]
    assert changed.order_differs


def test_report_names_files(sides):
    left, right = sides
    assert format_diff(diff(left, right)) == "\n".join([
        f"left:  {left} (3 associations, 3 products)",
        f"right: {right} (3 associations, 3 products)",
        "",
        "only in left (1 product):",
        "  left_only  [image2, 1 member]  c_asn.json",
        "",
        "only in right (1 product):",
        "  right_only  [image2, 1 member]  d_asn.json",
        "",
        "differ (1 product):",
        "  changed",
        "    left:  b_asn.json",
        "    right: b2_asn.json",
        "    asn_type: 'image3' (left) != 'spec3' (right)",
        "    members only in left (1):",
        "      a_cal.fits (science)",
        "    members only in right (1):",
        "      d_cal.fits (science)",
        "    member b_cal.fits: exptype 'science' != 'background'",
        "    members are in a different order",
        "",
        "1 only in left; 1 only in right; 1 differ; 1 same",
    ])


def test_files_ignore_options(tmp_path):
    a = _write(tmp_path / "l", "x_asn.json", "image2", [("p", [("a_rate.fits", "science")])], asn_pool="one")
    b = _write(tmp_path / "r", "x_asn.json", "image2", [("p", [("a_cal.fits", "science")])], asn_pool="two")
    assert not diff(a, b).identical
    assert diff(a, b, ignore_keys=["asn_pool"], ignore_suffix=True).identical
    assert format_diff(diff(a, a)).endswith("no differences: 1 product match")


def test_bad_inputs(tmp_path):
    with pytest.raises(DiffInputError, match="no such association file or folder"):
        diff(tmp_path / "nope.json", tmp_path / "nope.json")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DiffInputError, match="folder has no association"):
        diff(tmp_path / "empty", tmp_path / "empty")
