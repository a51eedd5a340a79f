"""The 'find people' dialog driven like a person: tick, invite, copy emails, save files."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

from involve_desktop.db.models import Person
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.people import ContactMethod, ParticipationLevel, TakingPart
from involve_desktop.services.attendance import attendees, invite
from involve_desktop.services.audit import AuditAction, list_events
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.find_people_dialog import FindPeopleDialog
from involve_desktop.ui.dialogs.find_people_table import CandidatesModel
from tests.db.find_people_helpers import TODAY, add_activity, add_person, facts
from tests.ui.helpers import show_active


@pytest.fixture
def activity(database):
    """A research group, with four people who fit and two who are never listed."""
    with database.session_scope() as session:
        activity_id = add_activity(session, "Research", PowerShared.DECIDE_TOGETHER)
        fitting = facts(ParticipationLevel.COLLABORATING, "Research")
        add_person(session, fitting, "Siân", "ap Gwilym", email="sian@example.org")
        add_person(
            session, fitting, "Łukasz", "Wiśniewski",
            address="ul. Źródlana 12\nŻółkiewka", contact_method=ContactMethod.POST,
        )  # fmt: skip
        add_person(session, fitting, "Zoë", "O'Brien", email="zoe@example.org")
        add_person(session, facts(ParticipationLevel.LEADING), "Ayesha", "Qureshi")
        add_person(session, facts(taking_part=TakingPart.NOT_NOW), "Not", "Now")
        add_person(session, facts(taking_part=TakingPart.DOES_NOT_WISH), "Does", "Not")
    return activity_id


@pytest.fixture
def dialog(qtbot, ctx, activity):
    dialog = FindPeopleDialog(ctx, activity, today=TODAY)
    show_active(qtbot, dialog)
    return dialog


def names(dialog) -> list[str]:
    return [candidate.name for candidate in dialog.model.candidates]


def tick(qtbot, dialog, row: int) -> None:
    """Move to a row with the keyboard's help and press Space, as a person would."""
    dialog.table.setCurrentIndex(dialog.model.index(row, CandidatesModel.WHY))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)


def test_the_model_passes_qtmodeltester(qtmodeltester, dialog):
    qtmodeltester.check(dialog.model)


def test_it_shows_the_activity_the_rules_and_who_fits_in_the_charitys_words(dialog):
    assert "Research group" in dialog.activity_label.text()
    assert "a way in at Collaborating" in dialog.activity_label.text()
    assert "experts by experience who do not wish to take part are never listed" in (
        dialog.rules_label.text()
    )
    assert dialog.left_out_label.text() == (
        "1 expert by experience not taking part at the moment is not listed."
    )
    # Interests that fit first, by name; no interests recorded after.
    assert names(dialog) == [
        "Siân ap Gwilym",
        "Zoë O'Brien",
        "Łukasz Wiśniewski",
        "Ayesha Qureshi",
    ]
    assert dialog.model.index(3, CandidatesModel.WHY).data() == (
        "No interests recorded yet; leading"
    )
    assert not dialog.invite_button.isEnabled(), "nothing chosen yet"
    for button in dialog.findChildren(QPushButton):
        assert button.text().replace("&", "").strip()
        assert button.accessibleName() or button.text() == "Close"


def test_leaving_out_people_with_no_interests_recorded(qtbot, dialog):
    dialog.include_no_interest.click()
    assert "Ayesha Qureshi" not in names(dialog)
    assert len(names(dialog)) == 3


def test_invite_selected_adds_them_and_they_leave_the_list(qtbot, ctx, dialog, activity):
    tick(qtbot, dialog, 0)
    tick(qtbot, dialog, 2)
    assert dialog.chosen_label.text() == "2 of 4 experts by experience chosen"
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)
    with ctx.database().session_scope() as session:
        invited = {(a.name, a.status.value) for a in attendees(session, activity)}
    assert invited == {("Siân ap Gwilym", "invited"), ("Łukasz Wiśniewski", "invited")}
    assert names(dialog) == ["Zoë O'Brien", "Ayesha Qureshi"]
    assert dialog.result_label.text().startswith("Invited 2 experts by experience.")
    assert not dialog.invite_button.isEnabled()


def test_inviting_people_already_on_the_activity_says_nobody_new_was_added(
    qtbot, ctx, dialog, activity
):
    tick(qtbot, dialog, 0)
    chosen = [candidate.id for candidate in dialog.model.chosen()]
    # Someone else put them on the activity while the list was open.
    ops.change(ctx, "activities", invite, ctx.actor, activity, chosen, today=TODAY)
    qtbot.mouseClick(dialog.invite_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text() == (
        "Nobody new was added: they are already on this activity."
    )
    assert "Siân ap Gwilym" not in names(dialog)


def test_select_all_then_copy_email_addresses(qtbot, dialog):
    qtbot.mouseClick(dialog.select_all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "sian@example.org; zoe@example.org"
    assert dialog.result_label.text() == (
        "Copied 2 email addresses. 2 experts by experience chosen have no email address: "
        "see how they like to be contacted."
    )
    qtbot.mouseClick(dialog.select_none_button, Qt.MouseButton.LeftButton)
    assert dialog.model.chosen() == []
    assert not dialog.copy_button.isEnabled()


def test_save_a_contact_list_as_csv(qtbot, dialog, answers, tmp_path):
    answers.save_file = tmp_path / "research contacts"  # typed without ".csv"
    tick(qtbot, dialog, 1)
    tick(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "research contacts.csv"
    with saved.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert [row[0] for row in rows[1:]] == ["Siân ap Gwilym", "Zoë O'Brien"]
    assert answers.file_pickers == ["Save the contact list"]
    assert "Saved a contact list of 2 experts by experience" in dialog.result_label.text()


def test_labels_only_for_those_who_prefer_post(qtbot, dialog, answers, tmp_path):
    tick(qtbot, dialog, 0)  # Siân: email, no address
    qtbot.mouseClick(dialog.labels_button, Qt.MouseButton.LeftButton)
    assert answers.file_pickers == [], "no labels to print, so no file is asked for"
    assert "no labels to print" in dialog.result_label.text()
    answers.save_file = tmp_path / "labels.pdf"
    tick(qtbot, dialog, 2)  # Łukasz prefers post
    qtbot.mouseClick(dialog.labels_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "labels.pdf").read_bytes().startswith(b"%PDF-")
    assert dialog.result_label.text().startswith("Saved 1 address label (1 page)")


def test_a_file_that_cannot_be_saved_is_explained(qtbot, dialog, answers, tmp_path):
    answers.save_file = tmp_path / "no such folder" / "list.csv"
    tick(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    assert answers.problems and answers.problems[0][0] == "The file was not saved"
    assert "could not write in the folder" in answers.problems[0][1]


def test_copying_emails_checks_consent_again_and_is_audited(qtbot, ctx, dialog):
    qtbot.mouseClick(dialog.select_all_button, Qt.MouseButton.LeftButton)
    # Zoë withdraws her consent while the list is open.
    with ctx.database().session_scope() as session:
        zoe = session.scalar(select(Person).where(Person.first_name == "Zoë"))
        zoe.consent_withdrawn_on = TODAY
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "sian@example.org"
    assert dialog.result_label.text() == (
        "Copied 1 email address. 2 experts by experience chosen have no email address: see "
        "how they like to be contacted. 1 expert by experience left out: their consent or "
        "taking part changed since the list was shown."
    )
    [event] = ops.query(ctx, list_events, ctx.actor, action=AuditAction.EXPORTED_PEOPLE_LIST)
    assert event.subject == "email addresses of 1 person"


def test_saved_lists_say_in_the_audit_trail_what_was_made(qtbot, ctx, dialog, answers, tmp_path):
    answers.save_file = tmp_path / "contacts.csv"
    tick(qtbot, dialog, 0)
    tick(qtbot, dialog, 2)
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    answers.save_file = tmp_path / "labels.pdf"
    qtbot.mouseClick(dialog.labels_button, Qt.MouseButton.LeftButton)
    assert dialog.labels_button.text() == "Save address &labels (PDF)\u2026"
    events = ops.query(ctx, list_events, ctx.actor, action=AuditAction.EXPORTED_PEOPLE_LIST)
    assert [event.subject for event in events] == [
        "address labels for 1 person",
        "contact list of 2 people",
    ]
