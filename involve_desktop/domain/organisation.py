"""The organisation's own details and the rules for saving them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from involve_desktop.domain.evaluation_rules import validate_evaluation_date
from involve_desktop.domain.financial_year import DEFAULT_YEAR_START, YearStart, validate_year_start
from involve_desktop.domain.retention import DEFAULT_RETENTION_YEARS, validate_retention_years
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms, validate_terms

MAX_NAME_LENGTH = 200
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff"}
# England and Wales: 6 or 7 digits, perhaps with a "-1" suffix; Scotland: SC + 6 digits;
# Northern Ireland: NIC + 6 digits. Spaces are forgiven.
_CHARITY_NUMBER = re.compile(r"^(\d{6,7}(-\d{1,2})?|SC\d{6}|NIC\d{6})$", re.IGNORECASE)


@dataclass(frozen=True)
class OrganisationDetails:
    name: str
    charity_number: str = ""
    address: str = ""
    logo: bytes | None = field(default=None, repr=False)
    year_start: YearStart = DEFAULT_YEAR_START
    evaluation_month: int = 4
    evaluation_day: int = 1
    # Weeks before the evaluation falls due that the app starts reminding.
    evaluation_reminder_weeks: int = 4
    terms: PeopleTerms = DEFAULT_TERMS
    idle_lock_minutes: int = 10
    audit_keep_months: int = 24
    # Weeks after an activity before the lack of an impact record is pointed out.
    impact_due_weeks: int = 6
    # Whole years a person's records are kept after their last involvement (domain/retention).
    retention_years: int = DEFAULT_RETENTION_YEARS


def logo_format(data: bytes) -> str | None:
    """'png' or 'jpeg' when the bytes look like an image the PDFs can print; else None."""
    for name, signature in LOGO_FORMATS.items():
        if data.startswith(signature):
            return name
    return None


def logo_too_big_message(size: int) -> str:
    return f"This picture is {size / (1024 * 1024):.1f} MB; please choose one under 2 MB."


def validate_logo(data: bytes) -> str | None:
    if len(data) > MAX_LOGO_BYTES:
        return logo_too_big_message(len(data))
    if logo_format(data) is None:
        return "This file is not a picture Involve can use. Please choose a PNG or JPEG image."
    return None


def validate_organisation(details: OrganisationDetails) -> dict[str, str]:
    """Field errors, keyed by field name; empty when the details can be saved."""
    errors: dict[str, str] = {}
    name = details.name.strip()
    if not name:
        errors["name"] = "Please type the organisation's name; it goes on every document."
    elif len(name) > MAX_NAME_LENGTH:
        errors["name"] = f"Please keep the name to {MAX_NAME_LENGTH} characters or fewer."
    number = details.charity_number.replace(" ", "")
    if number and not _CHARITY_NUMBER.match(number):
        errors["charity_number"] = (
            "This does not look like a charity number (for example 1234567, SC012345 "
            "or NIC100000). Leave it empty if you do not have one."
        )
    if details.logo is not None and (problem := validate_logo(details.logo)):
        errors["logo"] = problem
    if problem := validate_year_start(details.year_start.month, details.year_start.day):
        errors["year_start"] = problem
    if problem := validate_evaluation_date(details.evaluation_month, details.evaluation_day):
        errors["evaluation_month"] = problem
    if not 1 <= details.evaluation_reminder_weeks <= 26:
        errors["evaluation_reminder_weeks"] = "Please choose between 1 and 26 weeks."
    if not 1 <= details.idle_lock_minutes <= 240:
        errors["idle_lock_minutes"] = "Please choose between 1 minute and 4 hours."
    if not 6 <= details.audit_keep_months <= 120:
        errors["audit_keep_months"] = "Please choose between 6 months and 10 years."
    if not 1 <= details.impact_due_weeks <= 52:
        errors["impact_due_weeks"] = "Please choose between 1 and 52 weeks."
    if problem := validate_retention_years(details.retention_years):
        errors["retention_years"] = problem
    errors.update(validate_terms(details.terms.singular, details.terms.plural))
    return errors
