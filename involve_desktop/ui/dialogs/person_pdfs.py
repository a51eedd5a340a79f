"""The person editor's PDFs: a payment statement for a period (for benefits or tax
questions), and everything we hold about the person (for a subject access request).

Both are made from what is saved and both give out personal details, so `make_document`
records each in the audit trail. The full record holds sensitive details too: the user is
told so, and asked, before it is made. With changes not saved yet, both say the changes are
not in the PDF (saving would close the editor, so it is not offered here).
"""

from __future__ import annotations

import weakref
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.dates import NotADate
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.ui import prompts
from involve_desktop.ui.pdf_save import save_pdf
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FieldError
from involve_desktop.ui.widgets.year_picker import YearPicker

if TYPE_CHECKING:
    from involve_desktop.ui.dialogs.person_editor import PersonEditor

LAST_BEFORE_FIRST = "The last day must be on or after the first day."
UNSAVED_NOT_IN_IT = "Your unsaved changes are not in it: it holds the record as last saved."


def everything_warning(name: str, unsaved: bool) -> str:
    said = (
        f"This PDF holds everything we hold about {name}, sensitive details included "
        "(support needs, health, benefits, payments and contact details).\n\n"
        "Keep it safe: give it only to them or to whoever they asked, do not email it "
        "unprotected, and delete copies you no longer need. Making it is recorded in the "
        "audit trail."
    )
    if unsaved:
        said += "\n\n" + UNSAVED_NOT_IN_IT
    return said


class StatementPeriodDialog(QDialog):
    """Which period a payment statement covers: a financial year, or between two dates."""

    def __init__(
        self,
        ctx: AppContext,
        name: str,
        today: date,
        parent: QWidget | None = None,
        *,
        unsaved: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Payment statement for {name}")
        self.setAccessibleName(self.windowTitle())
        self.about = QLabel(
            f"Each claim paid to {name} in the period, fees and expenses apart, with totals."
            + (f"\n\n{UNSAVED_NOT_IN_IT}" if unsaved else "")
        )
        self.about.setWordWrap(True)
        self.by_year = QRadioButton("A financial &year:")
        self.by_year.setChecked(True)
        self.year = YearPicker(today)
        self.year.load_year_start(ctx)
        self.year.setAccessibleName("Financial year")
        self.by_dates = QRadioButton("&Between two dates:")
        self.first = DateField()
        self.last = DateField()
        self.first_error = FieldError(self.first)
        self.last_error = FieldError(self.last)
        dates = QFormLayout()
        for text, field, error in (
            ("&From:", self.first, self.first_error),
            ("&To:", self.last, self.last_error),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            cell = QVBoxLayout()
            cell.addWidget(field)
            cell.addWidget(error)
            dates.addRow(label, cell)
        self.make_button = QPushButton("Make the &PDF\u2026")
        self.make_button.setDefault(True)
        cancel = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.make_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.by_year)
        layout.addWidget(self.year)
        layout.addWidget(self.by_dates)
        layout.addLayout(dates)
        layout.addLayout(buttons)

        self.make_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        self.by_year.toggled.connect(self._show_choice)
        for field in (self.first, self.last):
            field.textEdited.connect(lambda _text: self.by_dates.setChecked(True))
        self.year.activated.connect(lambda _index: self.by_year.setChecked(True))
        self._show_choice()
        # Wide enough for a message under a date on one line, in characters so it scales.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)

    def _show_choice(self) -> None:
        for error in (self.first_error, self.last_error):
            error.show_message("")

    def request(self, person_id: int) -> DocumentRequest:
        kind = DocumentKind.STATEMENT
        if self.by_year.isChecked():
            period = self.year.period()
            return DocumentRequest(kind, person_id=person_id, year_first=period and period[0])
        return DocumentRequest(
            kind, person_id=person_id, first=self.first.date(), last=self.last.date()
        )

    def problems(self) -> dict[str, str]:
        """What stops the dates being used, by field ("first", "last"); none for a year."""
        if self.by_year.isChecked():
            return {}
        found: dict[str, str] = {}
        days: dict[str, date | None] = {}
        for key, field, empty in (
            ("first", self.first, "Type the first day of the period."),
            ("last", self.last, "Type the last day of the period."),
        ):
            try:
                days[key] = field.date()
            except NotADate as problem:
                found[key] = str(problem)
                continue
            if days[key] is None:
                found[key] = empty
        first, last = days.get("first"), days.get("last")
        if not found and first is not None and last is not None and first > last:
            found["last"] = LAST_BEFORE_FIRST
        return found

    def accept(self) -> None:
        problems = self.problems()
        self.first_error.show_message(problems.get("first", ""))
        self.last_error.show_message(problems.get("last", ""))
        if problems:
            self.adjustSize()  # room for the messages just shown
            (self.first if "first" in problems else self.last).setFocus()
            return
        super().accept()


class PersonPdfs:
    """The "PDF documents" button of a saved person's record, and what its menu makes."""

    def __init__(self, editor: PersonEditor) -> None:
        # Held weakly: the editor holds this, and a cycle would keep a closed editor's
        # Python side alive after Qt deleted it.
        self._editor = weakref.ref(editor)
        self.period_dialog: StatementPeriodDialog | None = None
        self.button = QPushButton("PDF documen&ts")
        self.button.setAccessibleName("PDF documents about this person")
        self.button.setToolTip("A payment statement, or everything we hold, as a PDF")
        self.menu = QMenu(self.button)
        self.statement_action = self.menu.addAction("&Payment statement\u2026")
        self.everything_action = self.menu.addAction("&Everything we hold\u2026")
        self.button.setMenu(self.menu)
        self.statement_action.triggered.connect(self.ask_statement_period)
        self.everything_action.triggered.connect(self.save_everything)
        # A person not yet saved has nothing held and nothing paid.
        self.button.setVisible(editor.person_id is not None)

    @property
    def editor(self) -> PersonEditor:
        editor = self._editor()
        assert editor is not None, "the editor's own button was used after it closed"
        return editor

    def _name(self) -> str:
        return self.editor.original.display_name

    def ask_statement_period(self) -> None:
        editor = self.editor
        if editor.person_id is None:
            return
        dialog = StatementPeriodDialog(
            editor.ctx, self._name(), editor.today, editor, unsaved=editor.dirty
        )
        dialog.accepted.connect(lambda: self._save_statement(dialog))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.period_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _save_statement(self, dialog: StatementPeriodDialog) -> None:
        editor = self.editor
        if editor.person_id is not None:
            request = dialog.request(editor.person_id)
            save_pdf(editor.ctx, editor, request, today=editor.fixed_today)

    def save_everything(self) -> None:
        editor = self.editor
        if editor.person_id is None:
            return
        name = self._name()
        warning = everything_warning(name, editor.dirty)
        if not prompts.ask_yes_no(
            editor, f"Everything we hold about {name}", warning, "Make the PDF"
        ):
            return
        request = DocumentRequest(DocumentKind.PERSON, person_id=editor.person_id)
        save_pdf(editor.ctx, editor, request, today=editor.fixed_today)
