"""Making draft claims from an activity's attendance, from the Activities screen: the preview
says who gets a claim and why not, ticks choose, and the claims made open in the editor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.services.claims import load_claim
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.claim_editor import ClaimEditor
from involve_desktop.ui.dialogs.claims_from_activity_dialog import ClaimsFromActivityDialog
from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen
from involve_desktop.ui.widgets.claim_lines_table import Col
from tests.db.claim_helpers import (
    TODAY,
    add_claim,
    add_claimant,
    add_paid_activity,
    fee,
    money_team,
    set_fee_rates,
)
from tests.db.impact_helpers import mark_attended
from tests.ui.activity_helpers import add_activity, close_dialogs
from tests.ui.helpers import show_active
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_mnemonics import clashes, mnemonics

NEXT_MONTH = date(2026, 12, 20)


@pytest.fixture
def screen(qtbot, ctx) -> Iterator[ActivitiesScreen]:
    widget = ActivitiesScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    yield widget
    close_dialogs(widget)


@pytest.fixture
def team(ctx, database):
    return money_team(database)


def claims_in(database) -> list[tuple[int | None, str, int]]:
    with database.session_scope() as session:
        return [
            (claim.person_id, claim.status, claim.fees_pence)
            for claim in session.scalars(select(Claim).order_by(Claim.id))
        ]


def open_dialog(qtbot, screen: ActivitiesScreen, activity_id: int) -> ClaimsFromActivityDialog:
    screen.refresh()  # the activity was put in place behind the screen's back
    screen.select_activity(activity_id)
    assert screen.claims_button.isEnabled()
    qtbot.mouseClick(screen.claims_button, Qt.MouseButton.LeftButton)
    dialog = screen.claims_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def row_texts(dialog: ClaimsFromActivityDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [str(model.index(row, column).data() or "") for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_claims_are_made_for_the_people_ticked_and_open_in_the_editor(
    qtbot, ctx, database, team, screen
):
    admin, _approver, worker = team
    set_fee_rates(database, admin)
    activity = add_paid_activity(database, "Interview panel", TODAY, minutes=90)
    sian = add_claimant(database)
    zoe = add_claimant(database, "Zoë", "O'Brien", method=PaymentMethod.VOUCHER)
    declines = add_claimant(database, "Łukasz", "Wiśniewski", method=PaymentMethod.DECLINES)
    for person in (sian, zoe, declines):
        mark_attended(database, activity, person)
    ctx.actor = worker

    dialog = open_dialog(qtbot, screen, activity)
    assert dialog.windowTitle() == "Make claims for \u201cInterview panel\u201d"
    assert dialog.unit.currentText() == "hour"
    assert dialog.rate_label.text() == ("£25.00 per hour (the rates in force on 26 November 2026)")
    assert row_texts(dialog) == [
        ["Siân ap Gwilym", "1.5 hours", "£25.00", "£37.50", ""],
        ["Zoë O'Brien", "1.5 hours", "£25.00", "£37.50", ""],
        ["Łukasz Wiśniewski", "", "", "", "Has chosen not to be paid"],
    ]
    declined = dialog.model.index(2, 0)
    assert not declined.flags() & Qt.ItemFlag.ItemIsEnabled
    assert declined.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert dialog.make_button.text() == "&Make 2 draft claims"
    assert dialog.summary.text() == "2 of 3 ticked, £75.00 in fees."

    # Zoë is left out with the keyboard: Space on her tick.
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.make_button.text() == "&Make 1 draft claim"

    # Per session instead: the preview follows the unit.
    dialog.unit.setCurrentIndex(dialog.unit.findData("session"))
    assert row_texts(dialog)[0][1:4] == ["1 session", "£40.00", "£40.00"]
    dialog.unit.setCurrentIndex(dialog.unit.findData("hour"))
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.make_button.text() == "&Make 1 draft claim"

    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [(person, status, fees)] = claims_in(database)
    assert (person, status, fees) == (sian, ClaimStatus.DRAFT.value, 37_50)
    assert screen.message.text() == (
        "Made 1 draft claim for \u201cInterview panel\u201d: they are in Claims, to check and "
        "submit."
    )

    # The claim made opens in the editor, its fee line tied to the activity.
    with database.session_scope() as session:
        claim_id = session.scalar(select(Claim.id))
    editor = ClaimEditor(ctx, claim_id, today=TODAY)
    show_active(qtbot, editor)
    model = editor.lines.model
    assert model.index(0, Col.ACTIVITY).data() == "Interview panel"
    assert model.index(0, Col.QUANTITY).data() == "1.5 hours"
    assert ops.query(ctx, load_claim, claim_id).details.lines[0].activity_id == activity

    # Made again, the preview says who already has one.
    dialog = open_dialog(qtbot, screen, activity)
    assert row_texts(dialog)[0][-1] == "Already has a claim for this activity"
    assert dialog.make_button.text() == "&Make 1 draft claim"  # Zoë still can


def test_the_button_is_only_for_paid_activities_that_have_taken_place(
    qtbot, ctx, database, team, screen
):
    paid_past = add_paid_activity(database, "Interview panel", TODAY)
    paid_coming = add_paid_activity(database, "Steering group", NEXT_MONTH)
    unpaid_past = add_activity(ctx, "Coffee morning", date(2026, 11, 2))
    screen.refresh()
    for activity, enabled in ((paid_past, True), (paid_coming, False), (unpaid_past, False)):
        screen.select_activity(activity)
        assert screen.claims_button.isEnabled() is enabled
    screen.select_activity(unpaid_past)
    assert "People are paid for their time" in screen.claims_button.toolTip()


def test_without_fee_rates_the_dialog_points_to_the_payment_policy(
    qtbot, ctx, database, team, screen
):
    set_fee_rates(database, team[0], {})  # the charity has not set any yet
    activity = add_paid_activity(database)
    mark_attended(database, activity, add_claimant(database))
    dialog = open_dialog(qtbot, screen, activity)
    assert dialog.message.isVisible()
    assert "has no fee rates" in dialog.message.text()
    assert "Settings \u2192 Payment policy" in dialog.message.text()
    assert not dialog.make_button.isEnabled()
    assert claims_in(database) == []


def test_an_hourly_rate_for_an_activity_with_no_length_is_refused_plainly(
    qtbot, ctx, database, team, screen
):
    admin, _approver, _worker = team
    set_fee_rates(database, admin, {"hour": 25_00})
    activity = add_paid_activity(database, minutes=None)  # type: ignore[arg-type]
    mark_attended(database, activity, add_claimant(database))
    dialog = open_dialog(qtbot, screen, activity)
    assert dialog.message.text().startswith(
        "\u26a0 This activity has no length recorded, so its hours cannot be worked out."
    )
    assert not dialog.make_button.isEnabled()


def test_nobody_marked_as_attended_is_said(qtbot, ctx, database, team, screen):
    admin, _approver, worker = team
    set_fee_rates(database, admin)
    activity = add_paid_activity(database)
    add_claim(database, worker, add_claimant(database), fee(100))
    dialog = open_dialog(qtbot, screen, activity)
    assert "Nobody is marked as attended" in dialog.message.text()
    assert not dialog.make_button.isEnabled()


def test_the_dialog_names_its_inputs_and_its_mnemonics_do_not_clash(
    qtbot, ctx, database, team, screen
):
    admin, _approver, _worker = team
    set_fee_rates(database, admin)
    activity = add_paid_activity(database)
    mark_attended(database, activity, add_claimant(database))
    dialog = open_dialog(qtbot, screen, activity)
    assert unnamed_inputs(dialog) == []
    assert clashes(mnemonics(dialog)) == {}


def test_a_fee_over_the_line_limit_is_said_and_left_unticked(qtbot, ctx, database, team, screen):
    admin, _approver, _worker = team
    set_fee_rates(database, admin, {"hour": 50_00})
    activity = add_paid_activity(database, minutes=10 * 24 * 60)  # ten days, by the hour
    mark_attended(database, activity, add_claimant(database))
    dialog = open_dialog(qtbot, screen, activity)
    assert row_texts(dialog)[0][-1] == (
        "£12,000.00 is over the £10,000.00 one line may be: make this claim by hand in parts."
    )
    assert dialog.model.ticked_people() == []
    assert not dialog.make_button.isEnabled()
    dialog.make_claims()  # nothing ticked: nothing made, nothing crashes
    assert claims_in(database) == []


def test_a_rate_raised_past_the_limit_while_open_is_said_not_crashed(
    qtbot, ctx, database, team, screen
):
    admin, _approver, _worker = team
    set_fee_rates(database, admin, {"hour": 25_00})
    activity = add_paid_activity(database, minutes=10 * 24 * 60)
    mark_attended(database, activity, add_claimant(database))
    dialog = open_dialog(qtbot, screen, activity)
    assert row_texts(dialog)[0][3] == "£6,000.00"
    set_fee_rates(database, admin, {"hour": 50_00})  # someone else, meanwhile
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == (
        "\u26a0 Line 1: £12,000.00 is more than one line can hold (£10,000.00). Please check "
        "it, or split it."
    )
    assert claims_in(database) == []
