"""The one mechanism that decides who may do what: every guarded service calls `require`."""

from __future__ import annotations

from dataclasses import dataclass

from involve_desktop.domain.roles import Permission, Role, can
from involve_desktop.errors import KnownError


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member on whose behalf a service runs."""

    staff_id: int
    name: str
    role: Role


class NotAllowed(KnownError):
    """The signed-in staff member's role does not allow this."""


def require(actor: Actor, permission: Permission) -> None:
    if not can(actor.role, permission):
        raise NotAllowed(
            f"Your role ({actor.role.label.lower()}) does not allow you to {permission.value}. "
            "Please ask an administrator."
        )
