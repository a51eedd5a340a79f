"""Settings → Payment policy: the dated versions of the rates, who approves and who pays
claims, and the benefits figures the charity watches.

Everyone can read the policy; only a role allowed to change it can edit (the services check
again). The tab has its own Save and Undo, for all three parts, and asks before unsaved edits
are lost when the user leaves Settings (the Rates page also asks before another version is
shown).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.payment_policy import (
    PAYMENT_POLICY,
    claim_duties,
    load_thresholds,
    save_thresholds,
    set_claim_duties,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.widgets.claim_duties_form import ClaimDutiesForm
from involve_desktop.ui.widgets.policy_rates_form import scrolled
from involve_desktop.ui.widgets.policy_versions_page import PolicyVersionsPage, settle_unsaved
from involve_desktop.ui.widgets.thresholds_form import ThresholdsForm

RATES_PAGE, DUTIES_PAGE, THRESHOLDS_PAGE = range(3)
READ_ONLY = "Only an administrator can change the payment policy; you can read it here."
NOT_SAVED = "Not saved: please correct what is marked \u26a0."


class PaymentPolicyTab(QWidget):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.may_change = ctx.actor is not None and can(
            ctx.actor.role, Permission.CHANGE_PAYMENT_POLICY
        )
        self.dirty = {DUTIES_PAGE: False, THRESHOLDS_PAGE: False}  # the Rates page keeps its own
        self.saving = False
        self.rates_page = PolicyVersionsPage(
            ctx, may_change=self.may_change, today=today or date.today()
        )
        self.duties = ClaimDutiesForm()
        self.thresholds = ThresholdsForm()
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Parts of the payment policy")
        self.pages.addTab(self.rates_page, "&Rates")
        self.pages.addTab(scrolled(self.duties), "Who appro&ves and pays")
        self.pages.addTab(scrolled(self.thresholds), "&Benefits figures")

        self.read_only_note = QLabel(READ_ONLY)
        self.read_only_note.setVisible(not self.may_change)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Whether the payment policy is saved")
        self.undo_button = QPushButton("&Undo changes")
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save the payment policy (Ctrl+S)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        for button in (self.undo_button, self.save_button):
            button.setVisible(self.may_change)
        self.rates_page.changed.connect(self._update_state)
        self.rates_page.said.connect(self.state_label.setText)
        self.rates_page.needs_showing.connect(lambda: self.pages.setCurrentIndex(RATES_PAGE))
        self.duties.changed.connect(lambda: self._mark_dirty(DUTIES_PAGE))
        self.thresholds.changed.connect(lambda: self._mark_dirty(THRESHOLDS_PAGE))
        self.undo_button.clicked.connect(self.undo_changes)
        self.save_button.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.events.data_changed.connect(self._data_changed)
        self.duties.set_editable(self.may_change)
        self.thresholds.set_editable(self.may_change)
        self.reload()

    def reload(self) -> None:
        """Everything as saved: unsaved edits, and a new version not yet saved, are dropped."""
        self.rates_page.reload()
        self.duties.load(ops.query(self.ctx, claim_duties))
        self.thresholds.load(ops.query(self.ctx, load_thresholds))
        for page in self.dirty:
            self.dirty[page] = False
        self._update_state()

    def has_unsaved_changes(self) -> bool:
        return self.may_change and (self.rates_page.dirty or any(self.dirty.values()))

    def save(self) -> bool:
        """Save every part with changes; stop at the first with a problem, shown at its field."""
        if not self.has_unsaved_changes():
            return True
        self.saving = True
        try:
            saved = (
                self.rates_page.save()
                and (not self.dirty[DUTIES_PAGE] or self._save_duties())
                and (not self.dirty[THRESHOLDS_PAGE] or self._save_thresholds())
            )
        finally:
            self.saving = False
        if saved:
            self.state_label.setText("All changes saved.")
        return saved

    def _save_duties(self) -> bool:
        try:
            ops.change(
                self.ctx,
                PAYMENT_POLICY,
                set_claim_duties,
                self.ctx.actor,
                approvers=self.duties.approvers(),
                payers=self.duties.payers(),
            )
        except ValidationFailed as problem:
            unplaced = self.duties.show_errors(problem.errors)
            return self._not_saved(DUTIES_PAGE, self.duties, unplaced)
        self.dirty[DUTIES_PAGE] = False
        self.duties.load(ops.query(self.ctx, claim_duties))
        self._update_state()
        return True

    def _save_thresholds(self) -> bool:
        thresholds = self.thresholds.read()
        if thresholds is None:
            return self._not_saved(THRESHOLDS_PAGE, self.thresholds, [])
        try:
            ops.change(self.ctx, PAYMENT_POLICY, save_thresholds, self.ctx.actor, thresholds)
        except ValidationFailed as problem:
            unplaced = self.thresholds.show_errors(problem.errors)
            return self._not_saved(THRESHOLDS_PAGE, self.thresholds, unplaced)
        self.dirty[THRESHOLDS_PAGE] = False
        self.thresholds.load(ops.query(self.ctx, load_thresholds))
        self._update_state()
        return True

    def _not_saved(
        self, page: int, form: ClaimDutiesForm | ThresholdsForm, unplaced: list[str]
    ) -> bool:
        """Show the page with the problem and put the cursor at it; messages that belong to
        no field go in a box."""
        self.pages.setCurrentIndex(page)
        if form.first_problem is not None:
            form.first_problem.setFocus()
        if unplaced:
            prompts.show_problem(self, "Payment policy not saved", "\n\n".join(unplaced))
        self.state_label.setText(NOT_SAVED)
        return False

    def undo_changes(self) -> None:
        self.reload()
        self.state_label.setText("Changes undone.")

    def confirm_leave(self) -> bool:
        """Before Settings is left: save or drop unsaved edits, or stay (False)."""
        return not self.has_unsaved_changes() or settle_unsaved(
            self, "the payment policy", self.save, self.reload
        )

    def _mark_dirty(self, page: int) -> None:
        self.dirty[page] = True
        self._update_state()

    def _update_state(self) -> None:
        unsaved = self.has_unsaved_changes()
        self.save_button.setEnabled(unsaved)
        self.undo_button.setEnabled(unsaved)
        self.state_label.setText("You have unsaved changes." if unsaved else "")

    def _data_changed(self, kind: str) -> None:
        """Claims may start using a version, and staff may come, go or change role; what
        the user is editing is left alone."""
        if self.saving or kind == "organisation":
            return
        if not self.rates_page.dirty:
            self.rates_page.reload()
        if not self.dirty[DUTIES_PAGE]:
            self.duties.load(ops.query(self.ctx, claim_duties))
        if not self.dirty[THRESHOLDS_PAGE]:
            self.thresholds.load(ops.query(self.ctx, load_thresholds))
