"""The person editor's PDFs: a payment statement for a period (for benefits or tax
questions), and everything we hold about the person (for a subject access request), which
can also be saved as data files (a zip of JSON and CSV files with the receipts).

Both are made from what is saved and both give out personal details, so `make_document`
records each in the audit trail. The full record holds sensitive details too: the user is
told so, and asked, before it is made. With changes not saved yet, both say the changes are
not in the PDF (saving would close the editor, so it is not offered here).
"""

from __future__ import annotations

import weakref
from datetime import date
from pathlib import Path
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
from involve_desktop.errors import KnownError
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.services.subject_access import save_subject_access, suggested_zip_name
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.pdf_save import save_pdf
from involve_desktop.ui.progress import run_with_steps
from involve_desktop.ui.save_folder import choose_save_path, remember_folder
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FieldError
from involve_desktop.ui.widgets.year_picker import YearPicker

if TYPE_CHECKING:
    from involve_desktop.ui.dialogs.person_editor import PersonEditor

ZIP_FILTER = "Zip file (*.zip)"
LAST_BEFORE_FIRST = "The last day must be on or after the first day."
UNSAVED_NOT_IN_IT = "Your unsaved changes are not in it: it holds the record as last saved."


def everything_warning(name: str, unsaved: bool, *, what: str = "This PDF holds") -> str:
    said = (
        f"{what} everything we hold about {name}, sensitive details included "
        "(support needs, health, benefits, payments and contact details).\n\n"
        "Keep it safe: give it only to them or to whoever they asked, do not email it "
        "unprotected, and delete copies you no longer need. Making it is recorded in the "
        "audit trail."
    )
    if unsaved:
        said += "\n\n" + UNSAVED_NOT_IN_IT
    return said


def save_person_data(
    ctx: AppContext,
    parent: QWidget | None,
    person_id: int,
    name: str,
    *,
    unsaved: bool = False,
    today: date | None = None,
) -> Path | None:
    """Everything we hold about the person as data files (a zip), after the PDF's warning:
    saved in the remembered folder, recorded in the audit trail, and where it went said.
    None if the user cancelled or it could not be saved (said in plain words)."""
    title = f"Everything we hold about {name}, as data files"
    warning = everything_warning(name, unsaved, what="This zip of data files holds")
    if not prompts.ask_yes_no(parent, title, warning, "Make the data files"):
        return None
    day = today or date.today()
    suggested = ops.query(ctx, suggested_zip_name, person_id, day)
    path = choose_save_path(
        ctx, parent, title, ZIP_FILTER, suggested, suffixes=(".zip",), what="these data files"
    )
    if path is None:
        return None
    try:
        summary = run_with_steps(
            parent,
            "Saving the data files",
            f"Making \u201c{path.name}\u201d\u2026",
            lambda progress: save_subject_access(
                ctx.database(), ctx.actor, person_id, path, day, progress
            ),
            still="A person's data files are still being saved.",
            bar_format="%v of %m files",
        )
    except KnownError as problem:
        prompts.show_problem(parent, "The data files were not saved", problem.message)
        return None
    remember_folder(ctx, path)
    ctx.events.data_changed.emit("audit")
    prompts.show_message(
        parent,
        "Data files saved",
        f"Everything we hold about {name} is saved as data files in \u201c{path.name}\u201d, "
        f"in the folder {path.parent}.\n\nThe zip holds {len(summary.files)} files, "
        f"{summary.receipts} of them receipts; README.txt inside says what each one is. "
        "Keep it safe, and delete copies you no longer need.",
    )
    return path


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
        self.button.setToolTip(
            "A payment statement, or everything we hold, as a PDF; everything also as data files"
        )
        self.menu = QMenu(self.button)
        self.statement_action = self.menu.addAction("&Payment statement\u2026")
        self.everything_action = self.menu.addAction("&Everything we hold\u2026")
        self.data_action = self.menu.addAction("Everything we hold as &data files (zip)\u2026")
        self.button.setMenu(self.menu)
        self.statement_action.triggered.connect(self.ask_statement_period)
        self.everything_action.triggered.connect(self.save_everything)
        self.data_action.triggered.connect(self.save_data_files)
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

    def save_data_files(self) -> None:
        editor = self.editor
        if editor.person_id is not None:
            save_person_data(
                editor.ctx,
                editor,
                editor.person_id,
                self._name(),
                unsaved=editor.dirty,
                today=editor.fixed_today,
            )
