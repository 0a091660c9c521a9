"""File ▸ Export briefing pack… (Ctrl+E): the dialog, a native save dialog, progress with Cancel, then an
offer to open the PDF. The pack is laid out by export.pdf through services.briefing; cancelling leaves no
partial file (the renderer writes to a temporary file and renames it only when complete).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from stls_desk.export.pack import ExportCancelled, PackOptions
from stls_desk.services import briefing, disputes
from stls_desk.services.core import ServiceError
from stls_desk.ui import encryption, messages, settings
from stls_desk.ui.dialogs import export_pack

if TYPE_CHECKING:
    from stls_desk.ui.main_window import MainWindow


def ask_target(parent: QWidget, suggested: Path) -> Path | None:
    """The native save dialog; None if the rep cancels."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("Save briefing pack"), str(suggested), parent.tr("PDF documents (*.pdf)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(path.suffix + ".pdf")


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PackExport(QObject):
    def __init__(self, window: MainWindow, today: Callable[[], date]) -> None:
        super().__init__(window)
        self._window = window
        self._today = today
        self.action = QAction(self.tr("Export &briefing pack…"), window)
        self.action.setObjectName("exportPackAction")
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setStatusTip(self.tr("Write a PDF briefing pack for branch officers or for members"))
        window.addAction(self.action)
        window.menus.file.insertAction(window.window_actions.quit, self.action)
        window.menus.file.insertSeparator(window.window_actions.quit)
        self.action.triggered.connect(self._on_action_triggered)

    @Slot()
    def _on_action_triggered(self) -> None:
        self.export()

    def export(self) -> Path | None:
        """Ask, write, offer to open; the written path, or None if nothing was written."""
        window = self._window
        request = export_pack.ask(
            window, disputes.list_disputes(window.log), window.dispute_selector.current_dispute_id()
        )
        if request is None:
            return None
        today = self._today()
        folder = Path(settings.EXPORT_FOLDER.read() or Path.home())
        name = briefing.default_file_name(window.log, request.dispute_id, request.audience, today)
        target = ask_target(window, folder / name)
        if target is None or not encryption.confirm_leaving_protection(window, target.name):
            return None
        options = PackOptions(
            request.audience,
            request.sections,
            date_from=request.date_from,
            date_to=request.date_to,
            generated_on=today,
            today=today,
        )
        progress = QProgressDialog(
            self.tr("Laying out the briefing pack…"), self.tr("Cancel"), 0, 100, window
        )
        progress.setObjectName("packProgress")
        progress.setWindowTitle(self.tr("Export briefing pack"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def report(done: int, total: int) -> bool:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, max(total, 1)))
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            result = briefing.export_briefing_pack(window.log, request.dispute_id, options, target, report)
        except ExportCancelled:
            window.statusBar().showMessage(self.tr("Export cancelled: no file was written."), 5000)
            return None
        except ServiceError as exc:
            messages.show_error(window, self.tr("Cannot export the briefing pack"), str(exc))
            return None
        finally:
            progress.close()
        settings.EXPORT_FOLDER.write(str(target.parent))
        window.statusBar().showMessage(
            self.tr("Wrote %1 (%2 pages).").replace("%1", target.name).replace("%2", str(result.page_count)),
            5000,
        )
        if messages.confirm(
            window,
            self.tr("Briefing pack written"),
            self.tr("The pack is saved as %1. Open it now?").replace("%1", str(target)),
            self.tr("Open"),
            self.tr("Not now"),
        ):
            open_file(target)
        return target


def install(window: MainWindow, today: Callable[[], date]) -> PackExport:
    return PackExport(window, today)
