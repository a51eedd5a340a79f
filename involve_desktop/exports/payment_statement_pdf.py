"""One person's payment statement as a PDF: every claim for work in a period, with fees
(earnings) and costs paid back kept apart, the totals, and a plain note that it is a record
to help with benefits or tax questions, not advice.

Built on the shared foundation in `exports/document.py`; reportlab is imported inside
functions only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import format_pence
from involve_desktop.exports.document import (
    Styles,
    bold,
    heading,
    table,
    text,
)
from involve_desktop.exports.document_parts import DocumentPart, writer
from involve_desktop.exports.form_boxes import bold_cell, column_shares

if TYPE_CHECKING:
    from involve_desktop.services.report_claims import PaymentStatement, StatementClaim

PARTLY_OUTSIDE = "*"


def statement_title(data: PaymentStatement) -> str:
    return f"Payment statement for {data.person_name}"


def period_words(data: PaymentStatement) -> str:
    return f"Work from {long_date(data.first)} to {long_date(data.last)}"


def payment_statement_part(data: PaymentStatement, look: Styles) -> DocumentPart:
    from involve_desktop.services.report_claims import STATEMENT_NOT_ADVICE

    story: list = [
        text("Payment statement", look.title),
        text([bold(data.person_name)], look.body),
    ]
    if data.address.strip():
        story.append(text(data.address, look.body))
    story += [
        text(
            f"{period_words(data)}: what {data.organisation_name or 'we'} paid, or has still to "
            f"pay, to {data.person_name} as {data.terms.with_article()}, for their time and "
            "for costs paid back.",
            look.body,
        ),
        heading("Totals", 1, look),
        _totals_table(data, look),
        text(
            "Fees are payment for time, so they can count as earnings. Costs paid back "
            "(mileage and expenses) repay money spent, and are kept apart.",
            look.body,
        ),
        text(STATEMENT_NOT_ADVICE, look.body),
        heading("Each claim", 1, look),
    ]
    if data.claims:
        story.append(_claims_table(data, look))
        story.append(
            text(
                "Claims count from when they are sent for approval, on the date of the work. "
                "Drafts and claims that were not approved are not included.",
                look.small,
            )
        )
        if any(claim.partly_outside for claim in data.claims):
            story.append(
                text(
                    f"{PARTLY_OUTSIDE} Part of this claim is for work outside the period; "
                    "only the part inside it is counted here.",
                    look.small,
                )
            )
    else:
        story.append(text("No claims for work in this period.", look.body))
    return DocumentPart(statement_title(data), period_words(data), story)


write_payment_statement_pdf = writer(payment_statement_part)


def _totals_table(data: PaymentStatement, look: Styles) -> Any:
    from reportlab.platypus import TableStyle

    rows: list[list[Any]] = [
        [
            "Paid",
            format_pence(data.paid_fees_pence),
            format_pence(data.paid_expenses_pence),
            format_pence(data.paid_fees_pence + data.paid_expenses_pence),
        ],
        [
            "Approved or waiting, not paid yet",
            format_pence(data.waiting_fees_pence),
            format_pence(data.waiting_expenses_pence),
            format_pence(data.waiting_fees_pence + data.waiting_expenses_pence),
        ],
        [
            bold_cell("Total", look),
            bold_cell(format_pence(data.fees_pence), look, figure=True),
            bold_cell(format_pence(data.expenses_pence), look, figure=True),
            bold_cell(format_pence(data.total_pence), look, figure=True),
        ],
    ]
    result = table(
        ("", "Fees (earnings)", "Costs paid back", "All"),
        rows,
        column_shares(look, (4, 2, 2, 2), (3.4, 2.4, 2.4, 2.4)),
        look,
        numeric_columns=(1, 2, 3),
    )
    result.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 1.0, (0, 0, 0))]))
    return result


def _claims_table(data: PaymentStatement, look: Styles) -> Any:
    """One row a claim. Large print has no room for six columns at 16 pt, so the claim's
    number goes with its date and where it is goes under what it was for."""
    from reportlab.platypus import TableStyle

    fees = bold_cell(format_pence(data.fees_pence), look, figure=True)
    costs = bold_cell(format_pence(data.expenses_pence), look, figure=True)
    if look.options.large_print:
        headings: tuple[str, ...] = ("Claim and work date", "What for", "Fees", "Costs paid back")
        rows: list[list[Any]] = [
            [
                f"Claim {_number(claim)}\n{long_date(claim.work_date)}",
                text([claim.what_for, bold(f"\n{_where(claim)}")], look.cell),
                format_pence(claim.fees_pence),
                format_pence(claim.expenses_pence),
            ]
            for claim in data.claims
        ]
        rows.append([bold_cell("Total", look), "", fees, costs])
        # The figures are given their own width whatever the shares: the rest goes to words.
        shares: tuple[float, ...] = (2.4, 3.8, 1.8, 2.0)
        figures: tuple[int, ...] = (2, 3)
    else:
        headings = ("Claim", "Work date", "What for", "Fees", "Costs paid back", "Where it is")
        rows = [
            [
                _number(claim),
                long_date(claim.work_date),
                claim.what_for,
                format_pence(claim.fees_pence),
                format_pence(claim.expenses_pence),
                _where(claim),
            ]
            for claim in data.claims
        ]
        rows.append([bold_cell("Total", look), "", "", fees, costs, ""])
        shares = (1.1, 2.7, 2.9, 1.9, 1.9, 3)
        figures = (3, 4)
    # The total keeps the last two claims with it: never a total alone at the top of a page.
    result = table(headings, rows, shares, look, numeric_columns=figures, keep_last_rows=3)
    result.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 1.0, (0, 0, 0))]))
    return result


def _number(claim: StatementClaim) -> str:
    return f"{claim.claim_id}{PARTLY_OUTSIDE if claim.partly_outside else ''}"


def _where(claim: StatementClaim) -> str:
    if claim.status is ClaimStatus.PAID:
        paid = f"Paid on {long_date(claim.paid_on)}" if claim.paid_on else "Paid"
        return f"{paid} ({claim.payment_method.lower()})"
    if claim.status is ClaimStatus.APPROVED:
        return "Approved, not paid yet"
    return "Waiting for approval"
