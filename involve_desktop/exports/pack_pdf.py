"""A pack: the documents a user ticked, in one PDF for a trustees' or funders' meeting.

A cover says what the pack is and what is in it; the contents list every document and its
sections with page numbers (each a link); then each document starts on a new page, printed
exactly as it prints alone, under its own top-level bookmark, and names itself at the foot
of its own pages. Pages are numbered through the whole pack ("Page 12 of 41").

Takes `report_documents.PackContents`; set on the shared page (exports/document.py).
"""

from __future__ import annotations

from dataclasses import replace
from importlib import import_module
from typing import TYPE_CHECKING

from involve_desktop.exports.document import Styles, bold, contents, text
from involve_desktop.exports.document_parts import DocumentPart, part_start, writer

if TYPE_CHECKING:
    from involve_desktop.services.report_documents import PackContents

SUBJECT = "A pack of involvement documents"

# Each kind's part, imported only when a pack holds it.
PART_MAKERS = {
    "strategy": "strategy_pdf:strategy_part",
    "action-plan": "action_plan_pdf:action_plan_part",
    "evaluation": "evaluation_pdf:evaluation_part",
    "claim-form": "claim_form_pdf:claim_form_part",
    "statement": "payment_statement_pdf:payment_statement_part",
    "annual-report": "annual_report_pdf:annual_report_part",
    "person": "person_record_pdf:person_record_part",
    "budget-statement": "budget_statement:budget_statement_part",
}


def pack_part(data: PackContents, look: Styles) -> DocumentPart:
    from reportlab.platypus import PageBreak

    # A document's own headings sit one level under its entry in the outline and contents.
    inner = replace(look, outline_shift=1)
    parts = [_part(kind, document, inner) for kind, document in data.documents]
    story = [*_cover(data, parts, look), PageBreak(), *contents(look)]
    for part in parts:
        story += [PageBreak(), part_start(part.title, look), *part.story]
    return DocumentPart(data.title, SUBJECT, story)


write_pack_pdf = writer(pack_part)


def _part(kind: str, document: object, look: Styles) -> DocumentPart:
    module_name, function_name = PART_MAKERS[kind].split(":")
    make = getattr(import_module(f"involve_desktop.exports.{module_name}"), function_name)
    return make(document, look)


def _cover(data: PackContents, parts: list[DocumentPart], look: Styles) -> list:
    from reportlab.platypus import Spacer

    story = [
        Spacer(1, look.body.leading * 6),
        text(data.title, look.title),
    ]
    if data.organisation_name:
        story.append(text(data.organisation_name, look.headings[1]))
    story += [
        Spacer(1, look.body.leading),
        text(
            f"This pack holds {_documents(len(parts))}, each starting on a new page and "
            "listed with its sections in the contents on the next page.",
            look.body,
        ),
    ]
    for (kind, _document), part in zip(data.documents, parts, strict=True):
        story.append(text([bold(part.title), f" \u2014 {data.description(kind)}"], look.body))
    return story


def _documents(count: int) -> str:
    return "one document" if count == 1 else f"{count} documents"
