"""The group's statement as a PDF: read back as text, it says what is left in words, names the
group as they are written, gives claims as totals without the claimants' names, and fits one
page; a long record runs on with its headings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.errors import KnownError
from involve_desktop.exports.budget_statement import (
    claim_sentences,
    summary_sentences,
    write_budget_statement_pdf,
)
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.exports.make_document import make_document
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.budget_groups import (
    BudgetStatement,
    ClaimTotals,
    Decision,
    DecisionDetails,
    Spend,
    SpendDetails,
    add_decision,
    add_spend,
    set_holders,
)
from involve_desktop.services.budgets import BudgetDetails, save_budget
from involve_desktop.services.claim_workflow import approve_claim, make_payment_run, submit_claim
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from tests.db.claim_helpers import TODAY, add_claim, add_claimant, expense, fee, money_team

MADE_ON = date(2026, 11, 26)
HEADER = DocumentHeader("Greenfield Carers Network")


def write_statement(path: Path, data: BudgetStatement, *, large: bool = False) -> int:
    return write_budget_statement_pdf(data, path, HEADER, PdfOptions(large_print=large), MADE_ON)


def pdf_pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def statement(**changes) -> BudgetStatement:
    made = dict(
        organisation_name="Greenfield Carers Network",
        budget_name="Care leavers' film",
        year_label="2026/27",
        project="A short film about leaving care",
        holders=("Siân ap Gwilym", "Łukasz Wiśniewski"),
        allocated_pence=500_00,
        committed_pence=0,
        paid_pence=0,
        paid_claims=ClaimTotals(),
        approved_claims=ClaimTotals(),
        waiting_claims=ClaimTotals(),
        spends=(),
        decisions=(),
    )
    return BudgetStatement(**{**made, **changes})


def claim_walked_to(database, team, person: int, budget_id: int, step: str, *lines) -> int:
    """A claim against the budget, submitted, then approved, then paid as far as `step`."""
    admin, approver, worker = team
    claim_id = add_claim(database, worker, person, *lines, budget_id=budget_id)
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
        if step in ("approved", "paid"):
            approve_claim(session, approver, claim_id)
        if step == "paid":
            make_payment_run(session, admin, [claim_id], TODAY)
    return claim_id


def test_the_statement_of_a_real_budget_is_one_page_with_the_group_and_the_figures(
    database, tmp_path
):
    team = money_team(database)
    admin, _approver, worker = team
    sian = add_claimant(database, "Siân", "ap Gwilym")
    malgorzata = add_claimant(database, "Małgorzata", "Wiśniewska")
    zoe = add_claimant(database, "Zoë", "Okafor-Smith")  # claims, but is not in the group
    with database.session_scope() as session:
        budget_id = save_budget(
            session,
            admin,
            BudgetDetails(TODAY, "Care leavers' film", 300_00, delegated=True, project="A film"),
        )
        set_holders(session, worker, budget_id, [sian, malgorzata])
        add_spend(session, worker, budget_id, SpendDetails(TODAY, "Camera hire", 40_00))
        add_decision(
            session, worker, budget_id, DecisionDetails(date(2026, 5, 2), "Hire a camera", 40_00)
        )
    claim_walked_to(database, team, malgorzata, budget_id, "paid", fee(200))
    claim_walked_to(database, team, zoe, budget_id, "paid", fee(100), expense(2_50))
    claim_walked_to(database, team, zoe, budget_id, "approved", fee(100))
    claim_walked_to(database, team, zoe, budget_id, "submitted", expense(6_00))
    folder = tmp_path / "saved"
    folder.mkdir()
    path = folder / "statement.pdf"

    request = DocumentRequest(DocumentKind.BUDGET_STATEMENT, budget_id=budget_id)
    pages = make_document(database, worker, request, path, MADE_ON)

    [text] = pdf_pages(path)
    assert pages == 1
    assert "Care leavers' film — statement for the group" in text
    assert "Greenfield Carers Network" in text
    assert "Held by: Siân ap Gwilym, Małgorzata Wiśniewska." in text
    assert "You have £157.50 left of £300.00." in text
    assert "£117.50 is paid or spent, and £25.00 is approved and waiting to be paid." in text
    # What each person was paid is theirs: claims are totals, and no claimant is named.
    assert (
        "Paid to people for their time and costs: 2 claims, £77.50 (fees £75.00, costs £2.50)."
        in text
    )
    assert "Approved, to be paid: 1 claim, £25.00 (fees £25.00, costs £0.00)." in text
    assert "1 claim, £6.00 (fees £0.00, costs £6.00)." in text
    assert "Zoë" not in text and "Okafor" not in text
    assert text.count("Małgorzata") == 1, "named once, as one of the group"
    assert "£50.00" not in text and "£27.50" not in text, "no one person's amount"
    assert "Camera hire £40.00" in text
    assert "2 May 2026 Hire a camera £40.00" in text
    assert "Made on 26 November 2026" in text and "Page 1 of 1" in text
    assert [p.name for p in folder.iterdir()] == ["statement.pdf"], "no temporary file left"
    with database.session_scope() as session:
        saved = session.execute(
            select(AuditEvent.action, AuditEvent.subject_kind, AuditEvent.subject_id).where(
                AuditEvent.action.in_(
                    [AuditAction.EXPORTED_BUDGET_STATEMENT, AuditAction.EXPORTED_PEOPLE_LIST]
                )
            )
        ).all()
    assert saved == [(AuditAction.EXPORTED_BUDGET_STATEMENT, "budget", budget_id)]


def test_an_overspent_budget_says_so_in_words_and_waiting_claims_are_not_taken_off():
    over = statement(
        allocated_pence=100_00,
        committed_pence=20_00,
        paid_pence=100_00,
        waiting_claims=ClaimTotals(1, 0, 7_50),
    )
    assert summary_sentences(over) == [
        "You have spent £20.00 more than the £100.00 budget.",
        "£100.00 is paid or spent, and £20.00 is approved and waiting to be paid.",
        "Claims of £7.50 are waiting for approval; they are not taken off until they are approved.",
    ]


def test_claims_are_said_as_counts_and_totals_for_each_step():
    said = statement(
        paid_claims=ClaimTotals(7, 360_00, 52_50),
        approved_claims=ClaimTotals(1, 40_00, 0),
        committed_pence=40_00,
    )
    assert claim_sentences(said) == [
        "Paid to people for their time and costs: 7 claims, £412.50 (fees £360.00, costs £52.50).",
        "Approved, to be paid: 1 claim, £40.00 (fees £40.00, costs £0.00).",
        "Waiting for approval (not taken off yet): none.",
    ]
    assert claim_sentences(statement()) == ["No claims against this budget yet."]


def test_a_new_statement_says_what_has_not_happened_yet(tmp_path):
    path = tmp_path / "new.pdf"
    assert write_statement(path, statement(holders=())) == 1
    [text] = pdf_pages(path)
    for said in (
        "Held by: nobody listed yet.",
        "You have £500.00 left of £500.00.",
        "No claims against this budget yet.",
        "Nothing else spent from this budget yet.",
        "No decisions recorded yet.",
    ):
        assert said in text


def test_a_long_record_runs_on_with_headings_repeated_and_pages_numbered(tmp_path):
    count = 40
    spends = tuple(Spend(n, TODAY, f"Bus fares {n}", 2_00, "") for n in range(count))
    decisions = tuple(
        Decision(n, TODAY, f"Decision number {n}, written out at some length " * 2, None, "")
        for n in range(count)
    )
    path = tmp_path / "long.pdf"
    pages = write_statement(
        path,
        statement(
            paid_claims=ClaimTotals(count, 400_00, 0),
            spends=spends,
            decisions=decisions,
            paid_pence=480_00,
        ),
    )
    texts = pdf_pages(path)
    assert pages == len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
    assert "You have £20.00 left of £500.00." in texts[0]
    continued = [text for text in texts[1:] if "Date" in text]
    assert continued, "a table running onto the next page repeats its headings"
    assert "Bus fares 39" in " ".join(texts)


def test_large_print_sets_the_statement_at_16_points_or_more(tmp_path):
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    assert write_statement(normal, statement()) == 1
    assert write_statement(large, statement(), large=True) >= 1
    sizes: set[float] = set()
    PdfReader(large).pages[0].extract_text(
        visitor_text=lambda text, _cm, tm, _font, size: (
            sizes.add(round(size * tm[0], 1)) if text.strip() else None
        )
    )
    assert min(sizes) >= 14  # the page's own foot is 14 pt; the statement itself 16 pt and up
    assert "You have £500.00 left of £500.00." in pdf_pages(large)[0]


def test_only_a_budget_handed_to_a_group_has_a_group_statement(database, tmp_path):
    admin, _approver, _worker = money_team(database)
    with database.session_scope() as session:
        budget_id = save_budget(session, admin, BudgetDetails(TODAY, "Running costs", 900_00))
    out = tmp_path / "out"
    out.mkdir()
    request = DocumentRequest(DocumentKind.BUDGET_STATEMENT, budget_id=budget_id)
    with pytest.raises(KnownError, match="is not handed to a group"):
        make_document(database, admin, request, out / "statement.pdf", MADE_ON)
    assert list(out.iterdir()) == []
