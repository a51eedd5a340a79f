"""Who may do what. Services check these; hiding a button is only a courtesy on top."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    APPROVER = "approver"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Permission(StrEnum):
    SEE_SENSITIVE = "see sensitive sections"
    APPROVE_CLAIMS = "approve claims"
    CHANGE_PAYMENT_POLICY = "change the payment policy"
    DELETE_PEOPLE = "delete people"
    RESTORE_BACKUPS = "restore backups"
    MANAGE_STAFF = "manage staff"
    CHANGE_SETTINGS = "change settings"
    READ_AUDIT_TRAIL = "read the audit trail"
    # Making a strategy current and signing off the yearly evaluation: the charity's
    # considered word on the year, so not every member of staff.
    SIGN_OFF_PLANS = "make a strategy current or sign off an evaluation"


_APPROVER = {Permission.SEE_SENSITIVE, Permission.APPROVE_CLAIMS, Permission.SIGN_OFF_PLANS}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.STAFF: frozenset({Permission.SEE_SENSITIVE}),
    Role.APPROVER: frozenset(_APPROVER),
    Role.ADMINISTRATOR: frozenset(Permission),
}


def can(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
