"""`asnsql query`: SQL over the loaded pool, three output formats."""

from __future__ import annotations

import json

from asnsql.cli import main

from ..conftest import REPO

EXAMPLE = str(REPO / "examples" / "example_pool.csv")


def test_table_output(capsys):
    assert main(["query", EXAMPLE, "select exp_type, count(*) as n from pool group by 1 order by 1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["exp_type", "n"]
    assert lines[2].split() == ["nrc_image", "6"]
    assert lines[3].split() == ["nrc_tacq", "1"]


def test_csv_output_and_candidates_table(capsys):
    main(["query", EXAMPLE, "select cand_id, count(*) as n from candidates group by 1 order by 1",
          "--format", "csv"])
    assert capsys.readouterr().out == "cand_id,n\nc1000,6\no001,5\no002,2\n"


def test_json_output(capsys):
    main(["query", EXAMPLE, "select filename from pool where _row = 0", "--format", "json"])
    assert json.loads(capsys.readouterr().out) == [
        {"filename": "jw01500001001_02101_00001_nrca1_uncal.fits"}]


def test_bad_sql_is_one_error_line(capsys):
    assert main(["query", EXAMPLE, "select nope from pool"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("asnsql: error: query failed:")


def test_unknown_format(capsys):
    assert main(["query", EXAMPLE, "select 1", "--format", "xml"]) == 2
