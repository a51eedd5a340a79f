"""Tab 4, "Standards": the self-assessment in the four areas. Each point is rated on a
four-step scale with its evidence, next to the rating it had in last year's evaluation."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from involve_desktop.domain.evaluation_questions import standards_points
from involve_desktop.domain.evaluation_rules import Answer
from involve_desktop.domain.learning_cycle import StandardRating, StandardsArea
from involve_desktop.services.evaluation_records import EvaluationRecord
from involve_desktop.ui.screens.evaluation.evaluation_tab import (
    EvaluationTab,
    answer_box,
    bold_label,
    hint_label,
    make_read_only,
    rating_combo,
    rating_words,
    set_rating,
)


def last_year_words(value: str) -> str:
    """'Last year: Developing (3 of 4)', or 'Last year: not assessed'."""
    try:
        return f"Last year: {rating_words(StandardRating(value))}"
    except ValueError:
        return "Last year: not assessed"


class PointInputs:
    def __init__(self, text: str) -> None:
        self.rating = rating_combo(StandardRating, f"{text} \u2014 rating")
        self.evidence = answer_box(f"{text} \u2014 evidence", lines=2)
        self.last_year = QLabel()
        self.last_year.setWordWrap(True)
        self.last_year.setAccessibleName(f"{text} \u2014 last year")


class StandardsTab(EvaluationTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Rate each point from \u201cnot in place yet\u201d (1 of 4) to \u201cpart of "
            "everyday work\u201d (4 of 4), with what shows it. Last year's rating is beside "
            "each.",
            parent,
        )
        self.no_earlier = hint_label("There is no earlier evaluation to compare with.")
        self.column.addWidget(self.no_earlier)
        self.points: dict[str, PointInputs] = {}
        for area in StandardsArea:
            self.column.addSpacing(10)
            self.column.addWidget(bold_label(area.label, 1.2))
            self.column.addWidget(hint_label(area.meaning.capitalize() + "."))
            grid = QGridLayout()
            grid.setColumnStretch(1, 1)
            row = 0
            for point in standards_points(area):
                inputs = PointInputs(point.text)
                text = QLabel(point.text)
                text.setWordWrap(True)
                text.setBuddy(inputs.rating)
                rating_label = QLabel("Rating:")
                rating_label.setBuddy(inputs.rating)
                evidence_label = QLabel("Evidence:")
                evidence_label.setBuddy(inputs.evidence)
                # Last year's rating goes under this year's, not beside it: side by side
                # they run past the window's edge with a large font.
                grid.addWidget(text, row, 0, 1, 2)
                grid.addWidget(rating_label, row + 1, 0)
                grid.addWidget(inputs.rating, row + 1, 1)
                grid.addWidget(inputs.last_year, row + 2, 1)
                grid.addWidget(evidence_label, row + 3, 0)
                grid.addWidget(inputs.evidence, row + 3, 1)
                grid.setRowMinimumHeight(row + 4, 8)
                row += 5
                self.points[point.key] = inputs
                self.watch(inputs.rating, inputs.evidence)
            self.column.addLayout(grid)
        self.column.addStretch(1)

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        for key, inputs in self.points.items():
            answer = record.details.answers.get(key, Answer())
            set_rating(inputs.rating, answer.rating)
            inputs.evidence.setPlainText(answer.evidence)
            inputs.last_year.setText(
                last_year_words(last_year.get(key, "")) if last_year is not None else ""
            )
            inputs.last_year.setVisible(last_year is not None)
        self.no_earlier.setVisible(last_year is None)

    def answers(self) -> dict[str, Answer]:
        return {
            key: Answer(
                rating=inputs.rating.currentData() or "", evidence=inputs.evidence.toPlainText()
            )
            for key, inputs in self.points.items()
        }

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        widgets: list[QWidget] = []
        for inputs in self.points.values():
            widgets += [inputs.rating, inputs.evidence]
        make_read_only(widgets, read_only)

    def field_for(self, key: str) -> QWidget | None:
        inputs = self.points.get(key)
        return inputs.rating if inputs else None
