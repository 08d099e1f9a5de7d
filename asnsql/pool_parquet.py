"""Read a Parquet pool with DuckDB's own reader into the table ``pool``.

Values become lower-case text as with every pool; a NULL cell becomes the
text ``null`` (the reference's fill for empty cells); column names are
lower-cased; ``_row`` is the row's position in the file.
"""

from __future__ import annotations

from pathlib import Path

from asnsql.duck import connect, duckdb
from asnsql.errors import PoolError
from asnsql.pool import ROW_COLUMN, Pool, drop_pool_relation
from asnsql.templates import quote_ident


def read_parquet_pool(path: Path, db: duckdb.DuckDBPyConnection | None = None) -> Pool:
    """Load a Parquet file as a pool."""
    db = db if db is not None else connect()
    if not path.is_file():
        raise PoolError(f"{path}: no such pool file")
    try:
        described = db.execute(
            "DESCRIBE SELECT * FROM read_parquet($path)", {"path": str(path)}).fetchall()
    except duckdb.Error as exc:
        raise PoolError(f"{path}: cannot read as a Parquet pool: {str(exc).splitlines()[0]}") from None
    names = [row[0] for row in described]
    lowered = [name.strip().lower() for name in names]
    clashes = {n for n in lowered if lowered.count(n) > 1 or n in (ROW_COLUMN, "file_row_number")}
    if clashes:
        raise PoolError(f"{path}: column {sorted(clashes)[0]!r} repeats or is reserved once lower-cased")
    select = ", ".join(
        f"lower(coalesce(CAST({quote_ident(name)} AS VARCHAR), 'null')) AS {quote_ident(low)}"
        for name, low in zip(names, lowered))
    drop_pool_relation(db)
    db.execute(
        f"CREATE TABLE pool AS SELECT file_row_number AS {ROW_COLUMN}, {select} "
        "FROM read_parquet($path, file_row_number = true) ORDER BY file_row_number",
        {"path": str(path)})
    n_rows = db.execute("SELECT count(*) FROM pool").fetchone()[0]
    return Pool(name=path.name, columns=tuple(lowered), n_rows=n_rows, db=db, path=path)
