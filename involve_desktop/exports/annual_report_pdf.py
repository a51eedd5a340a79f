"""The annual involvement report as a PDF: the year in plain words for trustees and funders.

In order: the year at a glance (the figures' own sentences), who took part, what they did,
"you said, we did", the money, and the plan for the year ahead. Every number printed is
read from `report.figures`, the `year_figures` result the evaluation and Home show, never
counted again here. The lists under the numbers (activities, impact records, actions) come
with the report data.

Nobody is named in this document except as `report_annual.py` allows: a person's words are
printed as theirs only where their consent to quotes covers it.

Takes `report_annual.AnnualReport`; set on the shared page (exports/document.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from involve_desktop.domain.formatting import long_date
from involve_desktop.exports.annual_report_parts import (
    money_section,
    plan_section,
    took_part_section,
    what_they_did_section,
    you_said_section,
)
from involve_desktop.exports.document import (
    Styles,
    heading,
    text,
)
from involve_desktop.exports.document_parts import DocumentPart, writer

if TYPE_CHECKING:
    from involve_desktop.services.report_annual import AnnualReport

SUBJECT = "Annual involvement report"


def annual_report_part(data: AnnualReport, look: Styles) -> DocumentPart:
    story = [
        *_opening(data, look),
        *took_part_section(data, look),
        *what_they_did_section(data, look),
        *you_said_section(data, look),
        *money_section(data, look),
        *plan_section(data, look),
    ]
    return DocumentPart(data.title, SUBJECT, story)


write_annual_report_pdf = writer(annual_report_part)


def _opening(data: AnnualReport, look: Styles) -> list:
    figures = data.figures
    period = f"{long_date(figures.first)} to {long_date(figures.last)}"
    if figures.current:
        period += f" (the year is not over: figures so far, to {long_date(figures.today)})"
    story = [
        text(data.title, look.title),
        text(period, look.body),
        text(
            f"How {data.organisation or 'we'} involved {data.terms.plural} this year: who took "
            "part, what they did, what they told us and what changed, what it cost, and what "
            "we plan next.",
            look.body,
        ),
        heading("The year at a glance", 0, look),
    ]
    story += [text(f"\u2022 {sentence}", look.body) for sentence in figures.summaries]
    return story
