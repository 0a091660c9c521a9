"""The proposal editor: the selected proposal's fields, both sides' positions side by side, the grievances
it addresses, its revisions (add one, compare any two word by word) and its attached files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stls_desk.domain.enums import ProposalStatus, TabledBy
from stls_desk.services import grievances, proposals
from stls_desk.services.grievances import GrievanceQuery
from stls_desk.services.proposals import RevisionRow
from stls_desk.ui import format as fmt
from stls_desk.ui.dialogs import add_revision, pick_records, revision_compare
from stls_desk.ui.dialogs.pick_records import Choice
from stls_desk.ui.dialogs.revision_compare import Version
from stls_desk.ui.editors.base import RecordEditor, Shown
from stls_desk.ui.editors.fields import (
    CheckField,
    ChoiceField,
    DateField,
    NotesField,
    PickerField,
    TextField,
    plain_tooltip,
)
from stls_desk.ui.operations import Operations
from stls_desk.ui.widgets.attachments import AttachmentsList


class ProposalEditor(RecordEditor):
    entity = "proposal"

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__("proposalEditor", "", parent)
        self.set_placeholder_text(self.tr("Select a proposal to edit it here, or press Ctrl+N to add one."))
        self._today = today
        self.change_service = proposals.change_proposal
        self._reference = ""
        self._title = ""
        self._tabled_on: date | None = None
        self._text = ""
        self._revisions: tuple[RevisionRow, ...] = ()
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        tr = self.tr
        self.add_field(TextField("title", tr("Title"), tr("What is proposed, in a line")))
        self.add_field(ChoiceField("status", tr("Status"), [(s.label, s) for s in ProposalStatus]))
        self.add_field(ChoiceField("tabled_by", tr("Tabled by"), [(s.label, s) for s in TabledBy]))
        self.add_field(DateField("tabled_on", tr("Tabled on"), self._today))
        self.add_field(DateField("respond_by", tr("Respond by"), self._today))
        self.add_field(
            CheckField("confidential", tr("Confidential"), tr("Keep it out of members' briefing packs"))
        )
        self.add_field(
            PickerField(
                "grievances",
                tr("Addresses"),
                self._choose_grievances,
                link_entity="grievance",
                empty=tr("No grievance linked"),
                rows=3,
            )
        )
        self.add_field(
            NotesField("text", tr("The proposal's text"), lines=10, placeholder=tr("Nothing recorded")),
            wide=True,
        )
        self._add_positions()
        self._add_revisions()
        self.attachments = AttachmentsList("proposal", self)
        self.add_section("attachments", tr("Attached files"), self.attachments)

    def _add_positions(self) -> None:
        """The employer's and the union's positions side by side, each under its own label."""
        employer = NotesField("employer_position", self.tr("Employer's position"), lines=5)
        union = NotesField("union_position", self.tr("Union's position"), lines=5)
        employer.edit.setPlaceholderText(self.tr("What the employer says"))
        union.edit.setPlaceholderText(self.tr("What the union says"))
        pair = QWidget()
        grid = QGridLayout(pair)
        grid.setContentsMargins(0, 4, 0, 0)
        for column, f in enumerate((employer, union)):
            caption = QLabel(f.label, pair)
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)
            caption.setBuddy(f.input)
            grid.addWidget(caption, 0, column)
            grid.addWidget(f.box, 1, column)
            self.register(f)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.form.addRow(pair)

    def _add_revisions(self) -> None:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.revisions = QTreeWidget(box)
        self.revisions.setObjectName("revisions")
        self.revisions.setAccessibleName(self.tr("Revisions"))
        self.revisions.setColumnCount(3)
        self.revisions.setHeaderLabels([self.tr("No."), self.tr("Dated"), self.tr("Note")])
        self.revisions.setRootIsDecorated(False)
        self.revisions.setUniformRowHeights(True)
        self.revisions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.revisions.setToolTip(
            self.tr(
                "Select two revisions (Ctrl+click) to compare them; Enter compares one with the one before"
            )
        )
        self.revisions.setFixedHeight(self.revisions.fontMetrics().height() * 5 + 24)
        header = self.revisions.header()
        header.setStretchLastSection(True)
        header.resizeSection(0, self.revisions.fontMetrics().horizontalAdvance("No.000"))
        header.resizeSection(1, self.revisions.fontMetrics().horizontalAdvance("00 Sep 0000000"))
        layout.addWidget(self.revisions, 1)
        buttons = QVBoxLayout()
        self.add_revision_button = QPushButton(self.tr("Add revision…"), box)
        self.add_revision_button.setObjectName("addRevision")
        self.add_revision_button.setToolTip(self.tr("Record a new text of the proposal"))
        self.compare_button = QPushButton(self.tr("Compare…"), box)
        self.compare_button.setObjectName("compareRevisions")
        self.compare_button.setToolTip(self.tr("Show two texts side by side, the changed words marked"))
        buttons.addWidget(self.add_revision_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_section("revisions", self.tr("Revisions"), box)

    def _connect_signals(self) -> None:
        self.add_revision_button.clicked.connect(self._on_add_revision_button_clicked)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.revisions.itemActivated.connect(self._on_revisions_item_activated)

    def set_operations(self, operations: Operations) -> None:
        super().set_operations(operations)
        self.attachments.set_operations(operations)

    # -- reading --

    def _read(self, record_id: int) -> Shown:
        assert self.log is not None
        p = proposals.get_proposal(self.log, record_id)
        row = p.row
        self._reference, self._title, self._tabled_on, self._text = (
            row.reference,
            row.title,
            row.tabled_on,
            p.text,
        )
        self._revisions = p.revisions
        self._fill_revisions()
        self.attachments.set_owner_id(record_id)
        return Shown(
            f"{row.reference}  {row.title}",
            self.tr("Confidential: kept out of members' briefing packs.") if row.confidential else "",
            {
                "title": row.title,
                "status": row.status,
                "tabled_by": row.tabled_by,
                "tabled_on": row.tabled_on,
                "respond_by": row.respond_by,
                "confidential": row.confidential,
                "grievances": [(gid, f"{ref}  {title}") for gid, ref, title in p.grievances],
                "text": p.text,
                "employer_position": p.employer_position,
                "union_position": p.union_position,
            },
        )

    def _fill_revisions(self) -> None:
        self.revisions.clear()
        for r in self._revisions:
            item = QTreeWidgetItem([str(r.number), fmt.day(r.revised_on), r.note])
            item.setToolTip(2, plain_tooltip(r.note))
            self.revisions.addTopLevelItem(item)
        editable = self.operations is not None
        self.add_revision_button.setEnabled(editable)
        self.compare_button.setEnabled(len(self.versions()) > 1)

    def show_placeholder(self, text: str | None = None) -> None:
        super().show_placeholder(text)
        self.attachments.set_owner_id(None)

    def versions(self) -> list[Version]:
        """Every revision's text, oldest first, then the current text if it differs from the last."""
        out = [
            Version(
                self.tr("Revision %1, %2").replace("%1", str(r.number)).replace("%2", fmt.day(r.revised_on))
                + (f" — {r.note}" if r.note else ""),
                r.text,
            )
            for r in self._revisions
        ]
        if not self._revisions or self._revisions[-1].text != self._text:
            out.append(Version(self.tr("Current text"), self._text))
        return out

    # -- revisions --

    def compare(
        self, left: int | None = None, right: int | None = None
    ) -> revision_compare.RevisionCompareDialog | None:
        """Open the comparison of two versions (by index in `versions()`); by default the last two."""
        versions = self.versions()
        if len(versions) < 2:
            return None
        right = len(versions) - 1 if right is None else right
        left = max(0, right - 1) if left is None else left
        return revision_compare.show(self, f"{self._reference}  {self._title}", versions, left, right)

    @Slot()
    def _on_compare_button_clicked(self) -> None:
        rows = sorted(self.revisions.indexOfTopLevelItem(i) for i in self.revisions.selectedItems())
        if len(rows) >= 2:
            self.compare(rows[0], rows[-1])
        elif len(rows) == 1 and rows[0] > 0:
            self.compare(rows[0] - 1, rows[0])
        else:
            self.compare()

    @Slot(QTreeWidgetItem, int)
    def _on_revisions_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        row = self.revisions.indexOfTopLevelItem(item)
        if row > 0:
            self.compare(row - 1, row)
        elif len(self.versions()) > 1:
            self.compare(0, 1)

    @Slot()
    def _on_add_revision_button_clicked(self) -> None:
        if self.record_id is None or self.operations is None:
            return
        self.save_all()
        previous: add_revision.RevisionInput | None = None
        error = ""
        while True:
            got = add_revision.ask(
                self, self._reference, self._text, self._tabled_on, self._today, previous, error
            )
            if got is None:
                return
            self._refusal = ""
            outcome = self.operations.create(
                "proposal_revision",
                proposals.add_revision,
                self.record_id,
                got.revised_on,
                got.text,
                got.note,
                also_changes=("proposal", self.record_id),
            )
            if outcome is not None:
                return
            previous, error = got, self._refusal or self.tr("The revision was not added.")

    # -- the grievances it addresses --

    def _choose_grievances(self, current: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
        log, dispute_id = self.log, self.dispute_id
        if log is None or dispute_id is None:
            return None

        def find(text: str, limit: int) -> list[Choice]:
            found = grievances.list_grievances(log, GrievanceQuery(dispute_id, text=text), limit=limit)
            return [Choice(g.id, f"{g.reference}  {g.title}", g.status.label) for g in found]

        chosen = pick_records.ask(
            self,
            self.tr("Grievances it addresses"),
            self.tr("Tick the grievances %1 addresses:").replace("%1", self._reference),
            find,
            [Choice(i, t) for i, t in current],
        )
        return None if chosen is None else [(c.id, c.text) for c in chosen]
