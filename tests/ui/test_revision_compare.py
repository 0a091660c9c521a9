"""Two texts side by side: removed words struck through on the left, added words underlined on the right,
user text escaped, the two sides scrolling together."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from stls_desk.ui.dialogs.revision_compare import RevisionCompareDialog, Version, side_by_side


def test_removed_words_on_the_left_and_added_words_on_the_right() -> None:
    left, right, added, removed = side_by_side(
        "The council will review caseloads yearly.", "The council will cap caseloads at 30 yearly."
    )
    assert (added, removed) == (3, 1)
    assert 'text-decoration: line-through;">review</span>' in left
    assert "cap caseloads at 30" not in left
    assert 'text-decoration: underline;">cap</span>' in right
    assert 'underline;">at 30</span>' in right
    assert "review" not in right


def test_user_text_is_escaped_before_any_markup() -> None:
    left, right, _, _ = side_by_side("Pay <b>rise</b> & travel", 'Pay <script>alert("x")</script> & travel')
    assert "&lt;b&gt;rise&lt;/b&gt;" in left
    assert "<b>" not in left and "<script>" not in right
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in right
    assert "&amp; travel" in right


def test_the_panes_show_the_texts_as_written(qtbot: QtBot) -> None:
    before = "Clause 1: <keep> the hubs.\nClause 2: Dydd Gŵyl Dewi ✊ is a closure day."
    after = "Clause 1: <keep> three hubs.\nClause 2: Dydd Gŵyl Dewi ✊ is a closure day.\nClause 3: ‏שלום"
    versions = [Version("Revision 1, 6 Nov 2024", before), Version("Revision 2, 15 Jan 2025", after)]
    dialog = RevisionCompareDialog(None, "P-001  <i>Restructure</i>", versions, 0, 1)
    qtbot.addWidget(dialog)
    assert dialog.left.toPlainText() == before
    assert dialog.right.toPlainText() == after
    assert dialog.summary.text() == "Revision 1 → Revision 2: 4 words added, 1 word removed."
    html = dialog.right.toHtml()
    assert "underline" in html and "three" in html
    assert "line-through" in dialog.left.toHtml()
    dialog.right_choice.setCurrentIndex(0)
    assert dialog.summary.text() == "The two texts are the same."
    assert "line-through" not in dialog.left.toHtml()


def test_the_sides_scroll_together(qtbot: QtBot) -> None:
    long_text = "\n".join(f"Clause {n}: the council will consult." for n in range(200))
    longer = long_text.replace("consult", "consult the union") + "\nClause 200: new."
    dialog = RevisionCompareDialog(None, "P-002", [Version("A", long_text), Version("B", longer)], 0, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    left, right = dialog.left.verticalScrollBar(), dialog.right.verticalScrollBar()
    assert left.maximum() > 0 and right.maximum() > 0
    left.setValue(left.maximum())
    assert right.value() == right.maximum()
    right.setValue(right.maximum() // 2)
    assert abs(left.value() - left.maximum() // 2) <= 2
