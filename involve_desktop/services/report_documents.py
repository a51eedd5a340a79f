"""Which printed document, for what: one request shape for the screens, the Reports area, the
pack and `involve export`, and the plain data each document is printed from.

A `DocumentRequest` names the document and what it is about (a year, a version, a claim, a
person). `gather_document` reads everything the PDF needs in the caller's unit of work and
hands back plain data; writing the PDF is `exports/make_document.py`'s job, so this module
needs neither Qt nor reportlab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from involve_desktop.domain.financial_year import year_containing, year_label
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import StrategyStatus
from involve_desktop.domain.plan_records import StrategyRecord
from involve_desktop.errors import KnownError
from involve_desktop.services import audit
from involve_desktop.services.action_plan_rows import ALL, PlanView
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.claims import CLAIM
from involve_desktop.services.organisation import financial_year_start, load_organisation
from involve_desktop.services.people import PERSON
from involve_desktop.services.permissions import Actor


class DocumentKind(StrEnum):
    STRATEGY = "strategy"
    ACTION_PLAN = "action-plan"
    EVALUATION = "evaluation"
    CLAIM_FORM = "claim-form"
    STATEMENT = "statement"
    ANNUAL_REPORT = "annual-report"
    PERSON = "person"
    BUDGET_STATEMENT = "budget-statement"
    PACK = "pack"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DocumentKind.STRATEGY: "Strategy",
    DocumentKind.ACTION_PLAN: "Action plan",
    DocumentKind.EVALUATION: "Yearly evaluation",
    DocumentKind.CLAIM_FORM: "Claim form",
    DocumentKind.STATEMENT: "Payment statement",
    DocumentKind.ANNUAL_REPORT: "Annual involvement report",
    DocumentKind.PERSON: "Everything we hold about a person",
    DocumentKind.BUDGET_STATEMENT: "Budget statement for a group",
    DocumentKind.PACK: "Pack",
}

# What a pack for trustees and funders may hold, in the order it prints: the story of the
# year first, then the plans behind it, the self-assessment, and a form to copy.
PACK_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind.ANNUAL_REPORT,
    DocumentKind.STRATEGY,
    DocumentKind.ACTION_PLAN,
    DocumentKind.EVALUATION,
    DocumentKind.CLAIM_FORM,
)

PACK_DESCRIPTIONS = {
    DocumentKind.ANNUAL_REPORT: "The year in plain words: who took part, what they did, "
    "what changed, the money and the plan ahead.",
    DocumentKind.STRATEGY: "The current involvement strategy: why, who, how and the money.",
    DocumentKind.ACTION_PLAN: "The open actions of the current plan, by standards area, "
    "overdue ones marked.",
    DocumentKind.EVALUATION: "The year's self-assessment against the standards, with the "
    "figures and the actions it raised.",
    DocumentKind.CLAIM_FORM: "A blank claim form with the current rates, to copy for anyone "
    "who claims on paper.",
}

# Each copy given out is recorded in the audit trail: one person's details (a filled claim
# form carries the claimant's name, address and payments too), or a group's account of its
# budget. A blank claim form names nobody and is not recorded.
AUDITED = {DocumentKind.PERSON, DocumentKind.STATEMENT, DocumentKind.BUDGET_STATEMENT}


@dataclass(frozen=True)
class DocumentRequest:
    kind: DocumentKind
    year_first: date | None = None  # the financial year's first day; None: the natural one
    strategy_id: int | None = None  # strategy and plan: None is the current strategy
    plan_view: PlanView | None = None  # the plan as filtered on screen; None: open actions
    plan_since: datetime | None = None  # the screen's last look, for a "moved" view
    evaluation_id: int | None = None  # None: the evaluation of year_first, or the latest
    claim_id: int | None = None  # claim form: None is the blank form
    person_id: int | None = None
    budget_id: int | None = None  # a group's budget statement
    first: date | None = None  # a statement's period, when not a whole year
    last: date | None = None
    pack: tuple[DocumentKind, ...] = ()
    large_print: bool = False


@dataclass(frozen=True)
class Letterhead:
    organisation_name: str
    logo: bytes | None
    charity_number: str


@dataclass(frozen=True)
class PackContents:
    """A pack's documents, each as the data its own PDF is made from."""

    title: str
    year_label: str
    organisation_name: str
    documents: tuple[tuple[DocumentKind, Any], ...]
    # Cover words that differ from PACK_DESCRIPTIONS: a past year's strategy and plan.
    notes: tuple[tuple[DocumentKind, str], ...] = ()

    def description(self, kind: DocumentKind) -> str:
        return dict(self.notes).get(kind) or PACK_DESCRIPTIONS.get(kind, "")


@dataclass(frozen=True)
class GatheredDocument:
    kind: DocumentKind
    data: Any  # the report dataclass for the kind (PackContents for a pack)
    letterhead: Letterhead


@dataclass(frozen=True)
class PackChoice:
    kind: DocumentKind
    label: str
    description: str
    available: bool
    why_not: str = ""


def is_audited(request: DocumentRequest) -> bool:
    if request.kind is DocumentKind.CLAIM_FORM:
        return request.claim_id is not None
    return request.kind in AUDITED


def gather_document(
    session: Session, actor: Actor | None, request: DocumentRequest, today: date
) -> GatheredDocument:
    """Everything the requested PDF prints, read now. A document that cannot be made (no
    evaluation that year, no current plan) raises a `KnownError` that says why."""
    organisation = load_organisation(session)
    if organisation is None:
        raise KnownError("These records have no organisation set up yet.")
    letterhead = Letterhead(organisation.name, organisation.logo, organisation.charity_number)
    if request.kind is DocumentKind.PACK:
        data: Any = _pack(session, actor, request, today, organisation.name)
    elif (
        request.kind in _YEAR_STRATEGY_KINDS
        and request.strategy_id is None
        and (request.year_first is not None)
    ):
        # "The strategy for 2025/26" alone is the one its pack would hold.
        strategy = _pack_strategy(session, request.year_first, today)
        year_request = _for(request.kind, request, strategy)
        if request.plan_view is not None:
            year_request = replace(year_request, plan_view=request.plan_view)
        data = _GATHER[request.kind](session, actor, year_request, today)
    else:
        data = _GATHER[request.kind](session, actor, request, today)
    return GatheredDocument(request.kind, data, letterhead)


def note_document_made(session: Session, actor: Actor | None, request: DocumentRequest) -> None:
    """Record a document given out (what and whose, never the details themselves)."""
    if request.kind is DocumentKind.BUDGET_STATEMENT and request.budget_id is not None:
        from involve_desktop.services.budget_groups import note_statement_saved

        note_statement_saved(session, actor, request.budget_id)
    elif request.kind is DocumentKind.PERSON and request.person_id is not None:
        from involve_desktop.services.report_person import note_person_exported

        note_person_exported(session, actor, request.person_id)
    elif request.kind is DocumentKind.STATEMENT and request.person_id is not None:
        audit.record(
            session, actor, AuditAction.EXPORTED_PAYMENT_STATEMENT, PERSON, request.person_id
        )
    elif request.kind is DocumentKind.CLAIM_FORM and request.claim_id is not None:
        audit.record(session, actor, AuditAction.EXPORTED_CLAIM_FORM, CLAIM, request.claim_id)


def year_of(session: Session, year_first: date) -> tuple[date, date]:
    """The financial year starting on (or containing) `year_first`."""
    return year_containing(year_first, financial_year_start(session))


def year_starting_in(session: Session, calendar_year: int) -> date:
    """The first day of the financial year that starts in `calendar_year`."""
    start = financial_year_start(session)
    return year_containing(date(calendar_year, start.month, start.day), start)[0]


def pack_choices(session: Session, year_first: date | None, today: date) -> tuple[PackChoice, ...]:
    """Which documents a pack for the year can hold now, and why not for the others."""
    from involve_desktop.services.report_annual import report_year

    first = year_first or report_year(session, today)[0]
    label = year_label(first)
    strategy = _pack_strategy(session, first, today)
    evaluations = _evaluations_of(session, first, today)
    reasons = {
        DocumentKind.ANNUAL_REPORT: ""
        if first <= today
        else f"The {label} year has not started yet: it starts on {long_date(first)}.",
        DocumentKind.STRATEGY: "" if strategy is not None else "No strategy has been made current.",
        DocumentKind.ACTION_PLAN: ""
        if strategy is not None
        else "There is no current plan: make a strategy current first.",
        DocumentKind.EVALUATION: ""
        if evaluations
        else f"There is no yearly evaluation for {label}.",
        DocumentKind.CLAIM_FORM: "",
    }
    notes = dict(_pack_notes(strategy, label)) if strategy is not None else {}
    return tuple(
        PackChoice(
            kind,
            kind.label,
            notes.get(kind) or PACK_DESCRIPTIONS[kind],
            not reasons[kind],
            reasons[kind],
        )
        for kind in PACK_KINDS
    )


def suggested_file_name(session: Session, request: DocumentRequest, today: date) -> str:
    """A name for the saved file. People are named by record number, not by name: file
    names show in folder lists, backups and e-mails where the PDF itself would not."""
    kind = request.kind
    if kind is DocumentKind.PACK:
        words = f"Involvement pack {_year_words(session, request, today)}"
    elif kind in (DocumentKind.ANNUAL_REPORT, DocumentKind.EVALUATION):
        words = f"{kind.label} {_year_words(session, request, today)}"
    elif kind is DocumentKind.CLAIM_FORM:
        words = f"Claim {request.claim_id} form" if request.claim_id else "Claim form (blank)"
    elif kind is DocumentKind.STATEMENT:
        words = f"Payment statement, record {request.person_id}, {_period_words(session, request)}"
    elif kind is DocumentKind.BUDGET_STATEMENT:
        words = f"{_budget_name(session, request)} statement {today.isoformat()}"
    elif kind is DocumentKind.PERSON:
        words = f"Everything we hold, record {request.person_id}, {today.isoformat()}"
    else:
        words = f"{kind.label} {today.isoformat()}"
    return re.sub(r'[\\/:*?"<>|]+', "-", words).strip(" .") + ".pdf"


# --- what each document reads --------------------------------------------------------------


def _strategy(session: Session, _actor: Any, request: DocumentRequest, today: date) -> Any:
    from involve_desktop.services.report_strategy import strategy_report

    return strategy_report(session, request.strategy_id, today)


def _plan(session: Session, actor: Any, request: DocumentRequest, today: date) -> Any:
    from involve_desktop.services.report_plan import plan_report

    return plan_report(
        session,
        request.strategy_id,
        request.plan_view or PlanView(),
        today,
        since=request.plan_since,
        viewer_id=getattr(actor, "staff_id", None),
    )


def _evaluation(session: Session, _actor: Any, request: DocumentRequest, today: date) -> Any:
    from involve_desktop.services.report_evaluation import evaluation_report

    evaluation_id = request.evaluation_id
    if evaluation_id is None:
        found = _evaluations_of(session, request.year_first, today)
        if not found:
            year = f" for {year_label(request.year_first)}" if request.year_first else ""
            raise KnownError(f"There is no yearly evaluation{year} to print.")
        evaluation_id = found[0]
    return evaluation_report(session, evaluation_id, today)


def _claim_form(session: Session, _actor: Any, request: DocumentRequest, today: date) -> Any:
    from involve_desktop.services.report_claims import blank_claim_form, filled_claim_form

    if request.claim_id is None:
        return blank_claim_form(session, today)
    return filled_claim_form(session, request.claim_id)


def _statement(session: Session, _actor: Any, request: DocumentRequest, today: date) -> Any:
    from involve_desktop.services.report_claims import payment_statement

    first, last = _statement_period(session, request)
    return payment_statement(session, _person_id(request), first, last)


def _annual(session: Session, _actor: Any, request: DocumentRequest, today: date) -> Any:
    from involve_desktop.services.report_annual import annual_report, report_year

    if request.year_first is not None:
        first, last = year_of(session, request.year_first)
    else:
        first, last = report_year(session, today)
    if first > today:
        raise KnownError(f"That year has not started yet: it starts on {long_date(first)}.")
    return annual_report(session, first, last, today)


def _person(session: Session, actor: Any, request: DocumentRequest, today: date) -> Any:
    from involve_desktop.services.report_person import person_record

    return person_record(session, actor, _person_id(request), today)


def _budget_statement(session: Session, _actor: Any, request: DocumentRequest, _today: date) -> Any:
    from involve_desktop.services.budget_groups import statement_data

    if request.budget_id is None:
        raise KnownError("Please choose which budget's statement to print.")
    return statement_data(session, request.budget_id)


def _budget_name(session: Session, request: DocumentRequest) -> str:
    from involve_desktop.services.budget_groups import statement_data

    return statement_data(session, request.budget_id).budget_name if request.budget_id else ""


_GATHER = {
    DocumentKind.STRATEGY: _strategy,
    DocumentKind.ACTION_PLAN: _plan,
    DocumentKind.EVALUATION: _evaluation,
    DocumentKind.CLAIM_FORM: _claim_form,
    DocumentKind.STATEMENT: _statement,
    DocumentKind.ANNUAL_REPORT: _annual,
    DocumentKind.PERSON: _person,
    DocumentKind.BUDGET_STATEMENT: _budget_statement,
}


def _pack(
    session: Session, actor: Any, request: DocumentRequest, today: date, organisation: str
) -> PackContents:
    from involve_desktop.services.report_annual import report_year

    chosen = [kind for kind in PACK_KINDS if kind in request.pack]
    if not chosen:
        raise KnownError("Tick at least one document to put in the pack.")
    first = request.year_first or report_year(session, today)[0]
    label = year_label(first)
    # Every document in a pack is about the pack's year: its annual report and evaluation,
    # and the strategy (with its plan) in force that year, not necessarily today's.
    strategy = _pack_strategy(session, first, today)
    year_request = DocumentRequest(DocumentKind.PACK, year_first=first)
    documents = tuple(
        (kind, _GATHER[kind](session, actor, _for(kind, year_request, strategy), today))
        for kind in chosen
    )
    notes = _pack_notes(strategy, label) if strategy is not None else ()
    return PackContents(f"Involvement pack {label}", label, organisation, documents, notes)


# Asked for by year with no version named, these print the strategy in force that year.
_YEAR_STRATEGY_KINDS = frozenset({DocumentKind.STRATEGY, DocumentKind.ACTION_PLAN})


def _pack_strategy(session: Session, first: date, today: date) -> StrategyRecord | None:
    from involve_desktop.services.report_strategy import strategy_for_year

    year_first, year_last = year_of(session, first)
    return strategy_for_year(session, year_first, year_last, today)


def _for(
    kind: DocumentKind, request: DocumentRequest, strategy: StrategyRecord | None
) -> DocumentRequest:
    if kind is DocumentKind.STRATEGY and strategy is not None:
        return DocumentRequest(kind, year_first=request.year_first, strategy_id=strategy.id)
    if kind is DocumentKind.ACTION_PLAN and strategy is not None:
        # A replaced strategy's plan is printed whole, as its record: open actions alone
        # would leave out what was done in the year the pack looks back on.
        current = strategy.status is StrategyStatus.CURRENT
        view = None if current else PlanView(status=ALL)
        return DocumentRequest(
            kind, year_first=request.year_first, strategy_id=strategy.id, plan_view=view
        )
    return DocumentRequest(kind, year_first=request.year_first)


def _pack_notes(strategy: StrategyRecord, label: str) -> tuple[tuple[DocumentKind, str], ...]:
    """How the cover describes the strategy and plan when they are not today's."""
    if strategy.status is StrategyStatus.CURRENT:
        return ()
    version = f"version {strategy.version}, since replaced"
    return (
        (
            DocumentKind.STRATEGY,
            f"The involvement strategy in force in {label} ({version}): why, who, how and "
            "the money.",
        ),
        (
            DocumentKind.ACTION_PLAN,
            f"Every action of that strategy's plan ({version}), by standards area, as it "
            "stands today.",
        ),
    )


def _evaluations_of(session: Session, year_first: date | None, today: date) -> list[int]:
    """The evaluations of that year (all of them, newest first, when no year is given)."""
    from involve_desktop.services.evaluations import list_evaluations

    summaries = list_evaluations(session, today)
    if year_first is not None:
        first = year_of(session, year_first)[0]
        summaries = [summary for summary in summaries if summary.year_first == first]
    return [summary.id for summary in summaries]


def _statement_period(session: Session, request: DocumentRequest) -> tuple[date, date]:
    if request.first is not None and request.last is not None:
        return request.first, request.last
    if request.year_first is not None:
        return year_of(session, request.year_first)
    raise KnownError("Please choose the period: a year, or the first and last days.")


def _period_words(session: Session, request: DocumentRequest) -> str:
    if request.first is not None and request.last is not None:
        return f"{request.first.isoformat()} to {request.last.isoformat()}"
    if request.year_first is not None:
        return year_label(year_of(session, request.year_first)[0])
    return ""


def _year_words(session: Session, request: DocumentRequest, today: date) -> str:
    from involve_desktop.services.evaluations import list_evaluations
    from involve_desktop.services.report_annual import report_year

    if request.evaluation_id is not None:
        for summary in list_evaluations(session, today):
            if summary.id == request.evaluation_id:
                return summary.label
    first = request.year_first or report_year(session, today)[0]
    return year_label(year_of(session, first)[0])


def _person_id(request: DocumentRequest) -> int:
    if request.person_id is None:
        raise KnownError("Please choose whose record to print.")
    return request.person_id
