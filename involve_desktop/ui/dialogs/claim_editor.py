"""One claim: whose it is, how they are paid, which budget, its lines and receipts, and the
steps it goes through (submit, send back, approve, reject, correct a paid claim).

A draft is edited and saved as a whole. A claim past draft opens read-only with the reason in
plain words; a paid one is corrected by an adjusting claim, never edited. When the person has
said payments may affect their benefits, their fees are shown against the charity's figures
as the lines change.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import ClaimDetails, ClaimStatus
from involve_desktop.domain.financial_year import year_containing
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.budgets import budget_for_date
from involve_desktop.services.claim_workflow import (
    ClaimChanged,
    OverBudget,
    WrongStep,
    approve_claim,
    make_adjusting_claim,
    reject_claim,
    return_to_draft,
    submit_claim,
)
from involve_desktop.services.claims import (
    ClaimLocked,
    ClaimRecord,
    delete_draft,
    describe_step,
    load_claim,
    save_draft,
)
from involve_desktop.services.organisation import financial_year_start
from involve_desktop.services.payment_policy import is_designated, load_policy, policy_versions
from involve_desktop.services.people import load_person
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs import claim_parts
from involve_desktop.ui.dialogs.claim_parts import CANNOT_CORRECT, OWN_CLAIM, ClaimHeader
from involve_desktop.ui.dialogs.claim_pdf import claim_pdf_button
from involve_desktop.ui.dialogs.record_dialog import RecordDialog, not_saved_message
from involve_desktop.ui.widgets.benefits_watch_panel import BenefitsWatchPanel, person_name
from involve_desktop.ui.widgets.cell_edits import commit_cell_edits
from involve_desktop.ui.widgets.claim_lines_editor import ClaimLinesEditor
from involve_desktop.ui.widgets.claim_lines_table import WARNING, PolicyBook

BENEFITS_WIDTH_CHARACTERS = 44


class ClaimEditor(RecordDialog):
    """`saved(claim_id)` follows each save and each step the claim takes."""

    saved = Signal(int)
    what_is_edited = "this claim"

    def __init__(
        self,
        ctx: AppContext,
        claim_id: int | None,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.claim_id = claim_id
        self.person_id = person_id
        # Opened from a person or for a saved claim, whose claim it is is settled.
        self.person_fixed = person_id is not None or claim_id is not None
        self.fixed_today = today  # tests fix the day; a PDF is otherwise dated at the click
        self.today = today or date.today()
        self.record: ClaimRecord | None = None
        self.adjusts_claim_id: int | None = None
        self.year_start = ops.query(ctx, financial_year_start)
        self.policies = PolicyBook(
            self._policy_versions(), lambda policy_id: ops.query(ctx, load_policy, policy_id)
        )
        self.lines = ClaimLinesEditor(ctx, self.policies)
        self.benefits = BenefitsWatchPanel(ctx)
        self.header = ClaimHeader(ctx)
        self.workflow = claim_parts.WorkflowButtons()
        self._build()
        self._load()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Where the claim has got to")
        self.locked_label = QLabel()
        self.locked_label.setWordWrap(True)
        self.locked_label.setAccessibleName("Why the claim cannot be changed")
        left = QVBoxLayout()
        left.addWidget(self.header)
        left.addWidget(self.lines, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        characters = self.fontMetrics().averageCharWidth() * BENEFITS_WIDTH_CHARACTERS
        self.benefits.setFixedWidth(characters)
        body.addWidget(self.benefits)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.locked_label)
        layout.addLayout(body, 1)
        layout.addLayout(self.workflow.layout_row())
        bar = self.button_bar()
        self.pdf_button = claim_pdf_button(self)
        bar.insertWidget(1, self.pdf_button)
        layout.addLayout(bar)

        self.header.person_chosen.connect(self._person_chosen)
        self.header.changed.connect(self._mark_dirty)
        self.lines.changed.connect(self._lines_changed)
        buttons = self.workflow
        buttons.submit.clicked.connect(self.submit)
        buttons.back_to_draft.clicked.connect(self.send_back_to_draft)
        buttons.approve.clicked.connect(lambda: self.approve())
        buttons.reject.clicked.connect(self.reject_with_reason)
        buttons.adjust.clicked.connect(self.make_adjusting_claim)
        buttons.delete.clicked.connect(self.delete_draft)
        self.resize(1180, 760)

    # --- loading -------------------------------------------------------------------------

    def _policy_versions(self) -> list[tuple[int, date]]:
        versions = ops.query(self.ctx, policy_versions)
        return [(version.policy_id, version.effective_from) for version in versions]

    def _load(self) -> None:
        self.header.loading = True
        self.record = None
        self.policies.refresh(self._policy_versions())
        if self.claim_id is not None:
            self.record = ops.query(self.ctx, load_claim, self.claim_id)
            details = self.record.details
            self.person_id = details.person_id
        else:
            details = ClaimDetails(self.person_id, self._preferred_method(self.person_id))
        self.adjusts_claim_id = details.adjusts_claim_id
        self.lines.model.adjusting = details.adjusts_claim_id is not None
        corrected = self.adjusts_claim_id and ops.query(self.ctx, load_claim, self.adjusts_claim_id)
        self.lines.model.follow_corrected(corrected.details.lines if corrected else (), self.today)
        self.lines.model.set_lines(details.lines)
        self.lines.model.set_activities(
            claim_parts.activity_choices(self.ctx, self.person_id, details)
        )
        self.header.set_method(details.payment_method)
        self.header.notes.setText(details.notes)
        self.header.budget_year = None
        # A saved claim's budget (or none) was chosen; a new one's follows the work's year.
        self.header.budget_touched = self.record is not None
        self.header.show_budget_note("")
        budget_id = details.budget_id
        if self.record is None:
            budget_id = ops.query(self.ctx, budget_for_date, self._work_date())
        self._show_budgets(budget_id)
        self._show_person()
        self._show_status()
        self.header.show_errors({})
        self.lines.show_problems({})
        self.header.loading = False
        # A draft takes the policy's rates for its lines' dates as it is opened (submitting
        # one at an old rate is refused) and is then saved knowingly; a correction may need
        # the paid claim's rate, so it keeps its own.
        editable = self.record is not None and self.record.status.editable
        updated = self.lines.bring_rates_up_to_date(editable and self.adjusts_claim_id is None)
        self._refresh_benefits()
        self.set_dirty(updated)

    def _preferred_method(self, person_id: int | None) -> str:
        if person_id is None:
            return PaymentMethod.BANK_TRANSFER.value
        preferred = ops.query(self.ctx, load_person, person_id).payment_method
        return (preferred or PaymentMethod.BANK_TRANSFER).value

    def _show_person(self) -> None:
        record = self.record
        # A draft whose person was deleted from the register can be given to someone again.
        gone = (
            record is not None
            and record.status.editable
            and record.details.person_id is None
            and self.adjusts_claim_id is None
        )
        choosing = (self.claim_id is None and not self.person_fixed) or gone
        if self.person_id is not None and (record is None or choosing):
            name = person_name(self.ctx, self.person_id)
        else:
            name = record.person_name if record is not None and not gone else ""
        self.header.show_person(name, choosing=choosing, gone=gone)
        if record is None:
            self.set_title("New claim")
        else:
            self.set_title(f"Claim {record.claim_id} \u2014 {name or record.person_name}")

    def _show_status(self) -> None:
        record = self.record
        status = record.status if record else ClaimStatus.DRAFT
        said = ["<b>A new claim</b>, not saved yet."]
        if record is not None:
            said = [f"<b>Status: {status.label.lower()}</b>"]
            said.append(". ".join(describe_step(step) for step in record.steps) + ".")
            if record.rejection_reason:
                said.append(f"Why it was rejected: {html.escape(record.rejection_reason)}")
            if record.payment_run_id is not None:
                said.append(f"Paid in payment run {record.payment_run_id}.")
            said += [f"Corrected by claim {later}." for later in record.adjusting_claim_ids]
        gone = record is not None and record.details.person_id is None
        if gone and status is ClaimStatus.PAID:
            said.append(CANNOT_CORRECT)  # in words too: a disabled button's tip is not read
        may_approve = self._may_approve()
        own_claim = may_approve and self._own_claim()
        if own_claim and status is ClaimStatus.SUBMITTED:
            said.append(html.escape(OWN_CLAIM))
        if self.adjusts_claim_id is not None:
            said.append(
                f"Corrects claim {self.adjusts_claim_id}: a line below nothing takes money back."
            )
        self.status_label.setText("<br>".join(said))
        editable = status.editable
        self.locked_label.setText("" if editable else ClaimLocked(status).message)
        self.locked_label.setVisible(not editable)
        self.header.set_editable(editable)
        self.lines.set_read_only(not editable)
        self.save_button.setVisible(editable)
        self.cancel_button.setText("Cancel" if editable else "Close")
        self.workflow.show_for(status, self.claim_id is not None, may_approve, person_gone=gone)
        self.workflow.refuse_approval(OWN_CLAIM if own_claim else "")

    def _may_approve(self) -> bool:
        actor = self.ctx.actor
        if actor is None or not can(actor.role, Permission.APPROVE_CLAIMS):
            return False
        return ops.query(self.ctx, is_designated, actor.staff_id)

    def _own_claim(self) -> bool:
        """Whether the signed-in approver made, changed or submitted the claim shown (the
        two-person rule keeps them from approving it)."""
        record, actor = self.record, self.ctx.actor
        if record is None or actor is None:
            return False
        return actor.staff_id in record.handled_by

    def _show_budgets(self, chosen: int | None) -> None:
        first, _last = year_containing(self._work_date(), self.year_start)
        self.header.show_budgets(first, chosen)

    def _follow_work_year(self) -> None:
        work_date = self._work_date()
        first, _last = year_containing(work_date, self.year_start)
        self.header.follow_year(first, lambda: ops.query(self.ctx, budget_for_date, work_date))

    def _work_date(self) -> date:
        model = self.lines.model
        return min((line.line_date for line in model.lines()), default=model.default_date)

    # --- changes -------------------------------------------------------------------------

    def _mark_dirty(self, *_args: object) -> None:
        if not self.header.loading:
            self.set_dirty(True)

    def _lines_changed(self) -> None:
        self._follow_work_year()
        self._refresh_benefits()
        self._mark_dirty()

    def _refresh_benefits(self) -> None:
        fee_lines = tuple(
            (line.line_date, line.amount_pence)
            for line in self.lines.model.lines()
            if line.kind.is_fee
        )
        self.benefits.set_person(self.person_id, self._work_date(), self.claim_id, fee_lines)

    def _person_chosen(self, person_id: int, _name: str) -> None:
        self.person_id = person_id
        self.header.set_method(self._preferred_method(person_id))
        details = ClaimDetails(person_id, "", self.lines.model.lines())
        self.lines.model.set_activities(
            claim_parts.activity_choices(self.ctx, self.person_id, details)
        )
        self.header.show_errors({})
        self._show_person()
        self._refresh_benefits()
        self._mark_dirty()
        self.lines.table.setFocus()

    # --- saving --------------------------------------------------------------------------

    def details(self) -> ClaimDetails:
        return ClaimDetails(
            person_id=self.person_id,
            payment_method=self.header.method_value(),
            lines=self.lines.model.lines(),
            budget_id=self.header.budget_id(),
            notes=self.header.notes.text(),
            adjusts_claim_id=self.adjusts_claim_id,
        )

    def save(self, close: bool = True) -> bool:
        """Save the draft (and close, unless asked not to); False, with problems shown, if not."""
        if self.record is not None and not self.record.status.editable:
            return False
        typed = self.lines.model.typing_problems()
        if typed:
            self.lines.show_problems({})
            self.state_label.setText(not_saved_message(len(typed)))
            return False
        try:
            saved_id = ops.change(
                self.ctx,
                "claims",
                save_draft,
                self.ctx.actor,
                self.details(),
                self.claim_id,
                today=self.today,
            )
        except ValidationFailed as problem:
            self.show_problems(problem.errors, "Not saved")
            return False
        except KnownError as problem:
            self._refused(problem)
            return False
        self.claim_id = saved_id
        self.set_dirty(False)
        self.saved.emit(saved_id)
        if close:
            self.accept()
        else:
            self._load()
        return True

    def show_problems(self, errors: dict[str, str], not_done: str) -> None:
        """Each message at its field or line; one with no place of its own (a reason for
        rejecting) is said plainly instead."""
        shown = self.header.show_errors(errors)
        shown = self.lines.show_problems(errors) or shown
        if not shown:
            self._refused(KnownError(" ".join(errors.values())))
            return
        kept = not_saved_message(len(errors)).replace("Not saved", not_done)
        self.state_label.setText(kept)

    def _refused(self, problem: KnownError) -> None:
        prompts.show_problem(self, "Claim", problem.message)
        self.state_label.setText(WARNING + problem.message)

    # --- the steps -----------------------------------------------------------------------

    def _step(
        self, done: str, not_done: str, service: Callable[..., Any], *args: Any, **kw: Any
    ) -> bool:
        """Take one step through `ops.change`, then show the claim as it now is."""
        commit_cell_edits(self)
        try:
            ops.change(self.ctx, "claims", service, *args, **kw)
        except ValidationFailed as problem:
            if any(key.startswith("line ") and key.endswith(" rate") for key in problem.errors):
                # The policy changed while the claim was open: choosing again takes its rate.
                self.policies.refresh(self._policy_versions())
            self.show_problems(problem.errors, not_done)
            return False
        except OverBudget:
            raise  # the approver is asked whether to go on
        except (ClaimChanged, WrongStep) as problem:
            # Someone else moved the claim on: show it as it now is before saying why.
            self._load()
            self._refused(problem)
            return False
        except KnownError as problem:
            self._refused(problem)
            return False
        self._load()
        self.saved.emit(self.claim_id)
        self.state_label.setText(done)
        return True

    def submit(self) -> None:
        # A mnemonic does not move the keyboard, so a cell still being typed in is finished
        # here: otherwise the claim would be saved and submitted without it.
        commit_cell_edits(self)
        if (self.dirty or self.claim_id is None) and not self.save(close=False):
            return
        self._step(
            "Submitted: it now waits for a designated approver.",
            "Not submitted",
            submit_claim,
            self.ctx.actor,
            self.claim_id,
        )

    def send_back_to_draft(self) -> None:
        self._step(
            "Sent back to draft: it can be changed again, then submitted.",
            "Not sent back",
            return_to_draft,
            self.ctx.actor,
            self.claim_id,
        )

    def approve(self, *, over_budget_confirmed: bool = False) -> None:
        try:
            self._step(
                "Approved over budget."
                if over_budget_confirmed
                else "Approved: it can now be paid in a payment run.",
                "Not approved",
                approve_claim,
                self.ctx.actor,
                self.claim_id,
                over_budget_confirmed=over_budget_confirmed,
                # The version shown: approving one changed since is refused, not done blind.
                seen_version=self.record.updated_at if self.record else None,
            )
        except OverBudget as warning:
            question = f"{warning.message}\n\nApprove it anyway?"
            if prompts.ask_yes_no(self, "Approve over budget?", question, "Approve over budget"):
                self.approve(over_budget_confirmed=True)
            else:
                self.state_label.setText("Not approved: the claim is still waiting for approval.")

    def reject_with_reason(self) -> None:
        reason = prompts.ask_text(
            self,
            "Reject claim",
            "Why is this claim rejected? The person can be told this reason:",
        )
        if reason is not None:
            self._step(
                "Rejected, with the reason recorded.",
                "Not rejected",
                reject_claim,
                self.ctx.actor,
                self.claim_id,
                reason,
            )

    def make_adjusting_claim(self) -> None:
        paid_id = self.claim_id
        try:
            new_id = ops.change(
                self.ctx, "claims", make_adjusting_claim, self.ctx.actor, paid_id, today=self.today
            )
        except KnownError as problem:
            self._refused(problem)
            return
        self.claim_id = new_id
        self._load()
        self.lines.table.setFocus()  # where the corrections are typed
        self.saved.emit(new_id)
        self.state_label.setText(
            f"This is a new draft that corrects claim {paid_id}. Add a line for each change "
            "(below nothing to take money back), then save and submit it."
        )

    def reject(self) -> None:
        super().reject()  # asks first about unsaved changes
        if not self.isVisible():
            claim_parts.offer_to_delete_empty_correction(self.ctx, self.parentWidget(), self.record)

    def delete_draft(self) -> None:
        if self.claim_id is None or self.record is None:
            return
        total = format_pence(self.record.details.total_pence)
        question = (
            f"Delete this draft claim for {self.record.person_name} ({total}) for good?"
            "\n\nThis cannot be undone."
        )
        if not prompts.ask_yes_no(self, "Delete draft claim", question, "Delete"):
            return
        try:
            ops.change(self.ctx, "claims", delete_draft, self.ctx.actor, self.claim_id)
        except KnownError as problem:
            self._refused(problem)
            return
        self.set_dirty(False)
        self.accept()
