"""The action plan's service: the list's order, views and counts, what moved since a staff
member's last look, and the rules for saving items and progress notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import event, select

from involve_desktop.db.cycle_models import ActionItem, ActionItemPerson
from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.learning_cycle import CycleStage, ItemStatus, StandardsArea
from involve_desktop.domain.plan_records import ActionItemDetails
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.action_plan import (
    ItemNotFound,
    PastPlan,
    add_progress,
    delete_item,
    last_look,
    load_item,
    note_look,
    plan_period,
    save_item,
    set_status,
)
from involve_desktop.services.action_plan_rows import (
    ALL,
    PlanView,
    plan_choices,
    plan_counts,
    plan_rows,
)
from tests.db.plan_helpers import (
    EARLIER,
    LATER,
    LOOKED,
    TODAY,
    add_finding,
    add_item,
    add_note,
    add_person,
    make_strategy,
)
from tests.db.register_helpers import staff_member

NOW = datetime(2026, 11, 26, 10, 0)


def details(action: str = "Run a welcome session for new members", **fields) -> ActionItemDetails:
    return ActionItemDetails(
        action=action, area=StandardsArea.PRACTICE, stage=CycleStage.IMPLEMENTATION, **fields
    )


@pytest.fixture
def plan(database):
    with database.session_scope() as session:
        return make_strategy(session)


def rows(database, strategy_id, view=None, since=None):
    view = view or PlanView()
    with database.session_scope() as session:
        return plan_rows(session, strategy_id, view, TODAY, since)


def save(database, strategy_id, item_id, item_details, *, now=NOW, actor=None):
    with database.session_scope() as session:
        return save_item(session, actor, strategy_id, item_id, item_details, TODAY, now=now)


def test_overdue_items_come_first_then_by_due_date_with_undated_last(database, plan):
    with database.session_scope() as session:
        undated = add_item(session, plan, "Write the participation charter")
        later = add_item(session, plan, "Train the trustees", due_on=date(2027, 6, 1))
        soon = add_item(session, plan, "Pay people on the day", due_on=date(2026, 12, 10))
        overdue = add_item(session, plan, "Review the payment policy", due_on=date(2026, 10, 1))
        done_late = add_item(
            session, plan, "Start a panel", status=ItemStatus.DONE, due_on=date(2026, 9, 1)
        )
    shown = rows(database, plan)
    assert [row.id for row in shown] == [overdue, soon, later, undated]
    assert [row.overdue for row in shown] == [True, False, False, False]
    everything = rows(database, plan, PlanView(status=ALL))
    assert done_late in [row.id for row in everything]
    assert not next(row for row in everything if row.id == done_late).overdue


def test_views_filter_by_status_area_lead_overdue_and_words(database, plan):
    lead = staff_member(database, name="Tom Reid")
    with database.session_scope() as session:
        culture = add_item(
            session, plan, "Put involvement in every job description", area=StandardsArea.CULTURE
        )
        done = add_item(session, plan, "Café for carers", status=ItemStatus.DONE)
        led = add_item(session, plan, "Ask the youth panel", staff_id=lead.staff_id)
        dropped = add_item(
            session, plan, "Newsletter", status=ItemStatus.DROPPED, dropped_reason="No money"
        )
        overdue = add_item(session, plan, "Check the forms", due_on=date(2026, 11, 1))
        add_item(session, plan, "Quarterly review", how="At the staff meeting")

    def ids(**view):
        return {row.id for row in rows(database, plan, PlanView(**view))}

    assert ids(status=ItemStatus.DONE) == {done}
    assert ids(status=ItemStatus.DROPPED) == {dropped}
    assert ids(area=StandardsArea.CULTURE) == {culture}
    assert ids(staff_id=lead.staff_id) == {led}
    assert ids(overdue_only=True) == {overdue}
    assert ids(status=ALL, text="cafe") == {done}  # accents folded
    assert len(ids(text="staff meeting")) == 1  # found by how it is done
    assert ids(text="cafe") == set()  # done is not open


def test_rows_say_who_is_doing_it_the_latest_note_and_the_evaluation_behind_it(database, plan):
    lead = staff_member(database, name="Tom Reid")
    with database.session_scope() as session:
        sam = add_person(session, "Samuel", "Jones", preferred_name="Sam")
        zoe = add_person(session, "Zoë", "Adams")
        finding = add_finding(session, date(2025, 4, 1), "Few were told what changed.")
        item = add_item(
            session,
            plan,
            "Report back after every panel",
            staff_id=lead.staff_id,
            person_ids=(sam, zoe),
            who_else="our partner college",
            raised_by_finding_id=finding,
        )
        add_note(session, item, date(2026, 10, 1), "Agreed the template")
        add_note(session, item, date(2026, 11, 2), "Sent the first one\nThree replied")
    (row,) = rows(database, plan)
    assert row.lead == "Tom Reid"
    assert row.people == ("Zoë Adams", "Sam Jones")
    assert row.with_whom == "Zoë Adams, Sam Jones, our partner college"
    assert (row.last_progress_on, row.last_progress) == (date(2026, 11, 2), "Sent the first one")
    assert row.from_evaluation == "2025/26"
    assert rows(database, plan, PlanView(text="zoe"))[0].id == item


def test_the_list_is_read_in_a_few_queries_however_many_items(database, plan):
    with database.session_scope() as session:
        person = add_person(session, "Amira", "Khan")
        for number in range(30):
            item = add_item(session, plan, f"Action {number}", person_ids=(person,))
            add_note(session, item, date(2026, 10, 1), "Started")
    statements = []
    engine = database.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert len(rows(database, plan)) == 30
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) <= 6


def test_counts_for_the_views_and_the_line_above_the_list(database, plan):
    with database.session_scope() as session:
        add_item(session, plan, "A", due_on=date(2026, 10, 1), moved_at=LATER)
        add_item(session, plan, "B", status=ItemStatus.IN_PROGRESS, moved_at=LATER)
        add_item(session, plan, "C", status=ItemStatus.DONE, due_on=date(2026, 10, 1))
        add_item(session, plan, "D", status=ItemStatus.DROPPED, dropped_reason="No")
        counts = plan_counts(session, plan, TODAY, LOOKED)
        never_looked = plan_counts(session, plan, TODAY, None)
    assert counts.by_status == {
        ItemStatus.NOT_STARTED: 1,
        ItemStatus.IN_PROGRESS: 1,
        ItemStatus.DONE: 1,
        ItemStatus.DROPPED: 1,
    }
    assert (counts.open, counts.overdue, counts.moved, counts.total) == (2, 1, 2, 4)
    assert counts.for_view(ItemStatus.DONE) == 1
    assert never_looked.moved == 0


def test_moved_is_what_changed_after_the_last_look(database, plan):
    actor = staff_member(database)
    with database.session_scope() as session:
        assert last_look(session, actor.staff_id) is None
        note_look(session, actor.staff_id, LOOKED)
        add_item(session, plan, "Old news", moved_at=EARLIER)
        fresh = add_item(session, plan, "Fresh", moved_at=LATER)
    with database.session_scope() as session:
        since = last_look(session, actor.staff_id)
    assert since == LOOKED
    assert [row.id for row in rows(database, plan, PlanView(moved_only=True), since)] == [fresh]
    assert not any(row.moved for row in rows(database, plan, since=None))
    with database.session_scope() as session:
        note_look(session, actor.staff_id, NOW)
        assert last_look(session, actor.staff_id) == NOW


def test_a_staff_members_own_changes_are_not_moved_for_them(database, plan):
    """Every way of changing an item records who did it, and it is news to others only."""
    priya = staff_member(database)
    sam = staff_member(database, name="Sam Jones")
    saved = save(database, plan, None, details("Saved by Priya"), now=LATER, actor=priya)
    with database.session_scope() as session:
        noted = add_item(session, plan, "Noted by Priya")
        add_progress(session, priya, noted, TODAY, "Rang them", today=TODAY, now=LATER)
        marked = add_item(session, plan, "Marked by Sam")
        set_status(session, sam, marked, ItemStatus.IN_PROGRESS, "", TODAY, now=LATER)
        changed_by = dict(session.execute(select(ActionItem.id, ActionItem.changed_by)).all())
        for_priya = plan_counts(session, plan, TODAY, LOOKED, viewer_id=priya.staff_id)
        for_sam = plan_rows(session, plan, PlanView(), TODAY, LOOKED, viewer_id=sam.staff_id)
        for_priya_rows = plan_rows(
            session, plan, PlanView(moved_only=True), TODAY, LOOKED, viewer_id=priya.staff_id
        )
    assert changed_by == {saved: priya.staff_id, noted: priya.staff_id, marked: sam.staff_id}
    assert for_priya.moved == 1
    assert [row.id for row in for_priya_rows] == [marked]
    assert {row.id for row in for_sam if row.moved} == {saved, noted}


def test_saving_marks_the_item_moved_only_when_status_or_due_date_change(database, plan):
    item = save(database, plan, None, details(), now=EARLIER)
    assert rows(database, plan, since=LOOKED)[0].moved is False
    save(database, plan, item, details(how="Over tea"), now=LATER)
    assert rows(database, plan, since=LOOKED)[0].moved is False
    save(database, plan, item, details(due_on=date(2027, 1, 10)), now=LATER)
    assert rows(database, plan, since=LOOKED)[0].moved is True


def test_a_due_date_outside_the_period_is_refused_but_a_carried_over_one_is_kept(database, plan):
    with pytest.raises(ValidationFailed) as refused:
        save(database, plan, None, details(due_on=date(2026, 3, 31)))
    assert refused.value.errors["due_on"].startswith("This date is before the plan's period")
    with pytest.raises(ValidationFailed) as after:
        save(database, plan, None, details(due_on=date(2029, 4, 1)))
    assert "after the plan's period" in after.value.errors["due_on"]
    with database.session_scope() as session:
        carried = add_item(session, plan, "Carried over", due_on=date(2026, 2, 1))
    save(database, plan, carried, details("Carried over", due_on=date(2026, 2, 1), how="Again"))
    with pytest.raises(ValidationFailed):
        save(database, plan, carried, details("Carried over", due_on=date(2026, 2, 2)))
    with database.session_scope() as session:
        assert load_item(session, carried).details.how == "Again"


def test_dropped_needs_a_reason_and_done_is_dated(database, plan):
    item = save(database, plan, None, details())
    with pytest.raises(ValidationFailed) as refused:
        save(database, plan, item, details(status=ItemStatus.DROPPED))
    assert "why it was dropped" in refused.value.errors["dropped_reason"]
    save(database, plan, item, details(status=ItemStatus.DONE))
    with database.session_scope() as session:
        assert load_item(session, item).done_on == TODAY
    save(database, plan, item, details(status=ItemStatus.IN_PROGRESS))
    with database.session_scope() as session:
        assert load_item(session, item).done_on is None
        set_status(session, None, item, ItemStatus.DROPPED, "The funder pulled out", TODAY)
        dropped = load_item(session, item)
    assert dropped.details.status is ItemStatus.DROPPED
    assert dropped.details.dropped_reason == "The funder pulled out"


def test_people_are_replaced_as_a_set_and_the_change_is_audited(database, plan):
    actor = staff_member(database)
    with database.session_scope() as session:
        amira = add_person(session, "Amira", "Khan")
        ben = add_person(session, "Ben", "Ode")
    item = save(database, plan, None, details(person_ids=(amira, ben)), actor=actor)
    save(database, plan, item, details(person_ids=(ben,)), actor=actor)
    with database.session_scope() as session:
        linked = session.scalars(select(ActionItemPerson.person_id)).all()
        record = load_item(session, item)
        audited = session.scalars(
            select(AuditEvent.subject_kind).where(
                AuditEvent.subject_kind == "action_item", AuditEvent.subject_id == item
            )
        ).all()
    assert linked == [ben]
    assert record.people == ((ben, "Ben Ode"),)
    assert audited == ["action_item", "action_item"]


def test_a_progress_note_needs_words_and_a_past_date_and_moves_the_item(database, plan):
    actor = staff_member(database)
    item = save(database, plan, None, details(), now=EARLIER)
    with database.session_scope() as session:
        with pytest.raises(ValidationFailed) as empty:
            add_progress(session, actor, item, TODAY, "  ", today=TODAY)
        assert empty.value.errors == {"note": "Please write what happened."}
        with pytest.raises(ValidationFailed) as future:
            add_progress(session, actor, item, date(2026, 12, 1), "Soon", today=TODAY)
        assert "future" in future.value.errors["noted_on"]
        add_progress(session, actor, item, TODAY, "Met the panel", today=TODAY, now=LATER)
        record = load_item(session, item)
    assert [(n.noted_on, n.note, n.staff_name) for n in record.progress] == [
        (TODAY, "Met the panel", "Priya Shah")
    ]
    assert record.moved_at == LATER


def test_the_plan_of_a_replaced_strategy_is_read_only(database, plan):
    with database.session_scope() as session:
        past = make_strategy(session, status="past", period=(date(2023, 4, 1), date(2026, 3, 31)))
        old = add_item(session, past, "Old action")
        assert plan_period(session, past)[3] is True
        assert plan_period(session, plan) == (
            date(2026, 4, 1),
            date(2029, 3, 31),
            "Involvement strategy 2026 to 2029",
            False,
        )
        assert [choice.strategy_id for choice in plan_choices(session)] == [plan, past]
        assert load_item(session, old).read_only
    with pytest.raises(PastPlan):
        save(database, past, None, details())
    with pytest.raises(PastPlan):
        save(database, past, old, details("Old action", how="changed"))
    with database.session_scope() as session, pytest.raises(PastPlan):
        add_progress(session, None, old, TODAY, "Late note", today=TODAY)
    with database.session_scope() as session, pytest.raises(PastPlan):
        delete_item(session, None, old)
    # Nor can it be changed by naming the current plan with the old action's id.
    with pytest.raises(ItemNotFound):
        save(database, plan, old, details("Old action", how="changed"))
    with database.session_scope() as session:
        assert load_item(session, old).details.how == ""


def test_deleting_an_item_takes_its_notes_and_people(database, plan):
    with database.session_scope() as session:
        person = add_person(session, "Amira", "Khan")
    item = save(database, plan, None, details(person_ids=(person,)))
    with database.session_scope() as session:
        add_progress(session, None, item, TODAY, "Started", today=TODAY)
    with database.session_scope() as session:
        delete_item(session, None, item)
    with database.session_scope() as session:
        assert session.scalars(select(ActionItem)).all() == []
        assert session.scalars(select(ActionItemPerson)).all() == []


def test_an_item_raised_by_an_evaluation_says_so(database, plan):
    with database.session_scope() as session:
        finding = add_finding(session, date(2025, 4, 1), "Staff need training.")
        item = save_item(
            session,
            None,
            plan,
            None,
            replace(details(), area=StandardsArea.CULTURE),
            TODAY,
            raised_by_finding_id=finding,
        )
        raised = load_item(session, item).raised_by
    assert raised is not None
    assert (raised.year, raised.finding) == ("2025/26", "Staff need training.")
