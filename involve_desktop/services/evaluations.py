"""The yearly evaluation: one per financial year, saved part-way as often as the team likes,
signed off when it is finished and then kept as it was.

An evaluation is named by its financial year's first day (`Evaluation.year_start`). Answers
are stored by question key (domain/evaluation_questions.py); findings keep their order and
may each become an action-plan item (`evaluation_actions.raise_action`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import (
    ActionItem,
    Evaluation,
    EvaluationAnswer,
    EvaluationFinding,
    EvaluationPerson,
    Strategy,
)
from involve_desktop.db.models import Person, Staff
from involve_desktop.domain.evaluation_questions import QUESTIONS_BY_KEY, QuestionPart
from involve_desktop.domain.evaluation_rules import (
    Answer,
    EvaluationDetails,
    Finding,
    evaluation_due_on,
    sign_off_problems,
)
from involve_desktop.domain.financial_year import (
    YearStart,
    recent_years,
    year_containing,
    year_label,
)
from involve_desktop.domain.learning_cycle import (
    EvaluationStatus,
    ItemStatus,
    QuestionRating,
    ServedInvolved,
    StandardRating,
    StandardsArea,
)
from involve_desktop.domain.person_record import display_name, line, lines
from involve_desktop.domain.roles import Permission
from involve_desktop.errors import ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.evaluation_records import (
    EVALUATION,
    YEARS_BACK,
    YEARS_OFFERED,
    AlreadyEvaluated,
    EvaluationNotFound,
    EvaluationRecord,
    EvaluationSignedOff,
    EvaluationSummary,
    FindingDraft,
    FindingInPlan,
    FindingRecord,
    FindingsInPlanNotDeleted,
    PersonTookPart,
    SignedOffNotDeleted,
    SignOffRefused,
    YearNotStarted,
)
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.permissions import Actor, require


def _year_start(session: Session) -> tuple[YearStart, int, int]:
    organisation = load_organisation(session)
    if organisation is None:
        return YearStart(4, 1), 3, 1
    return (
        organisation.year_start,
        organisation.evaluation_month,
        organisation.evaluation_day,
    )


def due_on_for(session: Session, year_first: date) -> date:
    """When the evaluation of the year starting `year_first` falls due (from Settings)."""
    _start, month, day = _year_start(session)
    return evaluation_due_on(year_first, month, day)


def _year_of(session: Session, evaluation: Evaluation) -> tuple[date, date]:
    start, _month, _day = _year_start(session)
    return year_containing(evaluation.year_start, start)


def list_evaluations(session: Session, today: date) -> list[EvaluationSummary]:
    """Every evaluation, newest year first."""
    findings = dict(
        session.execute(
            select(EvaluationFinding.evaluation_id, func.count()).group_by(
                EvaluationFinding.evaluation_id
            )
        ).all()
    )
    in_plan = dict(
        session.execute(
            select(EvaluationFinding.evaluation_id, func.count())
            .join(ActionItem, ActionItem.raised_by_finding_id == EvaluationFinding.id)
            .group_by(EvaluationFinding.evaluation_id)
        ).all()
    )
    rows = session.execute(
        select(Evaluation, Staff.name)
        .outerjoin(Staff, Staff.id == Evaluation.signed_off_by)
        .order_by(Evaluation.year_start.desc())
    ).all()
    summaries = []
    for evaluation, signer in rows:
        first, last = _year_of(session, evaluation)
        due = due_on_for(session, first)
        status = EvaluationStatus(evaluation.status)
        summaries.append(
            EvaluationSummary(
                id=evaluation.id,
                year_first=first,
                year_last=last,
                label=year_label(first),
                status=status,
                held_on=evaluation.held_on,
                due_on=due,
                signed_off_by=signer or "",
                signed_off_at=evaluation.signed_off_at,
                findings=findings.get(evaluation.id, 0),
                findings_in_plan=in_plan.get(evaluation.id, 0),
                overdue=status is EvaluationStatus.IN_PROGRESS and today > due,
            )
        )
    return summaries


def years_to_evaluate(session: Session, today: date) -> list[tuple[date, date]]:
    """The few most recent financial years, newest first, that have no evaluation yet."""
    start, _month, _day = _year_start(session)
    taken = set(session.scalars(select(Evaluation.year_start)))
    open_years = [
        year for year in recent_years(today, start, back=YEARS_BACK) if year[0] not in taken
    ]
    return open_years[:YEARS_OFFERED]


def start_evaluation(session: Session, actor: Actor | None, year_first: date, today: date) -> int:
    """Start the evaluation of the year containing `year_first`; return its id."""
    start, _month, _day = _year_start(session)
    first, _last = year_containing(year_first, start)
    label = year_label(first)
    if first > today:
        raise YearNotStarted(label)
    if session.scalar(select(Evaluation.id).where(Evaluation.year_start == first)) is not None:
        raise AlreadyEvaluated(label)
    evaluation = Evaluation(
        year_start=first,
        status=EvaluationStatus.IN_PROGRESS.value,
        held_on=None,  # not guessed: the date is filled in when it was held, or at sign-off
        changed_by=actor.staff_id if actor else None,
    )
    session.add(evaluation)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_EVALUATION, EVALUATION, evaluation.id)
    return evaluation.id


def delete_evaluation(session: Session, actor: Actor | None, evaluation_id: int) -> None:
    """Delete an evaluation started by mistake, with everything typed in it. A signed-off one
    is kept, and so is one with a finding in the action plan (the plan links back to it)."""
    evaluation = _get(session, evaluation_id)
    label = year_label(_year_of(session, evaluation)[0])
    if evaluation.status == EvaluationStatus.SIGNED_OFF.value:
        raise SignedOffNotDeleted(label)
    in_plan = session.scalar(
        select(func.count())
        .select_from(ActionItem)
        .join(EvaluationFinding, EvaluationFinding.id == ActionItem.raised_by_finding_id)
        .where(EvaluationFinding.evaluation_id == evaluation_id)
    )
    if in_plan:
        raise FindingsInPlanNotDeleted(label, int(in_plan))
    for part in (EvaluationAnswer, EvaluationPerson, EvaluationFinding):
        session.execute(delete(part).where(part.evaluation_id == evaluation_id))
    session.delete(evaluation)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_EVALUATION, EVALUATION, evaluation_id)


def _get(session: Session, evaluation_id: int) -> Evaluation:
    evaluation = session.get(Evaluation, evaluation_id)
    if evaluation is None:
        raise EvaluationNotFound()
    return evaluation


def _details(session: Session, evaluation: Evaluation) -> EvaluationDetails:
    answers = {
        row.question_key: Answer(row.text, row.rating, row.evidence, row.how_measured)
        for row in session.scalars(
            select(EvaluationAnswer).where(EvaluationAnswer.evaluation_id == evaluation.id)
        )
    }
    person_ids = tuple(
        session.scalars(
            select(EvaluationPerson.person_id)
            .where(EvaluationPerson.evaluation_id == evaluation.id)
            .order_by(EvaluationPerson.person_id)
        )
    )
    return EvaluationDetails(
        held_on=evaluation.held_on,
        who_took_part=evaluation.who_took_part,
        person_ids=person_ids,
        served_involved=(
            ServedInvolved(evaluation.served_involved) if evaluation.served_involved else None
        ),
        served_involved_how=evaluation.served_involved_how,
        answers=answers,
    )


def load_evaluation(session: Session, evaluation_id: int) -> EvaluationRecord:
    evaluation = _get(session, evaluation_id)
    first, last = _year_of(session, evaluation)
    details = _details(session, evaluation)
    people = tuple(
        sorted(
            (
                PersonTookPart(person_id, display_name(first_name, last_name, preferred))
                for person_id, first_name, last_name, preferred in session.execute(
                    select(Person.id, Person.first_name, Person.last_name, Person.preferred_name)
                    .join(EvaluationPerson, EvaluationPerson.person_id == Person.id)
                    .where(EvaluationPerson.evaluation_id == evaluation.id)
                )
            ),
            key=lambda person: person.name.casefold(),
        )
    )
    findings = tuple(
        FindingRecord(
            id=row.id,
            finding=Finding(row.finding, row.action, StandardsArea(row.area), row.question_key),
            plan_item_id=item_id,
            plan_status=ItemStatus(item_status).label if item_status else "",
            strategy_title=strategy_title or "",
        )
        for row, item_id, item_status, strategy_title in session.execute(
            select(EvaluationFinding, ActionItem.id, ActionItem.status, Strategy.title)
            .outerjoin(ActionItem, ActionItem.raised_by_finding_id == EvaluationFinding.id)
            .outerjoin(Strategy, Strategy.id == ActionItem.strategy_id)
            .where(EvaluationFinding.evaluation_id == evaluation.id)
            .order_by(EvaluationFinding.position, EvaluationFinding.id)
        )
    )
    signer = session.get(Staff, evaluation.signed_off_by) if evaluation.signed_off_by else None
    return EvaluationRecord(
        id=evaluation.id,
        year_first=first,
        year_last=last,
        label=year_label(first),
        status=EvaluationStatus(evaluation.status),
        due_on=due_on_for(session, first),
        details=details,
        people=people,
        signed_off_by=signer.name if signer else "",
        signed_off_at=evaluation.signed_off_at,
        findings=findings,
        updated_at=evaluation.updated_at,
    )


def _check_rating(key: str, answer: Answer) -> str:
    """A problem with a stored rating's value ('' when it is fine or not rated)."""
    question = QUESTIONS_BY_KEY.get(key)
    if not answer.rating or question is None:
        return ""
    scale = StandardRating if question.part is QuestionPart.STANDARDS else QuestionRating
    return "" if answer.rating in {step.value for step in scale} else "Please choose a rating."


def _finding_problem(draft: FindingDraft) -> str:
    missing = []
    if not draft.finding.strip():
        missing.append("say what was found")
    if draft.area is None:
        missing.append("choose the standards area it belongs to")
    return ("Please " + " and ".join(missing) + ".") if missing else ""


def save_evaluation(
    session: Session,
    actor: Actor | None,
    evaluation_id: int,
    details: EvaluationDetails,
    findings: Sequence[FindingDraft],
) -> EvaluationRecord:
    """Save what has been typed so far (nothing has to be finished); return it as saved."""
    evaluation = _get(session, evaluation_id)
    if evaluation.status == EvaluationStatus.SIGNED_OFF.value:
        raise EvaluationSignedOff()
    errors = {
        key: problem
        for key, answer in details.answers.items()
        if (problem := _check_rating(key, answer))
    }
    errors |= {
        f"finding.{index}": problem
        for index, draft in enumerate(findings)
        if (problem := _finding_problem(draft))
    }
    if errors:
        raise ValidationFailed(errors)

    evaluation.held_on = details.held_on
    evaluation.who_took_part = lines(details.who_took_part)
    evaluation.served_involved = details.served_involved.value if details.served_involved else ""
    evaluation.served_involved_how = lines(details.served_involved_how)
    evaluation.changed_by = actor.staff_id if actor else None
    evaluation.updated_at = datetime.now()
    _save_answers(session, evaluation.id, details.answers)
    _save_people(session, evaluation.id, details.person_ids)
    _save_findings(session, evaluation.id, findings)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_EVALUATION, EVALUATION, evaluation.id)
    return load_evaluation(session, evaluation.id)


def _save_answers(session: Session, evaluation_id: int, answers: dict[str, Answer]) -> None:
    stored = {
        row.question_key: row
        for row in session.scalars(
            select(EvaluationAnswer).where(EvaluationAnswer.evaluation_id == evaluation_id)
        )
    }
    for key, answer in answers.items():
        row = stored.get(key)
        blank = answer.is_blank and not answer.how_measured.strip()
        if blank:
            if row is not None:
                session.delete(row)
            continue
        if row is None:
            row = EvaluationAnswer(evaluation_id=evaluation_id, question_key=key)
            session.add(row)
        row.text = lines(answer.text)
        row.rating = answer.rating
        row.evidence = lines(answer.evidence)
        row.how_measured = lines(answer.how_measured)


def _save_people(session: Session, evaluation_id: int, person_ids: Sequence[int]) -> None:
    session.execute(delete(EvaluationPerson).where(EvaluationPerson.evaluation_id == evaluation_id))
    wanted = set(person_ids)
    # Someone deleted from the register meanwhile is left out rather than failing the save.
    existing = (
        set(session.scalars(select(Person.id).where(Person.id.in_(wanted)))) if wanted else set()
    )
    for person_id in sorted(existing):
        session.add(EvaluationPerson(evaluation_id=evaluation_id, person_id=person_id))


def _save_findings(session: Session, evaluation_id: int, drafts: Sequence[FindingDraft]) -> None:
    stored = {
        row.id: row
        for row in session.scalars(
            select(EvaluationFinding).where(EvaluationFinding.evaluation_id == evaluation_id)
        )
    }
    kept = {draft.id for draft in drafts if draft.id is not None}
    removed = [finding_id for finding_id in stored if finding_id not in kept]
    if removed and session.scalar(
        select(ActionItem.id).where(ActionItem.raised_by_finding_id.in_(removed)).limit(1)
    ):
        raise FindingInPlan()
    for finding_id in removed:
        session.delete(stored[finding_id])
    for position, draft in enumerate(drafts):
        row = stored.get(draft.id) if draft.id is not None else None
        if row is None:
            row = EvaluationFinding(evaluation_id=evaluation_id)
            session.add(row)
        assert draft.area is not None  # checked above
        row.position = position
        row.finding = lines(draft.finding)
        row.action = lines(draft.action)
        row.area = draft.area.value
        row.question_key = (
            line(draft.question_key) if draft.question_key in QUESTIONS_BY_KEY else ""
        )


def sign_off(session: Session, actor: Actor, evaluation_id: int, now: datetime) -> None:
    """Sign the evaluation off as finished: from then on it is read-only."""
    require(actor, Permission.SIGN_OFF_PLANS)
    evaluation = _get(session, evaluation_id)
    if evaluation.status == EvaluationStatus.SIGNED_OFF.value:
        raise EvaluationSignedOff()
    problems = sign_off_problems(_details(session, evaluation))
    if problems:
        raise SignOffRefused(problems)
    evaluation.status = EvaluationStatus.SIGNED_OFF.value
    evaluation.held_on = evaluation.held_on or now.date()
    evaluation.signed_off_by = actor.staff_id
    evaluation.signed_off_at = now
    evaluation.changed_by = actor.staff_id
    evaluation.updated_at = now
    session.flush()
    audit.record(session, actor, AuditAction.SIGNED_OFF_EVALUATION, EVALUATION, evaluation.id)


def last_year_ratings(session: Session, year_first: date) -> dict[str, str]:
    """The ratings given in the latest evaluation of an earlier year, by question key."""
    return earlier_ratings(session, year_first) or {}


def earlier_ratings(session: Session, year_first: date) -> dict[str, str] | None:
    """As `last_year_ratings`, but None when no earlier year was evaluated at all (so the
    screen can say "no earlier evaluation" rather than "not assessed")."""
    earlier = session.scalar(
        select(Evaluation.id)
        .where(
            Evaluation.year_start < year_first,
            # A half-done evaluation's ratings are not yet the charity's word on that year.
            Evaluation.status == EvaluationStatus.SIGNED_OFF.value,
        )
        .order_by(Evaluation.year_start.desc())
        .limit(1)
    )
    if earlier is None:
        return None
    return dict(
        session.execute(
            select(EvaluationAnswer.question_key, EvaluationAnswer.rating).where(
                EvaluationAnswer.evaluation_id == earlier, EvaluationAnswer.rating != ""
            )
        ).all()
    )
