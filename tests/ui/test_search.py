"""Find in the log (Ctrl+F): hits grouped by kind as the rep types, Enter opens the record in its tab."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from stls_desk.db.log import Log
from stls_desk.services import grievances, search
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.models.table import ID_ROLE
from stls_desk.ui.search import open_hit
from stls_desk.ui.search.dialog import SearchDialog
from stls_desk.ui.search.model import HIT_ROLE, HTML_ROLE, SearchResultsModel
from stls_desk.ui.search.runner import SearchRunner
from tests.ui.data import Sample


@pytest.fixture
def dialog(window: MainWindow) -> Iterator[SearchDialog]:
    """The search dialog, opened as Edit ▸ Find… opens it."""
    assert window.search.action is not None
    window.search.action.trigger()
    assert window.search.isVisible()
    yield window.search
    window.search.hide()


def find(qtbot, dialog: SearchDialog, text: str) -> None:
    """Type text into an emptied search box and wait for its hits."""
    dialog.query.clear()
    with qtbot.waitSignal(dialog.searched, timeout=5000):
        qtbot.keyClicks(dialog.query, text)
    assert dialog.model.query == text or not dialog.model.hit_count


def headings(dialog: SearchDialog) -> list[str]:
    model = dialog.model
    return [model.index(n, 0).data() for n in range(model.rowCount())]


def hits(dialog: SearchDialog) -> list[tuple[str, int]]:
    return [(h.entity, h.id) for h in (i.data(HIT_ROLE) for i in dialog.model.hit_indexes())]


def selected_id(window: MainWindow) -> int | None:
    tab = window.tab_widget.currentWidget()
    return tab.view.currentIndex().data(ID_ROLE)


def test_typing_shows_hits_grouped_by_kind_with_the_matches_in_bold(
    qtbot, window: MainWindow, dialog: SearchDialog, sample: Sample
) -> None:
    assert window.search.action.shortcut().toString() == "Ctrl+F"
    assert dialog.pages.currentWidget() is dialog.empty  # a prompt until something is typed
    find(qtbot, dialog, "restructure")
    assert headings(dialog) == ["Disputes (1)", "Proposals (1)", "Proposal revisions (1)", "Key dates (1)"]
    entities = [entity for entity, _ in hits(dialog)]
    assert entities == ["dispute", "proposal", "proposal_revision", "key_date"]
    assert ("key_date", sample.key_dates["consultation"]) in hits(dialog)
    assert dialog.count.text() == "4 matches"
    key_date = dialog.model.hit_indexes()[3]
    assert key_date.data() == "Consultation closes"
    assert "<b>restructure</b>" in key_date.data(HTML_ROLE)
    assert dialog.current_hit() == dialog.model.hit_indexes()[0].data(HIT_ROLE)  # ready for Enter


def test_enter_opens_the_record_in_its_tab(
    qtbot, window: MainWindow, dialog: SearchDialog, sample: Sample
) -> None:
    find(qtbot, dialog, "caseloads above")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.tab_widget.currentWidget() is window.grievances
    assert selected_id(window) == sample.grievances["caseload"]


def test_enter_straight_after_typing_opens_what_the_words_find(
    qtbot, window: MainWindow, dialog: SearchDialog, sample: Sample
) -> None:
    qtbot.keyClicks(dialog.query, "first strike")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Enter)  # before the debounce has run the search
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.tab_widget.currentWidget() is window.ballots
    assert window.ballots.key_date_view.currentIndex().data(ID_ROLE) == sample.key_dates["strike"]


def test_up_and_down_move_through_the_hits_and_a_revision_opens_its_proposal(
    qtbot, window: MainWindow, dialog: SearchDialog, sample: Sample
) -> None:
    find(qtbot, dialog, "hubs")
    assert headings(dialog) == ["Proposals (1)", "Proposal revisions (1)"]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    assert dialog.current_hit().entity == "proposal_revision"
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)  # the last hit stays current
    assert dialog.current_hit().entity == "proposal_revision"
    qtbot.keyClick(dialog.query, Qt.Key.Key_Up)
    assert dialog.current_hit().entity == "proposal"
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert window.tab_widget.currentWidget() is window.proposals
    assert selected_id(window) == sample.proposals["restructure"]


def test_an_action_item_opens_its_meeting(
    qtbot, window: MainWindow, dialog: SearchDialog, sample: Sample
) -> None:
    find(qtbot, dialog, "caseload figures")
    assert headings(dialog) == ["Action items (1)"]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert window.tab_widget.currentWidget() is window.meetings
    assert selected_id(window) == sample.meetings["negotiation"]


def test_the_scope_is_this_dispute_or_all(
    qtbot, window: MainWindow, dialog: SearchDialog, sample: Sample
) -> None:
    assert dialog.this_dispute.isChecked()
    find(qtbot, dialog, "oak nursery")
    assert dialog.pages.currentWidget() is dialog.empty
    assert dialog.empty.text() == "No matches for “oak nursery” in this dispute."
    with qtbot.waitSignal(dialog.searched, timeout=5000):
        dialog.all_disputes.click()
    assert headings(dialog) == ["Grievances (1)"]
    (index,) = dialog.model.hit_indexes()
    assert "Nursery closures" in index.data(HTML_ROLE)  # a hit from another dispute says which
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert window.dispute_selector.current_dispute_id() == sample.other_dispute
    assert window.tab_widget.currentWidget() is window.grievances
    assert window.grievances.view.currentIndex().data() is not None
    assert selected_id(window) == index.data(HIT_ROLE).id

    dialog.start()  # the choice is kept, and hits in the dispute shown are not labelled
    assert dialog.all_disputes.isChecked()
    find(qtbot, dialog, "oak")
    assert "Nursery closures" not in dialog.model.hit_indexes()[0].data(HTML_ROLE)


def test_a_dispute_hit_chooses_that_dispute(
    qtbot, window: MainWindow, dialog: SearchDialog, sample: Sample
) -> None:
    dialog.all_disputes.click()
    find(qtbot, dialog, "nursery closures")
    assert hits(dialog)[0] == ("dispute", sample.other_dispute)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert window.dispute_selector.current_dispute_id() == sample.other_dispute
    assert window.tab_widget.currentWidget() is window.overview


def test_markup_in_a_title_shows_literally(
    qtbot, window: MainWindow, log: Log, dialog: SearchDialog, sample: Sample
) -> None:
    title = "<b>Bold</b> claims & <i>no</i> <a href='x'>link</a>"
    created = window.operations.create("grievance", grievances.create_grievance, sample.dispute, title)
    assert created is not None
    find(qtbot, dialog, "claims")
    (index,) = dialog.model.hit_indexes()
    assert index.data() == f"G-005 {title}"
    html = index.data(HTML_ROLE)
    assert "&lt;b&gt;Bold&lt;/b&gt; <b>claims</b> &amp; &lt;i&gt;" in html
    document = QTextDocument()
    document.setHtml(html)  # as the delegate draws it: the rep's text exactly, no tags taken as markup
    assert document.toPlainText() == f"G-005 {title}"


def test_deleted_text_is_no_longer_found(
    qtbot, window: MainWindow, log: Log, dialog: SearchDialog, sample: Sample
) -> None:
    find(qtbot, dialog, "mileage")
    assert hits(dialog) == [("grievance", sample.grievances["mileage"])]
    with qtbot.waitSignal(dialog.searched, timeout=5000):  # the open search follows the log
        assert window.operations.delete("grievance", sample.grievances["mileage"]) is not None
    assert dialog.pages.currentWidget() is dialog.empty
    assert dialog.empty.text() == "No matches for “mileage” in this dispute."
    assert search.search(log, "mileage") == []


def test_escape_closes_and_ctrl_f_brings_back_the_last_search(
    qtbot, window: MainWindow, dialog: SearchDialog
) -> None:
    find(qtbot, dialog, "hall")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.search.action.trigger()
    assert dialog.isVisible()
    assert dialog.query.text() == "hall"
    assert dialog.query.selectedText() == "hall"  # typing replaces it


def test_a_hit_whose_record_went_says_so(window: MainWindow, log: Log, sample: Sample) -> None:
    hit = search.search(log, "caseload figures")[0]
    window.operations.delete("meeting", sample.meetings["negotiation"])
    assert not open_hit(window, hit)
    assert window.statusBar().currentMessage() == "That record is no longer in the log."


def test_the_results_model(qtmodeltester, log: Log) -> None:
    model = SearchResultsModel()
    model.set_results("restructure", search.search(log, "restructure"), {})
    assert model.hit_count == 4
    qtmodeltester.check(model, force_py=True)
    model.set_results("", [], {})
    qtmodeltester.check(model, force_py=True)


def test_only_the_newest_query_is_answered(qtbot, log: Log) -> None:
    runner = SearchRunner()
    answers: list[str] = []
    runner.finished.connect(lambda query, _hits, _error: answers.append(query))
    for query in ("c", "ca", "cas", "case"):
        runner.start(log, query, None)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    qtbot.wait(50)
    assert answers == ["case"]
    runner.shutdown()


def test_a_search_that_fails_is_said_in_the_dialog(
    qtbot, window: MainWindow, dialog: SearchDialog, monkeypatch
) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(search, "search", broken)
    find(qtbot, dialog, "hall")
    assert dialog.empty.text() == "The log could not be searched: the disk went away"


@pytest.mark.slow
def test_typing_never_waits_for_a_slow_query(
    qtbot, window: MainWindow, dialog: SearchDialog, monkeypatch
) -> None:
    """The window keeps answering while a query runs: the search runs off the GUI thread."""
    real = search.search

    def slow(*args, **kwargs):
        time.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(search, "search", slow)
    qtbot.keyClicks(dialog.query, "hall")
    qtbot.waitUntil(lambda: dialog.runner.busy, timeout=2000)
    started = time.perf_counter()
    qtbot.keyClicks(dialog.query, "s")  # the event loop runs these at once, not after the query
    assert time.perf_counter() - started < 0.3
    with qtbot.waitSignal(dialog.searched, timeout=5000):
        pass
    qtbot.waitUntil(lambda: dialog.model.query == "halls", timeout=5000)
