"""validate: strict JSON, the Level 2b / Level 3 schemas, every problem with its JSON path."""

from __future__ import annotations

import json

import pytest

from asnsql import validate, validate_files
from asnsql.toolbox.errors import InvalidAssociation
from asnsql.toolbox.validate import check, guess_level, schema

GOOD = {"asn_type": "image3", "asn_rule": "candidate_Asn_Lv3Image", "version_id": None,
        "products": [{"name": "p", "members": [{"expname": "a_cal.fits", "exptype": "science"}]}]}


def _problems(text: str) -> list[str]:
    return [f"{p.path}: {p.message}" for p in validate(text).problems]


def test_a_good_association():
    report = validate(json.dumps(GOOD))
    assert report.valid and report.level == "3" and not report.warnings


@pytest.mark.parametrize("text, expected", [
    ('{"products": [],}', ["line 1 column 17: not valid JSON: Expecting property name enclosed in double quotes"]),
    ('{"products": [], "x": NaN}', ["$: not valid JSON: NaN is not allowed in strict JSON"]),
    ('{"products": [], "products": []}', ["$: key 'products' appears more than once"]),
    ('[]', ["$: must be an object, not an array"]),
    ('{"asn_type": "image3"}', ["$: missing required key 'products'"]),
    ('{"products": [{"name": 1, "members": [{"expname": "a"}, 3]}], "version_id": 5}', [
        "$.products[0].members[0]: missing required key 'exptype'",
        "$.products[0].members[1]: must be an object, not a number",
        "$.products[0].name: must be a string, not a number",
        "$.version_id: must be a string or null, not a number"]),
])
def test_problems_name_the_json_path(text, expected):
    assert _problems(text) == expected


def test_level_from_asn_type_or_rule():
    assert guess_level({"asn_type": "spec2"}) == "2b"
    assert guess_level({"asn_rule": "discover_Asn_Lv2Image"}) == "2b"
    assert guess_level({"asn_rule": "DMSLevel2bBase"}) == "2b"
    assert guess_level({"asn_type": "image3"}) == "3"
    # Level 2b declares no version_id: a number there is only wrong at Level 3
    level2 = {"asn_type": "image2", "version_id": 5, "products": []}
    assert validate(level2).valid and not validate(level2, level="3").valid


def test_schemas_require_products_members_expname_exptype():
    for level in ("2b", "3"):
        assert schema(level)["required"] == ["products"]
        assert schema(level)["definitions"]["member"]["required"] == ["expname", "exptype"]


def test_files_and_folders(tmp_path):
    (tmp_path / "a_asn.json").write_text(json.dumps(GOOD))
    (tmp_path / "b_asn.json").write_text("{")
    reports = validate_files([tmp_path, tmp_path / "missing.json"])
    assert [(r.file, r.valid) for r in reports] == [
        (str(tmp_path / "a_asn.json"), True), (str(tmp_path / "b_asn.json"), False),
        (str(tmp_path / "missing.json"), False)]
    assert str(reports[2].problems[0]) == f"{tmp_path / 'missing.json'}: $: no such file"


def test_folder_part_in_expname_is_a_warning():
    data = {"products": [{"members": [{"expname": "data/a.fits", "exptype": "science"}]}]}
    report = validate(data)
    assert report.valid and [w.path for w in report.warnings] == ["$.products[0].members[0].expname"]


def test_check_raises_with_the_first_problem():
    with pytest.raises(InvalidAssociation, match=r"x_asn.json: \$: missing required key 'products'"):
        check({}, "x_asn.json")
