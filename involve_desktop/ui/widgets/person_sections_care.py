"""The person editor's sections about taking part, consent, payment, training, and the
sensitive ones (support and access needs, health, benefits)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain import person_record as fields
from involve_desktop.domain.dates import NotADate, parse_date, short_date
from involve_desktop.domain.people import (
    Barrier,
    BenefitsAffected,
    ConsentRecorded,
    EmploymentStatus,
    PaymentMethod,
    TakingPart,
)
from involve_desktop.domain.person_record import (
    Consent,
    PersonDetails,
    SensitiveDetails,
    TrainingEntry,
)
from involve_desktop.ui.widgets.person_form_parts import (
    PersonSection,
    SensitiveGate,
    choice_box,
    chosen,
    show_choice,
)
from involve_desktop.ui.widgets.person_sections import line_edit, text_box

STATUS_NOTES = {
    TakingPart.TAKING_PART: "",
    TakingPart.NOT_NOW: (
        "Not at the moment. The barriers they named help you think about what would make "
        "taking part possible again."
    ),
    TakingPart.DOES_NOT_WISH: (
        "They have chosen not to take part, and that is respected: they are never suggested "
        "for opportunities and never flagged as not involved lately."
    ),
}


class TakingPartSection(PersonSection):
    title = "Taking part"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_buttons: dict[TakingPart, QRadioButton] = {}
        self.status_group = QButtonGroup(self)
        status_box = QWidget()
        column = QVBoxLayout(status_box)
        column.setContentsMargins(0, 0, 0, 0)
        for status in TakingPart:
            button = QRadioButton(status.label)
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            column.addWidget(button)
            button.toggled.connect(self._status_toggled)
        self.status_note = QLabel()
        self.status_note.setWordWrap(True)
        column.addWidget(self.status_note)
        first_button = self.status_buttons[TakingPart.TAKING_PART]
        self.add_row("taking_part", "&Status:", status_box, first_button)
        status_box.setAccessibleName("Taking part status")
        self.since = self.add_date_row(fields.TAKING_PART_SINCE, "S&ince:")
        self.since.setToolTip("Left empty, it is filled with today's date when the status changes.")
        self.reason = text_box(3)
        self.add_row("taking_part_reason", "&Reason (in their words):", self.reason)
        self.barrier_boxes: dict[Barrier, QCheckBox] = {}
        barriers = QWidget()
        grid = QGridLayout(barriers)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, barrier in enumerate(Barrier):
            box = QCheckBox(barrier.label)
            self.barrier_boxes[barrier] = box
            grid.addWidget(box, index // 2, index % 2)
            box.toggled.connect(self.notify_changed)
        self.add_row(
            "barriers", "What gets in the &way:", barriers, self.barrier_boxes[Barrier.ACCESS]
        )
        self.other_barrier = line_edit(200)
        self.other_barrier.setPlaceholderText("If another barrier, what it is")
        self.add_row("other_barrier", "&Other barrier:", self.other_barrier)
        self.barrier_boxes[Barrier.OTHER].toggled.connect(self.other_barrier.setEnabled)
        self.reason.textChanged.connect(self.notify_changed)
        self.other_barrier.textChanged.connect(self.notify_changed)

    def _status_toggled(self, checked: bool) -> None:
        if checked:
            self.status_note.setText(STATUS_NOTES[self.status()])
            self.status_note.setVisible(bool(self.status_note.text()))
            self.notify_changed()

    def status(self) -> TakingPart:
        return next(
            (status for status, button in self.status_buttons.items() if button.isChecked()),
            TakingPart.TAKING_PART,
        )

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        self.status_buttons[details.taking_part].setChecked(True)
        self.since.set_date(details.taking_part_since)
        self.reason.setPlainText(details.taking_part_reason)
        for barrier, box in self.barrier_boxes.items():
            box.setChecked(barrier in details.barriers)
        self.other_barrier.setText(details.other_barrier)
        self.other_barrier.setEnabled(Barrier.OTHER in details.barriers)
        self.loading = False

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        since = self.dated(fields.TAKING_PART_SINCE)
        if self.status() is not details.taking_part and since == details.taking_part_since:
            since = None  # a new status without a new date is dated today when saved
        return replace(
            details,
            taking_part=self.status(),
            taking_part_since=since,
            taking_part_reason=self.reason.toPlainText(),
            barriers=frozenset(b for b, box in self.barrier_boxes.items() if box.isChecked()),
            other_barrier=self.other_barrier.text(),
        )


class ConsentSection(PersonSection):
    title = "Consent"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.given_on = self.add_date_row(fields.CONSENT_GIVEN_ON, "Consent &given on:")
        scope = QWidget()
        column = QVBoxLayout(scope)
        column.setContentsMargins(0, 0, 0, 0)
        self.to_contact = QCheckBox("Contact them about opportunities")
        self.to_keep_support_needs = QCheckBox("Keep a record of their support needs")
        self.to_photos = QCheckBox("Use photos of them")
        self.to_quotes = QCheckBox("Use their words (quotes) in reports")
        self.scope_boxes = (
            self.to_contact,
            self.to_keep_support_needs,
            self.to_photos,
            self.to_quotes,
        )
        for box in self.scope_boxes:
            column.addWidget(box)
            box.toggled.connect(self.notify_changed)
        self.add_row("consent_scope", "They agreed to (&scope):", scope, self.to_contact)
        self.recorded_how = choice_box(ConsentRecorded, "How consent was recorded")
        self.add_row("consent_recorded_how", "How it was &recorded:", self.recorded_how)
        self.review_on = self.add_date_row(fields.CONSENT_REVIEW_ON, "Re&view on:")
        self.withdrawn_on = self.add_date_row(fields.CONSENT_WITHDRAWN_ON, "&Withdrawn on:")
        self.withdrawn_on.setToolTip(
            "Once consent is withdrawn they are left out of contact lists."
        )
        self.recorded_how.currentIndexChanged.connect(self.notify_changed)

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        consent = details.consent
        self.given_on.set_date(consent.given_on)
        self.to_contact.setChecked(consent.to_contact)
        self.to_keep_support_needs.setChecked(consent.to_keep_support_needs)
        self.to_photos.setChecked(consent.to_photos)
        self.to_quotes.setChecked(consent.to_quotes)
        show_choice(self.recorded_how, consent.recorded_how)
        self.review_on.set_date(consent.review_on)
        self.withdrawn_on.set_date(consent.withdrawn_on)
        self.loading = False

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        return replace(
            details,
            consent=Consent(
                given_on=self.dated(fields.CONSENT_GIVEN_ON),
                to_contact=self.to_contact.isChecked(),
                to_keep_support_needs=self.to_keep_support_needs.isChecked(),
                to_photos=self.to_photos.isChecked(),
                to_quotes=self.to_quotes.isChecked(),
                recorded_how=chosen(self.recorded_how, ConsentRecorded),
                review_on=self.dated(fields.CONSENT_REVIEW_ON),
                withdrawn_on=self.dated(fields.CONSENT_WITHDRAWN_ON),
            ),
        )


class SensitiveSection(PersonSection):
    """A section with special-category fields behind a `SensitiveGate`."""

    sensitive = True

    def make_gate(self, content: QWidget, what: str) -> SensitiveGate:
        self.gate = SensitiveGate(content, what)
        return self.gate

    def apply_sensitive(self, sensitive: SensitiveDetails) -> SensitiveDetails:
        return sensitive

    def load_sensitive(self, sensitive: SensitiveDetails) -> None:
        """Fill the fields behind the gate, once it is open."""


class SupportSection(SensitiveSection):
    title = "Support and access needs"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fields_box = QWidget()
        column = QVBoxLayout(fields_box)
        column.setContentsMargins(0, 0, 0, 0)
        self.support_needs = text_box(5)
        self.support_needs.setAccessibleName("Support and access needs")
        self.support_needs.setPlaceholderText(
            "What helps them take part: access, communication, papers ahead, breaks, support"
        )
        self.health_notes = text_box(4)
        self.health_notes.setAccessibleName("Health information they chose to share")
        column.addWidget(QLabel("Support and access needs:"))
        column.addWidget(self.support_needs)
        column.addWidget(QLabel("Health information they chose to share:"))
        column.addWidget(self.health_notes)
        gate = self.make_gate(fields_box, "support needs and health")
        self.add_row("support_needs", "", gate, gate.show_button)
        self.support_needs.textChanged.connect(self.notify_changed)
        self.health_notes.textChanged.connect(self.notify_changed)

    def load_sensitive(self, sensitive: SensitiveDetails) -> None:
        self.loading = True
        self.support_needs.setPlainText(sensitive.support_needs)
        self.health_notes.setPlainText(sensitive.health_notes)
        self.loading = False

    def apply_sensitive(self, sensitive: SensitiveDetails) -> SensitiveDetails:
        return SensitiveDetails(
            support_needs=self.support_needs.toPlainText(),
            health_notes=self.health_notes.toPlainText(),
            benefits_affected=sensitive.benefits_affected,
        )


class PaymentSection(SensitiveSection):
    title = "Payment"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method = choice_box(PaymentMethod, "Preferred payment method")
        self.employment = choice_box(EmploymentStatus, "Employment status")
        self.add_row("payment_method", "Preferred &method:", self.method)
        self.add_row("employment_status", "&Employment status:", self.employment)
        benefits_box = QWidget()
        column = QVBoxLayout(benefits_box)
        column.setContentsMargins(0, 0, 0, 0)
        self.benefits = choice_box(BenefitsAffected, "Payments may affect my benefits")
        note = QLabel(
            "Their own answer. The app warns when payments add up, and never advises: point "
            "them to independent benefits advice."
        )
        note.setWordWrap(True)
        column.addWidget(QLabel("\u201cPayments may affect my benefits\u201d:"))
        column.addWidget(self.benefits)
        column.addWidget(note)
        gate = self.make_gate(benefits_box, "the benefits answer")
        self.add_row("benefits_affected", "Benefits:", gate, gate.show_button)
        self.method.currentIndexChanged.connect(self.notify_changed)
        self.employment.currentIndexChanged.connect(self.notify_changed)
        self.benefits.currentIndexChanged.connect(self.notify_changed)

    def add_money(self, panel: QWidget) -> None:
        """What the person has claimed, below how they are paid (the editor makes the panel,
        which reads the claims)."""
        self.add_row("money", "Claimed:", panel)

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        show_choice(self.method, details.payment_method)
        show_choice(self.employment, details.employment_status)
        self.loading = False

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        return replace(
            details,
            payment_method=chosen(self.method, PaymentMethod),
            employment_status=chosen(self.employment, EmploymentStatus),
        )

    def load_sensitive(self, sensitive: SensitiveDetails) -> None:
        self.loading = True
        show_choice(self.benefits, sensitive.benefits_affected)
        self.loading = False

    def apply_sensitive(self, sensitive: SensitiveDetails) -> SensitiveDetails:
        return SensitiveDetails(
            support_needs=sensitive.support_needs,
            health_notes=sensitive.health_notes,
            benefits_affected=chosen(self.benefits, BenefitsAffected),
        )


class TrainingSection(PersonSection):
    title = "Training"
    TITLE, COMPLETED, NOTES = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Training", "Completed on (dd/mm/yyyy)", "Notes"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.add_button = QPushButton("&Add training")
        self.remove_button = QPushButton("Remo&ve selected")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addLayout(buttons)
        self.add_row(fields.TRAINING, "Training done or offered:", box, self.table)
        self.table.setAccessibleName("Training")
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self.notify_changed)

    def add_entry(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(3):
            self.table.setItem(row, column, QTableWidgetItem(""))
        self.table.setCurrentCell(row, self.TITLE)
        self.table.editItem(self.table.item(row, self.TITLE))
        self.notify_changed()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.notify_changed()

    def load(self, details: PersonDetails) -> None:
        self.loading = True
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for entry in details.training:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(
                (entry.title, short_date(entry.completed_on), entry.notes)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.loading = False

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def date_problems(self) -> dict[str, str]:
        for row in range(self.table.rowCount()):
            try:
                parse_date(self._cell(row, self.COMPLETED))
            except NotADate as error:
                return {fields.TRAINING: f"Row {row + 1}: {error}"}
        return {}

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        entries = []
        for row in range(self.table.rowCount()):
            texts = [self._cell(row, column) for column in range(3)]
            if any(texts):
                entries.append(TrainingEntry(texts[0], parse_date(texts[1]), texts[2]))
        return replace(details, training=tuple(entries))
