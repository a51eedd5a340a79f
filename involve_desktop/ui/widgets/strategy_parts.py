"""The pieces around the strategy's form: how each version is named in the list, the notice
that the current version is due for review, and the page shown before there is a strategy.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import StrategyStatus
from involve_desktop.domain.plan_records import StrategyRecord, period_text
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.strategy import replaced_on
from involve_desktop.ui.widgets.heading import heading

SEPARATOR = " \u00b7 "


def version_label(record: StrategyRecord, records: list[StrategyRecord]) -> str:
    """'Version 3 · Current · 1 April 2026 to 31 March 2029', 'Version 2 · Replaced on
    1 April 2026', 'Version 4 · Draft'."""
    parts = [f"Version {record.version}", record.status.label]
    if record.status is StrategyStatus.CURRENT:
        parts.append(period_text(record.details.period_start, record.details.period_end))
    elif record.status is StrategyStatus.PAST:
        day = replaced_on(record, records)
        parts[-1] = f"Replaced on {long_date(day)}" if day else "Replaced"
    return SEPARATOR.join(parts)


def version_note(record: StrategyRecord, records: list[StrategyRecord]) -> str:
    """The line under the version list: what this version is and what can be done with it."""
    if record.status is StrategyStatus.PAST:
        day = replaced_on(record, records)
        replaced = f"Replaced on {long_date(day)}" if day else "Replaced"
        return f"{replaced}{SEPARATOR}kept as it was"
    if record.status is StrategyStatus.CURRENT:
        since = f" since {long_date(record.made_current_on)}" if record.made_current_on else ""
        return (
            f"The current strategy{since}. Its action plan is the one in use; a change of "
            "substance is best made in a new version."
        )
    return (
        "A draft, not in use yet. Once it has been approved, record who approved it and "
        "when, then make it current."
    )


def unfinished_words(count: int) -> str:
    return "1 unfinished action" if count == 1 else f"{count} unfinished actions"


class ReviewBanner(QFrame):
    """Says, with a warning sign and in words, that the current version is due for review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel()
        size = self.fontMetrics().height() * 2
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAccessibleName("Warning")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Review due")
        # No mnemonic: the tab's own New version button has it; this one is reached by Tab.
        self.button = QPushButton("Start a new version\u2026")
        row = QHBoxLayout(self)
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    def show_flag(self, flag: str, draft_version: int | None) -> None:
        """`flag` from services.strategy.review_flag ('' hides the banner). With a draft
        already started, the button opens it rather than offering another."""
        self.text.setText(f"<b>Time to review the strategy.</b> {flag}" if flag else "")
        self.button.setText(
            f"Show the draft (version {draft_version})"
            if draft_version is not None
            else "Start a new version\u2026"
        )
        self.setVisible(bool(flag))


class NoStrategyYet(QWidget):
    """Before the first strategy: what one is for, and a button to start writing it."""

    def __init__(self, terms: PeopleTerms, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setMaximumWidth(self.fontMetrics().averageCharWidth() * 90)
        # No mnemonic: the form (hidden here) uses the letters; this button has the focus.
        self.write_button = QPushButton("Write our strategy")
        self.write_button.setDefault(True)
        button_row = QHBoxLayout()
        button_row.addWidget(self.write_button)
        button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("No strategy yet"))
        layout.addWidget(self.explanation)
        layout.addLayout(button_row)
        layout.addStretch(1)
        self.set_terms(terms)

    def set_terms(self, terms: PeopleTerms) -> None:
        self.explanation.setText(
            f"<p>The strategy is our own statement of <b>why</b> we involve {terms.plural} "
            "and <b>what</b> we want that to achieve: our purpose and principles, who "
            "benefits, how much power we are willing to share, and the time and money we "
            "give it.</p>"
            "<p>The action plan then says <b>who</b> does what, <b>how</b>, <b>where</b> and "
            "<b>when</b>. Each year's evaluation looks back at both.</p>"
            f"<p>Write it with {terms.plural}, have it approved (by the trustees, say), then "
            "make it current. We suggest a first version running three years from the start "
            "of this financial year; change anything you like before you save.</p>"
        )
