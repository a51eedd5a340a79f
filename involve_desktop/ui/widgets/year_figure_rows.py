"""The rows of the year's figures tables, as words: one place that says each figure, for the
evaluation's figures panel and Home's year at a glance, so the two always read the same.

Each function takes `year_figures.YearFigures` (the one source of the figures) and returns
`FigureRow`s: what is counted, then the figures said as text ("31 of 40 (78%)").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.level_history import LEVELS
from involve_desktop.services.year_figures import YearFigures
from involve_desktop.services.year_figures_share import Share

BUDGET_HEADERS = ("Budget", "Allocated", "Committed", "Paid", "Left")


@dataclass(frozen=True)
class FigureRow:
    """One row of a table of figures: what is counted, then the figures as words."""

    label: str
    figures: tuple[str, ...]


def number(count: int) -> str:
    return f"{count:,}"


def share_of(count: int, total: int) -> str:
    return Share(count, total).words("none")


def level_headers(figures: YearFigures) -> list[str]:
    spread = figures.people.spread
    on_register = "On the register now" if spread.current else "On the register at the end"
    return ["Level", "Took part", on_register]


def level_rows(figures: YearFigures) -> list[FigureRow]:
    """Who took part at each level, beside the register's spread, then all levels."""
    people, spread = figures.people, figures.people.spread
    return [
        *(
            FigureRow(level.label, (number(took), number(held.now)))
            for level, took, held in zip(LEVELS, people.by_level, spread.levels, strict=True)
        ),
        FigureRow("All levels", (number(people.total), number(spread.total_now))),
    ]


def new_rows(figures: YearFigures) -> list[FigureRow]:
    new = figures.new_people
    return [
        FigureRow("Joined the register in the year", (number(new.joined),)),
        FigureRow("Of them, took part in an activity", (new.took_part.words("none"),)),
    ]


def power_label(power: PowerShared) -> str:
    """'We consult (step 2 of 4)'."""
    return f"{power.label} (step {power.step} of 4)"


def power_rows(figures: YearFigures) -> list[FigureRow]:
    held = figures.activities
    return [
        FigureRow(power_label(row.power), (share_of(row.count, held.total),))
        for row in held.by_power
    ]


def kind_rows(figures: YearFigures) -> list[FigureRow]:
    held = figures.activities
    return [FigureRow(row.label, (share_of(row.count, held.total),)) for row in held.by_kind]


def impact_labels(figures: YearFigures) -> tuple[str, str]:
    return (
        f"Activities held by {long_date(figures.impact.happened_by)} with an impact record",
        "Impact records reported back to the people involved",
    )


def impact_rows(figures: YearFigures) -> list[FigureRow]:
    impact = figures.impact
    with_impact, told = impact_labels(figures)
    return [
        FigureRow(with_impact, (impact.with_impact.words("no activities yet"),)),
        FigureRow(told, (impact.told.words("no impact records"),)),
    ]


def budget_rows(figures: YearFigures) -> list[FigureRow]:
    """Each of the year's budgets, then all of them when there are several."""
    return [FigureRow(name, cells) for name, *cells in figures.money.budget_table()]


def rows_text(rows: Sequence[FigureRow]) -> str:
    """'We inform (step 1 of 4): 12 of 40 (30%). …': the rows said as sentences."""
    return " ".join(f"{row.label}: {', '.join(row.figures)}." for row in rows)
