"""Record one of a group's decisions, or one thing spent from its budget other than through a
claim (room hire, materials): a date, words and an amount, in a small dialog.

Both are kept by any staff member and saved as soon as Save is pressed; problems are shown
at the field, and closing with unsaved changes asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.budget_groups import (
    MAX_SPEND_DESCRIPTION,
    Decision,
    DecisionDetails,
    Spend,
    SpendDetails,
    add_decision,
    add_spend,
    change_decision,
    change_spend,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.record_dialog import RecordDialog, not_saved_message
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.money_field import MoneyField
from involve_desktop.ui.widgets.person_sections import text_box

# The services' names for the fields, so their messages show at the form's own.
FIELD_KEYS = {"decided_on": "when", "spent_on": "when", "decision": "words", "description": "words"}


class EntryForm(FormSection):
    """When, what (one line or a few), and how much. Mnemonics: W, the words', A, and Save."""

    def __init__(
        self, words_label: str, words: QLineEdit | QPlainTextEdit, *, amount_optional: bool
    ) -> None:
        super().__init__()
        self.when = DateField()
        self.when.setMaximumWidth(self.when.fontMetrics().horizontalAdvance("0") * 16)
        self.add_row("when", "&When:", self.when)
        self.words = words
        self.add_row("words", words_label, words)
        self.amount = MoneyField(optional=amount_optional)
        self.amount.setMaximumWidth(
            self.amount.fontMetrics().horizontalAdvance("£1,000,000.00") + 24
        )
        amount_label = "&Amount (if any):" if amount_optional else "&Amount:"
        self.add_row("amount", amount_label, self.amount)
        for signal in (self.when.textChanged, self.amount.textChanged):
            signal.connect(self.notify_changed)
        words.textChanged.connect(self.notify_changed)

    def text(self) -> str:
        return (
            self.words.toPlainText()
            if isinstance(self.words, QPlainTextEdit)
            else self.words.text()
        )

    def set_text(self, text: str) -> None:
        if isinstance(self.words, QPlainTextEdit):
            self.words.setPlainText(text)
        else:
            self.words.setText(text)

    def read(self) -> tuple[date | None, str, int | None]:
        """The date, words and amount typed; ValidationFailed for a date or amount unread."""
        problems = {
            key: problem
            for key, problem in (("when", self.when.problem()), ("amount", self.amount.problem()))
            if problem
        }
        if problems:
            raise ValidationFailed(problems)
        return self.when.date(), self.text(), self.amount.pence()


class EntryDialog(RecordDialog):
    """One entry's dialog: `store(when, text, amount)` saves it through its service and
    returns its id. `saved(entry_id)` follows a save."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        form: EntryForm,
        title: str,
        store: Callable[[date | None, str, int | None], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form
        self.store = store
        self.set_title(title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(form, 1)
        layout.addLayout(self.button_bar())
        form.changed.connect(lambda: self.set_dirty(True))
        self.resize(560, 340)

    def load(self, when: date | None, text: str, amount: int | None) -> None:
        self.form.loading = True
        self.form.when.set_date(when)
        self.form.set_text(text)
        self.form.amount.set_pence(amount)
        self.form.loading = False
        self.form.words.setFocus()
        self.set_dirty(False)

    def save(self) -> bool:
        try:
            saved_id = self.store(*self.form.read())
        except ValidationFailed as problem:
            errors = {FIELD_KEYS.get(key, key): text for key, text in problem.errors.items()}
            self.form.show_errors(errors)
            self.state_label.setText(not_saved_message(len(errors)))
            return False
        except KnownError as problem:
            prompts.show_problem(self, "Not saved", problem.message)
            return False
        self.set_dirty(False)
        self.saved.emit(saved_id)
        self.accept()
        return True


class DecisionDialog(EntryDialog):
    what_is_edited = "this decision"

    def __init__(
        self,
        ctx: AppContext,
        budget_id: int,
        decision: Decision | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        words = text_box(4)
        words.setPlaceholderText("In the group's own words")
        form = EntryForm("What the group &decided:", words, amount_optional=True)
        form.amount.setToolTip("What the decision spends or sets aside, if it is about money.")
        super().__init__(ctx, form, "The group's decision", self._store, parent)
        self.budget_id = budget_id
        self.decision = decision
        if decision is None:
            self.load(today or date.today(), "", None)
        else:
            self.load(decision.decided_on, decision.decision, decision.amount_pence)

    def _store(self, when: date | None, text: str, amount: int | None) -> int:
        details = DecisionDetails(when, text, amount)
        if self.decision is None:
            return ops.change(
                self.ctx, "budgets", add_decision, self.ctx.actor, self.budget_id, details
            )
        ops.change(self.ctx, "budgets", change_decision, self.ctx.actor, self.decision.id, details)
        return self.decision.id


class SpendDialog(EntryDialog):
    what_is_edited = "this spending"

    def __init__(
        self,
        ctx: AppContext,
        budget_id: int,
        spend: Spend | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        words = QLineEdit()
        words.setMaxLength(MAX_SPEND_DESCRIPTION)
        words.setPlaceholderText("For example: room hire, paint, bus fares for the group")
        form = EntryForm("What it was &for:", words, amount_optional=False)
        super().__init__(ctx, form, "Spending from the budget", self._store, parent)
        self.budget_id = budget_id
        self.spend = spend
        if spend is None:
            self.load(today or date.today(), "", None)
        else:
            self.load(spend.spent_on, spend.description, spend.amount_pence)

    def _store(self, when: date | None, text: str, amount: int | None) -> int:
        details = SpendDetails(when, text, amount or 0)
        if self.spend is None:
            return ops.change(
                self.ctx, "budgets", add_spend, self.ctx.actor, self.budget_id, details
            )
        ops.change(self.ctx, "budgets", change_spend, self.ctx.actor, self.spend.id, details)
        return self.spend.id
