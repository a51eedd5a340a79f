"""Tab 2, "Looking back": the reflection questions, each answered in the charity's words."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from involve_desktop.domain.evaluation_questions import REFLECTION_QUESTIONS
from involve_desktop.domain.evaluation_rules import Answer
from involve_desktop.services.evaluation_records import EvaluationRecord
from involve_desktop.ui.screens.evaluation.evaluation_tab import (
    EvaluationTab,
    answer_box,
    bold_label,
    hint_label,
    make_read_only,
)


class LookingBackTab(EvaluationTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Answer in your own words. You can leave any of these and come back to them; "
            "all of them need an answer before the evaluation is signed off.",
            parent,
        )
        self.boxes: dict[str, QPlainTextEdit] = {}
        for number, question in enumerate(REFLECTION_QUESTIONS, start=1):
            # Alt+1 to Alt+6 go straight to a question's answer.
            label = bold_label(f"&{number}. {question.text}")
            box = answer_box(f"{question.text} \u2014 answer")
            box.setAccessibleDescription(question.hint)
            label.setBuddy(box)
            self.column.addSpacing(6)
            self.column.addWidget(label)
            self.column.addWidget(hint_label(question.hint))
            self.column.addWidget(box)
            self.boxes[question.key] = box
            self.watch(box)
        self.column.addStretch(1)

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        for key, box in self.boxes.items():
            box.setPlainText(record.details.answers.get(key, Answer()).text)

    def answers(self) -> dict[str, Answer]:
        return {key: Answer(text=box.toPlainText()) for key, box in self.boxes.items()}

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        make_read_only(list(self.boxes.values()), read_only)

    def field_for(self, key: str) -> QWidget | None:
        return self.boxes.get(key)
