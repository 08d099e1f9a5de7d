"""Ad-hoc SQL over a loaded pool: the only place where user SQL runs."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from asnsql.engine import prepare_pool
from asnsql.errors import QueryError
from asnsql.pool import Pool

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def query(pool: Pool, sql: str) -> QueryResult:
    """Run SQL on a pool; tables: pool (raw values), candidates, exposures (valid values)."""
    prepare_pool(pool)
    try:
        relation = pool.db.sql(sql)
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from None
    if relation is None:
        return QueryResult(columns=[], rows=[])
    try:
        return QueryResult(columns=list(relation.columns), rows=relation.fetchall())
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from None


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as an aligned text table, CSV, or a JSON array of objects."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buffer.getvalue()
    if fmt == "json":
        records = [dict(zip(result.columns, row)) for row in result.rows]
        return json.dumps(records, indent=2, default=str) + "\n"
    if fmt == "table":
        return _text_table(result)
    raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _text_table(result: QueryResult) -> str:
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return "NULL" if value is None else str(value)


def _first_line(exc: BaseException) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
