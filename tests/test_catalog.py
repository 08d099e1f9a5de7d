"""The catalog: many pools in one DuckDB file, associations written back as tables."""

from __future__ import annotations

import json

from asnsql.catalog import add_pools, generate_catalog, query_catalog
from asnsql.cli import main
from asnsql.engine import GenerateOptions

from .conftest import DATA, REPO

EXAMPLE = REPO / "examples" / "example_pool.csv"
BACKGROUND = DATA / "background_candidate_pool.csv"


def test_add_stores_every_pools_rows_with_the_union_of_columns(tmp_path):
    catalog = tmp_path / "cat.duckdb"
    added = add_pools(catalog, [EXAMPLE, BACKGROUND])
    assert [(s.name, s.n_rows) for s in added] == [("example_pool.csv", 7),
                                                   ("background_candidate_pool.csv", 4)]
    rows = query_catalog(catalog, "select pool_id, count(*), count(visitype) from pool_rows "
                                  "group by 1 order by 1").rows
    assert rows == [(1, 7, 7), (2, 4, 0)]  # the second pool has no VISITYPE column


def test_adding_a_pool_again_replaces_it(tmp_path):
    catalog = tmp_path / "cat.duckdb"
    add_pools(catalog, [EXAMPLE])
    add_pools(catalog, [EXAMPLE])
    assert query_catalog(catalog, "select count(*) from pool_rows").rows == [(7,)]
    assert query_catalog(catalog, "select count(*) from pools").rows == [(1,)]


def test_generate_writes_associations_back_as_tables(tmp_path):
    catalog = tmp_path / "cat.duckdb"
    add_pools(catalog, [EXAMPLE, BACKGROUND])
    summaries = generate_catalog(catalog, GenerateOptions(version_id="v1"))
    assert [s.n_associations for s in summaries] == [12, 6]
    # the tables hold what the files would
    out = tmp_path / "files"
    out.mkdir()
    main(["generate", str(EXAMPLE), "-p", str(out), "--version-id", "v1"])
    names = sorted(p.stem for p in out.glob("*.json"))
    stored = [r[0] for r in query_catalog(
        catalog, "select asn_name from associations where pool_id = 1 order by 1").rows]
    assert stored == names
    asn = json.loads((out / "jw01500-c1000_v1_image3_00001_asn.json").read_text())
    members = query_catalog(catalog, (
        "select expname, exptype from members where asn_name = 'jw01500-c1000_v1_image3_00001_asn' "
        "order by member_index")).rows
    assert members == [(m["expname"], m["exptype"]) for m in asn["products"][0]["members"]]


def test_cross_program_question_exposures_in_no_level3_association(tmp_path):
    pool = tmp_path / "focus_pool.csv"
    pool.write_text(
        "filename|program|obs_num|exp_type|instrume|detector|targetid|filter|subarray|asn_candidate\n"
        "a_uncal.fits|7|1|mir_image|miri|mirimage|1|f560w|full|[('o001', 'observation')]\n"
        "f_uncal.fits|7|1|nis_focus|niriss|nis|1|f150w|full|[('o001', 'observation')]\n")
    catalog = tmp_path / "cat.duckdb"
    add_pools(catalog, [EXAMPLE, pool])
    generate_catalog(catalog, GenerateOptions())
    rows = query_catalog(catalog, """
        select p.name, r.filename from pool_rows r join pools p using (pool_id)
        anti join (select m.pool_id, m._row from members m
                   join associations a using (pool_id, asn_name) where a.level = 3) l
             using (pool_id, _row)
        order by 1, 2""").rows
    # a focus exposure is processed at Level 2 only
    assert rows == [("focus_pool.csv", "f_uncal.fits")]


def test_generate_one_program_only(tmp_path):
    catalog = tmp_path / "cat.duckdb"
    add_pools(catalog, [EXAMPLE, BACKGROUND])
    summaries = generate_catalog(catalog, GenerateOptions(), program="1500")
    assert [s.name for s in summaries] == ["example_pool.csv"]
    assert query_catalog(catalog, "select distinct pool_id from associations").rows == [(1,)]


def test_cli_add_and_query(tmp_path, capsys):
    catalog = tmp_path / "cat.duckdb"
    assert main(["catalog", "add", str(catalog), str(EXAMPLE)]) == 0
    assert "added example_pool.csv (7 exposures) as pool 1" in capsys.readouterr().out
    assert main(["catalog", "query", str(catalog), "select count(*) as n from pool_rows",
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n7\n"


def test_cli_query_of_a_missing_catalog_is_one_error(tmp_path, capsys):
    assert main(["catalog", "query", str(tmp_path / "none.duckdb"), "select 1"]) == 2
    assert "no such catalog" in capsys.readouterr().err


def test_cli_generate_catalog_stores_tables_and_writes_no_files_without_p(tmp_path, capsys, monkeypatch):
    catalog = tmp_path / "cat.duckdb"
    add_pools(catalog, [EXAMPLE, BACKGROUND])
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--catalog", str(catalog), "--program", "1500", "--version-id", "v1"]) == 0
    out = capsys.readouterr().out
    assert "pool 1 example_pool.csv: 12 associations from 7 exposures" in out
    assert out.strip().splitlines()[-1] == f"1 pools: 12 associations stored in {catalog}"
    assert not list(tmp_path.glob("*.json"))
    assert query_catalog(catalog, "select count(*) from associations").rows == [(12,)]


def test_cli_generate_catalog_with_p_also_writes_the_files(tmp_path, capsys):
    catalog = tmp_path / "cat.duckdb"
    add_pools(catalog, [EXAMPLE, BACKGROUND])
    files = tmp_path / "files"
    files.mkdir()
    assert main(["generate", "--catalog", str(catalog), "-p", str(files), "--version-id", "v1"]) == 0
    stored = query_catalog(catalog, "select asn_name || '.json' from associations order by 1").rows
    assert sorted(p.name for p in files.glob("*.json")) == [name for (name,) in stored]
    assert len(stored) == 18


def test_cli_generate_catalog_misuse_is_one_error_line(tmp_path, capsys):
    catalog = tmp_path / "cat.duckdb"
    assert main(["generate", "--catalog", str(catalog)]) == 2
    assert "no such catalog" in capsys.readouterr().err
    add_pools(catalog, [EXAMPLE])
    assert main(["generate", str(EXAMPLE), "--catalog", str(catalog)]) == 2
    assert "give no POOL" in capsys.readouterr().err
    assert main(["generate", str(EXAMPLE), "--program", "1500"]) == 2
    assert "use it with --catalog" in capsys.readouterr().err
    assert main(["generate", "--catalog", str(catalog), "--program", "999"]) == 2
    assert "no pool in the catalog holds program 999" in capsys.readouterr().err
