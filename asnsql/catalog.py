"""A catalog: many pools in one DuckDB file, with their associations as tables.

Tables (all created on first use):

- ``pools``: one row per pool (``pool_id``, ``name``, ``path``, ``n_rows``, ``added_at``);
- ``pool_rows``: every pool's rows (``pool_id``, ``_row``, then the union of all pools'
  columns as lower-case text; a column a pool lacks is NULL);
- ``associations``, ``products``, ``members``: what ``generate`` wrote for each pool,
  linked to ``pool_rows`` by (``pool_id``, ``_row``).

Each pool is generated on its own (as ``asnsql generate POOL`` would) in an
in-memory database to which the catalog file is attached as ``cat``; rows move
between the two with INSERT ... SELECT, never row by row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from asnsql.duck import connect
from asnsql.engine import GenerateOptions
from asnsql.errors import AsnsqlError, PoolError
from asnsql.pool import DEFAULT_DELIMITER, DEFAULT_FORMAT, Pool, drop_pool_relation, load_pool
from asnsql.tables import OUTPUT_TABLES
from asnsql.templates import quote_ident

SCHEMA = """
CREATE TABLE IF NOT EXISTS cat.pools (
    pool_id INTEGER PRIMARY KEY, name VARCHAR UNIQUE NOT NULL, path VARCHAR,
    n_rows BIGINT, added_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS cat.pool_rows (pool_id INTEGER NOT NULL, _row BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS cat.associations (
    pool_id INTEGER, asn_name VARCHAR, level INTEGER, asn_type VARCHAR, asn_rule VARCHAR,
    asn_id VARCHAR, program VARCHAR, target VARCHAR, degraded BOOLEAN, version_id VARCHAR,
    generated_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS cat.products (
    pool_id INTEGER, asn_name VARCHAR, product_index INTEGER, name VARCHAR);
CREATE TABLE IF NOT EXISTS cat.members (
    pool_id INTEGER, asn_name VARCHAR, product_index INTEGER, member_index BIGINT,
    expname VARCHAR, exptype VARCHAR, exposerr VARCHAR, asn_candidate VARCHAR, _row BIGINT);
"""

@dataclass
class PoolSummary:
    pool_id: int
    name: str
    n_rows: int
    n_associations: int = 0


@contextmanager
def open_catalog(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory work database with the catalog file (created if needed) attached as `cat`."""
    path = Path(path)
    if path.is_dir():
        raise AsnsqlError(f"{path}: is a folder; a catalog is one DuckDB file")
    db = connect()
    try:
        db.execute("ATTACH $path AS cat", {"path": str(path)})
    except duckdb.Error as exc:
        db.close()
        raise AsnsqlError(f"{path}: cannot open as a DuckDB catalog: {_first_line(exc)}") from None
    try:
        db.execute(SCHEMA)
        yield db
    finally:
        db.close()


def add_pools(
    catalog: str | Path,
    pools: Sequence[str | Path],
    *,
    delimiter: str = DEFAULT_DELIMITER,
    fmt: str = DEFAULT_FORMAT,
) -> list[PoolSummary]:
    """Add (or replace, by file name) pools in the catalog."""
    summaries = []
    with open_catalog(catalog) as db:
        for path in pools:
            pool = load_pool(path, delimiter=delimiter, fmt=fmt, db=db)
            summaries.append(_store_pool(db, pool))
    return summaries


def _store_pool(db: duckdb.DuckDBPyConnection, pool: Pool) -> PoolSummary:
    existing = db.execute("SELECT pool_id FROM cat.pools WHERE name = ?", [pool.name]).fetchone()
    if existing:
        pool_id = existing[0]
        for table in ("pool_rows", "associations", "products", "members"):
            db.execute(f"DELETE FROM cat.{table} WHERE pool_id = ?", [pool_id])
        db.execute("UPDATE cat.pools SET path = ?, n_rows = ?, added_at = current_timestamp "
                   "WHERE pool_id = ?", [str(pool.path), pool.n_rows, pool_id])
    else:
        pool_id = db.execute("SELECT coalesce(max(pool_id), 0) + 1 FROM cat.pools").fetchone()[0]
        db.execute("INSERT INTO cat.pools (pool_id, name, path, n_rows) VALUES (?, ?, ?, ?)",
                   [pool_id, pool.name, str(pool.path), pool.n_rows])
    known = set(_row_columns(db))
    for column in pool.columns:
        if column not in known:
            db.execute(f"ALTER TABLE cat.pool_rows ADD COLUMN {quote_ident(column)} VARCHAR")
    db.execute("INSERT INTO cat.pool_rows BY NAME SELECT $pool_id AS pool_id, * FROM pool",
               {"pool_id": pool_id})
    return PoolSummary(pool_id=pool_id, name=pool.name, n_rows=pool.n_rows)


def _row_columns(db: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = 'cat' "
        "AND table_name = 'pool_rows' ORDER BY column_index").fetchall()]


def catalog_pools(db: duckdb.DuckDBPyConnection, program: str | None = None) -> list[tuple[int, str]]:
    """(pool_id, name) of the catalog's pools, optionally only those holding a program."""
    if program is None:
        return db.execute("SELECT pool_id, name FROM cat.pools ORDER BY pool_id").fetchall()
    if "program" not in _row_columns(db):
        return []
    return db.execute(
        "SELECT DISTINCT p.pool_id, p.name FROM cat.pools p JOIN cat.pool_rows r USING (pool_id) "
        "WHERE lpad(r.program, 5, '0') = lpad(lower(?), 5, '0') ORDER BY p.pool_id",
        [program]).fetchall()


def pool_from_catalog(db: duckdb.DuckDBPyConnection, pool_id: int, name: str) -> Pool:
    """Rebuild one pool (its own columns only) as the work database's `pool` table."""
    columns = [c for c in _row_columns(db) if c not in ("pool_id", "_row")]
    counts = db.execute(
        "SELECT " + ", ".join(f"count({quote_ident(c)})" for c in columns)
        + " FROM cat.pool_rows WHERE pool_id = ?", [pool_id]).fetchone()
    own = [c for c, n in zip(columns, counts) if n]
    if not own:
        raise PoolError(f"catalog pool {name}: no rows")
    drop_pool_relation(db)
    db.execute(
        "CREATE TABLE pool AS SELECT _row, "
        + ", ".join(quote_ident(c) for c in own)
        + " FROM cat.pool_rows WHERE pool_id = ? ORDER BY _row", [pool_id])
    n_rows = db.execute("SELECT count(*) FROM pool").fetchone()[0]
    return Pool(name=name, columns=tuple(own), n_rows=n_rows, db=db)


def generate_catalog(
    catalog: str | Path,
    options: GenerateOptions,
    program: str | None = None,
    write_dir: Path | None = None,
    overwrite: bool = False,
) -> list[PoolSummary]:
    """Generate every catalog pool (or those of one program) and store the results.

    With ``write_dir``, each pool's files are also written there (all or none per
    pool; existing files refused unless ``overwrite``).
    """
    from asnsql.api import run_generation
    from asnsql.output import write_files

    summaries = []
    with open_catalog(catalog) as db:
        selected = catalog_pools(db, program)
        if not selected:
            what = f"program {program}" if program else "any pool"
            raise AsnsqlError(f"{catalog}: no pool in the catalog holds {what}; add pools first")
        for pool_id, name in selected:
            pool = pool_from_catalog(db, pool_id, name)
            result = run_generation(pool, options)
            if write_dir is not None:
                write_files(((f.file_name, f.text) for f in result.files), write_dir, overwrite)
            _store_results(db, pool_id)
            summaries.append(PoolSummary(pool_id, name, pool.n_rows, len(result.files)))
    return summaries


def _store_results(db: duckdb.DuckDBPyConnection, pool_id: int) -> None:
    for table, query in OUTPUT_TABLES.items():
        db.execute(f"DELETE FROM cat.{table} WHERE pool_id = ?", [pool_id])
        db.execute(f"INSERT INTO cat.{table} BY NAME SELECT $pool_id AS pool_id, * FROM ({query})",
                   {"pool_id": pool_id})


def query_catalog(catalog: str | Path, sql: str):
    """Run user SQL on the catalog's tables (pools, pool_rows, associations, products, members)."""
    from asnsql.errors import QueryError
    from asnsql.query import QueryResult

    path = Path(catalog)
    if not path.is_file():
        raise AsnsqlError(f"{path}: no such catalog; create one with `asnsql catalog add`")
    with open_catalog(path) as db:
        db.execute("USE cat")
        try:
            relation = db.sql(sql)
            if relation is None:
                return QueryResult(columns=[], rows=[])
            return QueryResult(columns=list(relation.columns), rows=relation.fetchall())
        except duckdb.Error as exc:
            raise QueryError(f"query failed: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
