"""The person editor's everyday sections: about them, contact, roles and interests,
involvement level, and notes. Taking part, consent, payment, training and the sensitive
sections are in `person_sections_care.py`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from involve_desktop.domain import person_record as fields
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.people import ContactMethod, ParticipationLevel
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.services.attendance import Participation
from involve_desktop.ui.widgets.choice_list import ChoiceList
from involve_desktop.ui.widgets.person_form_parts import (
    PersonSection,
    choice_box,
    chosen,
    show_choice,
)

SHOWN_ACTIVITIES = 8
LEVEL_MEANINGS = {
    ParticipationLevel.OBSERVING: "receives news, comes to open events, gives occasional views",
    ParticipationLevel.CONTRIBUTING: "gives feedback and takes part in consultations",
    ParticipationLevel.COLLABORATING: "works alongside staff: panels, co-design, steering groups",
    ParticipationLevel.LEADING: "leads work: chairs, trains, runs projects with a budget",
}


def line_edit(max_length: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    return edit


def text_box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class AboutSection(PersonSection):
    title = "About"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_name = line_edit(100)
        self.last_name = line_edit(100)
        self.preferred_name = line_edit(100)
        self.preferred_name.setPlaceholderText("The name they like to be called, if different")
        self.pronouns = line_edit(40)
        self.pronouns.setPlaceholderText("For example she/her, they/them")
        self.add_row(fields.FIRST_NAME, "&First name:", self.first_name)
        self.add_row("last_name", "&Last name:", self.last_name)
        self.add_row("preferred_name", "&Preferred name:", self.preferred_name)
        self.add_row("pronouns", "P&ronouns:", self.pronouns)
        self.date_of_birth = self.add_date_row(fields.DATE_OF_BIRTH, "&Date of birth (optional):")
        self.joined_on = self.add_date_row("joined_on", "&Joined on:")
        for edit in (self.first_name, self.last_name, self.preferred_name, self.pronouns):
            edit.textChanged.connect(self.notify_changed)

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        self.first_name.setText(details.first_name)
        self.last_name.setText(details.last_name)
        self.preferred_name.setText(details.preferred_name)
        self.pronouns.setText(details.pronouns)
        self.date_of_birth.set_date(details.date_of_birth)
        self.joined_on.set_date(details.joined_on or date.today())
        self.loading = False

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        return replace(
            details,
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            preferred_name=self.preferred_name.text(),
            pronouns=self.pronouns.text(),
            date_of_birth=self.dated(fields.DATE_OF_BIRTH),
            joined_on=self.dated("joined_on"),
        )


class ContactSection(PersonSection):
    title = "Contact"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.email = line_edit(254)
        self.phone = line_edit(40)
        self.address = text_box(4)
        self.contact_method = choice_box(ContactMethod, "How they like to be contacted")
        self.best_times = line_edit(200)
        self.best_times.setPlaceholderText("For example weekday mornings; not Fridays")
        self.add_row(fields.EMAIL, "&Email:", self.email)
        self.add_row(fields.PHONE, "P&hone:", self.phone)
        self.add_row("address", "&Address:", self.address)
        self.add_row("contact_method", "How they like to be &contacted:", self.contact_method)
        self.add_row("best_times", "&Best times:", self.best_times)
        for edit in (self.email, self.phone, self.best_times):
            edit.textChanged.connect(self.notify_changed)
        self.address.textChanged.connect(self.notify_changed)
        self.contact_method.currentIndexChanged.connect(self.notify_changed)

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        self.email.setText(details.email)
        self.phone.setText(details.phone)
        self.address.setPlainText(details.address)
        show_choice(self.contact_method, details.contact_method)
        self.best_times.setText(details.best_times)
        self.loading = False

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        return replace(
            details,
            email=self.email.text(),
            phone=self.phone.text(),
            address=self.address.toPlainText(),
            contact_method=chosen(self.contact_method, ContactMethod),
            best_times=self.best_times.text(),
        )


class RolesSection(PersonSection):
    title = "Roles and interests"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roles = ChoiceList("role")
        self.interests = ChoiceList("interest")
        self.add_row("roles", "&Roles they hold:", self.roles, self.roles.list)
        self.add_row("interests", "&Interests:", self.interests, self.interests.list)
        self.interests.list.setToolTip("The areas they would like to be involved in")
        self.roles.changed.connect(self.notify_changed)
        self.interests.changed.connect(self.notify_changed)
        self.role_options: list[str] = []
        self.interest_options: list[str] = []

    def set_options(self, roles: list[str], interests: list[str]) -> None:
        self.role_options, self.interest_options = roles, interests

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        self.roles.set_options(self.role_options, details.roles)
        self.interests.set_options(self.interest_options, details.interests)
        self.loading = False

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        return replace(details, roles=self.roles.ticked(), interests=self.interests.ticked())


class InvolvementSection(PersonSection):
    title = "Involvement"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = QComboBox()
        for level in ParticipationLevel:
            self.level.addItem(f"{level.label}: {LEVEL_MEANINGS[level]}", level.value)
        self.add_row("participation_level", "Participation &level:", self.level)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.add_row("history", "History:", self.history)
        self.history.setAccessibleName("Participation history")
        self.activities = QLabel()
        self.activities.setWordWrap(True)
        self.add_row("activities", "Took part in:", self.activities)
        self.activities.setAccessibleName("Activities they were part of")
        self.level.currentIndexChanged.connect(self.notify_changed)

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        self.level.setCurrentIndex(self.level.findData(details.participation_level.value))
        self.loading = False

    def show_history(self, steps: list[tuple[date, str, str]]) -> None:
        if not steps:
            self.history.setText("No changes of level recorded yet.")
            return
        lines = [
            f"{long_date(day)}: "
            + (
                f"added as {ParticipationLevel(to).label.lower()}"
                if not before
                else f"{ParticipationLevel(before).label} \u2192 {ParticipationLevel(to).label}"
            )
            for day, before, to in steps
        ]
        self.history.setText("\n".join(lines))

    def show_activities(self, history: list[Participation]) -> None:
        """The activities they were part of, newest first: it follows from attendance."""
        if not history:
            self.activities.setText("No activities recorded yet.")
            return
        lines = []
        for item in history[:SHOWN_ACTIVITIES]:
            how = item.status.label.lower() + (f", {item.role.lower()}" if item.role else "")
            lines.append(f"{long_date(item.held_on)}: {item.title} ({how})")
        if len(history) > SHOWN_ACTIVITIES:
            lines.append(f"\u2026and {len(history) - SHOWN_ACTIVITIES:,} earlier")
        self.activities.setText("\n".join(lines))

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        return replace(details, participation_level=ParticipationLevel(self.level.currentData()))


class NotesSection(PersonSection):
    title = "Notes"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes = text_box(12)
        self.notes.setPlaceholderText(
            "Anything else worth knowing. Write as if they will read it: they have the right to."
        )
        self.add_row("notes", "&Notes:", self.notes)
        self.notes.textChanged.connect(self.notify_changed)

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        self.notes.setPlainText(details.notes)
        self.loading = False

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        return replace(details, notes=self.notes.toPlainText())
