"""The strategy and its action plan as plain records, and the rules for saving them.

Validators return field errors keyed by field name (empty when the record can be saved), in
words a charity worker can act on, so screens show each message at its field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import (
    CycleStage,
    ItemStatus,
    StandardsArea,
    StrategyStatus,
)

MAX_TITLE_LENGTH = 200
MAX_SHORT_TEXT = 200
# A plan longer than this is almost certainly a mistyped year.
MAX_PERIOD_YEARS = 10


@dataclass(frozen=True)
class StrategyDetails:
    """What the charity intends and why: one version of its involvement strategy."""

    title: str
    period_start: date
    period_end: date
    purpose: str = ""  # why we involve people
    intentions: str = ""  # what we intend to do
    principles: str = ""
    benefits_directly: str = ""
    benefits_indirectly: str = ""
    power_shared: str = ""  # the power the charity is willing to share, in words
    resources: str = ""  # people, time and money, in words
    budget_pence: int | None = None
    consultation_how: str = ""  # how the people served were consulted on it
    consultation_said: str = ""  # and what they said
    approved_by: str = ""  # e.g. "The board of trustees"
    approved_on: date | None = None
    review_on: date | None = None


@dataclass(frozen=True)
class StrategyRecord:
    id: int
    version: int
    status: StrategyStatus
    details: StrategyDetails
    made_current_on: date | None = None


@dataclass(frozen=True)
class ActionItemDetails:
    """One line of the action plan: what, who, how, where and when."""

    action: str
    area: StandardsArea
    stage: CycleStage
    status: ItemStatus = ItemStatus.NOT_STARTED
    staff_id: int | None = None  # the staff member who leads it
    person_ids: tuple[int, ...] = field(default=())  # people from the register doing it
    who_else: str = ""  # anyone else, in words ("the trustees", "our partner college")
    how: str = ""
    place: str = ""
    due_on: date | None = None
    dropped_reason: str = ""


def period_text(start: date, end: date) -> str:
    return f"{long_date(start)} to {long_date(end)}"


def validate_strategy(details: StrategyDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    title = details.title.strip()
    if not title:
        errors["title"] = (
            "Please give the strategy a title, such as 'Involvement strategy 2026 to 2029'."
        )
    elif len(title) > MAX_TITLE_LENGTH:
        errors["title"] = f"Please keep the title under {MAX_TITLE_LENGTH} characters."
    if details.period_end <= details.period_start:
        errors["period_end"] = "The strategy must end after it starts."
    elif details.period_end.year - details.period_start.year > MAX_PERIOD_YEARS:
        errors["period_end"] = (
            f"A strategy longer than {MAX_PERIOD_YEARS} years is unusual: please check the year."
        )
    if details.budget_pence is not None and details.budget_pence < 0:
        errors["budget_pence"] = "The budget cannot be less than nothing."
    if details.review_on is not None and details.review_on < details.period_start:
        errors["review_on"] = (
            f"The review date is before the strategy starts ({long_date(details.period_start)})."
        )
    if details.approved_on is not None and not details.approved_by.strip():
        errors["approved_by"] = "Please say who approved it, as well as when."
    if len(details.approved_by) > MAX_SHORT_TEXT:
        errors["approved_by"] = f"Please keep this under {MAX_SHORT_TEXT} characters."
    return errors


def validate_action_item(
    details: ActionItemDetails, period_start: date, period_end: date
) -> dict[str, str]:
    """Field errors for an item in a plan that runs from `period_start` to `period_end`."""
    errors: dict[str, str] = {}
    if not details.action.strip():
        errors["action"] = "Please say what is to be done."
    if details.due_on is not None and not period_start <= details.due_on <= period_end:
        when = "before" if details.due_on < period_start else "after"
        errors["due_on"] = (
            f"This date is {when} the plan's period ({period_text(period_start, period_end)}). "
            "Please choose a date within it, or leave it empty."
        )
    if details.status is ItemStatus.DROPPED and not details.dropped_reason.strip():
        errors["dropped_reason"] = (
            "Please say why it was dropped, so the next evaluation can learn from it."
        )
    if len(details.place) > MAX_SHORT_TEXT:
        errors["place"] = f"Please keep the place under {MAX_SHORT_TEXT} characters."
    if len(details.who_else) > MAX_SHORT_TEXT:
        errors["who_else"] = f"Please keep this under {MAX_SHORT_TEXT} characters."
    return errors


def is_overdue(status: ItemStatus, due_on: date | None, today: date) -> bool:
    return status.is_open and due_on is not None and due_on < today


def review_is_due(review_on: date | None, today: date) -> bool:
    """A strategy whose review date has come is flagged until it is replaced or re-dated."""
    return review_on is not None and review_on <= today
