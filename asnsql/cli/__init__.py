"""The `asnsql` command line: a thin Typer layer over the library API.

Every command opens its input, calls one library function and renders the
result. Errors from bad input print one line (``asnsql: error: ...``) on
stderr and exit with status 2; data goes to stdout, messages to stderr.
One module per command; importing it registers the command on `app`
(asnsql.cli.app). A run imports only the module of the command it runs
(`register_commands`); `cli_app()` is the application with every command.
"""

from __future__ import annotations

import os
import signal
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

import typer

from asnsql.cli.app import DEFAULT_ORPHANS_FILE, TIMESTAMP, echo_err
from asnsql.cli.app import app as _app
from asnsql.errors import AsnsqlError, AsnsqlWarning, Stopped, Terminated, interrupts_raised

__all__ = ["cli_app", "main", "register_commands"]

OPTIONAL_VALUE_OPTIONS = {"--version-id": TIMESTAMP, "--save-orphans": DEFAULT_ORPHANS_FILE}

COMMAND_MODULES = {
    "catalog": "catalog", "diff": "diff", "edit": "edit", "explain": "explain",
    "from-list": "from_list", "gather": "gather", "generate": "generate",
    "make-pool": "make_pool", "query": "query", "rules": "rules", "validate": "validate",
}
"""Each command's module (asnsql.cli.<module>); importing it registers the command on `app`."""


def register_commands(argv: list[str] | None = None) -> None:
    """Register the command ``argv`` names (its module alone: building every command's
    options costs each run of one command about 10 ms), or every command when ``argv``
    names none (help, an unknown command, or ``argv`` None)."""
    command = argv[0] if argv else None
    names = [command] if command in COMMAND_MODULES else list(COMMAND_MODULES)
    for name in names:
        import_module(f"asnsql.cli.{COMMAND_MODULES[name]}")


def cli_app() -> typer.Typer:
    """The Typer application with every command registered (for tools that read it,
    such as documentation generators; `main` registers only the command it runs)."""
    register_commands()
    return _app


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


@contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Print each distinct AsnsqlWarning once, as one ``asnsql: warning: ...`` line."""
    seen: set[str] = set()
    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001
        if not issubclass(category, AsnsqlWarning):
            shown(message, category, filename, lineno, file, line)
            return
        text = str(message)
        if text not in seen:
            seen.add(text)
            echo_err(f"warning: {text}")

    with warnings.catch_warnings():
        warnings.simplefilter("always", AsnsqlWarning)
        warnings.showwarning = show
        yield


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the app, turn AsnsqlError into one line and exit 2."""
    args = _expand_optional_values(list(sys.argv[1:] if argv is None else argv))
    terminated: list[int] = []
    try:
        register_commands(args)
        with _warnings_as_lines(), _terminate_as_interrupt() as terminated:
            # not standalone, Typer returns what it would exit with: typer.Exit's code,
            # 130 for Ctrl-C (it turns KeyboardInterrupt into that), else the command's value
            code = _app(args=args, prog_name="asnsql", standalone_mode=False)
    except AsnsqlError as exc:
        if isinstance(exc, Stopped) and terminated:
            exc.terminated = True  # SIGTERM, seen by the command as DuckDB's interrupt
        echo_err(exc.report)
        return exc.exit_code
    except (KeyboardInterrupt, Terminated):
        return _stopped(terminated)
    except Exception as exc:  # noqa: BLE001 - click usage errors and the unexpected
        return _report_unexpected(exc)
    if code == 130:
        return _stopped(terminated)
    return code if isinstance(code, int) else 0


def _stopped(terminated: list[int]) -> int:
    """The line and exit status of a run stopped by Ctrl-C, or by SIGTERM when
    ``terminated`` says so (DuckDB and Typer report both alike)."""
    if terminated:
        echo_err("terminated; nothing was written")
        return 143
    echo_err("interrupted; nothing was written")
    return 130


@contextmanager
def _terminate_as_interrupt() -> Iterator[list[int]]:
    """While a command runs, SIGTERM unwinds like KeyboardInterrupt (cleanup runs), and
    a DuckDB query stopped by a signal unwinds as KeyboardInterrupt. The list it yields
    notes that SIGTERM came: DuckDB reports both signals alike."""
    terminated: list[int] = []

    def handler(signum, frame):  # noqa: ANN001, ARG001
        terminated.append(signum)
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. an embedding application)
        with interrupts_raised():
            yield terminated
        return
    try:
        with interrupts_raised():
            yield terminated
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report_unexpected(exc: Exception) -> int:
    """Typer's own exits and usage errors as Typer shows them; anything else is one line."""
    import typer

    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, typer.Abort):
        echo_err("aborted")
        return 1
    if isinstance(exc, typer.TyperException) and hasattr(exc, "show"):
        exc.show()  # usage errors: usage line, hint and "Error: ..."
        return int(getattr(exc, "exit_code", 2))
    if os.environ.get("ASNSQL_DEBUG"):
        raise exc
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    echo_err(f"internal error: {type(exc).__name__}: {first} (set ASNSQL_DEBUG=1 for a traceback)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
