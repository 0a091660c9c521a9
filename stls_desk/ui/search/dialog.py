"""Find in the log (Ctrl+F): one search over every text field of every kind of record, grouped by kind.

The search runs as the rep types (150 ms after the last key), in this dispute or in all of them. Up and Down
step through the hits while the cursor stays in the search box, Enter opens the current hit, Esc closes.
The dialog only finds; `hit_chosen` hands the hit to whoever opens records (the main window, through
stls_desk.ui.search.install).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from stls_desk.db.log import Log
from stls_desk.services import disputes
from stls_desk.services.search import SearchHit
from stls_desk.ui import settings
from stls_desk.ui.search.delegate import HitDelegate
from stls_desk.ui.search.model import SearchResultsModel
from stls_desk.ui.search.runner import SearchRunner

DEBOUNCE_MS = 150
LIMIT = 200  # services.search.search's default: the best 200 hits
_STEPS = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: 10,
    Qt.Key.Key_PageUp: -10,
}


class SearchDialog(QDialog):
    """A window beside the main one: search box, scope, and the hits grouped by kind."""

    hit_chosen = Signal(object)
    """The SearchHit the rep opened (Enter, or a double-click)."""
    searched = Signal()
    """The hits shown are the answer to what is in the search box now (tests wait for it)."""

    def __init__(
        self,
        parent: QWidget | None,
        log: Callable[[], Log],
        dispute_id: Callable[[], int | None],
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._dispute_id = dispute_id
        self._open_when_searched = False
        self.action: QAction | None = None
        """The window's Edit ▸ Find… action that opens this dialog (set by install)."""
        self._setup_ui()
        self._connect_signals()
        self._show_prompt()

    def _setup_ui(self) -> None:
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Find in the log"))
        self.setModal(False)
        # A fixed minimum, so the window's size limits do not follow each change of page (prompt, hits).
        self.setMinimumSize(440, 320)
        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setAccessibleName(self.tr("Find"))
        self.query.setPlaceholderText(self.tr("Words to find in every record…"))
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        find_label = QLabel(self.tr("&Find:"), self)
        find_label.setBuddy(self.query)

        self.this_dispute = QRadioButton(self.tr("&This dispute"), self)
        self.this_dispute.setObjectName("searchThisDispute")
        self.this_dispute.setAccessibleName(self.tr("Search this dispute"))
        self.all_disputes = QRadioButton(self.tr("&All disputes"), self)
        self.all_disputes.setObjectName("searchAllDisputes")
        self.all_disputes.setAccessibleName(self.tr("Search all disputes"))
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.this_dispute)
        self.scope.addButton(self.all_disputes)
        (self.all_disputes if settings.SEARCH_ALL_DISPUTES.read() else self.this_dispute).setChecked(True)

        self.model = SearchResultsModel(self)
        self.results = QTreeView(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Matches"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setItemsExpandable(False)
        self.results.setExpandsOnDoubleClick(False)
        self.results.setUniformRowHeights(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.empty = QLabel(self)
        self.empty.setObjectName("searchEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)  # the query is the rep's text, never markup
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setMargin(24)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.results)
        self.pages.addWidget(self.empty)
        self.count = QLabel(self)
        self.count.setObjectName("searchCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setEnabled(False)
        hint = QLabel(self.tr("↑ ↓ move · Enter opens · Esc closes"), self)
        hint.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(find_label)
        top.addWidget(self.query, 1)
        scope = QHBoxLayout()
        scope.addWidget(self.this_dispute)
        scope.addWidget(self.all_disputes)
        scope.addStretch(1)
        scope.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(scope)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.query, self.this_dispute)
        self.setTabOrder(self.this_dispute, self.all_disputes)
        self.setTabOrder(self.all_disputes, self.results)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.runner = SearchRunner(self)
        geometry = settings.SEARCH_GEOMETRY.read()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(640, 560)

    def _connect_signals(self) -> None:
        self.query.textChanged.connect(self._on_query_text_changed)
        self.timer.timeout.connect(self.search_now)
        self.scope.buttonToggled.connect(self._on_scope_button_toggled)
        self.runner.finished.connect(self._on_runner_finished)
        self.results.activated.connect(self._on_results_activated)

    # -- searching --

    @property
    def all_scope(self) -> bool:
        return self.all_disputes.isChecked()

    def search_now(self) -> None:
        """Run the search in the box now (typing runs it after the debounce); the hits come with `searched`."""
        self.timer.stop()
        text = self.query.text().strip()
        if not text:
            self.runner.cancel()
            self._show_prompt()
            self._searched()
            return
        dispute_id = None if self.all_scope else self._dispute_id()
        if dispute_id is None and not self.all_scope:
            self.runner.cancel()
            self._show_empty(self.tr("There is no dispute to search. Choose All disputes."))
            self._searched()
            return
        self.count.setText(self.tr("Searching…"))
        self.runner.start(self._log(), text, dispute_id)

    def clear(self) -> None:
        """The window let go of its log: hide, wait for a search still running, and drop every hit."""
        self.hide()
        self.runner.shutdown()
        self._show_prompt()

    def refresh(self) -> None:
        """Search again (the log changed, or another dispute or log is shown) if anything is asked."""
        if self.isVisible() and self.query.text().strip():
            self.search_now()

    def _show_prompt(self) -> None:
        self.model.set_results("", [], {})
        self._show_empty(
            self.tr("Type a word to find it in every grievance, proposal, meeting, ballot, date and person.")
        )

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.pages.setCurrentWidget(self.empty)
        self.count.setText("")

    def _show_hits(self, query: str, hits: list[SearchHit]) -> None:
        current = self._dispute_id()
        others: dict[int, str] = {}
        if self.all_scope and any(h.dispute_id != current for h in hits):
            others = {d.id: d.title for d in disputes.list_disputes(self._log()) if d.id != current}
        self.model.set_results(query, hits, others)
        self.results.expandAll()
        if not hits:
            where = self.tr("in any dispute") if self.all_scope else self.tr("in this dispute")
            self._show_empty(self.tr("No matches for “%1” %2.").replace("%1", query).replace("%2", where))
            return
        self.pages.setCurrentWidget(self.results)
        n = len(hits)
        if n >= LIMIT:
            self.count.setText(self.tr("The best %1 matches").replace("%1", str(n)))
        else:
            self.count.setText(self.tr("1 match") if n == 1 else self.tr("%1 matches").replace("%1", str(n)))
        self._make_current(self.model.hit_indexes()[0])

    # -- moving and opening --

    def current_hit(self) -> SearchHit | None:
        return self.model.hit(self.results.currentIndex())

    def step(self, by: int) -> None:
        """Move the current hit by `by` hits (headings are skipped), stopping at the first and last."""
        hits = self.model.hit_indexes()
        if not hits:
            return
        current = self.results.currentIndex()
        at = next((n for n, index in enumerate(hits) if index == current), -1)
        self._make_current(hits[max(0, min(len(hits) - 1, at + by))])

    def _make_current(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.results.selectionModel().setCurrentIndex(index, flags)
        self.results.scrollTo(index)

    def open_current(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.hit_chosen.emit(hit)
            self.hide()

    def start(self) -> None:
        """Show the dialog (Ctrl+F) with the search box ready: what was searched last is selected."""
        if self.isVisible():
            self.raise_()  # already open behind the main window: bring it forward
        self.show()
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()

    # -- events --

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in _STEPS:
                self.step(_STEPS[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive() or self.runner.busy:
                    self._open_when_searched = True  # Enter straight after typing: open what the words find
                    if self.timer.isActive():
                        self.search_now()
                else:
                    self.open_current()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the list opens through `activated`; never let QDialog treat it as accept.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # the log may have changed while hidden

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        settings.SEARCH_GEOMETRY.write(self.saveGeometry())
        self.timer.stop()
        self.runner.cancel()
        self._open_when_searched = False
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.shutdown()
        super().closeEvent(event)

    # -- slots --

    @Slot(str)
    def _on_query_text_changed(self, _text: str) -> None:
        self.runner.cancel()  # an answer to the words before this key is not wanted now
        self.timer.start()

    @Slot(object, bool)
    def _on_scope_button_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            settings.SEARCH_ALL_DISPUTES.write(self.all_scope)
            self.search_now()

    @Slot(str, object, str)
    def _on_runner_finished(self, query: str, hits: object, error: str) -> None:
        if error:
            self.model.set_results(query, [], {})
            self._show_empty(self.tr("The log could not be searched: %1").replace("%1", error))
        else:
            assert isinstance(hits, list)
            self._show_hits(query, hits)
        self._searched()

    def _searched(self) -> None:
        self.searched.emit()
        if self._open_when_searched:
            self._open_when_searched = False
            self.open_current()

    @Slot(QModelIndex)
    def _on_results_activated(self, index: QModelIndex) -> None:
        if self.model.hit(index) is not None:
            self._make_current(index)
            self.open_current()
