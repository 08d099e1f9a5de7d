"""Level 2b time-series rules: Asn_Lv2ImageTSO and Asn_Lv2SpecTSO.

The expectations are the output of the reference generator (jwst 3.0.0,
`asn_generate --all-candidates`) on the same pools.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import by_rule, members_of

HEADER = ("filename|program|obs_num|exp_type|pntgtype|instrume|detector|filter|pupil|grating"
          "|fxd_slit|subarray|targetid|tsovisit|asn_candidate\n")


def _generate(tmp_path, rows: str) -> list[dict]:
    pool = tmp_path / "pool.csv"
    pool.write_text(HEADER + rows)
    return generate(pool, mode="all-candidates", version_id="20261123t000000")


def _summary(asns: list[dict]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return sorted((a.asn_name, a["products"][0]["name"], members_of(a)) for a in asns)


@pytest.fixture
def image_pool(tmp_path):
    return _generate(tmp_path, (
        "i1_uncal.fits|1234|1|nrc_tsimage|science|nircam|nrca1|f210m|clear|null|null|sub64p|1|t|[('o001', 'observation')]\n"
        "i2_uncal.fits|1234|1|nrc_image|science|nircam|nrca1|f210m|clear|null|null|full|1|f|[('o001', 'observation')]\n"
        "i3_uncal.fits|1234|1|nrc_image|science|nircam|nrca1|f210m|clear|null|null|full|1|t|[('o001', 'observation')]\n"))


def test_lv2imagetso_one_association_per_tso_image(image_pool):
    tso = by_rule(image_pool, "Asn_Lv2ImageTSO")
    assert _summary(tso) == [
        ("jw01234-o001_20261123t000000_tso-image2_00001_asn", "i3", [("i3_rateints.fits", "science")]),
        ("jw01234-o001_20261123t000000_tso-image2_00002_asn", "i1", [("i1_rateints.fits", "science")]),
    ]
    assert {a["asn_type"] for a in tso} == {"tso-image2"}


def test_lv2imagetso_leaves_non_tso_images_to_lv2image(image_pool):
    assert all("i2_rate.fits" not in dict(members_of(a)) for a in by_rule(image_pool, "Asn_Lv2ImageTSO"))
    (image,) = by_rule(image_pool, "Asn_Lv2Image")
    assert members_of(image) == [("i2_rate.fits", "science")]


def test_lv2spectso_takes_tso_spectra_on_valid_paths(tmp_path):
    asns = _generate(tmp_path, (
        "g1_uncal.fits|1234|2|nrc_tsgrism|science|nircam|nrcalong|f322w2|grismr|null|null|subgrism64|1|t|[('o002', 'observation')]\n"
        "g2_uncal.fits|1234|2|nrc_tsgrism|science|nircam|nrcalong|f322w2|clear|null|null|subgrism64|1|t|[('o002', 'observation')]\n"
        "g3_uncal.fits|1234|2|nrc_tsgrism|science|nircam|nrcblong|f322w2|grismr|null|null|subgrism64|1|t|[('o002', 'observation')]\n"
        "s1_uncal.fits|1234|3|nis_soss|science|niriss|nis|clear|gr700xd|null|null|substrip256|1|t|[('o003', 'observation')]\n"
        "s2_uncal.fits|1234|3|nis_soss|science|niriss|nis|f277w|gr700xd|null|null|substrip256|1|t|[('o003', 'observation')]\n"
        "b1_uncal.fits|1234|4|nrs_brightobj|science|nirspec|nrs1|clear|null|prism|s1600a1|sub512|1|t|[('o004', 'observation')]\n"
        "b2_uncal.fits|1234|4|nrs_brightobj|science|nirspec|nrs2|clear|null|prism|s1600a1|sub512|1|t|[('o004', 'observation')]\n"))
    # out: g2 (TS-grism through CLEAR), g3 (nrcblong), s2 (f277w), b2 (prism on nrs2)
    assert _summary(by_rule(asns, "Asn_Lv2SpecTSO")) == [
        ("jw01234-o002_20261123t000000_tso-spec2_00001_asn", "g1", [("g1_rateints.fits", "science")]),
        ("jw01234-o003_20261123t000000_tso-spec2_00001_asn", "s1", [("s1_rateints.fits", "science")]),
        ("jw01234-o004_20261123t000000_tso-spec2_00001_asn", "b1", [("b1_rateints.fits", "science")]),
    ]


def test_lv2spectso_needs_a_tso_exposure(tmp_path):
    asns = _generate(tmp_path, (
        "s1_uncal.fits|1234|3|nis_soss|science|niriss|nis|clear|gr700xd|null|null|substrip256|1|f|[('o003', 'observation')]\n"))
    assert by_rule(asns, "Asn_Lv2SpecTSO") == []
