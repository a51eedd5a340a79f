"""Tab 5, "Figures": the year's figures, worked out from the records and never typed
(ui/widgets/year_figures_panel.py). The panel scrolls itself, so this page does not.

The figures are worked out afresh each time, even for a signed-off evaluation, so a record
put right since the sign-off shows here; a signed-off evaluation says so above them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import long_date
from involve_desktop.services.evaluation_records import EvaluationRecord
from involve_desktop.ui.screens.evaluation.evaluation_tab import EvaluationTab, hint_label
from involve_desktop.ui.widgets.year_figures_panel import YearFiguresPanel


def since_sign_off_words(record: EvaluationRecord) -> str:
    """What a signed-off evaluation's figures are ('' while it is in progress)."""
    if not record.is_signed_off or record.signed_off_at is None:
        return ""
    return (
        "These figures are worked out again each time from the records; corrections made "
        f"since the sign-off on {long_date(record.signed_off_at.date())} show here."
    )


class FiguresTab(EvaluationTab):
    def __init__(self, ctx: AppContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.since_sign_off = hint_label("")
        self.since_sign_off.setAccessibleName("Figures since the sign-off")
        self.panel = YearFiguresPanel(ctx, today=today)
        self.column.addWidget(self.since_sign_off)
        self.column.addWidget(self.panel)

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        words = since_sign_off_words(record)
        self.since_sign_off.setText(words)
        self.since_sign_off.setVisible(bool(words))
        self.panel.show_year(record.year_first, record.year_last)
