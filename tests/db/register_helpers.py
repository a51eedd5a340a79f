"""Helpers shared by the register's database tests."""

from __future__ import annotations

from involve_desktop.db.engine import Database
from involve_desktop.db.models import Staff
from involve_desktop.domain.roles import Role
from involve_desktop.services.permissions import Actor


def staff_member(database: Database, role: Role = Role.STAFF, name: str = "Priya Shah") -> Actor:
    """A staff member in the database, as whom the services are called."""
    with database.session_scope() as session:
        staff = Staff(name=name, role=role.value)
        session.add(staff)
        session.flush()
        return Actor(staff.id, staff.name, role)
