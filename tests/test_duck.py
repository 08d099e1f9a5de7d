"""The engine module alone (`asnsql.duck`): the paths that need DuckDB's relational
API load it themselves. Each runs in a fresh interpreter, where nothing else has
imported the `duckdb` package (in the test process, other modules have)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from astropy.table import Table

from asnsql.duck import require_duckdb
from asnsql.errors import AsnsqlError

from .conftest import REPO

EXAMPLE = REPO / "tests" / "data" / "image_nircam_pool.csv"


def _asnsql(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "asnsql", *args],
                          capture_output=True, text=True, check=False)


def test_a_pool_astropy_reads_is_loaded(tmp_path):
    # astropy's arrays, registered as a table
    pool = tmp_path / "pool.ecsv"
    Table.read(EXAMPLE, format="ascii", delimiter="|").write(pool)
    from_ecsv = _asnsql("generate", str(pool), "--pool-format", "ascii.ecsv", "--dry-run")
    from_csv = _asnsql("generate", str(EXAMPLE), "--dry-run")
    assert from_ecsv.returncode == 0, from_ecsv.stderr
    assert from_ecsv.stdout == from_csv.stdout
    assert "would write 12 associations" in from_ecsv.stdout


def test_a_rule_lacking_columns_is_named(tmp_path):
    # the missing columns are read from the rule's relation (`DuckDBPyConnection.sql`)
    rule = tmp_path / "Asn_Broken.sql"
    rule.write_text("{{ rule(name='Asn_Broken', level=2, asn_type='image2') }}\n"
                    "SELECT run_id FROM {{ items() }}\n")
    result = _asnsql("generate", str(EXAMPLE), "--dry-run", "--ignore-default", "-r", str(rule))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "rule Asn_Broken" in result.stderr and "output lacks column(s) asn_key" in result.stderr


def test_a_library_pool_has_the_relational_api():
    code = ("import asnsql; pool = asnsql.load_pool(%r); "
            "print(pool.db.sql('SELECT count(*) FROM pool').fetchall())" % str(EXAMPLE))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[(8,)]"


@pytest.mark.parametrize("version", ["1.1.0", "1.4.4", "1.5.6", "0.10.3"])
def test_an_older_duckdb_is_refused_in_one_line(version):
    with pytest.raises(AsnsqlError) as refused:
        require_duckdb(version)
    assert refused.value.message == (f"DuckDB {version} is installed; asnsql needs DuckDB 2.0 or "
                                     "later (pip install 'duckdb>=2.0')")


@pytest.mark.parametrize("version", ["2.0.0", "2.0.1", "2.1.0-dev42", "3.0.0", "10.2.1"])
def test_duckdb_2_or_later_is_accepted(version):
    require_duckdb(version)


def test_generate_under_an_older_duckdb_says_which_it_needs(tmp_path):
    # DuckDB 1.4 fails on asnsql's SQL (an unknown optimizer name, then its grammar):
    # the version is told first, not an internal error
    out = tmp_path / "out"
    out.mkdir()
    script = ("import sys, _duckdb; _duckdb.__version__ = '1.4.4'; from asnsql.cli import main; "
              f"sys.argv = ['asnsql', 'generate', {str(EXAMPLE)!r}, '-p', {str(out)!r}]; sys.exit(main())")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr == ("asnsql: error: DuckDB 1.4.4 is installed; asnsql needs DuckDB 2.0 "
                             "or later (pip install 'duckdb>=2.0')\n")
    assert list(out.iterdir()) == []
