"""The search box and filters above the People table.

Typing searches as you type (a short pause gathers fast typing into one search); every
choice is kept while the user moves around the app, because the screen is kept.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.people import ParticipationLevel, TakingPart
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.people_list import (
    CONSENT_REVIEW_WARNING_DAYS,
    PeopleFilter,
    SortColumn,
)
from involve_desktop.ui.widgets.flow_layout import flow_row, labelled
from involve_desktop.ui.widgets.typing_pause import after_typing

ANY = "Any"


class PeopleFilterBar(QWidget):
    filter_changed = Signal()

    def __init__(self, terms: PeopleTerms, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort = SortColumn.NAME
        self.descending = False
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Type a name, role or interest (Ctrl+F)")
        self.search.setAccessibleName(f"Search {terms.plural}")
        self.role = self._combo("Role")
        self.interest = self._combo("Interest")
        self.level = self._combo(
            "Level", [(level.label, level.value) for level in ParticipationLevel]
        )
        self.taking_part = self._combo(
            "Taking part", [(status.label, status.value) for status in TakingPart]
        )
        self.consent_due = QCheckBox(
            f"Consent review due (next {CONSENT_REVIEW_WARNING_DAYS} days or past)"
        )
        self.not_involved = QCheckBox("Not involved for over a year")
        self.archived = QCheckBox("Show the archive instead")
        self.clear_button = QPushButton("C&lear filters")

        search_row = labelled("&Search:", self.search)
        # The filters wrap onto more lines when the text is large or the window narrow.
        filters = flow_row(
            labelled("&Role:", self.role),
            labelled("I&nterest:", self.interest),  # I is the screen's &Import
            labelled("Le&vel:", self.level),
            labelled("&Taking part:", self.taking_part),
            self.consent_due,
            self.not_involved,
            self.archived,
            self.clear_button,
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(search_row)
        column.addWidget(filters)

        self.typing_timer = after_typing(self.search, self.filter_changed.emit)
        self.search.returnPressed.connect(self.apply_typing_now)
        for box in (self.role, self.interest, self.level, self.taking_part):
            box.currentIndexChanged.connect(lambda _index: self.filter_changed.emit())
        for check in (self.consent_due, self.not_involved, self.archived):
            check.toggled.connect(lambda _on: self.filter_changed.emit())
        self.clear_button.clicked.connect(self.clear)

    def _combo(self, name: str, items: list[tuple[str, str]] | None = None) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"Filter by {name.lower()}")
        box.addItem(ANY, "")
        for text, value in items or []:
            box.addItem(text, value)
        return box

    def set_options(self, roles: list[str], interests: list[str]) -> None:
        """Refill the role and interest lists, keeping what was chosen."""
        for box, names in ((self.role, roles), (self.interest, interests)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(ANY, "")
            for name in names:
                box.addItem(name, name)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    def apply_typing_now(self) -> None:
        if self.typing_timer.isActive():
            self.typing_timer.stop()
            self.filter_changed.emit()

    def current(self) -> PeopleFilter:
        level = self.level.currentData()
        status = self.taking_part.currentData()
        return PeopleFilter(
            text=self.search.text(),
            role=self.role.currentData() or "",
            interest=self.interest.currentData() or "",
            level=ParticipationLevel(level) if level else None,
            taking_part=TakingPart(status) if status else None,
            consent_review_due=self.consent_due.isChecked(),
            not_involved_for_a_year=self.not_involved.isChecked(),
            archived=self.archived.isChecked(),
            sort=self.sort,
            descending=self.descending,
        )

    def is_filtered(self) -> bool:
        everyone = PeopleFilter(sort=self.sort, descending=self.descending)
        return replace(self.current(), text=self.current().text.strip()) != everyone

    def clear(self) -> None:
        widgets = (
            self.search,
            self.role,
            self.interest,
            self.level,
            self.taking_part,
            self.consent_due,
            self.not_involved,
            self.archived,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for box in (self.role, self.interest, self.level, self.taking_part):
            box.setCurrentIndex(0)
        for check in (self.consent_due, self.not_involved, self.archived):
            check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.typing_timer.stop()
        self.filter_changed.emit()
