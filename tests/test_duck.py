"""The engine module alone (`asnsql.duck`): the paths that need DuckDB's relational
API load it themselves. Each runs in a fresh interpreter, where nothing else has
imported the `duckdb` package (in the test process, other modules have)."""

from __future__ import annotations

import subprocess
import sys

from astropy.table import Table

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
