"""DuckDB's engine module, without the Python relational API around it.

``import duckdb`` loads DuckDB's relational API (relations, expressions, Arrow
sources: 60-70 ms of every process) on top of its C++ engine module, ``_duckdb``.
Generation only runs SQL text (connect, execute, fetch), so the modules on its
path import the engine module alone, as ``duckdb``::

    from asnsql.duck import duckdb

Code that uses the relational API (``DuckDBPyConnection.sql``) calls
`relational_api()` first: importing the package adds its methods to the same
connection class (``register``, used for astropy's arrays, is the engine's own).
A DuckDB whose engine module is not a top-level ``_duckdb`` is imported whole.

asnsql's SQL needs DuckDB 2 (its optimizer switches and grammar; 1.4 and 1.5 fail on
it): every connection is opened by `connect`, which says so in one line when an older
DuckDB is installed.
"""

from __future__ import annotations

try:
    import _duckdb as duckdb
except ImportError:  # pragma: no cover - DuckDB releases before the split
    import duckdb  # type: ignore[no-redef]

__all__ = ["connect", "duckdb", "relational_api", "MIN_DUCKDB"]

MIN_DUCKDB = (2, 0)
"""The oldest DuckDB asnsql runs on (pyproject.toml asks the same)."""


def connect() -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB database, once DuckDB is known to be recent enough."""
    require_duckdb(duckdb.__version__)
    return duckdb.connect()


def require_duckdb(version: str) -> None:
    """Raise AsnsqlError when DuckDB ``version`` is older than MIN_DUCKDB."""
    parts = []
    for part in version.split(".")[:2]:
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    if tuple(parts) < MIN_DUCKDB:
        from asnsql.errors import AsnsqlError

        wanted = ".".join(map(str, MIN_DUCKDB))
        raise AsnsqlError(f"DuckDB {version} is installed; asnsql needs DuckDB {wanted} or later "
                          f"(pip install 'duckdb>={wanted}')")


def relational_api() -> None:
    """Import DuckDB's Python package, which adds the relational methods
    (``sql``, ``table``, ...) to every connection."""
    import duckdb as _package  # noqa: F401
