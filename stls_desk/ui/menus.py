"""The main window's actions and its File, Edit, View and Help menus. Only actions that work are here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


Shortcut = QKeySequence | QKeySequence.StandardKey | str


@dataclass(frozen=True)
class WindowActions:
    """The window's own actions. Their keys (`shortcuts`) are given by `set_shortcuts`, after the window is
    first painted: the first shortcut set builds Qt's tables of keys, about 20 ms the rep would otherwise
    wait for the window."""

    undo: QAction
    redo: QAction
    new_log: QAction
    open_log: QAction
    quit: QAction
    copy: QAction
    preferences: QAction
    show_tab: tuple[QAction, ...]
    reload: QAction
    about: QAction
    shortcuts: tuple[tuple[QAction, Shortcut], ...]


def window_action(
    window: QMainWindow,
    name: str,
    text: str,
    shortcut: Shortcut | None = None,
    tip: str = "",
) -> QAction:
    """An action of the window (its shortcut works wherever the focus is), named for tests and tools."""
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action


def build_actions(window: QMainWindow, tab_titles: Sequence[str], undo_stack: QUndoStack) -> WindowActions:
    keys: list[tuple[QAction, Shortcut]] = []

    def action(name: str, text: str, shortcut: Shortcut | None = None) -> QAction:
        made = window_action(window, name, text)
        if shortcut is not None:
            keys.append((made, shortcut))
        return made

    show_tab = []
    for n, title in enumerate(tab_titles, start=1):
        shown = action(f"showTab{n}Action", title, f"Ctrl+{n}")
        shown.setCheckable(True)
        show_tab.append(shown)
    undo = undo_stack.createUndoAction(window, _tr("&Undo"))
    undo.setObjectName("undoAction")
    keys.append((undo, QKeySequence.StandardKey.Undo))
    redo = undo_stack.createRedoAction(window, _tr("&Redo"))
    redo.setObjectName("redoAction")
    window.addAction(undo)
    window.addAction(redo)
    actions = WindowActions(
        undo=undo,
        redo=redo,
        new_log=action("newLogAction", _tr("&New log…"), "Ctrl+Shift+N"),
        open_log=action("openLogAction", _tr("&Open log…"), "Ctrl+O"),
        quit=action("quitAction", _tr("&Quit"), "Ctrl+Q"),
        copy=action("copyAction", _tr("&Copy selected row"), QKeySequence.StandardKey.Copy),
        preferences=action("preferencesAction", _tr("&Preferences…"), "Ctrl+,"),
        show_tab=tuple(show_tab),
        reload=action("reloadAction", _tr("&Reload from disk"), "F5"),
        about=action("aboutAction", _tr("&About STLS Desk")),
        shortcuts=tuple(keys),
    )
    actions.new_log.setStatusTip(_tr("Create a new, empty log file"))
    actions.open_log.setStatusTip(_tr("Open another log in this window"))
    actions.copy.setStatusTip(_tr("Copy the selected row as text, its columns separated by tabs"))
    actions.preferences.setStatusTip(
        _tr("Your name in the audit trail, the log opened at start, how many backups to keep")
    )
    actions.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    actions.reload.setStatusTip(_tr("Read the log again, for changes made by a command outside this window"))
    return actions


def set_shortcuts(actions: WindowActions) -> None:
    """Give the window's actions their keys (see WindowActions); harmless twice."""
    for action, shortcut in actions.shortcuts:
        action.setShortcut(QKeySequence(shortcut))
    actions.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])


@dataclass(frozen=True)
class WindowMenus:
    """The menus, so a feature's own module can add its actions (File's go before `actions.quit`)."""

    file: QMenu
    edit: QMenu
    view: QMenu
    help: QMenu


def build_menus(menu_bar: QMenuBar, actions: WindowActions) -> WindowMenus:
    file_menu = menu_bar.addMenu(_tr("&File"))
    file_menu.addAction(actions.new_log)
    file_menu.addAction(actions.open_log)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = menu_bar.addMenu(_tr("&Edit"))
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.copy)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.preferences)
    view_menu = menu_bar.addMenu(_tr("&View"))
    for action in actions.show_tab:
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(actions.reload)
    help_menu = menu_bar.addMenu(_tr("&Help"))
    help_menu.addAction(actions.about)
    return WindowMenus(file_menu, edit_menu, view_menu, help_menu)
