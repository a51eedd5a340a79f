"""What the People screen changes beyond the editor (archive, delete) and the one-step undo.

The bar under the list says what was just done and offers to undo it where that is natural:
an edit is put back as it was, an archive is brought back, a person added by mistake is
removed (by someone allowed to delete). A deletion is final and asked about first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.people import load_person, save_person
from involve_desktop.services.people_lifecycle import (
    LinkedCount,
    delete_person,
    linked_records,
    set_archived,
)
from involve_desktop.ui import ops, prompts

if TYPE_CHECKING:
    from involve_desktop.ui.screens.people.people_screen import PeopleScreen


@dataclass(frozen=True)
class Undoable:
    description: str
    undo: Callable[[], str]  # does the undoing; returns what to say afterwards


class PeopleChanges:
    def __init__(self, screen: PeopleScreen) -> None:
        self.screen = screen
        self.ctx = screen.ctx
        self.last: Undoable | None = None
        self.bar = QWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done")
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setToolTip("Undo the last change (Ctrl+Z)")
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message, 1)
        row.addWidget(self.undo_button)
        self.undo_button.clicked.connect(self.undo)
        QShortcut(QKeySequence.StandardKey.Undo, screen.table, activated=self.undo)
        self._offer(None)

    # --- the bar -------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self._offer(None)
        self.message.setText(text)

    def _offer(self, change: Undoable | None) -> None:
        self.last = change
        self.message.setText(change.description if change else "")
        self.undo_button.setVisible(change is not None)

    def undo(self) -> None:
        change = self.last
        if change is None:
            return
        self._offer(None)
        try:
            self.message.setText(change.undo())
        except (KnownError, ValidationFailed):
            # The record no longer exists, or its old state no longer meets today's checks.
            self.message.setText("That change can no longer be undone; the record is as saved.")

    def forget_undo(self) -> None:
        """Something else changed the register (a merge, an import): an old snapshot put
        back now would undo that too, so the offer is withdrawn; the message stays."""
        self.last = None
        self.undo_button.setVisible(False)

    # --- changes -------------------------------------------------------------------------

    def person_saved(self, person_id: int, before: PersonDetails | None) -> None:
        self.screen.select_person(person_id)
        name = ops.query(self.ctx, load_person, person_id).display_name
        if before is not None:
            self._offer(
                Undoable(
                    f"Saved the changes to {name}.",
                    lambda: self._put_back(person_id, before),
                )
            )
        elif self._may_delete():
            self._offer(Undoable(f"Added {name}.", lambda: self._remove_added(person_id, name)))
        else:
            self.say(f"Added {name}.")

    def _put_back(self, person_id: int, before: PersonDetails) -> str:
        ops.change(self.ctx, "people", save_person, self.ctx.actor, before, person_id)
        self.screen.select_person(person_id)
        return f"Undone: {before.display_name}'s record is as it was."

    def _remove_added(self, person_id: int, name: str) -> str:
        ops.change(self.ctx, "people", delete_person, self.ctx.actor, person_id)
        return f"Undone: {name} is no longer on the register."

    def toggle_archive(self) -> None:
        chosen = self.screen.selected_ids()
        if not chosen:
            return
        archiving = not self.screen.filters.archived.isChecked()
        ops.change(self.ctx, "people", set_archived, self.ctx.actor, chosen, archiving)
        terms = self.ctx.terms
        who = terms.count(len(chosen))
        if archiving:
            self._offer(
                Undoable(
                    f"Archived {who}: kept, but out of everyday lists "
                    "(tick \u201cShow the archive instead\u201d to see them).",
                    lambda: self._archive(chosen, False, f"Undone: {who} back on the register."),
                )
            )
        else:
            self._offer(
                Undoable(
                    f"Brought {who} back to the register.",
                    lambda: self._archive(chosen, True, f"Undone: {who} archived again."),
                )
            )

    def _archive(self, person_ids: list[int], archived: bool, said: str) -> str:
        ops.change(self.ctx, "people", set_archived, self.ctx.actor, person_ids, archived)
        return said

    def delete_selected(self) -> None:
        chosen = self.screen.selected_ids()
        if len(chosen) != 1:
            return
        person_id = chosen[0]
        name = ops.query(self.ctx, load_person, person_id).display_name
        linked = ops.query(self.ctx, linked_records, person_id)
        going = [item for item in linked if not item.kept]
        kept = [item for item in linked if item.kept]
        with_them = (
            "Together with their record, these go too: " + _listed(going) + "."
            if going
            else "Nothing else goes with their record."
        )
        if kept:
            with_them += (
                f" Their {_listed(kept)} stay on the activities' records, without their name."
            )
        question = (
            f"Delete {name} for good?\n\n{with_them}\n\nThis cannot be undone. If they only "
            "need to be out of everyday lists, archive them instead."
        )
        if not prompts.ask_yes_no(self.screen, "Delete for good", question, "Delete for good"):
            return
        ops.change(self.ctx, "people", delete_person, self.ctx.actor, person_id)
        self.say(f"Deleted {name} and everything linked to their record.")

    def _may_delete(self) -> bool:
        return self.ctx.actor is not None and can(self.ctx.actor.role, Permission.DELETE_PEOPLE)


def _listed(items: list[LinkedCount]) -> str:
    return ", ".join(f"{item.count} {item.label}" for item in items)
