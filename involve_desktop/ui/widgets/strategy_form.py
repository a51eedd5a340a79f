"""The fields of one version of the strategy, in sections that follow the order people think
it through: what it is called and when it runs, why and what, who benefits, the power and
resources, how the people served were consulted, and who approved it.

Problems are shown at the field (FormSection). Long answers are typed in boxes that grow
with what is written, so a paragraph is read whole rather than through a slot.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.dates import NotADate
from involve_desktop.domain.money import NotAnAmount
from involve_desktop.domain.plan_records import MAX_SHORT_TEXT, MAX_TITLE_LENGTH, StrategyDetails
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.strategy import LONG_TEXTS
from involve_desktop.ui.text_size import set_relative_size
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FieldError, FormSection
from involve_desktop.ui.widgets.money_field import MoneyField

FEWEST_LINES = 3
MOST_LINES = 14  # beyond this the box scrolls, so one answer never pushes the rest away
POWER_STEPS = " \u2192 ".join(step.label.lower() for step in PowerShared)


class GrowingTextBox(QPlainTextEdit):
    """Several lines of plain text; as tall as what is written, within sensible bounds."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on to the next field, as in a line edit
        self.setPlaceholderText(hint)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args: object) -> None:
        # A plain-text document measures its height in lines (wrapped lines included).
        lines = int(self.document().documentLayout().documentSize().height())
        lines = max(FEWEST_LINES, min(MOST_LINES, lines))
        margins = 2 * (self.frameWidth() + int(self.document().documentMargin())) + 4
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + margins)


def section_title(text: str) -> QLabel:
    """A section's name: bold and a little larger than the labels, relative to the user's font."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    set_relative_size(label, 1.15)
    label.setContentsMargins(0, 12, 0, 2)
    return label


class StrategyForm(FormSection):
    """One version's fields. Mnemonics avoid the tab's buttons (S, U, N, M, D, V) and the
    main window's menus (F, E, G, H)."""

    def __init__(self, terms: PeopleTerms, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setMaxLength(MAX_TITLE_LENGTH)
        self.period_start = DateField()
        self.period_end = DateField()
        self._section("The strategy")
        self.add_row("title", "&Title:", self.title)
        self.add_row("period_start", "Starts &on:", self.period_start)
        self.add_row("period_end", "Ends on:", self.period_end)

        self._section("Why and what")
        # The purpose's label and the hints that name people are worded in set_terms.
        self.purpose = GrowingTextBox("")
        self.intentions = GrowingTextBox("What we intend to do over these years")
        self.principles = GrowingTextBox("")
        self.purpose_row = self.add_row("purpose", "", self.purpose)
        self.add_row("intentions", "What we &intend:", self.intentions)
        self.add_row("principles", "Our &principles:", self.principles)

        self._section("Who benefits")
        self.benefits_directly = GrowingTextBox("Those who take part, and how they gain")
        self.benefits_indirectly = GrowingTextBox(
            "Others who gain from it: families, staff, the services, the wider community"
        )
        self.add_row("benefits_directly", "Directly:", self.benefits_directly)
        self.add_row("benefits_indirectly", "Indirectly:", self.benefits_indirectly)

        self._section("Power and resources")
        self.power_shared = GrowingTextBox(
            "How far we will share decisions, and in which parts of our work"
        )
        self.power_shared.setToolTip(f"The steps of sharing power: {POWER_STEPS}.")
        self.power_hint = QLabel(
            f"The four steps, from least to most power shared: {POWER_STEPS}. "
            "Say which you aim for, and where."
        )
        self.power_hint.setWordWrap(True)
        power = QWidget()
        column = QVBoxLayout(power)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.power_shared)
        column.addWidget(self.power_hint)
        label = "Power we are wi&lling to share:"
        self.add_row("power_shared", label, power, self.power_shared)
        self.power_shared.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.power_shared.setAccessibleDescription(self.power_hint.text())
        self.resources = GrowingTextBox("Staff time, training, rooms, travel, support")
        self.add_row("resources", "&Resources:", self.resources)
        self.budget = MoneyField(optional=True)
        self.budget.setMaximumWidth(
            self.budget.fontMetrics().horizontalAdvance("£10,000,000.00") + 40
        )
        self.add_row("budget_pence", "&Budget:", self.budget)

        self._section("Consultation")
        self.consultation_how = GrowingTextBox("")
        self.consultation_said = GrowingTextBox(
            "What they told us, and what we changed because of it"
        )
        self.consultation_how_row = self.add_row("consultation_how", "", self.consultation_how)
        self.add_row("consultation_said", "What they said:", self.consultation_said)

        self._section("Approval")
        self.approved_by = QLineEdit()
        self.approved_by.setMaxLength(MAX_SHORT_TEXT)
        self.approved_by.setPlaceholderText("For example: the board of trustees")
        self.approved_on = DateField()
        self.review_on = DateField()
        self.add_row("approved_by", "Approved b&y:", self.approved_by)
        self.add_row("approved_on", "Approved on:", self.approved_on)
        self.add_row("review_on", "Review date:", self.review_on)
        self.review_on.setToolTip("The day to look at the strategy again and make a new version.")
        self.set_terms(terms)
        date_width = self.review_on.fontMetrics().horizontalAdvance("00/00/00000") + 40
        for field in self.date_fields():
            field.setMaximumWidth(date_width)
        # Lines of text longer than this are hard to read back; spare width stays empty.
        self.setMaximumWidth(self.fontMetrics().averageCharWidth() * 160)

        for text_box in self.text_boxes():
            text_box.textChanged.connect(self.notify_changed)
        for line_edit in (self.title, self.budget, self.approved_by, *self.date_fields()):
            line_edit.textChanged.connect(self.notify_changed)

    def _section(self, text: str) -> None:
        self.form.addRow(section_title(text))

    def set_terms(self, terms: PeopleTerms) -> None:
        """Say the charity's own word for the people it serves."""
        self._relabel(self.purpose_row, self.purpose, f"&Why we involve {terms.plural}:")
        self.purpose.setPlaceholderText(
            f"Why we involve {terms.plural} at all: what changes because they take part"
        )
        self.principles.setPlaceholderText(
            f"The principles we work by, for example: we pay {terms.plural} for their time"
        )
        self._relabel(
            self.consultation_how_row, self.consultation_how, f"How {terms.plural} were &consulted:"
        )
        self.consultation_how.setPlaceholderText(
            f"How we asked {terms.plural} what the strategy should say: meetings, surveys, "
            "conversations, who took part"
        )

    def _relabel(self, row: FieldError, field: QWidget, text: str) -> None:
        label = self.form.labelForField(row.parentWidget())
        if isinstance(label, QLabel):
            label.setText(text)
        field.setAccessibleName(text.replace("&", "").rstrip(":"))

    def text_boxes(self) -> tuple[GrowingTextBox, ...]:
        return (
            self.purpose,
            self.intentions,
            self.principles,
            self.benefits_directly,
            self.benefits_indirectly,
            self.power_shared,
            self.resources,
            self.consultation_how,
            self.consultation_said,
        )

    def date_fields(self) -> tuple[DateField, ...]:
        return (self.period_start, self.period_end, self.approved_on, self.review_on)

    def load(self, details: StrategyDetails) -> None:
        self.loading = True
        self.title.setText(details.title)
        self.period_start.set_date(details.period_start)
        self.period_end.set_date(details.period_end)
        for name, box in zip(LONG_TEXTS, self.text_boxes(), strict=True):
            box.setPlainText(getattr(details, name))
        self.budget.set_pence(details.budget_pence)
        self.approved_by.setText(details.approved_by)
        self.approved_on.set_date(details.approved_on)
        self.review_on.set_date(details.review_on)
        self.loading = False
        self.show_errors({})

    def set_read_only(self, read_only: bool) -> None:
        """A replaced version is read, not edited: the text stays selectable and readable."""
        for widget in (self.title, self.budget, self.approved_by, *self.date_fields()):
            widget.setReadOnly(read_only)
        for box in self.text_boxes():
            box.setReadOnly(read_only)

    def read(self) -> StrategyDetails:
        """What the form holds; raises ValidationFailed for a date or amount it cannot read."""
        errors: dict[str, str] = {}
        dates: dict[str, date | None] = {}
        names = ("period_start", "period_end", "approved_on", "review_on")
        for name, field in zip(names, self.date_fields(), strict=True):
            try:
                dates[name] = field.date()
            except NotADate as problem:
                errors[name] = str(problem)
        for name, what in (("period_start", "starts"), ("period_end", "ends")):
            if name not in errors and dates[name] is None:
                errors[name] = f"Please give the date the strategy {what}."
        try:
            budget = self.budget.pence()
        except NotAnAmount as problem:
            errors["budget_pence"] = str(problem)
        if errors:
            raise ValidationFailed(errors)
        start, end = dates["period_start"], dates["period_end"]
        assert start is not None and end is not None
        texts = {
            name: box.toPlainText() for name, box in zip(LONG_TEXTS, self.text_boxes(), strict=True)
        }
        return StrategyDetails(
            title=self.title.text(),
            period_start=start,
            period_end=end,
            budget_pence=budget,
            approved_by=self.approved_by.text(),
            approved_on=dates["approved_on"],
            review_on=dates["review_on"],
            **texts,
        )
