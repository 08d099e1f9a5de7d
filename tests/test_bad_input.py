"""The bad-input corpus (tests/data/bad/): one clear line and exit 2, or output and a warning.

Every pool there is run through `asnsql generate` as a user would. Input that
cannot give associations is refused with exactly one ``asnsql: error:`` line
naming the file (and line, row, column or rule) and what to do, exit status 2,
no traceback and no file written. Input the reference generator accepts, odd
as it is, gives the reference's associations and a one-line warning.

Expectations marked "reference" are the output of the reference generator
(jwst 3.0.0 ``asn_generate POOL --version-id 20261123t000000``) on that very
pool, stored in tests/data/bad/expected/<pool>/; they are compared on every
field except ``code_version`` and ``constraints`` (which names Python objects).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from asnsql.cli import main

from .conftest import DATA

BAD = DATA / "bad"
VERSION = "20261123t000000"

ERRORS = {
    # pool: what the one error line must say, after "asnsql: error: <pool file>"
    "empty.csv": ": the file is empty; a pool is a header line of column names then one row",
    "comments_only.csv": ": only comment lines, no header line of column names",
    "comma_delimited.csv": ": no FILENAME column: the header reads as one column "
                           "'FILENAME,PROGRAM,OBS_NUM,OBS_ID,VISITYPE...'; the header looks "
                           "delimited by ',': pass -d ','",
    "ragged_row.csv": ":5: 17 values but the header has 18 columns; give every row one value "
                      "per column, separated by '|' (an empty value is fine)",
    "no_asn_candidate.csv": ": no ASN_CANDIDATE column (per-candidate generation needs it); "
                            "columns found: FILENAME, PROGRAM, OBS_NUM, EXP_TYPE, PNTGTYPE, "
                            "INSTRUME, ...; add the column or fix the header line",
    "no_filename.csv": ": no FILENAME column (every exposure is named by it)",
    "not_utf8.csv": ":5: byte 0xe9 (column 139) is not UTF-8 text; re-encode the pool as UTF-8 "
                    "(e.g. iconv -f latin1 -t utf-8)",
    "candidate_float.csv": ": row 3 (FILENAME 'jw01500001001_03101_00002_nrca1_uncal.fits'): "
                           "ASN_CANDIDATE '1.5' is not a list of (id, type) pairs, and the "
                           "reference generator aborts on it; write e.g. [('o001', 'observation')], "
                           "or leave it empty",
    "candidate_int_list.csv": ": row 5 (FILENAME 'jw01500001001_03103_00002_nrca1_uncal.fits'): "
                              "ASN_CANDIDATE \"[('o001', 'observation'), 7]\" is not a list",
    "long_program.csv": "jw1500150015001500150015001500150015001500150015001500150015..."
                        "3t000000_image2_00001_asn.json (365 characters): cannot write: "
                        "File name too long; the name comes from the pool's PROGRAM and "
                        "ASN_CANDIDATE and --version-id",
}

ACCEPTED = {
    # pool: (the warning line must contain this, or None for no warning; reference output?)
    "header_only.csv": ("header_only.csv: the pool has a header but no rows; there is nothing "
                        "to associate", False),
    "candidate_malformed.csv": ("candidate_malformed.csv: row 2 (FILENAME "
                                "'jw01500001001_03101_00001_nrca1_uncal.fits') and 3 more row(s): "
                                "ASN_CANDIDATE \"[('o001', 'observation')\" holds no list of "
                                "(id, type) pairs; no candidate is read from it", True),
    "duplicate_filenames.csv": ("duplicate_filenames.csv: FILENAME "
                                "'jw01500001001_03101_00001_nrca1_uncal.fits' is on rows 2 and 8 "
                                "(2 names repeat); row 8 repeats it exactly and is ignored, as the "
                                "reference ignores it", True),
    "reserved_columns.csv": ("reserved_columns.csv: column(s) IS_TSO, EXPNAME, RAW_FILENAME, "
                             "RUN_ID ignored: asnsql derives columns of these names, and the "
                             "reference does not read them", True),
    "hostile_values.csv": (None, True),
    "long_values.csv": (None, True),
}


def generate(pool, out, *extra):
    return main(["generate", str(pool), "-p", str(out), "--version-id", VERSION, *extra])


def test_every_bad_pool_has_an_expectation():
    pools = {p.name for p in BAD.glob("*.csv")}
    assert pools == set(ERRORS) | set(ACCEPTED)


@pytest.mark.parametrize("pool", sorted(ERRORS))
def test_refused_with_one_line_and_exit_2(pool, tmp_path, capsys):
    assert generate(BAD / pool, tmp_path) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    prefix = f"asnsql: error: {BAD / pool}" if pool != "long_program.csv" else "asnsql: error: "
    assert lines[0].startswith(prefix), lines[0]
    assert ERRORS[pool] in lines[0]
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("pool", sorted(ACCEPTED))
def test_accepted_with_the_reference_output_and_a_warning(pool, tmp_path, capsys):
    warning, compare = ACCEPTED[pool]
    assert generate(BAD / pool, tmp_path) == 0
    err = capsys.readouterr().err.splitlines()
    if warning is None:
        assert err == []
    else:
        assert err == [f"asnsql: warning: {BAD}/{warning}"]
    if compare:
        assert written(tmp_path) == written(BAD / "expected" / pool.removesuffix(".csv"))
    else:
        assert list(tmp_path.iterdir()) == []


def written(folder):
    """file name -> JSON content, without the fields that name the program that wrote it."""
    result = {}
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text())
        data.pop("code_version")
        data.pop("constraints")
        result[path.name] = data
    return result


def test_header_only_pool_gives_no_association_and_the_library_warns():
    from asnsql import generate as generate_associations
    from asnsql.errors import AsnsqlWarning

    with pytest.warns(AsnsqlWarning, match="no rows"):
        assert generate_associations(BAD / "header_only.csv") == []


@pytest.mark.parametrize("rule, message", [
    ("Asn_SyntaxError.sql", "Asn_SyntaxError.sql:5: template syntax error: Unexpected end of "
                            "template. Jinja was looking for the following tags: 'elif' or 'else' "
                            "or 'endif'. The innermost block that needs to be closed is 'if'.; "
                            "fix the template"),
    ("Asn_UndefinedMacro.sql", "Asn_UndefinedMacro.sql:4: template error: 'no_such_macro' is "
                               "undefined"),
    ("Asn_MissingColumn.sql", "rule Asn_MissingColumn ({path}): Binder Error: Table \"i\" "
                              "does not have a column named \"no_such_column\"; the SQL that ran: "
                              "asnsql rules show Asn_MissingColumn -r {path}"),
])
def test_broken_rule_is_one_line_naming_the_rule(rule, message, tmp_path, capsys):
    path = BAD / "rules" / rule
    pool = DATA / "image_nircam_pool.csv"
    assert generate(pool, tmp_path, "--ignore-default", "-r", str(path)) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("asnsql: error: ")
    assert message.format(path=path) in lines[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("short_is_broken, named", [(False, "Asn_B_Long"), (True, "Asn_A_Short")])
def test_a_rule_error_names_the_rule_that_failed(short_is_broken, named, tmp_path, capsys):
    """Rules start longest first, two at a time: an error still names the rule that
    failed, and of two failing rules the first in rule order (Asn_A_Short)."""
    folder = tmp_path / "rules"
    folder.mkdir()
    broken = (BAD / "rules" / "Asn_MissingColumn.sql").read_text()
    short = broken.replace("Asn_MissingColumn", "Asn_A_Short")
    if not short_is_broken:
        short = short.replace("i.no_such_column = 'x'", "false")
    (folder / "Asn_A_Short.sql").write_text(short)
    (folder / "Asn_B_Long.sql").write_text(
        broken.replace("Asn_MissingColumn", "Asn_B_Long")
        + "".join(f"\n  AND i.raw_filename <> 'padding {n}'" for n in range(200)))
    out = tmp_path / "out"
    out.mkdir()
    assert generate(DATA / "image_nircam_pool.csv", out, "--ignore-default", "-r", str(folder)) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"asnsql: error: rule {named} ("), line
    assert list(out.iterdir()) == []


def test_a_real_process_prints_no_traceback(tmp_path):
    # the CLI as installed, in its own process: one line on stderr, exit 2
    result = subprocess.run(
        [sys.executable, "-m", "asnsql", "generate", str(BAD / "no_asn_candidate.csv"),
         "-p", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "no ASN_CANDIDATE column" in result.stderr


def test_a_very_long_value_is_data(tmp_path, capsys):
    # a 1 MB NOTES cell, written at test time (astropy's reader stops at 128 KiB unless
    # told otherwise; the reference fails on this pool): same output as without it
    pool = tmp_path / "hostile_values.csv"
    lines = (BAD / "hostile_values.csv").read_text().splitlines()
    body = [line for line in lines if not line.startswith("#")]
    body[1] = body[1].replace("{{ 7*7 }}", "x" * 1_000_000, 1)
    pool.write_text("\n".join(body) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    assert generate(pool, out, "--save-orphans") == 0
    assert capsys.readouterr().err == ""
    assert written(out) == written(BAD / "expected" / "hostile_values")
    assert len((out / "orphaned.csv").read_text()) < 1000  # no orphans: header only
