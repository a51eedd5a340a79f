"""One click from Plan → Strategy, Plan → Action plan and the Yearly evaluation to a PDF of
what is on screen, on a demo charity; unsaved edits are asked about, never printed blind."""

from __future__ import annotations

from PySide6.QtCore import Qt

from involve_desktop.services.evaluations import start_evaluation
from involve_desktop.ui.screens.evaluation.evaluation_screen import EvaluationScreen
from involve_desktop.ui.screens.plan.action_plan_tab import ActionPlanTab
from involve_desktop.ui.screens.plan.strategy_tab import StrategyTab
from tests.ui.helpers import show_active, type_text
from tests.ui.pdf.conftest import TODAY, close_saved_dialogs, saved_dialogs, text_of
from tests.ui.test_mnemonics import clashes, mnemonics


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_strategy_shown_is_saved_as_a_pdf(qtbot, demo_ctx, answers, tmp_path):
    tab = StrategyTab(demo_ctx, today=TODAY)
    show_active(qtbot, tab)
    answers.save_file = tmp_path / "x.pdf"
    click(qtbot, tab.pdf_button)
    text = text_of(tmp_path / "x.pdf")
    assert "Involvement strategy 2026 to 2029" in text
    assert answers.asked == [], "nothing unsaved, nothing asked"
    close_saved_dialogs()

    tab.versions.setCurrentIndex(1)  # version 1, replaced: read, not changed
    tab.versions.activated.emit(1)
    answers.save_file = tmp_path / "old.pdf"
    click(qtbot, tab.pdf_button)
    assert "Involvement strategy 2023 to 2026" in text_of(tmp_path / "old.pdf")
    close_saved_dialogs()


def test_unsaved_strategy_edits_are_saved_first_or_nothing_is_made(
    qtbot, demo_ctx, answers, tmp_path
):
    tab = StrategyTab(demo_ctx, today=TODAY)
    show_active(qtbot, tab)
    tab.form.title.selectAll()
    type_text(tab.form.title, "Our strategy, as the members wrote it")
    assert tab.dirty
    answers.save_file = tmp_path / "x.pdf"
    answers.yes_no = False
    click(qtbot, tab.pdf_button)
    assert answers.asked == ["Save your changes first?"]
    assert not (tmp_path / "x.pdf").exists() and tab.dirty, "kept editing, nothing made"

    answers.yes_no = True
    click(qtbot, tab.pdf_button)
    assert not tab.dirty
    assert "Our strategy, as the members wrote it" in text_of(tmp_path / "x.pdf")
    close_saved_dialogs()


def test_the_action_plan_is_saved_filtered_as_on_screen(qtbot, demo_ctx, answers, tmp_path):
    tab = ActionPlanTab(demo_ctx, today=TODAY)
    show_active(qtbot, tab)
    everything = tmp_path / "all.pdf"
    answers.save_file = everything
    tab.filters.show_everything()
    click(qtbot, tab.pdf_button)
    close_saved_dialogs()
    shown = [tab.model.record_at(row) for row in range(tab.model.rowCount())]
    assert len(shown) >= 2
    one = shown[0].action
    type_text(tab.filters.search, one)
    qtbot.waitUntil(lambda: tab.model.rowCount() < len(shown))
    others = [row.action for row in shown if one not in row.action and row.action not in one]
    answers.save_file = tmp_path / "filtered.pdf"
    click(qtbot, tab.pdf_button)
    close_saved_dialogs()
    flat = " ".join(text_of(tmp_path / "filtered.pdf").split())
    assert " ".join(one.split()) in flat
    assert not any(" ".join(other.split()) in flat for other in others), "as filtered"
    everything_text = " ".join(text_of(everything).split())
    assert all(" ".join(row.action.split())[:30] in everything_text for row in shown)


def test_the_evaluation_open_is_saved_and_unsaved_answers_asked_about(
    qtbot, demo_ctx, answers, tmp_path
):
    screen = EvaluationScreen(demo_ctx, today=TODAY)
    screen.resize(1280, 800)
    show_active(qtbot, screen)
    editor = screen.editor
    assert editor.record is not None and editor.record.label == "2025/26"
    answers.save_file = tmp_path / "x.pdf"
    click(qtbot, editor.pdf_button)
    assert "2025/26" in text_of(tmp_path / "x.pdf")
    close_saved_dialogs()

    with demo_ctx.database().session_scope() as session:
        from datetime import date

        new_id = start_evaluation(session, demo_ctx.actor, date(2026, 4, 1), TODAY)
    screen.refresh_list()
    screen.open_evaluation(new_id)
    type_text(editor.who.who_took_part, "Eight members and two trustees")
    assert editor.dirty
    answers.save_file = tmp_path / "new.pdf"
    answers.yes_no = True
    click(qtbot, editor.pdf_button)
    assert answers.asked == ["Save your changes first?"]
    assert not editor.dirty
    text = text_of(tmp_path / "new.pdf")
    assert "2026/27" in text and "Eight members and two trustees" in " ".join(text.split())
    close_saved_dialogs()


def test_the_pdf_buttons_take_no_letter_already_taken(qtbot, demo_ctx):
    for widget in (StrategyTab(demo_ctx, today=TODAY), ActionPlanTab(demo_ctx, today=TODAY)):
        show_active(qtbot, widget)
        found = mnemonics(widget)
        assert clashes(found) == {}
    screen = EvaluationScreen(demo_ctx, today=TODAY)
    show_active(qtbot, screen)
    tabs = screen.editor.tabs
    hidden = tuple(tabs.widget(index) for index in range(1, tabs.count()))
    found = mnemonics(screen, leave_out=hidden)
    assert ("P", "Save as &PDF\u2026") in found and clashes(found) == {}
    assert saved_dialogs() == []
