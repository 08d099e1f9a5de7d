"""What a pool must have, and what it may have but should not, before generation.

Errors (`PoolError`) stop a run before anything is written: a pool without a
column every exposure needs, or an ASN_CANDIDATE cell the reference aborts on.
Warnings (`AsnsqlWarning`) report input the reference accepts and asnsql
therefore accepts too, giving the reference's output: a pool with no rows,
repeated file names, candidate cells that name no candidate, columns named
like a column asnsql derives.

The checks on values are SQL queries (``sql/checks/*.sql``) returning the
offending rows; this module only words the first of them. Rows are named by
their 1-based data row (header and comment lines not counted) and FILENAME.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from asnsql.duck import duckdb
from asnsql.errors import PoolError, RuleError, warn
from asnsql.pool import Pool
from asnsql.pool_errors import delimiter_hint
from asnsql.templates import SqlTemplates

REQUIRED_COLUMNS = {
    "filename": "every exposure is named by it",
    "asn_candidate": "per-candidate generation needs it",
}
MEMBER_COLUMNS = ("exp_type", "pntgtype", "targetid")
"""Columns the reference reads directly from an exposure joining an association
(a pool without one makes it stop with a KeyError once an association forms)."""
ITEM_COLUMNS = ("run_id", "registry", "acid_id", "acid_type")
"""Columns `items()` adds to every exposure row."""

_ALIAS = re.compile(r"\bAS\s+([A-Za-z_][A-Za-z0-9_]*)\b", re.IGNORECASE)


def check_columns(pool: Pool) -> None:
    """Raise PoolError when a required column is missing; warn about an empty pool."""
    missing = [name for name in REQUIRED_COLUMNS if not pool.has_column(name)]
    if missing:
        name = missing[0]
        hint = delimiter_hint(pool.columns[0]) if len(pool.columns) == 1 else ""
        if hint:
            raise PoolError(
                f"{_origin(pool)}: no {name.upper()} column: the header reads as one column "
                f"{_short(pool.columns[0].upper(), 40)}{hint}"
            )
        found = ", ".join(c.upper() for c in pool.columns[:6])
        more = ", ..." if len(pool.columns) > 6 else ""
        raise PoolError(
            f"{_origin(pool)}: no {name.upper()} column ({REQUIRED_COLUMNS[name]}); "
            f"columns found: {found}{more}; add the column or fix the header line"
        )
    if pool.n_rows == 0:
        warn(f"{_origin(pool)}: the pool has a header but no rows; there is nothing to associate")


def check_member_columns(pool: Pool, n_associations: int) -> None:
    """Warn when associations formed from a pool lacking a column the reference reads directly."""
    missing = [c.upper() for c in MEMBER_COLUMNS if not pool.has_column(c)]
    if missing and n_associations:
        warn(
            f"{_origin(pool)}: no {', '.join(missing)} column: asnsql reads it as empty, the reference "
            "generator stops with a KeyError on this pool; add the column to get comparable output"
        )


def reserved_columns(templates: SqlTemplates, known_columns: list[str]) -> frozenset[str]:
    """Names asnsql gives to columns it derives, which a pool column must not shadow.

    Read from the exposures model as rendered (its unquoted aliases), plus the
    columns `items()` adds and the rule output contract; the columns the
    reference reads are never reserved.
    """
    from asnsql.engine import RULE_MEMBERS_SCHEMA

    rendered = templates.render_model("models/exposures.sql", {"columns": []})
    names = {m.lower() for m in _ALIAS.findall(rendered)}
    names |= set(ITEM_COLUMNS)
    names |= {line.split()[0] for line in RULE_MEMBERS_SCHEMA.splitlines()[2:-1] if line.strip()}
    return frozenset(names - set(known_columns) - {"_row"})


def model_columns(pool: Pool, templates: SqlTemplates) -> list[str]:
    """The pool columns models and rules see: all but those shadowing derived columns.

    A shadowing column is not one the reference reads, so leaving it out
    changes nothing in the output; it is reported with a warning.
    """
    known = templates.known_columns()
    unknown = [c for c in pool.columns if c not in known]
    if not unknown:
        return list(pool.columns)
    reserved = reserved_columns(templates, known)
    ignored = [c for c in unknown if c in reserved]
    if ignored:
        warn(
            f"{_origin(pool)}: column(s) {', '.join(c.upper() for c in ignored)} ignored: "
            "asnsql derives columns of these names, and the reference does not read them"
        )
    return [c for c in pool.columns if c not in ignored]


VALUE_CHECKS = ("checks/candidate_cells.sql", "checks/duplicate_filenames.sql")
"""The SQL checks on a prepared pool's values, in the order they are reported."""


def check_values(pool: Pool, templates: SqlTemplates) -> None:
    """Run the SQL checks on a prepared pool (tables pool and candidates exist)."""
    queries = value_check_queries(pool, templates)
    report_value_checks(pool, [_check_rows(pool.db, name, sql) for name, sql in queries])


@contextmanager
def value_checks_alongside(pool: Pool, templates: SqlTemplates) -> Iterator[None]:
    """`check_values` while the block runs, on another connection to the pool's database
    (the checks only read exposures and candidates): what they report comes when the
    block ends, and their error before any error of the block, as if they had run
    first. A small pool's checks take 5-10 ms, mostly planning, on a core that would
    otherwise wait."""
    from concurrent.futures import ThreadPoolExecutor

    from asnsql.pool import open_cursor

    queries = value_check_queries(pool, templates)  # rendered here: templates are not shared
    cursor = open_cursor(pool.db)
    with ThreadPoolExecutor(max_workers=1) as executor:
        rows = executor.submit(lambda: [_check_rows(cursor, name, sql) for name, sql in queries])
        try:
            yield
        finally:
            try:
                found = rows.result()
            finally:
                cursor.close()
            report_value_checks(pool, found)


def value_check_queries(pool: Pool, templates: SqlTemplates) -> list[tuple[str, str]]:
    """(name, SQL) of every value check, for this pool's columns."""
    context = {"columns": list(pool.columns)}
    return [(name, templates.render_model(name, context)) for name in VALUE_CHECKS]


def report_value_checks(pool: Pool, rows: list[list[tuple]]) -> None:
    """Word what the checks found: the first aborting candidate cell as an error, else
    warnings for cells that name no candidate and repeated file names."""
    cells, repeats = rows
    aborting = [row for row in cells if row[3] == "aborts"]
    if aborting:
        row, filename, cell, _ = aborting[0]
        raise PoolError(
            f"{_origin(pool)}: row {row + 1} ({_name(filename)}): ASN_CANDIDATE {_short(cell)} is not a "
            "list of (id, type) pairs, and the reference generator aborts on it; write e.g. "
            "[('o001', 'observation')], or leave it empty"
        )
    if cells:
        row, filename, cell, _ = cells[0]
        others = f" and {len(cells) - 1} more row(s)" if len(cells) > 1 else ""
        warn(
            f"{_origin(pool)}: row {row + 1} ({_name(filename)}){others}: ASN_CANDIDATE {_short(cell)} "
            "holds no list of (id, type) pairs; no candidate is read from it"
        )
    if repeats:
        row, filename, first_row, identical, n_names = repeats[0]
        others = f" ({n_names} names repeat)" if n_names > 1 else ""
        effect = ("repeats it exactly and is ignored, as the reference ignores it" if identical else
                  "differs from it; the reference lets the later row join no association that "
                  "holds the name, asnsql does not model that yet")
        warn(
            f"{_origin(pool)}: FILENAME {_short(filename)} is on rows {first_row + 1} and {row + 1}{others}; "
            f"row {row + 1} {effect}"
        )


def _origin(pool: Pool) -> str:
    """The pool as messages name it: the path it was read from, else its name."""
    return str(pool.path) if pool.path is not None else pool.name


def _check_rows(db: duckdb.DuckDBPyConnection, name: str, sql: str) -> list[tuple]:
    try:
        return db.execute(sql).fetchall()
    except Exception as exc:  # noqa: BLE001 - a failing check is asnsql's bug, named as such
        raise RuleError(f"{name}: {str(exc).splitlines()[0]}") from None


def _name(filename: str | None) -> str:
    return f"FILENAME {_short(filename)}" if filename else "no FILENAME"


def _short(value: str | None, limit: int = 60) -> str:
    text = "" if value is None else str(value)
    return repr(text if len(text) <= limit else text[:limit] + "...")
