"""Association files are written by SQL exactly as json.dumps writes the association."""

from __future__ import annotations

import json

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asnsql.api import run_generation
from asnsql.asn import dumps
from asnsql.engine import Engine, GenerateOptions
from asnsql.pool import load_pool
from asnsql.templates import shipped_sql_dir

from .conftest import REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"


def _functions_db():
    db = duckdb.connect()
    for path in sorted((shipped_sql_dir() / "functions").glob("*.sql")):
        db.execute(path.read_text(encoding="utf-8"))
    return db


DB = _functions_db()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=["Cs"]))),
                min_size=1, max_size=20))
def test_json_text_is_json_dumps(values):
    got = DB.execute("SELECT [json_text(v) for v in $values]", {"values": values}).fetchone()[0]
    assert got == [json.dumps(v) for v in values]


def test_file_text_is_the_dumps_of_its_association(tmp_path):
    # values with quotes, backslashes, control and non-ASCII characters, and EXPOSERR set
    pool = tmp_path / "pool.csv"
    header, *rows = [line.split("|") for line in EXAMPLE.read_text().splitlines()
                     if not line.startswith("#")]
    column = [name.lower() for name in header].index("exposerr")
    for row, error in zip(rows, ["null", 'a "q" \\ é\tx', "🦆"] * 10):
        row[column] = error
    pool.write_text("\n".join("|".join(row) for row in [header, *rows]) + "\n", encoding="utf-8")
    result = run_generation(pool, GenerateOptions(version_id="v1"))
    assert result.files
    assert any('\\"q\\"' in file.text for file in result.files)
    assert any("associated with them.\\nDetails" in file.text for file in result.files)
    for file in result.files:
        association = json.loads(file.text)
        assert dumps(association) == file.text
        assert file.asn_type == association["asn_type"]
    assert [a.asn_name for a in result.associations] == [f.asn_name for f in result.files]




# every text a file takes from the tables association_json reads
TEXT_FIELDS = [
    ("output_members", "expname"), ("output_members", "exptype"),
    ("output_members", "exposerr"), ("output_members", "asn_candidate"),
    ("output_products", "product_name"),
    ("output_associations", "asn_type"), ("output_associations", "asn_rule"),
    ("output_associations", "program"), ("output_associations", "constraints"),
    ("output_associations", "asn_id"), ("output_associations", "target"),
    ("settings", "version_id"), ("settings", "code_version"), ("settings", "asn_pool"),
]


@pytest.fixture()
def generated_example():
    engine = Engine(load_pool(EXAMPLE), GenerateOptions(version_id="v1"))
    engine.run()
    return engine


@pytest.mark.parametrize(("table", "column"), TEXT_FIELDS, ids=[f"{t}.{c}" for t, c in TEXT_FIELDS])
def test_a_value_to_escape_in_any_field_sends_its_file_to_the_full_escaper(generated_example, table, column):
    # the quick texts (exact_json false) must leave NULL every file with a value that
    # needs escaping, whichever field holds it; the full escaper then writes json.dumps
    engine = generated_example
    db = engine.db
    key = "" if table == "settings" else " WHERE out_key = (SELECT min(out_key) FROM output_members)"
    db.execute(f"UPDATE {table} SET {column} = 'x\u00e9\"' || coalesce({column}, ''){key}")
    engine._run_model("post/association_json.sql", exact_json=False)
    changed = "true" if table == "settings" else (
        "write_order = (SELECT write_order FROM output_associations"
        " WHERE out_key = (SELECT min(out_key) FROM output_members))")
    texts = db.execute(f"SELECT {changed}, json FROM association_json").fetchall()
    assert [text is None for _, text in texts] == [hit for hit, _ in texts]
    engine._run_model("post/association_json.sql", exact_json=True)
    texts = [text for (text,) in db.execute("SELECT json FROM association_json").fetchall()]
    assert any('x\\u00e9\\"' in text for text in texts)
    for text in texts:
        assert dumps(json.loads(text)) == text
