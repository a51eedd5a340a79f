"""The Claims screen's totals tab: everyone's money in a financial year, the benefits answer in
words, a name search, and the CSV of what is listed — on a real database."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.claims import ClaimLine, LineKind
from involve_desktop.domain.people import BenefitsAffected
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.claim_workflow import submit_claim
from involve_desktop.services.money_totals_export import CSV_HEADER
from involve_desktop.ui import ops
from involve_desktop.ui.screens.claims.person_totals_tab import PersonTotalsTab
from tests.db.claim_helpers import (
    TODAY,
    add_claim,
    add_claimant,
    expense,
    fee,
    money_team,
    submitted,
)
from tests.ui.helpers import show_active, type_text


def rows(tab: PersonTotalsTab) -> list[list[str]]:
    model = tab.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.fixture
def people(database):
    """Siân (benefits may be affected) with two claims this year and one last year; Zoë with
    one this year and a draft; Łukasz who prefers not to say, with a claim last year only."""
    _, _, worker = money_team(database)
    sian = add_claimant(database, benefits=BenefitsAffected.YES)
    zoe = add_claimant(database, "Zoë", "O'Brien", benefits=BenefitsAffected.NO)
    lukasz = add_claimant(
        database, "Łukasz", "Wiśniewski", benefits=BenefitsAffected.PREFERS_NOT_TO_SAY
    )
    car = ClaimLine(LineKind.MILEAGE, "Car", 123 * 10, 45, date(2026, 6, 1))  # 12.3 miles
    submitted(database, worker, sian, fee(200, day=date(2026, 6, 1)), car)
    submitted(database, worker, sian, fee(100, day=date(2026, 9, 9)), expense(4_50))
    submitted(database, worker, sian, fee(300, day=date(2025, 7, 1)))
    submitted(database, worker, zoe, fee(150, day=date(2026, 5, 5)))
    add_claim(database, worker, zoe, fee(900, day=date(2026, 5, 6)))  # a draft: not counted
    submitted(database, worker, lukasz, fee(400, day=date(2026, 1, 20)))
    return worker, sian, zoe


@pytest.fixture
def tab(qtbot, ctx, people) -> PersonTotalsTab:
    widget = PersonTotalsTab(ctx, today=TODAY)
    widget.resize(1000, 500)
    show_active(qtbot, widget)
    return widget


def test_this_years_money_is_listed_by_name_with_the_benefits_answer_in_words(tab):
    assert tab.year.currentText() == "2026/27 (this year)"
    assert rows(tab) == [
        ["Siân ap Gwilym", "2", "£75.00", "£10.04", "£85.04", "Yes \u2014 watch"],
        ["Zoë O'Brien", "1", "£37.50", "£0.00", "£37.50", ""],
    ]
    assert tab.count_label.text() == "2 experts by experience with money in 2026/27"
    assert tab.totals_label.text() == (
        "Listed: £112.50 in fees and £10.04 in mileage and expenses, £122.54 in all."
    )
    alignment = tab.model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_last_year_is_chosen_with_the_keyboard(qtbot, tab):
    tab.year.setFocus()
    qtbot.keyClick(tab.year, Qt.Key.Key_Down)

    assert tab.year.currentText() == "2025/26"
    assert rows(tab) == [
        ["Siân ap Gwilym", "1", "£75.00", "£0.00", "£75.00", "Yes \u2014 watch"],
        ["Łukasz Wiśniewski", "1", "£100.00", "£0.00", "£100.00", "Yes \u2014 watch"],
    ]


def test_the_search_finds_names_without_their_accents_and_says_when_none_match(qtbot, tab):
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "zoe ob")
    qtbot.waitUntil(lambda: len(rows(tab)) == 1)
    assert rows(tab)[0][0] == "Zoë O'Brien"
    assert tab.totals_label.text().startswith("Listed: £37.50 in fees")

    tab.search.clear()
    type_text(tab.search, "Nobody")
    qtbot.waitUntil(lambda: not rows(tab))
    assert tab.count_label.text() == ("No experts by experience of that name with money in 2026/27")
    assert not tab.export_button.isEnabled()


def test_export_saves_the_people_listed_and_the_audit_trail_says_what(
    qtbot, tab, answers, database, tmp_path
):
    qtbot.keyClicks(tab.search, "sian")
    qtbot.waitUntil(lambda: len(rows(tab)) == 1)
    answers.save_file = tmp_path / "Money this year"  # typed without ".csv"

    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)

    saved = tmp_path / "Money this year.csv"
    with saved.open(encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file)) == [
            list(CSV_HEADER),
            ["Siân ap Gwilym", "2", "75.00", "10.04", "85.04", "Yes \u2014 watch"],
        ]
    assert tab.message.isVisible()
    assert tab.message.text() == "Saved 1 expert by experience to \u201cMoney this year.csv\u201d."
    with database.session_scope() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event.action == AuditAction.EXPORTED_PEOPLE_LIST
        assert event.subject_kind == "money totals 2026/27 of 1 person"
        assert "Siân" not in event.subject_kind


def test_cancelling_the_file_picker_saves_nothing(qtbot, tab, answers, tmp_path):
    answers.save_file = None
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert answers.file_pickers == ["Save the totals as a CSV file"]
    assert list(tmp_path.glob("*.csv")) == []
    assert not tab.message.isVisible()


def test_a_claim_submitted_elsewhere_is_counted_when_the_tab_is_shown(
    qtbot, ctx, tab, database, people
):
    worker, _, zoe = people
    tab.hide()
    claim_id = add_claim(database, worker, zoe, fee(100, day=date(2026, 10, 1)))
    ops.change(ctx, "claim", submit_claim, worker, claim_id)
    assert rows(tab)[1][1] == "1"  # out of sight: read again when shown

    tab.show()
    assert rows(tab)[1] == ["Zoë O'Brien", "2", "£62.50", "£0.00", "£62.50", ""]


def benefits_listings(database) -> list[str]:
    with database.session_scope() as session:
        return list(
            session.scalars(
                select(AuditEvent.subject_kind)
                .where(AuditEvent.action == AuditAction.OPENED_SENSITIVE)
                .order_by(AuditEvent.id)
            )
        )


def test_each_years_list_showing_benefits_answers_is_audited_once_as_it_loads(qtbot, tab, database):
    this_year = "benefits answers beside the 2026/27 totals"
    assert benefits_listings(database) == [this_year]

    qtbot.keyClicks(tab.search, "sian")  # narrowing what is loaded reads nothing again
    qtbot.waitUntil(lambda: len(rows(tab)) == 1)
    assert benefits_listings(database) == [this_year]

    tab.year.setFocus()
    qtbot.keyClick(tab.year, Qt.Key.Key_Down)
    assert tab.year.currentText() == "2025/26"
    qtbot.keyClick(tab.year, Qt.Key.Key_Down)  # 2024/25: nobody, so no answers shown
    assert tab.year.currentText() == "2024/25"
    assert benefits_listings(database) == [this_year, "benefits answers beside the 2025/26 totals"]


def test_a_tab_never_shown_audits_nothing(qtbot, ctx, people, database):
    PersonTotalsTab(ctx, today=TODAY)
    assert benefits_listings(database) == []


def test_moving_the_year_start_relabels_the_years_offered(qtbot, ctx, tab, database):
    from dataclasses import replace

    from involve_desktop.domain.financial_year import YearStart
    from involve_desktop.services.organisation import load_organisation, save_organisation

    with database.session_scope() as session:
        details = load_organisation(session)
        save_organisation(session, replace(details, year_start=YearStart(1, 1)))
    ctx.events.data_changed.emit("organisation")
    assert tab.year.currentText().startswith("2026")
    assert tab.year_first() == date(2026, 1, 1)
