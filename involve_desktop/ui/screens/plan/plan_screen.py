"""Strategy and plan: the action plan the team works from every week, and the strategy it
serves (why and what), each in its own tab.

Leaving the screen, or moving between the tabs, asks about unsaved edits in the tab being
left, so a half-typed strategy is never dropped.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.plan.action_plan_tab import ActionPlanTab
from involve_desktop.ui.screens.plan.strategy_tab import StrategyTab
from involve_desktop.ui.widgets.heading import heading

PLAN_TAB, STRATEGY_TAB = 0, 1


class PlanScreen(Screen):
    can_search = True
    can_create = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.plan_tab = ActionPlanTab(ctx)
        self.strategy_tab = StrategyTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan_tab, "Action plan")
        self.tabs.addTab(self.strategy_tab, "Strategy")
        self.tabs.tabBar().setAccessibleName("Strategy and plan tabs")
        self._shown_tab = PLAN_TAB
        self.tabs.currentChanged.connect(self._tab_changed)
        self.plan_tab.strategy_wanted.connect(lambda: self.tabs.setCurrentIndex(STRATEGY_TAB))
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Strategy and plan"))
        layout.addWidget(self.tabs, 1)

    def confirm_leave(self) -> bool:
        for index, tab in ((PLAN_TAB, self.plan_tab), (STRATEGY_TAB, self.strategy_tab)):
            if not tab.confirm_leave():
                self.tabs.setCurrentIndex(index)
                return False
        return True

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(PLAN_TAB)
        self.plan_tab.focus_search()

    def start_new(self) -> None:
        """Ctrl+N: a new action on the plan tab, a new version on the strategy tab."""
        if self.tabs.currentIndex() == STRATEGY_TAB:
            self.strategy_tab.start_new()
        else:
            self.plan_tab.start_new()

    def show_item(self, item_id: int) -> None:
        self.tabs.setCurrentIndex(PLAN_TAB)
        self.plan_tab.show_item(item_id)

    def show_overdue(self) -> None:
        """The current plan's overdue actions (Home's job leads here)."""
        self.tabs.setCurrentIndex(PLAN_TAB)
        if self.tabs.currentIndex() != PLAN_TAB:
            return  # the strategy tab kept the user: unsaved edits there
        tab = self.plan_tab
        tab.picked_id = None  # the current plan, not an older one chosen before
        tab.filters.show_everything()
        tab.filters.overdue.blockSignals(True)
        tab.filters.overdue.setChecked(True)
        tab.filters.overdue.blockSignals(False)
        tab.reload()
        tab.table.setFocus()

    def show_strategy(self) -> None:
        """The Strategy tab, where the review date is (Home's job leads here)."""
        self.tabs.setCurrentIndex(STRATEGY_TAB)

    def _tab_changed(self, index: int) -> None:
        leaving = self.strategy_tab if self._shown_tab == STRATEGY_TAB else self.plan_tab
        if index != self._shown_tab and not leaving.confirm_leave():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._shown_tab)
            self.tabs.blockSignals(False)
            return
        self._shown_tab = index
