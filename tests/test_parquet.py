"""Parquet: pools read from Parquet; associations exported as Parquet tables."""

from __future__ import annotations

import duckdb

from asnsql import generate, load_pool
from asnsql.api import run_generation
from asnsql.tables import export_parquet

from .conftest import REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"


def to_parquet(tmp_path):
    pool = load_pool(EXAMPLE)
    path = tmp_path / "example_pool.parquet"
    # an upper-case header and a NULL cell, as an archive export might have
    pool.db.execute(
        "COPY (SELECT upper(filename) AS FILENAME, * EXCLUDE (_row, filename, exposerr), "
        "NULL::VARCHAR AS EXPOSERR FROM pool ORDER BY _row) "
        f"TO '{path}' (FORMAT parquet)")
    return path


def test_parquet_pool_gives_the_same_associations_as_the_text_pool(tmp_path):
    path = to_parquet(tmp_path)
    from_text = {a.asn_name: dict(a) for a in generate(EXAMPLE, version_id="v1")}
    from_parquet = {a.asn_name: dict(a) for a in generate(path, pool_format="parquet", version_id="v1")}
    assert from_parquet.keys() == from_text.keys()
    for name, asn in from_text.items():
        assert from_parquet[name]["products"] == asn["products"]


def test_parquet_values_are_lower_cased_and_null_is_the_text_null(tmp_path):
    pool = load_pool(to_parquet(tmp_path), fmt="parquet")
    assert pool.columns[0] == "filename"
    first = pool.db.execute("SELECT filename, exposerr FROM pool WHERE _row = 0").fetchone()
    assert first == ("jw01500001001_02101_00001_nrca1_uncal.fits", "null")


def test_export_writes_three_tables(tmp_path):
    result = run_generation(EXAMPLE)
    paths = export_parquet(result.pool, tmp_path)
    assert [p.name for p in paths] == ["associations.parquet", "products.parquet", "members.parquet"]
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/associations.parquet')").fetchone()[0]
    assert n == len(result.associations)
    members = con.execute(
        f"SELECT asn_pool, count(*) FROM read_parquet('{tmp_path}/members.parquet') GROUP BY 1").fetchall()
    assert members == [("example_pool.csv",
                        sum(len(p["members"]) for a in result.associations for p in a["products"]))]


def test_cli_generate_export_parquet_writes_the_tables_with_the_files(tmp_path, capsys):
    from asnsql.cli import main

    files, tables = tmp_path / "files", tmp_path / "tables"
    files.mkdir()
    tables.mkdir()
    assert main(["generate", str(EXAMPLE), "-p", str(files), "--version-id", "v1",
                 "--export-parquet", str(tables)]) == 0
    assert sorted(p.name for p in tables.iterdir()) == [
        "associations.parquet", "members.parquet", "products.parquet"]
    con = duckdb.connect()
    names = {n for (n,) in con.execute(
        f"SELECT asn_name || '.json' FROM read_parquet('{tables}/associations.parquet')").fetchall()}
    assert names == {p.name for p in files.glob("*.json")}


def test_cli_export_parquet_to_a_missing_folder_writes_nothing(tmp_path, capsys):
    from asnsql.cli import main

    files = tmp_path / "files"
    files.mkdir()
    assert main(["generate", str(EXAMPLE), "-p", str(files), "--export-parquet",
                 str(tmp_path / "missing")]) == 2
    assert "export folder does not exist" in capsys.readouterr().err
    assert list(files.iterdir()) == []
