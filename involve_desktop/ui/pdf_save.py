"""Save a printed document as a PDF: where to (the remembered folder), made on a worker
thread with a bar that counts pages, then Open / Print… / Show in folder.

Every "Save as PDF…" button and the Reports screen come here, so saving feels the same
everywhere, and documents that give out one person's details are always recorded
(`exports/make_document` records them; the audit screen is told to refresh).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from involve_desktop.app import AppContext
from involve_desktop.errors import KnownError
from involve_desktop.exports.make_document import make_document
from involve_desktop.services.report_documents import (
    DocumentRequest,
    is_audited,
    suggested_file_name,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.pdf_saved_dialog import PdfSavedDialog
from involve_desktop.ui.progress import run_with_steps
from involve_desktop.ui.save_folder import choose_save_path

FILE_FILTER = "PDF file (*.pdf)"
# A dialog with no parent window is kept here while open, or Python would delete it at once.
_SHOWN: set[PdfSavedDialog] = set()


def save_pdf(
    ctx: AppContext,
    parent: QWidget | None,
    request: DocumentRequest,
    *,
    today: date | None = None,
) -> Path | None:
    """Ask where to save the requested document, make it, and offer what to do next.
    Returns the saved file, or None if the user cancelled or it could not be made (said in
    plain words). Nothing is left under the chosen name when making it fails."""
    today = today or date.today()
    label = request.kind.label
    try:
        name = ops.query(ctx, suggested_file_name, request, today)
    except KnownError as problem:
        prompts.show_problem(parent, "The PDF was not saved", problem.message)
        return None
    path = choose_save_path(
        ctx,
        parent,
        f"Save the {label[0].lower()}{label[1:]} as a PDF",
        FILE_FILTER,
        name,
        suffixes=(".pdf",),
        what="this document",
    )
    if path is None:
        return None
    try:
        pages = run_with_steps(
            parent,
            "Saving the PDF",
            f"Making \u201c{path.name}\u201d\u2026",
            lambda progress: make_document(
                ctx.database(), ctx.actor, request, path, today, progress
            ),
        )
    except KnownError as problem:
        prompts.show_problem(parent, "The PDF was not saved", problem.message)
        return None
    if is_audited(request):
        ctx.events.data_changed.emit("audit")
    offer_next_step(parent, path, pages)
    return path


def save_saved_pdf(
    ctx: AppContext,
    parent: QWidget | None,
    request: Callable[[], DocumentRequest | None],
    *,
    unsaved: bool,
    what: str,
    save: Callable[[], bool],
    today: date | None = None,
) -> Path | None:
    """`save_pdf` for a screen that edits what it prints: a PDF is always made from what is
    saved, so with unsaved edits the user is asked to save them first (or keep editing).
    `request` is read after saving, when a new record has its id; None makes nothing."""
    if unsaved:
        question = (
            f"The PDF is made from {what} as saved, and you have changes not saved yet. "
            "Save them first, then make the PDF?"
        )
        if not prompts.ask_yes_no(
            parent, "Save your changes first?", question, "Save and make the PDF"
        ):
            return None
        if not save():
            return None
    chosen = request()
    return save_pdf(ctx, parent, chosen, today=today) if chosen is not None else None


def pdf_button(text: str, tip: str) -> QPushButton:
    """A "Save as PDF…" button: `text` with its mnemonic, `tip` saying what goes in it."""
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleDescription(tip)
    return button


def offer_next_step(parent: QWidget | None, path: Path, pages: int) -> PdfSavedDialog:
    """Show the "PDF saved" dialog without waiting for it: the screen that asked carries on,
    and the dialog (modal to its window) deletes itself when closed."""
    dialog = PdfSavedDialog(path, pages, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _SHOWN.add(dialog)
    dialog.finished.connect(lambda _result: _SHOWN.discard(dialog))
    dialog.open()
    dialog.open_button.setFocus()
    return dialog
