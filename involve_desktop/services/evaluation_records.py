"""The yearly evaluation as the services hand it over: its summary in the list, the whole
record in the editor, a finding as typed, and the refusals a user may meet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from involve_desktop.domain.evaluation_rules import EvaluationDetails, Finding, SignOffProblem
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import EvaluationStatus, StandardsArea
from involve_desktop.errors import KnownError

EVALUATION = "evaluation"
YEARS_BACK = 5  # how far back "Start an evaluation for…" looks for years not evaluated
YEARS_OFFERED = 3  # of those, the most recent few: an older year is rarely evaluated now


class EvaluationNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This evaluation is no longer in the records. The list is refreshed.")


class AlreadyEvaluated(KnownError):
    def __init__(self, label: str) -> None:
        super().__init__(
            f"There is already an evaluation of {label}. Open it from the list to carry on."
        )


class YearNotStarted(KnownError):
    def __init__(self, label: str) -> None:
        super().__init__(f"The year {label} has not started yet, so it cannot be evaluated.")


class EvaluationSignedOff(KnownError):
    def __init__(self) -> None:
        super().__init__("A signed-off evaluation is kept as it was.")


class FindingInPlan(KnownError):
    def __init__(self) -> None:
        super().__init__("This finding is already in the action plan; it cannot be removed.")


class SignedOffNotDeleted(KnownError):
    def __init__(self, label: str) -> None:
        super().__init__(
            f"The {label} evaluation is signed off, so it is kept; it cannot be deleted."
        )


class FindingsInPlanNotDeleted(KnownError):
    def __init__(self, label: str, count: int) -> None:
        which = "one of its findings is" if count == 1 else f"{count} of its findings are"
        super().__init__(
            f"The {label} evaluation cannot be deleted: {which} already in the action plan. "
            "Carry on with it instead."
        )


class SignOffRefused(KnownError):
    """Questions still unanswered; `problems` says which, in question order."""

    def __init__(self, problems: Sequence[SignOffProblem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        what = (
            "1 question still needs an answer"
            if count == 1
            else (f"{count} questions still need answers")
        )
        shown = [problem.message for problem in self.problems[:3]]
        more = f" (and {count - 3} more)" if count > 3 else ""
        super().__init__(f"{what} before sign-off: " + "; ".join(shown) + more + ".")


def dates_words(
    status: EvaluationStatus,
    held_on: date | None,
    due_on: date,
    signed_off_by: str = "",
    signed_off_at: datetime | None = None,
) -> str:
    """'due on 1 March 2026' while in progress; once signed off, what happened instead:
    'held on 3 March 2026, signed off by Priya Shah on 5 March 2026' (who and when only if
    given). The due date comes from today's Settings, so a signed-off evaluation never shows
    it: it would change when Settings do."""
    if status is not EvaluationStatus.SIGNED_OFF:
        return f"due on {long_date(due_on)}"
    held = f"held on {long_date(held_on)}" if held_on else ""
    by = f" by {signed_off_by}" if signed_off_by else ""
    on = f" on {long_date(signed_off_at.date())}" if signed_off_at else ""
    signed = f"signed off{by}{on}" if by or on else ""
    return ", ".join(part for part in (held, signed) if part)


@dataclass(frozen=True)
class EvaluationSummary:
    id: int
    year_first: date
    year_last: date
    label: str  # the year: "2026/27"
    status: EvaluationStatus
    held_on: date | None
    due_on: date
    signed_off_by: str
    signed_off_at: datetime | None
    findings: int
    findings_in_plan: int
    overdue: bool  # not signed off, and its date has passed

    @property
    def status_text(self) -> str:
        """'2025/26 · Signed off', '2026/27 · In progress, overdue'."""
        words = self.status.label + (", overdue" if self.overdue else "")
        return f"{self.label} \u00b7 {words}"

    @property
    def dates_text(self) -> str:
        """When it falls due, or, once signed off, when it was held (`dates_words`)."""
        return dates_words(self.status, self.held_on, self.due_on)


@dataclass(frozen=True)
class PersonTookPart:
    id: int
    name: str


@dataclass(frozen=True)
class FindingRecord:
    """A saved finding, and the action-plan item made from it, if any."""

    id: int
    finding: Finding
    plan_item_id: int | None = None
    plan_status: str = ""  # the item's status in words: "Not started"
    strategy_title: str = ""


@dataclass(frozen=True)
class FindingDraft:
    """A finding as typed: `id` None for a new one; `area` None until one is chosen."""

    id: int | None
    finding: str
    action: str = ""
    area: StandardsArea | None = None
    question_key: str = ""


@dataclass(frozen=True)
class EvaluationRecord:
    id: int
    year_first: date
    year_last: date
    label: str
    status: EvaluationStatus
    due_on: date
    details: EvaluationDetails
    people: tuple[PersonTookPart, ...]
    signed_off_by: str
    signed_off_at: datetime | None
    findings: tuple[FindingRecord, ...]
    updated_at: datetime

    @property
    def is_signed_off(self) -> bool:
        return self.status is EvaluationStatus.SIGNED_OFF

    @property
    def dates_text(self) -> str:
        """When it falls due, or, once signed off, when it was held and signed off."""
        return dates_words(
            self.status,
            self.details.held_on,
            self.due_on,
            self.signed_off_by,
            self.signed_off_at,
        )
