"""The claim editor's "Save as PDF…": the claim form filled in from this claim, as saved.

Kept apart from `claim_editor.py`, which is near the size limit; it only reads the editor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.ui.pdf_save import pdf_button, save_saved_pdf

if TYPE_CHECKING:
    from involve_desktop.ui.dialogs.claim_editor import ClaimEditor


def claim_pdf_button(editor: ClaimEditor) -> QPushButton:
    button = pdf_button(
        "Save as &PDF\u2026", "The claim form filled in from this claim, to print and sign"
    )
    button.clicked.connect(lambda: save_claim_pdf(editor))
    return button


def save_claim_pdf(editor: ClaimEditor) -> Path | None:
    """A draft with unsaved changes (or never saved) is saved first, after asking; a claim
    past draft cannot be changed here, so it is printed as it stands."""
    record = editor.record
    editable = record is None or record.status.editable
    return save_saved_pdf(
        editor.ctx,
        editor,
        lambda: (
            DocumentRequest(DocumentKind.CLAIM_FORM, claim_id=editor.claim_id)
            if editor.claim_id is not None
            else None
        ),
        unsaved=editable and (editor.dirty or editor.claim_id is None),
        what="the claim",
        save=lambda: editor.save(close=False),
        today=editor.fixed_today,
    )
