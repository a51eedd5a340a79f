"""One click from a claim, the Claims screen and a person's record to the PDF a person is
handed: the filled claim form, a blank one, a payment statement, everything we hold."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from involve_desktop.db.money_models import Claim
from involve_desktop.services.audit import AuditAction, list_events
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.claim_editor import ClaimEditor
from involve_desktop.ui.dialogs.person_editor import PersonEditor
from involve_desktop.ui.dialogs.person_pdfs import LAST_BEFORE_FIRST
from involve_desktop.ui.screens.claims.claims_screen import ClaimsScreen
from tests.ui.helpers import show_active, type_text
from tests.ui.pdf.conftest import (
    TODAY,
    close_saved_dialogs,
    page_count,
    person_with_claims,
    saved_dialogs,
    text_of,
)
from tests.ui.test_mnemonics import clashes, mnemonics

LAST_YEAR = (date(2025, 4, 1), date(2026, 3, 31))


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def claim_with_status(ctx, status: str) -> tuple[int, int]:
    """(claim id, person id) of the demo's first claim with that status."""
    with ctx.database().session_scope() as session:
        claim = session.scalars(
            select(Claim).where(Claim.status == status).order_by(Claim.id)
        ).first()
        assert claim is not None
        return claim.id, claim.person_id


def flat(pdf) -> str:
    return " ".join(text_of(pdf).split())


def test_a_paid_claim_is_saved_as_its_filled_form(qtbot, demo_ctx, answers, tmp_path):
    claim_id, _person = claim_with_status(demo_ctx, "paid")
    editor = ClaimEditor(demo_ctx, claim_id, today=TODAY)
    show_active(qtbot, editor)
    assert [text for letter, text in mnemonics(editor) if letter == "P"] == ["Save as &PDF\u2026"]
    answers.save_file = tmp_path / "x.pdf"
    click(qtbot, editor.pdf_button)
    text = flat(tmp_path / "x.pdf")
    assert f"Claim {claim_id}" in text and "Paid on" in text
    assert answers.asked == [], "a paid claim cannot be changed here: nothing to ask"
    assert len(saved_dialogs()) == 1
    close_saved_dialogs()


def test_a_draft_with_unsaved_changes_is_saved_first(qtbot, demo_ctx, answers, tmp_path):
    claim_id, _person = claim_with_status(demo_ctx, "draft")
    editor = ClaimEditor(demo_ctx, claim_id, today=TODAY)
    show_active(qtbot, editor)
    editor.header.notes.setFocus()
    type_text(editor.header.notes, "Bus fare receipt posted")
    assert editor.dirty
    answers.save_file = tmp_path / "x.pdf"
    answers.yes_no = True
    click(qtbot, editor.pdf_button)
    assert answers.asked == ["Save your changes first?"]
    assert not editor.dirty and editor.isVisible(), "saved, and still open"
    assert f"Claim {claim_id}" in flat(tmp_path / "x.pdf")
    close_saved_dialogs()


def test_the_claims_screen_saves_a_blank_form(qtbot, demo_ctx, answers, tmp_path):
    screen = ClaimsScreen(demo_ctx, today=TODAY)
    show_active(qtbot, screen)
    answers.save_file = tmp_path / "Blank"
    click(qtbot, screen.blank_button)
    saved = tmp_path / "Blank.pdf"
    text = flat(saved)
    assert "Riverside Voices" in text and "Claim form" in text
    assert "Your name" in text and "Paid on" not in text
    close_saved_dialogs()
    hidden = tuple(screen.tabs.widget(index) for index in range(1, screen.tabs.count()))
    assert clashes(mnemonics(screen, leave_out=hidden)) == {}


def open_person(qtbot, ctx) -> tuple[PersonEditor, str]:
    person_id, _first_name, last_name = person_with_claims(ctx, *LAST_YEAR)
    editor = PersonEditor(ctx, person_id, today=TODAY)
    show_active(qtbot, editor)
    return editor, last_name


def test_a_payment_statement_for_a_financial_year(qtbot, demo_ctx, answers, tmp_path):
    editor, last_name = open_person(qtbot, demo_ctx)
    assert [action.text() for action in editor.pdfs.menu.actions()] == [
        "&Payment statement\u2026",
        "&Everything we hold\u2026",
        "Everything we hold as &data files (zip)\u2026",
    ]
    editor.pdfs.statement_action.trigger()
    dialog = editor.pdfs.period_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.year.choose(LAST_YEAR)
    answers.save_file = tmp_path / "x.pdf"
    click(qtbot, dialog.make_button)
    text = flat(tmp_path / "x.pdf")
    assert last_name in text and "2025" in text and "£" in text
    close_saved_dialogs()
    entries = ops.query(
        demo_ctx, list_events, demo_ctx.actor, action=AuditAction.EXPORTED_PAYMENT_STATEMENT
    )
    assert [entry.subject for entry in entries] == [f"person {editor.person_id}"]


def test_a_statement_between_two_dates_checks_them_at_the_field(qtbot, demo_ctx, answers, tmp_path):
    editor, last_name = open_person(qtbot, demo_ctx)
    editor.pdfs.statement_action.trigger()
    dialog = editor.pdfs.period_dialog
    assert clashes(mnemonics(dialog)) == {}
    type_text(dialog.first, "01/03/2026")
    type_text(dialog.last, "01/04/2025")
    assert dialog.by_dates.isChecked(), "typing a date chooses the dates"
    answers.save_file = tmp_path / "x.pdf"
    click(qtbot, dialog.make_button)
    assert dialog.isVisible()
    assert dialog.last_error.isVisible() and LAST_BEFORE_FIRST in dialog.last_error.text()
    assert dialog.last.accessibleDescription() == LAST_BEFORE_FIRST
    assert not dialog.first_error.isVisible()
    assert not (tmp_path / "x.pdf").exists()

    dialog.last.clear()
    type_text(dialog.last, "not a date")
    click(qtbot, dialog.make_button)
    assert dialog.isVisible() and dialog.last_error.isVisible()

    dialog.last.clear()
    type_text(dialog.last, "31/03/2026")
    click(qtbot, dialog.make_button)
    assert not dialog.isVisible()
    text = flat(tmp_path / "x.pdf")
    assert last_name in text and "1 March 2026" in text
    close_saved_dialogs()


def test_everything_we_hold_warns_first_and_is_audited(qtbot, demo_ctx, answers, tmp_path):
    editor, last_name = open_person(qtbot, demo_ctx)
    answers.save_file = tmp_path / "x.pdf"
    answers.yes_no = False
    editor.pdfs.everything_action.trigger()
    assert answers.asked == [f"Everything we hold about {editor.original.display_name}"]
    assert not (tmp_path / "x.pdf").exists()

    answers.yes_no = True
    editor.pdfs.everything_action.trigger()
    assert last_name in flat(tmp_path / "x.pdf")
    assert page_count(tmp_path / "x.pdf") >= 1
    close_saved_dialogs()
    entries = ops.query(demo_ctx, list_events, demo_ctx.actor, action=AuditAction.EXPORTED_PERSON)
    assert [entry.subject for entry in entries] == [f"person {editor.person_id}"]


def test_a_new_person_has_no_pdfs_yet(qtbot, demo_ctx):
    editor = PersonEditor(demo_ctx, None, today=TODAY)
    show_active(qtbot, editor)
    assert not editor.pdfs.button.isVisible()
