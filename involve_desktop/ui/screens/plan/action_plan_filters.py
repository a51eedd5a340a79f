"""What the action plan's list shows: a view by status (with how many are in each), the
standards area, who leads, overdue only, moved since the last look, and words.

Mnemonics: &View, &Area, &Led by, Overdue onl&y, &Moved, &Search (V A L Y M S), chosen with
the tab's buttons; F, E, G and H belong to the main window's menus.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.learning_cycle import ItemStatus, StandardsArea
from involve_desktop.services.action_plan_rows import ALL, OPEN, PlanCounts, PlanView
from involve_desktop.services.staff import StaffMember
from involve_desktop.ui.widgets.flow_layout import flow_row, labelled
from involve_desktop.ui.widgets.typing_pause import after_typing

VIEWS: tuple[tuple[str, ItemStatus | str], ...] = (
    ("Open", OPEN),
    *((status.label, status) for status in ItemStatus),
    ("All", ALL),
)


class PlanFilters(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views = QTabBar()
        self.views.setAccessibleName("Which actions to show, by status")
        self.views.setExpanding(False)
        for text, _status in VIEWS:
            self.views.addTab(text)
        self.area = QComboBox()
        self.area.setAccessibleName("Standards area")
        self.area.addItem("All areas", None)
        for area in StandardsArea:
            self.area.addItem(area.label, area.value)  # Qt gives enums back as strings
        self.lead = QComboBox()
        self.lead.setAccessibleName("Led by")
        self.overdue = QCheckBox("Overdue onl&y")
        self.moved = QCheckBox("&Moved since I last looked")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Words from the action, how, where or who (Ctrl+F)")
        self.search.setAccessibleName("Search the plan")
        self._lay_out()
        self.typing = after_typing(self.search, self.changed.emit)
        self.views.currentChanged.connect(lambda _index: self.changed.emit())
        self.area.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.lead.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.overdue.toggled.connect(lambda _on: self.changed.emit())
        self.moved.toggled.connect(lambda _on: self.changed.emit())

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        view_label = QLabel("&View:")
        view_label.setBuddy(self.views)
        top.addWidget(view_label)
        top.addWidget(self.views)
        top.addStretch(1)
        search_row = labelled("&Search:", self.search)
        # The filters wrap onto more lines when the text is large or the window narrow.
        rest = flow_row(
            labelled("&Area:", self.area),
            labelled("&Led by:", self.lead),
            self.overdue,
            self.moved,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(rest)
        layout.addWidget(search_row)

    def fill_staff(self, staff: list[StaffMember]) -> None:
        chosen = self.lead.currentData()
        self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItem("Anyone", None)
        for member in staff:
            self.lead.addItem(member.name, member.id)
        self.lead.setCurrentIndex(max(0, self.lead.findData(chosen)))
        self.lead.blockSignals(False)

    def view(self) -> PlanView:
        return PlanView(
            status=VIEWS[max(0, self.views.currentIndex())][1],
            area=StandardsArea(self.area.currentData()) if self.area.currentData() else None,
            overdue_only=self.overdue.isChecked(),
            moved_only=self.moved.isChecked(),
            staff_id=self.lead.currentData(),
            text=self.search.text(),
        )

    def show_counts(self, counts: PlanCounts) -> None:
        for index, (text, status) in enumerate(VIEWS):
            self.views.setTabText(index, f"{text} ({counts.for_view(status)})")

    def choose_status(self, status: ItemStatus | str) -> None:
        index = next(i for i, (_text, value) in enumerate(VIEWS) if value == status)
        self.views.setCurrentIndex(index)

    def show_everything(self) -> None:
        """Every item of the plan, so the one asked for is in the list."""
        for widget in (self, self.views, self.area, self.lead, self.overdue, self.moved):
            widget.blockSignals(True)
        self.choose_status(ALL)
        self.area.setCurrentIndex(0)
        self.lead.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.moved.setChecked(False)
        self.search.clear()
        self.typing.stop()
        for widget in (self, self.views, self.area, self.lead, self.overdue, self.moved):
            widget.blockSignals(False)
