"""Tab 1, "Who took part": when the evaluation was held, who took part (in words, and people
from the register), and whether the people the charity serves were involved in it, and how.
The charity's own word for them is used throughout ("Were members involved…")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.dates import NotADate
from involve_desktop.domain.evaluation_rules import SERVED_INVOLVED, WHO_TOOK_PART
from involve_desktop.domain.learning_cycle import ServedInvolved
from involve_desktop.services.evaluation_records import EvaluationRecord
from involve_desktop.ui.screens.evaluation.evaluation_tab import (
    EvaluationTab,
    answer_box,
    make_read_only,
)
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.people_finder import EnterKey, PeopleFinder

NOT_ANSWERED = "Not answered yet"
HELD_ON = "held_on"
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1


# Letters no other control on this tab, the editor, the screen or the menus uses for Alt.
FREE_LETTERS = "bjmpqxz"


def with_free_letter(text: str) -> str:
    """The text with an Alt+letter on its first free letter, if it has one (the charity's
    own word for people varies, so the letter cannot be fixed in advance)."""
    for position, letter in enumerate(text):
        if letter.lower() in FREE_LETTERS:
            return f"{text[:position]}&{text[position:]}"
    return text


class WhoTookPartTab(EvaluationTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        terms = ctx.terms
        self.form = FormSection()
        # A long question (the charity's word for people can be long) goes above its answer
        # rather than pushing the answer past the window's edge with a large font.
        self.form.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.held_on = DateField()
        self.who_took_part = answer_box("Who took part", lines=3)
        self.who_took_part.setPlaceholderText("Staff, trustees, partners: in words")
        self.finder = PeopleFinder(ctx, added_as="to those who took part")
        # The finder's own "&Find" would share Alt+F with the File menu on this screen.
        for label in self.finder.findChildren(QLabel):
            if label.buddy() is self.finder.search:
                label.setText(f"Sear&ch the register for {terms.plural} who took part:")
        # A handful of matches is enough: the person wanted is found by typing more.
        self.finder.results.setMaximumHeight(self.finder.results.fontMetrics().lineSpacing() * 6)
        self.people = QListWidget()
        self.people.setAccessibleName(f"{terms.plural_title} from the register who took part")
        self.people.setMaximumHeight(self.people.fontMetrics().lineSpacing() * 7)
        self.remove_person = QPushButton("Remove from the list")
        self.remove_person.setAccessibleName(f"Remove the chosen {terms.singular} from the list")
        self.no_people = QLabel(f"No {terms.plural} from the register listed yet.")
        self.served = QComboBox()
        self.served.addItem(NOT_ANSWERED, None)
        for choice in ServedInvolved:
            self.served.addItem(choice.label, choice.value)
        self.served_how = answer_box("How they were involved", lines=3)

        self.form.add_row(HELD_ON, "&Date it was held:", self.held_on)
        self.form.add_row(WHO_TOOK_PART, "Who too&k part:", self.who_took_part)
        people_box = QWidget()
        people_column = QVBoxLayout(people_box)
        people_column.setContentsMargins(0, 0, 0, 0)
        people_column.addWidget(self.finder)
        listed = QLabel(f"{terms.plural_title} from the register who took part:")
        listed.setBuddy(self.people)
        people_column.addWidget(listed)
        people_column.addWidget(self.people)
        people_column.addWidget(self.no_people)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_person)
        remove_row.addStretch(1)
        people_column.addLayout(remove_row)
        people_label = QLabel(f"{terms.plural_title}:")
        people_label.setBuddy(self.finder.search)
        self.form.form.addRow(people_label, people_box)
        self.form.add_row(
            SERVED_INVOLVED,
            with_free_letter(f"Were {terms.plural} involved in the evaluation?"),
            self.served,
        )
        self.form.add_row("served_involved_how", "How were they involved?", self.served_how)
        self.column.addWidget(self.form)
        for label in self.form.findChildren(QLabel):  # long with a large font or a long word
            label.setWordWrap(True)

        self.watch(self.held_on, self.who_took_part, self.served, self.served_how)
        self.finder.chosen.connect(self.add_person)
        self.remove_person.clicked.connect(self.remove_chosen)
        EnterKey(self.people, self.remove_chosen)
        self.people.itemSelectionChanged.connect(self._people_changed)
        self._people_changed()

    # --- the people from the register ------------------------------------------------

    def add_person(self, person_id: int, name: str) -> None:
        if self.read_only:
            return
        if person_id not in self.person_ids():
            item = QListWidgetItem(name)
            item.setData(PERSON_ID_ROLE, person_id)
            self.people.addItem(item)
            self.people.sortItems()
            self.notify_changed()
        self._people_changed()

    def remove_chosen(self) -> None:
        row = self.people.currentRow()
        if self.read_only or row < 0:
            return
        self.people.takeItem(row)
        self.notify_changed()
        self._people_changed()
        (self.people if self.people.count() else self.finder.search).setFocus()

    def person_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.people.item(row).data(PERSON_ID_ROLE)) for row in range(self.people.count())
        )

    def _people_changed(self) -> None:
        self.finder.already_listed = set(self.person_ids())
        self.no_people.setVisible(self.people.count() == 0)
        self.people.setVisible(self.people.count() > 0)
        self.remove_person.setEnabled(not self.read_only and self.people.currentRow() >= 0)
        self.remove_person.setVisible(not self.read_only and self.people.count() > 0)

    # --- the tab ---------------------------------------------------------------------

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        details = record.details
        self.held_on.set_date(details.held_on)
        self.who_took_part.setPlainText(details.who_took_part)
        self.people.clear()
        for person in record.people:
            item = QListWidgetItem(person.name)
            item.setData(PERSON_ID_ROLE, person.id)
            self.people.addItem(item)
        served = details.served_involved.value if details.served_involved else None
        self.served.setCurrentIndex(max(self.served.findData(served), 0))
        self.served_how.setPlainText(details.served_involved_how)
        self.form.show_errors({})
        self._people_changed()

    def held_on_date(self) -> date | None:
        """The date typed; raises NotADate, whose message is shown at the field."""
        return self.held_on.date()

    def show_date_problem(self) -> bool:
        try:
            self.held_on.date()
        except NotADate as problem:
            self.form.errors[HELD_ON].show_message(str(problem))
            return True
        self.form.errors[HELD_ON].show_message("")
        return False

    def served_involved(self) -> ServedInvolved | None:
        value = self.served.currentData()
        return ServedInvolved(value) if value else None

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        make_read_only([self.held_on, self.who_took_part, self.served, self.served_how], read_only)
        self.finder.setVisible(not read_only)
        self._people_changed()

    def field_for(self, key: str) -> QWidget | None:
        return {
            WHO_TOOK_PART: self.who_took_part,
            SERVED_INVOLVED: self.served,
            HELD_ON: self.held_on,
        }.get(key)
