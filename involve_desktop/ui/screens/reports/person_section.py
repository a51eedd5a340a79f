"""Documents about one person: their payment statement for the chosen year, and everything
the charity holds about them (for a subject access request).

The person is chosen with the register's own finder in a small dialog, as the Claims screen
does, because a charity may have thousands of people. It looks in the archive too: a subject
access request may come from someone no longer involved. Everything held can also be saved
as data files (a zip a computer can read), made here with the person editor's own steps. All
give personal data out of the app, so making any is recorded in the audit trail.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.ui.dialogs.person_pdfs import save_person_data
from involve_desktop.ui.widgets.people_finder import PeopleFinder

NOBODY = "No one chosen yet."


class ChooseWhoseDialog(QDialog):
    """Find one person, current or archived, and pick them with Enter, a double-click or
    Choose: `chosen(id, name)`. It deletes itself when closed."""

    chosen = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Choose {ctx.terms.with_article()}")
        self.finder = PeopleFinder(ctx, choosing="choose them", archived_too=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = buttons.addButton("&Choose", QDialogButtonBox.ButtonRole.AcceptRole)
        self.choose_button.setAccessibleName(f"Choose the {ctx.terms.singular} found")
        self.choose_button.setEnabled(False)
        self.choose_button.clicked.connect(self.finder.choose_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.finder, 1)
        layout.addWidget(buttons)
        self.choose_button.setDefault(True)  # once in the dialog, which keeps it as its default
        self.finder.chosen.connect(self._chosen)
        self.finder.results.currentItemChanged.connect(
            lambda item, _before: self.choose_button.setEnabled(item is not None)
        )
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.sizeHint().height())

    def _chosen(self, person_id: int, name: str) -> None:
        self.chosen.emit(person_id, name)
        self.accept()


class PersonSection(QGroupBox):
    """`statement_requested(person_id, name)` and `record_requested(person_id, name)`."""

    statement_requested = Signal(int, str)
    record_requested = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fixed_today: date | None = None  # tests fix the day; otherwise the click's
        self.person: tuple[int, str] | None = None
        self.dialog: ChooseWhoseDialog | None = None
        self.who_label = QLabel()
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.choose_button = QPushButton("Ch&oose\u2026")
        self.who_label.setBuddy(self.choose_button)
        self.statement_button = QPushButton("&Payment statement\u2026")
        self.record_button = QPushButton("Everything &we hold\u2026")
        self.statement_about = QLabel()
        self.statement_about.setWordWrap(True)
        self.record_about = QLabel(
            "Every detail and linked record, sensitive ones included, with the date it was "
            "made: for a subject access request."
        )
        self.record_about.setWordWrap(True)
        # Z is kept for the main window's Text size menu (Alt+Z), on every screen.
        self.data_button = QPushButton("As &data files (zip)\u2026")
        self.data_about = QLabel(
            "The same again as data files a computer can read: JSON and CSV files in a zip, "
            "with their receipts."
        )
        self.data_about.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why these cannot be made yet")
        self.audited = QLabel(
            "All hold personal details: making any of them is recorded in the audit trail."
        )
        self.audited.setWordWrap(True)

        who = QHBoxLayout()
        who.addWidget(self.who_label)
        who.addWidget(self.name_label, 1)
        who.addWidget(self.choose_button)
        grid = QGridLayout()
        grid.addWidget(self.statement_button, 0, 0)
        grid.addWidget(self.statement_about, 0, 1)
        grid.addWidget(self.record_button, 1, 0)
        grid.addWidget(self.record_about, 1, 1)
        grid.addWidget(self.data_button, 2, 0)
        grid.addWidget(self.data_about, 2, 1)
        grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.addLayout(who)
        column.addWidget(self.reason)
        column.addLayout(grid)
        column.addWidget(self.audited)

        self.choose_button.clicked.connect(self.choose_person)
        self.statement_button.clicked.connect(lambda: self._request(self.statement_requested))
        self.record_button.clicked.connect(lambda: self._request(self.record_requested))
        self.data_button.clicked.connect(self.save_data_files)
        self.show_terms()
        self.show_year("")

    def show_terms(self) -> None:
        """Say everything in the charity's own word for people (it can change in Settings)."""
        terms = self.ctx.terms
        self.setTitle(f"Documents about one {terms.singular}")
        self.who_label.setText(f"{terms.singular_title}:")
        self.choose_button.setAccessibleName(f"Choose {terms.with_article()}")
        self._show_person()

    def show_year(self, year: str) -> None:
        """The statement covers the year chosen at the top of the screen."""
        period = f"for {year}" if year else "for the year chosen above"
        self.statement_about.setText(
            f"Each claim for work done {period}, fees and expenses apart, with totals: "
            "to help with benefits or tax questions."
        )
        self._year = year

    def choose_person(self) -> None:
        dialog = ChooseWhoseDialog(self.ctx, self)
        dialog.chosen.connect(self.show_person)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        dialog.open()

    def _forget(self, dialog: ChooseWhoseDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def show_person(self, person_id: int | None, name: str = "") -> None:
        self.person = (person_id, name) if person_id is not None else None
        self._show_person()

    def _show_person(self) -> None:
        chosen = self.person is not None
        name = self.person[1] if self.person else ""
        self.name_label.setText(name if chosen else NOBODY)
        self.name_label.setAccessibleName(f"Chosen: {name}" if chosen else NOBODY)
        buttons = (self.statement_button, self.record_button, self.data_button)
        for button in buttons:
            button.setEnabled(chosen)
        reason = "" if chosen else f"Choose {self.ctx.terms.with_article()} first."
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.statement_button.setAccessibleName(
            f"Payment statement for {name}" if chosen else "Payment statement"
        )
        self.record_button.setAccessibleName(
            f"Everything we hold about {name}" if chosen else "Everything we hold"
        )
        self.data_button.setAccessibleName(
            f"Everything we hold about {name}, as data files" if chosen else "As data files"
        )
        for button in buttons:
            button.setToolTip(reason)
            button.setAccessibleDescription(reason)

    def _request(self, signal: SignalInstance) -> None:
        if self.person is not None:
            signal.emit(*self.person)

    def save_data_files(self) -> None:
        if self.person is not None:
            save_person_data(self.ctx, self, *self.person, today=self.fixed_today)
