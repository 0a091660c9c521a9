"""The main window's tabs, each built the first time it is shown or asked for.

Opening a log builds the tab in view (the Overview, usually) and nothing else: a tab's module, its widgets
and its first read of the log wait until the rep goes to it. Until then a blank page holds its place in the
tab bar, so the bar, the View menu and Ctrl+1…7 are whole from the first paint. Letting go of the log
(`MainWindow.detach`) deletes every built tab and puts the blank pages back, so no tab keeps a row of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:
    from stls_desk.ui.tabs.base import DisputeTab

OVERVIEW, GRIEVANCES, PROPOSALS, MEETINGS, BALLOTS, PEOPLE, POSITIONS = range(7)


def tab_class(index: int) -> type[DisputeTab]:
    """The class of the tab at index, its module imported now (the tab bar's order)."""
    if index == OVERVIEW:
        from stls_desk.ui.tabs.overview import OverviewTab

        return OverviewTab
    if index == GRIEVANCES:
        from stls_desk.ui.tabs.grievances import GrievancesTab

        return GrievancesTab
    if index == PROPOSALS:
        from stls_desk.ui.tabs.proposals import ProposalsTab

        return ProposalsTab
    if index == MEETINGS:
        from stls_desk.ui.tabs.meetings import MeetingsTab

        return MeetingsTab
    if index == BALLOTS:
        from stls_desk.ui.tabs.ballots import BallotsTab

        return BallotsTab
    if index == PEOPLE:
        from stls_desk.ui.tabs.people import PeopleTab

        return PeopleTab
    if index == POSITIONS:
        from stls_desk.ui.tabs.positions import PositionsTab

        return PositionsTab
    raise IndexError(f"no tab {index}")


class WindowTabs:
    """The pages of the window's QTabWidget: a blank page for each tab not built yet, the tab once it is."""

    def __init__(self, tab_widget: QTabWidget, titles: Sequence[str], first_page: QWidget) -> None:
        self._widget = tab_widget
        self._titles = tuple(titles)
        self._built: dict[int, DisputeTab] = {}
        tab_widget.addTab(first_page, self._titles[0])
        for title in self._titles[1:]:
            tab_widget.addTab(self._blank(), title)

    def __len__(self) -> int:
        return len(self._titles)

    def get(self, index: int) -> DisputeTab | None:
        """The tab at index if it is built, else None."""
        return self._built.get(index)

    def built(self) -> list[DisputeTab]:
        """The tabs built so far, in the tab bar's order."""
        return [self._built[n] for n in sorted(self._built)]

    def current(self) -> DisputeTab | None:
        """The tab in view, if it is built."""
        return self._built.get(self._widget.currentIndex())

    def put(self, index: int, tab: DisputeTab) -> None:
        """Put a newly built tab in its page's place, the page in view staying in view."""
        self._built[index] = tab
        self._replace(index, tab)

    def clear(self) -> None:
        """Delete every built tab and put blank pages back in their places."""
        built, self._built = self._built, {}
        for index in built:
            self._replace(index, self._blank())

    def _replace(self, index: int, page: QWidget) -> None:
        """Put page in the place of the page at index, and delete that one."""
        # The new page goes in before the old one leaves, so the tab in view never moves to a neighbour
        # (which would show it, and make a built neighbour read the log for nothing).
        widget = self._widget
        in_view = widget.currentIndex() == index
        old = widget.widget(index)
        widget.blockSignals(True)  # the same tab stays in view; only its page changes
        try:
            widget.insertTab(index, page, self._titles[index])
            if in_view:
                widget.setCurrentIndex(index)
            widget.removeTab(index + 1)
        finally:
            widget.blockSignals(False)
        if old is not None:
            old.deleteLater()

    def _blank(self) -> QWidget:
        return QWidget(self._widget)
