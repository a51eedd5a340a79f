"""The claim form as a PDF: blank, for someone who claims on paper, or filled in from one claim.

Both carry the payment policy's rates (so the person sees what they will be paid), the
declaration in plain words and boxes to sign and date. The blank form leaves room to write
by hand: boxes for name and address, tick boxes with words for how to be paid, ruled rows
for time, travel and costs, and a box the office fills in. The filled form shows the claim's
lines at their rates, the totals, where the claim has got to and who approved and paid it.

Built on the shared foundation in `exports/document.py`; reportlab is imported inside
functions only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from involve_desktop.domain.claims import ClaimStatus, LineKind
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import format_pence, format_quantity, format_rate
from involve_desktop.exports.document import (
    MM,
    Styles,
    bold,
    heading,
    table,
    text,
)
from involve_desktop.exports.document_parts import DocumentPart, writer
from involve_desktop.exports.document_table import fitted_widths, needed_width
from involve_desktop.exports.form_boxes import (
    BOX_GREY,
    WRITING_ROW_MM,
    bold_cell,
    column_shares,
    gap,
    ruled_rows,
    tick_choices,
    write_in_boxes,
)

if TYPE_CHECKING:
    from involve_desktop.services.report_claims import (
        BlankClaimForm,
        FilledClaimForm,
        FormLine,
        PolicyRates,
    )

BLANK_TIME_ROWS = 5
BLANK_COST_ROWS = 3

DECLARATION = (
    "I confirm that what I have written on this form is right: I did the work on the days "
    "given, I travelled the miles given, and I paid the costs given. I have not claimed any "
    "of it anywhere else. I understand that fees are payment for my time and may count as "
    "earnings; costs paid back are not earnings."
)


def claim_form_title(data: BlankClaimForm | FilledClaimForm) -> str:
    from involve_desktop.services.report_claims import FilledClaimForm

    if isinstance(data, FilledClaimForm):
        return f"Claim form: claim {data.claim_id}"
    return "Claim form"


def claim_form_part(data: BlankClaimForm | FilledClaimForm, look: Styles) -> DocumentPart:
    """The form, blank or filled in as `data` is."""
    from involve_desktop.services.report_claims import FilledClaimForm

    if isinstance(data, FilledClaimForm):
        story = _filled_story(data, look)
        subject = f"Claim {data.claim_id} for {data.person_name}"
    else:
        story = _blank_story(data, look)
        subject = f"A claim form for {data.terms.plural} to fill in by hand"
    return DocumentPart(claim_form_title(data), subject, story)


write_claim_form_pdf = writer(claim_form_part)


def _blank_story(data: BlankClaimForm, look: Styles) -> list:
    from reportlab.platypus import KeepTogether

    story: list = [
        text("Claim form", look.title),
        text(
            f"For {data.terms.plural} claiming a fee for their time, travel by their own "
            "vehicle, or costs they paid. Please fill in what applies, sign at the end and "
            "give or post the form to the office with any receipts. The rates we pay are "
            "at the end.",
            look.body,
        ),
        KeepTogether(
            [
                heading("About you", 1, look),
                write_in_boxes([("Your name", "", 1)], WRITING_ROW_MM, look),
                write_in_boxes(
                    [("Your address (needed if you are paid by cheque)", "", 1)], 18, look
                ),
                text("How you would like to be paid (tick one):", look.body),
                *tick_choices(data.payment_choices, None, look),
            ]
        ),
        KeepTogether(
            [
                heading("Your time and travel", 1, look),
                text(
                    "One row for each activity or journey. For a journey, write where from "
                    "and to, and the vehicle. More rows are needed? Please use a second form.",
                    look.small,
                ),
                ruled_rows(
                    ("Date", "Activity or journey", "Hours, sessions or miles", "Rate", "Amount"),
                    (2.4, 4.2, 3, 2, 2.6),
                    BLANK_TIME_ROWS,
                    look,
                ),
            ]
        ),
        KeepTogether(
            [
                heading("Costs to pay back", 1, look),
                ruled_rows(
                    ("Date", "What it was for", "Amount", "Receipt attached"),
                    (2.4, 5.8, 2.6, 3.2),
                    BLANK_COST_ROWS,
                    look,
                    tick_column=3,
                ),
            ]
        ),
        *_rates_section(data.rates, look),
        KeepTogether(
            [
                heading("Totals", 1, look),
                write_in_boxes(
                    [
                        ("Total fees for my time", "£", 1),
                        ("Total travel and costs", "£", 1),
                        ("Total claimed", "£", 1),
                    ],
                    WRITING_ROW_MM,
                    look,
                ),
            ]
        ),
        *_signature_section(look, signed_name=""),
        *_office_section(look, approved=("", ""), paid=("", ""), number=""),
    ]
    return story


def _filled_story(data: FilledClaimForm, look: Styles) -> list:
    story: list = [
        text(f"Claim {data.claim_id}", look.title),
        text([bold(_status_words(data))], look.body),
    ]
    if data.adjusts_claim_id is not None:
        story.append(
            text(f"This claim corrects claim {data.adjusts_claim_id}, already paid.", look.body)
        )
    story += [
        heading("About you", 1, look),
        write_in_boxes(
            [(f"Name of the {data.terms.singular} claiming", data.person_name, 1)], 0, look
        ),
    ]
    if data.cheque_address:
        story.append(write_in_boxes([("Address for the cheque", data.cheque_address, 1)], 0, look))
    story += [
        text("How you are paid:", look.body),
        *tick_choices(data.payment_choices, data.payment_choice, look),
    ]
    time_lines = [line for line in data.lines if line.kind is not LineKind.EXPENSE]
    cost_lines = [line for line in data.lines if line.kind is LineKind.EXPENSE]
    story.append(heading("Time and travel", 1, look))
    if time_lines:
        story.append(
            table(
                ("Date", "What for", "How many", "Rate", "Amount"),
                [_time_row(line) for line in time_lines],
                column_shares(look, (2.8, 5, 1.6, 2.4, 1.8), (3, 3.6, 1.8, 2.6, 2.5)),
                look,
                numeric_columns=(2, 4),
            )
        )
    else:
        story.append(text("No time or travel on this claim.", look.body))
    story.append(heading("Costs paid back", 1, look))
    if cost_lines:
        story.append(
            table(
                ("Date", "What it was for", "Receipts", "Amount"),
                [_cost_row(line) for line in cost_lines],
                column_shares(look, (2.8, 4.4, 4, 1.8), (3, 3.4, 3.2, 2.5)),
                look,
                numeric_columns=(3,),
            )
        )
    else:
        story.append(text("No costs on this claim.", look.body))
    story += [
        heading("Totals", 1, look),
        _totals_table(data, look),
        *_steps_section(data, look),
        *_rates_section(data.rates, look),
        *_signature_section(look, signed_name=data.person_name),
        *_office_section(
            look,
            approved=_who_and_when(data, "Approved"),
            paid=_who_and_when(data, "Paid"),
            number=str(data.claim_id),
        ),
    ]
    return story


def _status_words(data: FilledClaimForm) -> str:
    status = data.status
    step = data.step(status.label)
    when = f" on {long_date(step.on)}" if step is not None else ""
    return {
        ClaimStatus.DRAFT: "Not sent for approval yet (a draft).",
        ClaimStatus.SUBMITTED: f"Sent for approval{when}.",
        ClaimStatus.APPROVED: f"Approved{when}, waiting to be paid.",
        ClaimStatus.PAID: f"Paid{when}.",
        ClaimStatus.REJECTED: f"Not approved{when}.",
    }[status]


def _time_row(line: FormLine) -> list[str]:
    per = "mile" if line.kind is LineKind.MILEAGE else line.rate_name
    rate = f"{format_rate(line.unit_pence)} per {per}"
    what = line.what_for
    if line.kind is LineKind.MILEAGE and line.rate_name.lower() not in what.lower():
        what = f"{what} ({line.rate_name.lower()})"
    return [
        long_date(line.line_date),
        what,
        format_quantity(line.quantity_hundredths),
        rate,
        format_pence(line.amount_pence),
    ]


def _cost_row(line: FormLine) -> list[str]:
    receipts = "\n".join(line.receipts) if line.receipts else "None"
    what = line.what_for
    if line.quantity_hundredths != 100:  # more than one of the same cost
        quantity = format_quantity(line.quantity_hundredths)
        what = f"{what} ({quantity} at {format_pence(line.unit_pence)})"
    return [long_date(line.line_date), what, receipts, format_pence(line.amount_pence)]


def _totals_table(data: FilledClaimForm, look: Styles) -> Any:
    from reportlab.platypus import TableStyle

    result = table(
        ("", "Amount"),
        [
            ("Fees for time (earnings)", format_pence(data.fees_pence)),
            ("Travel and costs paid back", format_pence(data.expenses_pence)),
            (bold_cell("Total", look), bold_cell(format_pence(data.total_pence), look, True)),
        ],
        (5, 1.6),
        look,
        numeric_columns=(1,),
    )
    result.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 1.0, (0, 0, 0))]))
    return result


def _steps_section(data: FilledClaimForm, look: Styles) -> list:
    story: list = [heading("Where the claim has got to", 1, look)]
    if not data.steps:
        return [*story, text("Not yet sent for approval.", look.body)]
    words = {
        "Submitted": "Sent for approval",
        "Approved": "Approved",
        "Rejected": "Not approved",
        "Paid": "Paid",
    }
    rows = [
        (words.get(step.what, step.what), step.who or "Not recorded", long_date(step.on))
        for step in data.steps
    ]
    story.append(table(("Step", "By", "On"), rows, (3, 4, 3), look))
    if data.status is ClaimStatus.REJECTED and data.rejection_reason:
        story.append(text(f"Why it was not approved: {data.rejection_reason}", look.body))
    return story


def _who_and_when(data: FilledClaimForm, what: str) -> tuple[str, str]:
    step = data.step(what)
    if step is None:
        return "", ""
    return step.who, long_date(step.on)


def _rates_section(rates: PolicyRates | None, look: Styles) -> list:
    story: list = [heading("The rates we pay", 1, look)]
    if rates is None:
        return [*story, text("Please ask the office for the rates in force.", look.body)]
    story.append(
        text(
            f"From the payment policy in force on {long_date(rates.in_force_on)}.",
            look.small,
        )
    )
    time = [(f"Fee per {rate.name}", _pence_or_dash(rate.pence)) for rate in rates.fee_rates]
    time += [
        (f"Mileage by {rate.name.lower()}", f"{_pence_or_dash(rate.pence)} a mile")
        for rate in rates.mileage_rates
    ]
    costs = [
        f"{rate.name} (up to {format_pence(rate.pence)} a line)"
        if rate.pence is not None
        else rate.name
        for rate in rates.expenses
    ]
    # Side by side, so the rates take half the room they would one under the other.
    rows = [
        (
            *(time[index] if index < len(time) else ("", "")),
            costs[index] if index < len(costs) else "",
        )
        for index in range(max(len(time), len(costs)))
    ]
    if rows:
        story.append(
            table(
                ("Time and travel", "Rate", "Costs that can be paid back"),
                rows,
                (3, 2.2, 3.8),
                look,
                numeric_columns=(1,),
            )
        )
        story[-1].setStyle([("LINEBEFORE", (2, 0), (2, -1), 0.6, BOX_GREY)])
        story.append(gap(look))
    if rates.receipt_over_pence is None:
        rule = "Receipts help, but the policy does not ask for them."
    elif rates.receipt_over_pence == 0:
        rule = "Please attach a receipt for every cost."
    else:
        rule = (
            f"Please attach a receipt for any cost over {format_pence(rates.receipt_over_pence)}."
        )
    story.append(text(rule, look.body))
    if rates.notes.strip():
        story.append(text(rates.notes, look.small))
    return story


def _pence_or_dash(pence: int | None) -> str:
    return format_rate(pence) if pence is not None else "\u2014"


def _signature_section(look: Styles, *, signed_name: str) -> list:
    from reportlab.platypus import KeepTogether

    return [
        KeepTogether(
            [
                heading("Declaration", 1, look),
                text(DECLARATION, look.body),
                write_in_boxes(
                    [("Signature", "", 2.4), ("Date", "", 1)],
                    16,
                    look,
                ),
                write_in_boxes(
                    [("Name in capitals", signed_name.upper(), 1)], WRITING_ROW_MM, look
                ),
            ]
        )
    ]


def _office_section(
    look: Styles, *, approved: tuple[str, str], paid: tuple[str, str], number: str
) -> list:
    from reportlab.platypus import KeepTogether, Table, TableStyle

    rows = [
        ("Approved by", approved[0], "On", approved[1]),
        ("Paid by", paid[0], "On", paid[1]),
        ("Claim number", number, "Signed", ""),
    ]
    cells = [[text(value, look.cell) for value in row] for row in rows]
    # Each column at least its longest word ("Administrator" in large print), the rest as
    # shared out; reportlab's own padding is 6 points a side.
    needed = [
        needed_width([row[column] for row in rows], look.font, look.cell.fontSize,
                     whole=False, padding=6)
        for column in range(4)
    ]  # fmt: skip
    office = Table(
        [[text([bold("For office use")], look.cell), "", "", ""], *cells],
        colWidths=fitted_widths((2.7, 2.5, 1.6, 3.2), look.width, needed),
    )
    office.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("BOX", (0, 0), (-1, -1), 1.0, BOX_GREY),
                ("LINEBELOW", (1, 1), (1, -1), 0.4, BOX_GREY),
                ("LINEBELOW", (3, 1), (3, -1), 0.4, BOX_GREY),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * look.scale),
                ("TOPPADDING", (0, 1), (-1, -1), 4 * MM * look.scale),  # room to write
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * look.scale),
            ]
        )
    )
    return [KeepTogether([gap(look), office])]
