"""The import wizard, driven like a person: choose a file, fix a column, check, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from involve_desktop.services.people import count_people, load_person
from involve_desktop.services.people_list import PeopleFilter, matching_ids
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.import_people_wizard import ImportPeopleWizard
from tests.ui.helpers import show_active, shown_text
from tests.ui.test_accessibility import unnamed_inputs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def open_wizard(qtbot, ctx) -> ImportPeopleWizard:
    wizard = ImportPeopleWizard(ctx)
    show_active(qtbot, wizard)
    return wizard


def click(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be pressed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_file(qtbot, wizard: ImportPeopleWizard, answers, name: str) -> None:
    answers.open_file = FIXTURES / name
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)


def counts(wizard: ImportPeopleWizard) -> list[str]:
    """The preview's three counts, as the user reads them."""
    return shown_text(wizard.preview_page.counts_label).splitlines()


def people_named(ctx, text: str) -> list[int]:
    return ops.query(ctx, matching_ids, PeopleFilter(text=text))


def test_a_good_file_is_imported_with_one_column_ignored(qtbot, ctx, answers):
    wizard = open_wizard(qtbot, ctx)
    assert wizard.windowTitle() == "Import experts by experience from a spreadsheet"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    # GIVEN the charity's spreadsheet is chosen
    choose_file(qtbot, wizard, answers, "people_good.csv")
    assert answers.file_pickers == ["Choose a spreadsheet to import"]
    assert shown_text(wizard.file_page.file_label) == "people_good.csv: 6 rows and 18 columns."
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    # WHEN the user tells Involve to ignore the "Known as" column
    page = wizard.mapping_page
    names = wizard.sheet.column_names
    known_as = page.combos[names.index("Known as")]
    assert known_as.currentText() == "Preferred name"
    assert known_as.accessibleName() == "What the column \u201cKnown as\u201d holds"
    known_as.setFocus()
    qtbot.keyClick(known_as, Qt.Key.Key_Home)
    assert known_as.currentText() == "Ignore this column"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    # THEN the preview says all six are ready, and the button says what it will do
    preview = wizard.preview_page
    ready, with_problems, known = counts(wizard)
    assert ready == "6 experts by experience ready to import"
    assert (with_problems, known) == (
        "0 rows with problems, left out",
        "0 rows possibly already in the register",
    )
    assert "New roles for your list: Youth panel." in preview.notes_label.text()
    assert not preview.problems_view.isVisible()
    assert preview.first_rows.rowCount() == 6
    assert preview.first_rows.item(0, 1).text() == "Siân ap Gwilym"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Import 6 experts by experience"
    assert ops.query(ctx, count_people) == 0  # nothing is saved before the user says yes
    assert unnamed_inputs(wizard) == []

    with qtbot.waitSignal(ctx.events.data_changed) as changed:
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert changed.args == ["people"]
    assert shown_text(wizard.done_page.result_label) == (
        "6 experts by experience added to the register."
    )
    assert not wizard.done_page.left_out_view.isVisible()
    assert ops.query(ctx, count_people) == 6
    [zoe] = people_named(ctx, "zoe")
    assert ops.query(ctx, load_person, zoe).preferred_name == ""  # the ignored column
    assert len(people_named(ctx, "王")) == 1
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_problem_rows_are_explained_and_left_out_unless_the_user_says(qtbot, ctx, answers):
    wizard = open_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, answers, "people_broken.csv")
    assert wizard.file_page.notes_label.text() == "2 empty rows were skipped."
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    preview = wizard.preview_page
    ready, with_problems, known = counts(wizard)
    assert ready == "1 expert by experience ready to import"
    assert with_problems == "6 rows with problems, left out"
    assert known == "1 row possibly already in the register"
    listed = preview.problems_view.toPlainText().splitlines()
    assert (
        "Row 4, Date of birth (\u201c31/02/1980\u201d): 31 February 1980 does not exist. "
        "Please check the day." in listed
    )
    assert "Row 10 may be the same person as row 2 (same name and date of birth)." in listed
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Import 1 expert by experience"

    # The user looks and decides that row 10 is someone else with the same name and birthday.
    qtbot.mouseClick(preview.include_duplicates, Qt.MouseButton.LeftButton)
    assert commit.text() == "Import 2 experts by experience"
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)

    result = shown_text(wizard.done_page.result_label)
    assert result.startswith("2 experts by experience added to the register.")
    assert "6 rows left out, listed below." in result
    left_out = wizard.done_page.left_out_view.toPlainText()
    assert "Row 6, First name: This is empty" in left_out
    assert "Row 10" not in left_out
    assert len(people_named(ctx, "amira haddad")) == 2


def test_next_waits_until_a_column_holds_the_first_name(qtbot, ctx, answers):
    wizard = open_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, answers, "people_semicolons.csv")
    assert answers.problems == []
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.mapping_page
    assert [combo.currentText() for combo in page.combos] == [
        "First name",
        "Last name",
        "Date of birth",
        "Email",
        "Phone",
        "Notes",
    ]
    forename = page.combos[0]
    forename.setFocus()
    qtbot.keyClick(forename, Qt.Key.Key_Home)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Choose the column that holds the first name" in page.problems_label.text()
    qtbot.keyClick(forename, Qt.Key.Key_Down)
    assert forename.currentText() == "First name"
    assert page.problems_label.text() == ""
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_plain_words(qtbot, ctx, answers, tmp_path):
    fake = tmp_path / "people.xlsx"
    fake.write_text("not really a workbook")
    wizard = open_wizard(qtbot, ctx)
    answers.open_file = fake
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    [(title, message)] = answers.problems
    assert title == "This file cannot be imported"
    assert "could not be read as an Excel workbook" in message
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


@pytest.mark.slow
def test_five_thousand_rows_are_read_and_checked_in_the_background(qtbot, ctx, answers):
    wizard = open_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, answers, "people_5000.xlsx")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert counts(wizard)[:2] == [
        "4,990 experts by experience ready to import",
        "10 rows with problems, left out",
    ]
    assert wizard.preview_page.first_rows.rowCount() == 20
