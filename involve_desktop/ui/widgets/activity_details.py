"""The Details tab of the activity editor: what the activity is, why it happens and how much
power it shares; when, where and for how long; who leads it; pay; notes.

Power shared is drawn as a four-step text gauge ("●●○○ We consult"), always with its words,
so it reads the same in black and white, to a screen reader and at a glance.
"""

from __future__ import annotations

import re
from datetime import date, time

from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain import activity_record as fields
from involve_desktop.domain.activities import PlaceAccess, PowerShared
from involve_desktop.domain.activity_record import ActivityDetails, validate_activity
from involve_desktop.services.staff import StaffMember
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.person_form_parts import choice_box, chosen, show_choice
from involve_desktop.ui.widgets.person_sections import line_edit, text_box

STARTS_AT = "starts_at"
POWER_STEPS = len(PowerShared)
POWER_MNEMONICS = {
    PowerShared.INFORM: "We &inform",
    PowerShared.CONSULT: "We c&onsult",
    PowerShared.DECIDE_TOGETHER: "We decide to&gether",
    PowerShared.YOU_LEAD: "&You lead",
}
PURPOSE_HINT = (
    "Why does this activity happen, and what do you hope will change because of it? "
    "People can tell when involvement has no purpose."
)
NO_LEAD = "No one named yet"
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def power_gauge(power: PowerShared) -> str:
    """'●●○○': filled circles up to the step, so the scale reads in black and white."""
    return "\u25cf" * power.step + "\u25cb" * (POWER_STEPS - power.step)


def power_text(power: PowerShared) -> str:
    """'●●○○ We consult', as the list shows it."""
    return f"{power_gauge(power)} {power.label}"


def power_spoken(power: PowerShared) -> str:
    """What a screen reader says instead of the circles."""
    return f"{power.label}, step {power.step} of {POWER_STEPS}: {power.meaning}"


def parse_start_time(text: str) -> time | None:
    """'10:30', '10.30', '2pm', '14:00' → a time; '' → None. Raises ValueError in words."""
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        return None
    match = _TIME.match(cleaned)
    hour = int(match.group(1)) if match else -1
    minute = int(match.group(2) or 0) if match else -1
    suffix = match.group(3) if match else None
    if suffix and 1 <= hour <= 12:
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif suffix:
        hour = -1
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError("Please write the start time like 10:30 or 2pm, or leave it empty.")
    return time(hour, minute)


class PowerChoice(QWidget):
    """Four radio buttons, each with its gauge, its words and what it means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[PowerShared, QRadioButton] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for power in PowerShared:
            button = QRadioButton(
                f"{power_gauge(power)}  {POWER_MNEMONICS[power]}: {power.meaning}"
            )
            self.group.addButton(button, power.step)
            self.buttons[power] = button
            column.addWidget(button)

    def name_buttons(self) -> None:
        """Each button's spoken name: the circles read badly aloud."""
        for power, button in self.buttons.items():
            button.setAccessibleName(power_spoken(power))

    def chosen(self) -> PowerShared:
        return list(PowerShared)[max(self.group.checkedId(), 1) - 1]

    def choose(self, power: PowerShared) -> None:
        self.buttons[power].setChecked(True)


class ActivityDetailsSection(FormSection):
    """Every field of an activity except who took part and its impact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = line_edit(200)
        self.kind = self._list_box("kind")
        self.area = self._list_box("area")
        self.purpose = text_box(4)
        self.purpose.setPlaceholderText(PURPOSE_HINT)
        purpose_hint = QLabel(
            "Required. Say what the charity hopes will change because people took part."
        )
        purpose_hint.setWordWrap(True)
        self.power = PowerChoice()
        self.held_on = DateField()
        self.starts_at = line_edit(10)
        self.starts_at.setPlaceholderText("For example 10:30")
        self.hours = self._spin(" hours", 14 * 24)
        self.minutes = self._spin(" minutes", 59)
        self.place = line_edit(200)
        self.place_access = choice_box(PlaceAccess, "Is the place accessible", blank="Not known")
        self.lead = QComboBox()
        self.paid = QCheckBox("People &are paid for their time (at the payment policy\u2019s rate)")
        self.pay_note = line_edit(200)
        self.pay_note.setPlaceholderText("For example: travel paid too; vouchers on the day")
        self.notes = text_box(4)

        self.add_row(fields.TITLE, "&Title:", self.title)
        self.add_row("kind", "&Kind:", self.kind)
        self.add_row("area", "A&rea:", self.area)
        self.add_row(
            fields.PURPOSE, "&Purpose:", _stacked(self.purpose, purpose_hint), self.purpose
        )
        self.purpose.setAccessibleName("Purpose")
        self.add_row(
            "power_shared", "Power shared:", self.power, self.power.buttons[PowerShared.INFORM]
        )
        self.power.name_buttons()
        self.add_row(fields.HELD_ON, "Dat&e:", self.held_on)
        self.add_row(STARTS_AT, "Start ti&me (optional):", self.starts_at)
        self.add_row(
            fields.DURATION,
            "D&uration (optional):",
            _side_by_side(self.hours, self.minutes),
            self.hours,
        )
        self.hours.setAccessibleName("Duration, hours")
        self.minutes.setAccessibleName("Duration, minutes")
        self.add_row("place", "P&lace:", self.place)
        self.add_row("place_access", "Is it accessi&ble?", self.place_access)
        self.add_row("lead_staff_id", "Lead sta&ff member:", self.lead)
        self.add_row("paid", "Pay:", self.paid)
        self.paid.setAccessibleName(self.paid.text().replace("&", ""))
        self.add_row("pay_note", "Pay &note:", self.pay_note)
        self.add_row("notes", "Ot&her notes:", self.notes)

        for edit in (self.title, self.held_on, self.starts_at, self.place, self.pay_note):
            edit.textChanged.connect(self.notify_changed)
        for box in (self.purpose, self.notes):
            box.textChanged.connect(self.notify_changed)
        for combo in (self.kind, self.area):
            combo.currentTextChanged.connect(self.notify_changed)
        for combo in (self.place_access, self.lead):
            combo.currentIndexChanged.connect(self.notify_changed)
        for spin in (self.hours, self.minutes):
            spin.valueChanged.connect(self.notify_changed)
        self.power.group.idToggled.connect(self.notify_changed)
        self.paid.toggled.connect(self.notify_changed)

    @staticmethod
    def _list_box(which: str) -> QComboBox:
        box = QComboBox()
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.lineEdit().setPlaceholderText(f"Choose, or type a new {which} to add it to your list")
        box.lineEdit().setMaxLength(80)
        return box

    @staticmethod
    def _spin(suffix: str, most: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, most)
        spin.setSuffix(suffix)
        return spin

    # --- filling in ----------------------------------------------------------------------

    def set_choices(
        self, kinds: list[str], areas: list[str], staff: list[StaffMember], lead_id: int | None
    ) -> None:
        """The charity's lists and the staff who can lead (the current lead kept if inactive)."""
        for box, names in ((self.kind, kinds), (self.area, areas)):
            box.clear()
            box.addItem("")
            box.addItems(names)
        self.lead.clear()
        self.lead.addItem(NO_LEAD, None)
        for member in staff:
            if member.active or member.id == lead_id:
                suffix = "" if member.active else " (no longer active)"
                self.lead.addItem(member.name + suffix, member.id)

    def load(self, details: ActivityDetails | None, lead_id: int | None) -> None:
        """Show an activity; None starts a new one led by `lead_id`."""
        self.loading = True
        shown = details or ActivityDetails(title="", purpose="", held_on=date.today())
        self.title.setText(shown.title)
        self.kind.setCurrentText(shown.kind)
        self.area.setCurrentText(shown.area)
        self.purpose.setPlainText(shown.purpose)
        self.power.choose(shown.power_shared)
        self.held_on.set_date(details.held_on if details else None)
        self.starts_at.setText(f"{shown.starts_at:%H:%M}" if shown.starts_at else "")
        hours, minutes = divmod(shown.duration_minutes or 0, 60)
        self.hours.setValue(hours)
        self.minutes.setValue(minutes)
        self.place.setText(shown.place)
        show_choice(self.place_access, shown.place_access)
        lead = shown.lead_staff_id if details else lead_id
        self.lead.setCurrentIndex(max(self.lead.findData(lead), 0))
        self.paid.setChecked(shown.paid)
        self.pay_note.setText(shown.pay_note)
        self.notes.setPlainText(shown.notes)
        self.loading = False

    # --- reading back --------------------------------------------------------------------

    def held_on_date(self) -> date | None:
        return None if self.held_on.problem() else self.held_on.date()

    def problems(self) -> dict[str, str]:
        """Everything that stops a save, by field, in the words shown under it."""
        errors: dict[str, str] = {}
        if problem := self.held_on.problem():
            errors[fields.HELD_ON] = problem
        elif self.held_on.date() is None:
            errors[fields.HELD_ON] = "Please give the date the activity happens (or happened)."
        try:
            parse_start_time(self.starts_at.text())
        except ValueError as error:
            errors[STARTS_AT] = str(error)
        date_for_checks = self.held_on_date() or date.today()
        errors.update(validate_activity(self.details(date_for_checks)))
        return errors

    def details(self, held_on: date | None = None) -> ActivityDetails:
        """What is typed, as an activity (call once `problems()` is empty)."""
        try:
            starts_at = parse_start_time(self.starts_at.text())
        except ValueError:
            starts_at = None
        minutes = self.hours.value() * 60 + self.minutes.value()
        return ActivityDetails(
            title=self.title.text(),
            purpose=self.purpose.toPlainText(),
            held_on=held_on or self.held_on_date() or date.today(),
            kind=self.kind.currentText(),
            area=self.area.currentText(),
            power_shared=self.power.chosen(),
            starts_at=starts_at,
            duration_minutes=minutes or None,
            place=self.place.text(),
            place_access=chosen(self.place_access, PlaceAccess),
            lead_staff_id=self.lead.currentData(),
            paid=self.paid.isChecked(),
            pay_note=self.pay_note.text(),
            notes=self.notes.toPlainText(),
        )


def _stacked(*widgets: QWidget) -> QWidget:
    return _cell(QVBoxLayout(), widgets)


def _side_by_side(*widgets: QWidget) -> QWidget:
    return _cell(QHBoxLayout(), widgets, stretch=True)


def _cell(layout: QBoxLayout, widgets: tuple[QWidget, ...], stretch: bool = False) -> QWidget:
    cell = QWidget()
    cell.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return cell
