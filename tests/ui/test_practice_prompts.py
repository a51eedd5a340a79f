"""The prompts that keep practice honest: counts, links to exactly those activities, and
lines that go once the work is done."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from involve_desktop.domain.activity_record import ImpactDetails
from involve_desktop.services.activity_list import ActivityFilter, matching_activity_ids
from involve_desktop.services.impact import mark_told, save_impact
from involve_desktop.ui import ops
from involve_desktop.ui.screens.activities.practice_prompts import PracticePrompts
from tests.db.impact_helpers import TODAY, add_activity, add_impact
from tests.ui.helpers import show_active


def prompts_in_a_window(qtbot, ctx) -> tuple[QWidget, PracticePrompts]:
    window = QWidget()
    prompts = PracticePrompts(ctx, TODAY)
    QVBoxLayout(window).addWidget(prompts)
    show_active(qtbot, window)
    return window, prompts


def test_each_line_counts_and_shows_exactly_its_activities(qtbot, ctx):
    database = ctx.database()
    add_activity(database, "Consultation", TODAY - timedelta(weeks=8))
    add_activity(database, "Focus group", TODAY - timedelta(weeks=7))
    told_late = add_activity(database, "Steering group", TODAY - timedelta(days=3))
    add_impact(database, "Meet in the evenings", activity_id=told_late)
    _window, prompts = prompts_in_a_window(qtbot, ctx)

    assert prompts.isVisible()
    assert prompts.visible_lines() == [
        "\u2022 3 past activities have no attendance recorded.",
        "\u2022 2 activities held more than 6 weeks ago have no \u201cyou said, we did\u201d "
        "record.",
        "\u2022 1 activity has a \u201cyou said, we did\u201d not yet reported back to the "
        "experts by experience involved.",
    ]
    _label, button = prompts.lines["impact_not_told"]
    assert button.accessibleName().startswith("Show the 1 activity with a")
    with qtbot.waitSignal(prompts.filter_requested) as asked:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked.args == [ActivityFilter(impact_not_told=True)]
    with qtbot.waitSignal(prompts.filter_requested) as asked:
        qtbot.mouseClick(prompts.lines["impact_overdue"][1], Qt.MouseButton.LeftButton)
    shown = ops.query(ctx, matching_activity_ids, asked.args[0], today=TODAY)
    assert len(shown) == prompts.counts.impact_overdue == 2


def test_a_line_goes_when_its_work_is_done_and_the_box_when_all_is(qtbot, ctx):
    database = ctx.database()
    old = add_activity(database, "Consultation", TODAY - timedelta(weeks=8))
    _window, prompts = prompts_in_a_window(qtbot, ctx)
    assert len(prompts.visible_lines()) == 2

    # An impact record, saved the way the editor saves it, answers the overdue line...
    impact_id = ops.change(
        ctx,
        "activities",
        save_impact,
        ctx.actor,
        ImpactDetails(said="Shorter forms", activity_id=old),
        today=TODAY,
    )
    assert prompts.visible_lines() == [
        "\u2022 1 past activity has no attendance recorded.",
        "\u2022 1 activity has a \u201cyou said, we did\u201d not yet reported back to the "
        "experts by experience involved.",
    ]
    # ...and telling people answers the next; attendance is the one left.
    ops.change(ctx, "activities", mark_told, ctx.actor, [impact_id], TODAY, today=TODAY)
    assert prompts.visible_lines() == ["\u2022 1 past activity has no attendance recorded."]
    assert prompts.isVisible()


def test_nothing_to_do_shows_nothing(qtbot, ctx):
    add_activity(ctx.database(), "Open day", TODAY + timedelta(days=10))
    _window, prompts = prompts_in_a_window(qtbot, ctx)
    assert prompts.visible_lines() == []
    assert not prompts.isVisible()
    alone = PracticePrompts(ctx, TODAY)  # built before it has a place: never a window of its own
    qtbot.addWidget(alone)
    add_activity(ctx.database(), "Yesterday", TODAY - timedelta(days=1))
    ops.change(ctx, "activities", lambda session: None)
    assert alone.wanted and not alone.isVisible()
