"""A person's payment statement as a PDF, read back: each claim with fees and costs apart,
totals equal to the app's own figures for the period, nobody else's claims, the note that it
is a record and not advice, names in any script, and large print at 16 pt or more."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from involve_desktop.domain.money import format_pence
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.exports.payment_statement_pdf import write_payment_statement_pdf
from involve_desktop.services.claim_workflow import approve_claim, make_payment_run
from involve_desktop.services.money_totals import period_total
from involve_desktop.services.report_claims import payment_statement
from tests.conftest import EXAMPLE_ORGANISATION
from tests.db.claim_helpers import add_claim, add_claimant, expense, fee, money_team, submitted
from tests.exports.test_claim_form_pdf import PAGE_FURNITURE, body_sizes, pdf_text

MADE_ON = date(2026, 11, 26)
HEADER = DocumentHeader(EXAMPLE_ORGANISATION.name, None, EXAMPLE_ORGANISATION.charity_number)
FIRST, LAST = date(2026, 4, 1), date(2027, 3, 31)


def a_years_claims(database):  # type: ignore[no-untyped-def]
    """Siân's claims (one paid, one running past the year's end) and one of Zoë's."""
    admin, _, worker = money_team(database)
    sian = add_claimant(database, "Siân", "ap Gwilym")
    zoe = add_claimant(database, "Zoë", "Okafor-Smith")
    paid = submitted(database, worker, sian, fee(200, day=date(2026, 5, 4)), expense(3_40))
    with database.session_scope() as session:
        approve_claim(session, admin, paid)
        make_payment_run(session, admin, [paid], date(2026, 11, 26), today=date(2026, 11, 26))
    across = submitted(
        database,
        worker,
        sian,
        fee(100, day=date(2027, 3, 31)),
        fee(300, day=date(2027, 4, 1)),  # next year: not on this statement
    )
    add_claim(database, worker, sian, fee(900, day=date(2026, 6, 1)))  # a draft
    theirs = submitted(database, worker, zoe, fee(777, day=date(2026, 6, 1)))
    return sian, zoe, paid, across, theirs


def test_the_statement_holds_each_claim_and_the_apps_own_totals(database, tmp_path):
    sian, _zoe, paid, across, _theirs = a_years_claims(database)
    with database.session_scope() as session:
        statement = payment_statement(session, sian, FIRST, LAST)
        totals = period_total(session, sian, FIRST, LAST)
    path = tmp_path / "statement.pdf"

    pages = write_payment_statement_pdf(statement, path, HEADER, PdfOptions(), MADE_ON)

    said = pdf_text(path)
    assert pages == len(PdfReader(path).pages) == 1
    assert "Siân ap Gwilym" in said and "as an expert by experience" in said
    assert "Work from 1 April 2026 to 31 March 2027" in said
    fees, costs = format_pence(totals.fees_pence), format_pence(totals.expenses_pence)
    assert (fees, costs) == ("£75.00", "£3.40")
    assert f"Total {fees} {costs} {format_pence(totals.total_pence)}" in said
    assert "Paid £50.00 £3.40 £53.40" in said
    assert "Approved or waiting, not paid yet £25.00 £0.00 £25.00" in said
    assert f"{paid} 4 May 2026 Fee by the hour £50.00 £3.40 Paid on 26 November 2026" in said
    assert f"{across}* 31 March 2027 Fee by the hour £25.00 £0.00 Waiting for approval" in said
    assert f"Total {fees} {costs}" in said.split("Each claim")[1]
    assert "Part of this claim is for work outside the period" in said
    assert "It is not advice" in said and "benefits or tax" in said
    assert "Fees (earnings)" in said and "Costs paid back" in said
    assert "Zoë" not in said and "£194.25" not in said


def test_a_claim_of_someone_else_is_never_on_the_statement(database, tmp_path):
    sian, zoe, _paid, _across, theirs = a_years_claims(database)
    with database.session_scope() as session:
        hers = payment_statement(session, sian, FIRST, LAST)
        others = payment_statement(session, zoe, FIRST, LAST)
    path = tmp_path / "zoe.pdf"
    write_payment_statement_pdf(others, path, HEADER, PdfOptions(), MADE_ON)
    said = pdf_text(path)
    assert [claim.claim_id for claim in others.claims] == [theirs]
    assert theirs not in {claim.claim_id for claim in hers.claims}
    assert "Zoë Okafor-Smith" in said and "Siân" not in said
    assert "Total £194.25 £0.00 £194.25" in said


def test_a_period_with_no_claims_says_so(database, tmp_path):
    sian, *_ = a_years_claims(database)
    with database.session_scope() as session:
        statement = payment_statement(session, sian, date(2025, 4, 1), date(2026, 3, 31))
    path = tmp_path / "empty.pdf"
    write_payment_statement_pdf(statement, path, HEADER, PdfOptions(), MADE_ON)
    said = pdf_text(path)
    assert "No claims for work in this period." in said
    assert "Total £0.00 £0.00 £0.00" in said


def test_a_long_statement_in_large_print_runs_on_at_16_points_or_more(database, tmp_path):
    _, _, worker = money_team(database)
    person = add_claimant(database, "Łukasz", "Wiśniewski")
    for day in range(1, 29):
        submitted(database, worker, person, fee(100, day=date(2026, 4, day)), expense(2_00))
    with database.session_scope() as session:
        statement = payment_statement(session, person, FIRST, LAST)
        totals = period_total(session, person, FIRST, LAST)
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"

    normal_pages = write_payment_statement_pdf(statement, normal, HEADER, PdfOptions(), MADE_ON)
    large_pages = write_payment_statement_pdf(
        statement, large, HEADER, PdfOptions(large_print=True), MADE_ON
    )

    assert large_pages > normal_pages >= 2
    sizes = body_sizes(large, (*PAGE_FURNITURE, "Payment statement"))
    assert min(size for _words, size in sizes) >= 16
    for path in (normal, large):
        said = pdf_text(path)
        assert "Łukasz Wiśniewski" in said
        assert format_pence(totals.fees_pence) == "£700.00" and "£700.00" in said
        assert "£56.00" in said  # 28 costs of £2.00
        # Every page the claims run onto repeats the table's headings.
        for page in PdfReader(path).pages[1:]:
            if "Fee by the hour" in page.extract_text() or "Claim " in page.extract_text():
                assert "What for" in page.extract_text()


def test_the_foot_names_a_chinese_or_urdu_claimant_as_written(database, tmp_path):
    import unicodedata

    _, _, worker = money_team(database)
    for first, last in (("芳", "王"), ("عائشہ", "قریشی")):
        person = add_claimant(database, first, last)
        submitted(database, worker, person, fee(100, day=date(2026, 5, 4)))
        with database.session_scope() as session:
            statement = payment_statement(session, person, FIRST, LAST)
        for large in (False, True):
            path = tmp_path / f"{person}-{large}.pdf"
            options = PdfOptions(large_print=large)
            write_payment_statement_pdf(statement, path, HEADER, options, MADE_ON)
            for page in PdfReader(path).pages:
                # The foot is drawn last on each page: the page's text ends with it.
                said = unicodedata.normalize("NFKC", page.extract_text()).strip()
                assert said.endswith(f"Payment statement for {statement.person_name}"), said[-80:]
