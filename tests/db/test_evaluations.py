"""The yearly evaluation through its services: one per year, saved part-way, signed off only
when every question is answered and then kept as it was, and findings turned into actions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from involve_desktop.db.cycle_models import (
    ActionItem,
    EvaluationAnswer,
    EvaluationFinding,
    EvaluationPerson,
    Strategy,
)
from involve_desktop.db.engine import Database
from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.evaluation_questions import (
    ALL_QUESTIONS,
    EVALUATION_QUESTIONS,
    REFLECTION_QUESTIONS,
    STANDARDS_POINTS,
)
from involve_desktop.domain.evaluation_rules import (
    SERVED_INVOLVED,
    Answer,
    EvaluationDetails,
)
from involve_desktop.domain.learning_cycle import (
    CycleStage,
    EvaluationStatus,
    ItemStatus,
    QuestionRating,
    ServedInvolved,
    StandardRating,
    StandardsArea,
    StrategyStatus,
)
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.domain.roles import Role
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.evaluation_actions import NoCurrentStrategy, raise_action
from involve_desktop.services.evaluation_records import (
    AlreadyEvaluated,
    EvaluationNotFound,
    EvaluationSignedOff,
    FindingDraft,
    FindingInPlan,
    FindingsInPlanNotDeleted,
    SignedOffNotDeleted,
    SignOffRefused,
    YearNotStarted,
)
from involve_desktop.services.evaluations import (
    delete_evaluation,
    last_year_ratings,
    list_evaluations,
    load_evaluation,
    save_evaluation,
    sign_off,
    start_evaluation,
    years_to_evaluate,
)
from involve_desktop.services.people import save_person
from involve_desktop.services.permissions import NotAllowed
from tests.db.register_helpers import staff_member

TODAY = date(2026, 11, 26)
YEAR_2025 = date(2025, 4, 1)  # the example charity's year starts on 1 April
YEAR_2026 = date(2026, 4, 1)
SIGNED_AT = datetime(2027, 3, 2, 10, 30)


def complete_answers() -> dict[str, Answer]:
    """Every question answered, as a finished evaluation has them."""
    answers = {q.key: Answer(text=f"Our answer to: {q.text}") for q in REFLECTION_QUESTIONS}
    for question in EVALUATION_QUESTIONS:
        answers[question.key] = Answer(
            rating=QuestionRating.GOOD.value,
            evidence="Feedback forms after each session.",
            how_measured="Counted the forms.",
        )
    for point in STANDARDS_POINTS:
        answers[point.key] = Answer(rating=StandardRating.DEVELOPING.value, evidence="Minutes.")
    return answers


def complete_details() -> EvaluationDetails:
    return EvaluationDetails(
        held_on=date(2026, 3, 1),
        who_took_part="Staff team, two trustees",
        served_involved=ServedInvolved.PARTLY,
        served_involved_how="Three members joined the review day.",
        answers=complete_answers(),
    )


def add_current_strategy(database: Database, title: str = "Involvement strategy 2026-29") -> int:
    """A current strategy, made with the models (its own services belong to another screen)."""
    with database.session_scope() as session:
        strategy = Strategy(
            version=1,
            status=StrategyStatus.CURRENT.value,
            title=title,
            period_start=date(2026, 4, 1),
            period_end=date(2029, 3, 31),
            made_current_on=date(2026, 4, 1),
        )
        session.add(strategy)
        session.flush()
        return strategy.id


def add_person(database: Database, first_name: str, last_name: str) -> int:
    with database.session_scope() as session:
        return save_person(
            session,
            None,
            PersonDetails(first_name=first_name, last_name=last_name, joined_on=YEAR_2025),
            today=TODAY,
        )


@pytest.fixture
def admin(database):
    return staff_member(database, Role.ADMINISTRATOR, "Priya Shah")


def start(database, actor, year=YEAR_2025, today=TODAY) -> int:
    with database.session_scope() as session:
        return start_evaluation(session, actor, year, today)


def save(database, actor, evaluation_id, details, findings=()):
    with database.session_scope() as session:
        return save_evaluation(session, actor, evaluation_id, details, list(findings))


def load(database, evaluation_id):
    with database.session_scope() as session:
        return load_evaluation(session, evaluation_id)


def test_a_year_is_evaluated_once_and_the_second_start_is_refused_in_words(database, admin):
    evaluation_id = start(database, admin)
    with pytest.raises(AlreadyEvaluated) as refused:
        start(database, admin, date(2025, 9, 30))  # any day of the same year
    assert refused.value.message == (
        "There is already an evaluation of 2025/26. Open it from the list to carry on."
    )
    with database.session_scope() as session:
        (summary,) = list_evaluations(session, TODAY)
        assert summary.id == evaluation_id
        assert summary.status_text == "2025/26 \u00b7 In progress, overdue"
        assert summary.due_on == date(2026, 3, 1)
        assert summary.held_on is None  # not guessed from the due date
        # Only the three most recent years without one: older ones are rarely evaluated now.
        assert [first for first, _ in years_to_evaluate(session, TODAY)] == [
            YEAR_2026,
            date(2024, 4, 1),
            date(2023, 4, 1),
        ]
        assert session.scalars(select(AuditEvent.action)).all()[-1] == (
            AuditAction.CHANGED_EVALUATION
        )


def test_a_year_that_has_not_started_cannot_be_evaluated(database, admin):
    with pytest.raises(YearNotStarted) as refused:
        start(database, admin, date(2027, 4, 1))
    assert "2027/28 has not started yet" in refused.value.message
    # This year has started; its date (1 March 2027) is still ahead, so no day is set.
    evaluation_id = start(database, admin, YEAR_2026)
    assert load(database, evaluation_id).details.held_on is None


def test_saved_part_way_and_loaded_back_as_typed(database, admin):
    person_id = add_person(database, "Siân", "ap Gwilym")
    evaluation_id = start(database, admin)
    details = EvaluationDetails(
        held_on=date(2026, 3, 3),
        who_took_part="Staff team",
        person_ids=(person_id,),
        answers={
            "reflect.why": Answer(text="Because services are better for it."),
            "evaluate.quality": Answer(rating="good", evidence="", how_measured="Forms"),
            "culture.charter": Answer(rating="starting"),
            "reflect.how": Answer(text="   "),  # blank: not kept
        },
    )
    findings = [
        FindingDraft(
            None, "Few young people take part", "Ask the youth group", StandardsArea.PRACTICE
        ),
        FindingDraft(None, "No charter yet", "", StandardsArea.CULTURE, "culture.charter"),
    ]
    record = save(database, admin, evaluation_id, details, findings)

    again = load(database, evaluation_id)
    assert again == record
    assert again.details.held_on == date(2026, 3, 3)
    assert again.details.person_ids == (person_id,)
    assert [p.name for p in again.people] == ["Siân ap Gwilym"]
    assert again.details.answers == {
        "reflect.why": Answer(text="Because services are better for it."),
        "evaluate.quality": Answer(rating="good", how_measured="Forms"),
        "culture.charter": Answer(rating="starting"),
    }
    assert [f.finding.finding for f in again.findings] == [
        "Few young people take part",
        "No charter yet",
    ]
    assert again.findings[1].finding.question_key == "culture.charter"
    assert again.status is EvaluationStatus.IN_PROGRESS

    # Reordered, one changed, one removed, one added.
    first, second = again.findings
    save(
        database,
        admin,
        evaluation_id,
        details,
        [
            FindingDraft(second.id, "No charter agreed yet", "Draft one", StandardsArea.CULTURE),
            FindingDraft(None, "Nobody reviews it", "", StandardsArea.REVIEW),
        ],
    )
    texts = [(f.id, f.finding.finding) for f in load(database, evaluation_id).findings]
    assert texts[0] == (second.id, "No charter agreed yet")
    assert texts[1][1] == "Nobody reviews it"
    assert first.id not in {finding_id for finding_id, _ in texts}


def test_a_finding_needs_its_words_and_an_area_and_nothing_is_saved_without(database, admin):
    evaluation_id = start(database, admin)
    details = EvaluationDetails(who_took_part="Staff team")
    with pytest.raises(ValidationFailed) as refused:
        save(
            database,
            admin,
            evaluation_id,
            details,
            [
                FindingDraft(None, "Fine", "", StandardsArea.CULTURE),
                FindingDraft(None, "  ", "Do something", None),
            ],
        )
    assert refused.value.errors == {
        "finding.1": "Please say what was found and choose the standards area it belongs to."
    }
    assert load(database, evaluation_id).details.who_took_part == ""


def test_sign_off_with_unanswered_questions_is_refused_listing_them_and_nothing_is_lost(
    database, admin
):
    evaluation_id = start(database, admin)
    answers = complete_answers()
    del answers["reflect.training"]
    answers["evaluate.team"] = Answer(rating="fair")  # no evidence
    details = replace(complete_details(), served_involved=None, answers=answers)
    save(database, admin, evaluation_id, details)
    with pytest.raises(SignOffRefused) as refused, database.session_scope() as session:
        sign_off(session, admin, evaluation_id, SIGNED_AT)
    problems = refused.value.problems
    assert [p.key for p in problems] == [SERVED_INVOLVED, "reflect.training", "evaluate.team"]
    assert refused.value.message.startswith("3 questions still need answers before sign-off: ")
    assert "What training or support do staff need?" in refused.value.message
    kept = load(database, evaluation_id)
    assert kept.status is EvaluationStatus.IN_PROGRESS
    assert kept.details.answers == {
        key: answer for key, answer in answers.items() if not answer.is_blank
    }


def test_only_those_who_sign_off_plans_may_sign_off(database, admin):
    worker = staff_member(database, Role.STAFF, "Tom Reed")
    evaluation_id = start(database, admin)
    save(database, admin, evaluation_id, complete_details())
    with pytest.raises(NotAllowed), database.session_scope() as session:
        sign_off(session, worker, evaluation_id, SIGNED_AT)


def test_signed_off_it_is_kept_as_it_was(database, admin):
    evaluation_id = start(database, admin)
    save(database, admin, evaluation_id, complete_details())
    assert load(database, evaluation_id).details.answers.keys() == {q.key for q in ALL_QUESTIONS}
    with database.session_scope() as session:
        sign_off(session, admin, evaluation_id, SIGNED_AT)
    record = load(database, evaluation_id)
    assert record.is_signed_off
    assert (record.signed_off_by, record.signed_off_at) == ("Priya Shah", SIGNED_AT)
    with pytest.raises(EvaluationSignedOff) as refused:
        save(database, admin, evaluation_id, EvaluationDetails(who_took_part="Changed"))
    assert refused.value.message == "A signed-off evaluation is kept as it was."
    assert load(database, evaluation_id).details.who_took_part == "Staff team, two trustees"
    with database.session_scope() as session:
        assert list_evaluations(session, TODAY)[0].status_text == "2025/26 \u00b7 Signed off"
        actions = session.scalars(select(AuditEvent.action)).all()
        assert AuditAction.SIGNED_OFF_EVALUATION in actions


def test_last_years_ratings_come_from_the_latest_signed_off_earlier_evaluation(database, admin):
    def signed_off_with(year: date, charter: str) -> int:
        evaluation_id = start(database, admin, year)
        details = complete_details()
        answers = dict(details.answers)
        answers["culture.charter"] = Answer(rating=charter)
        save(database, admin, evaluation_id, replace(details, answers=answers))
        with database.session_scope() as session:
            sign_off(session, admin, evaluation_id, SIGNED_AT)
        return evaluation_id

    signed_off_with(date(2023, 4, 1), "not_yet")
    signed_off_with(date(2024, 4, 1), "developing")
    this = start(database, admin)
    save(
        database,
        admin,
        this,
        EvaluationDetails(answers={"culture.charter": Answer(rating="embedded")}),
    )
    with database.session_scope() as session:
        assert last_year_ratings(session, YEAR_2025)["culture.charter"] == "developing"
        assert last_year_ratings(session, date(2024, 4, 1))["culture.charter"] == "not_yet"
        assert last_year_ratings(session, date(2023, 4, 1)) == {}
        # A half-done evaluation is not yet the charity's word on its year.
        assert last_year_ratings(session, YEAR_2026)["culture.charter"] == "developing"


def test_the_date_it_was_held_is_not_guessed_but_set_at_sign_off_if_left_empty(database, admin):
    evaluation_id = start(database, admin)
    assert load(database, evaluation_id).details.held_on is None
    save(database, admin, evaluation_id, replace(complete_details(), held_on=None))
    with database.session_scope() as session:
        sign_off(session, admin, evaluation_id, SIGNED_AT)
    assert load(database, evaluation_id).details.held_on == SIGNED_AT.date()


def test_moving_the_years_first_day_keeps_each_evaluation_with_its_year(database, admin):
    from involve_desktop.domain.financial_year import YearStart
    from involve_desktop.services.organisation import load_organisation, save_organisation

    evaluation_id = start(database, admin)
    with database.session_scope() as session:
        details = load_organisation(session)
        save_organisation(session, replace(details, year_start=YearStart(month=4, day=6)))
    with database.session_scope() as session:
        (summary,) = list_evaluations(session, TODAY)
        assert (summary.id, summary.label) == (evaluation_id, "2025/26")
        offered = [first for first, _ in years_to_evaluate(session, TODAY)]
    assert date(2025, 4, 6) not in offered
    with pytest.raises(AlreadyEvaluated):
        start(database, admin, date(2025, 9, 30))


def test_a_finding_becomes_one_action_in_the_current_strategy(database, admin):
    strategy_id = add_current_strategy(database)
    evaluation_id = start(database, admin)
    save(
        database,
        admin,
        evaluation_id,
        complete_details(),
        [
            FindingDraft(
                None, "No charter yet", "Agree a charter with members", StandardsArea.CULTURE
            ),
            FindingDraft(None, "Reviews happen without members", "", StandardsArea.REVIEW),
        ],
    )
    first, second = load(database, evaluation_id).findings
    with database.session_scope() as session:
        sign_off(session, admin, evaluation_id, SIGNED_AT)  # raising still works after
    with database.session_scope() as session:
        item_id = raise_action(session, admin, first.id, TODAY)
    with database.session_scope() as session:
        assert raise_action(session, admin, first.id, TODAY) == item_id  # once only
        other_id = raise_action(session, admin, second.id, TODAY)
    with database.session_scope() as session:
        item = session.get(ActionItem, item_id)
        assert (item.strategy_id, item.action, item.area) == (
            strategy_id,
            "Agree a charter with members",
            "culture",
        )
        assert (item.stage, item.status, item.due_on) == (
            CycleStage.PLANNING.value,
            ItemStatus.NOT_STARTED.value,
            None,
        )
        assert item.raised_by_finding_id == first.id and item.moved_at.date() == TODAY
        assert session.get(ActionItem, other_id).action == "Reviews happen without members"
        assert len(session.scalars(select(ActionItem)).all()) == 2
        assert AuditAction.CHANGED_ACTION_PLAN in session.scalars(select(AuditEvent.action)).all()
    raised = load(database, evaluation_id).findings[0]
    assert (raised.plan_item_id, raised.plan_status, raised.strategy_title) == (
        item_id,
        "Not started",
        "Involvement strategy 2026-29",
    )
    with database.session_scope() as session:
        assert list_evaluations(session, TODAY)[0].findings_in_plan == 2


def one_finding(database, admin):
    """An evaluation with one saved finding: (its id, the finding as loaded)."""
    evaluation_id = start(database, admin)
    draft = FindingDraft(None, "No charter yet", "", StandardsArea.CULTURE)
    save(database, admin, evaluation_id, EvaluationDetails(), [draft])
    return evaluation_id, load(database, evaluation_id).findings[0]


def test_a_finding_in_the_plan_cannot_be_removed(database, admin):
    add_current_strategy(database)
    evaluation_id, finding = one_finding(database, admin)
    with database.session_scope() as session:
        raise_action(session, admin, finding.id, TODAY)
    with pytest.raises(FindingInPlan) as refused:
        save(database, admin, evaluation_id, EvaluationDetails(who_took_part="Us"), [])
    assert refused.value.message == (
        "This finding is already in the action plan; it cannot be removed."
    )
    assert load(database, evaluation_id).details.who_took_part == ""


def test_with_no_current_strategy_the_action_is_refused_in_words(database, admin):
    _evaluation_id, finding = one_finding(database, admin)
    with pytest.raises(NoCurrentStrategy) as refused, database.session_scope() as session:
        raise_action(session, admin, finding.id, TODAY)
    assert refused.value.message == (
        "There is no current strategy to add actions to. Make one current on the Strategy "
        "and plan screen first."
    )


def test_an_action_raised_from_a_window_open_since_yesterday_still_counts_as_moved_now(
    database, admin
):
    _, finding = one_finding(database, admin)
    add_current_strategy(database)
    before = datetime.now()
    with database.session_scope() as session:
        # The screen's `today` was fixed when it was built, the day before.
        item_id = raise_action(session, admin, finding.id, date(2026, 1, 1))
        moved_at = session.get(ActionItem, item_id).moved_at
    assert moved_at >= before


def test_the_years_offered_skip_those_evaluated_and_stop_at_three(database, admin):
    start(database, admin, YEAR_2026)
    start(database, admin, date(2024, 4, 1))
    with database.session_scope() as session:
        offered = [first for first, _ in years_to_evaluate(session, TODAY)]
    assert offered == [YEAR_2025, date(2023, 4, 1), date(2022, 4, 1)]


def test_an_evaluation_started_by_mistake_is_deleted_with_all_typed_in_it(database, admin):
    evaluation_id = start(database, admin)
    person_id = add_person(database, "Ann", "Jones")
    draft = FindingDraft(None, "No charter yet", "", StandardsArea.CULTURE)
    save(
        database,
        admin,
        evaluation_id,
        replace(complete_details(), person_ids=(person_id,)),
        [draft],
    )
    with database.session_scope() as session:
        delete_evaluation(session, admin, evaluation_id)
    with database.session_scope() as session:
        assert list_evaluations(session, TODAY) == []
        for part in (EvaluationAnswer, EvaluationPerson, EvaluationFinding):
            assert session.scalars(select(part)).all() == []
        assert YEAR_2025 in [first for first, _ in years_to_evaluate(session, TODAY)]
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.subject_id) == (AuditAction.CHANGED_EVALUATION, evaluation_id)
    with pytest.raises(EvaluationNotFound), database.session_scope() as session:
        delete_evaluation(session, admin, evaluation_id)
    start(database, admin)  # the year can be started again


def test_a_signed_off_evaluation_is_not_deleted(database, admin):
    evaluation_id = start(database, admin)
    save(database, admin, evaluation_id, complete_details())
    with database.session_scope() as session:
        sign_off(session, admin, evaluation_id, SIGNED_AT)
    with pytest.raises(SignedOffNotDeleted) as refused, database.session_scope() as session:
        delete_evaluation(session, admin, evaluation_id)
    assert refused.value.message == (
        "The 2025/26 evaluation is signed off, so it is kept; it cannot be deleted."
    )
    assert load(database, evaluation_id).is_signed_off


def test_an_evaluation_with_a_finding_in_the_plan_is_not_deleted(database, admin):
    add_current_strategy(database)
    evaluation_id, finding = one_finding(database, admin)
    with database.session_scope() as session:
        raise_action(session, admin, finding.id, TODAY)
    with pytest.raises(FindingsInPlanNotDeleted) as refused, database.session_scope() as session:
        delete_evaluation(session, admin, evaluation_id)
    assert refused.value.message == (
        "The 2025/26 evaluation cannot be deleted: one of its findings is already in the "
        "action plan. Carry on with it instead."
    )
    assert load(database, evaluation_id).findings[0].plan_item_id is not None


def test_the_dates_said_are_the_due_date_until_signed_off_then_when_it_was_held(database, admin):
    evaluation_id = start(database, admin)
    save(database, admin, evaluation_id, complete_details())
    assert load(database, evaluation_id).dates_text == "due on 1 March 2026"
    with database.session_scope() as session:
        sign_off(session, admin, evaluation_id, SIGNED_AT)
    said = "held on 1 March 2026, signed off by Priya Shah on 2 March 2027"
    assert load(database, evaluation_id).dates_text == said
    # Moving the evaluation date in Settings does not rewrite what happened.
    from involve_desktop.services.organisation import load_organisation, save_organisation

    with database.session_scope() as session:
        details = load_organisation(session)
        save_organisation(session, replace(details, evaluation_month=6, evaluation_day=30))
    assert load(database, evaluation_id).dates_text == said
    with database.session_scope() as session:
        assert list_evaluations(session, TODAY)[0].dates_text == "held on 1 March 2026"
