"""The yearly evaluation report as a PDF, in the order a board reads it: the cover facts
(the year, when it was held, who took part, whether the people served were involved, who
signed it off — or that it is still a draft), the answers to each part's questions, the
standards self-assessment beside last year's ratings, the year's figures with their charts
(exports/evaluation_pdf_figures.py), and the actions arising with whether each is in the plan.

Takes `report_evaluation.EvaluationReport`; set on the shared page (exports/document.py).
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
from involve_desktop.exports.evaluation_pdf_figures import figures_section
from involve_desktop.exports.evaluation_pdf_tables import fitted_table, section_start

if TYPE_CHECKING:
    from involve_desktop.services.report_evaluation import AnswerLine, EvaluationReport

SUBJECT = "Yearly evaluation"
STANDARDS = "Standards self-assessment"
ARISING = "Actions arising"


def evaluation_part(data: EvaluationReport, look: Styles) -> DocumentPart:
    story = _cover(data, look)
    for part in data.parts:
        story.append(heading(part.heading, 0, look))
        for line in part.lines:
            story += _answer(line, look)
    story += _standards(data, look)
    story += figures_section(data.figures, look)
    story += _arising(data, look)
    return DocumentPart(data.title, SUBJECT, story)


write_evaluation_pdf = writer(evaluation_part)


def _cover(data: EvaluationReport, look: Styles) -> list:
    story = [text(data.title, look.title)]
    if not data.signed_off:
        story.append(text([bold(f"{data.status_text}.")], look.body))
    story += [text([bold(f"{fact.label}: "), fact.text], look.body) for fact in data.facts]
    return story


def _answer(line: AnswerLine, look: Styles) -> list:
    said = [heading(line.question, 2, look)]
    if line.rating:
        said.append(text([bold("Rating: "), line.rating], look.body))
        if line.text:
            said.append(text(line.text, look.body))
        said.append(text([bold("Evidence: "), line.evidence or "None given yet."], look.body))
        if line.how_measured:
            said.append(text([bold("How we measured it: "), line.how_measured], look.body))
    else:
        said.append(text(line.text, look.body))
    return said


def _standards(data: EvaluationReport, look: Styles) -> list:
    last_year = f"Last year ({data.last_year_label})" if data.last_year_label else "Last year"
    compared = (
        f"Each point is rated from \u201cnot in place yet\u201d (1 of 4) to \u201cpart of "
        f"everyday work\u201d (4 of 4), beside the rating it had in the {data.last_year_label} "
        "evaluation."
        if data.last_year_label
        else "Each point is rated from \u201cnot in place yet\u201d (1 of 4) to \u201cpart of "
        "everyday work\u201d (4 of 4). There is no earlier signed-off evaluation to compare with."
    )
    story = [heading(STANDARDS, 0, look), text(compared, look.body)]
    for group in data.standards:
        rows = [
            [
                line.point,
                line.this_year + (f"\n{line.moved}" if line.moved else ""),
                line.last_year,
                line.evidence or "None given",
            ]
            for line in group.lines
        ]
        story += [
            section_start(look),
            heading(group.heading, 1, look),
            text(group.meaning + ".", look.small),
            fitted_table(
                ("Standard", "This year", last_year, "Evidence"), rows, (3, 1.6, 1.8, 2.6), look
            ),
        ]
    return story


def _arising(data: EvaluationReport, look: Styles) -> list:
    story = [section_start(look), heading(ARISING, 0, look)]
    if not data.arising:
        return [*story, text("The evaluation recorded no actions arising.", look.body)]
    in_plan = sum(1 for action in data.arising if action.in_plan)
    story.append(
        text(
            f"{_findings(len(data.arising))}; {in_plan:,} of them in the action plan.",
            look.body,
        )
    )
    rows = [
        [
            action.finding + (f"\n(From: {action.question})" if action.question else ""),
            action.action or "No action proposed yet",
            action.area,
            action.plan_words,
        ]
        for action in data.arising
    ]
    story.append(
        fitted_table(
            ("What we found", "Action proposed", "Area", "In the plan?"),
            rows,
            (3, 2.6, 1.1, 2.2),
            look,
        )
    )
    return story


def _findings(count: int) -> str:
    return (
        "1 thing found that needs action"
        if count == 1
        else f"{count:,} things found that need action"
    )
