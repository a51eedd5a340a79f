"""Staff, roles and the audit trail, at the service level (the UI cannot get round these)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from involve_desktop.db.key_slots import KeyFile, WrongSecret, new_database_key
from involve_desktop.domain.roles import Role
from involve_desktop.errors import ValidationFailed
from involve_desktop.services import audit, staff
from involve_desktop.services.permissions import Actor, NotAllowed

GOOD = "window box tomato crane"


@pytest.fixture
def keys(tmp_path: Path) -> staff.Keys:
    return staff.Keys(KeyFile(tmp_path / "involve.keys"), new_database_key())


@pytest.fixture
def admin(database, keys) -> Actor:
    with database.session_scope() as session:
        return staff.create_first_administrator(session, keys, "Priya Shah", GOOD)


def add(database, actor, keys, name, role=Role.STAFF):
    with database.session_scope() as session:
        return staff.add_staff(session, actor, keys, name, role, GOOD + " " + name)


def test_the_first_administrator_can_sign_in_with_their_password(database, keys, admin):
    reloaded = KeyFile.load(keys.file.path)
    assert reloaded.unlock(staff.slot_id(admin.staff_id), GOOD) == keys.database_key
    assert reloaded.labels() == {staff.slot_id(admin.staff_id): "Priya Shah"}
    with database.session_scope() as session, pytest.raises(Exception, match="already"):
        staff.create_first_administrator(session, keys, "Someone Else", GOOD)


def test_weak_passwords_are_refused_with_a_reason(database, keys, admin):
    with database.session_scope() as session:
        with pytest.raises(ValidationFailed) as short:
            staff.add_staff(session, admin, keys, "Tom Reed", Role.STAFF, "tom123")
        assert "at least 10 characters" in short.value.errors["password"]
        with pytest.raises(ValidationFailed) as common:
            staff.add_staff(session, admin, keys, "Tom Reed", Role.STAFF, "Password123!")
        assert "commonly used" in common.value.errors["password"]
    with database.session_scope() as session:
        assert [member.name for member in staff.list_staff(session)] == ["Priya Shah"]


def test_only_administrators_manage_staff(database, keys, admin):
    member = add(database, admin, keys, "Tom Reed")
    tom = Actor(member.id, member.name, member.role)
    with database.session_scope() as session, pytest.raises(NotAllowed, match="Your role"):
        staff.add_staff(session, tom, keys, "Ann Lee", Role.STAFF, GOOD)
    with database.session_scope() as session, pytest.raises(NotAllowed):
        staff.change_role(session, tom, tom.staff_id, Role.ADMINISTRATOR)


def test_the_last_administrator_cannot_be_demoted_or_deactivated(database, keys, admin):
    with database.session_scope() as session, pytest.raises(staff.LastAdministrator):
        staff.change_role(session, admin, admin.staff_id, Role.STAFF)
    with database.session_scope() as session, pytest.raises(staff.LastAdministrator):
        staff.deactivate(session, admin, admin.staff_id, keys)
    second = add(database, admin, keys, "Sam Okoro", Role.ADMINISTRATOR)
    with database.session_scope() as session:
        assert (
            staff.change_role(session, admin, admin.staff_id, Role.APPROVER).role is Role.APPROVER
        )
        assert second.role is Role.ADMINISTRATOR


def test_deactivated_staff_cannot_sign_in_but_stay_in_history(database, keys, admin):
    member = add(database, admin, keys, "Tom Reed")
    with database.session_scope() as session:
        staff.deactivate(session, admin, member.id, keys)
    with pytest.raises(WrongSecret):
        KeyFile.load(keys.file.path).unlock(staff.slot_id(member.id), GOOD + " Tom Reed")
    with database.session_scope() as session:
        listed = {m.name: m.active for m in staff.list_staff(session)}
        trail = audit.list_events(session, admin)
    assert listed == {"Priya Shah": True, "Tom Reed": False}
    assert [entry.action for entry in trail][:2] == [
        audit.AuditAction.DEACTIVATED_STAFF,
        audit.AuditAction.ADDED_STAFF,
    ]
    assert trail[0].staff_name == "Priya Shah" and trail[0].subject == f"staff {member.id}"


def test_staff_change_their_own_password_and_admins_can_reset_it(database, keys, admin):
    member = add(database, admin, keys, "Tom Reed")
    tom = Actor(member.id, member.name, member.role)
    with database.session_scope() as session:
        staff.change_password(session, tom, tom.staff_id, keys, "harbour lantern quietly")
    assert KeyFile.load(keys.file.path).unlock(
        staff.slot_id(tom.staff_id), "harbour lantern quietly"
    )
    with database.session_scope() as session, pytest.raises(NotAllowed):
        staff.change_password(session, tom, admin.staff_id, keys, "harbour lantern quietly")
    with database.session_scope() as session:
        staff.change_password(session, admin, tom.staff_id, keys, "meadow copper violin")
    assert KeyFile.load(keys.file.path).unlock(staff.slot_id(tom.staff_id), "meadow copper violin")


def test_the_audit_trail_is_for_administrators_filters_and_is_pruned(database, keys, admin):
    member = add(database, admin, keys, "Tom Reed")
    tom = Actor(member.id, member.name, member.role)
    long_ago = datetime.now() - timedelta(days=800)
    with database.session_scope() as session:
        audit.record(session, tom, audit.AuditAction.SIGNED_IN, at=long_ago)
        audit.record(session, tom, audit.AuditAction.OPENED_SENSITIVE, "person", 42)
    with database.session_scope() as session:
        with pytest.raises(NotAllowed):
            audit.list_events(session, tom)
        toms = audit.list_events(session, admin, staff_id=tom.staff_id)
        assert [(e.action, e.subject) for e in toms] == [
            (audit.AuditAction.OPENED_SENSITIVE, "person 42"),
            (audit.AuditAction.SIGNED_IN, ""),
        ]
        assert audit.prune(session, keep_months=24) == 1
    with database.session_scope() as session:
        assert len(audit.list_events(session, admin, staff_id=tom.staff_id)) == 1
