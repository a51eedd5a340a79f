"""The evaluation report's figures: the same groups, sentences and tables as the Figures tab
of the yearly evaluation (ui/widgets/year_figures_panel.py), from the same
`year_figures.YearFigures`, with three charts beside the numbers they draw — the
participation pyramid, activities by power shared, and spending against each budget.

Every chart has its numbers in a table too: a chart is for the shape, the table for reading
the figures out at a meeting or with a screen reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.level_history import LEVELS
from involve_desktop.domain.money import format_pence
from involve_desktop.exports.charts import bar_chart, grouped_bars, pyramid
from involve_desktop.exports.document import Styles, heading, text
from involve_desktop.exports.evaluation_pdf_tables import caption, fitted_table, section_start
from involve_desktop.services.year_figures_share import Share

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from involve_desktop.services.year_figures import YearFigures

NO_ROLE = "No role recorded"
NOTE_PEOPLE = (
    "Took part means marked as attended at an activity held in the year. Levels are as on "
    "{as_of}. Someone with several roles is counted in each."
)
NOTE_IMPACT = (
    "An impact record belongs to the year of its activity, or, for feedback from outside an "
    "activity, of the day it was recorded."
)
NOTE_MONEY = (
    "Payments are counted in the year of the work each claim line is for. A budget counts the "
    "claims charged to it, so its paid figure can differ from the payments by a claim for work "
    "either side of the year's first day. Committed: claims approved and still to be paid."
)


def figures_section(figures: YearFigures, look: Styles) -> list:
    """The heading, where the figures come from, then each group in the screen's order."""
    story = [
        section_start(look),
        heading("The year's figures", 0, look),
        text(
            f"Worked out from the records for {figures.label} ({long_date(figures.first)} to "
            f"{long_date(figures.last)}), as they were on {long_date(figures.today)}. "
            "They are not typed in.",
            look.body,
        ),
    ]
    story += _people(figures, look)
    story += _activities(figures, look)
    story += _money(figures, look)
    story += _not_taking_part(figures, look)
    return story


def _spaced(chart: Flowable, look: Styles) -> list[Flowable]:
    """A chart with a line's room under it, so the table of its numbers stands apart."""
    from reportlab.platypus import Spacer

    return [chart, Spacer(0, look.body_points * 0.8)]


def _n(count: int) -> str:
    return f"{count:,}"


def _people(figures: YearFigures, look: Styles) -> list:
    terms, people, spread = figures.terms, figures.people, figures.people.spread
    on_register = "On the register now" if spread.current else "On the register at the end"
    levels = [
        [level.label, _n(took), _n(held.now)]
        for level, took, held in zip(LEVELS, people.by_level, spread.levels, strict=True)
    ]
    levels.append(["All levels", _n(people.total), _n(spread.total_now)])
    roles = [
        [role.role or NO_ROLE, *(_n(count) for count in role.by_level), _n(role.total)]
        for role in people.roles
    ]
    new = figures.new_people
    story = [
        section_start(look),
        heading(f"{terms.plural_title} who took part", 1, look),
        text(people.summary, look.body),
        *_spaced(
            pyramid(
                [(level.label, n) for level, n in zip(LEVELS, people.by_level, strict=True)],
                look=look,
                title="Took part, by level",
            ),
            look,
        ),
        fitted_table(
            ("Level", "Took part", on_register),
            levels,
            (2, 1, 1.4),
            look,
            numeric_columns=(1, 2),
            bold_last_row=True,
        ),
    ]
    if roles:
        story += [
            *caption(f"{terms.plural_title} who took part, by role and level", look),
            fitted_table(
                ("Role", *(level.label for level in LEVELS), "All"),
                roles,
                (2.2, 1, 1.1, 1.2, 1, 0.8),
                look,
                numeric_columns=(1, 2, 3, 4, 5),
            ),
        ]
    story += [
        text(NOTE_PEOPLE.format(as_of=long_date(people.as_of)), look.small),
        section_start(look),
        heading(f"New {terms.plural}", 1, look),
        text(new.summary, look.body),
        fitted_table(
            ("New in the year", "Number"),
            [
                ["Joined the register in the year", _n(new.joined)],
                ["Of them, took part in an activity", new.took_part.words("none")],
            ],
            (3, 1.2),
            look,
            numeric_columns=(1,),
        ),
    ]
    return story


def _activities(figures: YearFigures, look: Styles) -> list:
    held, impact = figures.activities, figures.impact
    story = [
        section_start(look),
        heading("Activities", 1, look),
        text(held.summary, look.body),
        *_spaced(
            bar_chart(
                [row.power.label for row in held.by_power],
                [row.count for row in held.by_power],
                title="Activities, by power shared",
                look=look,
                value_format=lambda count: Share(count, held.total).words("none"),
            ),
            look,
        ),
        fitted_table(
            ("Power shared", "Activities"),
            [
                [
                    f"{row.power.label} (step {row.power.step} of 4)",
                    Share(row.count, held.total).words("none"),
                ]
                for row in held.by_power
            ],
            (3, 1.4),
            look,
            numeric_columns=(1,),
        ),
    ]
    if held.to_come:
        story.append(text(f"Of them, {held.to_come:,} are still to come.", look.small))
    if held.by_kind:
        story.append(
            fitted_table(
                ("Kind of activity", "Activities"),
                [[row.label, Share(row.count, held.total).words("none")] for row in held.by_kind],
                (3, 1.4),
                look,
                numeric_columns=(1,),
            )
        )
    story += [
        section_start(look),
        heading("You said, we did", 1, look),
        text(impact.summary, look.body),
        fitted_table(
            ("Measure", "Share"),
            [
                [
                    f"Activities held by {long_date(impact.happened_by)} with an impact record",
                    impact.with_impact.words("no activities yet"),
                ],
                [
                    "Impact records reported back to the people involved",
                    impact.told.words("no impact records"),
                ],
            ],
            (3, 1.4),
            look,
            numeric_columns=(1,),
        ),
        text(NOTE_IMPACT, look.small),
    ]
    return story


def _money(figures: YearFigures, look: Styles) -> list:
    money = figures.money
    story = [
        section_start(look),
        heading("Payments and budgets", 1, look),
        text(money.summary, look.body),
        fitted_table(
            ("Payments for the year's work", "Amount"),
            [
                ["Fees paid", format_pence(money.fees_paid_pence)],
                ["Mileage and expenses paid", format_pence(money.expenses_paid_pence)],
                ["Total paid", format_pence(money.paid_pence)],
                [f"{figures.terms.plural_title} paid", _n(money.people_paid)],
                ["Claimed, waiting to be approved or paid", format_pence(money.waiting_pence)],
            ],
            (3, 1.4),
            look,
            numeric_columns=(1,),
        ),
    ]
    if money.budgets:
        rows = [list(row) for row in money.budget_table()]
        story += [
            *_spaced(
                grouped_bars(
                    [budget.name for budget in money.budgets],
                    [
                        ("Allocated", [budget.allocated_pence for budget in money.budgets]),
                        ("Paid", [budget.paid_pence for budget in money.budgets]),
                        ("Committed", [b.committed_pence for b in money.budgets]),
                    ],
                    title="Spending against each budget",
                    look=look,
                ),
                look,
            ),
            fitted_table(
                ("Budget", "Allocated", "Committed", "Paid", "Left"),
                rows,
                (2.4, 1.2, 1.2, 1.2, 1.2),
                look,
                numeric_columns=(1, 2, 3, 4),
                bold_last_row=len(money.budgets) > 1,
            ),
        ]
    story.append(text(NOTE_MONEY, look.small))
    return story


def _not_taking_part(figures: YearFigures, look: Styles) -> list:
    absent, terms = figures.not_taking_part, figures.terms
    return [
        section_start(look),
        heading("Not taking part", 1, look),
        text(absent.summary, look.body),
        fitted_table(
            ("Choice", "Number"),
            [
                ["Not at the moment", _n(absent.not_now)],
                ["Does not wish to take part", _n(absent.does_not_wish)],
            ],
            (3, 1.4),
            look,
            numeric_columns=(1,),
        ),
        fitted_table(
            ("Barrier", terms.plural_title, "Of them, not taking part"),
            [
                [row.barrier.label, _n(row.people), _n(row.not_taking_part)]
                for row in absent.barriers
            ],
            (2.2, 1.2, 1.6),
            look,
            numeric_columns=(1, 2),
        ),
        text(f"{absent.note} These are as things stand on {long_date(figures.today)}.",
             look.small),
    ]  # fmt: skip
