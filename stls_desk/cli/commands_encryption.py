"""Encryption commands: `encrypt LOG`, `change-passphrase LOG` and `decrypt LOG`.

Passphrases come from files (`--passphrase-file`, `--new-passphrase-file`) or from the terminal without echo,
a new one asked twice; never from an argument or an environment variable, which other programs on the
machine can read. Each command refuses while the app has the log open (the conversion takes its lock).
The conversion itself is `db.encryption`: a verified copy first, then the old file overwritten.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from stls_desk.cli.common import (
    EXIT_OK,
    PROG,
    CommandError,
    add_log_argument,
    ask_passphrase,
    key_for,
    read_passphrase_file,
    refuse_if_open,
)

if TYPE_CHECKING:
    from stls_desk.db.encryption import Conversion

BACKUPS_HELP = "the backups folder whose backups of LOG are converted too (default: your backups folder)"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `encrypt`, `change-passphrase` and `decrypt`."""
    p = subparsers.add_parser(
        "encrypt",
        help="encrypt a log (and its backups) with a passphrase",
        description="Encrypt the log LOG with a new passphrase, in place: a checked, encrypted copy is made "
        "first, then the plain file is overwritten and removed. Its backups are encrypted too. A forgotten "
        "passphrase cannot be recovered: without it the log cannot be read by anyone, you included.",
    )
    p.add_argument("log", metavar="LOG", type=Path, help="the plain log file to encrypt")
    p.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        help="a file whose first line is the new passphrase (without it, you are asked for it twice)",
    )
    p.add_argument("--backups", metavar="DIR", type=Path, help=BACKUPS_HELP)
    p.set_defaults(run=_run_encrypt)

    p = subparsers.add_parser(
        "change-passphrase",
        help="give an encrypted log (and its backups) a new passphrase",
        description="Re-encrypt the log LOG and its backups with a new passphrase; the old one opens none "
        "of them afterwards.",
    )
    add_log_argument(p, "the encrypted log file")
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        type=Path,
        help="a file whose first line is the new passphrase (without it, you are asked for it twice)",
    )
    p.add_argument("--backups", metavar="DIR", type=Path, help=BACKUPS_HELP)
    p.set_defaults(run=_run_change)

    p = subparsers.add_parser(
        "decrypt",
        help="remove a log's encryption (and its backups')",
        description="Remove the encryption of the log LOG and its backups: anyone who has the file can "
        "then read it. Asks for the passphrase as the proof that you may.",
    )
    add_log_argument(p, "the encrypted log file")
    p.add_argument("--backups", metavar="DIR", type=Path, help=BACKUPS_HELP)
    p.set_defaults(run=_run_decrypt)


def _new_passphrase(passphrase_file: Path | None) -> str:
    """A new passphrase, from the file or typed twice; refused if it is too short to protect anything."""
    from stls_desk.db.encryption import passphrase_problem

    typed = passphrase_file is None
    passphrase = (
        read_passphrase_file(passphrase_file) if passphrase_file else ask_passphrase("New passphrase: ")
    )
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise CommandError(f"{problem} Nothing was changed.")
    if typed and ask_passphrase("The new passphrase again: ") != passphrase:
        raise CommandError("The two passphrases differ; nothing was changed. Run the command again.")
    return passphrase


def _log_path(args: argparse.Namespace, doing: str) -> Path:
    path: Path = args.log.expanduser()
    if not path.is_file():
        raise CommandError(f"There is no log at {path}. Check the path.")
    refuse_if_open(path, f"{doing} {path.name}")
    return path


def _backups(args: argparse.Namespace) -> Path | None:
    return args.backups.expanduser() if args.backups else None


def _run_encrypt(args: argparse.Namespace) -> int:
    from stls_desk.db.driver import LogKey
    from stls_desk.db.encryption import encrypt_log
    from stls_desk.db.header import read_file_facts

    path = _log_path(args, "encrypt")
    if read_file_facts(path).encrypted:
        raise CommandError(
            f"{path.name} is already encrypted; to give it a new passphrase, use change-passphrase."
        )
    key = LogKey.for_new_file(_new_passphrase(args.passphrase_file))
    _report(encrypt_log(path, key, _backups(args)), "Encrypted")
    print("Keep the passphrase safe: if it is forgotten, nobody can read the log again, you included.")
    return EXIT_OK


def _run_change(args: argparse.Namespace) -> int:
    from stls_desk.db.driver import LogKey
    from stls_desk.db.encryption import change_key

    path = _log_path(args, "change the passphrase of")
    old = key_for(path, args.passphrase_file)
    if old is None:
        raise CommandError(f"{path.name} is not encrypted; encrypt it with '{PROG} encrypt'.")
    new = LogKey.for_new_file(_new_passphrase(args.new_passphrase_file))
    _report(change_key(path, old, new, _backups(args)), "Re-encrypted")
    return EXIT_OK


def _run_decrypt(args: argparse.Namespace) -> int:
    from stls_desk.db.encryption import decrypt_log

    path = _log_path(args, "decrypt")
    key = key_for(path, args.passphrase_file)
    if key is None:
        raise CommandError(f"{path.name} is not encrypted.")
    _report(decrypt_log(path, key, _backups(args)), "Decrypted")
    print("Anyone who has the file can now read it.")
    return EXIT_OK


def _report(done: Conversion, verb: str) -> None:
    plural = "backup" if done.backups_converted == 1 else "backups"
    print(f"{verb} {done.path} and {done.backups_converted} {plural}, each checked before the old file went.")
    for left in done.backups_left:
        print(f"Left as it was (its passphrase is not this log's): {left}")
