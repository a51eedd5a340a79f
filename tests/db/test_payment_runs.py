"""Payment runs on a real database: the approved claims to tick, a run made by a payer (and
refused to anyone else), the runs listed, and a run's CSV read back as a bookkeeper would."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import ClaimDetails, ClaimStatus
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.errors import KnownError
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.claim_workflow import (
    approve_claim,
    make_adjusting_claim,
    make_payment_run,
    submit_claim,
)
from involve_desktop.services.claims import save_draft
from involve_desktop.services.payment_runs import (
    CSV_HEADER,
    RunNotFound,
    approved_claims,
    payment_run_csv,
    plain_amount,
    run_rows,
    runs,
)
from involve_desktop.services.permissions import NotAllowed
from tests.db.claim_helpers import TODAY, add_claimant, expense, fee, money_team
from tests.db.test_claim_list import claim_at

PAID_ON = date(2026, 11, 30)


@pytest.fixture
def team(database):
    return money_team(database)


@pytest.fixture
def claims(database, team) -> dict[str, int]:
    zoe = add_claimant(database, "Zoë", "Adebayo")
    lukasz = add_claimant(database, "Łukasz", "Wiśniewski", method=PaymentMethod.CHEQUE)
    sam = add_claimant(database, "Samuel", "Jones")
    return {
        "zoe": claim_at(database, team, zoe, ClaimStatus.APPROVED, fee(150), expense(4_50)),
        "lukasz": claim_at(
            database, team, lukasz, ClaimStatus.APPROVED, fee(1000), method=PaymentMethod.CHEQUE
        ),
        "sam": claim_at(database, team, sam, ClaimStatus.APPROVED, expense(9_34)),
        "submitted": claim_at(database, team, zoe, ClaimStatus.SUBMITTED),
        "draft": claim_at(database, team, lukasz, ClaimStatus.DRAFT),
    }


def pay(database, actor, claim_ids, note: str = "") -> int:
    with database.session_scope() as session:
        return make_payment_run(session, actor, claim_ids, PAID_ON, note, today=PAID_ON)


def read_csv(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_only_approved_claims_wait_to_be_paid_by_name(database, claims):
    with database.session_scope() as session:
        waiting = approved_claims(session)
    assert [row.id for row in waiting] == [claims["zoe"], claims["sam"], claims["lukasz"]]
    assert [row.total_pence for row in waiting] == [42_00, 9_34, 250_00]
    assert waiting[2].payment_method == "Cheque"


def test_a_payer_marks_ticked_claims_paid_and_the_run_is_listed(database, team, claims):
    admin = team[0]
    run_id = pay(database, admin, [claims["zoe"], claims["lukasz"]], "November fees")
    with database.session_scope() as session:
        statuses = {row.id: row.status for row in session.execute(select(Claim.id, Claim.status))}
        listed = runs(session)
        paid = run_rows(session, run_id)
        waiting = approved_claims(session)
    assert statuses[claims["zoe"]] == statuses[claims["lukasz"]] == ClaimStatus.PAID.value
    assert statuses[claims["sam"]] == ClaimStatus.APPROVED.value
    assert [row.id for row in waiting] == [claims["sam"]]
    (run,) = listed
    assert (run.id, run.paid_on, run.made_by, run.note) == (
        run_id,
        PAID_ON,
        "Priya Shah",
        "November fees",
    )
    assert (run.claims, run.total_pence) == (2, 292_00)
    assert [row.id for row in paid] == [claims["zoe"], claims["lukasz"]]
    assert all(row.paid_on == PAID_ON for row in paid)


def test_someone_not_named_as_a_payer_is_refused_and_nothing_changes(database, team, claims):
    _admin, approver, worker = team
    for actor in (approver, worker):
        with pytest.raises(NotAllowed, match="Only the payers named in the payment policy"):
            pay(database, actor, [claims["zoe"]])
    with database.session_scope() as session:
        assert session.get(Claim, claims["zoe"]).status == ClaimStatus.APPROVED.value
        assert runs(session) == []


def test_claims_not_approved_cannot_go_in_a_run(database, team, claims):
    admin = team[0]
    for not_ready in ("submitted", "draft"):
        with pytest.raises(KnownError, match="no longer waiting to be paid"):
            pay(database, admin, [claims["zoe"], claims[not_ready]])
    with pytest.raises(KnownError, match="Please tick"):
        pay(database, admin, [])
    with database.session_scope() as session:
        assert session.get(Claim, claims["zoe"]).status == ClaimStatus.APPROVED.value


def test_the_csv_holds_one_plain_row_per_claim_and_is_audited(database, team, claims, tmp_path):
    admin = team[0]
    run_id = pay(database, admin, [claims["zoe"], claims["lukasz"], claims["sam"]])
    path = tmp_path / "run.csv"
    with database.session_scope() as session:
        written = payment_run_csv(session, admin, run_id, path)
    assert written == 3
    header, *lines = read_csv(path)
    assert tuple(header) == CSV_HEADER
    zoe, sam, lukasz = (dict(zip(header, line, strict=True)) for line in lines)
    assert zoe == {
        "Claim number": str(claims["zoe"]),
        "Name": "Zoë Adebayo",
        "Payment method": "Bank transfer",
        "Fees": "37.50",
        "Expenses": "4.50",
        "Total": "42.00",
        "Reference": f"Claim {claims['zoe']}",
        "Paid on": "30/11/2026",
    }
    assert (lukasz["Name"], lukasz["Payment method"], lukasz["Total"]) == (
        "Łukasz Wiśniewski",
        "Cheque",
        "250.00",
    )
    assert (sam["Name"], sam["Fees"], sam["Expenses"]) == ("Samuel Jones", "0.00", "9.34")
    with database.session_scope() as session:
        audited = session.execute(
            select(AuditEvent.action, AuditEvent.subject_kind, AuditEvent.subject_id).where(
                AuditEvent.action == AuditAction.EXPORTED_PAYMENT_RUN
            )
        ).all()
    assert audited == [(AuditAction.EXPORTED_PAYMENT_RUN, "payment run", run_id)]


def test_a_formula_like_name_is_kept_from_running_in_a_spreadsheet(database, team, tmp_path):
    person = add_claimant(database, "=HYPERLINK(1)", "")
    claim_id = claim_at(database, team, person, ClaimStatus.APPROVED, expense(1_00))
    run_id = pay(database, team[0], [claim_id])
    path = tmp_path / "run.csv"
    with database.session_scope() as session:
        payment_run_csv(session, team[0], run_id, path)
    assert read_csv(path)[1][1] == "'=HYPERLINK(1)"


def test_money_going_back_is_a_plain_negative_number(database, team, tmp_path):
    admin, _approver, worker = team
    person = add_claimant(database, "Siân", "ap Gwilym")
    paid = claim_at(database, team, person, ClaimStatus.PAID, fee(200))
    with database.session_scope() as session:
        correction = make_adjusting_claim(session, worker, paid, today=TODAY)
    with database.session_scope() as session:
        save_draft(
            session,
            worker,
            ClaimDetails(
                person, PaymentMethod.BANK_TRANSFER.value, (fee(-100),), adjusts_claim_id=paid
            ),
            correction,
            today=TODAY,
        )
        submit_claim(session, worker, correction)
    with database.session_scope() as session:
        approve_claim(session, team[1], correction)
    run_id = pay(database, admin, [correction])
    path = tmp_path / "run.csv"
    with database.session_scope() as session:
        payment_run_csv(session, admin, run_id, path)
    row = dict(zip(CSV_HEADER, read_csv(path)[1], strict=True))
    assert (row["Fees"], row["Total"]) == ("-25.00", "-25.00")


def test_a_run_no_longer_there_says_so(database, team, tmp_path):
    with database.session_scope() as session, pytest.raises(RunNotFound):
        payment_run_csv(session, team[0], 4321, tmp_path / "run.csv")
    assert not (tmp_path / "run.csv").exists()


@pytest.mark.parametrize(
    ("pence", "text"),
    [(0, "0.00"), (5, "0.05"), (1_234_50, "1234.50"), (-12_00, "-12.00"), (-7, "-0.07")],
)
def test_plain_amounts_have_no_pound_sign_or_commas(pence, text):
    assert plain_amount(pence) == text
