"""The Qt binding must not leak references: PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to
None on every call of a method returning nothing, and a long session (or one meeting-mode slide deck) then
freed None and killed the program. pyproject keeps that release out; this test keeps it out for good."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_calls_returning_nothing_leave_none_alone(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.setObjectName("x")
        font.setPixelSize(12)
    assert sys.getrefcount(None) >= before - 100
