"""Make one printed document from a request, with no window: read, write, record.

The one entry point the app, the Reports screen and `involve export` share. The data is read
in one unit of work; the PDF is written under a temporary name and renamed when whole
(`services/export_files.save_atomically`), so a failed or cancelled save never leaves a
half-written PDF under the chosen name; a document that gives out one person's details is
recorded in the audit trail as it is saved (before it takes its name).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any, BinaryIO

from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.services.export_files import save_atomically
from involve_desktop.services.report_documents import (
    DocumentKind,
    DocumentRequest,
    GatheredDocument,
    gather_document,
    is_audited,
    note_document_made,
)

Progress = Callable[[int, int], None]

# Each kind's writer, imported only when that document is made (reportlab is slow to load).
WRITERS = {
    DocumentKind.STRATEGY: "strategy_pdf:write_strategy_pdf",
    DocumentKind.ACTION_PLAN: "action_plan_pdf:write_action_plan_pdf",
    DocumentKind.EVALUATION: "evaluation_pdf:write_evaluation_pdf",
    DocumentKind.CLAIM_FORM: "claim_form_pdf:write_claim_form_pdf",
    DocumentKind.STATEMENT: "payment_statement_pdf:write_payment_statement_pdf",
    DocumentKind.ANNUAL_REPORT: "annual_report_pdf:write_annual_report_pdf",
    DocumentKind.PERSON: "person_record_pdf:write_person_record_pdf",
    DocumentKind.BUDGET_STATEMENT: "budget_statement:write_budget_statement_pdf",
    DocumentKind.PACK: "pack_pdf:write_pack_pdf",
}


def write_gathered(
    gathered: GatheredDocument,
    target: Path | BinaryIO,
    options: PdfOptions,
    made_on: date,
    progress: Progress | None = None,
) -> int:
    """Write data already read; return the page count."""
    module_name, function_name = WRITERS[gathered.kind].split(":")
    write = getattr(import_module(f"involve_desktop.exports.{module_name}"), function_name)
    letterhead = gathered.letterhead
    header = DocumentHeader(
        letterhead.organisation_name, letterhead.logo, letterhead.charity_number
    )
    return write(gathered.data, target, header, options, made_on, progress)


def make_document(
    database: Any,
    actor: Any,
    request: DocumentRequest,
    target: Path,
    today: date,
    progress: Progress | None = None,
) -> int:
    """Save the requested document at `target`; return its page count. Safe to call from a
    worker thread (`progress(done, total)` is called on it). Raises `KnownError` with a plain
    message for what the user can put right."""
    with database.session_scope() as session:
        gathered = gather_document(session, actor, request, today)
    pages: list[int] = []
    options = PdfOptions(large_print=request.large_print)

    def write_then_record(temporary: Path) -> None:
        pages.append(write_gathered(gathered, temporary, options, today, progress))
        # Recorded before the file takes its name: if recording fails, no copy is given out
        # unrecorded; if the rename fails, the trail says a little more than happened.
        if is_audited(request):
            with database.session_scope() as session:
                note_document_made(session, actor, request)

    save_atomically(target, write_then_record)
    return pages[0]
