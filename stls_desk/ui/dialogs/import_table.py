"""File ▸ Import table…: a spreadsheet's rows previewed, its columns matched to fields, then imported.

Nothing is imported from here: the dialog reads the file and checks every row through
`services.table_import.preview_import` (which changes nothing) each time the rep changes the table or how
a column is matched, lists every problem with its line, column and what is wrong, and returns the rep's
choice. The caller runs `apply_import` with it. Import stays disabled while rows have problems, unless
the rep ticks "Skip the bad rows", and always while a column problem (a required column missing, two
columns matched to one field) remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.log import Log
from stls_desk.services.core import ServiceError
from stls_desk.services.table_import import ImportPreview, preview_import
from stls_desk.services.tables import TABLES
from stls_desk.ui import messages
from stls_desk.ui.models.import_preview import SKIPPED, ImportPreviewModel
from stls_desk.ui.models.table import WARNING

IMPORTABLE = tuple(name for name, spec in TABLES.items() if spec.importable)
Mapping = dict[str, str | None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("import_table", text)


@dataclass(frozen=True)
class ImportChoice:
    """What the rep agreed to import: the preview they saw, with their matching of columns."""

    table: str
    preview: ImportPreview
    mapping: Mapping
    skip_bad_rows: bool


def guess_table(path: Path, fallback: str = "grievances") -> str:
    """The table a file's name suggests ('people-2025-02-10.csv' → people), else fallback."""
    name = path.stem.casefold().replace("_", " ").replace("-", " ")
    for table, words in (
        ("action_items", ("action",)),
        ("key_dates", ("key date", "dates")),
        ("people", ("people", "person")),
    ):
        if any(word in name for word in words):
            return table
    return "grievances" if "grievance" in name else fallback


class ImportDialog(QDialog):
    def __init__(
        self, log: Log, dispute_id: int, preview: ImportPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._dispute_id = dispute_id
        self.preview = preview
        self._combos: list[QComboBox] = []
        self._setup_ui()
        self._connect_signals()
        self._show_preview(preview, rebuild=True)

    def _setup_ui(self) -> None:
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import %1").replace("%1", self.preview.path.name))
        self.resize(1280, 780)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("importFileLabel")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.table_combo = QComboBox(self)
        self.table_combo.setObjectName("importTableCombo")
        self.table_combo.setAccessibleName(self.tr("Import into"))
        for name in IMPORTABLE:
            self.table_combo.addItem(TABLES[name].label.capitalize(), name)
        self.table_combo.setCurrentIndex(self.table_combo.findData(self.preview.table))
        into = QLabel(self.tr("Import &into:"), self)
        into.setBuddy(self.table_combo)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(into)
        top.addWidget(self.table_combo)

        self.mapping_form = QFormLayout()
        self.mapping_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.mapping_form.setContentsMargins(6, 6, 10, 6)
        mapping_box = QWidget(self)
        mapping_box.setLayout(self.mapping_form)
        self.mapping_area = QScrollArea(self)
        self.mapping_area.setObjectName("mappingArea")
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_area.setWidget(mapping_box)
        mapping_title = QLabel(self.tr("Each column of the file goes into:"), self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(mapping_title)
        left_layout.addWidget(self.mapping_area, 1)

        self.model = ImportPreviewModel(self)
        self.rows_view = QTableView(self)
        self.rows_view.setObjectName("importRowsTable")
        self.rows_view.setAccessibleName(self.tr("The file's rows"))
        self.rows_view.setModel(self.model)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setWordWrap(False)
        self.rows_view.setTabKeyNavigation(False)
        self.rows_view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.rows_view.horizontalHeader().setMaximumSectionSize(320)

        self.issues = QTreeWidget(self)
        self.issues.setObjectName("importIssues")
        self.issues.setAccessibleName(self.tr("Problems, notes and duplicates"))
        self.issues.setHeaderLabels([self.tr("Line"), self.tr("Column"), self.tr("What")])
        self.issues.setRootIsDecorated(False)
        self.issues.setUniformRowHeights(True)
        self.issues.setColumnWidth(0, 90)
        self.issues.setColumnWidth(1, 160)

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.rows_view)
        right.addWidget(self.issues)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("importSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 950])
        splitter.setChildrenCollapsible(False)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.skip_check = QCheckBox(self.tr("&Skip the bad rows and import the others"), self)
        self.skip_check.setObjectName("skipBadRows")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("importButton")
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_check)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

    def _connect_signals(self) -> None:
        self.table_combo.currentIndexChanged.connect(self._on_table_combo_current_index_changed)
        self.skip_check.toggled.connect(self._on_skip_check_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- the preview --

    def mapping(self) -> Mapping:
        return {
            header: combo.currentData()
            for header, combo in zip(self.preview.headers, self._combos, strict=True)
        }

    def choice(self) -> ImportChoice:
        return ImportChoice(self.preview.table, self.preview, self.mapping(), self.skip_check.isChecked())

    def _repreview(self, table: str, mapping: Mapping | None) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            preview = preview_import(self._log, self._dispute_id, table, self.preview.path, mapping)
        except ServiceError as exc:
            messages.show_error(self, self.tr("Cannot read the file"), str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_preview(preview, rebuild=mapping is None)

    def _show_preview(self, preview: ImportPreview, *, rebuild: bool) -> None:
        self.preview = preview
        if rebuild:
            self._build_combos(preview)
        self.model.set_preview(preview)
        self.rows_view.resizeColumnsToContents()
        self.file_label.setText(
            self.tr("%1 — %2 rows, read as %3")
            .replace("%1", str(preview.path))
            .replace("%2", f"{len(preview.rows):,}")
            .replace("%3", preview.encoding)
        )
        self._list_issues(preview)
        self._update_state()

    def _build_combos(self, preview: ImportPreview) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self._combos = []
        fields = preview.fields()
        for n, header in enumerate(preview.headers):
            combo = QComboBox(self)
            combo.setObjectName(f"mappingCombo{n}")
            combo.setAccessibleName(self.tr("Column “%1” goes into").replace("%1", header))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.addItem(self.tr("Ignore"), None)
            for field, field_header in fields:
                combo.addItem(field_header, field)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(header))))
            combo.currentIndexChanged.connect(self._on_mapping_combo_current_index_changed)
            label = QLabel(header or self.tr("(no heading)"), self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(combo)
            self.mapping_form.addRow(label, combo)
            self._combos.append(combo)

    def _list_issues(self, preview: ImportPreview) -> None:
        self.issues.clear()
        items = []
        for problem in preview.problems:
            line = self.tr("columns") if problem.line <= preview.header_line else str(problem.line)
            item = QTreeWidgetItem([line, problem.field, problem.message])
            item.setForeground(2, QBrush(WARNING))
            items.append(item)
        for note in preview.notes:
            items.append(
                QTreeWidgetItem([str(note.line), note.field, self.tr("Note: %1").replace("%1", note.message)])
            )
        for duplicate in preview.duplicates:
            text = (
                self.tr("Already in the log; it will be skipped.")
                if duplicate.of_line is None
                else self.tr("The same as line %1; it will be skipped.").replace("%1", str(duplicate.of_line))
            )
            item = QTreeWidgetItem([str(duplicate.line), "", text])
            item.setForeground(2, QBrush(SKIPPED))
            items.append(item)
        for item in items:
            item.setToolTip(2, item.text(2))
        self.issues.addTopLevelItems(items)

    def _update_state(self) -> None:
        preview = self.preview
        label = TABLES[preview.table].label
        bad = len(preview.bad_lines)
        if preview.blocking:
            parts = [self.tr("The columns need matching before anything can be imported: see the list.")]
        else:
            parts = [self.tr("%1 new %2 to add.").replace("%1", f"{preview.new_rows:,}").replace("%2", label)]
            if bad and self.skip_check.isChecked():
                parts.append(
                    self.tr("1 row with a problem will be left out.")
                    if bad == 1
                    else self.tr("%1 rows with problems will be left out.").replace("%1", f"{bad:,}")
                )
            elif bad == 1:
                parts.append(self.tr("1 row has a problem: fix it in the file and import again, or skip it."))
            elif bad:
                parts.append(
                    self.tr(
                        "%1 rows have problems: fix them in the file and import again, or skip them."
                    ).replace("%1", f"{bad:,}")
                )
        duplicates = len(preview.duplicates)
        if duplicates == 1:
            parts.append(self.tr("1 duplicate will be skipped."))
        elif duplicates:
            parts.append(self.tr("%1 duplicates will be skipped.").replace("%1", f"{duplicates:,}"))
        self.summary.setText(" ".join(parts))
        self.skip_check.setEnabled(bool(bad) and not preview.blocking)
        ready = not preview.blocking and preview.new_rows > 0 and (not bad or self.skip_check.isChecked())
        self.import_button.setEnabled(ready)
        self.import_button.setText(
            self.tr("&Import %1 %2").replace("%1", f"{preview.new_rows:,}").replace("%2", label)
            if ready
            else self.tr("&Import")
        )

    # -- slots --

    @Slot(int)
    def _on_table_combo_current_index_changed(self, _index: int) -> None:
        table = self.table_combo.currentData()
        if table != self.preview.table:
            self._repreview(table, None)

    @Slot(int)
    def _on_mapping_combo_current_index_changed(self, _index: int) -> None:
        self._repreview(self.preview.table, self.mapping())

    @Slot(bool)
    def _on_skip_check_toggled(self, _checked: bool) -> None:
        self._update_state()


def ask_file(parent: QWidget | None, folder: str) -> Path | None:
    """The spreadsheet to import, from the platform's own dialog; None if cancelled."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        _tr("Import a table"),
        folder,
        _tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
    )
    return Path(name) if name else None


def ask(parent: QWidget | None, log: Log, dispute_id: int, path: Path, table: str) -> ImportChoice | None:
    """Preview the file as `table` and let the rep adjust and agree; None if cancelled or unreadable."""
    try:
        preview = preview_import(log, dispute_id, table, path)
    except ServiceError as exc:
        messages.show_error(parent, _tr("Cannot import the file"), str(exc))
        return None
    dialog = ImportDialog(log, dispute_id, preview, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
