"""Read a ``|``-delimited pool with DuckDB's CSV reader, exactly as astropy reads it.

The reference reads pools with astropy's guessing ASCII reader. For the default
format (``ascii``, delimiter ``|``) that reader ends up in ``Basic``: lines are
split with ``str.splitlines``; blank lines and lines matching ``\\s*#`` are
skipped; the first remaining line is the header; each line is stripped of
whitespace, split at ``|`` and each value stripped of spaces and tabs; empty
values are masked and later filled with ``null`` cut to the column's width.

This module does the same in DuckDB, in parallel, without importing astropy
or numpy. It reads each physical line as one value, then classifies, splits
and fills in SQL. It only answers for files whose reading it can reproduce
exactly; for anything else (double quotes, line breaks other than newlines,
a header astropy's format guessing would treat differently, rows of the
wrong width, bytes that are not UTF-8, compressed or HTML input, ...) it
returns ``None`` and the caller reads the file with astropy, which then also
produces astropy's own error for bad input. ``tests/test_fastpool.py``
compares both readers value for value.
"""

from __future__ import annotations

import locale
from pathlib import Path

from asnsql.duck import duckdb
from asnsql.pool import drop_pool_relation

FAST_DELIMITER = "|"
FAST_FORMAT = "ascii"

# str.isspace() characters: what str.strip() removes and what \s matches in re.
PY_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# str.splitlines() boundaries other than \n (DuckDB already split at \n, \r\n or \r),
# plus the characters whose meaning depends on the CSV dialect or that numpy drops.
UNSUPPORTED_CHARACTERS = '"\x00\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'
_WS_CLASS = "[" + PY_WHITESPACE.replace("\\", "\\\\") + "]"
_UNSUPPORTED_CLASS = "[" + UNSUPPORTED_CHARACTERS + "]"
# astropy's strict column-name test while guessing (core.BaseHeader.check_column_names)
_BAD_NAME_EDGES = (" ", ",", "|", "\t", "'", '"')
_MAGIC_PREFIXES = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\xef\xbb\xbf")  # gzip, bz2, xz, BOM

POOL_VIEW = "pool"
LINES_TABLE = "_pool_lines"
ROWS_TABLE = "_pool_rows"
# a line that astropy keeps: not blank, not a comment (\s*#); $ws is _WS_CLASS
_KEPT = "NOT (line IS NULL OR regexp_full_match(line, $ws || '*') OR regexp_matches(line, '^' || $ws || '*#'))"


def read_fast(path: Path, db: duckdb.DuckDBPyConnection, *, delimiter: str = FAST_DELIMITER,
              fmt: str = FAST_FORMAT) -> tuple[tuple[str, ...], int] | None:
    """Make ``pool`` (``_row`` + lower-cased text columns) from ``path`` if astropy's reading can
    be reproduced exactly; return (lower-cased column names, number of rows), or None.

    ``pool`` is a view over the table ``_pool_lines`` (the file's data lines): each scan
    splits the lines again, which costs less than keeping every value twice.
    """
    if not _eligible(path, delimiter, fmt):
        return None
    try:
        result = _read(path, db)
    except duckdb.Error:
        result = None
    if result is None:
        drop_pool_relation(db)
        db.execute(f"DROP TABLE IF EXISTS {LINES_TABLE}")
        db.execute(f"DROP TABLE IF EXISTS {ROWS_TABLE}")
    return result


def _eligible(path: Path, delimiter: str, fmt: str) -> bool:
    """Cheap checks on the arguments and the first bytes of the file."""
    if fmt != FAST_FORMAT or delimiter != FAST_DELIMITER:
        return False
    if locale.getpreferredencoding(False).lower().replace("-", "") != "utf8":
        return False  # astropy decodes with the locale's encoding
    if path.suffix.lower() in (".htm", ".html") or not path.is_file():
        return False
    try:
        with open(path, "rb") as handle:
            start = handle.read(100_000)
    except OSError:
        return False
    # compressed input is decompressed by astropy; '<' may make it guess HTML
    return not start.startswith(_MAGIC_PREFIXES) and b"<" not in start


def _read(path: Path, db: duckdb.DuckDBPyConnection) -> tuple[tuple[str, ...], int] | None:
    # every physical line as one value; strict mode refuses mixed line endings
    # and a line holding the (never used) field separator \x1e
    db.execute(
        f"CREATE OR REPLACE TABLE {LINES_TABLE} AS SELECT line FROM read_csv($path, "
        "delim = E'\\x1e', quote = '', escape = '', header = false, "
        "columns = {'line': 'VARCHAR'}, auto_detect = false, strict_mode = true)",
        {"path": str(path)},
    )
    unsupported = " OR ".join(f"contains(line, chr({ord(c)}))" for c in UNSUPPORTED_CHARACTERS)
    checks = db.execute(
        f"""
        WITH classified AS (
            SELECT rowid AS line_no, line, {_KEPT} AS kept FROM {LINES_TABLE}
        ),
        header AS (SELECT min(line_no) AS at FROM classified WHERE kept)
        SELECT count(*) FILTER (WHERE {unsupported}),
               any_value(h.at),
               count(*) FILTER (WHERE c.line_no < h.at AND contains(c.line, '%ECSV')),
               count(*) FILTER (WHERE c.line_no > h.at AND NOT c.kept),
               count(*) FILTER (WHERE c.line_no > h.at AND c.kept),
               -- whitespace to strip: at either end of a line, or next to a delimiter
               bool_or(c.kept AND (regexp_matches(c.line, '^' || $ws) OR regexp_matches(c.line, $ws || '$')
                                   OR contains(c.line, ' |') OR contains(c.line, '| ')
                                   OR contains(c.line, chr(9) || '|') OR contains(c.line, '|' || chr(9)))),
               bool_or(c.kept AND c.line_no > h.at AND (contains(c.line, '||')
                       OR starts_with(c.line, '|') OR ends_with(c.line, '|')))
        FROM classified c, header h
        """,
        {"ws": _WS_CLASS},
    ).fetchone()
    n_unsupported, header_at, ecsv, skipped, n_rows, needs_trim, has_empty = checks
    if n_unsupported or ecsv or header_at is None or not n_rows:
        return None  # astropy reads an empty table its own way
    first_lines = [line for (line,) in db.execute(
        f"SELECT line FROM {LINES_TABLE} WHERE rowid >= $at AND {_KEPT} ORDER BY rowid LIMIT 2",
        {"at": header_at, "ws": _WS_CLASS},
    ).fetchall()]
    names = _header_names(first_lines)
    if names is None:
        return None
    offset = int(header_at) + 1
    if skipped:
        # comment or blank lines among the data: keep the data lines only, in order
        db.execute(
            f"CREATE OR REPLACE TABLE {ROWS_TABLE} AS SELECT line FROM {LINES_TABLE} "
            f"WHERE rowid > $at AND {_KEPT} ORDER BY rowid",
            {"at": header_at, "ws": _WS_CLASS},
        )
        db.execute(f"DROP TABLE {LINES_TABLE}")
        db.execute(f"ALTER TABLE {ROWS_TABLE} RENAME TO {LINES_TABLE}")
        offset = 0
    # fields: strip the line of whitespace, split at '|', strip values of spaces and tabs
    fields = (f"regexp_split_to_array(trim(line, {_sql_text(PY_WHITESPACE)}), '[ \t]*[|][ \t]*')"
              if needs_trim else "string_split(line, '|')")
    data = (f"(SELECT (rowid - {offset})::BIGINT AS _row, {fields} AS f "
            f"FROM {LINES_TABLE} WHERE rowid >= {offset})")
    n_columns = len(names)
    measure = ""
    if needs_trim or has_empty:
        measure = ", " + ", ".join(
            f"bool_or(f[{i}] = ''), max(length(f[{i}])) FILTER (WHERE f[{i}] <> '')"
            for i in range(1, n_columns + 1)
        )
    stats = db.execute(f"SELECT count(*) FILTER (WHERE len(f) <> {n_columns}){measure} FROM {data}").fetchone()
    if stats[0]:
        return None  # a row of the wrong width: astropy reports it
    selects = []
    for i, name in enumerate(names, start=1):
        value = f"f[{i}]"
        if measure and stats[2 * i - 1]:
            # astropy masks empty values; filled with 'null' cut to the column's width
            fill = "null"[: max(1, stats[2 * i] or 0)]
            value = f"CASE WHEN f[{i}] = '' THEN '{fill}' ELSE f[{i}] END"
        selects.append(f"lower({value}) AS {_ident(name)}")
    drop_pool_relation(db)
    db.execute(f"CREATE VIEW {POOL_VIEW} AS SELECT _row, {', '.join(selects)} FROM {data}")
    return tuple(names), int(n_rows)


def _header_names(first_lines: list[str]) -> list[str] | None:
    """Lower-cased column names, or None when astropy's guessing would not end in Basic
    (or asnsql would refuse the names): then astropy reads the file."""
    header = first_lines[0]
    for line in first_lines:
        # FixedWidthTwoLine and RST are tried before Basic: a line of one repeated
        # character (besides delimiters and spaces) could be their position line
        if len(set(line) - {FAST_DELIMITER, " "}) == 1:
            return None
    raw = [value.strip(" \t") for value in header.strip().split(FAST_DELIMITER)]
    if len(raw) < 2 or len(set(raw)) != len(raw):
        return None
    for name in raw:
        if not name or name[0] in _BAD_NAME_EDGES or name[-1] in _BAD_NAME_EDGES or _is_number(name):
            return None
    names = [name.strip().lower() for name in raw]
    if len(set(names)) != len(names) or "_row" in names or not all(names):
        return None
    return names


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
