"""How soon an unused window locks, how long the audit trail is kept, and how long people's
records are kept after their last involvement."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.domain.retention import MAX_RETENTION_YEARS, MIN_RETENTION_YEARS
from involve_desktop.ui.widgets.form_section import FormSection

RETENTION_EXPLAINED = (
    "When a person has not been involved for this long, Home lists them so you can "
    "anonymise or delete their record. Nothing is removed until someone chooses to. "
    "Six years is usual: it is how long payment records must be kept."
)


class SecurityForm(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(" minutes")
        self.add_row("idle_lock_minutes", "&Lock the window after:", self.idle_minutes)
        self.idle_minutes.setToolTip(
            "Without keyboard or mouse use, the window asks for the password."
        )
        self.audit_months = QSpinBox()
        self.audit_months.setRange(6, 120)
        self.audit_months.setSuffix(" months")
        self.add_row("audit_keep_months", "&Keep the audit trail for:", self.audit_months)
        self.retention_years = QSpinBox()
        self.retention_years.setRange(MIN_RETENTION_YEARS, MAX_RETENTION_YEARS)
        self.retention_years.setSuffix(" years")
        self.add_row(
            "retention_years",
            "Keep recor&ds after a person's last involvement for:",
            self.retention_years,
        )
        self.retention_explained = QLabel(RETENTION_EXPLAINED)
        self.retention_explained.setWordWrap(True)
        self.form.addRow(self.retention_explained)
        self.retention_years.setAccessibleDescription(RETENTION_EXPLAINED)
        for box in (self.idle_minutes, self.audit_months, self.retention_years):
            box.valueChanged.connect(self.notify_changed)

    def load(self, details: OrganisationDetails) -> None:
        self.loading = True
        try:
            self.idle_minutes.setValue(details.idle_lock_minutes)
            self.audit_months.setValue(details.audit_keep_months)
            self.retention_years.setValue(details.retention_years)
        finally:
            self.loading = False

    def apply_to(self, details: OrganisationDetails) -> OrganisationDetails:
        return replace(
            details,
            idle_lock_minutes=self.idle_minutes.value(),
            audit_keep_months=self.audit_months.value(),
            retention_years=self.retention_years.value(),
        )
