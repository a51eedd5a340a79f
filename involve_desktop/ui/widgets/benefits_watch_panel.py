"""A person's fees held against the benefits figures the charity chose to watch, in words.

Shown only when the person has said payments may affect their benefits, or prefers not to
say; hidden when they said no or were never asked. Each figure says how far below or over it
the person's fees are ("£46.00 below it"), with a warning sign and words, never colour alone.
The app informs and says so: it never advises.

    panel = BenefitsWatchPanel(ctx)
    panel.set_person(person_id, around_date, claim_id=None, fee_lines=((day, pence), ...))
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import ThresholdPeriod
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.people import BenefitsAffected
from involve_desktop.domain.person_record import display_name
from involve_desktop.services.money_totals import (
    NOT_ADVICE,
    BenefitsWatch,
    ThresholdCheck,
    benefits_watch,
    note_benefits_shown,
)
from involve_desktop.services.people_list import rows_for
from involve_desktop.services.permissions import NotAllowed
from involve_desktop.ui import ops

WARNING = "\u26a0 "
POLICY_PLACE = "Settings \u2192 Payment policy"
PERIOD_WORDS = {"week": "a week", "month": "a month", "year": "a year"}


def where_it_stands(check: ThresholdCheck) -> str:
    """'£46.00 below it', 'close to it: £4.00 below it', '£4.00 over it', in words."""
    gap = check.over_by_pence
    if check.over:
        return f"{format_pence(gap)} over it"
    if gap == 0:
        return "exactly at it"
    below = f"{format_pence(-gap)} below it"
    return f"close to it: {below}" if check.near else below


def check_text(check: ThresholdCheck) -> str:
    """'Carer's Allowance earnings limit, £196.00 a week: fees of £150.00 in the week of
    23 November 2026 — £46.00 below it.'"""
    threshold = check.threshold
    limit = f"{format_pence(threshold.amount_pence)} {PERIOD_WORDS[threshold.period.value]}"
    period = check.period.label  # 'Week of 23 November 2026', 'November 2026', 'the 2026/27…'
    weekly = threshold.period is ThresholdPeriod.WEEK
    in_period = f"in the {period[:1].lower()}{period[1:]}" if weekly else f"in {period}"
    mark = WARNING if check.over or check.near else ""
    return (
        f"{mark}{threshold.name}, {limit}: fees of {format_pence(check.period.fees_pence)} "
        f"{in_period} \u2014 {where_it_stands(check)}."
    )


def spread_over_periods(watch: BenefitsWatch, fee_days: Sequence[date]) -> str:
    """'week' (or 'week or month', 'month') when the claim's fee lines fall in more than one of
    the periods watched, so the figure shown is the fullest of them; '' when they do not."""
    spread = []
    for period in (ThresholdPeriod.WEEK, ThresholdPeriod.MONTH, ThresholdPeriod.YEAR):
        checks = [check for check in watch.checks if check.threshold.period is period]
        if any(
            not check.period.first <= day <= check.period.last
            for check in checks
            for day in fee_days
        ):
            spread.append("financial year" if period is ThresholdPeriod.YEAR else period.value)
    return " or ".join(spread)


def person_name(ctx: AppContext, person_id: int) -> str:
    """The name a person goes by, as the register shows it."""
    found = ops.query(ctx, rows_for, [person_id])
    if not found:
        return "This person"
    row = found[0]
    return display_name(row.first_name, row.last_name, row.preferred_name)


class BenefitsWatchPanel(QFrame):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.watch: BenefitsWatch | None = None
        # Whose answer this panel has shown (each person's first showing is audited).
        self.shown_for: set[int] = set()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Payments and benefits")
        title = QLabel("<b>Payments and benefits</b>")
        self.intro = QLabel()
        self.figures = QLabel()
        self.counted = QLabel()
        self.suggestion = QLabel()
        self.not_advice = QLabel(NOT_ADVICE)
        for label, name in (
            (self.intro, "Whether payments may affect their benefits"),
            (self.figures, "Fees against the figures the charity watches"),
            (self.counted, "What is counted"),
            (self.suggestion, "What could be offered"),
            (self.not_advice, "Not benefits advice"),
        ):
            label.setWordWrap(True)
            label.setAccessibleName(name)
        # The words scroll in a short window rather than making the editor around them tall.
        content = QWidget()
        scroller = QScrollArea()
        # The words inside are read through their labels; the frame itself is not a stop.
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addWidget(self.figures)
        layout.addWidget(self.counted)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.not_advice)
        layout.addStretch(1)
        self.setVisible(False)

    def set_person(
        self,
        person_id: int | None,
        around_date: date,
        claim_id: int | None = None,
        fee_lines: Sequence[tuple[date, int]] = (),
    ) -> None:
        """Show the figures for this person around this date (with a claim's unsaved fee
        lines, by date, in place of its saved ones); hide the panel when they do not apply."""
        self.watch = None
        if person_id is not None:
            try:
                self.watch = ops.query(
                    self.ctx,
                    benefits_watch,
                    self.ctx.actor,
                    person_id,
                    around_date,
                    claim_id=claim_id,
                    claim_fee_lines=tuple(fee_lines),
                )
            except NotAllowed:
                self.watch = None  # their role does not see the sensitive sections
        if self.watch is None or not self.watch.applies:
            self.setVisible(False)
            return
        assert person_id is not None
        self._show(
            self.watch,
            person_name(self.ctx, person_id),
            claim_id is not None or bool(fee_lines),
            spread=spread_over_periods(self.watch, [day for day, _pence in fee_lines]),
        )
        self.setVisible(True)
        if person_id not in self.shown_for:
            # Their benefits answer is special-category data: its showing is in the audit
            # trail, once for each person (not at every change of a line).
            ops.change(self.ctx, "audit", note_benefits_shown, self.ctx.actor, person_id)
            self.shown_for.add(person_id)

    def _show(self, watch: BenefitsWatch, name: str, with_claim: bool, *, spread: str) -> None:
        if watch.answer is BenefitsAffected.YES:
            self.intro.setText(f"{name} has said payments may affect their benefits.")
        else:
            self.intro.setText(
                f"{name} prefers not to say whether payments affect their benefits, so the "
                "figures are shown in case they help."
            )
        if not watch.checks:
            self.figures.setText(
                f"The charity has not chosen any figures to watch yet. They are set in "
                f"{POLICY_PLACE}."
            )
            self.counted.setText("")
        else:
            counted = (
                "Fees from submitted, approved and paid claims"
                + (", with this claim as it is now" if with_claim else "")
                + ". Mileage and expenses paid back are not earnings, so they are left out."
            )
            if spread:
                counted += (
                    f" This claim's fees fall in more than one {spread}: each figure is held "
                    f"against the {spread} with the most."
                )
            self.figures.setText("\n\n".join(check_text(check) for check in watch.checks))
            self.counted.setText(counted)
        close = watch.any_over or any(check.near for check in watch.checks)
        self.suggestion.setText(
            f"{'This takes' if watch.any_over else 'This brings'} {name} "
            f"{'over' if watch.any_over else 'close to'} a figure the charity watches. You "
            "could offer a voucher or a smaller payment, or they may prefer to decline payment."
            if close
            else "If a payment would take them past one of these figures, you could offer a "
            "voucher or a smaller payment, or they may prefer to decline payment."
        )
