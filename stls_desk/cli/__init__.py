"""The `stls-desk` command: open the app on a log, or run a headless command on one.

`stls-desk LOG` (how the desktop entry and file managers open a log) is `open LOG`, except that problems
with LOG other than a missing file are shown by the app in its window, since no terminal may be watching.

Structure. Each module named in COMMAND_MODULES defines `register(subparsers)` to add its subcommands
and/or `register_export(export_subparsers)` to add formats under the shared `export` command (`export pdf`,
`export ics`, `export csv`). Each subcommand sets `run=<function(args) -> int>` with `set_defaults`; the
function returns the exit code or raises `CommandError`. Adding a command module is one line below. Modules
are imported to build the parser, so they import anything heavy (ReportLab, Qt) inside their `run`
functions, never at module level.

Exit codes: 0 success, 1 when `check` finds damage, 2 for bad input (arguments, a file that is not a log, a
log from a newer version, a refusal) and for internal errors; as for any program, 130 after Ctrl+C and 141
when the reader of its output goes away (`… | head`). Every error is one line on standard error
starting "stls-desk: error:", never a usage dump or a traceback (set STLS_DESK_DEBUG=1 to see the traceback
of an internal error).

While the app has a log open: the window holds the lock file LOG.lock. Commands that only read the log
(`check`, `export …`) do not take the lock and work alongside the window: the log uses SQLite's write-ahead
journal, so a reader never waits for the window or disturbs it. Commands that would write to an existing log
(`import`, `restore`) refuse while the lock is held, naming it (`common.refuse_if_open`), so two programs
never edit one log at once. `demo PATH` writes only a new file and refuses any file already there.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from stls_desk import __version__
from stls_desk.cli.common import EXIT_BAD_INPUT, PROG, ArgumentParser, CommandError, UsageError

# One line per module: each defines register(subparsers) and/or register_export(export_subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "stls_desk.cli.commands_log",
    "stls_desk.cli.commands_calendar",
    "stls_desk.cli.commands_records",
    "stls_desk.cli.commands_pack",
    "stls_desk.cli.commands_encryption",
)  # fmt: skip

DEBUG_ENV = "STLS_DESK_DEBUG"
LOG_SUFFIX = ".stlslog"
EXIT_BROKEN_PIPE = 141  # what the shell reports for a writer stopped by SIGPIPE, as `yes | head -1` is


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in COMMAND_MODULES]


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog=PROG,
        description="STLS Desk: a negotiation log for trade-union reps. With no command, opens the app on "
        "your own log.",
        epilog="Commands that only read a log (check, export) work while the app has it open; commands that "
        "would write to it refuse until the window is closed.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a fresh demo log (your own log is not touched)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    modules = _modules()
    for module in modules:
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    exporters = [m.register_export for m in modules if hasattr(m, "register_export")]
    if exporters:
        export = subparsers.add_parser(
            "export",
            help="write a log's contents to another format",
            description="Export a dispute from a log.",
        )
        formats = export.add_subparsers(dest="format", metavar="FORMAT", title="formats", required=True)
        for register_export in exporters:
            register_export(formats)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (never raise, never print a traceback)."""
    try:
        code = _main(argv)
        sys.stdout.flush()  # a reader that went away shows up here, not as noise at interpreter exit
        return code
    except CommandError as exc:
        return _error(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return _error("interrupted.", 130)
    except BrokenPipeError:
        # The reader went away (`stls-desk check LOG | head -1`): say nothing more to it, even at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        expected = _expected_message(exc)
        if expected is not None:
            return _error(expected, EXIT_BAD_INPUT)
        return _error(
            f"internal error ({type(exc).__name__}: {exc}). This is a bug in STLS Desk {__version__}; please "
            f"report it with the command you ran (run it again with {DEBUG_ENV}=1 for the details).",
            EXIT_BAD_INPUT,
        )


def _main(argv: list[str] | None) -> int:
    from stls_desk.cli import gui

    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    log_to_open = _bare_log_path(argv, parser)
    if log_to_open is not None:
        return gui.open_from_file_manager(log_to_open)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version print and exit 0; nothing else exits from argparse
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        return gui.open_demo() if args.demo else gui.open_user_log()
    if args.demo:
        raise UsageError(f"--demo opens the app on a demo log; it cannot be combined with '{args.command}'")
    run = getattr(args, "run", None)
    if run is None:  # a command group such as `export` needs a subcommand; argparse insists on it
        raise UsageError(f"'{args.command}' needs a subcommand")
    return int(run(args))


def _bare_log_path(argv: list[str], parser: ArgumentParser) -> Path | None:
    """`stls-desk LOG`, as a desktop entry (`Exec=stls-desk %f`) or a file manager's "Open with" runs it.

    Taken as a path only when it is not a command and names an existing file or a .stlslog; anything else
    goes to argparse, so a mistyped command still gets argparse's "invalid choice" error.
    """
    if len(argv) != 1 or argv[0].startswith("-") or argv[0] in _command_names(parser):
        return None
    path = Path(argv[0]).expanduser()
    return path if path.suffix == LOG_SUFFIX or path.is_file() else None


def _command_names(parser: ArgumentParser) -> set[str]:
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def _expected_message(exc: Exception) -> str | None:
    """The one-line message for errors a user can cause and fix (not bugs), or None for a bug."""
    from stls_desk.db.header import LogError
    from stls_desk.services.core import ServiceError

    if isinstance(exc, LogError | ServiceError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}."
    from sqlalchemy.exc import DBAPIError

    from stls_desk.db import driver

    if isinstance(exc, driver.Error | DBAPIError):
        cause = exc.orig if isinstance(exc, DBAPIError) else exc
        return f"the log could not be read or written ({cause}); run '{PROG} check LOG' to check it."
    return None


def _error(message: str, exit_code: int) -> int:
    """Print one line, whatever the message holds (newlines from an exception's text included)."""
    line = " ".join(message.split())
    print(f"{PROG}: error: {line}", file=sys.stderr)
    return exit_code
