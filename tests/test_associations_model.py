"""sql/post/associations.sql: one row per association the rules produced, with what
finalization, pruning and naming read (member count, repeated names, membership
signature, validity and degraded status), from rule_members' one row per member."""

from __future__ import annotations

import duckdb
import pytest

from asnsql.engine import RULE_MEMBERS_SCHEMA
from asnsql.templates import shipped_sql_dir, shipped_templates

# (asn_key, member_order, expname, exptype, exposerr, finalize_ok)
MEMBERS = [
    # x twice (as science and as background)
    ("twice", 1, "x.fits", "science", None, None),
    ("twice", 2, "y.fits", "background", None, None),
    ("twice", 3, "x.fits", "background", None, None),
    # the same membership as `reordered`, listed in another order; one exposerr
    ("plain", 1, "y.fits", "background", "some error", True),
    ("plain", 2, "x.fits", "science", None, None),
    ("reordered", 1, "x.fits", "science", None, None),
    ("reordered", 2, "y.fits", "background", None, False),
    # one name the start of another, each once: no name held twice
    ("prefix", 1, "z.fits", "science", None, None),
    ("prefix", 2, "z.fits_2", "science", None, None),
    ("prefix", 3, "z", "background", None, None),
    # the names of `plain`, with their exptypes swapped: another membership
    ("swapped", 1, "x.fits", "background", None, None),
    ("swapped", 2, "y.fits", "science", None, None),
]


@pytest.fixture(scope="module")
def associations() -> dict[str, dict[str, object]]:
    db = duckdb.connect()
    for path in sorted((shipped_sql_dir() / "functions").glob("*.sql")):
        db.execute(path.read_text(encoding="utf-8"))
    db.execute(RULE_MEMBERS_SCHEMA)
    db.executemany(
        "INSERT INTO rule_members (rule, run_id, asn_key, created_at, product_name, is_valid, "
        "member_order, expname, exptype, exposerr, finalize_ok) "
        "VALUES ('Asn_Test', 1, ?, 10, 'product', true, ?, ?, ?, ?, ?)", MEMBERS)
    db.execute("CREATE TABLE rule_catalog AS SELECT 'Asn_Test' AS rule, 3 AS level, "
               "'image3' AS asn_type, 0 AS rule_order")
    db.execute("CREATE TABLE runs AS SELECT 1 AS run_id, 'candidate' AS registry, "
               "'o001' AS acid_id, 'observation' AS acid_type")
    sql = shipped_templates().render_model("post/associations.sql", {"discover_only": False})
    db.execute(sql)
    cursor = db.execute("SELECT * FROM associations")
    names = [column[0] for column in cursor.description]
    return {row[names.index("asn_key")]: dict(zip(names, row)) for row in cursor.fetchall()}


def test_one_row_per_association_counting_every_member(associations):
    assert {key: a["n_members"] for key, a in associations.items()} == {
        "twice": 3, "plain": 2, "reordered": 2, "prefix": 3, "swapped": 2}


def test_a_member_name_held_twice_is_flagged(associations):
    assert {key: a["has_duplicate_members"] for key, a in associations.items()} == {
        "twice": True, "plain": False, "reordered": False, "prefix": False, "swapped": False}


def test_equal_memberships_have_equal_signatures_whatever_the_member_order(associations):
    signatures = {key: a["member_signature"] for key, a in associations.items()}
    assert signatures["plain"] == signatures["reordered"]
    # every other membership has a signature of its own: a name more (twice), other
    # names (prefix), or the same names with other exptypes (swapped)
    assert len({tuple(signatures[key])
                for key in ("plain", "twice", "prefix", "swapped")}) == 4


def test_degraded_when_a_member_has_an_exposure_error(associations):
    assert {key: a["degraded"] for key, a in associations.items()} == {
        "twice": False, "plain": True, "reordered": False, "prefix": False, "swapped": False}


def test_finalize_ok_unless_a_member_says_false(associations):
    assert {key: a["finalize_ok"] for key, a in associations.items()} == {
        "twice": True, "plain": True, "reordered": False, "prefix": True, "swapped": True}
