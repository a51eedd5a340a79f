"""Saving a document as a PDF from the app, on a demo charity: where it goes, what it holds,
what happens when the folder fails, and the "PDF saved" dialog's next steps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from involve_desktop.services.audit import AuditAction, list_events
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.pdf_save import save_pdf
from involve_desktop.ui.save_folder import documents_folder
from tests.ui.pdf.conftest import (
    TODAY,
    close_saved_dialogs,
    page_count,
    person_with_claims,
    saved_dialogs,
    text_of,
)


def folder(tmp_path: Path) -> Path:
    """A folder of its own to save in (the test's data folder is beside it)."""
    out = tmp_path / "Saved"
    out.mkdir()
    return out


def test_the_strategy_is_saved_and_the_next_step_offered(qtbot, demo_ctx, answers, tmp_path):
    out = folder(tmp_path)
    answers.save_file = out / "Strategy for trustees"
    saved = save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.STRATEGY), today=TODAY)
    assert saved == out / "Strategy for trustees.pdf", "the type is added"
    assert answers.file_pickers == ["Save the strategy as a PDF"]
    assert "Involvement strategy" in text_of(saved)
    pages = page_count(saved)
    [dialog] = saved_dialogs()
    assert dialog.message.text() == f"Saved \u201cStrategy for trustees.pdf\u201d ({pages} pages)."
    assert str(out) in dialog.folder.text()
    assert dialog.open_button.isDefault()
    assert [button.accessibleName() for button in dialog.findChildren(QPushButton)] == [
        "Open the PDF",
        "Print the PDF",
        "Show the PDF in its folder",
        "Close",
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert saved_dialogs() == []
    assert [p.name for p in out.iterdir()] == ["Strategy for trustees.pdf"], "no temporary"


def test_cancelling_the_file_picker_saves_nothing(demo_ctx, answers, tmp_path):
    out = folder(tmp_path)
    answers.save_file = None
    assert save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.CLAIM_FORM), today=TODAY) is None
    assert list(out.iterdir()) == []
    assert saved_dialogs() == []
    assert answers.problems == []


def test_a_folder_that_cannot_be_written_is_said_plainly_and_leaves_nothing(
    demo_ctx, answers, tmp_path
):
    out = folder(tmp_path)
    answers.save_file = out / "USB stick" / "Plan.pdf"
    request = DocumentRequest(DocumentKind.ACTION_PLAN)
    assert save_pdf(demo_ctx, None, request, today=TODAY) is None
    [(title, message)] = answers.problems
    assert title == "The PDF was not saved"
    assert "could not write in the folder" in message and "choose another folder" in message
    assert "Errno" not in message and "Traceback" not in message
    assert list(out.iterdir()) == []
    assert saved_dialogs() == []


def test_a_document_that_cannot_be_made_says_why(demo_ctx, answers, tmp_path):
    answers.save_file = tmp_path / "Evaluation.pdf"
    request = DocumentRequest(DocumentKind.EVALUATION, year_first=date(2019, 4, 1))
    assert save_pdf(demo_ctx, None, request, today=TODAY) is None
    assert answers.problems == [
        ("The PDF was not saved", "There is no yearly evaluation for 2019/20 to print.")
    ]
    assert not (tmp_path / "Evaluation.pdf").exists()


def test_the_folder_saved_to_is_offered_next_time(demo_ctx, tmp_path, monkeypatch):
    offered: list[Path] = []
    folder = tmp_path / "Trustees"
    folder.mkdir()

    def picker(parent, title, file_filter, suggested):
        offered.append(suggested)
        return folder / suggested.name

    monkeypatch.setattr(prompts, "choose_save_file", picker)
    save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.CLAIM_FORM), today=TODAY)
    save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.ANNUAL_REPORT), today=TODAY)
    close_saved_dialogs()
    assert offered[0].parent == documents_folder()
    assert offered[0].name == "Claim form (blank).pdf"
    assert offered[1] == folder / "Annual involvement report 2025-26.pdf"
    assert "Riverside Voices" in text_of(offered[1])


def test_everything_held_about_a_person_is_audited(qtbot, demo_ctx, answers, tmp_path):
    person_id, _first_name, last_name = person_with_claims(demo_ctx, date(2025, 4, 1), TODAY)
    answers.save_file = tmp_path / "Record.pdf"
    request = DocumentRequest(DocumentKind.PERSON, person_id=person_id)
    with qtbot.waitSignal(
        demo_ctx.events.data_changed, check_params_cb=lambda kind: kind == "audit"
    ):
        saved = save_pdf(demo_ctx, None, request, today=TODAY)
    close_saved_dialogs()
    assert saved is not None and last_name in text_of(saved)
    entries = ops.query(demo_ctx, list_events, demo_ctx.actor, action=AuditAction.EXPORTED_PERSON)
    assert [(entry.staff_name, entry.subject) for entry in entries] == [
        ("Priya Shah", f"person {person_id}")
    ]


def test_the_dialog_opens_the_file_and_its_folder(qtbot, demo_ctx, answers, tmp_path, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(prompts, "open_file", lambda path: opened.append(path) or True)
    answers.save_file = tmp_path / "Form.pdf"
    save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.CLAIM_FORM), today=TODAY)
    [dialog] = saved_dialogs()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Open is the default
    assert opened == [tmp_path / "Form.pdf"]
    assert saved_dialogs() == []

    save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.CLAIM_FORM), today=TODAY)
    [dialog] = saved_dialogs()
    dialog.folder_button.click()
    assert answers.opened_folders == [tmp_path]
    assert saved_dialogs() == []


def test_the_dialog_prints_the_pdf(qtbot, demo_ctx, answers, tmp_path, monkeypatch):
    printed = tmp_path / "printed" / "sent to the printer.pdf"
    printed.parent.mkdir()

    def choose(parent, printer, count) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(prompts, "choose_printer", choose)
    answers.save_file = tmp_path / "Plan.pdf"
    save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.ACTION_PLAN), today=TODAY)
    [dialog] = saved_dialogs()
    dialog.print_button.click()
    assert page_count(printed) == page_count(tmp_path / "Plan.pdf")
    assert saved_dialogs() == []


def test_the_pdf_is_made_off_the_main_thread_with_its_pages_counted(
    demo_ctx, answers, tmp_path, monkeypatch
):
    import threading

    from involve_desktop.ui import pdf_save

    seen: list[tuple[threading.Thread, int, int]] = []
    real = pdf_save.make_document

    def watched(database, actor, request, target, today, progress=None):
        def counted(done: int, total: int) -> None:
            seen.append((threading.current_thread(), done, total))
            progress(done, total)

        return real(database, actor, request, target, today, counted)

    monkeypatch.setattr(pdf_save, "make_document", watched)
    answers.save_file = folder(tmp_path) / "Report.pdf"
    save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.ANNUAL_REPORT), today=TODAY)
    close_saved_dialogs()
    assert seen, "the writer reports its progress"
    assert all(thread is not threading.main_thread() for thread, _done, _total in seen)
    assert seen[-1][1] == seen[-1][2], "it counts up to the end"
