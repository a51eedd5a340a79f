"""Plan → Strategy driven like a person: writing the first strategy with the keyboard, a bad
date shown at its field, a new version made current, a replaced version read-only, unsaved
edits asked about, and the notice that the strategy is due for review."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from involve_desktop.db.cycle_models import ActionItem
from involve_desktop.domain.learning_cycle import ItemStatus
from involve_desktop.domain.plan_records import StrategyDetails
from involve_desktop.domain.roles import Role
from involve_desktop.services.permissions import Actor
from involve_desktop.services.strategy import (
    list_strategies,
    make_current,
    start_first_strategy,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.prompts import UnsavedChoice
from involve_desktop.ui.screens.plan.strategy_tab import (
    WHO_MAY_CHANGE_CURRENT,
    WHO_MAY_MAKE_CURRENT,
    StrategyTab,
)
from tests.ui.helpers import show_active, shown_text, type_text
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_mnemonics import clashes, mnemonics

TODAY = date(2026, 11, 26)
WRITTEN = StrategyDetails(
    title="Involvement strategy 2025 to 2028",
    period_start=date(2025, 4, 1),
    period_end=date(2028, 3, 31),
    purpose="Services are better when the people who use them shape them.",
    approved_by="The board of trustees",
    approved_on=date(2025, 5, 14),
    review_on=date(2026, 4, 1),
)


def current_strategy_with_actions(ctx, details: StrategyDetails = WRITTEN) -> int:
    """Version 1, current since 1 June 2025, with two unfinished actions and one done."""
    with ctx.database().session_scope() as session:
        strategy_id = start_first_strategy(session, ctx.actor, details)
        make_current(session, ctx.actor, strategy_id, date(2025, 6, 1))
        for action, status in (
            ("Write a participation charter", ItemStatus.NOT_STARTED),
            ("Train staff", ItemStatus.IN_PROGRESS),
            ("Pay for travel", ItemStatus.DONE),
        ):
            session.add(
                ActionItem(
                    strategy_id=strategy_id,
                    action=action,
                    area="culture",
                    stage="planning",
                    status=status.value,
                    moved_at=datetime(2025, 7, 1, 9, 0),
                )
            )
    return strategy_id


def shown_tab(qtbot, ctx) -> StrategyTab:
    tab = StrategyTab(ctx, today=TODAY)
    tab.resize(1100, 800)
    show_active(qtbot, tab)
    return tab


def press_save(qtbot, tab: StrategyTab) -> None:
    qtbot.keyClick(tab.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def retype(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(field, text)


def test_a_first_strategy_is_written_with_the_keyboard_and_saved_as_a_draft(qtbot, ctx):
    tab = shown_tab(qtbot, ctx)
    assert "No strategy yet" in [label.text() for label in tab.empty.findChildren(type(tab.note))]
    assert "experts by experience" in tab.empty.explanation.text(), "the charity's own word"
    qtbot.mouseClick(tab.empty.write_button, Qt.MouseButton.LeftButton)
    assert tab.form.title.text() == "Involvement strategy 2026 to 2029", "suggested"
    assert tab.form.period_start.text() == "01/04/2026"
    assert tab.form.review_on.text() == "01/04/2027"
    assert ops.query(ctx, list_strategies) == [], "nothing saved until Save"
    type_text(tab.form.purpose, "So the people we serve shape what we do.")
    type_text(tab.form.budget, "12,500")
    press_save(qtbot, tab)
    assert tab.versions.currentText() == "Version 1 \u00b7 Draft"
    assert tab.state_label.text() == "Saved."
    [saved] = ops.query(ctx, list_strategies)
    assert saved.details.purpose == "So the people we serve shape what we do."
    assert saved.details.budget_pence == 12_500_00
    assert "experts by experience were consulted" in tab.form.consultation_how.accessibleName()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/03/2026", "The strategy must end after it starts."),
        ("31/02/2029", "31 February 2029 does not exist."),
    ],
)
def test_a_bad_end_date_is_shown_at_the_field_and_nothing_is_saved(qtbot, ctx, typed, message):
    tab = shown_tab(qtbot, ctx)
    tab.write_first()
    retype(qtbot, tab.form.period_end, typed)
    press_save(qtbot, tab)
    error = tab.form.errors["period_end"]
    assert error.isVisible()
    assert message in error.text()
    assert tab.focusWidget() is tab.form.period_end, "the cursor goes to the problem"
    assert tab.state_label.text().startswith("Not saved")
    assert ops.query(ctx, list_strategies) == []


def test_a_new_version_is_made_current_and_the_old_one_kept_read_only(
    qtbot, ctx, answers, monkeypatch
):
    current_strategy_with_actions(ctx)
    questions: list[str] = []

    def ask_yes_no(parent, title, question, yes_text):
        questions.append(question)
        return True

    monkeypatch.setattr(prompts, "ask_yes_no", ask_yes_no)
    tab = shown_tab(qtbot, ctx)
    assert tab.versions.currentText() == (
        "Version 1 \u00b7 Current \u00b7 1 April 2025 to 31 March 2028"
    )
    assert not tab.make_current_button.isVisible(), "only a draft is made current"
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.versions.currentText() == "Version 2 \u00b7 Draft"
    assert tab.form.purpose.toPlainText() == WRITTEN.purpose, "copied"
    assert tab.form.approved_by.text() == "", "the copy is not approved yet"
    retype(qtbot, tab.form.title, "Involvement strategy 2026 to 2029")
    type_text(tab.form.approved_by, "The board of trustees")
    type_text(tab.form.approved_on, "20/11/2026")
    qtbot.mouseClick(tab.make_current_button, Qt.MouseButton.LeftButton)
    assert questions[-1] == (
        "Make version 2 the current strategy? Version 1 will be kept as it was, and its "
        "2 unfinished actions move to version 2's plan."
    )
    assert tab.versions.currentText().startswith("Version 2 \u00b7 Current")
    assert "2 unfinished actions moved" in tab.state_label.text()
    assert [tab.versions.itemText(index) for index in range(tab.versions.count())] == [
        "Version 2 \u00b7 Current \u00b7 1 April 2025 to 31 March 2028",
        "Version 1 \u00b7 Replaced on 26 November 2026",
    ]
    tab.versions.setCurrentIndex(1)
    tab.versions.activated.emit(1)
    assert tab.note.text() == "Replaced on 26 November 2026 \u00b7 kept as it was"
    assert tab.form.title.isReadOnly() and tab.form.purpose.isReadOnly()
    assert not tab.save_button.isVisible()
    assert tab.form.title.text() == WRITTEN.title


def test_a_draft_without_its_approval_is_marked_at_its_fields_not_made_current(qtbot, ctx, answers):
    current_strategy_with_actions(ctx)
    answers.yes_no = True
    tab = shown_tab(qtbot, ctx)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    scroll = tab.pages.currentWidget().verticalScrollBar()
    assert scroll.value() == 0
    qtbot.mouseClick(tab.make_current_button, Qt.MouseButton.LeftButton)
    assert answers.problems == [], "said at the fields, not in a message box"
    errors = tab.form.errors
    assert errors["approved_by"].isVisible()
    assert errors["approved_by"].text() == (
        "\u26a0 Please record who approved it before making it current."
    )
    assert errors["approved_on"].text().startswith("\u26a0 Please give the date it was approved")
    assert tab.form.approved_by.hasFocus()
    assert scroll.value() > 0, "scrolled down to the approval"
    assert tab.state_label.text() == (
        "Not made current yet: 2 things need putting right first (marked \u26a0)."
    )
    assert tab.versions.currentText() == "Version 2 \u00b7 Draft"

    tab.form.purpose.selectAll()
    qtbot.keyClick(tab.form.purpose, Qt.Key.Key_Delete)
    qtbot.mouseClick(tab.make_current_button, Qt.MouseButton.LeftButton)  # saves, then checks
    assert errors["purpose"].text() == (
        "\u26a0 Please write the purpose before making this version current."
    )
    assert tab.form.purpose.hasFocus(), "the first problem, in the form's order"
    assert answers.problems == []


def test_the_purpose_is_asked_in_the_charitys_own_word_for_people(qtbot, ctx):
    current_strategy_with_actions(ctx)
    tab = shown_tab(qtbot, ctx)
    label = tab.form.form.labelForField(tab.form.purpose_row.parentWidget())
    assert label.text() == f"&Why we involve {ctx.terms.plural}:"
    assert tab.form.purpose.accessibleName() == f"Why we involve {ctx.terms.plural}"


def test_staff_read_the_current_version_and_write_a_new_one_instead(qtbot, ctx, answers):
    current_strategy_with_actions(ctx)
    ctx.actor = Actor(ctx.actor.staff_id, "Sam Jones", Role.STAFF)
    tab = shown_tab(qtbot, ctx)
    assert tab.versions.currentText().startswith("Version 1 \u00b7 Current")
    assert tab.form.approved_by.isReadOnly() and tab.form.purpose.isReadOnly()
    assert not tab.save_button.isVisible()
    assert tab.who_may.isVisible() and tab.who_may.text() == WHO_MAY_CHANGE_CURRENT
    assert tab.new_button.isVisible() and tab.new_button.isEnabled()
    answers.yes_no = True
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.versions.currentText() == "Version 2 \u00b7 Draft"
    assert not tab.form.purpose.isReadOnly()
    assert tab.who_may.text() == WHO_MAY_MAKE_CURRENT


def test_staff_may_write_a_draft_but_are_told_who_makes_it_current(qtbot, ctx):
    ctx.actor = Actor(ctx.actor.staff_id, "Sam Jones", Role.STAFF)
    with ctx.database().session_scope() as session:
        start_first_strategy(session, ctx.actor, WRITTEN)
    tab = shown_tab(qtbot, ctx)
    assert tab.make_current_button.isVisible()
    assert not tab.make_current_button.isEnabled()
    assert tab.who_may.isVisible() and tab.who_may.text() == WHO_MAY_MAKE_CURRENT


def test_unsaved_edits_are_asked_about_before_they_are_lost(qtbot, ctx, answers):
    current_strategy_with_actions(ctx)
    tab = shown_tab(qtbot, ctx)
    type_text(tab.form.principles, "We pay people for their time.")
    assert tab.state_label.text() == "You have unsaved changes."
    answers.unsaved = UnsavedChoice.CANCEL
    assert tab.confirm_leave() is False
    assert answers.asked == ["unsaved the strategy"]
    assert tab.form.principles.toPlainText() == "We pay people for their time.", "kept"
    answers.unsaved = UnsavedChoice.SAVE
    assert tab.confirm_leave() is True
    [saved] = ops.query(ctx, list_strategies)
    assert saved.details.principles == "We pay people for their time."
    type_text(tab.form.principles, " Always.")
    answers.unsaved = UnsavedChoice.DISCARD
    assert tab.confirm_leave() is True
    assert tab.form.principles.toPlainText() == "We pay people for their time."


def test_a_strategy_past_its_review_date_is_flagged_in_words(qtbot, ctx):
    current_strategy_with_actions(ctx)
    tab = shown_tab(qtbot, ctx)
    assert tab.banner.isVisible()
    assert shown_text(tab.banner.text) == (
        "Time to review the strategy. Its review date, 1 April 2026, has passed: review it "
        "and make a new version."
    )
    assert tab.banner.button.text() == "Start a new version\u2026"


def test_a_strategy_not_yet_due_for_review_is_not_flagged(qtbot, ctx):
    current_strategy_with_actions(ctx, replace(WRITTEN, review_on=date(2027, 4, 1)))
    tab = shown_tab(qtbot, ctx)
    assert not tab.banner.isVisible()


def test_every_input_is_named_and_no_two_mnemonics_clash(qtbot, ctx):
    current_strategy_with_actions(ctx)
    tab = shown_tab(qtbot, ctx)
    assert unnamed_inputs(tab) == []
    found = mnemonics(tab)
    assert {"S", "V", "T"} <= {letter for letter, _text in found}
    assert clashes(found + [(letter, "menu") for letter in "FEGH"]) == {}
