"""Tab 3, "How well it went": the evaluation questions, each with a rating on a four-step
scale, the evidence for it, and how it was measured."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from involve_desktop.domain.evaluation_questions import EVALUATION_QUESTIONS
from involve_desktop.domain.evaluation_rules import Answer
from involve_desktop.domain.learning_cycle import QuestionRating
from involve_desktop.services.evaluation_records import EvaluationRecord
from involve_desktop.ui.screens.evaluation.evaluation_tab import (
    EvaluationTab,
    answer_box,
    bold_label,
    hint_label,
    make_read_only,
    rating_combo,
    set_rating,
)


class QuestionInputs:
    def __init__(self, text: str) -> None:
        self.rating = rating_combo(QuestionRating, f"{text} \u2014 rating")
        self.evidence = answer_box(f"{text} \u2014 evidence", lines=3)
        self.how_measured = answer_box(f"{text} \u2014 how it was measured", lines=2)

    def widgets(self) -> list[QWidget]:
        return [self.rating, self.evidence, self.how_measured]


class HowWellTab(EvaluationTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Rate each from weak (1 of 4) to strong (4 of 4), and say what shows it. "
            "A rating needs its evidence before sign-off.",
            parent,
        )
        self.inputs: dict[str, QuestionInputs] = {}
        for number, question in enumerate(EVALUATION_QUESTIONS, start=1):
            inputs = QuestionInputs(question.text)
            title = bold_label(f"{number}. {question.text}")
            self.column.addSpacing(6)
            self.column.addWidget(title)
            self.column.addWidget(hint_label(question.hint))
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            rating_label = QLabel(f"Rating (&{number}):")
            rating_label.setBuddy(inputs.rating)
            form.addRow(rating_label, inputs.rating)
            evidence_label = QLabel("Evidence:")
            evidence_label.setBuddy(inputs.evidence)
            form.addRow(evidence_label, inputs.evidence)
            measured_label = QLabel("How it was measured:")
            measured_label.setBuddy(inputs.how_measured)
            form.addRow(measured_label, inputs.how_measured)
            self.column.addLayout(form)
            self.inputs[question.key] = inputs
            self.watch(*inputs.widgets())
        self.column.addStretch(1)

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        for key, inputs in self.inputs.items():
            answer = record.details.answers.get(key, Answer())
            set_rating(inputs.rating, answer.rating)
            inputs.evidence.setPlainText(answer.evidence)
            inputs.how_measured.setPlainText(answer.how_measured)

    def answers(self) -> dict[str, Answer]:
        return {
            key: Answer(
                rating=inputs.rating.currentData() or "",
                evidence=inputs.evidence.toPlainText(),
                how_measured=inputs.how_measured.toPlainText(),
            )
            for key, inputs in self.inputs.items()
        }

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        make_read_only([w for inputs in self.inputs.values() for w in inputs.widgets()], read_only)

    def field_for(self, key: str) -> QWidget | None:
        inputs = self.inputs.get(key)
        if inputs is None:
            return None
        # Where the answer is missing: the rating first, then its evidence.
        return inputs.evidence if inputs.rating.currentData() else inputs.rating
