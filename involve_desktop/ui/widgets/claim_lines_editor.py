"""A claim's lines with everything around them: adding and removing lines from the keyboard,
the receipts of the line in hand, the totals, and what needs putting right, in words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import MAX_RECEIPT_TEXT, LineKind, Receipt
from involve_desktop.domain.money import format_pence
from involve_desktop.errors import KnownError
from involve_desktop.services.claims import read_receipt_file, receipt_content
from involve_desktop.services.export_files import save_atomically
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.colours import error_style
from involve_desktop.ui.save_folder import remember_folder, remembered_folder
from involve_desktop.ui.widgets.cell_edits import commit_cell_edits
from involve_desktop.ui.widgets.claim_lines_table import (
    EDIT,
    WARNING,
    ClaimLinesModel,
    Col,
    PolicyBook,
)
from involve_desktop.ui.widgets.people_finder import EnterKey
from involve_desktop.ui.widgets.records_model import Index, records_table, size_columns_to
from involve_desktop.ui.widgets.tab_out import CtrlTabLeaves

RECEIPT_FILTER = "Receipts (*.pdf *.png *.jpg *.jpeg *.gif);;All files (*)"
COLUMN_SAMPLES = (
    "Mileage",
    "30/12/2026",
    "Interview panel",
    "Support worker",
    "12.5 sessions",
    "£150.00",
    "£1,234.50",
    "Receipts",
)
KEYS_HINT = (
    "Type to change a cell; Tab moves across; Insert or Ctrl+Enter adds a line; Delete "
    "removes the line in hand; Ctrl+Tab leaves the table."
)


def kilobytes(size: int) -> str:
    return f"{max(1, round(size / 1024)):,} KB"


class ClaimLineDelegate(QStyledItemDelegate):
    """Lists for the kind, the activity and what the line is for; plain text for the rest."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        header = str(model.headerData(index.column(), Qt.Orientation.Horizontal))
        if index.column() in (Col.KIND, Col.ACTIVITY, Col.WHAT):
            assert isinstance(model, ClaimLinesModel)
            box = QComboBox(parent)
            for shown, value in model.choices(index):
                box.addItem(shown, value)
            box.setAccessibleName(f"{header}, line {index.row() + 1}")
            box.activated.connect(lambda _chosen: self.commitData.emit(box))
            return box
        edit = QLineEdit(parent)
        edit.setAccessibleName(f"{header}, line {index.row() + 1}")
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(EDIT)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EDIT)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), EDIT)


class ClaimLinesEditor(QWidget):
    """`changed` follows every change the user makes to the lines or their receipts."""

    changed = Signal()

    def __init__(self, ctx: AppContext, policies: PolicyBook, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.general_problem = ""
        self.model = ClaimLinesModel(policies)
        self.table = self._make_table()
        title = QLabel("&Lines of the claim:")
        title.setBuddy(self.table)
        self.hint = QLabel(KEYS_HINT)
        self.hint.setWordWrap(True)
        self.add_button = QPushButton("&Add a line")
        self.add_button.setToolTip("Insert, or Ctrl+Enter")
        self.remove_button = QPushButton("&Remove line")
        self.remove_button.setToolTip("Delete")
        self.totals = QLabel()
        self.totals.setAccessibleName("Totals of the claim")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("What changed in the lines")
        self.notice.setVisible(False)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(error_style())
        self.problems.setAccessibleName("What needs correcting in the lines")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.totals)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.problems)
        layout.addLayout(self._receipts_strip())

        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_current)
        for keys in (
            QKeySequence(Qt.Key.Key_Insert),
            QKeySequence("Ctrl+Return"),
            QKeySequence("Ctrl+Enter"),
        ):
            shortcut = QShortcut(keys, self.table, activated=self.add_line)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove = QShortcut(
            QKeySequence.StandardKey.Delete, self.table, activated=self.remove_current
        )
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        EnterKey(self.table, self._edit_current)
        self.model.edited.connect(self._edited)
        self.model.dataChanged.connect(self._show_state)
        self.model.modelReset.connect(self._show_state)
        self.table.selectionModel().currentRowChanged.connect(self._show_receipts)
        self._show_state()

    def _make_table(self) -> QAbstractItemView:
        table = records_table(self.model, "Lines of the claim")
        table.setItemDelegate(ClaimLineDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(True)
        CtrlTabLeaves(table)  # as the hint says: Qt's own Ctrl+Tab moves on a cell
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        size_columns_to(table, COLUMN_SAMPLES, 24)  # room for a list's arrow
        # The activity and the check share what room is left, so the check is never scrolled
        # out of sight; its whole text is in the tooltip and listed under the table.
        for column in (Col.ACTIVITY, Col.CHECK):
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return table

    def _receipts_strip(self) -> QHBoxLayout:
        self.receipts_title = QLabel()
        self.receipts = QListWidget()
        self.receipts.setAccessibleName("Receipts of the line in hand")
        self.receipts.setMaximumHeight(self.fontMetrics().height() * 4)
        self.receipts_title.setBuddy(self.receipts)
        self.attach_button = QPushButton("Attac&h a receipt\u2026")
        self.attach_button.setToolTip(f"A photo or a PDF, up to {MAX_RECEIPT_TEXT}")
        self.copy_button = QPushButton("Save a &copy\u2026")
        self.drop_button = QPushButton("Remove r&eceipt")
        self.receipt_message = QLabel()
        self.receipt_message.setWordWrap(True)
        self.receipt_message.setAccessibleName("About the receipt")
        left = QVBoxLayout()
        left.addWidget(self.receipts_title)
        left.addWidget(self.receipts)
        right = QVBoxLayout()
        for button in (self.attach_button, self.copy_button, self.drop_button):
            right.addWidget(button)
        right.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(left)
        column.addWidget(self.receipt_message)
        strip = QHBoxLayout()
        strip.addLayout(column, 1)
        strip.addLayout(right)
        self.attach_button.clicked.connect(self.attach_receipt)
        self.copy_button.clicked.connect(self.save_receipt_copy)
        self.drop_button.clicked.connect(self.remove_receipt)
        self.receipts.currentRowChanged.connect(lambda _row: self._show_buttons())
        return strip

    # --- lines ---------------------------------------------------------------------------

    def current_row(self) -> int:
        current = self.table.currentIndex()
        return current.row() if current.isValid() else -1

    def go_to(self, row: int, column: int = Col.KIND) -> None:
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.scrollTo(index)
        self.table.setFocus()

    def add_line(self) -> None:
        if self.model.read_only:
            return
        commit_cell_edits(self)
        current = self.current_row()
        row = self.model.add_line(current if current >= 0 else None)
        self.go_to(row)

    def remove_current(self) -> None:
        row = self.current_row()
        if self.model.read_only or row < 0:
            return
        self.model.remove_rows([row])
        if self.model.records:
            self.go_to(min(row, len(self.model.records) - 1), self.table.currentIndex().column())
        self._show_receipts()

    def _edit_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid() and self.model.flags(current) & Qt.ItemFlag.ItemIsEditable:
            self.table.edit(current)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self.hint.setVisible(not read_only)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self._show_state()

    def bring_rates_up_to_date(self, wanted: bool = True) -> bool:
        """Give fee and mileage lines the policy's rates for their dates (when `wanted`) and
        say which changed, or clear what was said before; True if any changed."""
        updated = self.model.bring_rates_up_to_date() if wanted else []
        self.notice.setText(
            "Rates brought up to date with the payment policy: " + "; ".join(updated) + "."
            if updated
            else ""
        )
        self.notice.setVisible(bool(updated))
        return bool(updated)

    def show_problems(self, errors: dict[str, str]) -> bool:
        """The services' messages about lines, in the lines; focus the first. True if any."""
        self.general_problem = errors.get("lines", "")
        places = self.model.show_problems(errors)
        if places:
            self.go_to(*places[0])
        self._show_state()
        return bool(places or self.general_problem)

    def _edited(self) -> None:
        self.general_problem = ""
        self.changed.emit()

    def _show_state(self, *_args: object) -> None:
        sums = self.model.totals()
        self.totals.setText(
            f"Fees {format_pence(sums[LineKind.FEE])} \u00b7 "
            f"Mileage {format_pence(sums[LineKind.MILEAGE])} \u00b7 "
            f"Expenses {format_pence(sums[LineKind.EXPENSE])} \u00b7 "
            f"<b>Total {format_pence(sum(sums.values()))}</b>"
        )
        found = self.model.problem_texts() + (
            [self.general_problem] if self.general_problem else []
        )
        self.problems.setText("\n".join(WARNING + message for message in found))
        self.problems.setVisible(bool(found))
        self._show_receipts()

    # --- receipts ------------------------------------------------------------------------

    def _show_receipts(self, *_args: object) -> None:
        row = self.current_row()
        record = self.model.record_at(row)
        chosen = self.receipts.currentRow()
        self.receipts.clear()
        if record is None:
            self.receipts_title.setText("Receipts: choose a line to see or attach its receipts.")
        else:
            self.receipts_title.setText(
                f"Receipts for line {row + 1} (photos or PDFs, up to {MAX_RECEIPT_TEXT} each):"
            )
            for receipt in record.line.receipts:
                saved = "" if receipt.receipt_id is not None else " (not saved yet)"
                self.receipts.addItem(
                    f"{receipt.file_name}, {kilobytes(receipt.size_bytes)}{saved}"
                )
            self.receipts.setCurrentRow(min(max(chosen, 0), self.receipts.count() - 1))
        self._show_buttons()

    def _show_buttons(self) -> None:
        has_line = self.current_row() >= 0
        has_receipt = self.receipts.currentRow() >= 0
        self.remove_button.setEnabled(has_line)
        self.attach_button.setEnabled(has_line and not self.model.read_only)
        self.copy_button.setEnabled(has_receipt)
        self.drop_button.setEnabled(has_receipt and not self.model.read_only)

    def _receipt_in_hand(self) -> tuple[int, int, Receipt] | None:
        row, position = self.current_row(), self.receipts.currentRow()
        record = self.model.record_at(row)
        if record is None or not 0 <= position < len(record.line.receipts):
            return None
        return row, position, record.line.receipts[position]

    def attach_receipt(self) -> None:
        row = self.current_row()
        if row < 0 or self.model.read_only:
            return
        path = prompts.choose_open_file(
            self, f"Choose a receipt for line {row + 1}", RECEIPT_FILTER, Path.home()
        )
        if path is None:
            return
        try:
            receipt = read_receipt_file(path)
        except KnownError as problem:
            self.receipt_message.setText(WARNING + problem.message)
            return
        self.model.add_receipt(row, receipt)
        self.receipt_message.setText(
            f"Attached \u201c{receipt.file_name}\u201d to line {row + 1}. It is kept when the "
            "claim is saved."
        )
        self.go_to(row, self.table.currentIndex().column())
        self.receipts.setCurrentRow(self.receipts.count() - 1)

    def save_receipt_copy(self) -> None:
        chosen = self._receipt_in_hand()
        if chosen is None:
            return
        receipt = chosen[2]
        try:
            content = receipt.content
            if content is None and receipt.receipt_id is not None:
                content = ops.change(
                    self.ctx, "audit", receipt_content, self.ctx.actor, receipt.receipt_id
                ).content
            if content is None:
                return
            suffix = Path(receipt.file_name).suffix or ".pdf"
            path = prompts.choose_save_file(
                self,
                "Save a copy of the receipt",
                f"Receipt (*{suffix})",
                remembered_folder(self.ctx) / receipt.file_name,
            )
            if path is None:
                return
            save_atomically(path, lambda temporary: temporary.write_bytes(content))
            # Only once saved: a folder that could not be written in is not offered again.
            remember_folder(self.ctx, path)
        except KnownError as problem:
            self.receipt_message.setText(WARNING + problem.message)
            return
        self.receipt_message.setText(f"Saved a copy as \u201c{path.name}\u201d.")

    def remove_receipt(self) -> None:
        chosen = self._receipt_in_hand()
        if chosen is None or self.model.read_only:
            return
        row, position, receipt = chosen
        self.model.remove_receipt(row, position)
        self.receipt_message.setText(
            f"Removed \u201c{receipt.file_name}\u201d from line {row + 1}. It goes from the "
            "records when the claim is saved."
        )
