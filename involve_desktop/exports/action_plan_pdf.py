"""The action plan as a PDF: the strategy it belongs to, the whole plan's counts, what this
print shows ("Open actions, Practice only"), then one table per standards area with who
leads each action, when it is due (overdue said in words, never by colour alone), its status
and the latest progress.

Takes `report_plan.PlanReport`; set on the shared page (exports/document.py). Tables run
onto as many pages as they need, their heading row repeated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from involve_desktop.domain.formatting import long_date
from involve_desktop.exports.document import (
    Styles,
    bold,
    heading,
    table,
    text,
)
from involve_desktop.exports.document_parts import DocumentPart, writer

if TYPE_CHECKING:
    from involve_desktop.services.report_plan import PlanLine, PlanReport

SUBJECT = "Action plan"
COLUMNS = ("Action", "Lead and with", "Due", "Status", "Latest progress")
WIDTHS = (3.4, 2.0, 1.6, 1.3, 3.0)
# Large print has too few words to a line for five columns (names would break mid-word):
# the action, then the rest of the row as labelled lines beside it.
LARGE_COLUMNS = ("Action", "Who, when and how far")
LARGE_WIDTHS = (1.0, 1.35)
NO_PROGRESS = "No progress noted yet"
ROOM_FOR_A_START = 14  # in body lines: a heading, its meaning, the heading row and one action


def plan_title(data: PlanReport) -> str:
    return f"Action plan: {data.title}"


def action_plan_part(data: PlanReport, look: Styles) -> DocumentPart:
    from reportlab.platypus import CondPageBreak

    story = _opening(data, look)
    for area in data.areas:
        # An area starts on a new page rather than leave its heading with no row under it
        # (keeping a whole table with its heading would leave most of a page blank instead).
        story.append(CondPageBreak(look.body_points * ROOM_FOR_A_START))
        story.append(heading(area.heading, 0, look))
        story.append(text(area.meaning + ".", look.small))
        if not area.lines:
            story.append(text(_nothing_in(data), look.body))
        elif look.options.large_print:
            rows = [_large_cells(line, look) for line in area.lines]
            story.append(table(LARGE_COLUMNS, rows, LARGE_WIDTHS, look))
        else:
            story.append(table(COLUMNS, [_cells(line, look) for line in area.lines], WIDTHS, look))
    return DocumentPart(plan_title(data), SUBJECT, story)


write_action_plan_pdf = writer(action_plan_part)


def _opening(data: PlanReport, look: Styles) -> list:
    replaced = (
        " This plan belonged to a strategy that has since been replaced; it is kept as its record."
        if data.replaced
        else ""
    )
    return [
        text(plan_title(data), look.title),
        text(
            f"Version {data.version} of the strategy, {data.period}.{replaced}",
            look.body,
        ),
        text([bold("The whole plan: "), data.counts_text], look.body),
        text(
            [bold("Shown here: "), f"{data.shown} ({_actions(data.line_count)})."],
            look.body,
        ),
        text(f"Overdue is judged as at {long_date(data.as_of)}.", look.small),
    ]


def _action(line: PlanLine) -> str:
    return line.action + (f"\n({line.raised_by})" if line.raised_by else "")


def _who(line: PlanLine) -> str:
    return line.lead + (f", with {line.with_whom}" if line.with_whom else "")


def _cells(line: PlanLine, look: Styles) -> list:
    # Overdue is the line a reader scans for: bold words, so it shows in black and white.
    due = text([bold(line.due)], look.cell) if line.overdue else line.due
    return [_action(line), _who(line), due, line.status, line.progress or NO_PROGRESS]


def _large_cells(line: PlanLine, look: Styles) -> list:
    due = bold(line.due) if line.overdue else line.due
    details = [
        bold("Lead: "),
        _who(line),
        bold("\nDue: "),
        due,
        bold("\nStatus: "),
        line.status,
        bold("\nProgress: "),
        line.progress or NO_PROGRESS,
    ]
    return [_action(line), text(details, look.cell)]


def _nothing_in(data: PlanReport) -> str:
    if data.filtered:
        return "No actions in this area match what is shown here."
    return "No actions in this area."


def _actions(count: int) -> str:
    return "1 action" if count == 1 else f"{count:,} actions"
