"""The involvement strategy as a PDF: one version, with its standing ("Version 2 · current
since 1 April 2026"), the facts a board asks first (period, budget, who approved it, when it
is to be reviewed), then each section in the Strategy tab's order and words.

Takes `report_strategy.StrategyReport`; set on the shared page (exports/document.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from involve_desktop.exports.document import (
    Styles,
    bold,
    heading,
    text,
)
from involve_desktop.exports.document_parts import DocumentPart, writer

if TYPE_CHECKING:
    from involve_desktop.services.report_strategy import StrategyReport

SUBJECT = "Involvement strategy"


def strategy_part(data: StrategyReport, look: Styles) -> DocumentPart:
    story = [*_opening(data, look)]
    for section in data.sections:
        story.append(heading(section.heading, 0, look))
        for passage in section.passages:
            story.append(heading(passage.heading, 1, look))
            story.append(text(passage.text, look.body))
    return DocumentPart(f"{data.title} (version {data.version})", SUBJECT, story)


write_strategy_pdf = writer(strategy_part)


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
