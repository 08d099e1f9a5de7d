"""The `asnsql` command line: a thin Typer layer over the library API.

Every command opens its input, calls one library function and renders the
result. Errors from bad input print one line (``asnsql: error: ...``) on
stderr and exit with status 2; data goes to stdout, messages to stderr.
One module per command; importing them registers them on `app`.
"""

from __future__ import annotations

import os
import sys

from asnsql.cli import catalog as _catalog  # noqa: F401  (registers the command)
from asnsql.cli import diff as _diff  # noqa: F401
from asnsql.cli import edit as _edit  # noqa: F401
from asnsql.cli import explain as _explain  # noqa: F401
from asnsql.cli import from_list as _from_list  # noqa: F401
from asnsql.cli import gather as _gather  # noqa: F401
from asnsql.cli import generate as _generate  # noqa: F401
from asnsql.cli import make_pool as _make_pool  # noqa: F401
from asnsql.cli import query as _query  # noqa: F401
from asnsql.cli import rules as _rules  # noqa: F401
from asnsql.cli import validate as _validate  # noqa: F401
from asnsql.cli.app import app, echo_err, rules_app
from asnsql.cli.generate import DEFAULT_ORPHANS_FILE, TIMESTAMP
from asnsql.errors import AsnsqlError

__all__ = ["app", "main", "rules_app"]

OPTIONAL_VALUE_OPTIONS = {"--version-id": TIMESTAMP, "--save-orphans": DEFAULT_ORPHANS_FILE}


def _expand_optional_values(argv: list[str]) -> list[str]:
    """Give bare `--version-id` / `--save-orphans` their implicit value, as argparse's nargs='?'."""
    result: list[str] = []
    for i, arg in enumerate(argv):
        result.append(arg)
        if arg in OPTIONAL_VALUE_OPTIONS:
            following = argv[i + 1] if i + 1 < len(argv) else None
            if following is None or following.startswith("-"):
                result.append(OPTIONAL_VALUE_OPTIONS[arg])
    return result


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the app, turn AsnsqlError into one line and exit 2."""
    args = _expand_optional_values(list(sys.argv[1:] if argv is None else argv))
    try:
        code = app(args=args, prog_name="asnsql", standalone_mode=False)
    except AsnsqlError as exc:
        echo_err(f"error: {exc.message}")
        return exc.exit_code
    except KeyboardInterrupt:
        echo_err("interrupted; nothing was written")
        return 130
    except Exception as exc:  # noqa: BLE001 - click usage errors and the unexpected
        return _report_unexpected(exc)
    # without standalone mode, click returns a typer.Exit code instead of exiting
    return code if isinstance(code, int) else 0


def _report_unexpected(exc: Exception) -> int:
    import typer

    try:  # typer >= 0.26 vendors click; older typer uses click itself
        from typer._click.exceptions import ClickException
    except ImportError:
        from click import ClickException

    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, ClickException):
        exc.show()
        return exc.exit_code
    if isinstance(exc, typer.Abort):
        echo_err("aborted")
        return 1
    if os.environ.get("ASNSQL_DEBUG"):
        raise exc
    echo_err(f"internal error: {type(exc).__name__}: {exc} (set ASNSQL_DEBUG=1 for a traceback)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
