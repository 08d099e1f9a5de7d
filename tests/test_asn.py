"""load_asn is strict JSON with the association shape; dumps matches the reference."""

from __future__ import annotations

import io

import pytest

from asnsql import dumps, load_asn
from asnsql.errors import AssociationError

GOOD = '{"asn_type": "image3", "products": [{"name": "p", "members": [{"expname": "a.fits", "exptype": "science"}]}]}'


def test_loads_from_text_path_and_file(tmp_path):
    path = tmp_path / "a_asn.json"
    path.write_text(GOOD)
    assert load_asn(GOOD)["asn_type"] == "image3"
    assert load_asn(path)["products"][0]["name"] == "p"
    with path.open() as fh:
        assert load_asn(fh)["products"][0]["members"][0]["expname"] == "a.fits"


def test_trailing_comma_is_an_error():
    with pytest.raises(AssociationError, match="not valid JSON"):
        load_asn('{"products": [],}')


def test_nan_is_an_error():
    with pytest.raises(AssociationError):
        load_asn('{"products": [], "x": NaN}')


@pytest.mark.parametrize("text, message", [
    ("[]", "JSON object"),
    ('{"asn_type": "x"}', "'products' must be a list"),
    ('{"products": [{"name": "p"}]}', "needs a 'members' list"),
    ('{"products": [{"members": [{"expname": "a"}]}]}', "exptype must be a string"),
])
def test_shape_errors_name_the_path(text, message):
    with pytest.raises(AssociationError, match=message):
        load_asn(io.StringIO(text))


def test_dumps_is_indent_4_in_key_order_without_trailing_newline():
    text = dumps({"b": 1, "a": [1]})
    assert text == '{\n    "b": 1,\n    "a": [\n        1\n    ]\n}'
