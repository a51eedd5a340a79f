"""Parts of the claim editor: the top of the claim (whose it is, how they are paid, which
budget) and the buttons for the steps a claim takes."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import ClaimDetails, ClaimStatus
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.errors import KnownError
from involve_desktop.services.activities import load_activity
from involve_desktop.services.attendance import participation_history
from involve_desktop.services.budgets import budget_figures, figures_for
from involve_desktop.services.claims import ClaimRecord, delete_draft
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.widgets.claim_lines_table import ActivityChoice
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.people_finder import PeopleFinder

NO_BUDGET = 0  # budget ids start at 1; the list's "none" needs a value it can find again
MAX_NOTES = 500
SHOWN_FOUND = 7  # rows of people found shown at once
# The two-person rule, as the editor says it to an approver who may not approve (the
# services refuse the same, in the same words).
RECENT_ACTIVITIES = 40
OWN_CLAIM = (
    "You made, changed or submitted this claim, so someone else must approve it: two people "
    "see every payment."
)


def budget_text(label: str, remaining_pence: int) -> str:
    """'Involvement 2026/27 — £1,200.00 left' (or how far it is overspent)."""
    if remaining_pence < 0:
        return f"{label} \u2014 overspent by {format_pence(-remaining_pence)}"
    return f"{label} \u2014 {format_pence(remaining_pence)} left"


class ClaimantFinder(PeopleFinder):
    """The register's people finder, saying what choosing someone does here, and short:
    the person wanted is found by typing more, and the lines need the room."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, choosing="choose whose claim it is")
        self.results.setMaximumHeight(self.fontMetrics().height() * SHOWN_FOUND)


class ClaimHeader(FormSection):
    """Whose claim, how they are paid, which budget, and a note. `person_chosen(id, name)`
    when someone is found for a new claim; `changed` follows the user's edits."""

    person_chosen = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.budget_year: date | None = None
        # The name of each budget listed, and whether the user chose one themselves.
        self.budget_labels: dict[int, str] = {}
        self.year_budget_ids: set[int] = set()
        self.budget_touched = False
        self.person_name = QLabel()
        self.person_name.setAccessibleName("Whose claim")
        self.person_name.setWordWrap(True)
        self.change_person = QPushButton("Chan&ge person\u2026")
        self.finder = ClaimantFinder(ctx)
        person_box = QWidget()
        person_row = QHBoxLayout()
        person_row.addWidget(self.person_name, 1)
        person_row.addWidget(self.change_person)
        person_column = QVBoxLayout(person_box)
        person_column.setContentsMargins(0, 0, 0, 0)
        person_column.addLayout(person_row)
        person_column.addWidget(self.finder)
        self.add_row("person", "Person:", person_box, self.finder.search)
        self.method = QComboBox()
        for method in PaymentMethod:
            self.method.addItem(method.label, method.value)
        self.method_note = QLabel()
        self.method_note.setWordWrap(True)
        method_box = QWidget()
        method_row = QHBoxLayout(method_box)
        method_row.setContentsMargins(0, 0, 0, 0)
        method_row.addWidget(self.method)
        method_row.addWidget(self.method_note, 1)
        self.add_row("payment_method", "Pa&yment method:", method_box, self.method)
        self.method.setAccessibleName("Payment method")
        self.budget = QComboBox()
        self.budget_note = QLabel()
        self.budget_note.setWordWrap(True)
        self.budget_note.setAccessibleName("About the budget")
        self.budget_note.setVisible(False)
        budget_box = QWidget()
        budget_column = QVBoxLayout(budget_box)
        budget_column.setContentsMargins(0, 0, 0, 0)
        budget_column.addWidget(self.budget)
        budget_column.addWidget(self.budget_note)
        self.add_row("budget", "&Budget:", budget_box, self.budget)
        self.budget.setAccessibleName("Budget")
        self.notes = QLineEdit()
        self.notes.setMaxLength(MAX_NOTES)
        self.add_row("notes", "&Notes:", self.notes)
        self.layout().setContentsMargins(0, 0, 0, 0)

        self.change_person.clicked.connect(self.choose_again)
        self.finder.chosen.connect(self.person_chosen)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.budget.currentIndexChanged.connect(self._budget_changed)
        self.notes.textEdited.connect(self.notify_changed)

    def show_person(self, name: str, *, choosing: bool, gone: bool = False) -> None:
        """The person's name ('' for nobody yet); `choosing` while it may be changed (a new
        claim, or a draft whose person is `gone` from the register)."""
        nobody = (
            "The person this claim was for was deleted from the register: find who it is for below."
            if gone
            else "Nobody chosen yet: find them below."
        )
        self.person_name.setText(f"<b>{html.escape(name, quote=False)}</b>" if name else nobody)
        self.finder.setVisible(choosing and not name)
        self.change_person.setVisible(choosing and bool(name))

    def choose_again(self) -> None:
        self.finder.setVisible(True)
        self.change_person.setVisible(False)
        self.finder.search.setFocus()

    def set_method(self, method: str) -> None:
        self.method.setCurrentIndex(max(self.method.findData(method), 0))

    def method_value(self) -> str:
        return str(self.method.currentData())

    def budget_id(self) -> int | None:
        return self.budget.currentData() or None

    def set_editable(self, editable: bool) -> None:
        for field in (self.method, self.budget):
            field.setEnabled(editable)
        # Read-only rather than disabled, so the notes of a locked claim can still be
        # reached with Tab and read out.
        self.notes.setReadOnly(not editable)

    def show_budgets(self, year_first: date, chosen: int | None) -> None:
        """The budgets of the claim's financial year, with what each has left; one chosen
        from another year before it was refused is listed too, so it is not hidden."""
        if year_first == self.budget_year:
            return
        self.budget_year = year_first
        was_loading, self.loading = self.loading, True
        self.budget.clear()
        self.budget.addItem("No budget", NO_BUDGET)
        figures = ops.query(self.ctx, budget_figures, year_first)
        self.year_budget_ids = {budget.budget_id for budget in figures}
        if chosen and chosen not in {budget.budget_id for budget in figures}:
            try:
                figures.append(ops.query(self.ctx, figures_for, chosen))
            except KnownError:
                chosen = None  # deleted since
        self.budget_labels = {budget.budget_id: budget.label for budget in figures}
        for budget in figures:
            self.budget.addItem(budget_text(budget.label, budget.remaining_pence), budget.budget_id)
        self.loading = was_loading
        self.choose_budget(chosen)

    def follow_year(self, year_first: date, default_budget: Callable[[], int | None]) -> None:
        """When the lines' dates move the claim into another financial year, it goes against
        that year's `default_budget()` (the one a new claim would have) in place of one of the
        year it left, or of none not chosen by the user; the note says so."""
        if year_first == self.budget_year:
            return
        was = self.budget_id()
        was_label = self.budget_labels.get(was, "") if was is not None else ""
        self.show_budgets(year_first, None)
        now = None
        if was is not None and was in self.year_budget_ids:
            now, was_label = was, ""  # already this year's: it stays
        elif was is not None or not self.budget_touched:
            now = default_budget()
        self.choose_budget(now)
        now_label = self.budget_labels.get(now, "") if now is not None else ""
        year = year_label(year_first)
        if was_label and now_label:
            note = (
                f"The work is now in {year}, so the claim goes against \u201c{now_label}\u201d "
                f"instead of \u201c{was_label}\u201d."
            )
        elif was_label:
            note = (
                f"The work is now in {year}, so it can no longer go against "
                f"\u201c{was_label}\u201d: choose a {year} budget, or none."
            )
        elif now_label:
            note = f"The work is in {year}, so the claim goes against \u201c{now_label}\u201d."
        else:
            note = ""
        self.show_budget_note(note)

    def choose_budget(self, budget_id: int | None) -> None:
        """Select a listed budget (or none) for the user, not as their own choice."""
        was_loading, self.loading = self.loading, True
        self.budget.setCurrentIndex(max(self.budget.findData(budget_id or NO_BUDGET), 0))
        self.loading = was_loading

    def show_budget_note(self, note: str) -> None:
        self.budget_note.setText(note)
        self.budget_note.setVisible(bool(note))

    def _budget_changed(self, *_args: object) -> None:
        if not self.loading:
            self.budget_touched = True
            self.show_budget_note("")
        self.notify_changed()

    def _method_changed(self, *_args: object) -> None:
        declines = self.method.currentData() == PaymentMethod.DECLINES.value
        self.method_note.setText(
            "They have chosen not to be paid for their time: mileage and expenses can still be "
            "paid back."
            if declines
            else ""
        )
        self.notify_changed()


def activity_choices(
    ctx: AppContext, person_id: int | None, details: ClaimDetails
) -> list[ActivityChoice]:
    """What a line may be for: the person's recent activities and the claim's own."""
    choices: dict[int, ActivityChoice] = {}
    if person_id is not None:
        history = ops.query(ctx, participation_history, person_id)
        for taken in history[:RECENT_ACTIVITIES]:
            choices[taken.activity_id] = ActivityChoice(
                taken.activity_id, taken.title, taken.held_on
            )
    for claim_line in details.lines:
        wanted = claim_line.activity_id
        if wanted is not None and wanted not in choices:
            try:
                activity = ops.query(ctx, load_activity, wanted)
            except KnownError:
                continue  # deleted since: the line says so
            choices[wanted] = ActivityChoice(wanted, activity.title, activity.held_on)
    return list(choices.values())


ADJUST_TIP = "A paid claim stays as it was: a new claim corrects it"
CANNOT_CORRECT = (
    "The person this claim paid was deleted from the register, so an adjusting claim cannot "
    "be made for them."
)


def offer_to_delete_empty_correction(
    ctx: AppContext, parent: QWidget | None, record: ClaimRecord | None
) -> None:
    """An adjusting claim is saved as soon as it is made; closed with no lines it would sit
    unnoticed as a £0.00 draft, so the person is asked whether to delete it."""
    details = record.details if record is not None else None
    if record is None or details is None or details.adjusts_claim_id is None:
        return
    if not record.status.editable or details.lines:
        return
    question = (
        f"Claim {record.claim_id} corrects claim {details.adjusts_claim_id} but has no lines. "
        "Delete it rather than keep an empty draft?"
    )
    if not prompts.ask_yes_no(parent, "Delete the empty adjusting claim?", question, "Delete"):
        return
    try:
        ops.change(ctx, "claims", delete_draft, ctx.actor, record.claim_id)
    except KnownError as problem:
        prompts.show_problem(parent, "Claim", problem.message)


class WorkflowButtons:
    """The steps a claim can take from where it is, for someone allowed to take them."""

    def __init__(self) -> None:
        self.submit = QPushButton("S&ubmit for approval")
        self.submit.setToolTip("Saves the claim, then sends it to a designated approver")
        self.back_to_draft = QPushButton("Send bac&k to draft")
        self.approve = QPushButton("Appro&ve")
        self.reject = QPushButton("Re&ject\u2026")
        self.adjust = QPushButton("Make an adjust&ing claim")
        self.delete = QPushButton("&Delete draft\u2026")
        self.all = (
            self.submit,
            self.back_to_draft,
            self.approve,
            self.reject,
            self.adjust,
            self.delete,
        )

    def layout_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in self.all[:-1]:
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.delete)
        return row

    def show_for(
        self, status: ClaimStatus, saved: bool, may_approve: bool, *, person_gone: bool = False
    ) -> None:
        self.adjust.setEnabled(not person_gone)
        self.adjust.setToolTip(CANNOT_CORRECT if person_gone else ADJUST_TIP)
        shown = {
            self.submit: status is ClaimStatus.DRAFT,
            self.delete: status is ClaimStatus.DRAFT and saved,
            self.back_to_draft: status is ClaimStatus.SUBMITTED,
            self.approve: status is ClaimStatus.SUBMITTED and may_approve,
            self.reject: status in (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED) and may_approve,
            self.adjust: status is ClaimStatus.PAID,
        }
        for button, visible in shown.items():
            button.setVisible(visible)

    def refuse_approval(self, reason: str) -> None:
        """Approve stays in sight but cannot be pressed when `reason` says why ('' allows it);
        the editor says the reason in its status too, for keyboard and screen-reader users."""
        self.approve.setEnabled(not reason)
        self.approve.setToolTip(reason)
