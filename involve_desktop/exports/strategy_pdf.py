"""The involvement strategy as a PDF: one version, with its standing ("Version 2 · current
since 1 April 2026"), the facts a board asks first (period, budget, who approved it, when it
is to be reviewed), then each section in the Strategy tab's order and words.

Takes `report_strategy.StrategyReport`; set on the shared page (exports/document.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from involve_desktop.exports.document import (
    DocumentHeader,
    PdfOptions,
    Styles,
    bold,
    build_pdf,
    heading,
    styles,
    text,
)

if TYPE_CHECKING:
    from involve_desktop.services.report_strategy import StrategyReport

SUBJECT = "Involvement strategy"


def write_strategy_pdf(
    data: StrategyReport,
    target: Path | BinaryIO,
    header: DocumentHeader,
    options: PdfOptions,
    made_on: date,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the strategy version in `data` to `target`; return the number of pages."""
    look = styles(options)
    story = [*_opening(data, look)]
    for section in data.sections:
        story.append(heading(section.heading, 0, look))
        for passage in section.passages:
            story.append(heading(passage.heading, 1, look))
            story.append(text(passage.text, look.body))
    return build_pdf(
        target,
        f"{data.title} (version {data.version})",
        story,
        header,
        options,
        made_on,
        subject=SUBJECT,
        progress=progress,
    )


def _opening(data: StrategyReport, look: Styles) -> list:
    """The title and the facts at a glance, each said in a whole line."""
    said = [
        text(data.title, look.title),
        text([bold(data.standing)], look.body),
        text([bold("Period: "), data.period], look.body),
        text([bold("Budget: "), data.budget_text], look.body),
        text([bold("Approval: "), data.approval_text], look.body),
    ]
    # A passed review date is the one thing here that asks for action: it stands out in bold.
    review = bold(data.review_text) if data.review_passed else data.review_text
    said.append(text([bold("Review: "), review], look.body))
    return said
