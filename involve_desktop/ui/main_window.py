"""The main window: areas on the left, the current screen on the right, a status bar.

Screens are made the first time they are shown, after the database layer has loaded in
the background, so the window itself opens at once.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.ui import prompts
from involve_desktop.ui.areas import AREAS, Area, area_shortcuts
from involve_desktop.ui.progress import still_running
from involve_desktop.ui.screens.base import Screen

DEFAULT_SIZE = (1100, 720)


def _set_shortcut(action: QAction, keys: str) -> None:
    # setShortcuts() with a list, because setShortcut()'s overload check builds all of the
    # Qt namespace's enums: 40 ms at every start.
    action.setShortcuts([QKeySequence(keys)])


class LoadingPanel(QWidget):
    """Shown for the moment between the window opening and the records being ready."""

    def __init__(self) -> None:
        super().__init__()
        # Centred with rich text: touching the Qt namespace's enums costs 40 ms at start.
        self.label = QLabel("<div align='center'>Opening your records\u2026</div>")
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setAccessibleName("Opening your records")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(bar)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, areas: tuple[Area, ...] = AREAS) -> None:
        super().__init__()
        self.ctx = ctx
        self.areas = areas
        self.screens: dict[str, Screen] = {}
        self._current_row = -1
        self._focus_before_lock: QWidget | None = None
        self._hidden_by_lock: list[QWidget] = []
        self._window_state = QSettings(str(ctx.paths.window_state), QSettings.Format.IniFormat)
        self._offered_backup_on_close = False

        self.navigation = QListWidget()
        self.navigation.setAccessibleName("Areas")
        self.navigation.setMaximumWidth(220)
        for _area in areas:
            self.navigation.addItem(QListWidgetItem())
        self.stack = QStackedWidget()
        self.loading_panel = LoadingPanel()
        self.stack.addWidget(self.loading_panel)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        # The lock panel covers the screens without closing them (ui/idle_lock.py).
        self.lock_panel: QWidget | None = None
        self.idle_watcher = None
        self.central = QStackedWidget()
        self.central.addWidget(splitter)
        self.setCentralWidget(self.central)

        self.organisation_label = QLabel()
        self.people_label = QLabel()
        # The yearly evaluation's reminder, from weeks ahead until it is signed off; a link
        # to the evaluation screen, which shows the same reminder with a button to start it.
        self.evaluation_label = QLabel()
        self.evaluation_label.setAccessibleName("Yearly evaluation reminder")
        self.evaluation_label.linkActivated.connect(
            lambda _link: self._show_area_by_key("evaluation")
        )
        self.evaluation_label.hide()
        self.statusBar().addWidget(self.organisation_label)
        self.statusBar().addWidget(self.evaluation_label)
        self.statusBar().addPermanentWidget(self.people_label)
        from involve_desktop.ui.backup_status import BackupStatus

        # "Last backup to a stick: 3 days ago", and the reminder when one is due.
        self.backup_status = BackupStatus(ctx)
        self.backup_status.back_up_requested.connect(self.show_backup_area)
        self.backup_status.hide()  # filled in when the records are ready
        self.statusBar().addWidget(self.backup_status, 1)
        self._build_menus()
        self._show_organisation()

        self.navigation.currentRowChanged.connect(self._area_chosen)
        ctx.events.data_changed.connect(self._data_changed)
        ctx.events.services_ready.connect(self._services_ready)
        self._restore_window_state()

    # --- menus and shortcuts -------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.back_up_action = file_menu.addAction("&Back up now\u2026")
        self.back_up_action.triggered.connect(self.show_backup_area)
        quit_action = file_menu.addAction("&Quit")
        _set_shortcut(quit_action, "Ctrl+Q")
        quit_action.triggered.connect(self.close)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.new_action = edit_menu.addAction("&New\u2026")
        _set_shortcut(self.new_action, "Ctrl+N")
        self.new_action.triggered.connect(lambda: self._current_screen_call("start_new"))
        self.find_action = edit_menu.addAction("&Find")
        _set_shortcut(self.find_action, "Ctrl+F")
        self.find_action.triggered.connect(lambda: self._current_screen_call("focus_search"))

        go_menu = self.menuBar().addMenu("&Go")
        self.area_actions: list[QAction] = []
        for index, keys in enumerate(area_shortcuts(self.areas)):
            action = go_menu.addAction("")
            if keys:
                _set_shortcut(action, keys)
            action.triggered.connect(lambda _checked=False, row=index: self.show_area(row))
            self.area_actions.append(action)

        self._label_areas()
        from involve_desktop.ui.text_size import add_text_size_menu

        add_text_size_menu(self, self.ctx.paths)
        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction("&About Involve")
        about.triggered.connect(self.show_about)
        self._update_actions()

    def _label_areas(self) -> None:
        """Name the areas; the register is called by the charity's own word for people."""
        for index, (area, keys) in enumerate(
            zip(self.areas, area_shortcuts(self.areas), strict=True)
        ):
            title = area.label(self.ctx.terms)
            item = self.navigation.item(index)
            item.setText(title)
            item.setToolTip(f"{title} ({keys})" if keys else title)
            self.area_actions[index].setText(title)
        # As wide as the longest name, so the screens get the room, and no blank strip is
        # left between the list and the screen.
        width = self.navigation.sizeHintForColumn(0) + 32
        self.navigation.setMaximumWidth(width)
        self.splitter.setSizes([width, max(self.splitter.width() - width, 1)])

    def show_about(self) -> None:
        from involve_desktop.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.ctx.paths, self).exec()

    def _current_screen_call(self, method: str) -> None:
        screen = self.current_screen()
        if screen is not None:
            getattr(screen, method)()

    def _update_actions(self) -> None:
        screen = self.current_screen()
        self.find_action.setEnabled(screen is not None and screen.can_search)
        self.new_action.setEnabled(screen is not None and screen.can_create)

    # --- areas ---------------------------------------------------------------------------

    def show_area(self, row: int) -> None:
        self.navigation.setCurrentRow(row)

    def current_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def _area_chosen(self, row: int) -> None:
        if row == self._current_row:
            return
        leaving = self.current_screen()
        if leaving is not None and not leaving.confirm_leave():
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(self._current_row)
            self.navigation.blockSignals(False)
            return
        self._current_row = row
        self._show_current_area()

    def _show_current_area(self) -> None:
        if self._current_row < 0:
            return
        if not self.ctx.services_ready:
            self.stack.setCurrentWidget(self.loading_panel)
            return
        area = self.areas[self._current_row]
        screen = self.screens.get(area.key)
        if screen is None:
            screen = area.make_screen(self.ctx)
            self.screens[area.key] = screen
            self.stack.addWidget(screen)
            # Home's jobs and charts lead to the lists behind them (screens never call
            # each other: the window opens the area, then asks its screen).
            going = getattr(screen, "go_to", None)
            if going is not None:
                going.connect(self._go_to)
        self.stack.setCurrentWidget(screen)
        self._update_actions()

    def _services_ready(self) -> None:
        self._show_current_area()
        self._show_people_count()
        self._show_evaluation_reminder()
        self.backup_status.refresh(remind=True)
        self.backup_status.show()
        self._start_idle_lock()

    # --- idle lock -----------------------------------------------------------------------

    def _start_idle_lock(self) -> None:
        if not self.ctx.slot_id or self.idle_watcher is not None:
            return
        from involve_desktop.services.organisation import idle_lock_minutes
        from involve_desktop.ui import ops
        from involve_desktop.ui.idle_lock import IdleWatcher, LockPanel

        self.lock_panel = LockPanel(self._check_password, self.unlock)
        self.central.addWidget(self.lock_panel)
        self.idle_watcher = IdleWatcher(ops.query(self.ctx, idle_lock_minutes), self.lock, self)

    def _check_password(self, password: str) -> None:
        from involve_desktop.services.protection import sign_in

        sign_in(self.ctx.paths, self.ctx.slot_id, password)

    @property
    def locked(self) -> bool:
        return self.lock_panel is not None and self.central.currentWidget() is self.lock_panel

    def lock(self) -> None:
        if self.lock_panel is None or self.locked:
            return
        self._focus_before_lock = QApplication.focusWidget()
        self._hide_other_windows()
        name = self.ctx.actor.name if self.ctx.actor else "Whoever signed in"
        self.central.setCurrentWidget(self.lock_panel)
        self.menuBar().setEnabled(False)
        self.statusBar().hide()
        self.lock_panel.prepare(name)

    def _hide_other_windows(self) -> None:
        """Dialogs are windows of their own, so the lock must cover them too.

        A record open in the editor (window-modal) is hidden with what was typed in it and
        shown again at unlock. A question or password box waiting in its own event loop
        (application-modal) is cancelled: hiding it would end its loop anyway.
        """
        self._hidden_by_lock = []
        for window in QApplication.topLevelWidgets():
            if window is self or not window.isVisible():
                continue
            if window.windowModality() == Qt.WindowModality.ApplicationModal and isinstance(
                window, QDialog
            ):
                window.reject()
            else:
                window.hide()
                self._hidden_by_lock.append(window)

    def unlock(self) -> None:
        for window in self._hidden_by_lock:
            window.show()
        self._hidden_by_lock = []
        self.central.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.statusBar().show()
        if self.idle_watcher is not None:
            self.idle_watcher.restart()
        if self._focus_before_lock is not None:
            self._focus_before_lock.setFocus()

    # --- status bar ----------------------------------------------------------------------

    def _show_organisation(self) -> None:
        name = self.ctx.organisation_name
        self.setWindowTitle(f"Involve \u2014 {name}" if name else "Involve")
        self.organisation_label.setText(name)

    def _show_people_count(self) -> None:
        # Imported here, not at the top: services bring SQLAlchemy, which loads after the
        # window is shown (see AppContext.start_warm_up).
        from involve_desktop.services.people import count_people
        from involve_desktop.ui import ops

        count = ops.query(self.ctx, count_people)
        self.people_label.setText(f"{self.ctx.terms.count(count)} on the register")

    def _show_evaluation_reminder(self) -> None:
        from involve_desktop.services.evaluation_reminder import evaluation_reminder
        from involve_desktop.ui import ops

        reminder = ops.query(self.ctx, evaluation_reminder, date.today())
        if reminder is None:
            self.evaluation_label.hide()
            return
        self.evaluation_label.setText(f'<a href="evaluation">{escape(reminder.text)}</a>')
        self.evaluation_label.show()

    def _show_area_by_key(self, key: str) -> None:
        self.open_area(key)

    def open_area(self, key: str) -> Screen | None:
        """Show the area named `key` and return its screen; None when there is no such
        area, the records are not ready yet, or the screen being left kept the user."""
        rows = [row for row, area in enumerate(self.areas) if area.key == key]
        if not rows:
            return None
        self.navigation.setCurrentRow(rows[0])
        if self._current_row != rows[0]:
            return None
        return self.screens.get(key) if self.ctx.services_ready else None

    def _go_to(self, destination: object) -> None:
        """A destination from Home (ui/screens/home/destinations.py): the area, then what
        its screen is to show there."""
        screen = self.open_area(destination.area)  # type: ignore[attr-defined]
        if screen is not None:
            destination.show(screen)  # type: ignore[attr-defined]

    def show_backup_area(self) -> None:
        """File → Back up now…, the status bar's line and the reminder: the Backup screen,
        with the keyboard on its first drive (or "Choose a folder…")."""
        self._show_area_by_key("backup")
        screen = self.current_screen()
        if screen is not None and hasattr(screen, "focus_first"):
            screen.focus_first()

    def _data_changed(self, kind: str) -> None:
        if kind == "organisation":
            self._show_organisation()
            self._label_areas()
            if self.idle_watcher is not None:
                from involve_desktop.services.organisation import idle_lock_minutes
                from involve_desktop.ui import ops

                self.idle_watcher.set_minutes(ops.query(self.ctx, idle_lock_minutes))
        if self.ctx.services_ready:
            self._show_people_count()
            if kind in ("evaluation", "organisation"):
                self._show_evaluation_reminder()
            if kind == "backup":
                self.backup_status.refresh()

    # --- window state --------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self._window_state.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        # Always the first area (Home), never the one left last time: the first screen
        # says what needs attention today.
        self.show_area(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing would close the records under work still writing a file or reading them.
        running = still_running()
        if running is not None:
            prompts.show_problem(
                self,
                "Involve is still working",
                f"{running} Wait for it to finish, then close Involve.",
            )
            event.ignore()
            return
        for screen in self.screens.values():
            if not screen.confirm_leave():
                event.ignore()
                return
        if not self._backup_steps_before_closing():
            event.ignore()
            return
        self._window_state.setValue("geometry", self.saveGeometry())
        self._window_state.sync()
        event.accept()

    def _backup_steps_before_closing(self) -> bool:
        """Offer a due backup (once a session), then keep today's local copy; False to stay.
        Not when closing to restore a backup: the restore keeps the records as they are."""
        if not self.ctx.services_ready or self.ctx.restore_on_close is not None:
            return True
        from involve_desktop.ui.backup_status import OnClose, ask_before_closing, keep_local_copy

        if not self._offered_backup_on_close:
            self._offered_backup_on_close = True
            answer = ask_before_closing(self.ctx, self, self.backup_status.today())
            if answer is OnClose.BACK_UP:
                self.show_backup_area()
            if answer is not OnClose.CLOSE:
                return False
        keep_local_copy(self.ctx, self)
        return True
