"""The charity's own lists of roles and interests: read, extend, rename and tidy them.

Adding happens as people are saved (a new role typed in the editor joins the list);
renaming and removing are settings, for those allowed to change them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import PersonOption, person_chosen_option
from involve_desktop.domain.people import OptionKind
from involve_desktop.domain.roles import Permission
from involve_desktop.errors import ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import MAX_OPTION_NAME, option_ids, refresh_search_words
from involve_desktop.services.permissions import Actor, require


@dataclass(frozen=True)
class OptionUse:
    name: str
    people: int


def list_options(session: Session, kind: OptionKind) -> list[str]:
    """The charity's list of roles or interests, alphabetically."""
    return list(
        session.scalars(
            select(PersonOption.name)
            .where(PersonOption.kind == kind.value)
            .order_by(func.lower(PersonOption.name))
        )
    )


def add_option(session: Session, actor: Actor, kind: OptionKind, name: str) -> str:
    """Add a role or interest to the charity's list (an existing one is returned as it is).

    A setting; typing a new role into a person's record adds it as that record is saved.
    """
    require(actor, Permission.CHANGE_SETTINGS)
    return option_ids(session, kind, [_cleaned(kind, name)])[0][1]


def option_usage(session: Session, kind: OptionKind) -> list[OptionUse]:
    """Each entry of the list with how many people hold it, alphabetically."""
    holders = func.count(person_chosen_option.c.person_id)
    rows = session.execute(
        select(PersonOption.name, holders)
        .outerjoin(person_chosen_option, person_chosen_option.c.option_id == PersonOption.id)
        .where(PersonOption.kind == kind.value)
        .group_by(PersonOption.id, PersonOption.name)
        .order_by(func.lower(PersonOption.name))
    )
    return [OptionUse(name, count) for name, count in rows]


def rename_option(
    session: Session, actor: Actor, kind: OptionKind, old_name: str, new_name: str
) -> str:
    """Rename an entry; renaming to an entry that exists folds the two into one."""
    require(actor, Permission.CHANGE_SETTINGS)
    cleaned = _cleaned(kind, new_name)
    old = _find(session, kind, old_name)
    same = session.scalar(
        select(PersonOption).where(
            PersonOption.kind == kind.value,
            func.lower(PersonOption.name) == cleaned.lower(),
            PersonOption.id != old.id,
        )
    )
    holders = _holders(session, old.id)
    if same is None:
        old.name = cleaned
    else:
        already = set(_holders(session, same.id))
        session.execute(
            update(person_chosen_option)
            .where(
                person_chosen_option.c.option_id == old.id,
                person_chosen_option.c.person_id.not_in(already),
            )
            .values(option_id=same.id)
        )
        session.execute(
            delete(person_chosen_option).where(person_chosen_option.c.option_id == old.id)
        )
        session.delete(old)
        cleaned = same.name
    session.flush()
    refresh_search_words(session, holders)
    audit.record(session, actor, AuditAction.CHANGED_SETTINGS, f"{kind.value} list")
    return cleaned


def remove_option(session: Session, actor: Actor, kind: OptionKind, name: str) -> int:
    """Remove an entry from the list and from everyone who held it; returns how many did."""
    require(actor, Permission.CHANGE_SETTINGS)
    option = _find(session, kind, name)
    holders = _holders(session, option.id)
    session.execute(
        delete(person_chosen_option).where(person_chosen_option.c.option_id == option.id)
    )
    session.delete(option)
    session.flush()
    refresh_search_words(session, holders)
    audit.record(session, actor, AuditAction.CHANGED_SETTINGS, f"{kind.value} list")
    return len(holders)


def _cleaned(kind: OptionKind, name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationFailed({kind.value: f"Type the {kind.value} to add."})
    if len(cleaned) > MAX_OPTION_NAME:
        raise ValidationFailed({kind.value: f"Please keep it under {MAX_OPTION_NAME} characters."})
    return cleaned


def _find(session: Session, kind: OptionKind, name: str) -> PersonOption:
    option = session.scalar(
        select(PersonOption).where(PersonOption.kind == kind.value, PersonOption.name == name)
    )
    if option is None:
        raise ValidationFailed({kind.value: f"“{name}” is no longer in the list."})
    return option


def _holders(session: Session, option_id: int) -> list[int]:
    return list(
        session.scalars(
            select(person_chosen_option.c.person_id).where(
                person_chosen_option.c.option_id == option_id
            )
        )
    )
