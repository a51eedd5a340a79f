"""Tab 5, "Figures": the year's figures, worked out from the records and never typed
(ui/widgets/year_figures_panel.py). The panel scrolls itself, so this page does not."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from involve_desktop.app import AppContext
from involve_desktop.services.evaluation_records import EvaluationRecord
from involve_desktop.ui.screens.evaluation.evaluation_tab import EvaluationTab
from involve_desktop.ui.widgets.year_figures_panel import YearFiguresPanel


class FiguresTab(EvaluationTab):
    def __init__(self, ctx: AppContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.panel = YearFiguresPanel(ctx, today=today)
        self.column.addWidget(self.panel)

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        self.panel.show_year(record.year_first, record.year_last)
