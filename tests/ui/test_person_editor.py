"""The person editor, typed into like a person would, saved to a real database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.people import BenefitsAffected, ParticipationLevel
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import level_history, load_person, open_sensitive
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.possible_duplicates_dialog import DuplicateAnswer
from involve_desktop.ui.prompts import UnsavedChoice
from involve_desktop.ui.screens.people.people_screen import PeopleScreen
from tests.ui.helpers import show_active, type_text
from tests.ui.people_helpers import TODAY, add_person


@pytest.fixture
def screen(qtbot, ctx) -> PeopleScreen:
    widget = PeopleScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    return widget


def shown_names(screen: PeopleScreen) -> list[str]:
    model = screen.model
    return [model.index(row, model.NAME).data() for row in range(model.rowCount())]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_new(qtbot, screen):
    screen.start_new()
    editor = screen.editor
    qtbot.waitUntil(editor.isVisible)
    return editor


def test_a_new_person_typed_in_is_saved_and_listed(qtbot, ctx, screen):
    editor = open_new(qtbot, screen)
    assert editor.windowTitle() == "New expert by experience"
    type_text(editor.about.first_name, "Siân")
    type_text(editor.about.last_name, "ap Gwilym")
    type_text(editor.about.date_of_birth, "9/3/1984")
    editor.section_list.setCurrentRow(1)
    type_text(editor.contact.email, "sian@example.org")
    editor.section_list.setCurrentRow(2)
    type_text(editor.roles.roles.new_entry, "Young ambassador")
    qtbot.keyClick(editor.roles.roles.new_entry, Qt.Key.Key_Return)
    editor.section_list.setCurrentRow(5)  # a new record's sensitive fields are open at once
    assert editor.support.gate.is_open
    type_text(editor.support.support_needs, "Step-free access")
    assert editor.dirty
    click(qtbot, editor.save_button)

    assert not editor.isVisible()
    assert "Siân ap Gwilym" in shown_names(screen)
    person_id = screen.selected_ids()[0]
    saved = ops.query(ctx, load_person, person_id)
    assert saved.date_of_birth == date(1984, 3, 9)
    assert saved.email == "sian@example.org"
    assert saved.roles == ("Young ambassador",)
    assert saved.joined_on == TODAY
    assert ops.query(ctx, level_history, person_id) == [(TODAY, "", "observing")]
    with ctx.database().session_scope() as session:
        assert open_sensitive(session, ctx.actor, person_id).support_needs == "Step-free access"
    assert screen.changes.message.text() == "Added Siân ap Gwilym."


def test_problems_are_shown_at_their_fields_and_nothing_is_saved(qtbot, ctx, screen):
    editor = open_new(qtbot, screen)
    type_text(editor.about.first_name, "Zoë")
    type_text(editor.about.date_of_birth, "31/02/1980")
    click(qtbot, editor.save_button)
    assert editor.isVisible()
    assert "does not exist" in editor.about.errors["date_of_birth"].text()
    assert editor.section_list.item(0).text().startswith("\u26a0")

    editor.about.date_of_birth.clear()
    type_text(editor.about.date_of_birth, "1/1/2030")
    editor.section_list.setCurrentRow(1)
    type_text(editor.contact.email, "zoe at example")
    editor.section_list.setCurrentRow(6)
    type_text(editor.consent.given_on, "1/6/2025")
    type_text(editor.consent.review_on, "1/1/2025")
    click(qtbot, editor.save_button)

    assert editor.isVisible()
    assert "future" in editor.about.errors["date_of_birth"].text()
    assert "cannot be an email" in editor.contact.errors["email"].text()
    assert "after the date consent" in editor.consent.errors["consent_review_on"].text()
    assert editor.section_list.currentRow() == 0, "the first section with a problem is shown"
    assert "3 things need correcting" in editor.state_label.text()
    assert shown_names(screen) == []


def test_an_edit_keeps_the_level_history_and_can_be_undone(qtbot, ctx, screen):
    person_id = add_person(ctx, "Łukasz", "Wiśniewski", notes="Met at the open day")
    screen.refresh()
    screen.select_person(person_id)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    editor = screen.editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.about.first_name.text() == "Łukasz"
    editor.section_list.setCurrentRow(3)
    editor.involvement.level.setCurrentIndex(
        editor.involvement.level.findData(ParticipationLevel.COLLABORATING.value)
    )
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.involvement.level, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    assert ops.query(ctx, load_person, person_id).participation_level.value == "collaborating"
    assert screen.changes.message.text() == "Saved the changes to Łukasz Wiśniewski."

    click(qtbot, screen.changes.undo_button)
    restored = ops.query(ctx, load_person, person_id)
    assert restored.participation_level is ParticipationLevel.OBSERVING
    assert restored.notes == "Met at the open day"
    steps = [(before, after) for _day, before, after in ops.query(ctx, level_history, person_id)]
    assert steps == [
        ("", "observing"),
        ("observing", "collaborating"),
        ("collaborating", "observing"),
    ]


def test_sensitive_sections_open_on_request_and_the_opening_is_audited(qtbot, ctx, screen):
    person_id = add_person(ctx, "Zoë", "O'Brien")
    screen.open_editor(person_id)
    editor = screen.editor
    editor.section_list.setCurrentRow(7)
    assert not editor.payment.gate.is_open
    assert not editor.payment.benefits.isVisible()
    click(qtbot, editor.payment.gate.show_button)
    assert editor.payment.gate.is_open and editor.support.gate.is_open
    assert not editor.dirty, "opening is not an edit"
    editor.payment.benefits.setCurrentIndex(
        editor.payment.benefits.findData(BenefitsAffected.PREFERS_NOT_TO_SAY.value)
    )
    click(qtbot, editor.save_button)
    with ctx.database().session_scope() as session:
        opened = session.scalars(
            select(AuditEvent.subject_id).where(AuditEvent.action == AuditAction.OPENED_SENSITIVE)
        ).all()
        assert opened == [person_id]
        benefits = open_sensitive(session, ctx.actor, person_id).benefits_affected
    assert benefits is BenefitsAffected.PREFERS_NOT_TO_SAY


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_edit(qtbot, ctx, screen, answers):
    editor = open_new(qtbot, screen)
    type_text(editor.about.first_name, "Chidera")
    answers.unsaved = UnsavedChoice.CANCEL
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert answers.asked == ["unsaved this expert by experience's record"]
    assert editor.about.first_name.text() == "Chidera"

    answers.unsaved = UnsavedChoice.DISCARD
    editor.close()
    assert not editor.isVisible()
    assert shown_names(screen) == []


def test_someone_already_on_the_register_is_pointed_out_before_adding(qtbot, ctx, screen, answers):
    existing = add_person(ctx, "Zoë", "O'Brien", date_of_birth=date(1990, 5, 1))
    screen.refresh()
    editor = open_new(qtbot, screen)
    type_text(editor.about.first_name, "Zoe")
    type_text(editor.about.last_name, "OBrien")
    type_text(editor.about.date_of_birth, "01/05/1990")

    answers.duplicate_answer = DuplicateAnswer.go_back()
    click(qtbot, editor.save_button)
    assert editor.isVisible()
    assert [match.person_id for match in answers.duplicates_seen[0]] == [existing]
    assert shown_names(screen) == ["Zoë O'Brien"]

    answers.duplicate_answer = DuplicateAnswer.open_existing(existing)
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: screen.editor is not editor and screen.editor.isVisible())
    assert screen.editor.about.first_name.text() == "Zoë"
    assert shown_names(screen) == ["Zoë O'Brien"]


def test_the_choice_not_to_take_part_is_stated_calmly_with_barriers(qtbot, ctx, screen):
    from involve_desktop.domain.people import Barrier, TakingPart

    resting = add_person(
        ctx,
        "Ayesha",
        "Qureshi",
        taking_part=TakingPart.NOT_NOW,
        taking_part_since=date(2026, 9, 1),
        barriers=frozenset({Barrier.TRANSPORT, Barrier.CARING}),
    )
    declining = add_person(ctx, "Dafydd", "Llywelyn", taking_part=TakingPart.DOES_NOT_WISH)
    screen.refresh()
    model = screen.model
    row = model.row_of(resting)
    assert model.index(row, model.TAKING_PART).data() == (
        "Not at the moment: transport, caring responsibilities"
    )
    screen.open_editor(resting)
    assert screen.editor.status_banner.text() == (
        "Not taking part at the moment since 1 September 2026. "
        "What gets in the way: transport, caring responsibilities."
    )
    screen.editor.reject()
    screen.open_editor(declining)
    assert screen.editor.status_banner.text().startswith("Has chosen not to take part since")
    assert "respected" in screen.editor.status_banner.text()


def test_a_change_made_elsewhere_withdraws_the_undo_offer(qtbot, ctx, screen):
    person_id = add_person(ctx, "Dafydd", "Llywelyn")
    screen.refresh()
    screen.open_editor(person_id)
    type_text(screen.editor.about.pronouns, "he/him")
    click(qtbot, screen.editor.save_button)
    assert screen.changes.undo_button.isVisible()
    # A merge or an import elsewhere: the old snapshot must not be put back over it.
    ctx.events.data_changed.emit("people")
    assert not screen.changes.undo_button.isVisible()
    assert screen.changes.message.text() == "Saved the changes to Dafydd Llywelyn."


def test_the_record_shows_the_activities_they_took_part_in(qtbot, ctx, screen):
    from involve_desktop.domain.activities import Attendance
    from involve_desktop.domain.activity_record import ActivityDetails
    from involve_desktop.services.activities import save_activity
    from involve_desktop.services.attendance import set_attendance

    person_id = add_person(ctx, "Chidera", "Okafor-Smith")
    with ctx.database().session_scope() as session:
        activity_id = save_activity(
            session,
            ctx.actor,
            ActivityDetails("Interview panel", "Members choose the manager", date(2026, 10, 1)),
            today=TODAY,
        )
        set_attendance(
            session,
            ctx.actor,
            activity_id,
            person_id,
            role="Chair",
            status=Attendance.ATTENDED,
            today=TODAY,
        )
    screen.open_editor(person_id)
    assert screen.editor.involvement.activities.text() == (
        "1 October 2026: Interview panel (attended, chair)"
    )
