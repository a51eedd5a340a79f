"""The first-run wizard, driven with the keyboard like a person would."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.domain.recovery_key import RECOVERY_SLOT
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.protection import start_new_records
from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard
from involve_desktop.ui.widgets.terms_form import OWN_WORDS
from tests.ui.helpers import show_active, shown_text, type_text


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x20\x40\x80" * 2 + b"\x00" + b"\x20\x40\x80" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def press_next(qtbot, wizard: QWizard) -> None:
    # Return presses the default button (Next, then Finish). Alt+N works on a desktop, but
    # the offscreen platform used by the tests has no mnemonics.
    qtbot.keyClick(wizard, Qt.Key.Key_Return)


@pytest.fixture
def new_ctx(paths):
    """A first start: nothing in the data folder yet (the name is kept for the tests below)."""
    return paths


def open_wizard(qtbot, paths) -> FirstRunWizard:
    wizard = FirstRunWizard(paths, lambda *answers: start_new_records(paths, *answers))
    show_active(qtbot, wizard)
    return wizard


def test_wizard_saves_the_organisation_and_the_charitys_own_words(
    qtbot, new_ctx, tmp_path, answers
):
    wizard = open_wizard(qtbot, new_ctx)
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())

    # Welcome → Organisation
    press_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.organisation_page
    form = wizard.organisation_form
    type_text(form.name_edit, "Siân's Carers Café")
    qtbot.keyClicks(form.charity_number_edit, "1123456")
    qtbot.keyClicks(form.address_edit, "2 Quay Street")
    answers.image_file = logo
    qtbot.mouseClick(form.choose_logo_button, Qt.MouseButton.LeftButton)
    assert form.logo_preview.pixmap() is not None and not form.logo_preview.pixmap().isNull()
    # Return on a focused button presses that button, so go back to a field first.
    form.charity_number_edit.setFocus()

    # Organisation → Year: choose 6 April, evaluation in May
    press_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.year_page
    year = wizard.year_form
    year.year_start_day.setFocus()
    year.year_start_day.selectAll()
    qtbot.keyClicks(year.year_start_day, "6")
    year.evaluation_month.setFocus()
    qtbot.keyClicks(year.evaluation_month, "May")
    assert "6 April" in year.year_preview.text()

    # Year → Words: type our own words
    press_next(qtbot, wizard)
    terms = wizard.terms_form
    own_words = terms.choices.button(OWN_WORDS)
    own_words.setFocus()
    qtbot.keyClick(own_words, Qt.Key.Key_Space)
    assert terms.singular_edit.isEnabled()
    terms.singular_edit.selectAll()
    qtbot.keyClicks(terms.singular_edit, "peer researcher")
    terms.plural_edit.selectAll()
    qtbot.keyClicks(terms.plural_edit, "peer researchers")
    assert "Add a peer researcher" in terms.preview.text()

    # Words → Administrator: a weak password is refused, then a good one
    press_next(qtbot, wizard)
    admin = wizard.admin_page.admin_form
    type_text(admin.name_edit, "Siân Rowlands")
    type_text(admin.password_edit, "password1")
    press_next(qtbot, wizard)
    assert "at least 10 characters" in admin.errors["password"].text()
    admin.password_edit.clear()
    type_text(admin.password_edit, "teapot lantern meadow")
    type_text(admin.confirm_edit, "teapot lantern meadow")
    press_next(qtbot, wizard)

    # Recovery key: Next waits until the user says it is kept safe
    assert wizard.currentPage() is wizard.recovery_page
    recovery = wizard.recovery_page.panel
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    recovery.kept_box.setFocus()
    qtbot.keyClick(recovery.kept_box, Qt.Key.Key_Space)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    # → Summary → Finish
    press_next(qtbot, wizard)
    summary = shown_text(wizard.summary_label)
    assert "Siân's Carers Café" in summary
    assert "6 April" in summary
    assert "peer researcher / peer researchers" in summary
    assert "Siân Rowlands" in summary
    press_next(qtbot, wizard)  # Finish
    assert wizard.result() == QWizard.DialogCode.Accepted

    signed = wizard.result_of_finish
    assert signed.actor.name == "Siân Rowlands"
    database = Database(new_ctx.database, key=signed.key)
    with database.session_scope() as session:
        saved = load_organisation(session)
    database.close()
    assert b"Quay Street" not in new_ctx.database.read_bytes()
    assert KeyFile.load(new_ctx.key_file).unlock(RECOVERY_SLOT, recovery.recovery_key)
    assert saved is not None
    assert saved.name == "Siân's Carers Café"
    assert saved.charity_number == "1123456"
    assert (saved.year_start.month, saved.year_start.day) == (4, 6)
    assert saved.evaluation_month == 5
    assert saved.terms.plural == "peer researchers"
    assert saved.logo == logo.read_bytes()


def test_an_empty_name_is_explained_at_the_field_and_blocks_next(qtbot, new_ctx):
    wizard = open_wizard(qtbot, new_ctx)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.organisation_page
    error = wizard.organisation_form.errors["name"]
    assert error.isVisible()
    assert "type the organisation's name" in error.text()
    qtbot.waitUntil(wizard.organisation_form.name_edit.hasFocus)
    assert "organisation's name" in wizard.organisation_form.name_edit.accessibleDescription()

    qtbot.keyClicks(wizard.organisation_form.name_edit, "Greenfield")
    press_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.year_page
    assert not error.isVisible()


def test_a_year_start_that_is_not_a_date_is_explained(qtbot, new_ctx):
    wizard = open_wizard(qtbot, new_ctx)
    press_next(qtbot, wizard)
    qtbot.keyClicks(wizard.organisation_form.name_edit, "Greenfield")
    press_next(qtbot, wizard)
    year = wizard.year_form
    year.year_start_month.setCurrentIndex(1)  # February
    year.year_start_day.setValue(30)
    press_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.year_page
    assert "February has 28 days, so 30 is not a date" in year.errors["year_start"].text()


def test_an_unreadable_logo_is_explained_and_nothing_is_kept(qtbot, new_ctx, tmp_path, answers):
    wizard = open_wizard(qtbot, new_ctx)
    press_next(qtbot, wizard)
    not_a_picture = tmp_path / "minutes.png"
    not_a_picture.write_text("These are meeting minutes, not a picture.")
    answers.image_file = not_a_picture
    form = wizard.organisation_form
    qtbot.mouseClick(form.choose_logo_button, Qt.MouseButton.LeftButton)
    assert "not a picture Involve can use" in form.errors["logo"].text()
    assert form.logo is None


def test_cancelling_asks_first_and_saves_nothing(qtbot, new_ctx, answers):
    wizard = open_wizard(qtbot, new_ctx)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert answers.asked == ["Leave set-up?"]
    assert wizard.isVisible(), "answering No keeps the wizard open"
    answers.yes_no = True
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert not new_ctx.database.exists() and not new_ctx.key_file.exists()


def test_wizard_fields_have_accessible_names(qtbot, new_ctx):
    wizard = open_wizard(qtbot, new_ctx)
    form = wizard.organisation_form
    assert form.name_edit.accessibleName() == "Organisation name"
    assert form.address_edit.accessibleName() == "Address"
    assert wizard.year_form.year_start_month.accessibleName() == "Financial year start: month"
    assert wizard.terms_form.singular_edit.accessibleName() == "One person is a"


def test_logo_file_fixture_is_a_real_png(tmp_path: Path):
    from involve_desktop.domain.organisation import logo_format

    assert logo_format(tiny_png()) == "png"
