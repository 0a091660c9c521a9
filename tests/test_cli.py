"""The command line: real runs for the happy paths, in-process runs for every way it can be told no.

Every error must be one line on stderr starting "stls-desk: error:", exit 2 (1 for a damaged log), and
leave the file it refused exactly as it was. The app itself is never started: `stls_desk.app` is replaced
by a stand-in module that records how it was called.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from stls_desk import __version__
from stls_desk.cli import common, gui, main
from stls_desk.db.log import SCHEMA_VERSION, LogError, open_log
from stls_desk.services import disputes, grievances

ERROR = "stls-desk: error:"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "stls_desk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(ERROR), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def demo_copy(demo_log_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.stlslog"
    shutil.copyfile(demo_log_file, copy)
    return copy


# Real processes -------------------------------------------------------------------------------------------


def test_version(tmp_path: Path) -> None:
    done = run_cli("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"stls-desk {__version__}"


def test_demo_then_check(tmp_path: Path) -> None:
    target = tmp_path / "demo.stlslog"
    made = run_cli("demo", str(target), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert target.is_file() and str(target) in made.stdout

    checked = run_cli("check", str(target), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    for kind in ("integrity check: ok", "grievances", "proposal revisions", "meetings", "audit entries"):
        assert kind in checked.stdout
    assert "The log is sound." in checked.stdout

    again = run_cli("demo", str(target), cwd=tmp_path)
    assert again.returncode == 2
    one_error_line(again.stderr)


def test_headless_commands_never_load_qt(demo_copy: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from stls_desk.cli import main\n"
        f"code = main(['check', {str(demo_copy)!r}])\n"
        "assert 'PySide6' not in sys.modules, 'check loaded Qt'\n"
        "assert main(['--help']) == 0 and 'PySide6' not in sys.modules\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 0, done.stderr


# Errors, in process ---------------------------------------------------------------------------------------


def random_bytes(path: Path) -> Path:
    path.write_bytes(os.urandom(8000))  # not whole pages: an encrypted log is whole pages of noise
    return path


def another_programs_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipe (name TEXT)")
    conn.execute("INSERT INTO recipe VALUES ('bara brith')")
    conn.commit()
    conn.close()
    return path


def newer_log(demo_log_file: Path, path: Path) -> Path:
    shutil.copyfile(demo_log_file, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def bad_files(tmp_path: Path, demo_log_file: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.stlslog"
    empty.write_bytes(b"")
    return {
        "random bytes": random_bytes(tmp_path / "random.stlslog"),
        "another program's database": another_programs_database(tmp_path / "recipes.db"),
        "newer log": newer_log(demo_log_file, tmp_path / "newer.stlslog"),
        "empty file": empty,
    }


NOT_LOGS = ["random bytes", "another program's database", "newer log", "empty file"]


@pytest.mark.parametrize(
    ("command", "kind"),
    # An empty file is not refused by `open`: it is a fine place for the app to make a new log.
    [("check", kind) for kind in NOT_LOGS] + [("open", kind) for kind in NOT_LOGS if kind != "empty file"],
)
def test_a_file_that_is_not_a_log_is_refused_untouched(
    command: str, kind: str, bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad_files[kind]
    before = fingerprint(path)
    assert main([command, str(path)]) == 2
    out, err = capsys.readouterr()
    line = one_error_line(err)
    assert str(path) in line
    assert out == ""
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_the_newer_log_message_names_the_version(
    bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(bad_files["newer log"])]) == 2
    assert "newer STLS Desk" in one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["check"], id="missing LOG"),
        pytest.param(["check", "{tmp}/no-such.stlslog"], id="nonexistent file"),
        pytest.param(["open", "{tmp}/no-such.stlslog"], id="open nonexistent file"),
        pytest.param(["check", "{tmp}"], id="a folder"),
        pytest.param(["frobnicate"], id="unknown subcommand"),
        pytest.param(["--frobnicate"], id="bad option"),
        pytest.param(["check", "--deep", "{tmp}/x.stlslog"], id="bad subcommand option"),
        pytest.param(["check", "{tmp}/a", "{tmp}/b"], id="extra argument"),
        pytest.param(["demo"], id="demo without PATH"),
        pytest.param(["demo", "{tmp}/no-folder/demo.stlslog"], id="demo into a missing folder"),
        pytest.param(["--demo", "check", "{tmp}/x.stlslog"], id="--demo with a command"),
    ],
)
def test_command_line_errors_are_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    out, err = capsys.readouterr()
    one_error_line(err)
    assert out == ""


def test_demo_refuses_an_existing_file(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprint(demo_copy)
    assert main(["demo", str(demo_copy)]) == 2
    assert "already exists" in one_error_line(capsys.readouterr().err)
    assert fingerprint(demo_copy) == before


def damage_page(path: Path, page: int = 3) -> None:
    """Overwrite one whole page in the middle of the file, as a bad sector would; the header stays intact."""
    header = path.read_bytes()[:100]
    with sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))
    assert path.read_bytes()[:100] == header


def test_check_reports_damage_with_exit_1(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damage_page(demo_copy)
    before = fingerprint(demo_copy)
    assert main(["check", str(demo_copy)]) == 1
    out, err = capsys.readouterr()
    assert "damaged" in one_error_line(err)
    assert "DAMAGED" in out and "The log is sound" not in out
    assert fingerprint(demo_copy) == before
    assert not list(
        demo_copy.parent.glob("*.damaged-*")
    )  # checking never keeps copies: that is opening's job


def test_check_works_while_the_app_has_the_log_open(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = open_log(demo_copy, actor="Test Rep")  # holds LOG.lock, as the app's window does
    try:
        (dispute,) = disputes.list_disputes(window)
        grievances.create_grievance(window, dispute.id, "Written while check runs")  # waits in the WAL
        assert main(["check", str(demo_copy)]) == 0
        out, _ = capsys.readouterr()
        assert re.search(r"^\s*grievances\s+11$", out, re.MULTILINE)  # the demo's ten and the one in the WAL
        grievances.create_grievance(window, dispute.id, "The window still writes after check")
    finally:
        window.close()


def test_check_never_upgrades_an_older_log(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    older = max(SCHEMA_VERSION - 1, 0)
    conn = sqlite3.connect(demo_copy)
    conn.execute(f"PRAGMA user_version = {older}")
    conn.commit()
    conn.close()
    before = fingerprint(demo_copy)
    assert main(["check", str(demo_copy)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and f"log format: {older}" in out and "The log is sound." in out
    assert re.search(r"^\s*meetings\s+8$", out, re.MULTILINE)
    assert fingerprint(demo_copy) == before


def test_read_only_commands_open_a_log_beside_the_window(demo_copy: Path, tmp_path: Path) -> None:
    window = open_log(demo_copy, actor="Test Rep")
    try:
        reader = common.open_for_reading(demo_copy)
        try:
            assert [d.title for d in disputes.list_disputes(reader)] == [
                "Specialist Teaching and Learning Service restructure"
            ]
        finally:
            reader.close()
    finally:
        window.close()
    with pytest.raises(LogError, match="There is no log"):
        common.open_for_reading(tmp_path / "missing.stlslog")


def test_writing_commands_refuse_while_the_log_is_open(demo_copy: Path) -> None:
    common.refuse_if_open(demo_copy, f"restore a backup over {demo_copy.name}")  # closed: no objection
    window = open_log(demo_copy, actor="Test Rep")
    try:
        with pytest.raises(common.CommandError, match=r"copy\.stlslog\.lock"):
            common.refuse_if_open(demo_copy, f"restore a backup over {demo_copy.name}")
    finally:
        window.close()
    common.refuse_if_open(demo_copy, f"restore a backup over {demo_copy.name}")


def test_help_says_what_runs_alongside_an_open_window(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "check" in out and "demo" in out and "work while the app has it open" in out


# An internal bug is still one line, with a hint to report it ------------------------------------------------


def test_an_internal_error_is_one_line_asking_for_a_report(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("a bug\nover two lines")

    monkeypatch.setattr("stls_desk.db.health.check_log", broken)
    monkeypatch.delenv("STLS_DESK_DEBUG", raising=False)
    assert main(["check", str(demo_copy)]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "internal error" in line and "ValueError: a bug over two lines" in line and "report" in line

    monkeypatch.setenv("STLS_DESK_DEBUG", "1")
    with pytest.raises(ValueError):
        main(["check", str(demo_copy)])


# Opening the app: a stand-in for stls_desk.app records the call ----------------------------------------------


@pytest.fixture
def app_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Path, bool, bool]]]:
    """Replace stls_desk.app with a module whose run() records (path, create, file existed) and returns 0."""
    calls: list[tuple[Path, bool, bool]] = []

    def run(log_path: Path, *, create: bool, key: object = None) -> int:
        calls.append((log_path, create, log_path.exists()))
        return 0

    fake = types.ModuleType("stls_desk.app")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stls_desk.app", fake)
    yield calls


@pytest.fixture
def user_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "stls-desk" / "log.stlslog"
    monkeypatch.setattr(gui, "user_log_path", lambda: path)
    return path


def test_no_arguments_opens_the_users_log(app_calls: list[tuple[Path, bool, bool]], user_log: Path) -> None:
    assert main([]) == 0
    assert app_calls == [(user_log, True, False)]
    assert user_log.parent.is_dir()  # made on first run, so the app can create the log in it


def test_the_users_log_lives_in_the_platform_data_folder() -> None:
    path = gui.user_log_path()
    assert path.name == "log.stlslog"
    assert "stls-desk" in path.parts


def test_demo_flag_opens_a_fresh_demo_and_never_the_users_log(
    app_calls: list[tuple[Path, bool, bool]], user_log: Path
) -> None:
    assert main(["--demo"]) == 0
    ((path, create, existed),) = app_calls
    assert existed and not create and path != user_log
    assert not user_log.parent.exists()
    assert not path.exists() and not path.parent.exists()  # the temporary folder goes when the window closes


def test_open_passes_the_log_and_the_apps_exit_code(
    app_calls: list[tuple[Path, bool, bool]], demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["open", str(demo_copy)]) == 0
    assert app_calls == [(demo_copy, False, True)]
    monkeypatch.setattr(sys.modules["stls_desk.app"], "run", lambda log_path, *, create, key=None: 3)
    assert main(["open", str(demo_copy)]) == 3


def test_a_bare_log_path_opens_it_as_a_file_manager_would(
    app_calls: list[tuple[Path, bool, bool]],
    demo_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(demo_copy)]) == 0  # Exec=stls-desk %f
    assert app_calls == [(demo_copy, False, True)]
    assert main([str(tmp_path / "missing.stlslog")]) == 2
    assert "There is no log" in one_error_line(capsys.readouterr().err)
    assert main(["chek"]) == 2  # a mistyped command is still a usage error, not a file to open
    assert "invalid choice" in one_error_line(capsys.readouterr().err)
    assert len(app_calls) == 1


def test_an_app_that_cannot_start_is_one_line(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "stls_desk.app", None)  # importing it now raises ImportError
    assert main(["open", str(demo_copy)]) == 2
    assert "Cannot start the app" in one_error_line(capsys.readouterr().err)


# Other developers' commands plug in without editing the registry's code ----------------------------------------


def test_command_modules_add_commands_and_export_formats(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plugin = types.ModuleType("stls_desk_test_plugin")

    def register(subparsers: object) -> None:
        p = subparsers.add_parser("hello", help="say hello")  # type: ignore[attr-defined]
        p.set_defaults(run=lambda args: print("hello") or 0)

    def register_export(formats: object) -> None:
        p = formats.add_parser("txt", help="plain text")  # type: ignore[attr-defined]
        common.add_log_argument(p, "the log")
        p.set_defaults(run=lambda args: print(f"exported {args.log.name}") or 0)

    plugin.register = register  # type: ignore[attr-defined]
    plugin.register_export = register_export  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, plugin.__name__, plugin)
    import stls_desk.cli as cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, plugin.__name__))
    assert main(["hello"]) == 0
    assert main(["export", "txt", "x.stlslog"]) == 0
    assert capsys.readouterr().out == "hello\nexported x.stlslog\n"
    assert main(["export"]) == 2
    one_error_line(capsys.readouterr().err)


def test_without_export_formats_there_is_no_export_command(capsys: pytest.CaptureFixture[str]) -> None:
    import stls_desk.cli as cli

    if any(hasattr(m, "register_export") for m in cli._modules()):
        pytest.skip("export formats are registered")
    assert main(["export"]) == 2
    assert "invalid choice" in one_error_line(capsys.readouterr().err)
