"""Merging two records of the same person: pick the other record, pick which one to keep, see what moves.

`ask(parent, log, person_id)` returns the choice or None; it changes nothing. The caller merges through
`Operations.run(people.merge_people ...)`: the record that goes is deleted, its links (grievances raised,
meetings attended, actions owned) move to the one kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.log import Log
from stls_desk.services import people
from stls_desk.services.people import PersonRow


@dataclass(frozen=True)
class MergeChoice:
    keep_id: int
    merge_id: int


def describe(person: PersonRow) -> str:
    """'Asha Patel — Member, Ashford hub': enough to tell two records of one name apart."""
    details = ", ".join(d for d in (person.role.label, person.workplace) if d)
    return f"{person.name} — {details}" if details else person.name


class MergePeopleDialog(QDialog):
    def __init__(self, parent: QWidget | None, log: Log, person: PersonRow) -> None:
        super().__init__(parent)
        self._log = log
        self.person = person
        self.others = [p for p in people.list_people(log, person.dispute_id) if p.id != person.id]
        self._setup_ui()
        self._connect_signals()
        self._preselect()
        self._show_what_moves()

    def _setup_ui(self) -> None:
        self.setObjectName("mergePeopleDialog")
        self.setWindowTitle(self.tr("Merge two people"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "When one person has been entered twice, merge the two records into one: everything that "
                "names the record that goes moves to the record kept."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.other = QComboBox(self)
        self.other.setObjectName("mergeOther")
        self.other.setAccessibleName(self.tr("The other record"))
        for p in self.others:
            self.other.addItem(describe(p), p.id)
        self.keep_this = QRadioButton(self)
        self.keep_this.setObjectName("keepThis")
        self.keep_other = QRadioButton(self)
        self.keep_other.setObjectName("keepOther")
        self.keep_this.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep_this)
        group.addButton(self.keep_other)
        self.moves_label = QLabel(self)
        self.moves_label.setTextFormat(Qt.TextFormat.PlainText)
        self.moves_label.setWordWrap(True)
        self.moves = QListWidget(self)
        self.moves.setObjectName("mergeMoves")
        self.moves.setAccessibleName(self.tr("What moves"))
        self.moves.setWordWrap(True)
        self.moves.setFixedHeight(self.moves.fontMetrics().height() * 6 + 16)
        self.warning = QLabel(
            self.tr(
                "The name, workplace, contact details and notes of the record that goes are deleted: copy "
                "anything worth keeping to the other first. A merge is not undone by Edit ▸ Undo."
            ),
            self,
        )
        self.warning.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("Merge"))
        self.merge_button.setEnabled(bool(self.others))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        label = QLabel(self.tr("&Merge with:"), self)
        label.setBuddy(self.other)
        form.addRow(label, self.other)
        keep = QVBoxLayout()
        keep.addWidget(self.keep_this)
        keep.addWidget(self.keep_other)
        form.addRow(QLabel(self.tr("Keep:"), self), keep)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.moves_label)
        layout.addWidget(self.moves)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.other.currentIndexChanged.connect(self._on_other_current_index_changed)
        self.keep_this.toggled.connect(self._on_keep_this_toggled)

    def _preselect(self) -> None:
        """A record of the same name is the likely duplicate."""
        same = [n for n, p in enumerate(self.others) if p.name.casefold() == self.person.name.casefold()]
        if same:
            self.other.setCurrentIndex(same[0])

    def _other(self) -> PersonRow | None:
        n = self.other.currentIndex()
        return self.others[n] if 0 <= n < len(self.others) else None

    def choice(self) -> MergeChoice | None:
        other = self._other()
        if other is None:
            return None
        if self.keep_this.isChecked():
            return MergeChoice(self.person.id, other.id)
        return MergeChoice(other.id, self.person.id)

    def _show_what_moves(self) -> None:
        other = self._other()
        self.keep_this.setText(self.tr("this record: %1").replace("%1", describe(self.person)))
        self.keep_other.setText(
            self.tr("the other: %1").replace("%1", describe(other)) if other else self.tr("the other")
        )
        self.moves.clear()
        choice = self.choice()
        if choice is None:
            self.moves_label.setText(self.tr("There is no one else in this dispute to merge with."))
            return
        going = self.person if choice.merge_id == self.person.id else other
        assert going is not None
        self.moves_label.setText(
            self.tr("What moves from “%1” to the record kept:").replace("%1", describe(going))
        )
        found = people.appearances(self._log, choice.merge_id)
        for a in found:
            self.moves.addItem(QListWidgetItem(a.text))
        if not found:
            item = QListWidgetItem(self.tr("Nothing: the record that goes is not named anywhere yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.moves.addItem(item)

    @Slot(int)
    def _on_other_current_index_changed(self, _index: int) -> None:
        self._show_what_moves()

    @Slot(bool)
    def _on_keep_this_toggled(self, _checked: bool) -> None:
        self._show_what_moves()


def ask(parent: QWidget | None, log: Log, person: PersonRow) -> MergeChoice | None:
    """Which record to keep and which to fold into it; None if the rep cancelled."""
    dialog = MergePeopleDialog(parent, log, person)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
