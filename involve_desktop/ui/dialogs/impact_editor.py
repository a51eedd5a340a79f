"""Add or edit one "you said, we did" record: what people said, what was decided, what
changed and when, who saw to it, and whether the people involved were told.

A record belongs to an activity, or stands alone with where the feedback came from.
Problems are shown at the field; closing with unsaved changes asks first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.activity_record import CHANGED_ON, SAID, TOLD_ON, ImpactDetails
from involve_desktop.domain.formatting import long_date
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.activities import load_activity
from involve_desktop.services.impact import load_impact, save_impact
from involve_desktop.services.staff import list_staff
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.record_dialog import RecordDialog, not_saved_message
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.person_sections import text_box

SOURCE = "source"
TEXT_LINES = 3


def _text_box(hint: str) -> QPlainTextEdit:
    box = text_box(TEXT_LINES)  # the person editor's: Tab moves on, as in every other field
    box.setPlaceholderText(hint)
    return box


class ImpactForm(FormSection):
    """The fields of one record, in the order the story is told. No two mnemonics share a
    letter, nor with the dialog's &Save (a test collects them)."""

    def __init__(self, people_word: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QLineEdit()
        self.source.setPlaceholderText("For example: a comment card, a phone call, a survey")
        self.source.setMaxLength(200)
        self.source_error = self.add_row(SOURCE, "Where the feedback &came from:", self.source)
        self.said = _text_box("In their words, as far as you can")
        self.add_row(SAID, "&What was said or recommended:", self.said)
        self.decided = _text_box("What you agreed to do, or why not")
        self.add_row("decided", "What was d&ecided:", self.decided)
        self.what_changed = _text_box("What is different now because of it")
        self.add_row("changed", "What c&hanged:", self.what_changed)
        self.changed_on = DateField()
        self.changed_on.setMaximumWidth(self.changed_on.fontMetrics().horizontalAdvance("0") * 16)
        self.add_row(CHANGED_ON, "&Date of the change:", self.changed_on)
        self.responsible = QComboBox()
        self.add_row("responsible_staff_id", "Who was &responsible:", self.responsible)
        self.told = QCheckBox(f"The {people_word} involved were &told")
        self.told_on = DateField()
        told_row = QWidget()
        row = QHBoxLayout(told_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.told)
        row.addWidget(QLabel("on"))
        row.addWidget(self.told_on)
        row.addStretch(1)
        self.add_row(TOLD_ON, "Reported back:", told_row, self.told_on)
        self.told.setAccessibleName(f"The {people_word} involved were told")
        self.told_on.setAccessibleName("Date they were told")
        for signal in (
            self.source.textChanged,
            self.said.textChanged,
            self.decided.textChanged,
            self.what_changed.textChanged,
            self.changed_on.textChanged,
            self.responsible.currentIndexChanged,
            self.told.toggled,
            self.told_on.textChanged,
        ):
            signal.connect(self.notify_changed)

    def show_source(self, shown: bool) -> None:
        label = self.form.labelForField(self.source.parentWidget())
        for widget in (label, self.source.parentWidget()):
            if widget is not None:
                widget.setVisible(shown)


class ImpactEditor(RecordDialog):
    """`saved(impact_id)` follows a save."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        impact_id: int | None = None,
        activity_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.impact_id = impact_id
        self.today = today or date.today()
        self.form = ImpactForm(ctx.terms.plural)
        self.activity_label = QLabel()
        self.activity_label.setWordWrap(True)
        self.activity_label.setAccessibleName("The activity this came from")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.activity_label)
        layout.addWidget(self.form, 1)
        layout.addLayout(self.button_bar())
        self.form.told.toggled.connect(self._told_toggled)
        self.form.changed.connect(lambda: self.set_dirty(True))
        self.resize(640, 560)
        self._load(activity_id)

    # --- loading -------------------------------------------------------------------------

    def _load(self, activity_id: int | None) -> None:
        if self.impact_id is None:
            self.original = ImpactDetails(
                said="",
                activity_id=activity_id,
                responsible_staff_id=self.ctx.actor.staff_id if self.ctx.actor else None,
            )
        else:
            self.original = ops.query(self.ctx, load_impact, self.impact_id)
        self.activity_id = self.original.activity_id
        self._show_where_from()
        self._fill_staff(self.original.responsible_staff_id)
        form = self.form
        form.loading = True
        form.source.setText(self.original.source)
        form.said.setPlainText(self.original.said)
        form.decided.setPlainText(self.original.decided)
        form.what_changed.setPlainText(self.original.changed)
        form.changed_on.set_date(self.original.changed_on)
        form.told.setChecked(self.original.told_people)
        form.told_on.set_date(self.original.told_on)
        form.loading = False
        form.told_on.setEnabled(self.original.told_people)
        (form.source if self.activity_id is None else form.said).setFocus()
        self.set_dirty(False)

    def _show_where_from(self) -> None:
        new = self.impact_id is None
        if self.activity_id is None:
            title = "New feedback" if new else "Feedback"
            self.activity_label.setText("Feedback from outside an activity.")
        else:
            activity = ops.query(self.ctx, load_activity, self.activity_id)
            title = "New \u201cyou said, we did\u201d" if new else "You said, we did"
            self.activity_label.setText(
                f"From the activity \u201c{activity.title}\u201d, {long_date(activity.held_on)}."
            )
        self.form.show_source(self.activity_id is None)
        self.set_title(title)

    def _fill_staff(self, chosen: int | None) -> None:
        box = self.form.responsible
        box.addItem("Nobody named yet", None)
        for member in ops.query(self.ctx, list_staff):
            if member.active or member.id == chosen:
                left = "" if member.active else " (no longer active)"
                box.addItem(member.name + left, member.id)
        box.setCurrentIndex(max(0, box.findData(chosen)))

    def _told_toggled(self, told: bool) -> None:
        if told and not self.form.told_on.text().strip():
            self.form.told_on.set_date(self.today)
        self.form.told_on.setEnabled(told)

    # --- saving --------------------------------------------------------------------------

    def edited_details(self) -> ImpactDetails:
        """What the form holds; raises ValidationFailed for dates that cannot be read."""
        form = self.form
        problems = {
            name: field.problem()
            for name, field in ((CHANGED_ON, form.changed_on), (TOLD_ON, form.told_on))
            if field.problem()
        }
        if problems:
            raise ValidationFailed(problems)
        told = form.told.isChecked()
        return ImpactDetails(
            said=form.said.toPlainText(),
            activity_id=self.activity_id,
            source=form.source.text() if self.activity_id is None else "",
            decided=form.decided.toPlainText(),
            changed=form.what_changed.toPlainText(),
            changed_on=form.changed_on.date(),
            responsible_staff_id=form.responsible.currentData(),
            told_people=told,
            told_on=form.told_on.date() if told else None,
        )

    def save(self) -> bool:
        """Save and close; False (and the problems shown) when it cannot be saved."""
        try:
            details = self.edited_details()
            saved_id = ops.change(
                self.ctx,
                "activities",
                save_impact,
                self.ctx.actor,
                details,
                self.impact_id,
                today=self.today,
            )
        except ValidationFailed as problem:
            self.form.show_errors(problem.errors)
            self.state_label.setText(not_saved_message(len(problem.errors)))
            return False
        self.impact_id = saved_id
        self.set_dirty(False)
        self.saved.emit(saved_id)
        self.accept()
        return True
