"""The statement a group holding a delegated budget is given: one A4 page that says in plain
words how much they have left, then what people were paid through claims, what else was
spent and what the group decided.

Claims are given as counts and totals, never with names: fees are earnings, and what one
person earns is theirs to share (it can matter to anyone on benefits). The group's own
spending and decisions are listed one by one.

Set on the shared page (exports/document.py), in large print too; long lists run onto more
pages with the tables' headings repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import format_pence
from involve_desktop.exports.document import Styles, bold, heading, table, text
from involve_desktop.exports.document_parts import DocumentPart, writer

if TYPE_CHECKING:
    from involve_desktop.services.budget_groups import BudgetStatement, ClaimTotals

SUBJECT = "A delegated budget's statement for the group that holds it"
NO_NAMES = "Claims are added up without names: what each person is paid is private to them."


def statement_title(statement: BudgetStatement) -> str:
    return f"{statement.budget_name} \u2014 statement for the group"


def summary_sentences(statement: BudgetStatement) -> list[str]:
    """The statement's opening, in plain words: what is left, then how it got there."""
    allocated = format_pence(statement.allocated_pence)
    remaining = statement.remaining_pence
    if remaining >= 0:
        first = f"You have {format_pence(remaining)} left of {allocated}."
    else:
        first = f"You have spent {format_pence(-remaining)} more than the {allocated} budget."
    said = [first]
    used = format_pence(statement.paid_pence)
    if statement.committed_pence:
        said.append(
            f"{used} is paid or spent, and {format_pence(statement.committed_pence)} is "
            "approved and waiting to be paid."
        )
    else:
        said.append(f"{used} is paid or spent so far.")
    if statement.waiting_pence:
        said.append(
            f"Claims of {format_pence(statement.waiting_pence)} are waiting for approval; "
            "they are not taken off until they are approved."
        )
    return said


def claim_sentences(statement: BudgetStatement) -> list[str]:
    """What people were paid, are owed and have asked for, as counts and totals."""
    steps = (
        ("Paid to people for their time and costs", statement.paid_claims),
        ("Approved, to be paid", statement.approved_claims),
        ("Waiting for approval (not taken off yet)", statement.waiting_claims),
    )
    if not any(totals.claims for _words, totals in steps):
        return ["No claims against this budget yet."]
    return [f"{words}: {_claims_and_money(totals)}." for words, totals in steps]


def _claims_and_money(totals: ClaimTotals) -> str:
    if not totals.claims:
        return "none"
    count = f"{totals.claims:,} claim{'' if totals.claims == 1 else 's'}"
    return (
        f"{count}, {format_pence(totals.total_pence)} (fees {format_pence(totals.fees_pence)}, "
        f"costs {format_pence(totals.expenses_pence)})"
    )


def budget_statement_part(statement: BudgetStatement, look: Styles) -> DocumentPart:
    summary = summary_sentences(statement)
    story: list = [
        text(statement_title(statement), look.title),
        text(f"Financial year {statement.year_label}.", look.body),
        text(_held_by(statement), look.body),
    ]
    if statement.project.strip():
        story.append(text(f"What the group is doing: {statement.project}", look.body))
    story += [
        text([bold(summary[0])], look.headings[2]),
        *[text(sentence, look.body) for sentence in summary[1:]],
        _figures_table(statement, look),
        heading("Claims", 1, look),
        *[text(sentence, look.body) for sentence in claim_sentences(statement)],
        text(NO_NAMES, look.small),
    ]
    story += _section(
        "Other spending",
        ("Date", "What it was for", "Amount"),
        [
            (long_date(spend.spent_on), spend.description, format_pence(spend.amount_pence))
            for spend in statement.spends
        ],
        "Nothing else spent from this budget yet.",
        look,
    )
    story += _section(
        "What the group decided",
        ("Date", "Decision", "Amount"),
        [
            (
                long_date(decision.decided_on),
                decision.decision,
                format_pence(decision.amount_pence) if decision.amount_pence is not None else "",
            )
            for decision in statement.decisions
        ],
        "No decisions recorded yet.",
        look,
    )
    return DocumentPart(f"{statement.budget_name} statement {statement.year_label}", SUBJECT, story)


write_budget_statement_pdf = writer(budget_statement_part)


def _held_by(statement: BudgetStatement) -> str:
    group = ", ".join(statement.holders) if statement.holders else "nobody listed yet"
    return f"Held by: {group}."


def _figures_table(statement: BudgetStatement, look: Styles):  # type: ignore[no-untyped-def]
    """The sum written out: given, less what went out, gives what is left (in bold)."""
    paid_claims = statement.paid_pence - statement.other_spend_pence
    left = statement.remaining_pence
    last = "Left" if left >= 0 else "Over budget by"
    rows: list[Sequence] = [
        ("Given to the group", format_pence(statement.allocated_pence)),
        ("Claims paid", f"\u2212 {format_pence(paid_claims)}"),
        ("Other spending", f"\u2212 {format_pence(statement.other_spend_pence)}"),
        ("Claims approved, to be paid", f"\u2212 {format_pence(statement.committed_pence)}"),
        (
            text([bold(last)], look.cell),
            text([bold(format_pence(abs(left)))], look.cell_figure),
        ),
    ]
    return table(("The budget", "Amount"), rows, (3, 1), look, numeric_columns=(1,))


def _section(
    title: str,
    headings: Sequence[str],
    rows: list[Sequence[str]],
    when_empty: str,
    look: Styles,
) -> list:
    if not rows:
        return [heading(title, 1, look), text(when_empty, look.body)]
    return [
        heading(title, 1, look),
        table(headings, rows, (1.6, 4, 1.1), look, numeric_columns=(2,)),
    ]
