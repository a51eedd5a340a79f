"""Everything we hold as data files (a zip), saved from the person editor's "PDF documents"
menu and from the Reports screen's "one person" section, on the demo charity: the PDF's
warning first, the remembered folder, the audit trail, and a message saying where it went."""

from __future__ import annotations

import json
import zipfile

from PySide6.QtCore import Qt

from involve_desktop.services.audit import AuditAction, list_events
from involve_desktop.services.subject_access import PERSON_JSON, README
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.person_editor import PersonEditor
from involve_desktop.ui.save_folder import remembered_folder
from involve_desktop.ui.screens.reports_screen import ReportsScreen
from tests.ui.helpers import show_active, type_text
from tests.ui.pdf.conftest import TODAY, person_with_claims
from tests.ui.pdf.test_claim_person_pdfs import LAST_YEAR
from tests.ui.test_mnemonics import clashes, mnemonics


def suggested_names(monkeypatch, answers) -> list[str]:
    """The names the save picker offered, recorded as the scripted answer is given."""
    offered: list[str] = []

    def choose(parent, title, file_filter, suggested):
        offered.append(suggested.name)
        return answers.choose_save_file(parent, title, file_filter, suggested)

    monkeypatch.setattr(prompts, "choose_save_file", choose)
    return offered


def audited(ctx) -> list[str]:
    entries = ops.query(
        ctx, list_events, ctx.actor, action=AuditAction.EXPORTED_SUBJECT_ACCESS_DATA
    )
    return [entry.subject for entry in entries]


def record_number_in(path) -> int:
    with zipfile.ZipFile(path) as archive:
        assert README in archive.namelist()
        return json.loads(archive.read(PERSON_JSON))["record_number"]


def test_the_editor_menu_warns_then_saves_the_zip_and_says_where(
    qtbot, demo_ctx, answers, tmp_path, monkeypatch
):
    person_id, _first, _last = person_with_claims(demo_ctx, *LAST_YEAR)
    editor = PersonEditor(demo_ctx, person_id, today=TODAY)
    show_active(qtbot, editor)
    name = editor.original.display_name
    menu = [action.text() for action in editor.pdfs.menu.actions()]
    assert menu[1:] == [
        "&Everything we hold\u2026",
        "Everything we hold as &data files (zip)\u2026",
    ]
    assert clashes([(text.split("&")[1][0].upper(), text) for text in menu]) == {}
    offered = suggested_names(monkeypatch, answers)
    answers.save_file = tmp_path / "sar.zip"

    answers.yes_no = False  # the warning is read, and the user stops there
    editor.pdfs.data_action.trigger()
    assert answers.asked == [f"Everything we hold about {name}, as data files"]
    assert offered == [] and not answers.save_file.exists()

    answers.yes_no = True
    editor.pdfs.data_action.trigger()
    assert offered == [f"Everything we hold, record {person_id}, 2026-11-26 (data files).zip"]
    assert record_number_in(answers.save_file) == person_id
    title, message = answers.messages[-1]
    assert title == "Data files saved"
    assert "\u201csar.zip\u201d" in message and str(tmp_path) in message
    assert audited(demo_ctx) == [f"person {person_id}"]
    assert remembered_folder(demo_ctx) == tmp_path


def test_the_warning_says_unsaved_changes_are_not_in_it(qtbot, demo_ctx, answers, monkeypatch):
    person_id, _first, _last = person_with_claims(demo_ctx, *LAST_YEAR)
    editor = PersonEditor(demo_ctx, person_id, today=TODAY)
    show_active(qtbot, editor)
    warnings: list[str] = []
    monkeypatch.setattr(
        prompts,
        "ask_yes_no",
        lambda _parent, _title, question, _yes: warnings.append(question) or False,
    )
    type_text(editor.about.first_name, "x")
    assert editor.dirty
    editor.pdfs.data_action.trigger()
    assert "This zip of data files holds everything we hold about" in warnings[0]
    assert "Keep it safe" in warnings[0]
    assert "Your unsaved changes are not in it" in warnings[0]


def test_a_name_typed_without_zip_gets_it_and_a_failure_is_said(qtbot, demo_ctx, answers, tmp_path):
    person_id, _first, _last = person_with_claims(demo_ctx, *LAST_YEAR)
    editor = PersonEditor(demo_ctx, person_id, today=TODAY)
    show_active(qtbot, editor)
    answers.yes_no = True
    answers.save_file = tmp_path / "for them"
    editor.pdfs.data_action.trigger()
    assert record_number_in(tmp_path / "for them.zip") == person_id

    answers.save_file = tmp_path / "gone" / "x.zip"  # a folder removed since it was chosen
    editor.pdfs.data_action.trigger()
    assert answers.problems and answers.problems[-1][0] == "The data files were not saved"
    assert audited(demo_ctx) == [f"person {person_id}"], "only the saved copy is recorded"


def test_the_reports_screen_offers_the_zip_beside_the_pdf(qtbot, demo_ctx, answers, tmp_path):
    person_id, first, last = person_with_claims(demo_ctx, *LAST_YEAR)
    screen = ReportsScreen(demo_ctx, today=TODAY)
    screen.resize(1280, 800)
    show_active(qtbot, screen)
    section = screen.person
    assert not section.data_button.isEnabled(), "nobody chosen yet"
    assert clashes(mnemonics(screen)) == {}

    qtbot.mouseClick(section.choose_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    type_text(dialog.finder.search, last)
    dialog.finder.find()
    for row in range(dialog.finder.results.count()):
        if dialog.finder.results.item(row).text().startswith(f"{first} {last}"):
            dialog.finder.results.setCurrentRow(row)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert section.data_button.isEnabled()
    assert section.data_button.accessibleName() == (
        f"Everything we hold about {first} {last}, as data files"
    )

    answers.yes_no = True
    answers.save_file = tmp_path / "reports.zip"
    qtbot.mouseClick(section.data_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1] == f"Everything we hold about {first} {last}, as data files"
    assert record_number_in(tmp_path / "reports.zip") == person_id
    assert answers.messages[-1][0] == "Data files saved"
    assert audited(demo_ctx) == [f"person {person_id}"]
