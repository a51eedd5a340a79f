"""The fields of one action-plan item: what, which standards area and cycle stage, its status
(and why it was dropped), who leads it, how, where and by when.

Mnemonics are chosen together with the people and progress parts and the dialog's &Save, so
no two share a letter: D A T U O L E W R B here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from involve_desktop.domain.learning_cycle import CycleStage, ItemStatus, StandardsArea
from involve_desktop.domain.plan_records import MAX_SHORT_TEXT, ActionItemDetails, period_text
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.staff import StaffMember
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.person_sections import text_box

NOBODY_YET = "Nobody yet"


def _combo(choices: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for text, value in choices:
        box.addItem(text, value)
    return box


def _short(hint: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(MAX_SHORT_TEXT)
    edit.setPlaceholderText(hint)
    return edit


def _beside(field: QWidget, note: QLabel) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    layout.addWidget(note, 1)
    return row


class ActionItemForm(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = text_box(3)
        self.action.setPlaceholderText("For example: ask the youth panel to review our leaflets")
        self.add_row("action", "What is to be &done:", self.action)
        # Combo boxes hold the stored values: Qt gives an enum back as a plain string.
        self.area = _combo([(area.label, area.value) for area in StandardsArea])
        self.area_meaning = QLabel()
        self.area_meaning.setWordWrap(True)
        self.area_meaning.setAccessibleName("What the area means")
        self.add_row("area", "Standards &area:", _beside(self.area, self.area_meaning), self.area)
        self.stage = _combo([(stage.label, stage.value) for stage in CycleStage])
        self.add_row("stage", "Cycle s&tage:", self.stage)
        self.status = _combo([(status.label, status.value) for status in ItemStatus])
        self.add_row("status", "Stat&us:", self.status)
        self.dropped_reason = text_box(2)
        self.dropped_reason.setPlaceholderText("What stopped it, so the next evaluation can learn")
        self.add_row("dropped_reason", "Why dr&opped:", self.dropped_reason)
        self.lead = QComboBox()
        self.add_row("staff_id", "&Led by:", self.lead)
        self.who_else = _short("For example: the trustees, our partner college")
        self.add_row("who_else", "Anyone &else:", self.who_else)
        self.how = text_box(3)
        self.how.setPlaceholderText("The steps, the support or money it needs")
        self.add_row("how", "Ho&w:", self.how)
        self.place = _short("For example: the community centre, online")
        self.add_row("place", "Whe&re:", self.place)
        self.due_on = DateField()
        self.due_on.setMaximumWidth(self.due_on.fontMetrics().horizontalAdvance("0") * 16)
        self.period_note = QLabel()
        self.period_note.setWordWrap(True)
        self.period_note.setAccessibleName("The plan's period")
        self.add_row("due_on", "Due &by:", _beside(self.due_on, self.period_note), self.due_on)
        # A row of two is named as a row; its input keeps a name of its own.
        self.area.setAccessibleName("Standards area")
        self.due_on.setAccessibleName("Due by")
        self.area.currentIndexChanged.connect(self._show_area_meaning)
        self.status.currentIndexChanged.connect(self._show_reason_if_dropped)
        for signal in (
            self.action.textChanged,
            self.area.currentIndexChanged,
            self.stage.currentIndexChanged,
            self.status.currentIndexChanged,
            self.dropped_reason.textChanged,
            self.lead.currentIndexChanged,
            self.who_else.textChanged,
            self.how.textChanged,
            self.place.textChanged,
            self.due_on.textChanged,
        ):
            signal.connect(self.notify_changed)
        self._show_area_meaning()
        self._show_reason_if_dropped()

    def fill_staff(self, staff: list[StaffMember], chosen: int | None) -> None:
        """Active staff, and whoever leads it now even if they have left."""
        self.lead.addItem(NOBODY_YET, None)
        for member in staff:
            if member.active or member.id == chosen:
                left = "" if member.active else " (no longer active)"
                self.lead.addItem(member.name + left, member.id)
        self.lead.setCurrentIndex(max(0, self.lead.findData(chosen)))

    def load(self, details: ActionItemDetails, period: tuple[date, date]) -> None:
        self.loading = True
        self.action.setPlainText(details.action)
        self.area.setCurrentIndex(self.area.findData(details.area.value))
        self.stage.setCurrentIndex(self.stage.findData(details.stage.value))
        self.status.setCurrentIndex(self.status.findData(details.status.value))
        self.dropped_reason.setPlainText(details.dropped_reason)
        self.lead.setCurrentIndex(max(0, self.lead.findData(details.staff_id)))
        self.who_else.setText(details.who_else)
        self.how.setPlainText(details.how)
        self.place.setText(details.place)
        self.due_on.set_date(details.due_on)
        self.period_note.setText(f"The plan runs {period_text(*period)}.")
        self.loading = False

    def details(self, person_ids: tuple[int, ...]) -> ActionItemDetails:
        """What the fields hold; raises ValidationFailed when the due date cannot be read."""
        problem = self.due_on.problem()
        if problem:
            raise ValidationFailed({"due_on": problem})
        return ActionItemDetails(
            action=self.action.toPlainText(),
            area=StandardsArea(self.area.currentData()),
            stage=CycleStage(self.stage.currentData()),
            status=ItemStatus(self.status.currentData()),
            staff_id=self.lead.currentData(),
            person_ids=person_ids,
            who_else=self.who_else.text(),
            how=self.how.toPlainText(),
            place=self.place.text(),
            due_on=self.due_on.date(),
            dropped_reason=self.dropped_reason.toPlainText(),
        )

    def set_read_only(self) -> None:
        for box in (self.action, self.dropped_reason, self.how):
            box.setReadOnly(True)
        for edit in (self.who_else, self.place, self.due_on):
            edit.setReadOnly(True)
        for combo in (self.area, self.stage, self.status, self.lead):
            combo.setEnabled(False)

    def _show_area_meaning(self) -> None:
        area = StandardsArea(self.area.currentData())
        self.area_meaning.setText(area.meaning.capitalize() + ".")

    def _show_reason_if_dropped(self) -> None:
        dropped = self.status.currentData() == ItemStatus.DROPPED.value
        self.form.setRowVisible(self.dropped_reason.parentWidget(), dropped)
