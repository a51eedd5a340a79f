"""The Rates page of Settings → Payment policy: the dated versions of the policy, and the rates
of the one chosen.

A new version starts as a copy of the chosen one from a date the user gives, and is saved
only when they save. A version that claims use is shown read-only, with a note that a change
is a new version from a later date. Choosing another version with unsaved edits asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import POLICY_FROM_THE_START, PolicyDetails
from involve_desktop.domain.dates import NotADate, parse_date
from involve_desktop.domain.formatting import long_date
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.payment_policy import (
    PAYMENT_POLICY,
    delete_policy_version,
    load_policy,
    policy_versions,
    save_policy,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.widgets.policy_rates_form import PolicyRatesForm, scrolled

IN_USE = (
    "Claims already use these rates, so they are kept as they are. To change them, start a "
    "new version from the date the new rates apply (New version from\u2026)."
)
NEW_VERSION = "New version of the rates"


@dataclass(frozen=True)
class Version:
    policy_id: int | None  # None: a new version, not saved yet
    effective_from: date
    used_by_claims: bool = False


def version_period(version: Version, until: date | None) -> str:
    """'From 1 April 2026 to 31 March 2027'; 'From the start' for the first version."""
    start = (
        "From the start"
        if version.effective_from == POLICY_FROM_THE_START
        else f"From {long_date(version.effective_from)}"
    )
    return f"{start} to {long_date(until)}" if until else start


def version_label(version: Version, until: date | None) -> str:
    """The period on two lines, so the list stays narrow, and whether it can change."""
    text = version_period(version, until).replace(" to ", "\nto ", 1)
    if version.policy_id is None:
        return f"{text}\n(new, not saved yet)"
    if version.used_by_claims:
        return f"{text}\n(used by claims \u2014 kept as it is)"
    return text


def settle_unsaved(
    parent: QWidget, what: str, save: Callable[[], bool], discard: Callable[[], None]
) -> bool:
    """Ask what to do with unsaved edits: True once saved or dropped, False to stay."""
    choice = prompts.ask_unsaved_changes(parent, what)
    if choice is prompts.UnsavedChoice.SAVE:
        return save()
    if choice is prompts.UnsavedChoice.DISCARD:
        discard()
        return True
    return False


class PolicyVersionsPage(QWidget):
    changed = Signal()  # the user edited the rates, or started a new version
    needs_showing = Signal()  # a problem is about to be shown on this page
    said = Signal(str)  # what happened, for the line beside Save

    def __init__(
        self, ctx: AppContext, *, may_change: bool, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.may_change = may_change
        self.today = today
        self.saved_versions: list[Version] = []
        self.draft: tuple[Version, PolicyDetails] | None = None
        self.shown: Version | None = None
        self.shown_period = ""
        self.dirty = False

        self.versions = QListWidget()
        self.versions.setAccessibleName("Versions of the rates")
        self.versions.setSpacing(3)  # versions of two lines stay apart
        self.versions.setFixedWidth(
            self.fontMetrics().horizontalAdvance("(used by claims \u2014 kept as it is)") + 40
        )
        self.new_version_button = QPushButton("&New version from\u2026")
        self.delete_version_button = QPushButton("&Delete version\u2026")
        for button in (self.new_version_button, self.delete_version_button):
            button.setVisible(may_change)
        self.version_title = QLabel()
        font = QFont(self.version_title.font())
        font.setBold(True)
        self.version_title.setFont(font)
        self.version_note = QLabel()
        self.version_note.setWordWrap(True)
        self.rates = PolicyRatesForm()

        side = QVBoxLayout()
        side.addWidget(self.versions, 1)
        side.addWidget(self.new_version_button)
        side.addWidget(self.delete_version_button)
        main = QVBoxLayout()
        main.addWidget(self.version_title)
        main.addWidget(self.version_note)
        main.addWidget(scrolled(self.rates), 1)
        row = QHBoxLayout(self)
        row.addLayout(side)
        row.addLayout(main, 1)

        self.rates.changed.connect(self._edited)
        self.versions.currentRowChanged.connect(self._version_chosen)
        self.new_version_button.clicked.connect(self.new_version)
        self.delete_version_button.clicked.connect(self.delete_version)

    def reload(self) -> None:
        """The versions as saved, the one shown kept; edits and a new version are dropped."""
        self.draft = None
        self.dirty = False
        self._load_versions(self.shown.policy_id if self.shown else None)

    def _load_versions(self, chosen_id: int | None) -> None:
        """List the saved versions and show `chosen_id` (by default the one in force)."""
        self.saved_versions = [
            Version(v.policy_id, v.effective_from, v.used_by_claims)
            for v in ops.query(self.ctx, policy_versions)
        ]
        chosen = next((v for v in self.saved_versions if v.policy_id == chosen_id), None)
        in_force = next((v for v in self.saved_versions if v.effective_from <= self.today), None)
        self._fill_list(chosen or in_force or self.saved_versions[-1])

    def _all_versions(self) -> list[Version]:
        """Newest first, with the new version (if any) in its place among the saved ones."""
        versions = list(self.saved_versions)
        if self.draft is not None:
            versions.append(self.draft[0])
        return sorted(versions, key=lambda version: version.effective_from, reverse=True)

    def _fill_list(self, chosen: Version) -> None:
        self.versions.blockSignals(True)
        self.versions.clear()
        until = None
        for version in self._all_versions():
            self.versions.addItem(version_label(version, until))
            if version.policy_id == chosen.policy_id:
                self.shown_period = version_period(version, until)
            until = date.fromordinal(version.effective_from.toordinal() - 1)
        self.versions.blockSignals(False)
        self._show_version(chosen)

    def _select_in_list(self, version: Version) -> None:
        """Mark `version` as the chosen row, without loading its rates again."""
        ids = [v.policy_id for v in self._all_versions()]
        self.versions.blockSignals(True)
        self.versions.setCurrentRow(ids.index(version.policy_id))
        self.versions.blockSignals(False)

    def _show_version(self, version: Version) -> None:
        self.shown = version
        self._select_in_list(version)
        if version.policy_id is None and self.draft is not None:
            details = self.draft[1]
        else:
            assert version.policy_id is not None
            details = ops.query(self.ctx, load_policy, version.policy_id)
        self.rates.load(details)
        period = self.shown_period
        self.version_title.setText(f"Rates {period[0].lower()}{period[1:]}")
        editable = self.may_change and not version.used_by_claims
        self.rates.set_editable(editable)
        self.version_note.setText(IN_USE if version.used_by_claims else "")
        self.version_note.setVisible(version.used_by_claims)
        earliest = min(v.effective_from for v in self._all_versions())
        self.delete_version_button.setEnabled(editable and version.effective_from != earliest)

    def _version_chosen(self, row: int) -> None:
        versions = self._all_versions()
        if self.shown is None or not 0 <= row < len(versions):
            return
        wanted = versions[row].policy_id
        if wanted == self.shown.policy_id:
            return
        if not self._settle():
            self._select_in_list(self.shown)  # staying: the edits on screen are kept
            return
        self._load_versions(wanted)

    def _settle(self) -> bool:
        """Before the rates on screen are replaced: save or drop their edits, or stay."""
        return not self.dirty or settle_unsaved(self, "the rates", self.save, self._drop_edits)

    def _drop_edits(self) -> None:
        self.reload()
        self.changed.emit()

    def new_version(self) -> None:
        if self.shown is None or not self._settle():
            return
        answer = prompts.ask_text(
            self, NEW_VERSION, "The date the new rates apply from (for example 1/4/2027):"
        )
        if answer is None:
            return
        try:
            day = parse_date(answer)
        except NotADate as problem:
            prompts.show_problem(self, NEW_VERSION, str(problem))
            return
        if day is None:
            prompts.show_problem(
                self, NEW_VERSION, "Please type the date the new rates apply from."
            )
            return
        if any(version.effective_from == day for version in self.saved_versions):
            prompts.show_problem(
                self,
                NEW_VERSION,
                f"A version already starts on {long_date(day)}. Please choose it in the list, "
                "or choose another date.",
            )
            return
        assert self.shown.policy_id is not None, "a new version is saved or dropped by now"
        copied = ops.query(self.ctx, load_policy, self.shown.policy_id)
        version = Version(None, day)
        self.draft = (version, replace(copied, effective_from=day))
        self._fill_list(version)
        self._edited()
        self.said.emit(f"A new version from {long_date(day)}: change its rates, then Save.")

    def delete_version(self) -> None:
        version = self.shown
        if version is None:
            return
        period = self.shown_period
        if not prompts.ask_yes_no(
            self,
            "Delete a version of the rates",
            f"Delete the rates {period[0].lower()}{period[1:]}? The version before it will "
            "apply to those dates.",
            "Delete",
        ):
            return
        if version.policy_id is not None:
            try:
                ops.change(
                    self.ctx,
                    PAYMENT_POLICY,
                    delete_policy_version,
                    self.ctx.actor,
                    version.policy_id,
                )
            except KnownError as problem:
                prompts.show_problem(self, "Version not deleted", problem.message)
                return
        self.draft = None
        self.dirty = False
        self._load_versions(None)
        self.changed.emit()
        self.said.emit("Version deleted.")

    def save(self) -> bool:
        """Save the rates shown (a new version, or one no claim uses yet); False, with the
        problems shown at their fields, when they cannot be saved."""
        version = self.shown
        if not self.dirty or version is None:
            return True
        details = self.rates.read(version.effective_from)
        if details is None:
            return self._not_saved([])
        try:
            policy_id = ops.change(
                self.ctx, PAYMENT_POLICY, save_policy, self.ctx.actor, details, version.policy_id
            )
        except ValidationFailed as problem:
            return self._not_saved(self.rates.show_errors(problem.errors))
        except KnownError as problem:  # claims started using this version meanwhile
            return self._not_saved([problem.message])
        self.draft = None
        self.dirty = False
        self._load_versions(policy_id)
        self.changed.emit()
        return True

    def _not_saved(self, unplaced: list[str]) -> bool:
        """Bring this page forward and put the cursor at the first problem; messages that
        belong to no field go in a box."""
        self.needs_showing.emit()
        if self.rates.first_problem is not None:
            self.rates.first_problem.setFocus()
        if unplaced:
            prompts.show_problem(self, "Rates not saved", "\n\n".join(unplaced))
        self.said.emit("Not saved: please correct what is marked \u26a0.")
        return False

    def _edited(self) -> None:
        self.dirty = True
        self.changed.emit()
