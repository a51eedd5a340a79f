"""A person's record as the register edits it, and the rules it must meet to be saved.

Plain data with no database in sight, so the editor, the import and the tests share one set
of rules and one set of messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from involve_desktop.domain.people import (
    Barrier,
    BenefitsAffected,
    ConsentRecorded,
    ContactMethod,
    EmploymentStatus,
    ParticipationLevel,
    PaymentMethod,
    TakingPart,
)

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
PHONE_CHARACTERS = re.compile(r"^[0-9 +()\-.]*$")
MIN_PHONE_DIGITS = 6
OLDEST_BIRTH_YEAR = 1900

# Field names used in error dictionaries and by the editor to find the input to mark.
FIRST_NAME = "first_name"
EMAIL = "email"
PHONE = "phone"
DATE_OF_BIRTH = "date_of_birth"
TAKING_PART_SINCE = "taking_part_since"
CONSENT_GIVEN_ON = "consent_given_on"
CONSENT_REVIEW_ON = "consent_review_on"
CONSENT_WITHDRAWN_ON = "consent_withdrawn_on"
TRAINING = "training"


@dataclass(frozen=True)
class SensitiveDetails:
    """Special-category data: shown only on request, and each opening is audited."""

    support_needs: str = ""
    health_notes: str = ""
    benefits_affected: BenefitsAffected | None = None


@dataclass(frozen=True)
class TrainingEntry:
    title: str
    completed_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Consent:
    given_on: date | None = None
    to_contact: bool = False
    to_keep_support_needs: bool = False
    to_photos: bool = False
    to_quotes: bool = False
    recorded_how: ConsentRecorded | None = None
    review_on: date | None = None
    withdrawn_on: date | None = None

    def is_current(self, today: date) -> bool:
        return self.given_on is not None and (
            self.withdrawn_on is None or self.withdrawn_on > today
        )


@dataclass(frozen=True)
class PersonDetails:
    """Everything the editor shows. `sensitive` is None when it was not opened (kept as is)."""

    first_name: str
    last_name: str = ""
    preferred_name: str = ""
    pronouns: str = ""
    date_of_birth: date | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    contact_method: ContactMethod | None = None
    best_times: str = ""
    roles: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    participation_level: ParticipationLevel = ParticipationLevel.OBSERVING
    taking_part: TakingPart = TakingPart.TAKING_PART
    taking_part_since: date | None = None
    taking_part_reason: str = ""
    barriers: frozenset[Barrier] = field(default_factory=frozenset)
    other_barrier: str = ""
    consent: Consent = field(default_factory=Consent)
    payment_method: PaymentMethod | None = None
    employment_status: EmploymentStatus | None = None
    training: tuple[TrainingEntry, ...] = ()
    notes: str = ""
    joined_on: date | None = None
    sensitive: SensitiveDetails | None = None

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.preferred_name)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\t\n]")


def line(text: str) -> str:
    """One line of text as it is stored: no control characters, no line breaks, trimmed.

    Spreadsheets and pasted text can carry invisible characters (a bell, a form feed) that
    break exports and printing.
    """
    return _LINE_BREAKS.sub(" ", _CONTROL.sub("", text)).strip()


def lines(text: str) -> str:
    """Text of several lines (an address, notes) as it is stored: line breaks kept."""
    return _CONTROL.sub("", text.replace("\r\n", "\n")).strip()


def display_name(first_name: str, last_name: str, preferred_name: str = "") -> str:
    """'Siân ap Gwilym', or 'Sam (Samuel) Jones' when they prefer another name."""
    full = " ".join(part for part in (first_name, last_name) if part)
    if preferred_name and preferred_name != first_name:
        return f"{preferred_name} ({full})" if full else preferred_name
    return full


def validate_person(details: PersonDetails, today: date) -> dict[str, str]:
    """Problems that stop a save, keyed by field, in words a charity worker can act on."""
    errors: dict[str, str] = {}
    if not details.first_name.strip():
        errors[FIRST_NAME] = "Please enter a first name (or the name they go by)."
    email = details.email.strip()
    if email and not EMAIL_PATTERN.match(email):
        errors[EMAIL] = (
            "This cannot be an email address: it needs one @ and a domain, like name@example.org."
        )
    phone = details.phone.strip()
    if phone:
        if not PHONE_CHARACTERS.match(phone):
            errors[PHONE] = "A phone number can hold only digits, spaces, +, brackets and dashes."
        elif sum(ch.isdigit() for ch in phone) < MIN_PHONE_DIGITS:
            errors[PHONE] = f"A phone number needs at least {MIN_PHONE_DIGITS} digits."
    birth = details.date_of_birth
    if birth is not None:
        if birth > today:
            errors[DATE_OF_BIRTH] = "A date of birth cannot be in the future."
        elif birth.year < OLDEST_BIRTH_YEAR:
            errors[DATE_OF_BIRTH] = f"Please check the year: it is before {OLDEST_BIRTH_YEAR}."
    if details.taking_part_since and details.taking_part_since > today:
        errors[TAKING_PART_SINCE] = "This date cannot be in the future."
    errors.update(_consent_problems(details.consent, today))
    if any(not entry.title.strip() for entry in details.training):
        errors[TRAINING] = "Each training entry needs a title (or remove the empty one)."
    return errors


def _consent_problems(consent: Consent, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    given = consent.given_on
    if given is not None and given > today:
        errors[CONSENT_GIVEN_ON] = "Consent cannot be given in the future."
    if consent.review_on is not None:
        if given is None:
            errors[CONSENT_REVIEW_ON] = "Enter the date consent was given before a review date."
        elif consent.review_on <= given:
            errors[CONSENT_REVIEW_ON] = (
                "The review date must come after the date consent was given."
            )
    if consent.withdrawn_on is not None:
        if given is None:
            errors[CONSENT_WITHDRAWN_ON] = "Enter the date consent was given before a withdrawal."
        elif consent.withdrawn_on < given:
            errors[CONSENT_WITHDRAWN_ON] = "Consent cannot be withdrawn before it was given."
        elif consent.withdrawn_on > today:
            errors[CONSENT_WITHDRAWN_ON] = "A withdrawal date cannot be in the future."
    return errors
