"""Tab 6, "Actions arising": what the evaluation found and the action proposed for each, in
a standards area and, if it came from one, against a question. Each finding goes into the
current action plan with one button; once there, its row says so and it stays."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.evaluation_questions import ALL_QUESTIONS
from involve_desktop.domain.learning_cycle import StandardsArea
from involve_desktop.services.evaluation_records import (
    EvaluationRecord,
    FindingDraft,
    FindingRecord,
)
from involve_desktop.ui.screens.evaluation.evaluation_tab import (
    EvaluationTab,
    answer_box,
    make_read_only,
)
from involve_desktop.ui.widgets.editable_rows import tab_through
from involve_desktop.ui.widgets.form_section import FieldError

CHOOSE_AREA = "Choose an area"
NO_QUESTION = "Not from one question"
SHORTEST_CHOICE = 24  # characters a finding's choice boxes show at the least


def narrow_combo() -> QComboBox:
    """A choice of long texts (whole questions) that does not size itself to the longest,
    which would push the page past the window's edge with a large font. The chosen text
    is cut short where it must; the open list and the tooltip show it whole."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(SHORTEST_CHOICE)
    combo.currentTextChanged.connect(combo.setToolTip)
    return combo


def in_plan_words(saved: FindingRecord) -> str:
    return f"In the plan \u00b7 {saved.plan_status}"


@dataclass
class FindingRow:
    """One finding's inputs; `saved` is what was loaded (None for a new one)."""

    box: QGroupBox
    finding: QPlainTextEdit
    action: QPlainTextEdit
    area: QComboBox
    question: QComboBox
    plan_state: QLabel
    raise_button: QPushButton
    remove_button: QPushButton
    error: FieldError
    saved: FindingRecord | None = None

    @property
    def in_plan(self) -> bool:
        return self.saved is not None and self.saved.plan_item_id is not None

    def inputs(self) -> list[QWidget]:
        return [self.finding, self.action, self.area, self.question]

    def draft(self) -> FindingDraft:
        return FindingDraft(
            self.saved.id if self.saved else None,
            self.finding.toPlainText(),
            self.action.toPlainText(),
            StandardsArea(self.area.currentData()) if self.area.currentData() else None,
            self.question.currentData() or "",
        )


class FindingsTab(EvaluationTab):
    """`raise_requested(row)` when the user asks for a finding to go into the plan."""

    raise_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "What did the evaluation find that needs doing? Each finding can go into the "
            "current action plan with \u201cAdd to action plan\u201d, linked back to it.",
            parent,
        )
        self.rows: list[FindingRow] = []
        self.may_raise = True
        self.list_box = QWidget()
        self.list_column = QVBoxLayout(self.list_box)
        self.list_column.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel("No findings yet.")
        self.add_button = QPushButton("A&dd a finding")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.column.addWidget(self.list_box)
        self.column.addWidget(self.empty)
        self.column.addLayout(buttons)
        self.column.addStretch(1)
        self.add_button.clicked.connect(self.add_finding)

    # --- rows ------------------------------------------------------------------------

    def _new_row(self, saved: FindingRecord | None) -> FindingRow:
        box = QGroupBox()
        finding = answer_box("", lines=2)
        action = answer_box("", lines=2)
        area = narrow_combo()
        area.addItem(CHOOSE_AREA, None)
        for choice in StandardsArea:
            area.addItem(f"{choice.label}: {choice.meaning}", choice.value)
        question = narrow_combo()
        question.addItem(NO_QUESTION, "")
        for asked in ALL_QUESTIONS:
            question.addItem(f"{asked.part.label}: {asked.text}", asked.key)
        plan_state = QLabel()
        raise_button = QPushButton("Add to action plan")
        remove_button = QPushButton("Remove")
        row = FindingRow(
            box,
            finding,
            action,
            area,
            question,
            plan_state,
            raise_button,
            remove_button,
            FieldError(finding),
            saved,
        )
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, field in (
            ("What we found:", finding),
            ("The action we propose:", action),
            ("Standards area:", area),
            ("From the question:", question),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(row.error)
        actions = QHBoxLayout()
        actions.addWidget(plan_state)
        actions.addWidget(raise_button)
        actions.addStretch(1)
        actions.addWidget(remove_button)
        form.addRow(actions)
        if saved is not None:
            finding.setPlainText(saved.finding.finding)
            action.setPlainText(saved.finding.action)
            area.setCurrentIndex(max(area.findData(saved.finding.area.value), 0))
            question.setCurrentIndex(max(question.findData(saved.finding.question_key), 0))
        self.watch(finding, action, area, question)
        raise_button.clicked.connect(lambda: self.raise_requested.emit(self.rows.index(row)))
        remove_button.clicked.connect(lambda: self.remove_finding(row))
        self.rows.append(row)
        self.list_column.addWidget(box)
        box.show()  # now, not when the layout gets round to it: it may take the cursor
        return row

    def add_finding(self) -> None:
        row = self._new_row(None)
        self._lay_out()
        self.go_to(row.finding)
        self.notify_changed()

    def remove_finding(self, row: FindingRow) -> None:
        if row.in_plan or self.read_only:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        self._discard(row)
        self._lay_out()
        following = self.rows[index].finding if index < len(self.rows) else self.add_button
        following.setFocus()
        self.notify_changed()

    def _discard(self, row: FindingRow) -> None:
        row.box.hide()
        row.box.setParent(None)  # out of the page at once, not when Qt gets round to it
        row.box.deleteLater()

    def _lay_out(self) -> None:
        """Number the findings for eyes and screen readers; show what each row may do."""
        chain: list[QWidget] = []
        for number, row in enumerate(self.rows, start=1):
            name = f"Finding {number}"
            row.box.setTitle(name)
            row.finding.setAccessibleName(f"{name}, what we found")
            row.action.setAccessibleName(f"{name}, the action we propose")
            row.area.setAccessibleName(f"{name}, standards area")
            row.question.setAccessibleName(f"{name}, the question it came from")
            row.raise_button.setAccessibleName(f"Add finding {number} to the action plan")
            row.remove_button.setAccessibleName(f"Remove finding {number}")
            row.plan_state.setText(in_plan_words(row.saved) if row.saved and row.in_plan else "")
            row.plan_state.setVisible(row.in_plan)
            row.raise_button.setVisible(not row.in_plan and self.may_raise)
            row.remove_button.setVisible(not row.in_plan and not self.read_only)
            make_read_only(row.inputs(), self.read_only)
            chain += [*row.inputs(), row.raise_button, row.remove_button]
        self.empty.setVisible(not self.rows)
        self.add_button.setVisible(not self.read_only)
        tab_through(self.list_box, [*chain, self.add_button], start=self.add_button)

    # --- the tab ---------------------------------------------------------------------

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        for row in self.rows:
            self._discard(row)
        self.rows = []
        for saved in record.findings:
            self._new_row(saved)
        self._lay_out()

    def drafts(self) -> list[FindingDraft]:
        return [row.draft() for row in self.rows]

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Messages under the findings named 'finding.<index>'; the first one's input."""
        first: QWidget | None = None
        for index, row in enumerate(self.rows):
            message = errors.get(f"finding.{index}", "")
            row.error.show_message(message)
            if message and first is None:
                first = row.finding if not row.finding.toPlainText().strip() else row.area
        return first

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._lay_out()

    def set_may_raise(self, may_raise: bool) -> None:
        self.may_raise = may_raise
        self._lay_out()
