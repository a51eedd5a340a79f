"""Merging two records through the real dialog, on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from involve_desktop.db.models import Staff
from involve_desktop.domain.people import ParticipationLevel
from involve_desktop.domain.person_record import PersonDetails, TrainingEntry
from involve_desktop.domain.roles import Role
from involve_desktop.services.people import level_history, load_person, save_person
from involve_desktop.services.people_lifecycle import delete_person
from involve_desktop.services.permissions import Actor
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.merge_people_dialog import MergePeopleDialog
from tests.ui.helpers import show_active, shown_text


@pytest.fixture
def records(ctx) -> tuple[int, int]:
    """(older, newer): one person entered twice, each record with something of its own."""
    older = ops.change(
        ctx,
        "people",
        save_person,
        ctx.actor,
        PersonDetails(
            "Chidera",
            "Okafor",
            email="chidera@example.org",
            roles=("Carer",),
            training=(TrainingEntry("Safeguarding"),),
        ),
    )
    newer = ops.change(
        ctx,
        "people",
        save_person,
        ctx.actor,
        PersonDetails(
            "Chidera",
            "Okafor-Smith",
            phone="07700 900123",
            roles=("Trustee",),
            participation_level=ParticipationLevel.LEADING,
        ),
    )
    return older, newer


def open_dialog(qtbot, ctx, records) -> MergePeopleDialog:
    older, newer = records
    dialog = MergePeopleDialog(ctx, newer, older)  # in either order, the older is on the left
    show_active(qtbot, dialog)
    return dialog


def field(dialog, column: int, label: str) -> str:
    """The value shown for `label` in the left (0) or right (1) column."""
    labels = dialog.findChildren(QLabel)
    named = [widget for widget in labels if widget.accessibleName().startswith(f"{label}:")]
    return named[column].text()


def test_both_records_side_by_side_and_the_older_chosen_to_keep(qtbot, ctx, records):
    dialog = open_dialog(qtbot, ctx, records)
    assert [side.person_id for side in dialog.sides] == list(records)
    assert dialog.keep_buttons.checkedId() == 0
    assert field(dialog, 0, "Email") == "chidera@example.org"
    assert field(dialog, 1, "Phone") == "07700 900123"
    assert field(dialog, 0, "Phone") == "\u2014"
    assert field(dialog, 1, "Participation level") == "Leading"
    assert "expert by experience" in dialog.windowTitle()
    said = shown_text(dialog.outcome_label)
    assert "Filled in from Chidera Okafor-Smith\u2019s record: phone number." in said
    assert "Added to the notes, because the records differ: surname." in said
    assert "Then Chidera Okafor-Smith\u2019s record is removed." in said


def test_choosing_the_other_record_changes_what_will_happen(qtbot, ctx, records):
    dialog = open_dialog(qtbot, ctx, records)
    right = dialog.keep_buttons.button(1)
    qtbot.mouseClick(right, Qt.MouseButton.LeftButton)
    assert dialog.keep_buttons.checkedId() == 1
    said = shown_text(dialog.outcome_label)
    assert "Filled in from Chidera Okafor\u2019s record: email address." in said
    assert "Then Chidera Okafor\u2019s record is removed." in said


def test_merging_after_confirmation_keeps_everything_on_one_record(
    qtbot, ctx, records, answers, database
):
    older, newer = records
    dialog = open_dialog(qtbot, ctx, records)
    answers.yes_no = True
    with qtbot.waitSignal(ctx.events.data_changed) as changed:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["people"]
    assert answers.asked == ["Merge these records?"]
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.kept_id == older
    with database.session_scope() as session:
        kept = load_person(session, older)
        levels = [to for _day, _from, to in level_history(session, older)]
        with pytest.raises(Exception, match="no longer in the register"):
            load_person(session, newer)
    assert kept.roles == ("Carer", "Trustee")
    assert kept.phone == "07700 900123"
    assert [entry.title for entry in kept.training] == ["Safeguarding"]
    assert "surname: Okafor-Smith" in kept.notes
    assert sorted(levels) == ["leading", "observing"]


def test_saying_no_to_the_confirmation_changes_nothing(qtbot, ctx, records, answers, database):
    dialog = open_dialog(qtbot, ctx, records)
    answers.yes_no = False
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.kept_id is None
    with database.session_scope() as session:
        assert load_person(session, records[1]).last_name == "Okafor-Smith"


def test_enter_never_merges(qtbot, ctx, records, answers):
    dialog = open_dialog(qtbot, ctx, records)
    answers.yes_no = True
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert answers.asked == []
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_record_removed_meanwhile_is_explained(qtbot, ctx, records, answers):
    dialog = open_dialog(qtbot, ctx, records)
    ops.change(ctx, "people", delete_person, ctx.actor, records[1])
    answers.yes_no = True
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert answers.problems == [
        (
            "Merge two records",
            "This person's record is no longer in the register. The list is refreshed.",
        )
    ]
    assert dialog.isVisible()


def test_a_staff_member_sees_why_they_cannot_merge(qtbot, ctx, records, database):
    with database.session_scope() as session:
        member = Staff(name="Tom Reed", role=Role.STAFF.value)
        session.add(member)
        session.flush()
        ctx.actor = Actor(member.id, member.name, Role.STAFF)
    dialog = open_dialog(qtbot, ctx, records)
    assert not dialog.merge_button.isEnabled()
    assert dialog.permission_label.isVisible()
    assert "Your role (staff) does not allow merging" in dialog.permission_label.text()


def test_records_with_the_same_name_are_told_apart_by_place(qtbot, ctx, answers):
    twins = [
        ops.change(ctx, "people", save_person, ctx.actor, PersonDetails("Siân", "ap Gwilym"))
        for _ in range(2)
    ]
    dialog = open_dialog(qtbot, ctx, twins)
    said = shown_text(dialog.outcome_label)
    assert "Then the record on the right is removed." in said
    qtbot.keyClick(dialog.keep_buttons.button(0), Qt.Key.Key_Right)  # arrows move the choice
    assert dialog.keep_buttons.checkedId() == 1
    assert "Then the record on the left is removed." in shown_text(dialog.outcome_label)
    dialog.merge_button.click()
    assert answers.asked == ["Merge these records?"]


def test_dates_are_written_out(qtbot, ctx):
    ids = [
        ops.change(ctx, "people", save_person, ctx.actor, PersonDetails("Dafydd", joined_on=joined))
        for joined in (date(2021, 4, 1), date(2024, 2, 29))
    ]
    dialog = open_dialog(qtbot, ctx, ids)
    assert field(dialog, 0, "Joined") == "1 April 2021"
    assert field(dialog, 1, "Joined") == "29 February 2024"
