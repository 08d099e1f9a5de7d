"""Read a pool file with astropy and load it into DuckDB as the table ``pool``.

Reading follows the reference generator (`AssociationPool.read`): astropy's
unified reader, ``|``-delimited ASCII by default, every value read as text,
masked (empty) cells filled with ``null`` truncated to the column's width,
column names lower-cased. Values are lower-cased by DuckDB while loading.
Row order is kept in the ``_row`` column (0-based file order).

The default format is read by DuckDB's CSV reader (`asnsql.fastpool`), which
gives exactly astropy's values or declines; astropy reads what it declines.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from asnsql.duck import connect, duckdb
from asnsql.errors import PoolError
from asnsql.pool_errors import is_delimited_ascii, long_fields, unreadable_pool_error

if TYPE_CHECKING:
    import numpy as np

DEFAULT_DELIMITER = "|"
DEFAULT_FORMAT = "ascii"
ROW_COLUMN = "_row"


@dataclass
class Pool:
    """A pool loaded into a DuckDB connection (table ``pool``)."""

    name: str
    """File base name with extension, written as ``asn_pool``."""
    columns: tuple[str, ...]
    """Lower-cased column names in file order (``_row`` excluded)."""
    n_rows: int
    db: duckdb.DuckDBPyConnection
    path: Path | None = None

    def has_column(self, name: str) -> bool:
        return name in self.columns


def load_pool(
    path: str | Path,
    *,
    delimiter: str = DEFAULT_DELIMITER,
    fmt: str = DEFAULT_FORMAT,
    db: duckdb.DuckDBPyConnection | None = None,
    fast: bool = True,
) -> Pool:
    """Read ``path`` and load it into ``db`` (a new in-memory DuckDB by default).

    ``fmt='parquet'`` reads the file with DuckDB's Parquet reader. With ``fast``
    (the default) DuckDB reads a delimited pool when it can reproduce astropy's
    reading exactly (asnsql.fastpool); otherwise, and always with ``fast=False``,
    astropy reads it.
    """
    path = Path(path)
    if fmt == "parquet":
        from asnsql.pool_parquet import read_parquet_pool

        return read_parquet_pool(path, db)
    if fast:
        from asnsql.fastpool import read_fast

        db = db if db is not None else new_connection()
        result = read_fast(path, db, delimiter=delimiter, fmt=fmt)
        if result is not None:
            columns, n_rows = result
            return Pool(name=path.name, columns=columns, n_rows=n_rows, db=db, path=path)
    arrays = read_pool_arrays(path, delimiter=delimiter, fmt=fmt)
    return load_arrays(arrays, name=path.name, db=db, path=path)


def read_pool_arrays(path: Path, *, delimiter: str, fmt: str) -> dict[str, np.ndarray]:
    """Read a pool file into text arrays keyed by lower-cased column name."""
    from astropy.table import Table  # heavy import: only where a pool is read

    if not path.exists():
        raise PoolError(f"{path}: no such pool file")
    if path.is_dir():
        raise PoolError(f"{path}: is a folder, not a pool file")
    kwargs: dict[str, object] = {"format": fmt}
    if _is_delimited_ascii(fmt):
        from astropy.io.ascii import convert_numpy

        kwargs["delimiter"] = delimiter
        kwargs["converters"] = {"*": [convert_numpy(str)]}
    try:
        with warnings.catch_warnings(), long_fields():
            warnings.simplefilter("ignore")
            table = Table.read(str(path), **kwargs)
    except Exception as exc:  # astropy raises many types for unreadable input
        raise unreadable_pool_error(path, delimiter, fmt, exc) from None
    return table_to_arrays(table, origin=str(path))


def _is_delimited_ascii(fmt: str) -> bool:
    return is_delimited_ascii(fmt)


def table_to_arrays(table: "object", origin: str) -> dict[str, np.ndarray]:
    """Turn an astropy table into text arrays; masked cells become ``null`` (width-truncated)."""
    arrays: dict[str, np.ndarray] = {}
    for column in table.columns.values():  # type: ignore[attr-defined]
        name = str(column.name).strip().lower()
        if not name:
            raise PoolError(f"{origin}: a column has an empty name")
        if name == ROW_COLUMN or name in arrays:
            raise PoolError(
                f"{origin}: column {column.name!r} repeats another column once lower-cased"
            )
        arrays[name] = _column_text(column)
    if not arrays:
        raise PoolError(f"{origin}: the pool has no columns")
    return arrays


def _column_text(column: "object") -> np.ndarray:
    import numpy as np

    data = column
    if getattr(column, "mask", None) is not None and np.any(column.mask):  # type: ignore[attr-defined]
        kind = column.dtype.kind  # type: ignore[attr-defined]
        if kind in "US":
            data = column.filled("null")  # type: ignore[attr-defined]
        else:
            text = np.asarray(column.data).astype(str)  # type: ignore[attr-defined]
            text[np.asarray(column.mask)] = "null"  # type: ignore[attr-defined]
            return text.astype(object)
    values = np.asarray(data)
    if values.dtype.kind == "S":
        values = np.char.decode(values, "utf-8", errors="replace")
    elif values.dtype.kind != "U":
        values = values.astype(str)
    return values.astype(object)


def drop_pool_relation(db: duckdb.DuckDBPyConnection) -> None:
    """Drop ``pool`` from a connection that held another pool, table or view alike
    (the DuckDB reader makes a view, the other readers a table)."""
    drop_relation(db, "pool")


def drop_relation(db: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop the table or view ``name`` of the current database and schema, if there is one."""
    kinds = db.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = current_schema() AND table_name = $name", {"name": name}).fetchall()
    for (kind,) in kinds:
        db.execute(f'DROP {"VIEW" if kind == "VIEW" else "TABLE"} "{name}"')


WORK_DATABASE = "work"
"""The in-memory database a pool's tables live in: it compresses what a checkpoint
stores (`compact`), so that a large pool's tables take a fraction of their size."""


def new_connection() -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection for one pool."""
    db = connect()
    # DuckDB draws its own progress bar on stdout for queries over 2 s: not in our output
    db.execute("SET enable_progress_bar = false")
    db.execute(f"ATTACH ':memory:' AS {WORK_DATABASE} (COMPRESS)")
    db.execute(f"USE {WORK_DATABASE}")
    return db


def current_database(db: duckdb.DuckDBPyConnection) -> str:
    ((name,),) = db.execute("SELECT current_database()").fetchall()
    return name


def open_cursor(db: duckdb.DuckDBPyConnection, database: str | None = None) -> duckdb.DuckDBPyConnection:
    """Another connection to ``db``'s database that sees the same tables (a DuckDB
    cursor starts in the default database, not in the one ``db`` uses).
    ``database``: `current_database(db)`, when ``db`` is busy in another thread."""
    cursor = db.cursor()
    cursor.execute(f'USE "{database or current_database(db)}"')
    return cursor


def fetch_side_by_side(db: duckdb.DuckDBPyConnection, queries: list[str]) -> list[list[tuple]]:
    """The rows of read-only queries run at once: the first on ``db``, each other one on a
    connection of its own (DuckDB plans a statement on one thread, so side by side they
    take the time of the longest). The first error is raised, after all have ended."""
    from concurrent.futures import ThreadPoolExecutor

    if len(queries) < 2:
        return [db.execute(query).fetchall() for query in queries]
    database = current_database(db)
    cursors = [open_cursor(db, database) for _ in queries[1:]]
    with ThreadPoolExecutor(max_workers=len(cursors)) as executor:
        others = [executor.submit(lambda c=cursor, q=query: c.execute(q).fetchall())
                  for cursor, query in zip(cursors, queries[1:])]
        try:
            first = db.execute(queries[0]).fetchall()
        finally:
            rest = [future.result() for future in others]
            for cursor in cursors:
                cursor.close()
    return [first, *rest]


def compact(db: duckdb.DuckDBPyConnection) -> None:
    """Compress the tables of ``db``'s database (a checkpoint of the work database)."""
    db.execute(f'CHECKPOINT "{current_database(db)}"')


def load_arrays(
    arrays: dict[str, np.ndarray],
    *,
    name: str,
    db: duckdb.DuckDBPyConnection | None = None,
    path: Path | None = None,
) -> Pool:
    """Load text arrays as table ``pool``: values lower-cased, ``_row`` = file order."""
    import numpy as np

    db = db if db is not None else new_connection()
    n_rows = len(next(iter(arrays.values())))
    frame = {ROW_COLUMN: np.arange(n_rows, dtype=np.int64), **arrays}
    db.register("pool_arrays", frame)
    try:
        drop_pool_relation(db)
        db.execute(
            "CREATE TABLE pool AS "
            "SELECT _row, lower(COLUMNS(* EXCLUDE (_row))) FROM pool_arrays ORDER BY _row"
        )
    finally:
        db.unregister("pool_arrays")
    return Pool(name=name, columns=tuple(arrays), n_rows=n_rows, db=db, path=path)
