"""Find people for an activity: who fits, waited longest first; invite them in one step, copy
their email addresses, or save a contact list or a sheet of address labels.

The rules are in `domain/find_people.py`; the dialog says them in a line, and says how many
were left out and why, so nobody wonders where someone went. Opened with `.open()` by the
Activities screen.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.find_people import wants_a_label
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.people import ContactMethod
from involve_desktop.errors import KnownError
from involve_desktop.exports.address_labels import save_address_labels
from involve_desktop.services.activities import load_activity
from involve_desktop.services.attendance import invite
from involve_desktop.services.contact_lists import contact_list_csv, contactable_emails
from involve_desktop.services.find_people import find_people, left_out
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.find_people_table import CandidatesModel, CandidatesTable
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.save_folder import choose_save_path, remember_folder
from involve_desktop.ui.widgets.heading import heading

_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


class FindPeopleDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        activity_id: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        self.today = today or date.today()
        self.activity = ops.query(ctx, load_activity, activity_id)
        terms = ctx.terms
        self.setWindowTitle(f"Find {terms.plural} for \u201c{self.activity.title}\u201d")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)
        self.setMinimumHeight(self.fontMetrics().height() * 34)
        # Room for "why they fit" at first sight; the minimum still suits a small screen.
        self.resize(self.fontMetrics().averageCharWidth() * 150, self.fontMetrics().height() * 42)

        self.activity_label = QLabel(self._activity_text())
        self.activity_label.setWordWrap(True)
        self.rules_label = QLabel(
            f"Only {terms.plural} taking part whose consent allows contact are listed; "
            f"{terms.plural} who do not wish to take part are never listed. Those whose "
            "interests fit come first, then whoever has waited longest since they were last "
            "involved."
        )
        self.rules_label.setWordWrap(True)
        self.left_out_label = QLabel()
        self.left_out_label.setWordWrap(True)
        self.include_no_interest = QCheckBox(
            f"Include {terms.plural} with no interests &recorded yet (listed after the others)"
        )
        self.include_no_interest.setChecked(True)
        self.include_no_interest.toggled.connect(self.refresh)

        self.model = CandidatesModel()
        self.table = CandidatesTable(self.model)
        self.table.setAccessibleName(f"{terms.plural_title} who fit this activity")
        table_label = QLabel(f"{terms.plural_title} who &fit (tick to choose; Space ticks):")
        table_label.setBuddy(self.table)

        self.select_all_button = self._button("Select &all", f"Choose every {terms.singular}")
        self.select_none_button = self._button("Select &none", "Choose nobody")
        self.chosen_label = QLabel()
        self.invite_button = self._button("&Invite selected", f"Invite the chosen {terms.plural}")
        self.copy_button = self._button(
            "&Copy email addresses", f"Copy the email addresses of the chosen {terms.plural}"
        )
        self.csv_button = self._button(
            "&Save contact list (CSV)\u2026", "Save a contact list as a CSV file"
        )
        self.labels_button = self._button(
            "Save address &labels (PDF)\u2026", "Save address labels as a PDF to print"
        )
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName("What happened")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        self.select_all_button.clicked.connect(lambda: self.model.choose_all(True))
        self.select_none_button.clicked.connect(lambda: self.model.choose_all(False))
        self.invite_button.clicked.connect(self.invite_chosen)
        self.copy_button.clicked.connect(self.copy_emails)
        self.csv_button.clicked.connect(self.save_contact_list)
        self.labels_button.clicked.connect(self.save_labels)
        self.model.chosen_changed.connect(self._show_chosen)

        choosing = QHBoxLayout()
        for widget in (self.select_all_button, self.select_none_button, self.chosen_label):
            choosing.addWidget(widget)
        choosing.addStretch()
        actions = QHBoxLayout()
        for button in (self.invite_button, self.copy_button, self.csv_button, self.labels_button):
            actions.addWidget(button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Find {terms.plural} for this activity"))
        for widget in (self.activity_label, self.rules_label, self.left_out_label):
            layout.addWidget(widget)
        layout.addWidget(self.include_no_interest)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(choosing)
        layout.addLayout(actions)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.refresh()
        self.table.setFocus()

    # --- the list -----------------------------------------------------------------------

    def refresh(self) -> None:
        include = self.include_no_interest.isChecked()
        found = ops.query(
            self.ctx,
            find_people,
            self.activity_id,
            today=self.today,
            include_no_interest=include,
        )
        self.model.set_candidates(found)
        self.table.fit_columns()
        self._to_first_row()
        counts = ops.query(
            self.ctx, left_out, self.activity_id, today=self.today, include_no_interest=include
        )
        terms = self.ctx.terms
        lines = []
        if counts.not_now:
            lines.append(
                f"{terms.count(counts.not_now)} not taking part at the moment "
                f"{_is_or_are(counts.not_now)} not listed."
            )
        if counts.consent_lapsed:
            lines.append(
                f"{terms.count(counts.consent_lapsed)} whose consent review date has passed "
                f"{_is_or_are(counts.consent_lapsed)} not listed: review their consent on the "
                "People screen to include them."
            )
        self.left_out_label.setText(" ".join(lines))
        self.left_out_label.setVisible(bool(lines))

    def _show_chosen(self) -> None:
        chosen = len(self.model.chosen())
        total = len(self.model.candidates)
        terms = self.ctx.terms
        if total:
            self.chosen_label.setText(f"{chosen:,} of {terms.count(total)} chosen")
        else:
            self.chosen_label.setText(f"No {terms.plural} fit who are not on the activity already.")
        for button in (self.invite_button, self.copy_button, self.csv_button, self.labels_button):
            button.setEnabled(chosen > 0)
        for button in (self.select_all_button, self.select_none_button):
            button.setEnabled(total > 0)

    # --- the actions --------------------------------------------------------------------

    def invite_chosen(self) -> None:
        ids = [candidate.id for candidate in self.model.chosen()]
        if not ids:
            return
        added = ops.change(
            self.ctx, "activities", invite, self.ctx.actor, self.activity_id, ids, today=self.today
        )
        self.model.remove(ids)
        self._to_first_row()
        if not added:
            self._say("Nobody new was added: they are already on this activity.")
            return
        text = f"Invited {self.ctx.terms.count(added)}. They are on the activity as invited."
        if added < len(ids):
            text += (
                f" {self.ctx.terms.count(len(ids) - added)} not added: already on the "
                "activity, or their consent or taking part changed since the list was shown."
            )
        self._say(text)

    def copy_emails(self) -> None:
        """Copy the addresses of those chosen who may still be contacted (checked again now,
        and the copy recorded in the audit trail, as for a saved list)."""
        ids = [candidate.id for candidate in self.model.chosen()]
        if not ids:
            return
        emails, without = ops.change(
            self.ctx, "audit", contactable_emails, self.ctx.actor, ids, today=self.today
        )
        terms = self.ctx.terms
        if emails:
            QGuiApplication.clipboard().setText("; ".join(emails))
            text = f"Copied {len(emails):,} email address{'es' if len(emails) != 1 else ''}."
        else:
            text = "Nothing was copied."
        if without:
            text += (
                f" {terms.count(without)} chosen {'has' if without == 1 else 'have'} no email "
                "address: see how they like to be contacted."
            )
        self._say(text + self._left_out_since(len(ids) - len(emails) - without))

    def save_contact_list(self) -> None:
        ids = [candidate.id for candidate in self.model.chosen()]
        path = self._choose_file("Save the contact list", "CSV file (*.csv)", "contact list.csv")
        if path is None:
            return
        saved = self._run(
            "Saving the contact list",
            path,
            lambda: ops.change(
                self.ctx, "audit", contact_list_csv, self.ctx.actor, ids, path, today=self.today
            ),
        )
        if saved is not None:
            self._say(
                f"Saved a contact list of {self.ctx.terms.count(saved)} to \u201c{path.name}\u201d."
                + self._left_out_since(len(ids) - saved)
            )

    def save_labels(self) -> None:
        chosen = self.model.chosen()
        terms = self.ctx.terms
        post = [c for c in chosen if c.contact_method is ContactMethod.POST]
        wanted = [c for c in post if wants_a_label(c.contact_method, c.address, True)]
        no_address = len(post) - len(wanted)
        missing = (
            f" {terms.count(no_address)} who prefer post {'has' if no_address == 1 else 'have'} "
            "no address recorded."
            if no_address
            else ""
        )
        if not wanted:
            self._say(
                f"None of the {terms.plural} chosen prefers post with an address recorded, so "
                f"there are no labels to print.{missing}"
            )
            return
        path = self._choose_file("Save the address labels", "PDF file (*.pdf)", "labels.pdf")
        if path is None:
            return
        ids = [candidate.id for candidate in wanted]
        written = self._run(
            "Saving the address labels",
            path,
            lambda: ops.change(
                self.ctx, "audit", save_address_labels, self.ctx.actor, ids, path, today=self.today
            ),
        )
        if written is None:
            return
        pages = f"{written.pages} page{'s' if written.pages != 1 else ''}"
        text = (
            f"Saved {written.labels:,} address label{'s' if written.labels != 1 else ''} "
            f"({pages}) to \u201c{path.name}\u201d, for {terms.plural} who prefer post. Print "
            "on L7160 sheets (21 labels to a page) at actual size, not \u201cfit to page\u201d."
            + missing
            + self._left_out_since(len(ids) - written.labels)
        )
        if written.unprintable:
            text += (
                f" {written.unprintable} label{'s have' if written.unprintable != 1 else ' has'} "
                "letters the labels' font cannot print (Chinese, for example): please check "
                "them and write those by hand."
            )
        self._say(text)

    # --- helpers ------------------------------------------------------------------------

    def _activity_text(self) -> str:
        details = self.activity
        power = details.power_shared
        area = f"area: {details.area}" if details.area else "no area chosen"
        return (
            f"{details.title} \u2014 {long_date(details.held_on)}, {area}. {power.label} "
            f"({power.meaning}): a way in at {power.level_offered.label}."
        )

    def _choose_file(self, title: str, file_filter: str, what: str) -> Path | None:
        suffix = Path(what).suffix
        name = _NOT_IN_FILE_NAMES.sub(" ", f"{self.activity.title} {what}").strip()
        return choose_save_path(
            self.ctx, self, title, file_filter, name, suffixes=(suffix,), what="this list"
        )

    def _run(self, title: str, path: Path, work):  # type: ignore[no-untyped-def]
        """The work's result, or None after saying what went wrong. Saved, the file's
        folder is offered next time."""
        try:
            done = run_with_progress(self, title, f"{title}\u2026", work)
        except KnownError as problem:
            prompts.show_problem(self, "The file was not saved", problem.message)
            return None
        remember_folder(self.ctx, path)
        return done

    def _left_out_since(self, count: int) -> str:
        if count <= 0:
            return ""
        return (
            f" {self.ctx.terms.count(count)} left out: their consent or taking part changed "
            "since the list was shown."
        )

    def _to_first_row(self) -> None:
        """Keep a current row after the list changes, so the keyboard carries on from there."""
        if self.model.candidates:
            self.table.setCurrentIndex(self.model.index(0, CandidatesModel.NAME))

    def _say(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.setAccessibleDescription(text)

    def _button(self, text: str, accessible_name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible_name)
        button.setAutoDefault(False)
        return button


def _is_or_are(count: int) -> str:
    return "is" if count == 1 else "are"
