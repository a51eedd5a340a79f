"""The retention routine on screen: who is past the period, nothing ticked until a person
ticks it, a confirmation that says how many and what happens, and Home told of the change."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from involve_desktop.db.models import Person, Staff
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.domain.roles import Role
from involve_desktop.services.claim_workflow import submit_claim
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.people import save_person
from involve_desktop.services.permissions import Actor
from involve_desktop.ui import prompts
from involve_desktop.ui.dialogs.retention_dialog import RetentionDialog
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from involve_desktop.ui.widgets.security_form import RETENTION_EXPLAINED
from tests.db.claim_helpers import add_claim, fee, set_fee_rates
from tests.db.full_disk import disk_full_for_compaction
from tests.ui.helpers import show_active, type_text

TODAY = date(2026, 11, 26)


def add_person(ctx, first: str, last: str, last_involved: date) -> int:
    with ctx.database().session_scope() as session:
        person_id = save_person(
            session, None, PersonDetails(first, last, joined_on=date(2015, 1, 1)), today=TODAY
        )
        session.execute(
            update(Person).where(Person.id == person_id).values(last_involved_on=last_involved)
        )
    return person_id


def with_open_claim(ctx, person_id: int) -> None:
    set_fee_rates(ctx.database(), ctx.actor)
    claim_id = add_claim(ctx.database(), ctx.actor, person_id, fee(100))
    with ctx.database().session_scope() as session:
        submit_claim(session, ctx.actor, claim_id)


def person(ctx, person_id: int) -> Person | None:
    with ctx.database().session_scope() as session:
        return session.get(Person, person_id)


def open_dialog(qtbot, ctx) -> RetentionDialog:
    dialog = RetentionDialog(ctx, today=TODAY)
    show_active(qtbot, dialog)
    return dialog


def names(dialog: RetentionDialog) -> list[str]:
    return [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]


def test_the_rule_and_who_is_past_it_are_shown_with_nothing_ticked(qtbot, ctx):
    # GIVEN two people long gone, one of them owed money, and one involved lately
    add_person(ctx, "Gwen", "Morgan", date(2019, 5, 1))
    owed = add_person(ctx, "Owen", "Price", date(2018, 2, 1))
    with_open_claim(ctx, owed)
    add_person(ctx, "Still", "Here", date(2025, 5, 1))

    dialog = open_dialog(qtbot, ctx)

    assert dialog.rule_label.text().startswith(
        "Records are kept for 6 years after a person's last involvement."
    )
    assert names(dialog) == ["Gwen Morgan"]
    assert dialog.table.item(0, 1).text() == "1 May 2019"
    assert "kept as counts" in dialog.table.item(0, 2).text()
    assert "name, contact details" in dialog.table.item(0, 3).text()
    assert dialog.ticked_ids() == []
    assert not dialog.anonymise_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert dialog.held_table.isVisibleTo(dialog)
    assert dialog.held_table.item(0, 0).text() == "Owen Price"
    assert "waiting for approval or payment" in dialog.held_table.item(0, 2).text()
    assert dialog.table.accessibleName() and dialog.held_table.accessibleName()


def test_ticking_by_keyboard_and_anonymising_tells_home_and_empties_the_list(qtbot, ctx, answers):
    gwen = add_person(ctx, "Gwen", "Morgan", date(2019, 5, 1))
    dai = add_person(ctx, "Dai", "Jones", date(2020, 1, 1))
    dialog = open_dialog(qtbot, ctx)
    changes: list[str] = []
    ctx.events.data_changed.connect(changes.append)

    # WHEN Gwen's row is ticked with the space bar and "Anonymise ticked…" confirmed
    dialog.table.setFocus()
    dialog.table.setCurrentCell(names(dialog).index("Gwen Morgan"), 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.ticked_ids() == [gwen]
    assert dialog.ticked_label.text() == "1 of 2 ticked"
    answers.yes_no = True
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(answers.messages))  # a mnemonic clicks after a short delay

    # THEN the confirmation said how many, Gwen is anonymised, Dai untouched, Home told
    assert answers.asked == ["Anonymise records"]
    assert answers.messages == [("Anonymise records", "1 expert by experience anonymised.")]
    assert changes == ["people"]
    assert person(ctx, gwen).anonymised_on == TODAY
    assert person(ctx, gwen).first_name == "Anonymised person"
    assert person(ctx, dai).anonymised_on is None
    assert names(dialog) == ["Dai Jones"]


def test_delete_asks_first_and_cancel_changes_nothing(qtbot, ctx, answers):
    gwen = add_person(ctx, "Gwen", "Morgan", date(2019, 5, 1))
    dai = add_person(ctx, "Dai", "Jones", date(2020, 1, 1))
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    assert sorted(dialog.ticked_ids()) == sorted([gwen, dai])

    answers.yes_no = False
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Delete records"]
    assert person(ctx, gwen) is not None and person(ctx, dai) is not None

    answers.yes_no = True
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert person(ctx, gwen) is None and person(ctx, dai) is None
    assert answers.messages == [("Delete records", "2 experts by experience deleted.")]
    assert names(dialog) == []
    assert "Nobody is past that point today" in dialog.rule_label.text()


def test_staff_who_may_not_delete_see_the_list_but_cannot_act(qtbot, ctx):
    add_person(ctx, "Gwen", "Morgan", date(2019, 5, 1))
    with ctx.database().session_scope() as session:
        staff = Staff(name="Tom Reed", role=Role.STAFF.value)
        session.add(staff)
        session.flush()
        ctx.actor = Actor(staff.id, staff.name, Role.STAFF)
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    assert len(dialog.ticked_ids()) == 1
    assert not dialog.anonymise_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert "Only an administrator" in dialog.permission_label.text()


def test_the_period_is_set_on_the_security_tab_and_saved(qtbot, ctx):
    screen = SettingsScreen(ctx)
    show_active(qtbot, screen)
    screen.tabs.setCurrentWidget(screen.security_form)
    box = screen.security_form.retention_years
    assert box.value() == 6
    assert box.accessibleName() == "Keep records after a person's last involvement for"
    assert screen.security_form.retention_explained.text() == RETENTION_EXPLAINED

    box.setFocus()
    box.selectAll()
    type_text(box.lineEdit(), "8")
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    with ctx.database().session_scope() as session:
        assert load_organisation(session).retention_years == 8
    dialog = open_dialog(qtbot, ctx)
    assert dialog.rule_label.text().startswith("Records are kept for 8 years")


def test_held_back_people_are_not_in_the_ticking_list(qtbot, ctx):
    owed = add_person(ctx, "Owen", "Price", date(2018, 2, 1))
    with_open_claim(ctx, owed)
    dialog = open_dialog(qtbot, ctx)
    assert names(dialog) == []
    assert not dialog.tick_all_button.isEnabled()
    with ctx.database().session_scope() as session:
        assert session.scalar(select(Person.anonymised_on).where(Person.id == owed)) is None


def test_delete_says_what_goes_with_them_and_what_stays(qtbot, ctx, answers, monkeypatch):
    add_person(ctx, "Gwen", "Morgan", date(2019, 5, 1))
    dialog = open_dialog(qtbot, ctx)
    questions: list[str] = []
    asked = answers.ask_yes_no
    monkeypatch.setattr(
        prompts, "ask_yes_no", lambda *args: questions.append(args[2]) or asked(*args)
    )
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    (question,) = questions
    for goes in ("draft claims", "receipts", "what their claims said", "full name"):
        assert goes in question
    assert "Hughes, Nia" in dialog.explained.text(), "the limit of finding names is said"


def test_a_full_disk_is_reported_and_the_file_tidied_up_once_there_is_room(qtbot, ctx, answers):
    gwen = add_person(ctx, "Gwen", "Morgan", date(2019, 5, 1))
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    answers.yes_no = True

    # WHEN she is anonymised while the disk is too full to tidy up the file
    with disk_full_for_compaction(ctx.database()):
        qtbot.mouseClick(dialog.anonymise_button, Qt.MouseButton.LeftButton)

    # THEN the change stands and the message says so plainly, with what to do
    assert person(ctx, gwen).first_name == "Anonymised person"
    ((_title, message),) = answers.messages
    assert message.startswith("1 expert by experience anonymised. The database file could")
    assert "Free some disk space" in message
    assert dialog.tidy_button.isVisibleTo(dialog)

    # AND once there is room, "Tidy up the file" does it and goes away
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(answers.messages) == 2)
    assert "nothing removed is left" in answers.messages[1][1]
    assert not dialog.tidy_button.isVisibleTo(dialog)
