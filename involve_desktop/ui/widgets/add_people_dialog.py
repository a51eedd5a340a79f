"""A small window to add people from the register one after another: the register's own
finder, a line saying who was just added, and Close. Used wherever people join something
(a group holding a budget, an action in the plan)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.ui.widgets.people_finder import PeopleFinder


class AddPeopleDialog(QDialog):
    """Each person chosen is added at once through `add`; Close when done.

    `joined` finishes the sentences said after each choice: "Added Siân {joined}." and
    "Siân is already {joined}." (e.g. "to the group" / "in the group").
    """

    def __init__(
        self,
        parent: QWidget,
        ctx: AppContext,
        *,
        title: str,
        added_as: str,
        already_in: str,
        already_listed: Iterable[int],
        add: Callable[[int, str], None],
    ) -> None:
        super().__init__(parent)
        self.add = add
        self.added_as = added_as
        self.already_in = already_in
        self.setWindowTitle(title)
        self.finder = PeopleFinder(ctx, added_as=added_as)
        self.finder.already_listed = set(already_listed)
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.said.setAccessibleName("Who was just added")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.finder, 1)
        layout.addWidget(self.said)
        layout.addWidget(close)
        self.finder.chosen.connect(self._chosen)
        self.resize(480, 420)
        self.finder.search.setFocus()

    def _chosen(self, person_id: int, name: str) -> None:
        if person_id in self.finder.already_listed:
            self.said.setText(f"{name} is already {self.already_in}.")
            return
        self.add(person_id, name)
        self.finder.already_listed.add(person_id)
        self.said.setText(f"Added {name} {self.added_as}. Find someone else, or Close.")
        self.finder.search.selectAll()
        self.finder.search.setFocus()
