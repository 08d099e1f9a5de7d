"""open_asn: a container over an association's members, opened lazily (FITS written at test time)."""

from __future__ import annotations

import json

import pytest

from asnsql import AsnContainer, open_asn
from asnsql.toolbox.errors import MemberFileError

from .fits_files import write_fits


@pytest.fixture
def asn_path(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a_cal.fits", "b_cal.fits", "sub/bkg_cal.fits"):
        write_fits(tmp_path / name, EXP_TYPE="NRC_IMAGE", TARGNAME=name)
    asn = {"asn_type": "image3", "products": [
        {"name": "p1", "members": [{"expname": "a_cal.fits", "exptype": "science"},
                                   {"expname": "sub/bkg_cal.fits", "exptype": "background"},
                                   {"expname": "b_cal.fits", "exptype": "science"}]},
        {"name": "p2", "members": [{"expname": str(tmp_path / "b_cal.fits"), "exptype": "science"}]}]}
    path = tmp_path / "x_asn.json"
    path.write_text(json.dumps(asn))
    return path


def test_members_grouped_by_product_and_exptype(asn_path):
    container = open_asn(asn_path, backend="astropy")
    assert isinstance(container, AsnContainer) and len(container) == 4
    assert [p.name for p in container.products] == ["p1", "p2"]
    assert container.product("p1").exptypes == ["science", "background"]
    assert [m.expname for m in container.product("p1").by_exptype("science")] == ["a_cal.fits", "b_cal.fits"]
    assert [m.expname for m in container.by_exptype("background")] == ["sub/bkg_cal.fits"]
    assert {key: len(members) for key, members in container.groups().items()} == {
        ("p1", "science"): 2, ("p1", "background"): 1, ("p2", "science"): 1}


def test_paths_resolve_relative_to_the_association(asn_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path / "sub")
    container = open_asn(asn_path, backend="astropy")
    assert [m.path for m in container] == [asn_path.parent / "a_cal.fits", asn_path.parent / "sub/bkg_cal.fits",
                                           asn_path.parent / "b_cal.fits", tmp_path / "b_cal.fits"]


def test_members_open_lazily_with_astropy(asn_path):
    with open_asn(asn_path, backend="astropy") as container:
        assert not any(m.is_open for m in container)
        background = container.by_exptype("background")[0]
        assert background.model[0].header["TARGNAME"] == "sub/bkg_cal.fits"
        assert background.is_open and not container[0].is_open
    assert not background.is_open


def test_missing_member_file_is_named(asn_path):
    (asn_path.parent / "sub" / "bkg_cal.fits").unlink()
    with pytest.raises(MemberFileError, match=r"\$\.products\[0\]\.members\[1\]\.expname: member file .*"
                                              r"sub/bkg_cal.fits does not exist"):
        open_asn(asn_path)
    container = open_asn(asn_path, backend="astropy", check_files=False)
    with pytest.raises(MemberFileError, match="does not exist"):
        container[1].open()


def test_unreadable_member(asn_path):
    (asn_path.parent / "a_cal.fits").write_text("not fits")
    member = open_asn(asn_path, backend="astropy")[0]
    with pytest.raises(MemberFileError, match="cannot open member file"):
        member.open()


def test_datamodels_backend(asn_path):
    pytest.importorskip("stdatamodels", reason="the asnsql[datamodels] extra is not installed")
    with open_asn(asn_path, backend="datamodels") as container:
        model = container[0].open()
        assert type(model).__module__.startswith("stdatamodels")
