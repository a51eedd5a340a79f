"""Settings: everything the first-run wizard asked, changeable at any time."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.organisation import change_organisation, load_organisation
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.organisation_form import OrganisationForm
from involve_desktop.ui.widgets.security_form import SecurityForm
from involve_desktop.ui.widgets.terms_form import TermsForm
from involve_desktop.ui.widgets.year_form import YearForm


class SettingsScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.organisation_form = OrganisationForm()
        self.year_form = YearForm()
        self.terms_form = TermsForm()
        self.security_form = SecurityForm()
        self.forms = (self.organisation_form, self.year_form, self.terms_form, self.security_form)
        self.tabs = QTabWidget()
        # The tabs have no Alt+letter: eight of them would take letters from every page's
        # fields. Ctrl+Tab and Ctrl+Shift+Tab move between them, as in every Qt tab set.
        self.tabs.addTab(self.organisation_form, "Organisation")
        self.tabs.addTab(self.year_form, "Year and evaluation")
        self.tabs.addTab(self.terms_form, "Words for people")
        self.tabs.addTab(self.security_form, "Security")
        from involve_desktop.ui.screens.settings_lists import ListsTab

        self.lists_tab = ListsTab(ctx)
        self.tabs.addTab(self.lists_tab, "Lists")
        from involve_desktop.ui.screens.settings_payment_policy import PaymentPolicyTab

        # Shown to everyone, read-only without the permission; it has its own Save and Undo.
        self.payment_policy_tab = PaymentPolicyTab(ctx)
        self.tabs.addTab(self.payment_policy_tab, "Payment policy")
        self.may_change = ctx.actor is not None and can(ctx.actor.role, Permission.CHANGE_SETTINGS)
        if ctx.actor is not None and can(ctx.actor.role, Permission.MANAGE_STAFF):
            from involve_desktop.ui.screens.settings_staff import StaffTab

            self.staff_tab = StaffTab(ctx)
            self.tabs.addTab(self.staff_tab, "Staff")
        if ctx.actor is not None and can(ctx.actor.role, Permission.READ_AUDIT_TRAIL):
            from involve_desktop.ui.screens.settings_audit import AuditTab

            self.audit_tab = AuditTab(ctx)
            self.tabs.addTab(self.audit_tab, "Audit trail")
        self.tabs.setAccessibleName("Settings sections")

        self.state_label = QLabel()
        self.save_button = QPushButton("&Save changes")
        self.undo_button = QPushButton("&Undo changes")
        self.save_button.setToolTip("Save (Ctrl+S)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Settings"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.undo_changes)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.tabs.currentChanged.connect(self._tab_shown)
        for form in self.forms:
            form.changed.connect(self._mark_dirty)
        ctx.events.data_changed.connect(self._data_changed)
        self.saved: OrganisationDetails | None = None
        self.reload()

    def reload(self) -> None:
        self.saved = ops.query(self.ctx, load_organisation)
        if self.saved is not None:
            for form in self.forms:
                form.load(self.saved)
                form.show_errors({})
        self._set_dirty(False)

    def edited_details(self) -> OrganisationDetails:
        details = self.saved or OrganisationDetails(name="")
        for form in self.forms:
            details = form.apply_to(details)
        return details

    def save(self) -> bool:
        if not self.dirty:
            return True
        try:
            self.saved = ops.change(
                self.ctx, "organisation", change_organisation, self.ctx.actor, self.edited_details()
            )
        except ValidationFailed as problem:
            self._show_errors(problem.errors)
            return False
        for form in self.forms:
            form.show_errors({})
        self._set_dirty(False)
        self.state_label.setText("All changes saved.")
        return True

    def undo_changes(self) -> None:
        self.reload()
        self.state_label.setText("Changes undone.")

    def confirm_leave(self) -> bool:
        if not self.payment_policy_tab.confirm_leave():
            self.tabs.setCurrentWidget(self.payment_policy_tab)
            return False
        if not self.dirty:
            return True
        choice = prompts.ask_unsaved_changes(self, "the settings")
        if choice is prompts.UnsavedChoice.SAVE:
            return self.save()
        if choice is prompts.UnsavedChoice.DISCARD:
            self.reload()
            return True
        return False

    def _tab_shown(self, index: int) -> None:
        """A tab with its own Save takes Ctrl+S; this row is for the organisation's forms."""
        own_save = self.tabs.widget(index) is self.payment_policy_tab
        self.save_shortcut.setEnabled(not own_save)
        for widget in (self.state_label, self.undo_button, self.save_button):
            widget.setVisible(not own_save)

    def _show_errors(self, errors: dict[str, str]) -> None:
        first_tab = None
        for index, form in enumerate(self.forms):
            if form.show_errors(errors) and first_tab is None:
                first_tab = index
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)
            self.forms[first_tab].show_errors(errors)  # focus the field on the visible tab
        self.state_label.setText("Not saved: please correct the highlighted fields.")

    def _mark_dirty(self) -> None:
        self._set_dirty(True)
        if self.may_change:
            self.state_label.setText("You have unsaved changes.")

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty and self.may_change)
        self.undo_button.setEnabled(dirty)
        if not dirty:
            self.state_label.setText("")
        if not self.may_change:
            self.state_label.setText("Only an administrator can change the settings.")

    @property
    def dirty(self) -> bool:
        return self.undo_button.isEnabled()

    def _data_changed(self, kind: str) -> None:
        if kind == "organisation" and not self.dirty:
            self.reload()
