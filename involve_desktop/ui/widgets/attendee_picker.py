"""Who took part in an activity: people found on the register, each with their role in this
activity and whether they came.

The list is kept here until the activity is saved: the editor saves it with the activity in
one go, so Cancel leaves everything as it was. People since deleted from the register stay
listed as "Someone no longer on the register" and are still counted, so the activity keeps
its numbers; they cannot be changed or removed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.activities import ATTENDEE_ROLES, Attendance
from involve_desktop.domain.activity_record import AttendanceChanges, AttendeeLine
from involve_desktop.services.attendance import Attendee
from involve_desktop.ui.widgets.people_finder import EnterKey, PeopleFinder
from involve_desktop.ui.widgets.records_model import (
    Column,
    Index,
    RecordsTableModel,
    records_table,
    size_columns_to,
)

EDIT = Qt.ItemDataRole.EditRole
KEPT_TIP = "Deleted from the register since; kept here so the activity's numbers stay right."


def _kept_tip(line: AttendeeLine) -> str:
    return KEPT_TIP if line.person_id is None else ""


class AttendeeTableModel(RecordsTableModel[AttendeeLine]):
    """The people listed, editable in place: their role and their attendance."""

    PERSON, ROLE, ATTENDANCE = range(3)

    edited = Signal()

    def __init__(self) -> None:
        super().__init__(
            (
                Column("Name", lambda line: line.name, _kept_tip),
                Column("Role in this activity", lambda line: line.role, _kept_tip),
                Column("Attendance", lambda line: line.status.label, _kept_tip),
            )
        )

    def row_of(self, person_id: int) -> int:
        for row, line in enumerate(self.records):
            if line.person_id == person_id:
                return row
        return -1

    def add(self, person_id: int, name: str) -> int:
        """List someone as invited (once); returns their row."""
        row = self.row_of(person_id)
        if row >= 0:
            return row
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(AttendeeLine(person_id, name))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, rows: list[int]) -> None:
        """Take people off the list; those no longer on the register stay."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.records) and self.records[row].person_id is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.records[row]
                self.endRemoveRows()
                self.edited.emit()

    def set_status(self, rows: list[int], status: Attendance) -> None:
        for row in rows:
            self.setData(self.index(row, self.ATTENDANCE), status.value, EDIT)

    def flags(self, index: Index) -> Qt.ItemFlag:
        line = self.record_at(index.row()) if index.isValid() else None
        if line is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if line.person_id is not None and index.column() in (self.ROLE, self.ATTENDANCE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        line = self.record_at(index.row()) if index.isValid() else None
        if line is not None and role == EDIT and 0 <= index.column() < len(self.columns):
            return (line.name, line.role, line.status.value)[index.column()]
        if line is not None and role == Qt.ItemDataRole.FontRole and line.person_id is None:
            font = QFont()
            font.setItalic(True)  # with the words "no longer on the register", not instead
            return font
        return super().data(index, role)

    def setData(self, index: Index, value: object, role: int = EDIT) -> bool:
        if role != EDIT or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        line = self.records[index.row()]
        if index.column() == self.ROLE:
            changed = replace(line, role=" ".join(str(value).split()))
        else:
            try:
                changed = replace(line, status=Attendance(str(value)))
            except ValueError:
                return False
        if changed != line:
            self.records[index.row()] = changed
            self.dataChanged.emit(index, index)
            self.edited.emit()
        return True


class AttendeeDelegate(QStyledItemDelegate):
    """Drop-down lists in the table: roles (any words allowed) and attendance."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        if index.column() == AttendeeTableModel.ROLE:
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItems(ATTENDEE_ROLES)
            box.setAccessibleName("Role in this activity")
        else:
            for status in Attendance:
                box.addItem(status.label, status.value)
            box.setAccessibleName("Attendance")
            box.activated.connect(lambda _index: self.commitData.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = str(index.data(EDIT) or "")
        if index.column() == AttendeeTableModel.ROLE:
            editor.setCurrentText(value)
        else:
            editor.setCurrentIndex(max(editor.findData(value), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if index.column() == AttendeeTableModel.ROLE:
            model.setData(index, editor.currentText(), EDIT)
        else:
            model.setData(index, editor.currentData(), EDIT)


class AttendeePicker(QWidget):
    """The "Who took part" tab. `changed` follows every edit the user makes."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original: dict[int, AttendeeLine] = {}
        self.finder = PeopleFinder(ctx)
        self.model = AttendeeTableModel()
        self.table = records_table(self.model, f"{ctx.terms.plural_title} listed for this activity")
        self.table.setItemDelegate(AttendeeDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # Room for the combo box's arrow in the role column.
        size_columns_to(self.table, ("Chidera Okafor-Smith (Chi)", "Role in this activity"), 30)
        listed = QLabel("&Listed for this activity (Enter or F2 changes a cell):")
        listed.setBuddy(self.table)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Who took part, in numbers")

        self.remove_button = QPushButton("&Remove from the list")
        self.mark_buttons = {
            Attendance.ATTENDED: QPushButton("A&ttended"),
            Attendance.APOLOGIES: QPushButton("Sent a&pologies"),
            Attendance.DID_NOT_ATTEND: QPushButton("Did &not attend"),
            Attendance.INVITED: QPushButton("In&vited"),
        }
        marks = QHBoxLayout()
        marks.addWidget(QLabel("Mark selected as:"))
        for status, button in self.mark_buttons.items():
            button.setAccessibleName(f"Mark selected as {status.label.lower()}")
            button.clicked.connect(lambda _on=False, chosen=status: self.mark_selected(chosen))
            marks.addWidget(button)
        marks.addStretch(1)
        marks.addWidget(self.remove_button)

        right = QVBoxLayout()
        right.addWidget(listed)
        right.addWidget(self.table, 1)
        right.addLayout(marks)
        right.addWidget(self.summary)
        body = QHBoxLayout(self)
        body.addWidget(self.finder, 2)
        body.addLayout(right, 5)

        self.finder.chosen.connect(self.add_person)
        self.model.edited.connect(self._edited)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.remove_selected)
        EnterKey(self.table, self._edit_current)
        self._update_buttons()

    # --- the list ------------------------------------------------------------------------

    def load(self, attendees: list[Attendee]) -> None:
        lines = [AttendeeLine(a.person_id, a.name, a.role, a.status) for a in attendees]
        self.original = {line.person_id: line for line in lines if line.person_id is not None}
        self.model.set_records(lines)
        self._edited(user=False)

    def lines(self) -> list[AttendeeLine]:
        return list(self.model.records)

    def changes(self) -> AttendanceChanges:
        """What has changed since `load`, for the editor to save with the activity."""
        now = {line.person_id: line for line in self.model.records if line.person_id is not None}
        return AttendanceChanges(
            to_set=tuple(line for pid, line in now.items() if self.original.get(pid) != line),
            to_remove=tuple(pid for pid in self.original if pid not in now),
        )

    def all_still_invited(self) -> bool:
        """People are listed and nobody's attendance has been recorded."""
        statuses = {line.status for line in self.model.records}
        return statuses == {Attendance.INVITED}

    def add_person(self, person_id: int, name: str) -> None:
        row = self.model.add(person_id, name)
        self.table.selectRow(row)
        self.finder.search.setFocus()
        self.finder.search.selectAll()

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def mark_selected(self, status: Attendance) -> None:
        self.model.set_status(self.selected_rows(), status)

    def remove_selected(self) -> None:
        self.model.remove(self.selected_rows())

    def ask_for_attendance(self) -> None:
        """Select everyone so one click marks them, and put the keyboard on the list."""
        self.table.selectAll()
        self.table.setFocus()

    def _edit_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            column = current.column() if current.column() else AttendeeTableModel.ATTENDANCE
            self.table.edit(current.siblingAtColumn(column))

    def _edited(self, user: bool = True) -> None:
        listed = set(self._listed_ids())
        if listed != self.finder.already_listed:
            self.finder.already_listed = listed
            self.finder.find()
        self.summary.setText(self._summary())
        self._update_buttons()
        if user:
            self.changed.emit()

    def _listed_ids(self) -> list[int]:
        return [line.person_id for line in self.model.records if line.person_id is not None]

    def _summary(self) -> str:
        lines = self.model.records
        if not lines:
            return f"No {self.ctx.terms.plural} listed yet."
        counts = [
            f"{sum(line.status is status for line in lines)} {status.label.lower()}"
            for status in Attendance
            if any(line.status is status for line in lines)
        ]
        gone = sum(line.person_id is None for line in lines)
        kept = f" ({gone} no longer on the register, still counted)" if gone else ""
        return f"{self.ctx.terms.count(len(lines))} listed{kept}: " + ", ".join(counts) + "."

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        editable = [row for row in rows if self.model.records[row].person_id is not None]
        self.remove_button.setEnabled(bool(editable))
        for button in self.mark_buttons.values():
            button.setEnabled(bool(editable))
