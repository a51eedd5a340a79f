"""The strategy's versions on a real database: the first draft, copies, one draft at a time,
replaced versions kept as they were, and making a draft current (who may, what it needs,
and which actions move to its plan)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from involve_desktop.db.cycle_models import ActionItem
from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.learning_cycle import ItemStatus, StrategyStatus
from involve_desktop.domain.plan_records import StrategyDetails
from involve_desktop.domain.roles import Role
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.permissions import NotAllowed
from involve_desktop.services.strategy import (
    StrategyNotFound,
    current_strategy,
    delete_draft,
    list_strategies,
    load_strategy,
    make_current,
    make_current_problems,
    new_version,
    replaced_on,
    review_flag,
    save_strategy,
    start_first_strategy,
    suggested_first_strategy,
    unfinished_items_count,
)
from tests.db.register_helpers import staff_member

TODAY = date(2026, 11, 26)
APPROVED = StrategyDetails(
    title="Involvement strategy 2026 to 2029",
    period_start=date(2026, 4, 1),
    period_end=date(2029, 3, 31),
    purpose="Services are better when the people who use them shape them.",
    principles="We pay people for their time.",
    budget_pence=12_500_00,
    approved_by="The board of trustees",
    approved_on=date(2026, 5, 14),
    review_on=date(2027, 4, 1),
)


@pytest.fixture
def admin(database):
    return staff_member(database, Role.ADMINISTRATOR)


def first_current(database, admin, details: StrategyDetails = APPROVED) -> int:
    """Version 1, written and made current on 1 June 2026."""
    with database.session_scope() as session:
        strategy_id = start_first_strategy(session, admin, details)
        make_current(session, admin, strategy_id, date(2026, 6, 1))
    return strategy_id


def add_item(database, strategy_id: int, action: str, status: ItemStatus) -> int:
    with database.session_scope() as session:
        item = ActionItem(
            strategy_id=strategy_id,
            action=action,
            area="culture",
            stage="planning",
            status=status.value,
            moved_at=datetime(2026, 6, 2, 10, 0),
        )
        session.add(item)
        session.flush()
        return item.id


def test_the_suggested_first_strategy_runs_three_years_from_this_financial_year(database):
    with database.session_scope() as session:
        suggested = suggested_first_strategy(session, TODAY)
        in_march = suggested_first_strategy(session, date(2027, 3, 31))
    assert suggested.title == "Involvement strategy 2026 to 2029"
    assert (suggested.period_start, suggested.period_end) == (date(2026, 4, 1), date(2029, 3, 31))
    assert suggested.review_on == date(2027, 4, 1)
    assert in_march.period_start == date(2026, 4, 1), "31 March is still in 2026/27"


def test_the_first_strategy_is_a_draft_and_only_the_first(database, admin):
    with database.session_scope() as session:
        strategy_id = start_first_strategy(session, admin, APPROVED)
    with database.session_scope() as session:
        record = load_strategy(session, strategy_id)
        assert (record.version, record.status) == (1, StrategyStatus.DRAFT)
        assert record.details == APPROVED
        assert current_strategy(session) is None
        with pytest.raises(KnownError, match="already a strategy"):
            start_first_strategy(session, admin, APPROVED)
        actions = session.scalars(select(AuditEvent.action)).all()
    assert AuditAction.CHANGED_STRATEGY in actions


def test_a_new_version_copies_the_current_one_without_its_approval(database, admin):
    first_id = first_current(database, admin)
    with database.session_scope() as session:
        draft_id = new_version(session, admin)
    with database.session_scope() as session:
        draft = load_strategy(session, draft_id)
        versions = list_strategies(session)
    assert (draft.version, draft.status) == (2, StrategyStatus.DRAFT)
    assert draft.details == replace(APPROVED, approved_by="", approved_on=None)
    assert [(record.version, record.status) for record in versions] == [
        (2, StrategyStatus.DRAFT),
        (1, StrategyStatus.CURRENT),
    ], "newest first"
    assert versions[1].id == first_id


def test_only_one_draft_at_a_time(database, admin):
    first_current(database, admin)
    with database.session_scope() as session:
        new_version(session, admin)
        with pytest.raises(KnownError) as refused:
            new_version(session, admin)
    assert refused.value.message == (
        "There is already a draft (version 2). Carry on with it, or delete it first."
    )


def test_a_new_version_needs_something_to_copy(database, admin):
    with database.session_scope() as session, pytest.raises(KnownError, match="first one"):
        new_version(session, admin)


def test_the_current_version_can_be_edited_but_a_replaced_one_is_kept_as_it_was(database, admin):
    first_id = first_current(database, admin)
    with database.session_scope() as session:
        redated = replace(APPROVED, review_on=date(2027, 9, 1))
        assert (
            save_strategy(session, admin, first_id, redated).details.review_on == redated.review_on
        )
        draft_id = new_version(session, admin)
        approved = replace(APPROVED, title="Version two", approved_by="Trustees", approved_on=TODAY)
        save_strategy(session, admin, draft_id, approved)
        make_current(session, admin, draft_id, TODAY)
    with database.session_scope() as session, pytest.raises(KnownError, match="kept as it was"):
        save_strategy(session, admin, first_id, replace(APPROVED, title="Rewritten"))
    with database.session_scope() as session:
        past = load_strategy(session, first_id)
        records = list_strategies(session)
    assert past.status is StrategyStatus.PAST
    assert past.details.title == APPROVED.title
    assert past.details.review_on == date(2027, 9, 1)
    assert replaced_on(past, records) == TODAY
    assert replaced_on(records[0], records) is None, "the current one has not been replaced"


def test_validation_messages_are_given_per_field_and_nothing_is_saved(database, admin):
    bad = replace(APPROVED, title=" ", period_end=date(2026, 3, 1), budget_pence=-1)
    with database.session_scope() as session, pytest.raises(ValidationFailed) as problem:
        start_first_strategy(session, admin, bad)
    assert problem.value.errors == {
        "title": "Please give the strategy a title, such as 'Involvement strategy 2026 to 2029'.",
        "period_end": "The strategy must end after it starts.",
        "budget_pence": "The budget cannot be less than nothing.",
    }
    with database.session_scope() as session:
        assert list_strategies(session) == []


def test_making_a_draft_current_moves_the_unfinished_actions(database, admin):
    first_id = first_current(database, admin)
    waiting = add_item(database, first_id, "Write a participation charter", ItemStatus.NOT_STARTED)
    going = add_item(database, first_id, "Train staff", ItemStatus.IN_PROGRESS)
    done = add_item(database, first_id, "Pay for travel", ItemStatus.DONE)
    dropped = add_item(database, first_id, "Newsletter", ItemStatus.DROPPED)
    with database.session_scope() as session:
        draft_id = new_version(session, admin)
        save_strategy(session, admin, draft_id, APPROVED)
        assert unfinished_items_count(session, first_id) == 2
        assert make_current(session, admin, draft_id, TODAY) == 2
    with database.session_scope() as session:
        owners = dict(session.execute(select(ActionItem.id, ActionItem.strategy_id)).all())
        now_current = current_strategy(session)
        actions = session.scalars(select(AuditEvent.action)).all()
    assert owners == {waiting: draft_id, going: draft_id, done: first_id, dropped: first_id}
    assert now_current is not None and now_current.id == draft_id
    assert now_current.made_current_on == TODAY
    assert AuditAction.MADE_STRATEGY_CURRENT in actions


def test_a_draft_is_made_current_only_once_written_and_approved(database, admin):
    with database.session_scope() as session:
        no_purpose = start_first_strategy(
            session, admin, replace(APPROVED, purpose="", approved_by=" ", approved_on=None)
        )
        assert make_current_problems(load_strategy(session, no_purpose), TODAY) == {
            "purpose": "Please write the purpose before making this version current.",
            "approved_by": "Please record who approved it before making it current.",
            "approved_on": "Please give the date it was approved before making it current.",
        }
        with pytest.raises(KnownError, match="write the purpose"):
            make_current(session, admin, no_purpose, TODAY)
        save_strategy(session, admin, no_purpose, replace(APPROVED, approved_on=None))
        with pytest.raises(KnownError) as refused:
            make_current(session, admin, no_purpose, TODAY)
        assert refused.value.message == (
            "Please give the date it was approved before making it current."
        )
    with database.session_scope() as session:
        assert load_strategy(session, no_purpose).status is StrategyStatus.DRAFT


def test_a_draft_whose_period_has_ended_is_not_made_current(database, admin):
    ended = replace(APPROVED, period_start=date(2022, 4, 1), period_end=date(2025, 3, 31))
    with database.session_scope() as session:
        strategy_id = start_first_strategy(session, admin, ended)
        with pytest.raises(KnownError) as refused:
            make_current(session, admin, strategy_id, TODAY)
    assert refused.value.message == (
        "This version's period ended on 31 March 2025. "
        "Please change its dates before making it current."
    )


def test_staff_cannot_make_a_strategy_current_but_can_write_one(database):
    staff = staff_member(database, Role.STAFF, "Sam Jones")
    with database.session_scope() as session:
        strategy_id = start_first_strategy(session, staff, APPROVED)
        with pytest.raises(NotAllowed, match="make a strategy current"):
            make_current(session, staff, strategy_id, TODAY)
    approver = staff_member(database, Role.APPROVER, "Ade Bello")
    with database.session_scope() as session:
        assert make_current(session, approver, strategy_id, TODAY) == 0


def test_only_approvers_and_administrators_change_the_current_version(database, admin):
    first_id = first_current(database, admin)
    staff = staff_member(database, Role.STAFF, "Sam Jones")
    cleared = replace(APPROVED, approved_by="", approved_on=None)
    with database.session_scope() as session, pytest.raises(NotAllowed):
        save_strategy(session, staff, first_id, cleared)
    with database.session_scope() as session:
        assert load_strategy(session, first_id).details.approved_by == APPROVED.approved_by
        draft_id = new_version(session, staff)  # staff write the next version instead
        assert save_strategy(session, staff, draft_id, cleared).details.approved_by == ""
    approver = staff_member(database, Role.APPROVER, "Ade Bello")
    redated = replace(APPROVED, review_on=date(2027, 9, 1))
    with database.session_scope() as session:
        assert save_strategy(session, approver, first_id, redated).details.review_on == (
            date(2027, 9, 1)
        )


def test_only_a_draft_without_actions_can_be_deleted(database, admin):
    first_id = first_current(database, admin)
    with database.session_scope() as session:
        with pytest.raises(KnownError, match="only a draft can be deleted"):
            delete_draft(session, admin, first_id)
        draft_id = new_version(session, admin)
    add_item(database, draft_id, "Plan ahead", ItemStatus.NOT_STARTED)
    with database.session_scope() as session, pytest.raises(KnownError, match="1 action in it"):
        delete_draft(session, admin, draft_id)
    with database.session_scope() as session:
        session.execute(ActionItem.__table__.delete())
        delete_draft(session, admin, draft_id)
    with database.session_scope() as session:
        with pytest.raises(StrategyNotFound):
            load_strategy(session, draft_id)
        assert [record.version for record in list_strategies(session)] == [1]
        assert new_version(session, admin), "a new draft can be started again"
        actions = session.scalars(select(AuditEvent.action)).all()
    assert AuditAction.DELETED_STRATEGY_DRAFT in actions


def test_the_current_version_is_flagged_once_its_review_date_comes(database, admin):
    earlier = replace(
        APPROVED,
        period_start=date(2025, 4, 1),
        period_end=date(2028, 3, 31),
        review_on=date(2026, 3, 1),
    )
    first_id = first_current(database, admin, earlier)
    with database.session_scope() as session:
        current = load_strategy(session, first_id)
        draft = load_strategy(session, new_version(session, admin))
    assert review_flag(current, date(2026, 2, 28)) == ""
    assert review_flag(current, date(2026, 3, 1)) == (
        "Its review date, 1 March 2026, is today: review it and make a new version."
    )
    assert review_flag(current, TODAY) == (
        "Its review date, 1 March 2026, has passed: review it and make a new version."
    )
    assert review_flag(draft, TODAY) == "", "only the current version is flagged"
    assert review_flag(replace(current, details=replace(APPROVED, review_on=None)), TODAY) == ""
