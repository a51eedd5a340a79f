"""The learning cycle end to end, in the main window: a finding typed into the yearly
evaluation with the keyboard becomes an action in the current strategy's plan, which says
where it came from; and the two new screens keep the keyboard rules of the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from involve_desktop.domain.financial_year import year_containing, year_label
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.strategy import (
    make_current,
    save_strategy,
    start_first_strategy,
    suggested_first_strategy,
)
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.evaluation.evaluation_screen import EvaluationScreen
from involve_desktop.ui.screens.plan.plan_screen import PLAN_TAB, STRATEGY_TAB, PlanScreen
from tests.ui.helpers import show_active
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_mnemonics import clashes, mnemonics, show_screen


def current_strategy_for_today(ctx) -> int:
    """A first strategy written, approved and made current through the strategy service."""
    today = date.today()
    with ctx.database().session_scope() as session:
        details = suggested_first_strategy(session, today)
        strategy_id = start_first_strategy(session, ctx.actor, details)
        approved = replace(
            details,
            purpose="Our members shape every service we run.",
            approved_by="The board of trustees",
            approved_on=today - timedelta(days=1),
        )
        save_strategy(session, ctx.actor, strategy_id, approved)
        make_current(session, ctx.actor, strategy_id, today)
    return strategy_id


@pytest.fixture
def window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    window.resize(1300, 850)
    show_active(qtbot, window)
    window._services_ready()
    return window


def key(qtbot, widget: QWidget, key: Qt.Key) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


def test_a_finding_typed_in_the_evaluation_becomes_an_action_in_the_plan(qtbot, ctx, window):
    current_strategy_for_today(ctx)
    with ctx.database().session_scope() as session:
        start = load_organisation(session).year_start
    this_year, _ = year_containing(date.today(), start)
    last_year, _ = year_containing(this_year - timedelta(days=1), start)
    label = year_label(last_year)

    # Start last year's evaluation from the list, with the keyboard.
    screen = show_screen(window, EvaluationScreen)
    screen.years.setFocus()
    screen.years.setCurrentIndex(screen.years.findText(label))
    key(qtbot, screen.start_button, Qt.Key.Key_Space)
    editor = screen.editor
    assert editor.title.text() == f"Evaluation of {label}"

    # Actions arising: add a finding, type it, choose its area, and add it to the plan.
    editor.tabs.setCurrentWidget(editor.findings)
    key(qtbot, editor.findings.add_button, Qt.Key.Key_Space)
    row = editor.findings.rows[0]
    row.finding.setFocus()
    qtbot.keyClicks(row.finding, "Young carers are hardly involved")
    row.action.setFocus()
    qtbot.keyClicks(row.action, "Start a young carers' group with the schools")
    key(qtbot, row.area, Qt.Key.Key_Down)
    key(qtbot, row.area, Qt.Key.Key_Down)
    key(qtbot, row.area, Qt.Key.Key_Down)
    assert row.area.currentText().startswith("Practice")
    key(qtbot, row.raise_button, Qt.Key.Key_Space)
    assert editor.findings.rows[0].plan_state.text() == "In the plan \u00b7 Not started"

    # The plan shows it, saying where it came from.
    plan = show_screen(window, PlanScreen)
    assert plan.tabs.currentIndex() == PLAN_TAB
    shown = [
        plan.plan_tab.model.index(number, 0).data()
        for number in range(plan.plan_tab.model.rowCount())
    ]
    assert shown == [f"Start a young carers' group with the schools (from the {label} evaluation)"]


def test_no_two_mnemonics_clash_on_either_tab_of_the_plan_screen(ctx, window):
    current_strategy_for_today(ctx)
    plan = show_screen(window, PlanScreen)
    for shown, hidden in ((PLAN_TAB, plan.strategy_tab), (STRATEGY_TAB, plan.plan_tab)):
        plan.tabs.setCurrentIndex(shown)
        found = mnemonics(plan, leave_out=(hidden,)) + mnemonics(window.menuBar())
        assert clashes(found) == {}, plan.tabs.tabText(shown)
    assert unnamed_inputs(plan) == []


def test_leaving_the_strategy_tab_with_edits_asks_first(qtbot, ctx, window, answers):
    from involve_desktop.ui.prompts import UnsavedChoice

    current_strategy_for_today(ctx)
    plan = show_screen(window, PlanScreen)
    plan.tabs.setCurrentIndex(STRATEGY_TAB)
    title = plan.strategy_tab.form.title
    title.setFocus()
    qtbot.keyClicks(title, " (revised)")

    answers.unsaved = UnsavedChoice.CANCEL
    plan.tabs.setCurrentIndex(PLAN_TAB)
    assert plan.tabs.currentIndex() == STRATEGY_TAB
    assert title.text().endswith("(revised)")
    assert not plan.confirm_leave()
