"""Lists kept in SQL (ui/widgets/lazy_table.py): a click on the header of a column the
database cannot sort by leaves the order, and the sort arrow, where they were."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView

from involve_desktop.services.activity_list import ActivitySort
from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen
from involve_desktop.ui.screens.activities.activities_table import ActivitiesTableModel
from involve_desktop.ui.screens.people.people_screen import PeopleScreen
from involve_desktop.ui.screens.people.people_table import PeopleTableModel
from tests.ui.activity_helpers import add_activity
from tests.ui.helpers import show_active
from tests.ui.people_helpers import TODAY, add_person


def click_header(qtbot, table: QTableView, column: int) -> None:
    header = table.horizontalHeader()
    middle = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)


def arrow(table: QTableView) -> tuple[int, Qt.SortOrder]:
    header = table.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def test_activities_an_unsortable_column_leaves_the_arrow_on_the_sorted_one(qtbot, ctx):
    for title, held_on in (("Beta", date(2026, 3, 1)), ("Alpha", date(2026, 5, 1))):
        add_activity(ctx, title, held_on)
    screen = ActivitiesScreen(ctx, today=TODAY)
    show_active(qtbot, screen)
    titles = [screen.model.row_at(row).title for row in range(len(screen.model.ids))]
    assert arrow(screen.table) == (ActivitiesTableModel.DATE, Qt.SortOrder.DescendingOrder)

    click_header(qtbot, screen.table, ActivitiesTableModel.KIND)
    assert arrow(screen.table) == (ActivitiesTableModel.DATE, Qt.SortOrder.DescendingOrder)
    assert [screen.model.row_at(row).title for row in range(2)] == titles

    click_header(qtbot, screen.table, ActivitiesTableModel.TITLE)
    assert screen.filters.sort is ActivitySort.TITLE
    sorted_by_title = arrow(screen.table)
    assert sorted_by_title[0] == ActivitiesTableModel.TITLE
    click_header(qtbot, screen.table, ActivitiesTableModel.LEAD)
    assert arrow(screen.table) == sorted_by_title
    assert screen.filters.sort is ActivitySort.TITLE


def test_people_an_unsortable_column_leaves_the_arrow_on_the_sorted_one(qtbot, ctx):
    add_person(ctx, "Zoë", "O'Brien", roles=("Carer",))
    add_person(ctx, "Sam", "Jones")
    screen = PeopleScreen(ctx, today=TODAY)
    show_active(qtbot, screen)
    click_header(qtbot, screen.table, PeopleTableModel.LEVEL)
    assert arrow(screen.table)[0] == PeopleTableModel.LEVEL
    before = arrow(screen.table)
    click_header(qtbot, screen.table, PeopleTableModel.ROLES)
    assert arrow(screen.table) == before
