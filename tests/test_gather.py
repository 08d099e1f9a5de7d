"""gather copies the members of an association next to a copy of it, as asn_gather."""

from __future__ import annotations

import json

import pytest

from asnsql import gather, load_asn
from asnsql.toolbox.errors import GatherError, MemberFileError


def _setup(tmp_path, members):
    src = tmp_path / "src"
    src.mkdir()
    asn = {"asn_type": "image3", "products": [
        {"name": "p", "members": [{"expname": name, "exptype": kind} for name, kind in members]}]}
    for name, _ in members:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(f"data of {name}")
    path = src / "x_asn.json"
    path.write_text(json.dumps(asn))
    return path


def test_copies_members_and_rewrites_expnames(tmp_path):
    path = _setup(tmp_path, [("a_cal.fits", "science"), ("sub/b_cal.fits", "background")])
    result = gather(path, tmp_path / "dest")
    assert result.association == tmp_path / "dest" / "x_asn.json"
    assert (tmp_path / "dest" / "b_cal.fits").read_text() == "data of sub/b_cal.fits"
    copied = load_asn(result.association)
    assert [m["expname"] for m in copied["products"][0]["members"]] == ["a_cal.fits", "b_cal.fits"]


def test_include_and_exclude_types(tmp_path):
    path = _setup(tmp_path, [("a_cal.fits", "science"), ("b_cal.fits", "background")])
    gather(path, tmp_path / "only", include_types=["background"])
    assert sorted(p.name for p in (tmp_path / "only").iterdir()) == ["b_cal.fits", "x_asn.json"]
    gather(path, tmp_path / "without", exclude_types=["background"])
    assert sorted(p.name for p in (tmp_path / "without").iterdir()) == ["a_cal.fits", "x_asn.json"]
    with pytest.raises(GatherError, match="no members of exptype psf"):
        gather(path, tmp_path / "none", include_types=["psf"])


def test_missing_member_stops_before_copying(tmp_path):
    path = _setup(tmp_path, [("a_cal.fits", "science"), ("b_cal.fits", "science")])
    (path.parent / "b_cal.fits").unlink()
    with pytest.raises(MemberFileError, match=r"member file .*b_cal.fits does not exist; nothing was copied"):
        gather(path, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


def test_source_folder_option(tmp_path):
    path = _setup(tmp_path, [("a_cal.fits", "science")])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a_cal.fits").write_text("other copy")
    gather(path, tmp_path / "dest", source_folder=elsewhere)
    assert (tmp_path / "dest" / "a_cal.fits").read_text() == "other copy"
