"""Level 3 associations when a FILENAME repeats on rows that differ elsewhere.

tests/data/level3_shared_file_pool.csv (NIRCam imaging, one observation):
jw_00001 is on rows 1 and 3 (F090W, another DETECTOR), jw_00002 on rows 2
(F090W) and 5 (F200W), jw_00004 twice on identical rows 6 and 7. An
association takes a file once, the first row it met; a row repeating an
earlier row's file creates no association, but still joins one that does not
hold its file yet (jw_00002 in F200W). The expected products are the reference
generator's (jwst 3.0.0 asn_generate, default mode) on this pool.

Only rows whose file another row has are numbered for these checks
(`file_shared`), so this pool is where that shortcut must not lose a member.
Level 2 is not checked here: with repeated names its sequence numbers differ
from the reference's, a known limit asnsql warns about.
"""

from __future__ import annotations

import pytest

from asnsql import generate

from ..conftest import DATA, by_rule, members_of


@pytest.fixture(scope="module")
def associations():
    return generate(DATA / "level3_shared_file_pool.csv", version_id="20261123t000000")


def test_each_association_takes_a_file_once_and_a_repeat_creates_none(associations):
    assert {a["products"][0]["name"]: sorted(members_of(a))
            for a in by_rule(associations, "Asn_Lv3Image")} == {
        "jw01234-o001_t001_nircam_clear-f090w": [
            ("jw_00001_cal.fits", "science"), ("jw_00002_cal.fits", "science")],
        "jw01234-o001_t001_nircam_clear-f200w": [
            ("jw_00002_cal.fits", "science"), ("jw_00003_cal.fits", "science")],
        "jw01234-o001_t001_nircam_clear-f444w": [("jw_00004_cal.fits", "science")],
        "jw01234-o001_t002_nircam_clear-f090w": [("jw_00005_cal.fits", "science")],
    }


def test_level3_file_names_are_the_references(associations):
    assert {a.file_name: a["products"][0]["name"]
            for a in associations if a["asn_type"] == "image3"} == {
        "jw01234-o001_20261123t000000_image3_00001_asn.json": "jw01234-o001_t002_nircam_clear-f090w",
        "jw01234-o001_20261123t000000_image3_00002_asn.json": "jw01234-o001_t001_nircam_clear-f444w",
        "jw01234-o001_20261123t000000_image3_00003_asn.json": "jw01234-o001_t001_nircam_clear-f200w",
        "jw01234-o001_20261123t000000_image3_00004_asn.json": "jw01234-o001_t001_nircam_clear-f090w",
    }
