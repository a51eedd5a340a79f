"""A person's money in their record: each year, then a chosen year's months and weeks, fees
apart from mileage and expenses, on a real database with claims made through the services."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid

from involve_desktop.domain.claims import ClaimLine, LineKind
from involve_desktop.services.claim_workflow import submit_claim
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.person_editor import PersonEditor
from involve_desktop.ui.widgets.person_money_panel import NO_CLAIMS, PersonMoneyPanel
from tests.db.claim_helpers import (
    TODAY,
    add_claim,
    add_claimant,
    expense,
    fee,
    money_team,
    submitted,
)
from tests.ui.helpers import show_active


def miles(tenths: int, day: date) -> ClaimLine:
    return ClaimLine(LineKind.MILEAGE, "Car", tenths * 10, 45, day)


def rows(table) -> list[list[str]]:
    model = table.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.fixture
def claimant(database):
    """Siân: two claims in 2026/27 (one with 12.3 miles at 45p, £5.54), one in 2025/26, and a
    draft that does not count yet."""
    _, _, worker = money_team(database)
    person = add_claimant(database)
    submitted(
        database,
        worker,
        person,
        fee(150, day=date(2026, 4, 6)),
        miles(123, date(2026, 4, 6)),
        expense(3_20, day=date(2026, 4, 7)),
    )
    submitted(database, worker, person, fee(200, day=date(2026, 5, 12)))
    submitted(database, worker, person, fee(100, day=date(2026, 3, 31)))
    add_claim(database, worker, person, fee(800, day=date(2026, 5, 13)))
    return person, worker


def test_the_years_months_and_weeks_shown_add_up_from_the_claims(qtbot, ctx, claimant):
    person, _ = claimant
    panel = PersonMoneyPanel(ctx)
    show_active(qtbot, panel)
    panel.set_person(person)

    assert not panel.empty_label.isVisible()
    assert rows(panel.years_table) == [
        ["2026/27", "£87.50", "£8.74", "£96.24"],
        ["2025/26", "£25.00", "£0.00", "£25.00"],
        ["All years", "£112.50", "£8.74", "£121.24"],
    ]
    assert panel.year_box.currentText() == "2026/27"
    assert rows(panel.months_table) == [
        ["April 2026", "£37.50", "£8.74", "£46.24"],
        ["May 2026", "£50.00", "£0.00", "£50.00"],
        ["Total for 2026/27", "£87.50", "£8.74", "£96.24"],
    ]
    assert rows(panel.weeks_table) == [
        ["Week of 6 April 2026", "£37.50", "£8.74", "£46.24"],
        ["Week of 11 May 2026", "£50.00", "£0.00", "£50.00"],
        ["Total for 2026/27", "£87.50", "£8.74", "£96.24"],
    ]
    # Figures are right-aligned, so pounds line up under each other.
    figure = panel.years_model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert figure & Qt.AlignmentFlag.AlignRight


def test_choosing_another_year_with_the_keyboard_shows_its_months_and_weeks(qtbot, ctx, claimant):
    person, _ = claimant
    panel = PersonMoneyPanel(ctx)
    show_active(qtbot, panel)
    panel.set_person(person)

    panel.year_box.setFocus()
    qtbot.keyClick(panel.year_box, Qt.Key.Key_Down)

    assert panel.year_box.currentText() == "2025/26"
    assert rows(panel.months_table) == [["March 2026", "£25.00", "£0.00", "£25.00"]]
    assert rows(panel.weeks_table) == [["Week of 30 March 2026", "£25.00", "£0.00", "£25.00"]]
    panel.periods.setCurrentIndex(1)
    assert panel.periods.currentWidget() is panel.weeks_table


def test_a_claim_submitted_while_the_panel_is_open_is_counted_at_once(
    qtbot, ctx, database, claimant
):
    person, worker = claimant
    panel = PersonMoneyPanel(ctx)
    show_active(qtbot, panel)
    panel.set_person(person)
    panel.choose_year("2025/26")

    claim_id = add_claim(database, worker, person, fee(100, day=date(2025, 4, 2)))
    ops.change(ctx, "claims", submit_claim, worker, claim_id)

    assert panel.year_box.currentText() == "2025/26"  # the year chosen stays chosen
    assert rows(panel.years_table)[1] == ["2025/26", "£50.00", "£0.00", "£50.00"]
    assert rows(panel.months_table)[0] == ["April 2025", "£25.00", "£0.00", "£25.00"]


def test_someone_with_no_claims_reads_no_claims_yet(qtbot, ctx, database):
    person = add_claimant(database, "Zoë", "O'Brien")
    panel = PersonMoneyPanel(ctx)
    show_active(qtbot, panel)
    panel.set_person(person)
    assert panel.empty_label.isVisible() and panel.empty_label.text() == NO_CLAIMS
    assert not panel.details.isVisible()


def test_the_person_editor_shows_their_money_in_the_payment_section(qtbot, ctx, claimant):
    person, _ = claimant
    editor = PersonEditor(ctx, person, today=TODAY)
    show_active(qtbot, editor)
    editor.section_list.setCurrentRow(editor.sections.index(editor.payment))

    assert editor.money.isVisible()
    assert rows(editor.money.years_table)[0] == ["2026/27", "£87.50", "£8.74", "£96.24"]
    assert not editor.dirty  # showing money is not an edit


def test_a_new_person_has_no_claims_yet(qtbot, ctx):
    editor = PersonEditor(ctx, None, today=TODAY)
    show_active(qtbot, editor)
    editor.section_list.setCurrentRow(editor.sections.index(editor.payment))

    assert editor.money.empty_label.isVisible()
    assert editor.money.empty_label.text() == NO_CLAIMS
    assert not editor.money.details.isVisible()


def test_a_closed_editor_is_not_refreshed_when_data_changes_later(qtbot, ctx, claimant):
    person, _ = claimant
    editor = PersonEditor(ctx, person, today=TODAY)
    show_active(qtbot, editor)
    panel = editor.money
    editor.reject()
    editor.deleteLater()
    qtbot.waitUntil(lambda: not isValid(panel))

    ctx.events.data_changed.emit("claim")  # nothing is left to refresh, and nothing fails


def test_the_benefits_figures_show_only_once_the_sensitive_sections_are_opened(
    qtbot, ctx, database
):
    from involve_desktop.domain.people import BenefitsAffected

    _, _, worker = money_team(database)
    person = add_claimant(database, "Zoë", "O'Brien", benefits=BenefitsAffected.YES)
    submitted(database, worker, person, fee(600, day=date(2026, 11, 23)))
    editor = PersonEditor(ctx, person, today=TODAY)
    show_active(qtbot, editor)
    editor.section_list.setCurrentRow(editor.sections.index(editor.payment))
    assert not editor.benefits_watch.isVisible(), "the answer is special-category data"

    qtbot.mouseClick(editor.payment.gate.show_button, Qt.MouseButton.LeftButton)

    assert editor.benefits_watch.isVisible()
    figures = editor.benefits_watch.figures.text()
    assert "Carer's Allowance earnings limit" in figures and "£150.00" in figures
    assert "does not give benefits advice" in editor.benefits_watch.not_advice.text()
    assert not editor.dirty
