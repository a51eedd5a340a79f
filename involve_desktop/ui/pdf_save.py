"""Save a printed document as a PDF: where to (the remembered folder), made on a worker
thread with a bar that counts pages, then Open / Print… / Show in folder.

Every "Save as PDF…" button and the Reports screen come here, so saving feels the same
everywhere, and documents that give out one person's details are always recorded
(`exports/make_document` records them; the audit screen is told to refresh). Large print,
ticked on the Reports screen, is remembered and applies to every PDF made here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
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
from involve_desktop.ui.save_folder import choose_save_path, remember_folder

FILE_FILTER = "PDF file (*.pdf)"
LARGE_PRINT_KEY = "reports/large_print"  # the Reports screen's tick, kept with the window's size
# A dialog with no parent window is kept here while open, or Python would delete it at once.
_SHOWN: set[PdfSavedDialog] = set()
# True while a save is under way: a second click meanwhile must not start another.
_saving = False


def large_print_chosen(ctx: AppContext) -> bool:
    """Whether the user asked for large print (on the Reports screen) for every PDF."""
    settings = QSettings(str(ctx.paths.window_state), QSettings.Format.IniFormat)
    return settings.value(LARGE_PRINT_KEY, "false") == "true"


def choose_large_print(ctx: AppContext, on: bool) -> None:
    settings = QSettings(str(ctx.paths.window_state), QSettings.Format.IniFormat)
    settings.setValue(LARGE_PRINT_KEY, "true" if on else "false")
    settings.sync()


def save_pdf(
    ctx: AppContext,
    parent: QWidget | None,
    request: DocumentRequest,
    *,
    today: date | None = None,
) -> Path | None:
    """Ask where to save the requested document, make it, and offer what to do next.
    Returns the saved file, or None if the user cancelled or it could not be made (said in
    plain words). Nothing is left under the chosen name when making it fails. The document
    is in large print if the request or the remembered choice asks for it. `today` fixes the
    day it is "made on" (for tests); otherwise it is the day of the click. While one save
    runs, another call does nothing and returns None."""
    global _saving
    if _saving:
        return None
    _saving = True
    try:
        return _save_pdf(ctx, parent, request, today or date.today())
    finally:
        _saving = False


def _save_pdf(
    ctx: AppContext, parent: QWidget | None, request: DocumentRequest, today: date
) -> Path | None:
    if not request.large_print and large_print_chosen(ctx):
        request = replace(request, large_print=True)
    large = " in large print" if request.large_print else ""
    label = request.kind.label
    try:
        name = ops.query(ctx, suggested_file_name, request, today)
    except KnownError as problem:
        prompts.show_problem(parent, "The PDF was not saved", problem.message)
        return None
    path = choose_save_path(
        ctx,
        parent,
        f"Save the {label[0].lower()}{label[1:]} as a PDF{large}",
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
            f"Making \u201c{path.name}\u201d{large}\u2026",
            lambda progress: make_document(
                ctx.database(), ctx.actor, request, path, today, progress
            ),
            still="A PDF is still being made.",
            # The writer counts the parts of the document laid out, not pages.
            bar_format="%p% laid out",
        )
    except KnownError as problem:
        prompts.show_problem(parent, "The PDF was not saved", problem.message)
        return None
    remember_folder(ctx, path)
    if is_audited(request):
        ctx.events.data_changed.emit("audit")
    offer_next_step(parent, path, pages, large_print=request.large_print)
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


def offer_next_step(
    parent: QWidget | None, path: Path, pages: int, *, large_print: bool = False
) -> PdfSavedDialog:
    """Show the "PDF saved" dialog without waiting for it: the screen that asked carries on,
    and the dialog (modal to its window) deletes itself when closed."""
    dialog = PdfSavedDialog(path, pages, parent, large_print=large_print)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _SHOWN.add(dialog)
    dialog.finished.connect(lambda _result: _SHOWN.discard(dialog))
    dialog.open()
    dialog.open_button.setFocus()
    return dialog
