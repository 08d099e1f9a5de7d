"""Pool values and user arguments are data: they never become SQL or Jinja text.

Values reach SQL only as table data or bound parameters, column names only
as quoted identifiers (the `ident` filter), and templates are rendered from
files, never from pool text. `asnsql query` is the one place user SQL runs.
Hostile values in cells and column names are in tests/data/bad/hostile_values.csv
(test_bad_input.py compares its output with the reference's); here: user
arguments, file names and the rendering itself.
"""

from __future__ import annotations

import json
import shutil

from asnsql import generate, load_pool
from asnsql.cli import main
from asnsql.engine import prepare_pool
from asnsql.templates import SqlTemplates

from .conftest import DATA, REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"
HOSTILE = "{{ 7*7 }}'); DROP TABLE pool; --"


def test_hostile_candidate_ids_are_data(tmp_path, capsys):
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "-i", HOSTILE, "-i", "o002"]) == 0
    assert "wrote 3 associations" in capsys.readouterr().out  # o002's, as with -i o002 alone


def test_hostile_version_id_is_data(tmp_path):
    version = "{{ 7*7 }}'; DROP TABLE pool; --"
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--version-id", version]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 12
    # as in the reference: lower-cased in file names, verbatim in the file
    assert all(f"_{version.lower()}_" in name for name in names)
    assert json.loads((tmp_path / names[0]).read_text())["version_id"] == version


def test_hostile_pool_file_name_is_data(tmp_path):
    pool = tmp_path / "{{ 7*7 }}'; DROP TABLE pool; --.csv"
    shutil.copy(EXAMPLE, pool)
    associations = generate(pool)
    assert {a["asn_pool"] for a in associations} == {pool.name}


def test_hostile_orphans_file_name_is_data(tmp_path):
    name = "o'); COPY pool TO 'x.csv'; --.csv"
    assert main(["generate", str(EXAMPLE), "-p", str(tmp_path), "--save-orphans", name]) == 0
    assert (tmp_path / name).read_text().startswith("filename|program|")
    assert not (tmp_path / "x.csv").exists()


def test_column_names_reach_sql_only_as_quoted_identifiers():
    templates = SqlTemplates()
    hostile = 'a"; DROP TABLE pool; --'
    sql = templates.render_model("models/exposures.sql", {"columns": ["filename", hostile]})
    assert '"a""; DROP TABLE pool; --"' in sql
    assert sql.count("DROP TABLE") == sql.count('"a""; DROP TABLE pool; --"')


def test_hostile_pool_runs_as_data(tmp_path):
    # every cell and column name of the hostile pool comes back unchanged from `pool`
    pool = load_pool(DATA / "bad" / "hostile_values.csv")
    prepare_pool(pool)
    assert '{{ 7*7 }}' in pool.columns and 'x";drop table pool;--' in pool.columns
    notes = [r[0] for r in pool.db.execute("SELECT notes FROM pool ORDER BY _row").fetchall()]
    assert notes[0] == "{{ 7*7 }}" and notes[1] == "'; select 1; --"
    assert pool.db.execute("SELECT count(*) FROM exposures").fetchone()[0] == pool.n_rows


def test_query_is_where_user_sql_runs(capsys):
    assert main(["query", str(EXAMPLE), "select count(*) as n from pool", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n7\n"
