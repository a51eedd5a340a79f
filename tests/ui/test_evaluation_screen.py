"""The yearly evaluation screen, driven as a person would: filled in with the keyboard, saved
part-way, blocked from sign-off while questions are unanswered, findings raised into the
plan, and a signed-off evaluation kept as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QTabWidget

from involve_desktop.domain.evaluation_rules import Answer
from involve_desktop.domain.learning_cycle import StandardsArea
from involve_desktop.services.evaluation_records import FindingDraft
from involve_desktop.services.evaluations import (
    load_evaluation,
    save_evaluation,
    sign_off,
    start_evaluation,
)
from involve_desktop.ui.screens.evaluation.evaluation_screen import EvaluationScreen
from involve_desktop.ui.screens.evaluation.evaluation_tab import is_read_only
from tests.db.test_evaluations import add_current_strategy, complete_details
from tests.ui.helpers import show_active
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_mnemonics import clashes, mnemonics

TODAY = date(2026, 11, 26)
YEAR_2025 = date(2025, 4, 1)
MENU_LETTERS = [(letter, "a menu") for letter in "FEGH"]  # File, Edit, Go, Help


def start(ctx, year=YEAR_2025) -> int:
    with ctx.database().session_scope() as session:
        return start_evaluation(session, ctx.actor, year, TODAY)


def save(ctx, evaluation_id, details, findings=()):
    with ctx.database().session_scope() as session:
        return save_evaluation(session, ctx.actor, evaluation_id, details, list(findings))


def load(ctx, evaluation_id):
    with ctx.database().session_scope() as session:
        return load_evaluation(session, evaluation_id)


def open_screen(qtbot, ctx) -> EvaluationScreen:
    screen = EvaluationScreen(ctx, today=TODAY)
    screen.resize(1200, 800)
    show_active(qtbot, screen)
    return screen


def press(qtbot, screen, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(screen.focusWidget(), key, modifier)


def test_an_evaluation_filled_in_with_the_keyboard_is_saved_and_read_back(qtbot, ctx):
    evaluation_id = start(ctx)
    screen = open_screen(qtbot, ctx)
    editor = screen.editor
    assert editor.title.text() == "Evaluation of 2025/26"

    # Who took part: the date, Tab, who took part; the people we serve, by arrow keys.
    who = editor.who
    who.held_on.setFocus()
    who.held_on.selectAll()
    qtbot.keyClicks(who.held_on, "3/3/2026")
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert screen.focusWidget() is who.who_took_part
    qtbot.keyClicks(who.who_took_part, "Staff team and two trustees")
    who.served.setFocus()
    press(qtbot, screen, Qt.Key.Key_Down)
    assert who.served.currentText() == "Yes, throughout"
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert screen.focusWidget() is who.served_how
    qtbot.keyClicks(who.served_how, "Carers ran the review day")
    assert editor.state.text() == "Unsaved changes."

    # Looking back: one answer, then Tab to the next question's box.
    editor.tabs.setCurrentWidget(editor.looking_back)
    why = editor.looking_back.boxes["reflect.why"]
    why.setFocus()
    qtbot.keyClicks(why, "Services are better for it")
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert screen.focusWidget() is editor.looking_back.boxes["reflect.achieve"]
    assert screen.focusWidget().accessibleName() == (
        "What do we want involvement to achieve? \u2014 answer"
    )
    qtbot.keyClicks(screen.focusWidget(), "Carers shape the services")

    # How well it went: a rating by arrow keys, then its evidence.
    editor.tabs.setCurrentWidget(editor.how_well)
    quality = editor.how_well.inputs["evaluate.quality"]
    quality.rating.setFocus()
    press(qtbot, screen, Qt.Key.Key_Down)
    press(qtbot, screen, Qt.Key.Key_Down)
    assert quality.rating.currentText() == "Fair (2 of 4)"
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert screen.focusWidget() is quality.evidence
    qtbot.keyClicks(quality.evidence, "Feedback forms")

    # Standards: a point's rating.
    editor.tabs.setCurrentWidget(editor.standards)
    charter = editor.standards.points["culture.charter"]
    charter.rating.setFocus()
    press(qtbot, screen, Qt.Key.Key_Down)
    press(qtbot, screen, Qt.Key.Key_Down)
    assert charter.rating.currentText() == "Starting (2 of 4)"

    press(qtbot, screen, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.state.text() == "Saved. You can finish it later."
    assert not editor.dirty

    saved = load(ctx, evaluation_id)
    assert saved.details.held_on == date(2026, 3, 3)
    assert saved.details.answers["evaluate.quality"] == Answer(
        rating="fair", evidence="Feedback forms"
    )

    again = open_screen(qtbot, ctx)
    assert again.editor.who.held_on.text() == "03/03/2026"
    assert again.editor.who.who_took_part.toPlainText() == "Staff team and two trustees"
    assert again.editor.who.served.currentText() == "Yes, throughout"
    assert again.editor.looking_back.boxes["reflect.achieve"].toPlainText() == (
        "Carers shape the services"
    )
    assert again.editor.how_well.inputs["evaluate.quality"].rating.currentText() == (
        "Fair (2 of 4)"
    )
    assert again.editor.standards.points["culture.charter"].rating.currentText() == (
        "Starting (2 of 4)"
    )
    assert again.list.item(0).text() == ("2025/26 \u00b7 In progress, overdue\ndue on 1 March 2026")


def test_sign_off_with_unanswered_questions_lists_them_and_goes_to_the_first(qtbot, ctx, answers):
    evaluation_id = start(ctx)
    details = complete_details()
    missing = dict(details.answers)
    del missing["reflect.training"]
    missing["culture.charter"] = Answer(evidence="Talked about it")  # no rating
    save(ctx, evaluation_id, replace(details, answers=missing))
    screen = open_screen(qtbot, ctx)
    editor = screen.editor
    editor.who.served_how.setFocus()
    press(qtbot, screen, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.who.served_how, " Two of them chaired it.")  # unsaved, kept

    qtbot.mouseClick(editor.sign_off_button, Qt.MouseButton.LeftButton)

    assert answers.asked == []  # not asked to sign off: it cannot be yet
    assert editor.problems.isVisible()
    assert editor.problems.messages() == [
        "What training or support do staff need? \u2014 please answer in your own words.",
        "We have an involvement charter, agreed with people \u2014 please choose a rating.",
    ]
    assert "2 questions still need answers" in editor.problems.heading.text()
    assert editor.tabs.currentWidget() is editor.looking_back
    assert screen.focusWidget() is editor.looking_back.boxes["reflect.training"]
    # The typed words were saved on the way, and nothing was signed off.
    record = load(ctx, evaluation_id)
    assert record.details.served_involved_how.endswith("Two of them chaired it.")
    assert not record.is_signed_off

    # Enter on the second line takes the user to the charter's rating.
    editor.problems.list.setFocus()
    editor.problems.list.setCurrentRow(1)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert editor.tabs.currentWidget() is editor.standards
    assert screen.focusWidget() is editor.standards.points["culture.charter"].rating


def test_signed_off_the_fields_are_read_only_and_say_who_signed(qtbot, ctx, answers):
    evaluation_id = start(ctx)
    save(
        ctx,
        evaluation_id,
        complete_details(),
        [FindingDraft(None, "No charter yet", "Agree one", StandardsArea.CULTURE)],
    )
    screen = open_screen(qtbot, ctx)
    answers.yes_no = True
    qtbot.mouseClick(screen.editor.sign_off_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Sign off the evaluation"]
    editor = screen.editor
    assert editor.record.is_signed_off
    assert editor.signed_line.text().startswith(
        f"Signed off by Priya Shah on {datetime.now().day} "
    )
    assert not editor.save_button.isVisible() and not editor.sign_off_button.isVisible()
    held = "held on 1 March 2026"  # complete_details() has it held on 1 March 2026
    assert screen.list.item(0).text() == f"2025/26 \u00b7 Signed off\n{held}"

    with ctx.database().session_scope() as session:  # a fixed day, to read the words
        from involve_desktop.db.cycle_models import Evaluation

        session.get(Evaluation, evaluation_id).signed_off_at = datetime(2027, 3, 2, 11)
    screen.refresh()
    assert editor.signed_line.text().startswith("Signed off by Priya Shah on 2 March 2027.")
    # Not a due date worked out from today's Settings: what happened, which Settings can't move.
    assert editor.about.text() == (
        "The financial year 1 April 2025 to 31 March 2026 \u00b7 held on 1 March 2026, "
        "signed off by Priya Shah on 2 March 2027"
    )
    assert editor.figures.since_sign_off.text() == (
        "These figures are worked out again each time from the records; corrections made "
        "since the sign-off on 2 March 2027 show here."
    )
    assert not editor.delete_button.isVisible()

    for kind in (QPlainTextEdit, QComboBox):
        for widget in editor.tabs.findChildren(kind):
            if isinstance(widget.parent(), QComboBox) or widget.parent() is None:
                continue
            if editor.who.finder.isAncestorOf(widget):
                continue  # the finder is hidden
            assert is_read_only(widget), widget.accessibleName()
    rating = editor.how_well.inputs["evaluate.quality"].rating
    editor.tabs.setCurrentWidget(editor.how_well)
    rating.setFocus()
    press(qtbot, screen, Qt.Key.Key_Down)
    assert rating.currentText() == "Good (3 of 4)"
    assert not editor.findings.add_button.isVisible()
    assert not editor.findings.rows[0].remove_button.isVisible()
    assert not editor.who.finder.isVisible()


@pytest.fixture
def with_finding(ctx):
    evaluation_id = start(ctx)
    save(
        ctx,
        evaluation_id,
        complete_details(),
        [
            FindingDraft(
                None, "No charter yet", "Agree a charter with members", StandardsArea.CULTURE
            )
        ],
    )
    return evaluation_id


def test_a_finding_is_added_to_the_action_plan_with_one_click(qtbot, ctx, database, with_finding):
    add_current_strategy(database)
    screen = open_screen(qtbot, ctx)
    editor = screen.editor
    editor.tabs.setCurrentWidget(editor.findings)
    kinds: list[str] = []
    ctx.events.data_changed.connect(kinds.append)
    row = editor.findings.rows[0]
    # An unsaved change to the finding is saved first: it is the user's click.
    row.action.setFocus()
    press(qtbot, screen, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.action, " by June")
    qtbot.mouseClick(row.raise_button, Qt.MouseButton.LeftButton)

    row = editor.findings.rows[0]
    assert row.plan_state.text() == "In the plan \u00b7 Not started"
    assert row.plan_state.isVisible()
    assert not row.raise_button.isVisible() and not row.remove_button.isVisible()
    assert "action plan" in kinds
    saved = load(ctx, with_finding).findings[0]
    assert saved.plan_item_id is not None
    assert saved.finding.action == "Agree a charter with members by June"
    assert editor.state.text() == "Finding 1 is in the action plan."


def test_without_a_current_strategy_the_finding_stays_and_the_user_is_told(
    qtbot, ctx, answers, with_finding
):
    screen = open_screen(qtbot, ctx)
    screen.editor.tabs.setCurrentWidget(screen.editor.findings)
    row = screen.editor.findings.rows[0]
    qtbot.mouseClick(row.raise_button, Qt.MouseButton.LeftButton)
    assert answers.problems == [
        (
            "Not added to the action plan",
            "There is no current strategy to add actions to. Make one current on the "
            "Strategy and plan screen first.",
        )
    ]
    assert screen.editor.findings.rows[0].raise_button.isVisible()


def test_a_finding_needs_its_words_and_area_shown_at_the_finding(qtbot, ctx):
    start(ctx)
    screen = open_screen(qtbot, ctx)
    editor = screen.editor
    editor.tabs.setCurrentWidget(editor.findings)
    qtbot.mouseClick(editor.findings.add_button, Qt.MouseButton.LeftButton)
    row = editor.findings.rows[0]
    assert screen.focusWidget() is row.finding
    assert row.finding.accessibleName() == "Finding 1, what we found"
    qtbot.keyClicks(row.finding, "Nobody reviews the forum")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert row.error.text() == "\u26a0 Please choose the standards area it belongs to."
    assert editor.dirty and editor.state.text().startswith("Not saved")
    assert screen.focusWidget() is row.area


def test_a_second_evaluation_of_a_year_is_refused_in_words(qtbot, ctx, answers):
    screen = open_screen(qtbot, ctx)
    assert screen.years.currentText() == "2026/27"
    screen.years.setCurrentIndex(screen.years.findText("2025/26"))
    start(ctx)  # started meanwhile, elsewhere (no signal reaches this screen)
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    assert answers.problems == [
        (
            "The evaluation was not started",
            "There is already an evaluation of 2025/26. Open it from the list to carry on.",
        )
    ]
    assert screen.years.findText("2025/26") == -1  # the list of years is read again


def test_the_reminder_starts_the_evaluation_and_leaving_with_edits_asks(qtbot, ctx, answers):
    screen = open_screen(qtbot, ctx)
    assert screen.banner.isVisible()
    assert screen.banner.text.text() == (
        "The yearly evaluation of 2025/26 was due on 1 March 2026, 9 months ago."
    )
    assert screen.banner.button.text() == "Start the 2025/26 evaluati&on"
    qtbot.mouseClick(screen.banner.button, Qt.MouseButton.LeftButton)
    assert screen.editor.title.text() == "Evaluation of 2025/26"
    assert screen.banner.button.text() == "&Open it"
    assert screen.focusWidget() is screen.editor.who.held_on
    assert screen.editor.who.held_on.text() == ""  # not guessed: typed when it is held

    qtbot.keyClicks(screen.editor.who.who_took_part, "Staff")
    assert not screen.confirm_leave()  # Cancel: stays, edits kept
    assert answers.asked == ["unsaved the evaluation"]
    assert screen.editor.who.who_took_part.toPlainText() == "Staff"
    from involve_desktop.ui.prompts import UnsavedChoice

    answers.unsaved = UnsavedChoice.SAVE
    assert screen.confirm_leave()
    assert load(ctx, screen.shown_id).details.who_took_part == "Staff"


def test_every_input_is_named_and_no_mnemonics_clash_on_any_tab(qtbot, ctx, with_finding):
    with ctx.database().session_scope() as session:
        sign_off(session, ctx.actor, with_finding, datetime(2027, 3, 2, 11))
    start(ctx, date(2026, 4, 1))
    screen = open_screen(qtbot, ctx)
    assert unnamed_inputs(screen) == []
    tabs: QTabWidget = screen.editor.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        hidden = tuple(tabs.widget(other) for other in range(tabs.count()) if other != index)
        found = mnemonics(screen, leave_out=hidden) + MENU_LETTERS
        assert clashes(found) == {}, tabs.tabText(index)


def test_an_evaluation_started_by_mistake_is_deleted_after_asking(qtbot, ctx, answers, monkeypatch):
    start(ctx, date(2026, 4, 1))
    screen = open_screen(qtbot, ctx)
    editor = screen.editor
    assert editor.about.text().endswith("In progress \u00b7 due on 1 March 2027")
    assert editor.delete_button.isVisible()
    assert not editor.figures.since_sign_off.isVisible()
    qtbot.keyClicks(editor.who.who_took_part, "Typed by mistake")
    questions: list[str] = []

    def ask(parent, title, question, yes_text):
        questions.append(question)
        return False

    from involve_desktop.ui import prompts

    monkeypatch.setattr(prompts, "ask_yes_no", ask)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)  # Cancel: nothing lost
    assert questions == [
        "Delete the 2026/27 evaluation? Everything typed in it will be lost, saved or not, and "
        "the year will have no evaluation."
    ]
    assert editor.who.who_took_part.toPlainText() == "Typed by mistake"
    assert screen.list.count() == 1

    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert screen.list.count() == 0 and screen.empty_list.isVisible()
    assert screen.right.currentWidget() is screen.nothing
    assert screen.years.currentText() == "2026/27"  # offered again, first
    assert screen.focusWidget() is screen.years


def test_deleting_one_with_a_finding_in_the_plan_is_refused_in_words(
    qtbot, ctx, database, answers, with_finding
):
    add_current_strategy(database)
    screen = open_screen(qtbot, ctx)
    screen.editor.tabs.setCurrentWidget(screen.editor.findings)
    qtbot.mouseClick(screen.editor.findings.rows[0].raise_button, Qt.MouseButton.LeftButton)
    answers.yes_no = True
    qtbot.mouseClick(screen.editor.delete_button, Qt.MouseButton.LeftButton)
    assert answers.problems == [
        (
            "The evaluation was not deleted",
            "The 2025/26 evaluation cannot be deleted: one of its findings is already in the "
            "action plan. Carry on with it instead.",
        )
    ]
    assert screen.editor.title.text() == "Evaluation of 2025/26"
    assert load(ctx, with_finding).findings[0].plan_item_id is not None


def test_after_a_start_the_newest_year_without_one_is_offered_and_no_old_ones(qtbot, ctx):
    screen = open_screen(qtbot, ctx)
    assert [screen.years.itemText(i) for i in range(screen.years.count())] == [
        "2026/27",
        "2025/26",
        "2024/25",
    ]
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    assert screen.editor.title.text() == "Evaluation of 2026/27"
    assert screen.years.currentText() == "2025/26"
    assert screen.years.count() == 3  # 2023/24 comes in; nothing older


def test_with_none_yet_the_list_and_the_start_controls_sit_together_at_the_top(qtbot, ctx):
    screen = open_screen(qtbot, ctx)
    assert screen.empty_list.isVisible() and not screen.list.isVisible()
    gap = screen.start_button.geometry().top() - screen.empty_list.geometry().bottom()
    assert gap < screen.fontMetrics().height() * 5
    assert screen.start_button.geometry().bottom() < screen.height() / 2


def test_the_tabs_are_named_and_their_pages_take_no_tab_stop(qtbot, ctx):
    start(ctx)
    screen = open_screen(qtbot, ctx)
    tabs = screen.editor.tabs
    assert tabs.tabBar().accessibleName() == "Evaluation parts"
    for index in range(tabs.count()):
        page = tabs.widget(index)
        assert page.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert page.widget().focusPolicy() == Qt.FocusPolicy.NoFocus
    # The charity's own word, with a free Alt+letter, and a buddy for the people label.
    label = screen.editor.who.form.form.labelForField(screen.editor.who.served.parentWidget())
    assert label.text() == "Were e&xperts by experience involved in the evaluation?"


def test_with_a_large_font_no_tab_runs_past_the_window(qtbot, ctx, with_finding):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    normal = app.font()
    large = app.font()
    large.setPointSize(16)
    app.setFont(large)
    try:
        screen = EvaluationScreen(ctx, today=TODAY)
        screen.resize(1050, 800)  # 1280 less the list of areas beside it
        show_active(qtbot, screen)
        tabs = screen.editor.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            page = tabs.widget(index)
            wanted = page.widget().minimumSizeHint().width()
            assert wanted <= page.viewport().width(), tabs.tabText(index)
    finally:
        app.setFont(normal)
