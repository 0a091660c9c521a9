"""File ▸ Export table…: which table, CSV or Excel, and where, with a warning of what the file holds.

A spreadsheet leaves the log's protection: it holds members' personal details and confidential records
as they are, with nothing redacted, so the dialog says so before the rep chooses where to save it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stls_desk.services.tables import TABLES

FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("export_table", text)


@dataclass(frozen=True)
class TableChoice:
    table: str  # a key of services.tables.TABLES
    fmt: str  # "csv" or "xlsx"


def warning_text() -> str:
    return _tr(
        "The file will hold members' names and personal details and any confidential records, as they "
        "are in the log: nothing is removed. Once saved, it is outside the log's protection: anyone who "
        "gets the file can read it. Keep it somewhere safe and delete it when it has done its job."
    )


class ExportTableDialog(QDialog):
    def __init__(self, table: str, fmt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup_ui()
        self._connect_signals()
        self.table_combo.setCurrentIndex(max(0, self.table_combo.findData(table)))
        (self.excel_radio if fmt == "xlsx" else self.csv_radio).setChecked(True)

    def _setup_ui(self) -> None:
        self.setObjectName("exportTableDialog")
        self.setWindowTitle(self.tr("Export a table"))
        self.table_combo = QComboBox(self)
        self.table_combo.setObjectName("tableCombo")
        self.table_combo.setAccessibleName(self.tr("Table"))
        for name, spec in TABLES.items():
            self.table_combo.addItem(spec.label.capitalize(), name)
        self.csv_radio = QRadioButton(self.tr("&CSV (any spreadsheet)"), self)
        self.csv_radio.setObjectName("csvRadio")
        self.excel_radio = QRadioButton(self.tr("&Excel workbook (.xlsx)"), self)
        self.excel_radio.setObjectName("excelRadio")
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.csv_radio)
        self.format_group.addButton(self.excel_radio)
        formats = QHBoxLayout()
        formats.addWidget(self.csv_radio)
        formats.addWidget(self.excel_radio)
        formats.addStretch(1)
        form = QFormLayout()
        table_label = QLabel(self.tr("&Table:"), self)
        table_label.setBuddy(self.table_combo)
        form.addRow(table_label, self.table_combo)
        form.addRow(self.tr("Format:"), formats)
        self.warning = QLabel(warning_text(), self)
        self.warning.setObjectName("exportWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel { background: #fff4e5; color: #5f3700; border: 1px solid #f0b45b; border-radius: 4px;"
            " padding: 8px; }"
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Export…"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def choice(self) -> TableChoice:
        return TableChoice(self.table_combo.currentData(), "xlsx" if self.excel_radio.isChecked() else "csv")


def ask(parent: QWidget | None, table: str = "grievances", fmt: str = "csv") -> TableChoice | None:
    """The table and format the rep chose to export, or None if they cancelled."""
    dialog = ExportTableDialog(table, fmt, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def default_name(choice: TableChoice, today: date) -> str:
    """'grievances-2025-02-10.csv', 'action-items-2025-02-10.xlsx'."""
    return f"{choice.table.replace('_', '-')}-{today.isoformat()}.{choice.fmt}"


def ask_target(parent: QWidget | None, folder: str, choice: TableChoice, today: date) -> Path | None:
    """Where to save the spreadsheet (the platform's own dialog, which asks before replacing a file)."""
    pattern = _tr("CSV files (*.csv)") if choice.fmt == "csv" else _tr("Excel workbooks (*.xlsx)")
    name, _ = QFileDialog.getSaveFileName(
        parent,
        _tr("Export %1").replace("%1", TABLES[choice.table].label),
        str(Path(folder) / default_name(choice, today)),
        pattern,
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == f".{choice.fmt}" else path.with_name(f"{path.name}.{choice.fmt}")
