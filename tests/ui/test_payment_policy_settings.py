"""Settings → Payment policy: rates typed with the keyboard and saved in pence, dated versions,
read-only versions that claims use, who approves and pays, the benefits figures, and never
losing an edit silently."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from involve_desktop.app import AppContext
from involve_desktop.db.money_models import ClaimLine as ClaimLineRow
from involve_desktop.db.sqlite_file import read_startup_facts
from involve_desktop.domain.claims import FeeUnit, LineKind, Rate, Threshold, ThresholdPeriod
from involve_desktop.domain.roles import Role
from involve_desktop.services.payment_policy import (
    claim_duties,
    load_policy,
    load_thresholds,
    policy_id_on,
    policy_on,
    policy_versions,
    save_policy,
)
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.prompts import UnsavedChoice
from involve_desktop.ui.screens.settings_payment_policy import (
    DUTIES_PAGE,
    READ_ONLY,
    THRESHOLDS_PAGE,
    PaymentPolicyTab,
)
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from involve_desktop.ui.widgets.claim_duties_form import CANNOT_APPROVE
from involve_desktop.ui.widgets.money_field import MoneyField
from involve_desktop.ui.widgets.policy_versions_page import IN_USE
from tests.conftest import TEST_KEY
from tests.db.claim_helpers import TODAY, add_claim, add_claimant, fee, set_fee_rates
from tests.db.register_helpers import staff_member
from tests.ui.helpers import show_active, type_text
from tests.ui.test_mnemonics import clashes, mnemonics, show_screen

NEXT_APRIL = date(2027, 4, 1)


def open_tab(qtbot, ctx) -> PaymentPolicyTab:
    tab = PaymentPolicyTab(ctx, today=TODAY)
    show_active(qtbot, tab)
    return tab


def saved_policy(ctx, day: date = TODAY):
    with ctx.database().session_scope() as session:
        return policy_on(session, day)[1]


def press(qtbot, button) -> None:
    """A button pressed from the keyboard: Tab to it, then Space."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def keys(qtbot, field, text: str) -> None:
    """Put the cursor in a field and type, as a person would."""
    field.setFocus()
    qtbot.keyClicks(field, text)


def ctrl_s(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def fee_field(tab: PaymentPolicyTab, unit: FeeUnit) -> MoneyField:
    return tab.rates_page.rates.fees[unit]


def test_fee_rates_typed_with_the_keyboard_are_saved_in_pence(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    changes: list[str] = []
    ctx.events.data_changed.connect(changes.append)
    assert not tab.save_button.isEnabled()

    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "25")
    qtbot.keyClick(fee_field(tab, FeeUnit.HOUR), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fee_field(tab, FeeUnit.HALF_DAY)
    keys(qtbot, fee_field(tab, FeeUnit.HALF_DAY), "£1,075.5")
    keys(qtbot, fee_field(tab, FeeUnit.SESSION), "40p")
    assert tab.state_label.text() == "You have unsaved changes."
    ctrl_s(qtbot, fee_field(tab, FeeUnit.SESSION))

    fees = {rate.name: rate.unit_pence for rate in saved_policy(ctx).rates_of(LineKind.FEE)}
    assert fees == {"hour": 2500, "half day": 107550, "session": 40}
    assert changes == ["payment policy"]
    assert tab.state_label.text() == "All changes saved."
    assert fee_field(tab, FeeUnit.HALF_DAY).text() == "£1,075.50"
    assert fee_field(tab, FeeUnit.DAY).text() == "", "an empty rate stays empty: no rate"
    assert not tab.has_unsaved_changes()


def test_a_vehicle_is_added_and_another_removed_by_keyboard(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    vehicles = tab.rates_page.rates.vehicles
    assert [row[0].text() for row in vehicles.rows()] == ["Car", "Motorcycle", "Bicycle"]

    press(qtbot, vehicles.add_button)
    name, rate = vehicles.rows()[-1]
    assert QApplication.focusWidget() is name, "the new entry's first input takes the cursor"
    type_text(name, "Minibus")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is rate
    keys(qtbot, rate, "0.6")
    qtbot.keyClick(rate, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is vehicles.entries[-1].remove_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is vehicles.add_button, "Tab follows the order shown"
    press(qtbot, vehicles.entries[2].remove_button)  # Bicycle
    ctrl_s(qtbot, QApplication.focusWidget())

    mileage = saved_policy(ctx).rates_of(LineKind.MILEAGE)
    assert [(r.name, r.unit_pence) for r in mileage] == [
        ("Car", 45),
        ("Motorcycle", 24),
        ("Minibus", 60),
    ]
    assert vehicles.rows()[2][0].accessibleName() == "Vehicle 3, name"


def test_an_expense_kind_with_a_most_per_line_is_added(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    expenses = tab.rates_page.rates.expenses
    press(qtbot, expenses.add_button)
    name, most = expenses.rows()[-1]
    type_text(name, "Interpreter")
    keys(qtbot, most, "120")
    press(qtbot, tab.save_button)
    rate = saved_policy(ctx).rate(LineKind.EXPENSE, "Interpreter")
    assert rate == Rate(LineKind.EXPENSE, "Interpreter", 12000)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12.345", "at most two figures after the point"),
        ("abc", "is not an amount of money"),
        ("-3", "cannot be less than nothing"),
    ],
)
def test_a_bad_amount_is_shown_at_its_field_and_nothing_is_saved(qtbot, ctx, typed, message):
    tab = open_tab(qtbot, ctx)
    before = saved_policy(ctx)
    keys(qtbot, fee_field(tab, FeeUnit.DAY), typed)
    car_rate = tab.rates_page.rates.vehicles.rows()[0][1]
    car_rate.clear()
    keys(qtbot, car_rate, typed)
    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "30")

    ctrl_s(qtbot, fee_field(tab, FeeUnit.HOUR))

    error = tab.rates_page.rates.fee_errors[FeeUnit.DAY]
    assert error.isVisible() and message in error.text()
    assert "\u26a0" in error.text(), "marked with a sign, not by colour alone"
    assert fee_field(tab, FeeUnit.DAY).accessibleDescription() == error.text()[2:]
    car_error = tab.rates_page.rates.vehicles.entries[0].error
    assert car_error.isVisible() and message in car_error.text()
    assert car_rate.accessibleDescription() == car_error.text()[2:], "said at the rate itself"
    assert QApplication.focusWidget() is fee_field(tab, FeeUnit.DAY), "the first problem"
    assert saved_policy(ctx) == before, "nothing is saved, not even the good rate"
    assert tab.has_unsaved_changes() and fee_field(tab, FeeUnit.HOUR).text() == "£30.00"
    assert tab.state_label.text().startswith("Not saved")


def test_a_name_in_the_list_twice_is_refused_at_both_rows(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    name = tab.rates_page.rates.vehicles.rows()[2][0]
    name.selectAll()
    type_text(name, "Car")
    press(qtbot, tab.save_button)
    errors = [entry.error for entry in tab.rates_page.rates.vehicles.entries]
    assert [e.isVisible() for e in errors] == [True, False, True]
    assert "in the list twice" in errors[2].text()
    assert [r.name for r in saved_policy(ctx).rates_of(LineKind.MILEAGE)][2] == "Bicycle"


def test_a_new_version_copies_the_rates_and_claims_pick_the_version_by_date(qtbot, ctx, answers):
    set_fee_rates(ctx.database(), ctx.actor)
    tab = open_tab(qtbot, ctx)
    answers.texts = ["1/4/2027"]

    press(qtbot, tab.rates_page.new_version_button)

    assert answers.asked == ["New version of the rates"]
    assert tab.rates_page.versions.count() == 2
    assert tab.rates_page.versions.item(0).text() == "From 1 April 2027\n(new, not saved yet)"
    assert tab.rates_page.versions.item(1).text() == "From the start\nto 31 March 2027"
    assert tab.rates_page.version_title.text() == "Rates from 1 April 2027"
    assert fee_field(tab, FeeUnit.HOUR).text() == "£25.00", "the rates are copied"
    assert tab.has_unsaved_changes(), "nothing is saved until Save"
    fee_field(tab, FeeUnit.HOUR).selectAll()
    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "27.50")
    ctrl_s(qtbot, fee_field(tab, FeeUnit.HOUR))

    with ctx.database().session_scope() as session:
        assert [v.effective_from for v in policy_versions(session)] == [
            NEXT_APRIL,
            date(2000, 1, 1),
        ]
    old, new = saved_policy(ctx, date(2027, 3, 31)), saved_policy(ctx, NEXT_APRIL)
    assert old.rate(LineKind.FEE, "hour").unit_pence == 2500
    assert new.rate(LineKind.FEE, "hour").unit_pence == 2750
    assert new.rates_of(LineKind.MILEAGE) == old.rates_of(LineKind.MILEAGE)
    assert new.receipt_over_pence == old.receipt_over_pence == 1000
    assert tab.rates_page.versions.item(0).text() == "From 1 April 2027"

    # A claim line records the version in force on its own date.
    person = add_claimant(ctx.database())
    add_claim(
        ctx.database(),
        ctx.actor,
        person,
        fee(100, 2500, date(2027, 3, 31)),
        fee(100, 2750, NEXT_APRIL),
    )
    with ctx.database().session_scope() as session:
        ids = session.scalars(select(ClaimLineRow.policy_id).order_by(ClaimLineRow.line_date))
        assert list(ids) == [
            policy_id_on(session, date(2027, 3, 31)),
            policy_id_on(session, NEXT_APRIL),
        ]


def test_unsaved_rates_are_asked_about_before_a_new_version_is_copied(qtbot, ctx, answers):
    tab = open_tab(qtbot, ctx)
    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "19")
    answers.unsaved = UnsavedChoice.DISCARD
    answers.texts = ["1 Apr 2027"]
    press(qtbot, tab.rates_page.new_version_button)
    assert answers.asked == ["unsaved the rates", "New version of the rates"]
    assert tab.rates_page.version_title.text() == "Rates from 1 April 2027"
    assert fee_field(tab, FeeUnit.HOUR).text() == "", "the copy is of the saved rates"

    # Undo drops the new version, which was never saved.
    press(qtbot, tab.undo_button)
    assert tab.rates_page.versions.count() == 1 and not tab.has_unsaved_changes()
    with ctx.database().session_scope() as session:
        assert len(policy_versions(session)) == 1


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("31/02/2027", "does not exist"),
        ("1/1/2000", "already starts on 1 January 2000"),
        ("", "Please"),
    ],
)
def test_a_new_version_needs_a_date_no_other_version_has(qtbot, ctx, answers, typed, problem):
    tab = open_tab(qtbot, ctx)
    answers.texts = [typed]
    press(qtbot, tab.rates_page.new_version_button)
    assert problem in answers.problems[0][1]
    assert tab.rates_page.versions.count() == 1 and not tab.has_unsaved_changes()


def test_a_version_used_by_a_claim_is_read_only(qtbot, ctx):
    database = ctx.database()
    set_fee_rates(database, ctx.actor)
    add_claim(database, ctx.actor, add_claimant(database), fee(150))
    tab = open_tab(qtbot, ctx)

    assert (
        tab.rates_page.versions.item(0).text()
        == "From the start\n(used by claims \u2014 kept as it is)"
    )
    assert tab.rates_page.version_note.isVisible() and tab.rates_page.version_note.text() == IN_USE
    assert fee_field(tab, FeeUnit.HOUR).isReadOnly()
    assert tab.rates_page.rates.vehicles.rows()[0][0].isReadOnly()
    assert not tab.rates_page.rates.vehicles.add_button.isVisible()
    assert not tab.rates_page.rates.vehicles.entries[0].remove_button.isVisible()
    assert not tab.rates_page.rates.receipt_needed.isEnabled()
    assert not tab.rates_page.delete_version_button.isEnabled()
    assert tab.rates_page.new_version_button.isEnabled(), "a change is a new version"
    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "99")
    assert not tab.has_unsaved_changes()


def test_a_later_version_can_be_deleted_after_a_question_but_not_the_first(qtbot, ctx, answers):
    with ctx.database().session_scope() as session:
        first = load_policy(session, policy_id_on(session, TODAY))
        save_policy(session, ctx.actor, replace(first, effective_from=NEXT_APRIL))
    tab = open_tab(qtbot, ctx)
    assert tab.rates_page.version_title.text() == "Rates from the start to 31 March 2027"
    assert not tab.rates_page.delete_version_button.isEnabled(), "the first version stays"

    tab.rates_page.versions.setCurrentRow(0)
    answers.yes_no = False
    press(qtbot, tab.rates_page.delete_version_button)
    assert answers.asked == ["Delete a version of the rates"]
    assert tab.rates_page.versions.count() == 2

    answers.yes_no = True
    press(qtbot, tab.rates_page.delete_version_button)
    assert tab.rates_page.versions.count() == 1
    with ctx.database().session_scope() as session:
        assert len(policy_versions(session)) == 1


def test_choosing_another_version_with_unsaved_rates_asks_first(qtbot, ctx, answers):
    with ctx.database().session_scope() as session:
        first = load_policy(session, policy_id_on(session, TODAY))
        save_policy(session, ctx.actor, replace(first, effective_from=NEXT_APRIL))
    tab = open_tab(qtbot, ctx)
    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "18")

    answers.unsaved = UnsavedChoice.CANCEL
    tab.rates_page.versions.setCurrentRow(0)
    assert answers.asked == ["unsaved the rates"]
    assert tab.rates_page.versions.currentRow() == 1 and fee_field(tab, FeeUnit.HOUR).text() == "18"

    answers.unsaved = UnsavedChoice.SAVE
    tab.rates_page.versions.setCurrentRow(0)
    assert tab.rates_page.version_title.text() == "Rates from 1 April 2027"
    assert saved_policy(ctx).rate(LineKind.FEE, "hour").unit_pence == 1800


def test_approvers_and_payers_are_ticked_and_saved(qtbot, ctx, answers):
    database = ctx.database()
    approver = staff_member(database, Role.APPROVER, "Ade Okafor")
    worker = staff_member(database, Role.STAFF, "Tom Reed")
    tab = open_tab(qtbot, ctx)
    qtbot.keyClick(tab, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Who appro&ves
    assert tab.pages.currentIndex() == DUTIES_PAGE
    rows = {row.duty.name: row for row in tab.duties.rows}

    tom = rows["Tom Reed"]
    assert not tom.approves.isEnabled(), "a staff member's role cannot approve"
    assert tom.approves.toolTip() == CANNOT_APPROVE
    assert tab.duties.grid.itemAtPosition(3, 4).widget().text() == CANNOT_APPROVE
    for box in (rows["Ade Okafor"].approves, rows["Priya Shah"].approves, tom.pays):
        press(qtbot, box)
    ctrl_s(qtbot, tom.pays)
    with database.session_scope() as session:
        duties = {d.staff_id: (d.approves, d.pays) for d in claim_duties(session)}
    assert duties == {
        ctx.actor.staff_id: (True, False),
        approver.staff_id: (True, False),
        worker.staff_id: (False, True),
    }

    # Nobody left to approve: refused, with the message on the page.
    rows = {row.duty.name: row for row in tab.duties.rows}
    for box in (rows["Ade Okafor"].approves, rows["Priya Shah"].approves):
        press(qtbot, box)
    ctrl_s(qtbot, rows["Priya Shah"].approves)
    assert "at least one person to approve" in tab.duties.error.text()
    assert tab.pages.currentIndex() == DUTIES_PAGE
    with database.session_scope() as session:
        assert {d.staff_id for d in claim_duties(session) if d.approves} == {
            ctx.actor.staff_id,
            approver.staff_id,
        }
    assert answers.problems == []


def test_staff_added_elsewhere_appear_among_the_duties(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    assert [row.duty.name for row in tab.duties.rows] == ["Priya Shah"]
    staff_member(ctx.database(), Role.APPROVER, "Ade Okafor")
    ctx.events.data_changed.emit("staff")
    assert [row.duty.name for row in tab.duties.rows] == ["Ade Okafor", "Priya Shah"]
    assert tab.duties.rows[0].approves.isEnabled()


def test_benefits_figures_are_edited_added_removed_and_saved(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(THRESHOLDS_PAGE)
    figures = tab.thresholds.rows
    seeded = ctx.database()
    with seeded.session_scope() as session:
        before = load_thresholds(session)
    assert [row[0].text() for row in figures.rows()] == [t.name for t in before]

    amount = figures.rows()[0][2]
    amount.selectAll()
    keys(qtbot, amount, "200")
    press(qtbot, figures.entries[3].remove_button)
    press(qtbot, figures.add_button)
    name, period, new_amount, note = figures.rows()[-1]
    type_text(name, "Our own monthly check")
    period.setFocus()
    qtbot.keyClick(period, Qt.Key.Key_Down)  # a week → a month
    keys(qtbot, new_amount, "150")
    type_text(note, "Chosen by the trustees")
    ctrl_s(qtbot, note)

    with seeded.session_scope() as session:
        after = load_thresholds(session)
    assert after == [
        replace(before[0], amount_pence=20000),
        before[1],
        before[2],
        Threshold("Our own monthly check", ThresholdPeriod.MONTH, 15000, "Chosen by the trustees"),
    ]


def test_a_bad_benefits_figure_is_shown_at_its_row(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    tab.pages.setCurrentIndex(THRESHOLDS_PAGE)
    figures = tab.thresholds.rows
    press(qtbot, figures.add_button)
    type_text(figures.rows()[-1][0], "Weekly")
    keys(qtbot, figures.rows()[-1][2], "abc")
    name = figures.rows()[0][0]
    name.clear()
    tab.pages.setCurrentIndex(DUTIES_PAGE)
    press(qtbot, tab.save_button)
    assert tab.pages.currentIndex() == THRESHOLDS_PAGE, "the page with the problem is shown"
    assert "not an amount" in figures.entries[-1].error.text()

    figures.rows()[-1][2].clear()
    keys(qtbot, figures.rows()[-1][2], "90")
    press(qtbot, tab.save_button)
    assert "give each figure a name" in figures.entries[0].error.text()
    with ctx.database().session_scope() as session:
        assert len(load_thresholds(session)) == 4, "nothing saved"


def test_the_benefits_page_says_it_is_not_advice(qtbot, ctx):
    tab = open_tab(qtbot, ctx)
    texts = " ".join(
        label.text() for label in tab.thresholds.findChildren(type(tab.read_only_note))
    )
    assert "does not give benefits advice" in texts
    assert "April" in texts and "chooses" in texts


@pytest.fixture
def staff_ctx(qapp, paths, database):
    """Signed in as a staff member, whose role cannot change the payment policy."""
    worker = staff_member(database, Role.STAFF, "Tom Reed")
    context = AppContext(
        paths, read_startup_facts(paths.database, key=TEST_KEY), key=TEST_KEY, actor=worker
    )
    context.database()
    yield context
    context.close()


def test_a_staff_member_sees_the_policy_but_cannot_change_it(qtbot, staff_ctx):
    settings = SettingsScreen(staff_ctx)
    show_active(qtbot, settings)
    tab = settings.payment_policy_tab
    settings.tabs.setCurrentWidget(tab)
    assert tab.read_only_note.isVisible() and tab.read_only_note.text() == READ_ONLY
    for button in (
        tab.save_button,
        tab.rates_page.new_version_button,
        tab.rates_page.delete_version_button,
    ):
        assert not button.isVisible()
    assert fee_field(tab, FeeUnit.HOUR).isReadOnly()
    assert not tab.rates_page.rates.vehicles.add_button.isVisible()
    tab.pages.setCurrentIndex(DUTIES_PAGE)
    assert not any(row.pays.isEnabled() for row in tab.duties.rows)
    tab.pages.setCurrentIndex(THRESHOLDS_PAGE)
    assert all(
        field.isReadOnly()
        for row in tab.thresholds.rows.rows()
        for field in row
        if isinstance(field, QLineEdit)
    )
    assert not tab.thresholds.rows.add_button.isVisible()
    assert settings.confirm_leave()


def open_settings_on_the_policy(qtbot, ctx) -> tuple[SettingsScreen, PaymentPolicyTab]:
    settings = SettingsScreen(ctx)
    show_active(qtbot, settings)
    settings.tabs.setCurrentWidget(settings.payment_policy_tab)
    return settings, settings.payment_policy_tab


def test_leaving_settings_with_unsaved_policy_edits_asks(qtbot, ctx, answers):
    settings, tab = open_settings_on_the_policy(qtbot, ctx)
    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "21")
    settings.tabs.setCurrentWidget(settings.lists_tab)

    answers.unsaved = UnsavedChoice.CANCEL
    assert settings.confirm_leave() is False
    assert answers.asked == ["unsaved the payment policy"]
    assert settings.tabs.currentWidget() is tab, "back where the edit is"
    assert fee_field(tab, FeeUnit.HOUR).text() == "£21.00"

    answers.unsaved = UnsavedChoice.DISCARD
    assert settings.confirm_leave() is True
    assert fee_field(tab, FeeUnit.HOUR).text() == ""
    assert saved_policy(ctx).rates_of(LineKind.FEE) == ()

    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "21")
    answers.unsaved = UnsavedChoice.SAVE
    assert settings.confirm_leave() is True
    assert saved_policy(ctx).rate(LineKind.FEE, "hour").unit_pence == 2100


def test_ctrl_s_on_the_policy_tab_saves_the_policy_and_the_organisation_row_steps_aside(qtbot, ctx):
    settings, tab = open_settings_on_the_policy(qtbot, ctx)
    assert not settings.save_button.isVisible() and tab.save_button.isVisible()
    keys(qtbot, fee_field(tab, FeeUnit.DAY), "150")
    ctrl_s(qtbot, fee_field(tab, FeeUnit.DAY))
    assert saved_policy(ctx).rate(LineKind.FEE, "day").unit_pence == 15000
    settings.tabs.setCurrentWidget(settings.organisation_form)
    assert settings.save_button.isVisible()


def test_no_two_mnemonics_clash_on_the_policy_tab(qtbot, ctx):
    window = MainWindow(ctx)
    show_active(qtbot, window)
    window._services_ready()
    settings = show_screen(window, SettingsScreen)
    tab = settings.payment_policy_tab
    settings.tabs.setCurrentWidget(tab)
    other_tabs = tuple(
        settings.tabs.widget(index)
        for index in range(settings.tabs.count())
        if settings.tabs.widget(index) is not tab
    )
    hidden_row = (settings.save_button, settings.undo_button)
    for page in range(tab.pages.count()):
        tab.pages.setCurrentIndex(page)
        hidden_pages = tuple(tab.pages.widget(i) for i in range(tab.pages.count()) if i != page)
        found = mnemonics(settings, leave_out=other_tabs + hidden_row + hidden_pages)
        found += mnemonics(window.menuBar())
        assert {"R", "V", "B", "S", "U"} <= {letter for letter, _text in found}
        assert clashes(found) == {}, tab.pages.tabText(page)
    # Settings' tab titles take no letter from the pages beside them (Ctrl+Tab moves on).
    assert "&" not in settings.tabs.tabText(settings.tabs.indexOf(tab))


def test_tab_walks_the_rates_page_in_the_order_it_is_shown(qtbot, ctx):
    with ctx.database().session_scope() as session:
        first = load_policy(session, policy_id_on(session, TODAY))
        save_policy(session, ctx.actor, replace(first, effective_from=NEXT_APRIL))
    tab = open_tab(qtbot, ctx)
    tab.rates_page.versions.setCurrentRow(0)
    keys(qtbot, fee_field(tab, FeeUnit.HOUR), "1")  # Save and Undo become reachable
    # Entries made after the page was built, in two lists, in either order.
    press(qtbot, tab.rates_page.rates.expenses.add_button)
    press(qtbot, tab.rates_page.rates.vehicles.add_button)
    tab.rates_page.versions.setFocus()
    visited = []
    for _step in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is tab.save_button:
            break
    rates = tab.rates_page.rates
    milestones = [
        tab.rates_page.new_version_button,
        tab.rates_page.delete_version_button,
        *rates.fees.values(),
        rates.vehicles.rows()[0][0],
        rates.vehicles.rows()[3][1],
        rates.vehicles.add_button,
        rates.expenses.rows()[0][0],
        rates.expenses.rows()[7][1],
        rates.expenses.add_button,
        rates.receipt_needed,
        rates.receipt_over,
        rates.notes,
        tab.undo_button,
        tab.save_button,
    ]
    assert [widget for widget in visited if widget in milestones] == milestones
