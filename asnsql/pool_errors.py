"""One-line errors for pool files the reader refuses.

When astropy's guessing reader gives up it lists every format it tried, which
tells a user nothing. These helpers look at the file itself, only after a read
failed, and say what is wrong and where: line numbers are 1-based lines of the
file (comment lines included), so an editor jumps straight to them.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from asnsql.errors import PoolError

COMMON_DELIMITERS = ("|", ",", "\t", ";")


@contextmanager
def long_fields() -> Iterator[None]:
    """Let the csv module (astropy's pure-Python reader) read values over 128 KiB.

    Its default limit makes astropy refuse a pool with one very long cell
    (the reference generator fails on it too); the limit is restored after.
    """
    previous = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def unreadable_pool_error(path: Path, delimiter: str, fmt: str, exc: BaseException) -> PoolError:
    """The PoolError to raise for a pool file the reader refused with ``exc``."""
    try:
        data = path.read_bytes()
    except OSError as os_exc:
        return PoolError(f"{path}: cannot read the pool file: {os_exc.strerror}")
    if not data.strip():
        return PoolError(
            f"{path}: the file is empty; a pool is a header line of column names "
            "then one row per exposure"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as decode_exc:
        return not_utf8_error(path, data, decode_exc.start)
    if is_delimited_ascii(fmt):
        found = _diagnose_delimited(path, text, delimiter)
        if found is not None:
            return found
    return PoolError(f"{path}: cannot read as {fmt!r} pool: {_specific_reason(path, delimiter, fmt, exc)}")


def not_utf8_error(path: Path, data: bytes, start: int) -> PoolError:
    """Name the line and column of the first byte that is not UTF-8."""
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return PoolError(
        f"{path}:{line}: byte 0x{data[start]:02x} (column {column}) is not UTF-8 text; "
        "re-encode the pool as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
    )


def is_delimited_ascii(fmt: str) -> bool:
    """Whether ``fmt`` is an astropy ASCII format read with a delimiter."""
    return fmt == "ascii" or (fmt.startswith("ascii.") and fmt not in ("ascii.ecsv",))


def _diagnose_delimited(path: Path, text: str, delimiter: str) -> PoolError | None:
    """Find the first line whose number of values differs from the header's."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return PoolError(f"{path}: only comment lines, no header line of column names")
    if len(delimiter) != 1:
        return None
    reader = csv.reader([line for _, line in lines], delimiter=delimiter, quotechar='"',
                        doublequote=True, strict=False)
    try:
        rows = list(reader)
    except csv.Error:
        return None
    width = len(rows[0])
    for (number, _), row in zip(lines[1:], rows[1:]):
        if len(row) != width:
            return PoolError(
                f"{path}:{number}: {len(row)} values but the header has {width} columns; "
                f"give every row one value per column, separated by {delimiter!r} "
                "(an empty value is fine)"
            )
    return None


def _specific_reason(path: Path, delimiter: str, fmt: str, exc: BaseException) -> str:
    """The reader's own first line, from a non-guessing read when the guesser gave up."""
    reason = first_line(exc)
    if fmt == "ascii" and reason.startswith("ERROR: Unable to guess"):
        from astropy.table import Table

        try:
            Table.read(str(path), format="ascii.basic", guess=False, delimiter=delimiter)
        except Exception as basic_exc:  # noqa: BLE001 - any reader failure is the reason
            reason = first_line(basic_exc)
    return reason


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def delimiter_hint(header: str) -> str:
    """A hint to pass -d when a pool read as one column has another delimiter in its header."""
    for other in COMMON_DELIMITERS:
        if other in header:
            return f"; the header looks delimited by {other!r}: pass -d {other!r}"
    return ""
