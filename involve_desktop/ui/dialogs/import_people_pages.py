"""The pages of the import wizard: the file, the columns, the preview, and what was done.

Each page keeps its inputs as attributes so tests can drive them. Reading, previewing and
importing run through `run_with_progress`, so a 5,000-row file never freezes the window.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.import_columns import ImportField, guess_mapping, mapping_problems
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.people_import import (
    ImportPreview,
    import_people,
    preview_import,
)
from involve_desktop.services.people_import_rows import ReadyPerson
from involve_desktop.services.spreadsheet_files import read_spreadsheet
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.colours import error_style
from involve_desktop.ui.progress import run_with_progress

if TYPE_CHECKING:
    from involve_desktop.ui.dialogs.import_people_wizard import ImportPeopleWizard

FILE_FILTER = "Spreadsheets (*.xlsx *.csv);;All files (*)"
FIELDS = list(ImportField)
FIRST_ROWS_SHOWN = 20
MAX_SAMPLE_LENGTH = 60


def _label(text: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


class _Page(QWizardPage):
    def owner(self) -> ImportPeopleWizard:
        return self.wizard()  # type: ignore[return-value]


class FilePage(_Page):
    def __init__(self, people_word: str) -> None:
        super().__init__()
        self.setTitle("Choose the spreadsheet")
        self.setSubTitle(
            f"An Excel workbook (.xlsx) or a CSV file, with one row for each {people_word} "
            "and a first row that names the columns. Nothing is saved until you have seen a "
            "preview and said yes."
        )
        self.folder = Path.home()
        self.choose_button = QPushButton("&Choose a spreadsheet\u2026")
        self.choose_button.clicked.connect(self.choose)
        self.file_label = _label(rich=True)
        self.notes_label = _label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.file_label)
        layout.addWidget(self.notes_label)
        layout.addStretch(1)

    def choose(self) -> None:
        path = prompts.choose_open_file(
            self, "Choose a spreadsheet to import", FILE_FILTER, self.folder
        )
        if path is None:
            return
        self.folder = path.parent
        try:
            sheet = run_with_progress(
                self,
                "Reading the spreadsheet",
                f"Reading {path.name}\u2026",
                lambda: read_spreadsheet(path),
            )
        except KnownError as problem:
            prompts.show_problem(self, "This file cannot be imported", problem.message)
            return
        self.owner().use_sheet(sheet)
        rows = len(sheet.rows)
        self.file_label.setText(
            f"<b>{escape(sheet.file_name)}</b>: {rows:,} {'row' if rows == 1 else 'rows'} "
            f"and {len(sheet.headers)} columns."
        )
        self.notes_label.setText("\n".join(sheet.notes))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.owner().sheet is not None


class MappingPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Match the columns")
        self.setSubTitle(
            "Involve has guessed what each column holds from its heading. Change any guess "
            "that is wrong, or choose \u201cIgnore this column\u201d."
        )
        self.combos: list[QComboBox] = []
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_holder)
        self.problems_label = _label()
        self.problems_label.setStyleSheet(error_style())
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems_label)
        self.shown_sheet: object = None

    def initializePage(self) -> None:
        sheet = self.owner().sheet
        if sheet is None or sheet is self.shown_sheet:
            return  # coming back from the preview keeps the user's choices
        self.shown_sheet = sheet
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = []
        for column, text in enumerate(("Column in your spreadsheet", "Goes into", "For example")):
            self.grid.addWidget(_label(f"<b>{text}</b>", rich=True), 0, column)
        for index, (name, field) in enumerate(
            zip(sheet.column_names, guess_mapping(list(sheet.headers)), strict=True), start=1
        ):
            combo = QComboBox()
            combo.addItems([choice.label for choice in FIELDS])
            combo.setCurrentIndex(FIELDS.index(field))
            combo.setAccessibleName(f"What the column \u201c{name}\u201d holds")
            combo.currentIndexChanged.connect(self._mapping_changed)
            sample = ", ".join(sheet.samples(index - 1))
            if len(sample) > MAX_SAMPLE_LENGTH:
                sample = sample[: MAX_SAMPLE_LENGTH - 1] + "\u2026"
            self.grid.addWidget(_label(name), index, 0)
            self.grid.addWidget(combo, index, 1)
            self.grid.addWidget(_label(sample), index, 2)
            self.combos.append(combo)
        self.grid.setRowStretch(len(self.combos) + 1, 1)
        self._mapping_changed()

    def mapping(self) -> list[ImportField]:
        return [FIELDS[combo.currentIndex()] for combo in self.combos]

    def problems(self) -> list[str]:
        sheet = self.owner().sheet
        return mapping_problems(self.mapping(), sheet.column_names) if sheet else []

    def _mapping_changed(self, *_args: object) -> None:
        problems = self.problems()
        self.problems_label.setText("\n".join(f"\u26a0 {problem}" for problem in problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self.problems()

    def validatePage(self) -> bool:
        wizard = self.owner()
        sheet, mapping = wizard.sheet, self.mapping()
        try:
            preview = run_with_progress(
                self,
                "Checking the rows",
                f"Checking {len(sheet.rows):,} rows\u2026",
                lambda: ops.query(wizard.ctx, preview_import, sheet, mapping),
            )
        except KnownError as problem:
            prompts.show_problem(self, "The rows could not be checked", problem.message)
            return False
        wizard.preview = preview
        return True


class PreviewPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check before importing")
        self.setCommitPage(True)
        self.counts_label = _label(rich=True)
        self.notes_label = _label()
        self.include_duplicates = QCheckBox()
        self.include_duplicates.toggled.connect(self._choice_changed)
        self.problems_heading = _label(rich=True)
        self.problems_view = QPlainTextEdit()
        self.problems_view.setReadOnly(True)
        self.problems_view.setAccessibleName("Rows that will be left out, and why")
        self.first_rows_heading = _label(rich=True)
        self.first_rows = QTableWidget(0, 5)
        self.first_rows.setAccessibleName("The first rows that will be imported")
        self.first_rows.setHorizontalHeaderLabels(
            ["Row", "Name", "Date of birth", "Email", "Roles"]
        )
        self.first_rows.verticalHeader().setVisible(False)
        self.first_rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.first_rows.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.first_rows.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        for widget in (
            self.counts_label,
            self.notes_label,
            self.include_duplicates,
            self.problems_heading,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.problems_view, 1)
        layout.addWidget(self.first_rows_heading)
        layout.addWidget(self.first_rows, 1)

    def initializePage(self) -> None:
        wizard = self.owner()
        preview, terms = wizard.preview, wizard.ctx.terms
        assert preview is not None
        subtitle = f"From {preview.file_name}."
        if preview.problems:
            subtitle += (
                " Rows with problems are left out: put them right in your spreadsheet and "
                "import just those rows again later."
            )
        self.setSubTitle(subtitle)
        self.counts_label.setText(
            f"<b>{terms.count(len(preview.ready))}</b> ready to import<br>"
            f"<b>{_rows(len(preview.problems))}</b> with problems, left out<br>"
            f"<b>{_rows(len(preview.possible_duplicates))}</b> possibly already in the register"
        )
        self.notes_label.setText("\n".join(_notes(preview)))
        self.notes_label.setVisible(bool(self.notes_label.text()))
        count = len(preview.possible_duplicates)
        self.include_duplicates.setText(
            f"Import the {_rows(count)} that may already be in the register as well"
        )
        self.include_duplicates.setChecked(False)
        self.include_duplicates.setVisible(count > 0)
        left_out = left_out_text(preview)
        self.problems_heading.setText(
            "<b>Rows left out, and why</b>" if left_out else "<b>Every row can be imported.</b>"
        )
        self.problems_view.setPlainText(left_out)
        self.problems_view.setVisible(bool(left_out))
        self._choice_changed()

    def chosen_count(self) -> int:
        preview = self.owner().preview
        return len(preview.to_import(self.include_duplicates.isChecked())) if preview else 0

    def _fill_first_rows(self, chosen: list[ReadyPerson]) -> None:
        people = chosen[:FIRST_ROWS_SHOWN]
        if not people:
            heading = "<b>No rows can be imported.</b>"
        elif len(people) < len(chosen):
            heading = f"<b>The first {len(people)} of the {len(chosen):,} rows to import</b>"
        else:
            heading = "<b>The rows to import</b>"
        self.first_rows_heading.setText(heading)
        self.first_rows.setRowCount(len(people))
        for row, person in enumerate(people):
            details = person.details
            cells = (
                str(person.row_number),
                details.display_name,
                short_date(details.date_of_birth),
                details.email,
                "; ".join(details.roles),
            )
            for column, text in enumerate(cells):
                self.first_rows.setItem(row, column, QTableWidgetItem(text))

    def _choice_changed(self, *_args: object) -> None:
        wizard = self.owner()
        if wizard is None or wizard.preview is None:
            return
        chosen = wizard.preview.to_import(self.include_duplicates.isChecked())
        self._fill_first_rows(chosen)
        count = len(chosen)
        wizard.setButtonText(
            QWizard.WizardButton.CommitButton, f"Import {wizard.ctx.terms.count(count)}"
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.chosen_count() > 0

    def validatePage(self) -> bool:
        wizard = self.owner()
        preview, include = wizard.preview, self.include_duplicates.isChecked()
        count = wizard.ctx.terms.count(self.chosen_count())
        try:
            wizard.summary = run_with_progress(
                self,
                "Importing",
                f"Adding {count} to the register\u2026",
                lambda: ops.change(
                    wizard.ctx,
                    "people",
                    import_people,
                    wizard.ctx.actor,
                    preview,
                    include_possible_duplicates=include,
                ),
            )
            wizard.included_duplicates = include
        except (KnownError, ValidationFailed) as problem:
            message = getattr(
                problem,
                "message",
                "Some rows no longer pass the checks: please check the file again.",
            )
            prompts.show_problem(self, "Nothing was imported", f"{message} Nothing has been saved.")
            return False
        return True


class DonePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Import finished")
        self.result_label = _label(rich=True)
        self.left_out_view = QPlainTextEdit()
        self.left_out_view.setReadOnly(True)
        self.left_out_view.setAccessibleName("Rows that were left out, and why")
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addWidget(self.left_out_view, 1)

    def initializePage(self) -> None:
        wizard = self.owner()
        summary, preview = wizard.summary, wizard.preview
        assert summary is not None and preview is not None
        self.setSubTitle(f"From {preview.file_name}.")
        text = (
            f"<p><b>{escape(wizard.ctx.terms.count(summary.added))} added</b> to the register.</p>"
        )
        left_out = left_out_text(preview, wizard.included_duplicates) if summary.skipped else ""
        if summary.skipped:
            text += (
                f"<p>{_rows(summary.skipped)} left out, listed below. You can copy this list, "
                "put the rows right in your spreadsheet, and import just those rows again.</p>"
            )
        self.result_label.setText(text)
        self.left_out_view.setPlainText(left_out)
        self.left_out_view.setVisible(bool(left_out))


def left_out_text(preview: ImportPreview, include_possible_duplicates: bool = False) -> str:
    """Every row the import leaves out, one line per reason, in the spreadsheet's order."""
    lines = [
        (problem.row_number, message)
        for problem in preview.problems
        for message in problem.messages
    ]
    if not include_possible_duplicates:
        lines += [(item.person.row_number, item.reason) for item in preview.possible_duplicates]
    return "\n".join(message for _row, message in sorted(lines, key=lambda line: line[0]))


def _notes(preview: ImportPreview) -> list[str]:
    notes = list(preview.notes)
    if preview.new_roles:
        notes.append("New roles for your list: " + ", ".join(preview.new_roles) + ".")
    if preview.new_interests:
        notes.append("New interests for your list: " + ", ".join(preview.new_interests) + ".")
    return notes


def _rows(count: int) -> str:
    return f"{count:,} {'row' if count == 1 else 'rows'}"
