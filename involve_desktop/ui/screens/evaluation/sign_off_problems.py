"""What still needs answering before the evaluation can be signed off: a list under the
tabs, each line taking the user to the question it is about (Enter or double-click)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from involve_desktop.domain.evaluation_rules import SignOffProblem
from involve_desktop.ui.colours import error_style
from involve_desktop.ui.widgets.people_finder import EnterKey

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
LINES_SHOWN = 6


def problems_heading(count: int) -> str:
    what = (
        "1 question still needs an answer"
        if count == 1
        else (f"{count} questions still need answers")
    )
    return f"\u26a0 Not signed off: {what}. Enter on a line takes you to it."


class SignOffProblemsPanel(QFrame):
    """`go_to(key)` when the user picks a line."""

    go_to = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(error_style())
        self.list = QListWidget()
        self.list.setAccessibleName("Still to answer before sign-off")
        self.heading.setBuddy(self.list)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.list)
        self.list.itemActivated.connect(self._picked)
        EnterKey(self.list, lambda: self._picked(self.list.currentItem()))
        self.setVisible(False)

    def show_problems(self, problems: Sequence[SignOffProblem]) -> None:
        self.list.clear()
        for problem in problems:
            item = QListWidgetItem(problem.message)
            item.setData(KEY_ROLE, problem.key)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        # As tall as the lines, up to a few; more scroll.
        shown = max(1, min(len(problems), LINES_SHOWN))
        self.list.setFixedHeight(
            self.list.sizeHintForRow(0) * shown + 2 * self.list.frameWidth() + 2
        )
        self.heading.setText(problems_heading(len(problems)))
        self.setVisible(bool(problems))

    def messages(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.go_to.emit(str(item.data(KEY_ROLE)))
