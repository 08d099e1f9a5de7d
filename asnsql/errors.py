"""Errors asnsql raises on bad input.

Every error carries a one-line message that names the file, row, column or
rule at fault and, where there is one, what to do about it. The CLI prints
that line and exits with status 2; library users catch `AsnsqlError`.

Input that is odd but usable (duplicate file names, a candidate cell that
names no candidate, a pool with no rows) is not an error: asnsql produces the
reference's output and issues an `AsnsqlWarning` (a Python warning, one line),
which the CLI prints as ``asnsql: warning: ...`` on stderr.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class AsnsqlError(Exception):
    """Base class of every error asnsql reports to a user."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    @property
    def report(self) -> str:
        """The line the CLI prints (after ``asnsql: ``)."""
        return f"error: {self.message}"


class PoolError(AsnsqlError):
    """A pool file cannot be read or lacks what generation needs."""


class RuleError(AsnsqlError):
    """A rule template cannot be found, rendered or run."""


class QueryError(AsnsqlError):
    """User SQL given to `asnsql query` failed."""


class AssociationError(AsnsqlError):
    """An association file cannot be read or is not a valid association."""


class OutputError(AsnsqlError):
    """Associations cannot be written where asked."""


def is_query_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's report of a query it stopped for a signal.

    On Ctrl-C (or any signal whose Python handler raises) during a query, DuckDB stops
    the query and raises ``RuntimeError('Query interrupted')`` (``InterruptException``
    in some releases) in place of the handler's exception. Told by name, so that
    callers need not import DuckDB."""
    if type(exc).__name__ == "InterruptException":
        return True
    return type(exc) is RuntimeError and str(exc).strip() == "Query interrupted"


@contextmanager
def interrupts_raised() -> Iterator[None]:
    """Raise KeyboardInterrupt where DuckDB reports a query stopped by a signal, as
    Python code stopped by Ctrl-C would."""
    try:
        yield
    except Exception as exc:
        if is_query_interrupt(exc):
            raise KeyboardInterrupt from None
        raise


class Terminated(BaseException):
    """SIGTERM, raised in the main thread (by the CLI) so that output is rolled back as
    on Ctrl-C."""


class Stopped(AsnsqlError):
    """A run stopped by Ctrl-C or SIGTERM after part of its output was written (batch
    mode: the pools done before): the message says what was written."""

    def __init__(self, message: str, *, terminated: bool = False) -> None:
        super().__init__(message)
        self.terminated = terminated

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return 143 if self.terminated else 130

    @property
    def report(self) -> str:
        return f"{'terminated' if self.terminated else 'interrupted'}; {self.message}"


class AsnsqlWarning(UserWarning):
    """Input asnsql accepts, as the reference does, but that the user should know about."""


def warn(message: str) -> None:
    """Issue an AsnsqlWarning attributed to the caller's caller (one line, no source echo)."""
    import warnings

    warnings.warn(AsnsqlWarning(message), stacklevel=3)
