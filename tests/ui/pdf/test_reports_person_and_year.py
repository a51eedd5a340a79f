"""The Reports screen's person chooser finds archived people too (a subject access request
may come from someone no longer involved), keeps the chosen name current, and cleans up
after itself; and the year chosen stays on the last whole year when the year start moves."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from involve_desktop.db.models import Person
from involve_desktop.domain.financial_year import YearStart
from involve_desktop.domain.person_record import display_name
from involve_desktop.services.organisation import load_organisation, save_organisation
from involve_desktop.services.people_lifecycle import set_archived
from involve_desktop.ui.screens.reports.person_section import ChooseWhoseDialog
from involve_desktop.ui.screens.reports_screen import ReportsScreen
from tests.ui.helpers import show_active, type_text
from tests.ui.pdf.conftest import TODAY, person_with_claims

LAST_YEAR = (date(2025, 4, 1), date(2026, 3, 31))


def reports(qtbot, ctx) -> ReportsScreen:
    screen = ReportsScreen(ctx, today=TODAY)
    screen.resize(1280, 800)
    show_active(qtbot, screen)
    return screen


def open_chooser(qtbot, screen: ReportsScreen) -> ChooseWhoseDialog:
    qtbot.mouseClick(screen.person.choose_button, Qt.MouseButton.LeftButton)
    dialog = screen.person.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def choosers() -> list[ChooseWhoseDialog]:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ChooseWhoseDialog)] + [
        w for w in QApplication.allWidgets() if isinstance(w, ChooseWhoseDialog)
    ]


def test_an_archived_person_is_found_marked_and_chosen_with_the_choose_button(qtbot, demo_ctx):
    person_id, first, last = person_with_claims(demo_ctx, *LAST_YEAR)
    with demo_ctx.database().session_scope() as session:
        set_archived(session, demo_ctx.actor, [person_id], True)
    screen = reports(qtbot, demo_ctx)
    dialog = open_chooser(qtbot, screen)
    assert dialog.choose_button.text() == "&Choose"
    assert dialog.choose_button.isDefault() and not dialog.choose_button.isEnabled()
    assert "press Enter or double-click to choose them" in dialog.finder.hint.text()
    type_text(dialog.finder.search, last)
    dialog.finder.find()
    shown = [dialog.finder.results.item(row).text() for row in range(dialog.finder.results.count())]
    assert any(text.startswith(f"{first} {last}") and "(archived)" in text for text in shown)
    assert "Enter or double-click chooses them." in dialog.finder.hint.text()
    for row in range(dialog.finder.results.count()):
        if "(archived)" in dialog.finder.results.item(row).text():
            dialog.finder.results.setCurrentRow(row)
    assert dialog.choose_button.isEnabled()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert screen.person.person == (person_id, f"{first} {last}")
    assert screen.person.statement_button.isEnabled()
    assert screen.person.dialog is None
    assert choosers() == [], "the dialog is gone once closed"


def test_a_name_matching_nobody_says_where_it_looked(qtbot, demo_ctx):
    screen = reports(qtbot, demo_ctx)
    dialog = open_chooser(qtbot, screen)
    type_text(dialog.finder.search, "Zzyzx")
    dialog.finder.find()
    assert "on the register or in the archive" in dialog.finder.hint.text()
    assert not dialog.choose_button.isEnabled()
    dialog.reject()
    assert choosers() == []


def test_the_chosen_person_renamed_elsewhere_shows_the_new_name(qtbot, demo_ctx):
    person_id, first, last = person_with_claims(demo_ctx, *LAST_YEAR)
    screen = reports(qtbot, demo_ctx)
    dialog = open_chooser(qtbot, screen)
    type_text(dialog.finder.search, f"{first} {last}")
    dialog.finder.choose_current()
    assert screen.person.person is not None and screen.person.person[0] == person_id
    with demo_ctx.database().session_scope() as session:
        person = session.get(Person, person_id)
        person.last_name = "Renamed-Since"
        new_name = display_name(person.first_name, person.last_name, person.preferred_name)
    demo_ctx.events.data_changed.emit("people")
    assert screen.person.person == (person_id, new_name)
    assert screen.person.name_label.text() == new_name
    assert screen.person.statement_button.accessibleName() == f"Payment statement for {new_name}"


def test_after_the_year_start_moves_the_last_whole_year_is_chosen_again(qtbot, demo_ctx):
    screen = reports(qtbot, demo_ctx)
    assert screen.year.period() == LAST_YEAR
    with demo_ctx.database().session_scope() as session:
        details = load_organisation(session)
        save_organisation(session, replace(details, year_start=YearStart(1, 1)))
    demo_ctx.events.data_changed.emit("organisation")
    assert screen.year.period() == (date(2025, 1, 1), date(2025, 12, 31)), "not this year"
    assert "(this year)" not in screen.year.currentText()

    screen.year.choose((date(2023, 1, 1), date(2023, 12, 31)))
    demo_ctx.events.data_changed.emit("organisation")  # the year start unchanged
    assert screen.year.period() == (date(2023, 1, 1), date(2023, 12, 31)), "the choice kept"
