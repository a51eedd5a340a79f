"""Settings, Lists tab: the charity's own roles and interests, each with how many hold it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.people import OptionKind
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.person_lists import (
    add_option,
    option_usage,
    remove_option,
    rename_option,
)
from involve_desktop.ui import ops, prompts

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def a_or_an(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


class OptionListBox(QGroupBox):
    """One list (roles or interests) with Add, Rename and Remove."""

    def __init__(self, ctx: AppContext, kind: OptionKind, parent: QWidget | None = None) -> None:
        super().__init__(f"{kind.value.capitalize()}s", parent)
        self.ctx = ctx
        self.kind = kind
        self.list = QListWidget()
        self.list.setAccessibleName(f"{kind.value.capitalize()}s and how many hold each")
        self.add_button = QPushButton(f"Add {a_or_an(kind.value)}\u2026")
        self.rename_button = QPushButton("Rename\u2026")
        self.remove_button = QPushButton("Remove\u2026")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.remove_button.clicked.connect(self.remove)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.may_change = ctx.actor is not None and can(ctx.actor.role, Permission.CHANGE_SETTINGS)
        self.reload()

    def reload(self) -> None:
        current = self.current_name()
        self.list.clear()
        people = self.ctx.terms
        for use in ops.query(self.ctx, option_usage, self.kind):
            item = QListWidgetItem(f"{use.name} ({people.count(use.people)})")
            item.setData(NAME_ROLE, use.name)
            self.list.addItem(item)
            if use.name == current:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def add(self) -> None:
        name = prompts.ask_text(
            self, f"Add {a_or_an(self.kind.value)}", f"The new {self.kind.value}:"
        )
        if name is not None:
            self._change(add_option, self.ctx.actor, self.kind, name)

    def rename(self) -> None:
        old = self.current_name()
        if old is None:
            return
        new = prompts.ask_text(self, f"Rename {a_or_an(self.kind.value)}", "New name:", old)
        if new is not None and new.strip() != old:
            self._change(rename_option, self.ctx.actor, self.kind, old, new)

    def remove(self) -> None:
        old = self.current_name()
        if old is None:
            return
        held = next(
            (use.people for use in ops.query(self.ctx, option_usage, self.kind) if use.name == old),
            0,
        )
        question = f"Remove \u201c{old}\u201d from the list?"
        if held:
            question += (
                f" {self.ctx.terms.count(held)} hold it; it will be taken off their records too."
            )
        if prompts.ask_yes_no(self, f"Remove {a_or_an(self.kind.value)}", question, "Remove"):
            self._change(remove_option, self.ctx.actor, self.kind, old)

    def _change(self, service, *args) -> None:  # type: ignore[no-untyped-def]
        try:
            ops.change(self.ctx, "people", service, *args)
        except ValidationFailed as problem:
            prompts.show_problem(self, "Not changed", next(iter(problem.errors.values())))

    def _update_buttons(self) -> None:
        chosen = self.current_name() is not None
        self.add_button.setEnabled(self.may_change)
        self.rename_button.setEnabled(self.may_change and chosen)
        self.remove_button.setEnabled(self.may_change and chosen)


class ListsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roles = OptionListBox(ctx, OptionKind.ROLE)
        self.interests = OptionListBox(ctx, OptionKind.INTEREST)
        terms = ctx.terms
        note = QLabel(
            f"The roles {terms.plural} hold and the areas they are interested in, in your own "
            f"words. New ones can also be typed straight into {terms.with_article()}'s record."
        )
        note.setWordWrap(True)
        boxes = QHBoxLayout()
        boxes.addWidget(self.roles)
        boxes.addWidget(self.interests)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(boxes, 1)
        ctx.events.data_changed.connect(self._data_changed)

    def _data_changed(self, kind: str) -> None:
        if kind in ("people", "organisation"):
            self.roles.reload()
            self.interests.reload()
