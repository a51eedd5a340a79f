"""The figures worked out from a year's records, shown read-only in the yearly evaluation.

Each group has a heading, the sentence that says it, and small tables of figures. The
figures cannot be typed over: they come from the records (services/year_figures.py), and
change when the records do. Every figure is text a person can select and copy: the
sentences with the mouse, the tables with Ctrl+C (the chosen rows, or the whole table),
ready to paste into a report. Shares are said in words, "31 of 40 (78%)", never by colour.

The panel has no keyboard mnemonics of its own, so it sits in any screen without taking
an Alt+letter that screen uses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.level_history import LEVELS
from involve_desktop.domain.money import format_pence
from involve_desktop.services.year_figures import YearFigures, year_figures
from involve_desktop.ui import ops
from involve_desktop.ui.screens.participation_screen import fit_to_contents
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.records_model import Column, RecordsTableModel, records_table
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown
from involve_desktop.ui.widgets.table_selection import table_key
from involve_desktop.ui.widgets.year_figure_rows import (
    BUDGET_HEADERS,
    FigureRow,
    budget_rows,
    impact_rows,
    kind_rows,
    level_headers,
    level_rows,
    new_rows,
    number,
    power_rows,
)

WATCHED_KINDS = ("people", "activities", "claims", "budgets", "organisation")
NO_YEAR = "Choose a year to see the figures worked out from its records."
NO_ROLE = "No role recorded"


def figure_columns(headers: Sequence[str]) -> list[Column[FigureRow]]:
    first, *rest = headers
    columns = [Column[FigureRow](first, lambda row: row.label)]
    for position, header in enumerate(rest):
        columns.append(
            Column[FigureRow](header, lambda row, p=position: row.figures[p], figure=True)
        )
    return columns


def table_text(table: QTableView) -> str:
    """The chosen rows (or the whole table), with its headers, as tab-separated lines that
    paste into a spreadsheet or a document as a table."""
    model = table.model()
    rows = sorted(index.row() for index in table.selectionModel().selectedRows())
    rows = rows or list(range(model.rowCount()))
    columns = range(model.columnCount())
    headers = [str(model.headerData(column, Qt.Orientation.Horizontal)) for column in columns]
    lines = ["\t".join(headers)]
    for row in rows:
        lines.append("\t".join(str(model.index(row, column).data()) for column in columns))
    return "\n".join(lines)


class RefitOnResize(QObject):
    """Calls `fit` when the watched table is resized (its scroll bar may come or go)."""

    def __init__(self, fit: Callable[[], None]) -> None:
        super().__init__()
        self.fit = fit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


class FigureTable:
    """A short table of figures shown whole, with a name a screen reader says."""

    def __init__(self, name: str, headers: Sequence[str]) -> None:
        self.fitter = RefitOnResize(lambda: self.fit_height())
        self.model = RecordsTableModel[FigureRow](figure_columns(headers))
        self.view = records_table(self.model, name)
        fit_to_contents(self.view)
        # Whole where there is room; narrower than its cells (a large font, a small window)
        # it scrolls sideways itself rather than pushing the page past the window's edge.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.view.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.view.setMinimumWidth(self.view.fontMetrics().averageCharWidth() * 12)
        self.view.installEventFilter(self.fitter)
        copy = QKeySequence(QKeySequence.StandardKey.Copy)
        self.copy_key = table_key(copy, self.view, self.copy)

    def show(self, rows: Sequence[FigureRow], headers: Sequence[str] | None = None) -> None:
        if headers is not None:
            self.model.set_columns(figure_columns(headers))
        self.model.set_records(rows)
        self.view.resizeColumnsToContents()
        self.fit_height()

    def fit_height(self) -> None:
        """Every row shown, and room for the sideways scroll bar when it is needed."""
        view = self.view
        row = view.verticalHeader().defaultSectionSize()
        height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        height += row * max(self.model.rowCount(), 1)
        if view.width() < view.sizeHint().width():
            height += view.horizontalScrollBar().sizeHint().height()
        if view.maximumHeight() != height or view.minimumHeight() != height:
            view.setFixedHeight(height)  # only when it changes: that resizes the table again

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(table_text(self.view))


def words(text: str = "", *, name: str = "") -> QLabel:
    """A sentence of the figures: wrapped, and selectable so it can be copied."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    if name:
        label.setAccessibleName(name)
    return label


class YearFiguresPanel(QWidget):
    """`show_year(first, last)` shows that financial year's figures, worked out from the
    records as they are today, and keeps them up to date while the panel is shown."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fixed_today = today
        self.period: tuple[date, date] | None = None
        self.figures: YearFigures | None = None
        self.intro = words(NO_YEAR, name="Where these figures come from")
        self.headings: dict[str, QLabel] = {}
        self.sentences: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self.tables = {
            "levels": FigureTable("By level", ["Level", "Took part", "On the register"]),
            "roles": FigureTable("By role", ["Role", *(level.label for level in LEVELS)]),
            "new": FigureTable("New this year", ["New this year", "Number"]),
            "power": FigureTable("Activities by power shared", ["Power shared", "Activities"]),
            "kinds": FigureTable("Activities by kind", ["Kind", "Activities"]),
            "impact": FigureTable("Impact recorded and reported back", ["Measure", "Share"]),
            "payments": FigureTable("Payments for the year's work", ["Payments", "Amount"]),
            "budgets": FigureTable("The year's budgets", BUDGET_HEADERS),
            "choices": FigureTable("Not taking part", ["Choice", "Number"]),
            "barriers": FigureTable("Barriers recorded", ["Barrier", "People", "Not taking part"]),
        }
        self.content = QWidget()
        self._lay_out()
        self.when_shown = RefreshWhenShown(self, self.refresh)
        ctx.events.data_changed.connect(self._data_changed)

    def _lay_out(self) -> None:
        body = QVBoxLayout(self.content)
        body.addWidget(self.intro)
        sections = (
            ("people", ("levels", "roles")),
            ("new", ("new",)),
            ("activities", ("power", "kinds")),
            ("impact", ("impact",)),
            ("money", ("payments", "budgets")),
            ("not taking part", ("choices", "barriers")),
        )
        self.sections: dict[str, QWidget] = {}
        for key, table_keys in sections:
            section = QWidget()
            column = QVBoxLayout(section)
            column.setContentsMargins(0, 0, 0, 0)
            self.headings[key] = heading("")
            self.headings[key].setWordWrap(True)  # the charity's word for people may be long
            self.sentences[key] = words()
            self.notes[key] = words()
            column.addWidget(self.headings[key])
            column.addWidget(self.sentences[key])
            for table_key_name in table_keys:
                column.addWidget(self.tables[table_key_name].view)
            column.addWidget(self.notes[key])
            body.addWidget(section)
            body.addSpacing(self.fontMetrics().height())
            self.sections[key] = section
        body.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.content)
        # Not a Tab stop of its own: Tab goes to the sentences and tables, and the page
        # scrolls to whichever has the cursor.
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller = scroller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroller)
        self._show_sections(False)

    def _show_sections(self, shown: bool) -> None:
        for section in self.sections.values():
            section.setVisible(shown)

    # --- figures -------------------------------------------------------------------------

    def show_year(self, first: date, last: date) -> None:
        self.period = (first, last)
        self.refresh()

    def refresh(self) -> None:
        if self.period is None:
            self.figures = None
            self.intro.setText(NO_YEAR)
            self._show_sections(False)
            return
        today = self.fixed_today or date.today()
        figures = ops.query(self.ctx, year_figures, *self.period, today)
        self.figures = figures
        self.intro.setText(
            f"Worked out from the records for {figures.label} ({long_date(figures.first)} "
            f"to {long_date(figures.last)}), as they are today. They cannot be typed in."
        )
        self._show_people(figures)
        self._show_activities(figures)
        self._show_money(figures)
        self._show_not_taking_part(figures)
        self._show_sections(True)

    def _section(self, key: str, title: str, sentence: str, note: str = "") -> None:
        self.headings[key].setText(title)
        self.headings[key].setAccessibleName(title)
        self.sentences[key].setText(sentence)
        self.notes[key].setText(note)
        self.notes[key].setVisible(bool(note))

    def _show_people(self, figures: YearFigures) -> None:
        terms, people = figures.terms, figures.people
        self._section(
            "people",
            f"{terms.plural_title} who took part",
            people.summary,
            f"Took part means marked as attended at an activity held in the year. Levels are "
            f"as on {long_date(people.as_of)}. Someone with several roles is counted in each. "
            f"{terms.plural_title} archived since still count as having taken part; the "
            "register leaves archived records out, as the Participation screen does.",
        )
        self.tables["levels"].show(level_rows(figures), level_headers(figures))
        self.tables["levels"].view.setAccessibleName(f"{terms.plural_title} by level")
        self.tables["roles"].show(
            [
                FigureRow(role.role or NO_ROLE, tuple(number(count) for count in role.by_level))
                for role in people.roles
            ]
        )
        self.tables["roles"].view.setAccessibleName(f"{terms.plural_title} who took part, by role")
        new = figures.new_people
        self._section("new", f"New {terms.plural}", new.summary)
        self.tables["new"].show(new_rows(figures))

    def _show_activities(self, figures: YearFigures) -> None:
        held = figures.activities
        still = f" Of them, {held.to_come:,} are still to come." if held.to_come else ""
        self._section("activities", "Activities", held.summary, still.strip())
        self.tables["power"].show(power_rows(figures))
        self.tables["kinds"].show(kind_rows(figures))
        self.tables["kinds"].view.setVisible(bool(held.by_kind))
        impact = figures.impact
        self._section(
            "impact",
            "You said, we did",
            impact.summary,
            "An impact record belongs to the year of its activity, or, for feedback from "
            "outside an activity, of the day it was recorded.",
        )
        self.tables["impact"].show(impact_rows(figures))

    def _show_money(self, figures: YearFigures) -> None:
        money = figures.money
        self._section(
            "money",
            "Payments and budgets",
            money.summary,
            "Payments are counted in the year of the work each claim line is for. A budget "
            "counts the claims charged to it, so its paid figure can differ from the payments "
            "by a claim for work either side of the year's first day.",
        )
        self.tables["payments"].show(
            [
                FigureRow("Fees paid", (format_pence(money.fees_paid_pence),)),
                FigureRow("Mileage and expenses paid", (format_pence(money.expenses_paid_pence),)),
                FigureRow("Total paid", (format_pence(money.paid_pence),)),
                FigureRow(f"{figures.terms.plural_title} paid", (number(money.people_paid),)),
                FigureRow(
                    "Claimed, waiting to be approved or paid", (format_pence(money.waiting_pence),)
                ),
            ]
        )
        rows = budget_rows(figures)
        self.tables["budgets"].show(rows)
        self.tables["budgets"].view.setVisible(bool(rows))

    def _show_not_taking_part(self, figures: YearFigures) -> None:
        absent, terms = figures.not_taking_part, figures.terms
        self._section(
            "not taking part",
            "Not taking part",
            absent.summary,
            f"{absent.note} These are as things stand today.",
        )
        self.tables["choices"].show(
            [
                FigureRow("Not at the moment", (number(absent.not_now),)),
                FigureRow("Does not wish to take part", (number(absent.does_not_wish),)),
            ]
        )
        self.tables["barriers"].show(
            [
                FigureRow(row.barrier.label, (number(row.people), number(row.not_taking_part)))
                for row in absent.barriers
            ],
            ["Barrier", terms.plural_title, "Of them, not taking part"],
        )

    # --- changes -------------------------------------------------------------------------

    def _data_changed(self, kind: str) -> None:
        if kind in WATCHED_KINDS and self.period is not None:
            self.when_shown.request(kind)
