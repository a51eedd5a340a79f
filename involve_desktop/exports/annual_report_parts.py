"""The sections of the annual involvement report (exports/annual_report_pdf.py).

Each section opens with the year's own sentence from `year_figures` and then the table that
sets its numbers out; every figure is `report.figures`' as it stands. Tables have their
numbers in words too, so a page printed in black and white, or read aloud, loses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.level_history import LEVELS
from involve_desktop.domain.money import format_pence
from involve_desktop.exports.charts import bar_chart, grouped_bars, pyramid
from involve_desktop.exports.document import Styles, bold, heading, table, text
from involve_desktop.services.year_figures_share import Share

if TYPE_CHECKING:
    from involve_desktop.services.report_annual import AnnualReport, PlanLine, YouSaidWeDid

NO_ROLE = "No role recorded"
QUOTES_NOTE = (
    "What people said is given in their words. Feedback from an activity is the group's, "
    "said without names. A person's words are printed as theirs only when they have agreed "
    "to be quoted; otherwise they are left out."
)
MONEY_NOTE = (
    "Payments count in the year of the work each claim line is for. A budget counts the "
    "claims charged to it, so its paid figure can differ from the payments by a claim for "
    "work either side of the year's first day. Committed: claims approved and still to be "
    "paid."
)


def _n(count: int) -> str:
    return f"{count:,}"


def _lead_in(words: str, look: Styles):  # type: ignore[no-untyped-def]
    """A small note that introduces the table after it, kept on the same page as it."""
    from reportlab.lib.styles import ParagraphStyle

    return text(words, ParagraphStyle("lead-in", parent=look.small, keepWithNext=1))


def took_part_section(data: AnnualReport, look: Styles) -> list:
    figures, terms = data.figures, data.terms
    people = figures.people
    levels = [
        [level.label, _n(count)] for level, count in zip(LEVELS, people.by_level, strict=True)
    ]
    levels.append(["All levels", _n(people.total)])
    story = [
        heading("Who took part", 0, look),
        text(people.summary, look.body),
        pyramid(
            [(level.label, count) for level, count in zip(LEVELS, people.by_level, strict=True)],
            look=look,
            title=f"{terms.plural_title} who took part, by level",
        ),
        table(
            ("Level of involvement", terms.plural_title), levels, (3, 1), look, numeric_columns=(1,)
        ),
        text(
            f"Levels are as on {long_date(people.as_of)}, from the broad base (observing) to "
            "the top (leading).",
            look.small,
        ),
    ]
    roles = [[role.role or NO_ROLE, _n(role.total)] for role in people.roles if role.total]
    if roles:
        story += [
            heading("By role", 1, look),
            table(("Role", terms.plural_title), roles, (3, 1), look, numeric_columns=(1,)),
            text("Someone with several roles is counted in each.", look.small),
        ]
    new, away = figures.new_people, figures.not_taking_part
    story += [
        heading(f"New {terms.plural}", 1, look),
        text(new.summary, look.body),
        heading("Not taking part at the moment", 1, look),
        text(away.summary, look.body),
        text(away.note, look.body),
    ]
    barriers = [
        [count.barrier.label, _n(count.people), _n(count.not_taking_part)]
        for count in away.barriers
        if count.people
    ]
    if barriers:
        story.append(
            table(
                ("Barrier recorded", "On the register", "Of them, not taking part"),
                barriers,
                (2.4, 1, 1.3),
                look,
                numeric_columns=(1, 2),
            )
        )
    return story


def what_they_did_section(data: AnnualReport, look: Styles) -> list:
    held = data.figures.activities
    story = [heading("What they did", 0, look), text(held.summary, look.body)]
    if held.total:
        story.append(
            bar_chart(
                [row.power.label for row in held.by_power],
                [row.count for row in held.by_power],
                title="Activities by how much power was shared",
                look=look,
            )
        )
        story.append(
            table(
                ("Power shared", "What it means", "Activities"),
                [
                    [row.power.label, row.power.meaning, Share(row.count, held.total).words("0")]
                    for row in held.by_power
                ],
                (1.6, 2.6, 1.3),
                look,
                numeric_columns=(2,),
            )
        )
    if held.by_kind:
        story += [
            heading("By kind of activity", 1, look),
            table(
                ("Kind", "Activities"),
                [[row.label, _n(row.count)] for row in held.by_kind],
                (3, 1),
                look,
                numeric_columns=(1,),
            ),
        ]
    if data.activities:
        rows = [
            [
                long_date(line.held_on) + (" (to come)" if line.to_come else ""),
                line.title,
                line.power.label,
                "" if line.to_come else _n(line.attended),
            ]
            for line in data.activities
        ]
        story += [
            heading("The year's activities", 1, look),
            table(
                ("Date", "Activity", "Power shared", "Came"),
                rows,
                (1.5, 3, 1.5, 0.8),
                look,
                numeric_columns=(3,),
            ),
        ]
    return story


def you_said_section(data: AnnualReport, look: Styles) -> list:
    story = [
        heading("You said, we did", 0, look),
        text(data.figures.impact.summary, look.body),
    ]
    if not data.you_said:
        story.append(text("No impact records belong to the year.", look.body))
        return story
    if look.options.large_print:
        # Four columns of 16 pt text are too narrow to read: one block for each record.
        story.append(_lead_in(QUOTES_NOTE, look))
        for record in data.you_said:
            story.append(
                table(
                    (long_date(record.dated), record.came_from),
                    [("You said", _said(record)), ("We did", _did(record)), ("Told?", record.told)],
                    (1.3, 3.4),
                    look,
                )
            )
        return story
    story.append(_lead_in(QUOTES_NOTE, look))
    rows = [
        [f"{long_date(record.dated)}\n{record.came_from}", _said(record), _did(record), record.told]
        for record in data.you_said
    ]
    story.append(
        table(("When and where", "You said", "We did", "Told?"), rows, (1.5, 2.3, 2.3, 1.1), look)
    )
    return story


def _said(record: YouSaidWeDid) -> str:
    if record.quoted:
        return f"\u201c{record.said}\u201d \u2014 {record.quoted}"
    return record.said


def _did(record: YouSaidWeDid) -> str:
    if record.changed:
        when = f" ({long_date(record.changed_on)})" if record.changed_on else ""
        return f"{record.changed}{when}"
    if record.decided:
        return f"Decided: {record.decided}"
    return "Nothing changed yet."


def money_section(data: AnnualReport, look: Styles) -> list:
    money = data.figures.money
    story = [
        heading("Money", 0, look),
        text(money.summary, look.body),
        table(
            ("Paid for the year's work", "Amount"),
            [
                ["Fees (time and expertise)", format_pence(money.fees_paid_pence)],
                ["Mileage and expenses", format_pence(money.expenses_paid_pence)],
                [
                    text([bold("Total paid")], look.cell),
                    text([bold(format_pence(money.paid_pence))], look.cell_figure),
                ],
                [f"{data.terms.plural_title} paid", _n(money.people_paid)],
                ["Claimed and waiting to be paid", format_pence(money.waiting_pence)],
            ],
            (3, 1.2),
            look,
            numeric_columns=(1,),
        ),
    ]
    if money.budgets:
        rows = [
            [
                budget.name + (" (held by a group)" if budget.delegated else ""),
                format_pence(budget.allocated_pence),
                format_pence(budget.committed_pence),
                format_pence(budget.paid_pence),
                format_pence(budget.remaining_pence),
            ]
            for budget in money.budgets
        ]
        rows.append(
            [
                "All budgets",
                format_pence(money.allocated_pence),
                format_pence(money.committed_pence),
                format_pence(money.budget_paid_pence),
                format_pence(money.remaining_pence),
            ]
        )
        story += [
            heading("Against the year's budgets", 1, look),
            grouped_bars(
                [budget.name for budget in money.budgets],
                [
                    ("Allocated", [budget.allocated_pence for budget in money.budgets]),
                    ("Paid", [budget.paid_pence for budget in money.budgets]),
                ],
                title="Each budget: allocated and paid",
                look=look,
            ),
            *_budget_tables(rows, look),
        ]
    story.append(text(MONEY_NOTE, look.small))
    return story


def _budget_tables(rows: list[list[str]], look: Styles) -> list:
    """One table of every budget; in large print one small table per budget, since five
    columns of 16 pt figures leave no room for the budget's name, each kept on one page."""
    from reportlab.platypus import KeepTogether

    header = ("Budget", "Allocated", "Committed", "Paid", "Left")
    if not look.options.large_print:
        return [table(header, rows, (2.4, 1.1, 1.1, 1.1, 1.1), look, numeric_columns=(1, 2, 3, 4))]
    return [
        KeepTogether(
            table(
                (row[0], ""),
                list(zip(header[1:], row[1:], strict=True)),
                (2, 1.5),
                look,
                numeric_columns=(1,),
            )
        )
        for row in rows
    ]


def plan_section(data: AnnualReport, look: Styles) -> list:
    story = [heading("Next year's plan", 0, look)]
    if not data.strategy_title or data.strategy_period is None:
        story.append(text("There is no current strategy, so no plan to show yet.", look.body))
        return story
    start, end = data.strategy_period
    actions = f"{data.open_actions:,} action{'s' if data.open_actions != 1 else ''}"
    story.append(
        text(
            f"From {data.strategy_title} ({long_date(start)} to {long_date(end)}): the "
            f"{actions} still to do, by standards area.",
            look.body,
        )
    )
    if not data.plan:
        story.append(text("Every action in the plan is done or dropped.", look.body))
    for area in data.plan:
        story += [
            heading(area.heading, 1, look),
            _lead_in(f"{area.heading}: {area.meaning}.", look),
            table(
                ("Action", "Status", "Due", "Led by"),
                [_plan_row(item) for item in area.items],
                (2.9, 1.6, 1.6, 1.3),
                look,
            ),
        ]
    return story


def _plan_row(item: PlanLine) -> list[str]:
    due = long_date(item.due_on) if item.due_on else "No date"
    if item.overdue:
        due += " (overdue)"
    return [item.action, item.status, due, item.lead or "Nobody yet"]
