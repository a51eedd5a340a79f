"""Saving the People list as a spreadsheet: where to, then the export in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from involve_desktop.app import AppContext
from involve_desktop.errors import KnownError
from involve_desktop.services.people_export import export_people
from involve_desktop.services.people_list import PeopleFilter
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.save_folder import choose_save_path, remember_folder

FILE_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"
SUFFIXES = (".xlsx", ".csv")


def export_people_list(
    ctx: AppContext, parent: QWidget | None, chosen: PeopleFilter
) -> Path | None:
    """Ask where to save the list the screen shows, save it, and return the file (None if not)."""
    terms = ctx.terms
    path = choose_save_path(
        ctx,
        parent,
        f"Save the list of {terms.plural}",
        FILE_FILTER,
        f"{terms.plural_title} {date.today():%Y-%m-%d}.xlsx",
        suffixes=SUFFIXES,
        what="this list",
    )
    if path is None:
        return None
    try:
        run_with_progress(
            parent,
            "Saving the list",
            f"Saving the list of {terms.plural}\u2026",
            lambda: ops.change(
                ctx, "audit", export_people, ctx.actor, chosen, path, sheet_title=terms.plural_title
            ),
        )
    except KnownError as problem:
        prompts.show_problem(parent, "The list was not saved", problem.message)
        return None
    remember_folder(ctx, path)
    return path
