"""The organisation's details, the financial year and the words for people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import Evaluation
from involve_desktop.db.models import Organisation
from involve_desktop.db.money_models import Budget
from involve_desktop.domain.financial_year import DEFAULT_YEAR_START, YearStart
from involve_desktop.domain.organisation import (
    MAX_LOGO_BYTES,
    OrganisationDetails,
    logo_too_big_message,
    validate_logo,
    validate_organisation,
)
from involve_desktop.domain.roles import Permission
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.audit import AuditAction, record
from involve_desktop.services.permissions import Actor, require


def load_organisation(session: Session) -> OrganisationDetails | None:
    """The saved details, or None before the first-run wizard has been completed."""
    row = session.get(Organisation, 1)
    if row is None:
        return None
    return OrganisationDetails(
        name=row.name,
        charity_number=row.charity_number,
        address=row.address,
        logo=row.logo,
        year_start=YearStart(row.year_start_month, row.year_start_day),
        evaluation_month=row.evaluation_month,
        evaluation_day=row.evaluation_day,
        evaluation_reminder_weeks=row.evaluation_reminder_weeks,
        terms=PeopleTerms(row.people_word_singular, row.people_word_plural),
        idle_lock_minutes=row.idle_lock_minutes,
        audit_keep_months=row.audit_keep_months,
        impact_due_weeks=row.impact_due_weeks,
        retention_years=row.retention_years,
    )


def is_set_up(session: Session) -> bool:
    return session.get(Organisation, 1) is not None


def save_organisation(session: Session, details: OrganisationDetails) -> OrganisationDetails:
    """Validate and save; raise `ValidationFailed` with messages per field, saving nothing."""
    errors = validate_organisation(details)
    if errors:
        raise ValidationFailed(errors)
    existing = session.get(Organisation, 1)
    row = existing or Organisation(id=1)
    row.name = details.name.strip()
    row.charity_number = details.charity_number.strip().upper()
    row.address = details.address.strip()
    row.logo = details.logo
    moved = (row.year_start_month, row.year_start_day) != (
        details.year_start.month,
        details.year_start.day,
    )
    row.year_start_month = details.year_start.month
    row.year_start_day = details.year_start.day
    if moved and existing is not None:
        _move_years(session, details.year_start)
    row.evaluation_month = details.evaluation_month
    row.evaluation_day = details.evaluation_day
    row.evaluation_reminder_weeks = details.evaluation_reminder_weeks
    row.people_word_singular = details.terms.singular.strip()
    row.people_word_plural = details.terms.plural.strip()
    row.idle_lock_minutes = details.idle_lock_minutes
    row.audit_keep_months = details.audit_keep_months
    row.impact_due_weeks = details.impact_due_weeks
    row.retention_years = details.retention_years
    session.add(row)
    session.flush()
    saved = load_organisation(session)
    assert saved is not None
    return saved


def change_organisation(
    session: Session, actor: Actor, details: OrganisationDetails
) -> OrganisationDetails:
    """Settings' save: administrators only, and recorded in the audit trail."""
    require(actor, Permission.CHANGE_SETTINGS)
    saved = save_organisation(session, details)
    record(session, actor, AuditAction.CHANGED_SETTINGS, "organisation", 1)
    return saved


def read_logo_file(path: Path) -> bytes:
    """The bytes of a logo file the user picked; `ValidationFailed` on 'logo' when unusable."""
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise ValidationFailed({"logo": logo_too_big_message(size)})
        data = path.read_bytes()
    except OSError:
        raise ValidationFailed(
            {"logo": f"Involve could not read the file {path.name}. Please choose another."}
        ) from None
    if problem := validate_logo(data):
        raise ValidationFailed({"logo": problem})
    return data


def idle_lock_minutes(session: Session) -> int:
    row = session.get(Organisation, 1)
    return row.idle_lock_minutes if row is not None else 10


def financial_year_start(session: Session) -> YearStart:
    """The day and month the charity's financial year starts (1 April until it is set)."""
    row = session.get(Organisation, 1)
    return YearStart(row.year_start_month, row.year_start_day) if row else DEFAULT_YEAR_START


def _move_years(session: Session, start: YearStart) -> None:
    """Each budget and evaluation stays with its year (2026/27 stays 2026/27) when the year's
    first day moves, so claims keep matching their budgets and a year evaluated is never
    offered again."""
    for row in (*session.scalars(select(Budget)), *session.scalars(select(Evaluation))):
        row.year_start = date(row.year_start.year, start.month, start.day)
