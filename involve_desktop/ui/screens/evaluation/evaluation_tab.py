"""What every tab of the evaluation editor shares: a scrolling page, the inputs for an
answer (a box of text, a four-step rating said in words and as "2 of 4"), and the calls
the editor makes on each tab (load, read back, read-only, go to a question)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.evaluation_rules import Answer
from involve_desktop.domain.learning_cycle import QuestionRating, StandardRating
from involve_desktop.services.evaluation_records import EvaluationRecord
from involve_desktop.ui.text_size import set_relative_size
from involve_desktop.ui.widgets.person_sections import text_box

NOT_RATED = "Not rated yet"
ANSWER_LINES = 4


def rating_words(rating: QuestionRating | StandardRating) -> str:
    """'Developing (3 of 4)': the step in words and in numbers, never by colour alone."""
    return f"{rating.label} ({rating.step} of {len(type(rating))})"


def answer_box(spoken: str, lines: int = ANSWER_LINES) -> QPlainTextEdit:
    box = text_box(lines)
    box.setAccessibleName(spoken)
    return box


def rating_combo(scale: type[QuestionRating] | type[StandardRating], spoken: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(NOT_RATED, "")
    for rating in scale:
        combo.addItem(rating_words(rating), rating.value)
    combo.setAccessibleName(spoken)
    return combo


def set_rating(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def bold_label(text: str, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    if scale != 1.0:
        set_relative_size(label, scale)
    return label


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setItalic(True)
    label.setFont(font)
    return label


class FrozenChoice(QObject):
    """Keeps a combo box from changing while leaving it in the Tab order and readable, as a
    read-only text box is (a disabled one is skipped by Tab and greyed out)."""

    PASSED = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return True
        if kind == QEvent.Type.Wheel:
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return event.key() not in self.PASSED
        return False


def make_read_only(widgets: list[QWidget], read_only: bool) -> None:
    """Text stays readable and selectable; a choice stays readable and cannot change."""
    for widget in widgets:
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setReadOnly(read_only)
        elif isinstance(widget, QComboBox):
            frozen = widget.findChild(FrozenChoice)
            if read_only and frozen is None:
                widget.installEventFilter(FrozenChoice(widget))
            elif not read_only and frozen is not None:
                widget.removeEventFilter(frozen)
                frozen.deleteLater()
                frozen.setParent(None)
            widget.setProperty("read_only", read_only)
        else:
            widget.setEnabled(not read_only)


def is_read_only(widget: QWidget) -> bool:
    """Whether `make_read_only` made this input read-only."""
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return bool(widget.property("read_only"))
    return not widget.isEnabled()


class EvaluationTab(QScrollArea):
    """One tab's page. Subclasses put their rows in `self.column` and connect their inputs'
    change signals to `notify_changed`."""

    changed = Signal()

    def __init__(self, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Neither the scrolling page nor its background is an input: Tab goes straight from
        # the tab bar to the first question, with no nameless stop between.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page = QWidget()
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.column = QVBoxLayout(page)
        self.setWidget(page)
        if intro:  # what the tab asks for, above its questions
            self.column.addWidget(hint_label(intro))
        self.loading = False
        self.read_only = False

    def notify_changed(self, *_args: object) -> None:
        if not self.loading:
            self.changed.emit()

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self.notify_changed)
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(self.notify_changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.notify_changed)

    def load(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        self.loading = True
        try:
            self.fill(record, last_year)
        finally:
            self.loading = False

    def fill(self, record: EvaluationRecord, last_year: dict[str, str] | None) -> None:
        """Put the saved evaluation into this tab's inputs."""

    def answers(self) -> dict[str, Answer]:
        """This tab's answers by question key (an empty dict for tabs without questions)."""
        return {}

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only

    def field_for(self, key: str) -> QWidget | None:
        """The input where the question `key` is answered, if it is on this tab."""
        return None

    def go_to(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget)
        widget.setFocus()
