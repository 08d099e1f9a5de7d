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


class AsnsqlError(Exception):
    """Base class of every error asnsql reports to a user."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


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


class AsnsqlWarning(UserWarning):
    """Input asnsql accepts, as the reference does, but that the user should know about."""


def warn(message: str) -> None:
    """Issue an AsnsqlWarning attributed to the caller's caller (one line, no source echo)."""
    import warnings

    warnings.warn(AsnsqlWarning(message), stacklevel=3)
