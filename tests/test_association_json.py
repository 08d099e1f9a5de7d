"""Association files are written by SQL exactly as json.dumps writes the association."""

from __future__ import annotations

import json

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from asnsql.api import run_generation
from asnsql.asn import dumps
from asnsql.engine import GenerateOptions
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
