"""The main window: menus, the dispute chosen in the toolbar, the tabs, the status bar.

It owns the open log and is where widgets meet: `_connect_signals` wires every signal between them, and
`install_features` adds the commands that live in modules of their own (search, backups, export, meeting
mode, history…). When a service reports an Outcome, `report(outcome)` re-emits it as `log_changed` and each
tab refreshes only if the change concerns it.

It is built in two steps so a rep sees the program at once: the frame (menus, toolbar, tab bar) needs
only Qt, and shows while the log is opened; `attach(log)` then builds the tab in view, whose first screen
is read with plain SQL (services.first_screen). Each other tab is built the first time it is shown or asked
for (`window.grievances` builds the Grievances tab if need be). `load()` fills the tab in view (`filled`) and then, the first time,
installs the features (`loaded`); `load(features_later=True)` installs them once the filled tab has been
painted and what they need (SQLAlchemy, the models, the services) has been imported on a thread
(ui.loading), the window answering the rep meanwhile. `MainWindow(log)` attaches and installs at once.
`detach()` undoes `attach`: the window lets go of its log and shows the bare frame again, ready for another
`attach`; the features stay.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QTabWidget, QToolBar, QWidget

from stls_desk import APP_NAME, __version__
from stls_desk.domain.enums import GrievanceStatus
from stls_desk.ui import loading, menus, messages, settings
from stls_desk.ui.dispute_selector import DisputeSelector
from stls_desk.ui.resources import app_icon
from stls_desk.ui.window_tabs import (
    BALLOTS,
    GRIEVANCES,
    MEETINGS,
    OVERVIEW,
    PEOPLE,
    POSITIONS,
    PROPOSALS,
    WindowTabs,
    tab_class,
)

if TYPE_CHECKING:
    from stls_desk.db.driver import LogKey
    from stls_desk.db.log import Log
    from stls_desk.services.core import Outcome
    from stls_desk.ui.operations import Operations
    from stls_desk.ui.tabs.ballots import BallotsTab
    from stls_desk.ui.tabs.base import DisputeTab
    from stls_desk.ui.tabs.grievances import GrievancesTab
    from stls_desk.ui.tabs.meetings import MeetingsTab
    from stls_desk.ui.tabs.overview import OverviewTab
    from stls_desk.ui.tabs.people import PeopleTab
    from stls_desk.ui.tabs.positions import PositionsTab
    from stls_desk.ui.tabs.proposals import ProposalsTab

Today = Callable[[], date]

STATUS_MESSAGE_MS = 5000
TAB_OF_ENTITY = {
    "grievance": GRIEVANCES,
    "proposal": PROPOSALS,
    "meeting": MEETINGS,
    "ballot": BALLOTS,
    "key_date": BALLOTS,
    "person": PEOPLE,
}
"""The tab that shows each kind of record."""


class MainWindow(QMainWindow):
    log_changed = Signal(object)
    """An Outcome: what one user action changed in the log."""
    filled = Signal()
    """The log's disputes are listed and the visible tab is filled: the rep can read it."""
    loaded = Signal()
    """After `filled`: every feature is installed too, and the window is ready for any command."""
    tab_built = Signal(object)
    """A tab (a DisputeTab) was built, on first showing or first use, and is in its place."""
    detached = Signal()
    """The window let go of its log: whatever shows anything of it empties itself."""

    log: Log
    """The log shown: set by `attach`, gone after `detach` (see `attached`)."""
    operations: Operations
    """Where every change goes (made at the first `attach`, given each log after)."""

    def __init__(
        self, log: Log | None = None, *, today: Today = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._undo_stack = QUndoStack(self)
        self._wired = False  # the signals that need a log: wired at the first attach, once
        self._features = False  # search, backups, export…: installed once, by the first load at the latest
        self._loaded = False  # load() has listed the attached log's disputes
        self._setup_frame()
        self._connect_frame_signals()
        self._restore_geometry()
        if log is not None:
            self.attach(log)
            self.install_features()

    def _setup_frame(self) -> None:
        """What the window shows before the log is open: menus, the dispute toolbar, the tab bar."""
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setWindowTitle(APP_NAME)
        # A fixed minimum, so the window's size limits do not shift each time a tab fills: the layout
        # would otherwise pass every change to the window system (which the offscreen platform warns of).
        self.setMinimumSize(760, 520)
        self._titles = (
            self.tr("Overview"),
            self.tr("Grievances"),
            self.tr("Proposals"),
            self.tr("Meetings"),
            self.tr("Ballots && dates"),
            self.tr("People"),
            self.tr("Positions"),
        )
        self.tab_widget = QTabWidget(self)
        self.tab_widget.setObjectName("tabs")
        self.tab_widget.setDocumentMode(True)
        opening = QWidget(self.tab_widget)
        self._opening = QLabel(self.tr("Opening the log…"), opening)
        centred = QHBoxLayout(opening)  # by stretches: Qt's alignment flags can wait until after the paint
        centred.addStretch(1)
        centred.addWidget(self._opening)
        centred.addStretch(1)
        self._tabs = WindowTabs(self.tab_widget, self._titles, opening)
        self.setCentralWidget(self.tab_widget)

        self.window_actions = menus.build_actions(self, self._titles, self._undo_stack)
        self.window_actions.show_tab[0].setChecked(True)
        self.menus = menus.build_menus(self.menuBar(), self.window_actions)

        self.dispute_selector = DisputeSelector(self)
        toolbar = QToolBar(self.tr("Dispute"), self)
        toolbar.setObjectName("disputeToolBar")
        toolbar.setMovable(False)
        label = QLabel(self.tr("Dispute:"), toolbar)
        label.setBuddy(self.dispute_selector)
        label.setContentsMargins(6, 0, 6, 0)
        toolbar.addWidget(label)
        toolbar.addWidget(self.dispute_selector)
        self.addToolBar(toolbar)

        self.log_label = QLabel(self)
        self.log_label.setObjectName("logLabel")
        self.statusBar().addPermanentWidget(self.log_label)

    def show_opening(self, path: Path) -> None:
        """Say which log is being opened while it is."""
        self.setWindowTitle(f"{APP_NAME} — {path.name}")
        self._opening.setText(self.tr("Opening %1…").replace("%1", path.name))

    def attach(self, log: Log) -> None:
        """Open the window on the log: build the tab in view (the other tabs are built when first shown)
        and, the first time, wire the window's own signals. `load()` then fills the tab."""
        from stls_desk.ui.operations import Operations

        self.log = log
        if self._wired:
            self.operations.set_log(log)
        else:
            self.operations = Operations(log, self, stack=self._undo_stack)
        self._show_log_name()
        self.tab(max(self.tab_widget.currentIndex(), 0))
        if not self._wired:
            self._wired = True
            menus.set_shortcuts(self.window_actions)  # not before: the frame is painted first
            self._connect_signals()

    def detach(self) -> Log:
        """Let go of the log and show the bare frame again; the log is returned open, for the caller to close.

        Every tab is deleted (each is built again when next shown), the undo steps are dropped, and whatever
        else shows the log empties itself on `detached`: the window keeps no row of the log and no reference
        to it. `attach(log)` then opens it, or another log, in the same window.
        """
        log = self.log
        self.save_state()  # column widths and splitters, which the tabs built again start from
        self._loaded = False
        self.operations.forget_log()
        self._tabs.clear()
        self.dispute_selector.set_disputes([])
        del self.log
        self.setWindowTitle(APP_NAME)
        self.setWindowFilePath("")
        self.log_label.clear()
        self.detached.emit()
        return log

    @property
    def attached(self) -> bool:
        """Whether the window shows a log (between `attach` and `detach`)."""
        return hasattr(self, "log")

    @property
    def is_loaded(self) -> bool:
        """Whether `load()` has listed the attached log's disputes."""
        return self._loaded

    # -- the tabs --

    def tab(self, index: int) -> DisputeTab:
        """The tab at index (the tab bar's order), built now if it has not been yet; needs a log attached."""
        built = self._tabs.get(index)
        if built is not None:
            return built
        tab = tab_class(index)(self.log, self._today, self)
        name = type(tab).__name__
        tab.setObjectName(name[0].lower() + name[1:])
        tab.set_operations(self.operations)
        self.log_changed.connect(tab.on_log_changed)
        tab.record_activated.connect(self._on_tab_record_activated)
        if index == OVERVIEW:
            cast("OverviewTab", tab).grievance_statuses_requested.connect(
                self._on_overview_grievance_statuses_requested
            )
        if self._loaded:
            tab.set_dispute(self.dispute_selector.current_dispute_id())  # read when shown
        self._tabs.put(index, tab)
        self.tab_built.emit(tab)
        return tab

    def built_tabs(self) -> list[DisputeTab]:
        """The tabs built so far, in the tab bar's order."""
        return self._tabs.built()

    @property
    def tabs(self) -> tuple[DisputeTab, ...]:
        """Every tab, building those not built yet: for what truly needs them all."""
        return tuple(self.tab(n) for n in range(len(self._tabs)))

    @property
    def overview(self) -> OverviewTab:
        return cast("OverviewTab", self.tab(OVERVIEW))

    @property
    def grievances(self) -> GrievancesTab:
        return cast("GrievancesTab", self.tab(GRIEVANCES))

    @property
    def proposals(self) -> ProposalsTab:
        return cast("ProposalsTab", self.tab(PROPOSALS))

    @property
    def meetings(self) -> MeetingsTab:
        return cast("MeetingsTab", self.tab(MEETINGS))

    @property
    def ballots(self) -> BallotsTab:
        return cast("BallotsTab", self.tab(BALLOTS))

    @property
    def people(self) -> PeopleTab:
        return cast("PeopleTab", self.tab(PEOPLE))

    @property
    def positions(self) -> PositionsTab:
        return cast("PositionsTab", self.tab(POSITIONS))

    def _connect_frame_signals(self) -> None:
        a = self.window_actions
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self._on_about_triggered)
        for n, action in enumerate(a.show_tab):
            action.triggered.connect(lambda _checked=False, n=n: self.tab_widget.setCurrentIndex(n))
        self.tab_widget.currentChanged.connect(self._on_tab_widget_current_changed)

    def _connect_signals(self) -> None:
        a = self.window_actions
        a.new_log.triggered.connect(self._on_new_log_triggered)
        a.open_log.triggered.connect(self._on_open_log_triggered)
        a.copy.triggered.connect(self._on_copy_triggered)
        a.preferences.triggered.connect(self._on_preferences_triggered)
        a.reload.triggered.connect(self._on_reload_triggered)
        self.dispute_selector.currentIndexChanged.connect(self._on_dispute_selector_current_index_changed)
        self.log_changed.connect(self._on_log_changed)
        self.operations.changed.connect(self.report)
        self.operations.message.connect(self._on_operations_message)

    def install_features(self) -> None:
        """Add the commands that live in modules of their own (once per window; they outlive a detach),
        then put the docks and toolbars back as the rep left them."""
        if self._features:
            return
        self._features = True
        from stls_desk.ui import (
            dispute_actions,
            encryption,
            meeting_mode,
            pack_export,
            record_actions,
            records_menu,
            search,
        )
        from stls_desk.ui.widgets import history

        self.record_actions = record_actions.install(self)
        self.dispute_actions = dispute_actions.install(self, self._today)
        self.records_menu = records_menu.install(self, self._today)
        self.pack_export = pack_export.install(self, self._today)
        self.meeting_mode = meeting_mode.install(self, self._today)
        self.search = search.install(self)
        self.history = history.install(self)
        if getattr(self, "encryption", None) is None:  # once per window: it outlives a lock and an unlock
            self.encryption = encryption.install(self)
        self._restore_state()  # after the features, whose docks it restores

    # -- the log --

    def load(self, *, features_later: bool = False) -> None:
        """List the log's disputes and fill the visible tab (`filled`), then install the features if they
        are not yet (`loaded`): at once, or with features_later once the filled tab is painted and what they
        need is loaded (`_load_the_rest`). The window shows first, then this runs."""
        self._list_disputes(keep=None)  # a dispute id of another log means nothing in this one
        self._loaded = True
        self._apply_dispute()
        self.filled.emit()
        if self._features or not features_later:
            self.install_features()
            self.loaded.emit()
        else:
            QTimer.singleShot(0, self._load_the_rest)

    def _load_the_rest(self) -> None:
        """Install the commands once what they need is loaded (ui.loading): the window answers meanwhile."""
        if self._features or not self.attached or not self.isVisible():
            return  # installed meanwhile, or the window closed or let go of its log first
        loading.load_the_rest(self, self._install_features_later)

    def _install_features_later(self) -> None:
        if self._features or not self.attached or not self.isVisible():
            return  # installed meanwhile, or the window closed or let go of its log before they came
        self.install_features()
        self.loaded.emit()

    def report(self, outcome: Outcome) -> None:
        """A service changed the log: tell every tab (each refreshes only if it concerns it)."""
        self.log_changed.emit(outcome)

    def open_log_file(
        self, path: Path, *, create: bool, again: bool = False, key: LogKey | None = None
    ) -> bool:
        """Show another log in this window; on failure say why and keep the current one open.

        The new log is opened before the old one is closed, so a refusal (not a log, in use elsewhere)
        leaves the window exactly as it was; the old log is closed before any tab reads the new one.
        again=True opens the window's own log afresh, after a restore put a backup in its place. An
        encrypted log opens with key, or with the passphrase the rep is asked for; key with create=True
        makes a new encrypted log.
        """
        if not again and path.resolve() == self.log.path.resolve():
            self.statusBar().showMessage(
                self.tr("%1 is already open.").replace("%1", path.name), STATUS_MESSAGE_MS
            )
            return True
        if create and path.exists():
            messages.show_error(
                self,
                self.tr("Cannot create the log"),
                self.tr(
                    "There is already a file at %1. Choose another name, or open it with File ▸ Open log."
                ).replace("%1", str(path)),
            )
            return False
        from stls_desk.db.log import LogError
        from stls_desk.ui import encryption

        try:
            opened = encryption.open_asking(
                self,
                path,
                key=key,
                decline_text=self.tr("Keep the current log"),
                create=create,
                actor=self.log.actor,
            )
            if opened is None:
                return False
            new_log = opened
        except LogError as exc:
            messages.show_error(self, self.tr("Cannot open the log"), str(exc))
            return False
        settings.LOG_FOLDER.write(str(path.parent))
        self.switch_log(new_log)
        done = self.tr("Created %1.") if create else self.tr("Opened %1.")
        self.statusBar().showMessage(done.replace("%1", path.name), STATUS_MESSAGE_MS)
        return True

    def switch_log(self, new_log: Log) -> None:
        """Show new_log in place of the current one, which is closed before any tab reads the new one."""
        old, self.log = self.log, new_log
        old.close()
        self.operations.set_log(new_log)
        for tab in self.built_tabs():
            tab.set_log(new_log)
        self._show_log_name()
        self.load()

    def close_log(self, *, forget_key: bool = True) -> None:
        if self.attached:
            self.log.close(forget_key=forget_key)

    def _list_disputes(self, keep: int | None) -> None:
        from stls_desk.services import first_screen

        self.dispute_selector.set_disputes(first_screen.list_disputes(self.log), keep)

    def _apply_dispute(self) -> None:
        dispute_id = self.dispute_selector.current_dispute_id()
        for tab in self.built_tabs():  # a tab built later is given the dispute then
            tab.set_dispute(dispute_id)

    def _show_log_name(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self.log.path.name}")
        self.setWindowFilePath(str(self.log.path))
        text = (
            self.tr("%1 (encrypted) · changes recorded as %2")
            if self.log.encrypted
            else self.tr("%1 · changes recorded as %2")
        )
        self.log_label.setText(text.replace("%1", str(self.log.path)).replace("%2", self.log.actor))

    # -- records --

    def open_record(self, entity: str, record_id: int) -> bool:
        """Switch to the tab that holds the record and select it; False for a kind no tab shows."""
        index = TAB_OF_ENTITY.get(entity)
        if index is None:
            return False
        self.tab_widget.setCurrentIndex(index)
        if index == BALLOTS:
            self.ballots.select_record(record_id, entity)
        else:
            self.tab(index).select_record(record_id)
        return True

    # -- state --

    def _restore_geometry(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.read()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 820)

    def _restore_state(self) -> None:
        """Docks and toolbars as the rep left them: after attach, when every dock exists."""
        state = settings.WINDOW_STATE.read()
        if not state.isEmpty():
            self.restoreState(state)

    def save_state(self) -> None:
        settings.WINDOW_GEOMETRY.write(self.saveGeometry())
        if self._features:  # the docks exist (else: closed before they came, and kept as they were)
            settings.WINDOW_STATE.write(self.saveState())
        for tab in self.built_tabs():  # a tab never built has nothing new to remember
            tab.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.close_log()
        super().closeEvent(event)

    # -- slots --

    @Slot()
    def _on_new_log_triggered(self) -> None:
        from stls_desk.ui.dialogs import files

        path = files.ask_new_path(self, self._folder())
        if path is not None:
            self.open_log_file(path, create=True)

    @Slot()
    def _on_open_log_triggered(self) -> None:
        from stls_desk.ui.dialogs import files

        path = files.ask_open_path(self, self._folder())
        if path is not None:
            self.open_log_file(path, create=False)

    def _folder(self) -> str:
        return settings.LOG_FOLDER.read() or str(self.log.path.parent)

    @Slot()
    def _on_copy_triggered(self) -> None:
        tab = self._tabs.current()
        text = tab.copy_text() if tab is not None else ""
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Copied the selected row."), STATUS_MESSAGE_MS)

    @Slot()
    def _on_preferences_triggered(self) -> None:
        from stls_desk.ui.dialogs import preferences

        chosen = preferences.ask(self, preferences.current(self.log.actor), open_log=self.log.path)
        if chosen is not None:
            problem = preferences.apply(chosen)
            self.encryption.apply_idle_setting()
            self.log.actor = chosen.rep_name
            self._show_log_name()
            if problem:
                messages.show_error(self, self.tr("Preferences"), problem)

    @Slot()
    def _on_reload_triggered(self) -> None:
        self._list_disputes(keep=self.dispute_selector.current_dispute_id())
        self._apply_dispute()
        self.statusBar().showMessage(self.tr("Read the log again."), STATUS_MESSAGE_MS)

    @Slot()
    def _on_about_triggered(self) -> None:
        messages.show_about(
            self,
            self.tr("About STLS Desk"),
            self.tr(
                "<h3>STLS Desk %1</h3><p>A negotiation log for trade-union reps: grievances, proposals, "
                "meetings, ballots and key dates, kept in one file on this computer.</p>"
                "<p>Licensed under the GNU GPL, version 3 or later.</p>"
            ).replace("%1", __version__),
        )

    @Slot(str)
    def _on_operations_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    @Slot(int)
    def _on_tab_widget_current_changed(self, index: int) -> None:
        if self.attached and index >= 0:
            self.tab(index)  # first shown: built now, and in place before anyone else hears of the change
        for n, action in enumerate(self.window_actions.show_tab):
            action.setChecked(n == index)

    @Slot(int)
    def _on_dispute_selector_current_index_changed(self, _index: int) -> None:
        self._apply_dispute()

    @Slot(object)
    def _on_log_changed(self, outcome: Outcome) -> None:
        if outcome.entity == "dispute":
            keep = self.dispute_selector.current_dispute_id()
            self._list_disputes(keep)
            if self.dispute_selector.current_dispute_id() != keep:
                self._apply_dispute()

    @Slot(str, int)
    def _on_tab_record_activated(self, entity: str, record_id: int) -> None:
        self.open_record(entity, record_id)

    @Slot(str)
    def _on_overview_grievance_statuses_requested(self, status: str) -> None:
        from stls_desk.ui.tabs.grievances import OPEN

        self.tab_widget.setCurrentWidget(self.grievances)
        self.grievances.show_statuses(frozenset({GrievanceStatus(status)}) if status else OPEN)
