"""What every PDF button honours: large print ticked on the Reports screen, the day of the
click (not the day the screen was built), and a person's unsaved edits said plainly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from involve_desktop.ui import pdf_save, prompts
from involve_desktop.ui.dialogs.person_editor import PersonEditor
from involve_desktop.ui.dialogs.person_pdfs import UNSAVED_NOT_IN_IT
from involve_desktop.ui.screens.claims.claims_screen import ClaimsScreen
from involve_desktop.ui.screens.plan.strategy_tab import StrategyTab
from involve_desktop.ui.screens.reports_screen import ReportsScreen
from tests.ui.helpers import show_active, type_text
from tests.ui.pdf.conftest import (
    TODAY,
    close_saved_dialogs,
    person_with_claims,
    saved_dialogs,
    text_of,
)

LAST_YEAR = (date(2025, 4, 1), date(2026, 3, 31))


def text_sizes(pdf: Path) -> set[float]:
    """The size, in points, of every piece of text on the first page."""
    sizes: set[float] = set()
    PdfReader(pdf).pages[0].extract_text(
        visitor_text=lambda text, _cm, tm, _font, size: (
            sizes.add(round(size * tm[0], 1)) if text.strip() else None
        )
    )
    return sizes


def test_large_print_ticked_on_reports_reaches_another_screens_button(
    qtbot, demo_ctx, answers, tmp_path
):
    reports = ReportsScreen(demo_ctx, today=TODAY)
    show_active(qtbot, reports)
    assert reports.large_print.text() == "&Large print (16 pt) for every PDF"
    qtbot.mouseClick(reports.large_print, Qt.MouseButton.LeftButton)
    assert reports.large_print.isChecked()

    claims = ClaimsScreen(demo_ctx, today=TODAY)
    show_active(qtbot, claims)
    answers.save_file = tmp_path / "Form.pdf"
    qtbot.mouseClick(claims.blank_button, Qt.MouseButton.LeftButton)
    assert answers.file_pickers == ["Save the claim form as a PDF in large print"]
    [dialog] = saved_dialogs()
    assert "large print" in dialog.message.text()
    close_saved_dialogs()
    sizes = text_sizes(tmp_path / "Form.pdf")
    assert 16 in sizes and min(sizes) >= 14, "16 pt text, 14 pt at the page's foot"

    qtbot.mouseClick(reports.large_print, Qt.MouseButton.LeftButton)  # off again
    answers.save_file = tmp_path / "Normal.pdf"
    qtbot.mouseClick(claims.blank_button, Qt.MouseButton.LeftButton)
    close_saved_dialogs()
    assert answers.file_pickers[-1] == "Save the claim form as a PDF"
    assert min(text_sizes(tmp_path / "Normal.pdf")) < 14


def test_a_pdf_is_dated_the_day_it_is_made_not_the_day_the_screen_opened(
    qtbot, demo_ctx, tmp_path, monkeypatch
):
    tab = StrategyTab(demo_ctx)  # as the app builds it: no day fixed
    show_active(qtbot, tab)
    offered: list[Path] = []

    def picker(parent, title, file_filter, suggested):
        offered.append(suggested)
        return tmp_path / suggested.name

    class NextYear(date):
        @classmethod
        def today(cls) -> date:
            return date(2031, 1, 2)  # the app left open until the clock has moved on

    monkeypatch.setattr(prompts, "choose_save_file", picker)
    monkeypatch.setattr(pdf_save, "date", NextYear)
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    close_saved_dialogs()
    assert [path.name for path in offered] == ["Strategy 2031-01-02.pdf"]
    assert "Made on 2 January 2031" in text_of(tmp_path / "Strategy 2031-01-02.pdf")


def test_a_payment_statement_with_unsaved_edits_says_they_are_not_in_it(
    qtbot, demo_ctx, answers, tmp_path
):
    person_id, _first, last_name = person_with_claims(demo_ctx, *LAST_YEAR)
    editor = PersonEditor(demo_ctx, person_id, today=TODAY)
    show_active(qtbot, editor)
    field = editor.about.last_name
    field.selectAll()
    type_text(field, "Changed-Not-Saved")
    assert editor.dirty
    editor.pdfs.statement_action.trigger()
    dialog = editor.pdfs.period_dialog
    assert dialog is not None and dialog.isVisible()
    assert UNSAVED_NOT_IN_IT in dialog.about.text()
    assert dialog.about.isVisible()
    dialog.year.choose(LAST_YEAR)
    answers.save_file = tmp_path / "Statement.pdf"
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    close_saved_dialogs()
    text = " ".join(text_of(tmp_path / "Statement.pdf").split())
    assert last_name in text and "Changed-Not-Saved" not in text, "the record as last saved"
    assert editor.dirty and editor.isVisible(), "the edits are still there to save"


def test_a_payment_statement_with_nothing_unsaved_says_nothing_about_it(qtbot, demo_ctx):
    person_id, _first, _last = person_with_claims(demo_ctx, *LAST_YEAR)
    editor = PersonEditor(demo_ctx, person_id, today=TODAY)
    show_active(qtbot, editor)
    editor.pdfs.statement_action.trigger()
    dialog = editor.pdfs.period_dialog
    assert dialog is not None and UNSAVED_NOT_IN_IT not in dialog.about.text()
    dialog.reject()
