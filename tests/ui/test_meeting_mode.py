"""Meeting mode on the demo log: paged through from the keyboard, checked against the services, no member
named on any page, big type at 1920×1080, long text cut with an ellipsis, and the printed handout."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stls_desk.db.log import Log
from stls_desk.domain.enums import PersonRole
from stls_desk.services import grievances, people, proposals
from stls_desk.services.meeting_deck import PageKind, meeting_pages
from stls_desk.services.positions import positions
from stls_desk.ui import meeting_mode
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.meeting_mode import MeetingModeWindow
from stls_desk.ui.meeting_mode_pages import ELLIPSIS, MIN_BODY_POINTS, Slide

MEETING_DAY = date(2025, 2, 19)
DISPUTE = 1


@pytest.fixture
def demo_window(qtbot, demo_log: Log) -> Iterator[MainWindow]:
    win = MainWindow(demo_log, today=lambda: MEETING_DAY)
    qtbot.addWidget(win)
    win.show()
    win.load()
    win.dispute_selector.select_dispute(DISPUTE)
    yield win


def member_names(log: Log) -> set[str]:
    names: set[str] = set()
    for person in people.list_people(log, DISPUTE, role=PersonRole.MEMBER):
        names.add(person.name)
        names.update(part for part in person.name.split() if len(part) > 1)
    return names


def open_mode(qtbot, window: MainWindow) -> MeetingModeWindow:
    window.meeting_mode.action.trigger()
    mode = window.meeting_mode.screen_window
    assert mode is not None and mode.isFullScreen()
    mode.showNormal()  # the offscreen screen is small: lay the pages out as on a 1920×1080 projector
    mode.resize(1920, 1080)
    qtbot.waitUntil(lambda: mode.size().width() == 1920)
    return mode


def first_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[:n])


def test_paging_through_every_issue_from_the_keyboard(qtbot, demo_window: MainWindow, demo_log: Log) -> None:
    assert demo_window.meeting_mode.action.shortcut().toString() == "F11"
    mode = open_mode(qtbot, demo_window)
    deck = meeting_pages(demo_log, DISPUTE, MEETING_DAY)
    issues = [p for p in positions(demo_log, DISPUTE, MEETING_DAY) if not p.confidential]
    assert mode.page_count == len(deck.pages) == len(issues) + 2
    names = member_names(demo_log)
    forward = [Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Down, Qt.Key.Key_Return]
    seen: list[str] = []
    for n, page in enumerate(deck.pages):
        assert mode.index == n and mode.counter() == f"{n + 1} / {len(deck.pages)}"
        slide = mode.slide()
        shown = slide.shown_text()
        assert slide.body_points >= MIN_BODY_POINTS
        assert shown.startswith(first_words(page.title))
        assert slide.counter == mode.counter()
        assert not [name for name in names if name in shown], page.title
        if page.kind is PageKind.ISSUE:
            issue = issues[n - 1]
            assert page.reference == issue.reference and shown.startswith(issue.reference)
            assert issue.status in shown
            assert first_words(page.union_position) in shown
            assert "The union's position" in shown and "The council's" in shown
            if issue.offer is not None:
                assert f"{issue.offer.reference}, revision {issue.offer.revision}" in shown
        else:
            for group in page.groups:
                assert group.heading in shown
        seen.append(page.reference or page.kind.value)
        qtbot.keyClick(mode, forward[n % len(forward)])
    assert seen == ["since", *[i.reference for i in issues], "dates"]
    assert mode.index == len(deck.pages) - 1  # no page after the last
    for key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up):
        before = mode.index
        qtbot.keyClick(mode, key)
        assert mode.index == before - 1
    qtbot.keyClick(mode, Qt.Key.Key_Home)
    assert mode.index == 0 and mode.slide().page.kind is PageKind.SINCE
    qtbot.keyClick(mode, Qt.Key.Key_End)
    assert mode.slide().page.kind is PageKind.DATES
    qtbot.keyClick(mode, Qt.Key.Key_B)  # a clicker's "blank screen"
    assert mode.blank and mode.shown_text() == ""
    qtbot.keyClick(mode, Qt.Key.Key_Period)  # any key brings the page back, without moving
    assert not mode.blank and mode.slide().page.kind is PageKind.DATES
    with qtbot.waitSignal(mode.left):
        qtbot.keyClick(mode, Qt.Key.Key_Escape)
    assert demo_window.meeting_mode.screen_window is None
    assert demo_window.statusBar().currentMessage() == "Left meeting mode."


def test_the_pages_are_the_members_version(qtbot, demo_window: MainWindow, demo_log: Log) -> None:
    mode = open_mode(qtbot, demo_window)
    names = member_names(demo_log)
    for n in range(mode.page_count):
        mode.go_to(n)
        assert not [name for name in names if name in mode.deck.pages[n].text()]
        assert not [name for name in names if name in mode.accessibleDescription()]
    assert "G-008" not in [page.reference for page in mode.deck.pages]  # confidential
    lease_car = next(n for n, page in enumerate(mode.deck.pages) if page.reference == "G-006")
    mode.go_to(lease_car)
    assert "Member " in mode.shown_text()
    mode.close()


def test_type_scales_with_the_screen_and_long_text_is_cut_never_clipped(qtbot, log: Log, sample) -> None:
    long_position = " ".join(f"Point {n}: the council must <b>answer</b> & pay." for n in range(300))
    g = grievances.create_grievance(log, sample.dispute, "A <i>long</i> grievance", detail=long_position).id
    deck = meeting_pages(log, sample.dispute, date(2025, 3, 3))
    reference = grievances.get_grievance(log, g).row.reference
    page = next(p for p in deck.pages if p.reference == reference)
    for width, height in ((1920, 1080), (3840, 2160), (1280, 720)):
        slide = Slide(page, width, height, counter="2 / 9")
        assert slide.body_points >= MIN_BODY_POINTS * height / 1080 - 1e-6
        assert slide.cut
        assert ELLIPSIS in slide.shown_text()
        assert "A <i>long</i> grievance" in slide.shown_text()  # markup shown as written
        for op in slide.ops:
            if op.layout is not None:
                box = op.layout.boundingRect()
                assert op.at.y() >= 0 and op.at.y() + box.height() <= height, op.layout.text()
                assert op.at.x() + op.layout.lineAt(0).naturalTextWidth() <= width - 90 * height / 1080
    big = Slide(page, 1920, 1080)
    assert big.points(34) == pytest.approx(34) and Slide(page, 3840, 2160).points(34) == pytest.approx(68)
    short = next(p for p in deck.pages if p.kind is PageKind.DATES)
    assert Slide(short, 1920, 1080).body_points == pytest.approx(34)  # room to spare: no shrinking


def test_the_handout_prints_the_same_pages(
    qtbot, demo_window: MainWindow, demo_log: Log, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "handout.pdf"
    asked: list[Path] = []

    def fake_ask(parent, suggested: Path):
        asked.append(suggested)
        return meeting_mode.handout_printer(target)

    monkeypatch.setattr(meeting_mode, "ask_printer", fake_ask)
    assert demo_window.meeting_mode.print_action.text() == "&Print meeting handout…"
    demo_window.meeting_mode.print_action.trigger()
    assert asked and asked[0].name.endswith(".pdf") and "meeting-handout" in asked[0].name
    reader = PdfReader(target)
    deck = meeting_pages(demo_log, DISPUTE, MEETING_DAY)
    assert len(reader.pages) == len(deck.pages)
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Since our last members" in flat and "Next dates" in flat
    for page in deck.pages[1:-1]:
        assert page.reference in flat
    assert not [name for name in member_names(demo_log) if name in text]
    assert demo_window.statusBar().currentMessage() == "Sent 11 pages to handout.pdf."


def test_a_cancelled_print_prints_nothing(
    qtbot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meeting_mode, "ask_printer", lambda parent, suggested: None)
    assert demo_window.meeting_mode.print_handout() is None
    assert not list(tmp_path.glob("*.pdf"))


def test_meeting_mode_follows_the_log(qtbot, window: MainWindow, log: Log, sample) -> None:
    """The sample log: a revision added before opening shows as the latest offer, marked."""
    p = sample.proposals["travel"]
    proposals.add_revision(log, p, date(2025, 3, 1), "Travel time counts as working time from April.")
    window.meeting_mode.action.trigger()
    mode = window.meeting_mode.screen_window
    assert mode is not None
    texts = "\n".join(page.text() for page in mode.deck.pages)
    assert "Travel time counts as working time from April." in texts
    assert "Asha" not in texts and "Patel" not in texts  # the sample's member
    QApplication.processEvents()
    mode.close()


def test_a_long_meeting_does_not_free_none(demo_log: Log) -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None on each call of a void method; a slide makes
    thousands. Laying out slide after slide must leave None with references to spare."""
    deck = meeting_pages(demo_log, DISPUTE, MEETING_DAY)
    for n in range(60):
        Slide(deck.pages[n % len(deck.pages)], 1920, 1080)
    assert sys.getrefcount(None) > 10_000
