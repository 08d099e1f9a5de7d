"""make_pool writes the pool asn_make_pool writes, and generate reads it.

Expectations are the reference tools' output (jwst 3.0.0) on the same FITS
files, written here at test time; see tests/data/toolbox/README.md.
"""

from __future__ import annotations

import json

import pytest

from asnsql import generate, make_pool, write_pool
from asnsql.toolbox.errors import HeaderError

from .conftest import DATA, members_of
from .fits_files import write_fits, write_imaging_files, write_keyword_files

TOOLBOX = DATA / "toolbox"


def test_keywords_union_sorted_with_non_header_columns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [f.name for f in write_keyword_files(tmp_path)]
    write_pool(make_pool(files), "pool.csv")
    assert (tmp_path / "pool.csv").read_text() == (TOOLBOX / "make_pool_keywords_reference.csv").read_text()


def test_options_override_header_values(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [f.name for f in write_keyword_files(tmp_path)]
    pool = make_pool(files[:1], asn_candidate="[('c1000', 'background')]", dms_note="wfsc", is_imprt="t")
    write_pool(pool, "pool.csv")
    assert (tmp_path / "pool.csv").read_text() == (TOOLBOX / "make_pool_options_reference.csv").read_text()


def test_candidates_as_pairs_and_target_ids_in_file_order(tmp_path):
    files = write_keyword_files(tmp_path)
    pool = make_pool(files, asn_candidate=[("c1000", "background"), ("c1001", "coronographic")])
    assert list(pool["asn_candidate"]) == [
        "[('o001', 'observation'), ('c1000', 'background'), ('c1001', 'coronographic')]"] * 2 + [
        "[('o002', 'observation'), ('c1000', 'background'), ('c1001', 'coronographic')]"]
    assert list(pool["targetid"]) == ["1", "1", "2"]
    assert list(pool["filename"]) == [str(f) for f in files]


def test_generate_on_the_made_pool_matches_the_reference(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [f.name for f in write_imaging_files(tmp_path)]
    write_pool(make_pool(files), "my_pool.csv")
    assert (tmp_path / "my_pool.csv").read_text() == (TOOLBOX / "make_pool_reference.csv").read_text()
    actual = generate(tmp_path / "my_pool.csv", version_id="20261123t000000")
    expected = {p.name: json.loads(p.read_text()) for p in (TOOLBOX / "make_pool_generate").glob("*.json")}
    assert sorted(a.file_name for a in actual) == sorted(expected)
    for asn in actual:
        ref = expected[asn.file_name]
        assert members_of(asn) == members_of(ref)
        assert [p["name"] for p in asn["products"]] == [p["name"] for p in ref["products"]]


@pytest.mark.parametrize("keywords, message", [
    ({"TARGNAME": "x"}, "no OBSERVTN keyword"),
    ({"OBSERVTN": "001"}, "no TARGNAME keyword"),
])
def test_required_keywords(tmp_path, keywords, message):
    path = write_fits(tmp_path / "a.fits", **keywords)
    with pytest.raises(HeaderError, match=message):
        make_pool([path])


def test_not_fits_and_missing_files(tmp_path):
    (tmp_path / "a.fits").write_text("not fits")
    with pytest.raises(HeaderError, match="not a readable FITS file"):
        make_pool([tmp_path / "a.fits"])
    with pytest.raises(HeaderError, match="no such FITS file"):
        make_pool([tmp_path / "b.fits"])


def test_bad_candidate_text(tmp_path):
    path = write_fits(tmp_path / "a.fits", OBSERVTN="001", TARGNAME="x")
    with pytest.raises(HeaderError, match="expected a list of"):
        make_pool([path], asn_candidate="c1000")
