"""The composition root: the Qt application, its settings, the log, the main window.

`run(log_path, create=…)` is what the command line calls to open the window. It shows the window's frame
(menus, toolbar, tab bar: Qt alone) before it opens the log or imports anything that reads it, so a rep
sees the program at once; once the frame is painted it opens the log, builds the tab in view and fills
it, and on the next turn of the event loop adds the commands of their own modules (search, backups, export,
meeting mode, history). The other tabs are built when the rep first goes to them. The damage check of a
big log (about a second) runs in the background meanwhile: a damaged log refuses every write, and the rep
is told and offered the newest good backup as soon as the check has finished.

For start-up benchmarks, STLS_DESK_QUIT_AFTER=painted quits once the window is first painted and
STLS_DESK_QUIT_AFTER=overview once the overview is filled (`MainWindow.filled`); each prints its time since
`run` to stderr.
"""

from __future__ import annotations

import builtins
import gc
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from stls_desk import APP_NAME, ORGANISATION, __version__
from stls_desk.ui import messages, settings
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.resources import app_icon

if TYPE_CHECKING:
    from stls_desk.db.driver import LogKey
    from stls_desk.db.log import Log

QUIT_AFTER = "STLS_DESK_QUIT_AFTER"
DESKTOP_NAME = "stls-desk"
"""The desktop entry's name (stls-desk.desktop) and the X11 window class it expects (StartupWMClass)."""
EXIT_CANNOT_OPEN = 2
FILL_ANYWAY_MS = 500
DAMAGE_POLL_MS = 200
DEFER_CHECK_ABOVE_BYTES = 64 * 1024 * 1024

log = logging.getLogger("stls_desk")


def application() -> QApplication:
    """The QApplication (made once), named so QSettings finds this program's settings."""
    app = QApplication.instance()
    if app is None:
        # X11 names the window's class after argv[0]; "stls-desk" however the program was started (python -m
        # included), so the desktop entry's StartupWMClass finds the window and the dock shows its icon.
        app = QApplication([DESKTOP_NAME])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_NAME)  # resources/stls-desk.desktop: links the window to its entry
    app.setWindowIcon(app_icon())
    return app


def run(log_path: Path, *, create: bool, key: LogKey | None = None) -> int:
    """Open the log at log_path in the main window and run until it closes; the exit code.

    Returns 2, after saying why in a message box, when the log cannot be opened. A damaged log is
    explained and its newest good backup offered: restored and opened if the rep agrees, else 2. An
    encrypted log opens with key, or else with the passphrase the rep is asked for (cancelling: 2).
    """
    started = time.perf_counter()
    gc.disable()  # until the window is filled: see _settle_memory
    _drop_pyside_import_hook()
    app = application()
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook
    failed: list[int] = []
    try:
        window = MainWindow()
        window.show_opening(log_path)

        def open_and_fill() -> None:
            try:
                opened = _open(window, log_path, create, key)
                if opened is None:
                    failed.append(EXIT_CANNOT_OPEN)
                    window.close()
                    return
                window.attach(opened)
                window.load(features_later=True)  # the Overview first; search, export and the rest after
                _watch_damage_check(window)
            finally:
                _settle_memory()
                # With the commands, once the Overview is filled: an error before then still shows its
                # message box with the details, and goes to stderr.
                QTimer.singleShot(0, _log_to_file)

        _fill_once_painted(window, open_and_fill)
        _quit_when_asked(app, window, os.environ.get(QUIT_AFTER, ""), started)
        window.show()
        code = app.exec()
        window.close_log()  # closed already when the window closed; harmless twice
        # Closing the last window posts a Quit event; if exec() ended first, that event would end the
        # next event loop on this thread (a second run(), a test) the moment it starts.
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
        return failed[0] if failed else code
    finally:
        gc.enable()  # should the window have closed before it was filled
        sys.excepthook = previous_hook


def _drop_pyside_import_hook() -> None:
    """Give Python its own `import` back from PySide6's wrapper, before the log's modules are imported.

    PySide6 wraps `builtins.__import__` so that `from __feature__ import snake_case` works, and the wrapper
    reads the source file of every module imported after Qt to see whether it names PySide6 (PYSIDE-2029):
    about 0.1 s of start-up for SQLAlchemy's modules and ours, all imported once the window shows. STLS Desk
    uses no __feature__. Nothing changes if PySide6 put no such wrapper in place.
    """
    wrapper = getattr(builtins, "__feature_import__", None)
    original = getattr(builtins, "__orig_import__", None)
    if wrapper is not None and original is not None and builtins.__import__ is wrapper:
        builtins.__import__ = original


def _settle_memory() -> None:
    """Start collecting garbage again, leaving out everything made so far.

    Start-up builds hundreds of thousands of objects that live as long as the program (the modules, the
    database layer's tables and mappers, Qt's wrappers) and little garbage, so the collector is off until
    the window is filled (its passes took about 0.1 s of a big log's start-up) and those objects are then
    frozen out of it: no later full collection walks them again, nor the one at exit.
    """
    gc.freeze()
    gc.enable()


def _open(window: MainWindow, log_path: Path, create: bool, key: LogKey | None) -> Log | None:
    """The log, opened with its damage check in the background; None after telling the rep why not."""
    from stls_desk.db.log import LogError
    from stls_desk.ui import encryption

    # The damage check reads the whole file (about 2.5 ms a megabyte): a small log is checked before the
    # window fills, a big one in the background while the rep reads it (writes wait for the verdict).
    try:
        size = log_path.stat().st_size
    except OSError:
        size = 0
    check: Literal["now", "deferred"] = "deferred" if size > DEFER_CHECK_ABOVE_BYTES else "now"
    try:
        return encryption.open_asking(
            window,
            log_path,
            key=key,
            decline_text=_tr("Quit"),
            create=create,
            actor=settings.rep_name(),
            check=check,
        )
    except LogError as exc:
        messages.show_error(window, _tr("Cannot open the log"), str(exc))
        return None


def _watch_damage_check(window: MainWindow) -> None:
    """When the background damage check finds the log damaged, say so and offer the newest good backup.

    Until then writes wait for the check, and a damaged log refuses them, so nothing is ever written to it.
    """
    from stls_desk.db.log import DamagedLogError

    timer = QTimer(window)

    def poll() -> None:
        if not window.attached:  # the window let go of the log (locked it): its check no longer matters
            timer.stop()
            return
        log = window.log
        if not log.check_finished():
            return
        timer.stop()
        damage = log.damage()
        if not isinstance(damage, DamagedLogError):
            return
        from stls_desk.ui.dialogs import restore  # only now: a damaged log is rare

        key = log.key.copy() if log.key is not None else None
        log.close()  # the restore replaces the file, which the window's lock would refuse
        recovered = restore.recover(window, damage, log.actor, decline_text=_tr("Quit"), key=key)
        if recovered is None:
            window.close()
        else:
            window.switch_log(recovered)

    timer.timeout.connect(poll)
    timer.start(DAMAGE_POLL_MS)


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def _log_to_file() -> None:
    """Unexpected errors go to a log file in the user's state folder, unless logging is set up already."""
    root = logging.getLogger()
    if root.handlers:
        return
    try:
        from logging.handlers import RotatingFileHandler

        from platformdirs import user_log_path

        folder = user_log_path(APP_NAME, appauthor=False, ensure_exists=True)
        handler: logging.Handler = RotatingFileHandler(
            folder / "stls-desk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return  # nowhere to write: the message box still shows the error
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


_showing_error = False


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An error no code expected: log it and tell the rep in a message box, never a bare traceback."""
    global _showing_error
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("Unexpected error", exc_info=(exc_type, exc, tb))
    if _showing_error:  # an error while the box is up: logged, not stacked
        return
    _showing_error = True
    try:
        messages.show_error(
            QApplication.activeWindow(),
            _tr("Unexpected error"),
            _tr(
                "STLS Desk met a problem it did not expect: %1\n\nEvery change made before this was saved. "
                "If it happens again, please report it with the details below."
            ).replace("%1", str(exc) or exc_type.__name__),
            "".join(traceback.format_exception(exc_type, exc, tb)),
        )
    finally:
        _showing_error = False


class _FirstPaint(QObject):
    """Calls back on the turn of the event loop after the watched widget is first painted.

    Event filters run last-installed first, so of two watchers the later one's callback runs first.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def _fill_once_painted(window: MainWindow, open_and_fill: Callable[[], None]) -> None:
    """Fill the window on the turn of the event loop after its first paint, so the rep sees it at once.

    A zero timer set at show() is not enough: under X11 it fires before the window is first exposed,
    and the window appeared only after the overview was read (about 250 ms on a 100,000-grievance log).
    Should no paint come (a window started minimised), the fill runs anyway after FILL_ANYWAY_MS.
    """
    filled = False

    def fill() -> None:
        nonlocal filled
        if not filled and window.isVisible():  # not once closed (quit as soon as painted)
            filled = True
            open_and_fill()

    _FirstPaint(window, fill)
    QTimer.singleShot(FILL_ANYWAY_MS, fill)


def _quit_when_asked(app: QApplication, window: MainWindow, when: str, started: float) -> None:
    def finish(what: str) -> None:
        print(f"STLS Desk {what} after {(time.perf_counter() - started) * 1000:.0f} ms", file=sys.stderr)
        window.close()
        app.quit()

    if when == "painted":
        _FirstPaint(window, lambda: finish("painted"))
    elif when == "overview":
        window.filled.connect(lambda: QTimer.singleShot(0, lambda: finish("filled the overview")))
