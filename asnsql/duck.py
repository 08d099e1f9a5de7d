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
"""

from __future__ import annotations

try:
    import _duckdb as duckdb
except ImportError:  # pragma: no cover - DuckDB releases before the split
    import duckdb  # type: ignore[no-redef]

__all__ = ["duckdb", "relational_api"]


def relational_api() -> None:
    """Import DuckDB's Python package, which adds the relational methods
    (``sql``, ``table``, ...) to every connection."""
    import duckdb as _package  # noqa: F401
