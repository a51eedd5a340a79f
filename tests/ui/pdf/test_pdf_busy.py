"""While a PDF is made or printed: the window cannot be closed under it, a second click
does not start a second one, and what can go wrong afterwards (no PDF reader, a folder that
cannot be written) is said plainly. Driven through the main window and a screen's button."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter

from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.ui import pdf_save, prompts
from involve_desktop.ui.dialogs.pdf_saved_dialog import no_reader_message
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.pdf_print import print_pdf
from involve_desktop.ui.progress import work_in_progress
from involve_desktop.ui.save_folder import documents_folder, remembered_folder
from involve_desktop.ui.screens.claims.claims_screen import ClaimsScreen
from tests.ui.helpers import show_active
from tests.ui.pdf.conftest import TODAY, close_saved_dialogs, page_count, saved_dialogs

LONG = 30  # seconds to wait for what is expected before failing


def held_until(monkeypatch, module, name: str) -> threading.Event:
    """Make `module.name` (the work done on the worker thread) wait for the event returned,
    so a test can act while the work is surely still running."""
    release = threading.Event()
    real: Callable = getattr(module, name)

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert release.wait(LONG)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return release


def during_work(action: Callable[[], None], release: threading.Event) -> QTimer:
    """Once work is running, do `action` on the GUI thread, then let the work finish."""
    timer = QTimer()

    def act() -> None:
        if work_in_progress() and not release.is_set():
            try:
                action()
            finally:
                release.set()

    timer.timeout.connect(act)
    timer.start(10)
    return timer


def claims_window(qtbot, ctx) -> tuple[MainWindow, ClaimsScreen]:
    window = MainWindow(ctx)
    window.resize(1280, 800)
    show_active(qtbot, window)
    window._services_ready()
    window._show_area_by_key("claims")
    screen = window.current_screen()
    assert isinstance(screen, ClaimsScreen)
    return window, screen


def test_closing_the_window_while_a_pdf_is_made_is_refused_in_plain_words(
    qtbot, demo_ctx, answers, tmp_path, monkeypatch
):
    window, screen = claims_window(qtbot, demo_ctx)
    answers.save_file = tmp_path / "Form.pdf"
    release = held_until(monkeypatch, pdf_save, "make_document")
    closed: list[bool] = []
    timer = during_work(lambda: closed.append(window.close()), release)
    try:
        qtbot.mouseClick(screen.blank_button, Qt.MouseButton.LeftButton)
    finally:
        timer.stop()
    assert closed == [False]
    assert answers.problems == [
        (
            "Involve is still working",
            "A PDF is still being made. Wait for it to finish, then close Involve.",
        )
    ]
    assert window.isVisible()
    qtbot.waitUntil(lambda: bool(saved_dialogs()), timeout=LONG * 1000)
    assert page_count(tmp_path / "Form.pdf") >= 1, "the PDF was finished, records still open"
    close_saved_dialogs()
    assert window.close(), "once it is done the window closes"


def test_a_second_click_during_work_does_not_open_a_second_file_picker(
    qtbot, demo_ctx, answers, tmp_path, monkeypatch
):
    _window, screen = claims_window(qtbot, demo_ctx)
    answers.save_file = tmp_path / "Form.pdf"
    release = held_until(monkeypatch, pdf_save, "make_document")
    timer = during_work(screen.blank_button.click, release)
    try:
        qtbot.mouseClick(screen.blank_button, Qt.MouseButton.LeftButton)
    finally:
        timer.stop()
    assert release.is_set(), "the second click came while the first was working"
    assert answers.file_pickers == ["Save the claim form as a PDF"]
    assert [path.name for path in tmp_path.iterdir() if path.suffix == ".pdf"] == ["Form.pdf"]
    close_saved_dialogs()


def test_a_second_print_while_printing_does_nothing(
    qtbot, demo_ctx, answers, tmp_path, monkeypatch
):
    from involve_desktop.ui import pdf_print

    answers.save_file = tmp_path / "Form.pdf"
    saved = pdf_save.save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.CLAIM_FORM), today=TODAY)
    close_saved_dialogs()
    printers_asked: list[int] = []
    printed = tmp_path / "printed.pdf"

    def choose(parent, printer, count) -> bool:
        printers_asked.append(count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(prompts, "choose_printer", choose)
    release = held_until(monkeypatch, pdf_print, "paint_pdf")
    again: list[bool] = []
    timer = during_work(lambda: again.append(print_pdf(None, saved)), release)
    try:
        assert print_pdf(None, saved)
    finally:
        timer.stop()
    assert again == [False], "the second print did nothing"
    assert len(printers_asked) == 1
    assert page_count(printed) == page_count(saved)


def test_open_without_a_pdf_reader_says_where_the_pdf_is_and_stays_open(
    qtbot, demo_ctx, answers, tmp_path, monkeypatch
):
    monkeypatch.setattr(prompts, "open_file", lambda path: False)
    answers.save_file = tmp_path / "Form.pdf"
    pdf_save.save_pdf(demo_ctx, None, DocumentRequest(DocumentKind.CLAIM_FORM), today=TODAY)
    [dialog] = saved_dialogs()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Open
    assert answers.problems == [("The PDF could not be opened", no_reader_message(tmp_path))]
    assert "No program on this computer opens PDF files" in answers.problems[0][1]
    assert f"saved in {tmp_path}; Show in folder" in answers.problems[0][1]
    assert saved_dialogs() == [dialog], "kept open, to show the folder"
    dialog.folder_button.click()
    assert answers.opened_folders == [tmp_path]


def test_a_folder_that_could_not_be_written_is_not_offered_next_time(
    demo_ctx, answers, tmp_path: Path
):
    answers.save_file = tmp_path / "USB stick" / "Plan.pdf"
    request = DocumentRequest(DocumentKind.CLAIM_FORM)
    assert pdf_save.save_pdf(demo_ctx, None, request, today=TODAY) is None
    assert remembered_folder(demo_ctx) == documents_folder()
    answers.save_file = tmp_path / "Plan.pdf"
    assert pdf_save.save_pdf(demo_ctx, None, request, today=TODAY) is not None
    close_saved_dialogs()
    assert remembered_folder(demo_ctx) == tmp_path
