"""The files attached to a grievance, a proposal or a meeting: add (button or drag and drop), open in the
system's viewer, save a copy, remove.

    attachments = AttachmentsList("meeting", parent)
    attachments.set_operations(window.operations)   # where adds and removals go; reads use its log
    attachments.set_owner_id(meeting_id)           # None: nothing to attach to, buttons disabled
    attachments.refresh()                          # after the log changed (e.g. an undo)

Adding and removing go through Operations, so they are audited and undoable. Opening writes the file to a
private temporary folder (readable only by this user, deleted when the app quits) and asks the desktop to
open it; the copy is read-only, so no one edits it thinking the log changes.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeDatabase, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stls_desk.services import attachments
from stls_desk.services.attachments import AttachmentRow
from stls_desk.ui import format as fmt
from stls_desk.ui import messages
from stls_desk.ui.editors.fields import plain_tooltip
from stls_desk.ui.operations import Operations

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""On a line: the AttachmentRow."""

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
_open_folder: Path | None = None


def size_text(size: int) -> str:
    """'812 bytes', '14 KB', '2.4 MB'."""
    if size < 1024:
        return QCoreApplication.translate("attachments", "%1 bytes").replace("%1", fmt.count(size))
    if size < 1024 * 1024:
        return f"{round(size / 1024):,} KB"
    return f"{size / (1024 * 1024):,.1f} MB"


def _private_folder() -> Path:
    """This run's folder for opened files: mode 700, removed at exit."""
    global _open_folder
    if _open_folder is None or not _open_folder.is_dir():
        _open_folder = Path(tempfile.mkdtemp(prefix="stls-desk-open-"))
        atexit.register(shutil.rmtree, _open_folder, True)
    return _open_folder


def write_for_viewer(attachment: AttachmentRow, data: bytes) -> Path:
    """The file, under its own name, in a folder of its own inside the private folder; read-only."""
    folder = _private_folder() / str(attachment.id)
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / (_UNSAFE.sub("_", attachment.name).strip(". ") or "attachment")
    if path.exists():
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    path.write_bytes(data)
    path.chmod(stat.S_IRUSR)
    return path


def open_url(url: QUrl) -> bool:
    """Ask the desktop to open a file (tests replace this)."""
    return QDesktopServices.openUrl(url)


def ask_files(parent: QWidget | None) -> list[Path]:
    """The files the rep chose to attach (none if they cancelled)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("attachments", "Attach files"), str(Path.home())
    )
    return [Path(n) for n in names]


def ask_save_path(parent: QWidget | None, name: str) -> Path | None:
    """Where to save a copy of an attachment, or None if the rep cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("attachments", "Save a copy"), str(Path.home() / name)
    )
    return Path(path) if path else None


class _DropList(QListWidget):
    """The list itself: takes files dropped on it, and Delete to remove the current file."""

    files_dropped = Signal(list)
    """A list of Paths dropped onto the list."""
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    @staticmethod
    def _paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).is_file()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.currentItem() is not None
        ):
            event.accept()  # Delete here removes a file, not the record the window's Delete… would
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.currentItem() is not None:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class AttachmentsList(QWidget):
    """The files of one grievance, proposal or meeting (`owner` names the kind)."""

    def __init__(self, owner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        self.owner_id: int | None = None
        self.operations: Operations | None = None
        self._mimes = QMimeDatabase()
        self._setup_ui()
        self._connect_signals()
        self._update_buttons()

    def _setup_ui(self) -> None:
        self.setObjectName(f"{self.owner}Attachments")
        self.list = _DropList(self)
        self.list.setObjectName(f"{self.owner}AttachmentList")
        self.list.setAccessibleName(self.tr("Attachments"))
        self.list.setToolTip(self.tr("Drop files here to attach them"))
        self.list.setFixedHeight(self.list.fontMetrics().height() * 3 + 16)
        self.add_button = self._button(
            "attachAdd", self.tr("Add…"), self.tr("Attach files from this computer")
        )
        self.open_button = self._button("attachOpen", self.tr("Open"), self.tr("Open in the system's viewer"))
        self.save_button = self._button(
            "attachSave", self.tr("Save copy…"), self.tr("Save a copy of the file")
        )
        self.remove_button = self._button("attachRemove", self.tr("Remove…"), self.tr("Remove from the log"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"{self.owner}{name[0].upper()}{name[1:]}")
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.list.files_dropped.connect(self._on_list_files_dropped)
        self.list.delete_pressed.connect(self._on_remove_button_clicked)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)

    # -- the interface --

    def set_operations(self, operations: Operations) -> None:
        self.operations = operations

    def set_owner_id(self, owner_id: int | None) -> None:
        """Show the files of this grievance (proposal, meeting); None shows none and disables adding."""
        self.owner_id = owner_id
        self.refresh()

    def refresh(self) -> None:
        """Read the owner's files again."""
        current = self.current()
        self.list.clear()
        rows: list[AttachmentRow] = []
        if self.owner_id is not None and self.operations is not None:
            rows = attachments.list_attachments(self.operations.log, self.owner, self.owner_id)
        for row in rows:
            item = QListWidgetItem(f"{row.name}  ({size_text(row.size)})")
            item.setData(ROW_ROLE, row)
            item.setIcon(QIcon.fromTheme(self._mimes.mimeTypeForName(row.media_type).iconName()))
            item.setToolTip(
                plain_tooltip(
                    self.tr("%1\n%2, %3\nAdded %4\nSHA-256 %5")
                    .replace("%1", row.name)
                    .replace("%2", row.media_type)
                    .replace("%3", size_text(row.size))
                    .replace("%4", fmt.day_and_time(row.added_at))
                    .replace("%5", row.sha256)
                )
            )
            self.list.addItem(item)
            if current is not None and row.id == current.id:
                self.list.setCurrentItem(item)
        if not rows and self.owner_id is not None:
            item = QListWidgetItem(self.tr("No files. Drop files here or use Add…"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self._update_buttons()

    def rows(self) -> list[AttachmentRow]:
        return [r for n in range(self.list.count()) if (r := self.list.item(n).data(ROW_ROLE)) is not None]

    def current(self) -> AttachmentRow | None:
        item = self.list.currentItem()
        row = item.data(ROW_ROLE) if item is not None else None
        return row if isinstance(row, AttachmentRow) else None

    def attach(self, paths: list[Path]) -> int:
        """Attach these files, as one undoable step; the number attached."""
        if self.owner_id is None or self.operations is None or not paths:
            return 0
        too_big = [p for p in paths if p.stat().st_size > attachments.MAX_SIZE]
        for path in too_big:
            messages.show_error(
                self,
                self.tr("Cannot attach %1").replace("%1", path.name),
                self.tr("%1 is %2; files over 200 MB cannot be kept in the log.")
                .replace("%1", path.name)
                .replace("%2", size_text(path.stat().st_size)),
            )
        paths = [p for p in paths if p not in too_big]
        stack = self.operations.stack
        if len(paths) > 1:
            stack.beginMacro(self.tr("Attach %1 files").replace("%1", str(len(paths))))
        try:
            added = 0
            for path in paths:
                outcome = self.operations.create(
                    "attachment", attachments.attach_file, self.owner, self.owner_id, path
                )
                added += outcome is not None
        finally:
            if len(paths) > 1:
                stack.endMacro()
        self.refresh()
        return added

    # -- slots --

    def _update_buttons(self) -> None:
        editable = self.owner_id is not None and self.operations is not None
        chosen = self.current() is not None
        self.add_button.setEnabled(editable)
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)
        self.remove_button.setEnabled(editable and chosen)

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.attach(ask_files(self))

    @Slot(list)
    def _on_list_files_dropped(self, paths: list[Path]) -> None:
        self.attach(paths)

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, _item: QListWidgetItem) -> None:
        self._on_open_button_clicked()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(self, _current: QListWidgetItem, _previous: QListWidgetItem) -> None:
        self._update_buttons()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        row = self.current()
        if row is None or self.operations is None:
            return
        try:
            path = write_for_viewer(row, attachments.attachment_data(self.operations.log, row.id))
        except OSError as exc:
            messages.show_error(
                self, self.tr("Cannot open %1").replace("%1", row.name), str(exc.strerror or exc)
            )
            return
        if not open_url(QUrl.fromLocalFile(os.fspath(path))):
            messages.show_error(
                self,
                self.tr("Cannot open %1").replace("%1", row.name),
                self.tr(
                    "No program on this computer opens %1 files. Save a copy and open it from there."
                ).replace("%1", row.media_type),
            )

    @Slot()
    def _on_save_button_clicked(self) -> None:
        row = self.current()
        if row is None or self.operations is None:
            return
        path = ask_save_path(self, row.name)
        if path is None:
            return
        try:
            path.write_bytes(attachments.attachment_data(self.operations.log, row.id))
        except OSError as exc:
            messages.show_error(
                self, self.tr("Cannot save %1").replace("%1", path.name), str(exc.strerror or exc)
            )
            return
        self.operations.message.emit(
            self.tr("Saved a copy of %1 as %2.").replace("%1", row.name).replace("%2", str(path))
        )

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        row = self.current()
        if row is None or self.operations is None or self.owner_id is None:
            return
        if not messages.confirm(
            self,
            self.tr("Remove attachment"),
            self.tr("Remove %1 (%2) from the log? Edit ▸ Undo puts it back.")
            .replace("%1", row.name)
            .replace("%2", size_text(row.size)),
            self.tr("Remove"),
        ):
            return
        self.operations.delete("attachment", row.id)
        self.refresh()
