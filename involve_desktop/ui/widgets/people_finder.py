"""Find people on the register as you type, and pick one with Enter or a double-click.

The search is the People list's own (folded words, so "zoe" finds Zoë and "obrien" finds
O'Brien); only the first few matches are shown, because the person wanted is found by typing
more of their name, not by scrolling. Everyday records only, unless the finder is asked to
look in the archive too (a subject access request may come from someone archived).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.people import TakingPart
from involve_desktop.domain.person_record import display_name
from involve_desktop.services.people_list import PeopleFilter, matching_ids, rows_for
from involve_desktop.ui import ops
from involve_desktop.ui.widgets.typing_pause import after_typing

MAX_FOUND = 20
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class EnterKey(QObject):
    """Runs an action on Enter and keeps the key from also pressing a dialog's default button."""

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self.action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            # A key passed up from a child (a table's cell editor confirming its text) is
            # kept from the dialog too, but does not run the action.
            if isinstance(watched, QWidget) and watched.hasFocus():
                self.action()
            return True
        return False


def third_person(phrase: str) -> str:
    """ "choose them" -> "chooses them": the hints' verbs are all regular."""
    verb, space, rest = phrase.partition(" ")
    return f"{verb}{'es' if verb.endswith(('s', 'sh', 'ch', 'x')) else 's'}{space}{rest}"


class PeopleFinder(QWidget):
    """`chosen(person_id, name)` when the user picks someone.

    `choosing` says what picking someone does, as after "to" ("choose them"); by default
    "add them" and `added_as` ("as invited"). `archived_too` finds archived records as well,
    marked "(archived)"."""

    chosen = Signal(int, str)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        added_as: str = "as invited",
        choosing: str = "",
        archived_too: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.added_as = added_as
        self.choosing = choosing or f"add them {added_as}"
        self.archived_too = archived_too
        self.already_listed: set[int] = set()
        terms = ctx.terms
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Type part of a name")
        self.search.setAccessibleName(f"Find {terms.plural} on the register")
        label = QLabel(f"&Find {terms.plural} on the register:")
        label.setBuddy(self.search)
        self.results = QListWidget()
        self.results.setAccessibleName(f"{terms.plural_title} found")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("About what was found")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label)
        column.addWidget(self.search)
        column.addWidget(self.results, 1)
        column.addWidget(self.hint)

        self.typing_timer = after_typing(self.search, self.find)
        EnterKey(self.search, self.choose_current)
        EnterKey(self.results, self.choose_current)
        self.results.itemDoubleClicked.connect(self._choose)
        self.find()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Down from the search box goes into what was found.
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus() and self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(max(self.results.currentRow(), 0))
            return
        super().keyPressEvent(event)

    def find(self) -> None:
        """Search now for what is typed (also called by the pause after typing)."""
        self.typing_timer.stop()
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            self.hint.setText(
                f"Type part of a name, then press Enter or double-click to {self.choosing}."
            )
            return
        ids = ops.query(self.ctx, matching_ids, PeopleFilter(text=text))
        archived: set[int] = set()
        if self.archived_too:
            # Everyday records first, then the archive's, each in name order.
            found = ops.query(self.ctx, matching_ids, PeopleFilter(text=text, archived=True))
            archived = set(found)
            ids = ids + found
        for row in ops.query(self.ctx, rows_for, ids[:MAX_FOUND]):
            name = display_name(row.first_name, row.last_name, row.preferred_name)
            shown = name + (f" \u2014 {', '.join(row.roles)}" if row.roles else "")
            # Said in words, so nobody is invited by habit.
            if row.taking_part is TakingPart.DOES_NOT_WISH:
                shown += " (has chosen not to take part)"
            elif row.taking_part is TakingPart.NOT_NOW:
                shown += " (not at the moment)"
            if row.id in archived:
                shown += " (archived)"
            if row.id in self.already_listed:
                shown += " (already listed)"
            item = QListWidgetItem(shown)
            item.setData(ID_ROLE, row.id)
            item.setData(NAME_ROLE, name)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        self.hint.setText(self._found_text(len(ids), text))

    def _found_text(self, found: int, text: str) -> str:
        terms = self.ctx.terms
        if not found:
            where = "on the register or in the archive" if self.archived_too else "on the register"
            return f"No {terms.singular} {where} matches \u201c{text}\u201d."
        if found > MAX_FOUND:
            return f"The first {MAX_FOUND} of {terms.count(found)}: type more of the name."
        return f"{terms.count(found)} found. Enter or double-click {third_person(self.choosing)}."

    def choose_current(self) -> None:
        if self.typing_timer.isActive():
            self.find()
        item = self.results.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(int(item.data(ID_ROLE)), str(item.data(NAME_ROLE)))
