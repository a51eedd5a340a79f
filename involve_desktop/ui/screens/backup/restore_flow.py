"""Restoring a checked backup: from the Backup screen, from a local copy, or on a new PC.

A restore swaps the database file, so nothing may have it open. In the running app, the
request is left with the app's context and the window closes (asking first about unsaved
changes, as closing always does); once the bootstrap has closed the records, it calls
`restore_now` and then asks who is signing in, as at a start: the restored records may have
other staff, and a new database key. On a fresh install (the first-run wizard) there are no
records open, so `restore_now` runs at once.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from involve_desktop.app import AppContext
from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.restore import RestoreResult, restore_backup
from involve_desktop.backup.verify import key_for
from involve_desktop.domain.formatting import count_of_people
from involve_desktop.errors import KnownError
from involve_desktop.paths import AppPaths
from involve_desktop.ui import prompts
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.screens.backup.backup_words import moment
from involve_desktop.ui.screens.backup.restore_dialog import RestoreDialog, RestoreRequest

IN_APP = (
    "Restoring puts these records in place of the ones in Involve now. The records as they "
    "are now are kept first, as a copy in Involve's data folder. Involve closes its window to "
    "restore, then asks you to sign in again: staff sign in with the passwords they had when "
    "the backup was made."
)
ON_NEW_PC = (
    "Restoring puts these records on this computer. Then you sign in with your password "
    "from the computer the backup came from."
)
FILE_FILTER = "Involve backups (*.involve-backup);;All files (*)"


def open_restore_dialog(
    parent: QWidget,
    file: Path,
    paths: AppPaths,
    on_confirm: object,
    *,
    ctx: AppContext | None = None,
) -> RestoreDialog | None:
    """Show the passphrase (if needed) and the preview for `file`; None if it cannot be used
    (said in words). `on_confirm(request)` restores; nothing changes before it is called."""
    backup_key = None
    keep_key: tuple[BackupKey | None, datetime | None] = (None, None)
    actor = None
    count_people = count_of_people
    if ctx is not None:
        from involve_desktop.services.backup_settings import load
        from involve_desktop.ui import ops

        # A local copy made before a passphrase was set opens with the signed-in key.
        settings = ops.query(ctx, load)
        backup_key = key_for(file, settings.backup_key, ctx.key)
        keep_key = (settings.backup_key, settings.passphrase_set_at)
        actor = ctx.actor
        count_people = ctx.terms.count
    dialog = RestoreDialog(
        file,
        paths.data_dir,
        on_confirm,  # type: ignore[arg-type]
        backup_key=backup_key,
        actor=actor,
        keep_key=keep_key,
        count_people=count_people,
        what_happens=IN_APP if ctx is not None else ON_NEW_PC,
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if not dialog.start():
        dialog.deleteLater()
        return None
    return dialog


def restore_in_app(ctx: AppContext, window: QWidget, request: RestoreRequest) -> bool:
    """Close the window (and so the records); the bootstrap then restores and asks who signs
    in. False when the window stayed open (the user kept unsaved changes)."""
    ctx.restore_on_close = request
    if window.close():
        return True
    ctx.restore_on_close = None
    return False


def restore_now(
    paths: AppPaths, request: RestoreRequest, parent: QWidget | None = None
) -> RestoreResult | None:
    """Restore with a busy bar, then say what happened; None if it failed (said in words,
    with the records as they were)."""
    try:
        result = run_with_progress(
            parent,
            "Restoring the backup",
            "Checking the backup again and putting its records in place\u2026",
            lambda: restore_backup(
                request.file,
                request.passphrase,
                paths,
                now=datetime.now(),
                backup_key=request.backup_key,
                actor=request.actor,
                keep_key=request.keep_key,
                keep_key_set_at=request.keep_key_set_at,
            ),
            still="A backup is still being restored.",
        )
    except KnownError as problem:
        prompts.show_problem(parent, "The backup was not restored", problem.message)
        return None
    prompts.show_message(parent, "Backup restored", restored_text(result))
    return result


def restored_text(result: RestoreResult) -> str:
    summary = result.summary
    lines = [
        f"The records of {summary.organisation or 'the backup'} as they were on "
        f"{moment(summary.made_at)} ({count_of_people(summary.people)}) are restored."
    ]
    if result.migrated:
        lines.append("They came from an older version of Involve and were brought up to date.")
    if result.kept_copy is not None:
        lines.append(
            f"The records that were here before are kept as \u201c{result.kept_copy.name}\u201d "
            "in Involve's data folder."
        )
    lines.append("Sign in to carry on.")
    return " ".join(lines)
