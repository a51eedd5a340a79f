"""How soon an unused window locks, and how long the audit trail is kept."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QSpinBox, QWidget

from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.ui.widgets.form_section import FormSection


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
        for box in (self.idle_minutes, self.audit_months):
            box.valueChanged.connect(self.notify_changed)

    def load(self, details: OrganisationDetails) -> None:
        self.loading = True
        try:
            self.idle_minutes.setValue(details.idle_lock_minutes)
            self.audit_months.setValue(details.audit_keep_months)
        finally:
            self.loading = False

    def apply_to(self, details: OrganisationDetails) -> OrganisationDetails:
        return replace(
            details,
            idle_lock_minutes=self.idle_minutes.value(),
            audit_keep_months=self.audit_months.value(),
        )
