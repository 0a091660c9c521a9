"""The Positions tab on the sample log: one row per issue as services.positions says, the offers' history,
and what changed word by word, with user text shown exactly as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from stls_desk.db.log import Log
from stls_desk.services import proposals
from stls_desk.services.positions import positions
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.tabs.positions import PositionsTab
from tests.ui.data import TODAY, Sample, days


def show(window: MainWindow) -> PositionsTab:
    window.window_actions.show_tab[6].trigger()  # Ctrl+7
    assert window.tab_widget.currentWidget() is window.positions
    return window.positions


def column(tab: PositionsTab, n: int) -> list[str]:
    model = tab.view.model()
    return [model.index(row, n).data() for row in range(model.rowCount())]


def select(tab: PositionsTab, reference: str) -> None:
    row = next(n for n, text in enumerate(column(tab, 0)) if text.startswith(reference))
    tab.view.setCurrentIndex(tab.view.model().index(row, 0))


def test_one_row_per_issue_as_the_service_says(
    qtmodeltester, window: MainWindow, log: Log, sample: Sample
) -> None:
    tab = show(window)
    assert window.window_actions.show_tab[6].shortcut().toString() == "Ctrl+7"
    qtmodeltester.check(tab.model)
    expected = positions(log, sample.dispute, TODAY)
    assert column(tab, 0) == [f"{p.reference} {p.title}" for p in expected]
    assert column(tab, 3) == [p.status for p in expected]
    assert column(tab, 4) == [p.gap for p in expected]
    assert tab.filter_bar.count.text() == f"{len(expected)} issues"
    assert "P-003 Pay protection for two years" in column(tab, 0)  # addresses no grievance: its own row
    tab.filter_bar.text.setText("caseload")
    tab._on_filter_bar_changed()
    assert column(tab, 0) == ["G-002 Caseloads above the agreed maximum"]
    assert tab.filter_bar.count.text() == f"1 of {len(expected)} issues"


def test_a_row_shows_the_offers_and_what_the_last_revision_changed(
    qtbot, window: MainWindow, log: Log, sample: Sample
) -> None:
    tab = show(window)
    outcome = proposals.add_revision(
        log,
        sample.proposals["restructure"],
        days(-5),
        "Merge the hubs into <b>five</b> area teams & keep posts.",
    )
    window.report(outcome)
    select(tab, "G-002")
    panel = tab.panel
    assert panel.showing_record and panel.title.text() == "G-002 Caseloads above the agreed maximum"
    assert panel.fields["union"].toPlainText() == "No loss of posts."
    assert panel.fields["offer"].toPlainText() == "Merge the hubs into <b>five</b> area teams & keep posts."
    assert [tab.offers.item(n).text() for n in range(tab.offers.count())] == [
        f"P-001 revision 1, {days(-20).day} {days(-20):%b %Y} · Fourth team",
        f"P-001 revision 2, {days(-5).day} {days(-5):%b %Y}",
    ]
    assert tab.offers.currentRow() == 1
    assert tab.changes_label.text() == "What changed from revision 1 to 2 of P-001 (5 words added, 2 removed)"
    assert tab.changes.toPlainText() == "Merge the hubs into four <b>five</b> area teams. teams & keep posts."
    markup = tab.changes.toHtml()
    assert "&lt;b&gt;five&lt;/b&gt;" in markup and "line-through" in markup and "underline" in markup
    tab.offers.setCurrentRow(0)  # the first text has nothing before it
    assert tab.changes_label.text().startswith("What changed in P-001 revision 1")
    with qtbot.waitSignal(tab.record_activated) as opened:
        tab.offers.itemActivated.emit(tab.offers.item(1))
    assert opened.args == ["proposal", sample.proposals["restructure"]]
    assert window.tab_widget.currentWidget() is window.proposals


def test_enter_on_a_row_opens_its_grievance_and_changes_refresh_the_row(
    qtbot, window: MainWindow, log: Log, sample: Sample
) -> None:
    tab = show(window)
    select(tab, "G-002")
    window.report(
        proposals.change_proposal(log, sample.proposals["restructure"], union_position="Keep every post.")
    )
    assert tab.panel.fields["union"].toPlainText() == "Keep every post."  # still selected, read again
    row = next(n for n, text in enumerate(column(tab, 0)) if text.startswith("G-002"))
    assert column(tab, 1)[row] == "Keep every post."
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert window.tab_widget.currentWidget() is window.grievances
    assert window.grievances.panel.title.text().startswith("G-002")


def test_titles_with_markup_are_shown_as_typed(window: MainWindow, log: Log, sample: Sample) -> None:
    tab = show(window)
    title = "<b>Bold</b> & <i>sure</i> — Siân's ‏claim"
    window.report(proposals.create_proposal(log, sample.dispute, title, text="<script>x</script>"))
    select(tab, "P-004")
    assert tab.panel.title.text() == f"P-004 {title}"
    assert tab.panel.title.textFormat() == Qt.TextFormat.PlainText
    assert tab.panel.fields["offer"].toPlainText() == "<script>x</script>"


def test_a_dispute_without_issues_says_so(window: MainWindow, sample: Sample) -> None:
    tab = show(window)
    window.dispute_selector.select_dispute(sample.other_dispute)
    assert column(tab, 0) == ["G-001 Closure of Oak nursery"]
    assert tab.panel.showing_record is False
