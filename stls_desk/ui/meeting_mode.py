"""View ▸ Meeting mode (F11): the dispute on a projector, one issue a page; File ▸ Print meeting handout….

The pages come from services.meeting_deck, already redacted by the members' briefing pack's own redaction,
so nothing here decides what a member may see. The window is full screen on the screen the main window is
on, read-only, and driven from the keyboard or a presentation clicker: Right, Down, Page Down, Space and
Enter go forward; Left, Up, Page Up and Backspace go back; Home and End jump to the first and last page;
B or . blanks the screen (as clickers' "blank" button asks) and any key brings it back; Esc leaves.

The handout prints the same pages, one to a landscape page, through the print dialog (which also offers
"Print to file" as PDF); a handout may use smaller type than the projector before anything is cut.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from stls_desk.export.pack import Audience
from stls_desk.services import briefing
from stls_desk.services.core import ServiceError
from stls_desk.services.meeting_deck import MeetingDeck, meeting_pages
from stls_desk.ui import encryption, messages, settings
from stls_desk.ui.meeting_mode_pages import BACKGROUND, PRINT_MIN_BODY_POINTS, Slide
from stls_desk.ui.slide_text import PAPER

if TYPE_CHECKING:
    from stls_desk.ui.main_window import MainWindow

SLIDE_WIDTH = 1920.0
"""The handout's pages are laid out this wide (as a 1920×1080 slide), scaled to the paper."""

_FORWARD = {
    Qt.Key.Key_Right,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_N,
}
_BACK = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P}
_BLANK = {Qt.Key.Key_B, Qt.Key.Key_Period}


class MeetingModeWindow(QWidget):
    """The pages of a meeting deck, one at a time, filling the window."""

    page_changed = Signal(int)
    left = Signal()
    """The rep pressed Esc (or closed the window)."""

    def __init__(self, deck: MeetingDeck, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.deck = deck
        self.index = 0
        self.blank = False
        self._slide: Slide | None = None
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("meetingMode")
        self.setWindowTitle(self.tr("Meeting mode — %1").replace("%1", self.deck.dispute))
        self.setAccessibleName(self.tr("Meeting mode"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setMinimumSize(640, 360)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), BACKGROUND)
        self.setPalette(palette)

    # -- pages --

    @property
    def page_count(self) -> int:
        return len(self.deck.pages)

    def counter(self) -> str:
        return f"{self.index + 1} / {self.page_count}"

    def go_to(self, index: int) -> None:
        index = max(0, min(self.page_count - 1, index))
        self.blank = False
        if index != self.index or self._slide is None:
            self.index = index
            self._slide = None
            self.page_changed.emit(index)
        self.update()

    def slide(self) -> Slide:
        """The current page laid out for the window's size."""
        if self._slide is None or (self._slide.width, self._slide.height) != (self.width(), self.height()):
            self._slide = Slide(
                self.deck.pages[self.index],
                self.width(),
                self.height(),
                dpi=self.logicalDpiY(),
                counter=self.counter(),
                footer=self.deck.dispute,
            )
            self.setAccessibleDescription(self._slide.shown_text())
        return self._slide

    def shown_text(self) -> str:
        """What the current page shows, as text."""
        return "" if self.blank else self.slide().shown_text()

    # -- events --

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.blank:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
        else:
            self.slide().paint(painter)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._slide = None
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape:
            self.close()
        elif self.blank:
            self.blank = False
            self.update()
        elif key in _FORWARD:
            self.go_to(self.index + 1)
        elif key in _BACK:
            self.go_to(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(self.page_count - 1)
        elif key in _BLANK:
            self.blank = True
            self.update()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.go_to(self.index + 1)
        elif event.button() == Qt.MouseButton.RightButton:
            self.go_to(self.index - 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.left.emit()
        super().closeEvent(event)


def print_deck(deck: MeetingDeck, printer: QPrinter) -> int:
    """Paint every page of `deck` on its own page, dark on white; the number of pages printed.

    Each page is laid out 1920 units wide and as tall as the paper's proportion makes it, with the type of a
    1920×1080 slide (which may shrink further on paper before anything is cut), then scaled to the page.
    """
    painter = QPainter()
    if not painter.begin(printer):
        raise ServiceError("The printer could not be started. Check it is connected, or print to a file.")
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        height = SLIDE_WIDTH * area.height() / max(1, area.width())
        scale = area.width() / SLIDE_WIDTH
        for n, page in enumerate(deck.pages):
            if n:
                printer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.setClipRect(QRectF(0, 0, SLIDE_WIDTH, height))
            Slide(
                page,
                SLIDE_WIDTH,
                height,
                counter=f"{n + 1} / {len(deck.pages)}",
                footer=deck.dispute,
                min_body_points=PRINT_MIN_BODY_POINTS,
                colours=PAPER,
                scale=1.0,
            ).paint(painter)
            painter.restore()
    finally:
        painter.end()
    return len(deck.pages)


def handout_printer(target: Path) -> QPrinter:
    """A printer set up for the handout: A4 landscape, small margins, printing to `target` as PDF unless
    the rep picks a real printer in the dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(8, 8, 8, 8),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setDocName(target.stem)
    return printer


def ask_printer(parent: QWidget, target: Path) -> QPrinter | None:
    """The print dialog, offering `target` as the PDF to print to; None if the rep cancels."""
    printer = handout_printer(target)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Print meeting handout"))
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


class MeetingMode(QObject):
    """The two actions, and the meeting-mode window while it is open."""

    def __init__(self, window: MainWindow, today: Callable[[], date]) -> None:
        super().__init__(window)
        self._window = window
        self._today = today
        self.screen_window: MeetingModeWindow | None = None
        self.action = QAction(self.tr("&Meeting mode"), window)
        self.action.setObjectName("meetingModeAction")
        self.action.setShortcut(QKeySequence("F11"))
        self.action.setStatusTip(self.tr("Show each issue full screen, for a members' meeting; Esc leaves"))
        window.addAction(self.action)
        window.menus.view.insertAction(window.window_actions.reload, self.action)
        self.print_action = QAction(self.tr("&Print meeting handout…"), window)
        self.print_action.setObjectName("printHandoutAction")
        self.print_action.setStatusTip(
            self.tr("Print meeting mode's pages, or save them as a PDF, for members")
        )
        window.addAction(self.print_action)
        window.menus.file.insertAction(self._after_export_pack(window), self.print_action)
        self.action.triggered.connect(self._on_action_triggered)
        self.print_action.triggered.connect(self._on_print_action_triggered)

    @staticmethod
    def _after_export_pack(window: MainWindow) -> QAction:
        """Where the handout goes in the File menu: just after Export briefing pack…, else before Quit."""
        actions = window.menus.file.actions()
        export = getattr(getattr(window, "pack_export", None), "action", None)
        if export in actions and actions.index(export) + 1 < len(actions):
            return actions[actions.index(export) + 1]
        return window.window_actions.quit

    def _deck(self) -> MeetingDeck | None:
        dispute_id = self._window.dispute_selector.current_dispute_id()
        if dispute_id is None:
            self._window.statusBar().showMessage(self.tr("Choose a dispute first."), 5000)
            return None
        try:
            return meeting_pages(self._window.log, dispute_id, self._today())
        except ServiceError as exc:
            messages.show_error(self._window, self.tr("Meeting mode"), str(exc))
            return None

    def open(self) -> MeetingModeWindow | None:
        """Show the pages full screen on the main window's screen."""
        if self.screen_window is not None:
            self.screen_window.activateWindow()
            return self.screen_window
        deck = self._deck()
        if deck is None:
            return None
        shown = MeetingModeWindow(deck, self._window)
        shown.left.connect(self._on_screen_window_left)
        shown.setScreen(self._window.screen())
        shown.setGeometry(self._window.screen().geometry())
        shown.showFullScreen()
        shown.activateWindow()
        shown.setFocus()
        self.screen_window = shown
        return shown

    def print_handout(self) -> Path | None:
        """Ask for a printer (or a PDF file) and print every page; the PDF written, if it was one."""
        deck = self._deck()
        if deck is None:
            return None
        dispute_id = self._window.dispute_selector.current_dispute_id()
        assert dispute_id is not None
        folder = Path(settings.EXPORT_FOLDER.read() or Path.home())
        name = briefing.default_file_name(self._window.log, dispute_id, Audience.MEMBERS, deck.today)
        printer = ask_printer(self._window, folder / name.replace("-members-pack-", "-meeting-handout-"))
        if printer is None or not encryption.confirm_leaving_protection(self._window, self.tr("the handout")):
            return None
        try:
            pages = print_deck(deck, printer)
        except ServiceError as exc:
            messages.show_error(self._window, self.tr("Cannot print the handout"), str(exc))
            return None
        written = printer.outputFileName()
        where = Path(written).name if written else printer.printerName()
        if written:
            settings.EXPORT_FOLDER.write(str(Path(written).parent))
        self._window.statusBar().showMessage(
            self.tr("Sent %1 pages to %2.").replace("%1", str(pages)).replace("%2", where), 5000
        )
        return Path(written) if written else None

    @Slot()
    def _on_action_triggered(self) -> None:
        self.open()

    @Slot()
    def _on_print_action_triggered(self) -> None:
        self.print_handout()

    @Slot()
    def _on_screen_window_left(self) -> None:
        self.screen_window = None
        self._window.activateWindow()
        self._window.statusBar().showMessage(self.tr("Left meeting mode."), 5000)


def install(window: MainWindow, today: Callable[[], date]) -> MeetingMode:
    return MeetingMode(window, today)
