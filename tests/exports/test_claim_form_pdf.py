"""The claim form as a PDF, read back: the blank form carries the policy's rates, the boxes to
fill in and sign, and the office's box; a filled form shows the claim's lines, rates, amounts
and totals exactly, who approved and paid it, and names in any script."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from involve_desktop.db.models import Person
from involve_desktop.domain.claims import ClaimLine, LineKind, Receipt
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.exports.claim_form_pdf import write_claim_form_pdf
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.services.claim_workflow import approve_claim, make_payment_run, submit_claim
from involve_desktop.services.report_claims import blank_claim_form, filled_claim_form
from tests.conftest import EXAMPLE_ORGANISATION
from tests.db.claim_helpers import (
    TODAY,
    add_claim,
    add_claimant,
    add_paid_activity,
    expense,
    fee,
    money_team,
)

MADE_ON = date(2026, 11, 26)
HEADER = DocumentHeader(EXAMPLE_ORGANISATION.name, None, EXAMPLE_ORGANISATION.charity_number)
# Printed at a fixed size on every page, whatever the print size: the page's own furniture.
PAGE_FURNITURE = (EXAMPLE_ORGANISATION.name, "Registered charity number", "Page ", "Claim form")


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def body_sizes(path: Path, furniture: tuple[str, ...] = PAGE_FURNITURE) -> list[tuple[str, float]]:
    """(text, size in points) of everything printed outside the page's header and foot."""
    found: list[tuple[str, float]] = []

    def visit(words, _cm, matrix, _font, size):  # type: ignore[no-untyped-def]
        words = words.strip()
        if words and not words.startswith(furniture):
            found.append((words, size * matrix[0]))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


def paid_cheque_claim(database) -> int:  # type: ignore[no-untyped-def]
    admin, _, worker = money_team(database)
    person = add_claimant(database, "Łukasz", "Wiśniewski", method=PaymentMethod.CHEQUE)
    with database.session_scope() as session:
        session.get(Person, person).address = "1 High Street\nCardiff"
    activity = add_paid_activity(database, "Interview panel")
    claim_id = add_claim(
        database,
        worker,
        person,
        fee(150, activity_id=activity),
        ClaimLine(LineKind.MILEAGE, "Car", 1230, 45, TODAY, "Home to the office"),
        expense(
            4_50,
            "Fares",
            receipts=(Receipt("bus ticket.pdf", "application/pdf", 9, b"%PDF-1.4\n"),),
        ),
        method=PaymentMethod.CHEQUE,
    )
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
        approve_claim(session, admin, claim_id)
        make_payment_run(session, admin, [claim_id], TODAY, today=TODAY)
    return claim_id


def test_the_blank_form_carries_the_rates_and_room_to_fill_in_and_sign(database, tmp_path):
    money_team(database)
    with database.session_scope() as session:
        form = blank_claim_form(session, TODAY)
    path = tmp_path / "blank.pdf"

    pages = write_claim_form_pdf(form, path, HEADER, PdfOptions(), MADE_ON)

    said = pdf_text(path)
    assert pages == 2 == len(PdfReader(path).pages)
    assert "For experts by experience claiming" in said  # the charity's own word
    for rate in ("Fee per hour £25.00", "Fee per session £40.00", "Mileage by car 45p a mile"):
        assert rate in said
    assert "Childcare" in said and "Support worker or personal assistant" in said
    assert "Please attach a receipt for any cost over £10.00." in said
    assert "☐ Bank transfer" in said and "☐ Voucher" in said
    for box in ("Your name", "Your address", "Receipt attached", "Signature", "Date"):
        assert box in said
    assert "I confirm that what I have written on this form is right" in said
    assert "For office use Approved by" in said and "Paid by" in said
    assert "Page 2 of 2 · Made on 26 November 2026" in said


def test_a_most_per_line_and_no_receipt_rule_are_said_plainly(database, tmp_path):
    from dataclasses import replace

    from involve_desktop.services.report_claims import PriceRate

    money_team(database)
    with database.session_scope() as session:
        form = blank_claim_form(session, TODAY)
    assert form.rates is not None
    rates = replace(
        form.rates,
        expenses=(PriceRate("Childcare", 40_00), PriceRate("Fares", None)),
        receipt_over_pence=None,
    )
    path = tmp_path / "rules.pdf"
    write_claim_form_pdf(replace(form, rates=rates), path, HEADER, PdfOptions(), MADE_ON)
    said = pdf_text(path)
    assert "Childcare (up to £40.00 a line)" in said
    assert "Receipts help, but the policy does not ask for them." in said


def test_a_filled_form_shows_the_claim_at_its_rates_with_exact_totals(database, tmp_path):
    claim_id = paid_cheque_claim(database)
    with database.session_scope() as session:
        form = filled_claim_form(session, claim_id)
    path = tmp_path / "filled.pdf"

    write_claim_form_pdf(form, path, HEADER, PdfOptions(), MADE_ON)

    said = pdf_text(path)
    assert f"Claim {claim_id}" in said and "Paid on 26 November 2026." in said
    assert "Łukasz Wiśniewski" in said and "ŁUKASZ WIŚNIEWSKI" in said
    assert "1 High Street Cardiff" in said  # paid by cheque, so the address is printed
    assert "☒ Cheque" in said and "☐ Bank transfer" in said
    assert "Interview panel 1.5 £25.00 per hour £37.50" in said
    assert "Home to the office (car) 12.3 45p per mile £5.54" in said
    assert "Fares bus ticket.pdf £4.50" in said
    assert "Fees for time (earnings) £37.50" in said
    assert "Travel and costs paid back £10.04" in said
    assert "Total £47.54" in said
    assert "Approved Priya Shah 26 November 2026" in said
    assert "Paid Priya Shah 26 November 2026" in said
    assert "Sent for approval Tom Reed" in said
    assert "Signature" in said and "The rates we pay" in said


def test_large_print_sets_every_line_at_16_points_or_more_on_more_pages(database, tmp_path):
    claim_id = paid_cheque_claim(database)
    with database.session_scope() as session:
        blank = blank_claim_form(session, TODAY)
        filled = filled_claim_form(session, claim_id)
    for name, form in (("blank", blank), ("filled", filled)):
        normal, large = tmp_path / f"{name}.pdf", tmp_path / f"{name}-large.pdf"
        normal_pages = write_claim_form_pdf(form, normal, HEADER, PdfOptions(), MADE_ON)
        large_pages = write_claim_form_pdf(
            form, large, HEADER, PdfOptions(large_print=True), MADE_ON
        )
        assert large_pages > normal_pages
        sizes = body_sizes(large)
        assert sizes and min(size for _words, size in sizes) >= 16, sizes
        assert min(size for _words, size in body_sizes(normal)) < 16
        assert "£25.00" in pdf_text(large)


def test_a_name_in_any_script_prints_as_written(database, tmp_path):
    _, _, worker = money_team(database)
    person = add_claimant(database, "Siân", "ap Gwilym")
    claim_id = add_claim(database, worker, person, fee(100))
    with database.session_scope() as session:
        form = filled_claim_form(session, claim_id)
    path = tmp_path / "welsh.pdf"
    write_claim_form_pdf(form, path, HEADER, PdfOptions(), MADE_ON)
    said = pdf_text(path)
    assert "Siân ap Gwilym" in said
    assert "Not sent for approval yet (a draft)." in said
    assert "No costs on this claim." in said


def test_the_cheque_is_said_to_go_to_the_address_above_only_when_one_is_printed(database, tmp_path):
    cheque = paid_cheque_claim(database)
    _, _, worker = money_team(database)
    person = add_claimant(database, "Siân", "ap Gwilym")  # paid by bank transfer
    transfer = add_claim(database, worker, person, fee(100))
    said = {}
    for name, claim_id in (("cheque", cheque), ("transfer", transfer)):
        with database.session_scope() as session:
            form = filled_claim_form(session, claim_id)
        path = tmp_path / f"{name}.pdf"
        write_claim_form_pdf(form, path, HEADER, PdfOptions(), MADE_ON)
        said[name] = pdf_text(path)
    assert "Address for the cheque 1 High Street Cardiff" in said["cheque"]
    assert "☒ Cheque, posted to the address above" in said["cheque"]
    assert "Address for the cheque" not in said["transfer"]
    assert "address above" not in said["transfer"]
    assert "☐ Cheque, posted to your address" in said["transfer"]
