"""What every subcommand module shares: exit codes, the error a command raises, and helpers for LOG paths.

Kept apart from `__init__` so a subcommand module can import it without importing the package's registry.
Nothing here imports Qt; SQLAlchemy and the log layer are imported only inside the helpers that need them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from collections.abc import Sequence

    from stls_desk.db.driver import LogKey
    from stls_desk.db.log import Log
    from stls_desk.services.disputes import DisputeRow

PROG = "stls-desk"
EXIT_OK = 0
EXIT_DAMAGED = 1  # `check` found damage
EXIT_BAD_INPUT = 2  # bad arguments, a file that is not a log, a refusal, an unexpected error


class CommandError(Exception):
    """A command cannot do what was asked; the message says why and what to do, in one sentence or two."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class UsageError(CommandError):
    """The command line itself is wrong (argparse's own errors end up here, never as a usage dump)."""

    def __init__(self, message: str, prog: str = PROG) -> None:
        hint = f"{prog} --help"
        super().__init__(f"{message} (see '{hint}')")


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but an error raises UsageError instead of printing usage and exiting, so that `main`
    prints exactly one line; subparsers made from it inherit this."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def add_log_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("log", metavar="LOG", type=Path, help=help_text)
    add_passphrase_option(parser)


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        help="for an encrypted log: a file whose first line is its passphrase (without it, you are asked "
        "for the passphrase, which is not shown as you type)",
    )


def read_passphrase_file(path: Path) -> str:
    """The passphrase in a file: its first line, without the line ending an editor or `echo` adds."""
    path = path.expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"There is no passphrase file at {path}.") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not a text file: put the passphrase in it as text.") from None
    except OSError as exc:
        raise CommandError(f"Cannot read the passphrase file {path}: {exc.strerror or exc}.") from None
    lines = text.splitlines()
    passphrase = lines[0] if lines else ""
    if not passphrase:
        raise CommandError(f"The passphrase file {path} is empty: its first line must be the passphrase.")
    return passphrase


def ask_passphrase(prompt: str, needed_for: str = "") -> str:
    """Ask on the terminal, without echo; refuse when there is no terminal to ask on."""
    import getpass

    if not sys.stdin.isatty():
        why = (
            f"{needed_for} needs a passphrase, and there is no terminal to ask for it on"
            if needed_for
            else ("There is no terminal to ask for the passphrase on")
        )
        raise CommandError(
            f"{why}: give it with --passphrase-file FILE (never on the command line or in an environment "
            "variable, where other programs can read it)."
        )
    return getpass.getpass(prompt)


def key_for(path: Path, passphrase_file: Path | None, *, attempts: int = 3) -> LogKey | None:
    """The key that opens the log (or backup) at path if it is encrypted, else None.

    The passphrase comes from passphrase_file, or is asked for on the terminal without echo (three tries).
    A wrong passphrase is said to be wrong; it is never mistaken for damage.
    """
    from stls_desk.db.header import WrongPassphraseError, read_file_facts
    from stls_desk.db.log import key_if_right

    facts = read_file_facts(path.expanduser())
    if not facts.encrypted:
        return None
    for attempt in range(1 if passphrase_file is not None else attempts):
        if passphrase_file is not None:
            passphrase = read_passphrase_file(passphrase_file)
        else:
            passphrase = ask_passphrase(f"Passphrase for {path.name}: ", f"{path.name} is encrypted: it")
        try:
            return key_if_right(path.expanduser(), passphrase)
        except WrongPassphraseError as wrong:
            if passphrase_file is not None or attempt == attempts - 1:
                raise CommandError(str(wrong)) from None
            print("Wrong passphrase; try again.", file=sys.stderr)
    raise AssertionError("unreachable")  # the loop returns or raises


def lock_is_held(path: Path) -> bool:
    """Whether a window (or a writing command) has the log open: it holds the lock file LOG.lock."""
    from filelock import FileLock, Timeout

    from stls_desk.db.log import lock_path

    lock_file = lock_path(path)
    if not lock_file.exists():
        return False
    probe = FileLock(lock_file, timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return True
    except OSError:
        return False  # cannot even try (read-only folder): nothing of ours can hold it either
    probe.release()
    return False


def refuse_if_open(path: Path, doing: str) -> None:
    """For commands that write to an existing log (import, restore): refuse while a window has it open.

    `doing` completes the sentence "Cannot … while …": e.g. "restore a backup over demo.stlslog".
    """
    from stls_desk.db.log import lock_path

    if lock_is_held(path):
        raise CommandError(
            f"Cannot {doing} while STLS Desk has it open (its lock file {lock_path(path)} is held). "
            "Close the window on that log and try again."
        )


def open_for_reading(path: Path, passphrase_file: Path | None = None) -> Log:
    """Open a log for a read-only command (check, export) alongside any window that has it open.

    Refuses a log that needs upgrading: reading it would mean migrating it, which is a write. Close the log
    with `Log.close()`. An encrypted log is opened with its passphrase (see key_for).
    """
    from stls_desk.db.log import APPLICATION_ID, SCHEMA_VERSION, LogError, open_log, vet_file

    key = key_for(path, passphrase_file)
    facts = vet_file(path, key)
    if not facts.exists:
        raise LogError(f"There is no log at {path}. Check the path.")
    if facts.size == 0 or facts.application_id != APPLICATION_ID:
        raise LogError(f"{path} is empty: it is not an STLS Desk log yet.")
    if facts.user_version < SCHEMA_VERSION:
        raise LogError(
            f"{path} is in an older log format ({facts.user_version}); open it once in STLS Desk to upgrade "
            "it, then run this command again."
        )
    return open_log(path, exclusive=False, key=key)


def warn_if_unprotected(log: Log, target: Path) -> None:
    """An export of an encrypted log is an ordinary file: say so, once the file is written."""
    if log.encrypted:
        print(
            f"Note: {target.name} is not encrypted: it has left the protection of the log's passphrase. "
            "Keep it somewhere safe, and delete it when it is no longer needed.",
            file=sys.stderr,
        )


def _fail(message: str) -> NoReturn:
    raise CommandError(message)


def pick_dispute(disputes: Sequence[DisputeRow], wanted: str | None, path: Path) -> DisputeRow:
    """The dispute `wanted` names, by id or by title (case-insensitive, whole or a unique part); the only
    one when nothing is named. Otherwise fails, listing the disputes to choose from."""
    if not disputes:
        _fail(f"{path} holds no dispute yet, so there is nothing to export.")
    if wanted is None:
        if len(disputes) == 1:
            return disputes[0]
        _fail(f"{path} holds {len(disputes)} disputes; choose one with --dispute: {_listing(disputes)}.")
    text = wanted.strip()
    if text.isdigit():
        by_id = [d for d in disputes if d.id == int(text)]
        if by_id:
            return by_id[0]
    key = text.casefold()
    for matches in (
        [d for d in disputes if d.title.casefold() == key],
        [d for d in disputes if key and key in d.title.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            _fail(f"'{text}' fits {len(matches)} disputes; give its number instead: {_listing(matches)}.")
    _fail(f"No dispute in {path} is called or numbered '{text}'; the disputes are: {_listing(disputes)}.")


def _listing(disputes: Sequence[DisputeRow]) -> str:
    return "; ".join(f"{d.id} '{d.title}'" for d in disputes)
