"""The documents a charity hands to trustees and funders, one row each: a tick for the pack,
what the document holds in plain words (as the pack's contents page says it), why it cannot
be made yet (in words, not colour), and its own "Save as PDF…" button. Under them, "Make the
pack…" for the ticked ones.

The ticks are the user's: a document that cannot be made for the chosen year is shown
unticked, and ticked again when it can be, if the user had it ticked.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.services.report_documents import PACK_KINDS, DocumentKind, PackChoice

TITLE = "Documents for trustees and funders"
NOTHING_TICKED = "Tick at least one document above to make a pack."
# The letter underlined in each tick box's name (Alt+letter ticks it); none clash with the
# screen's other controls or the menus.
MNEMONIC_LETTERS = {
    DocumentKind.ANNUAL_REPORT: "A",
    DocumentKind.STRATEGY: "S",
    DocumentKind.ACTION_PLAN: "t",
    DocumentKind.EVALUATION: "v",
    DocumentKind.CLAIM_FORM: "C",
}


def with_mnemonic(text: str, letter: str) -> str:
    """`text` with `letter` (its first occurrence, case as given) marked for Alt+letter."""
    text = text.replace("&", "&&")
    place = text.find(letter)
    return text if place < 0 else f"{text[:place]}&{text[place:]}"


class DocumentRow:
    """One document's tick box, description, reason and button, placed in the grid."""

    def __init__(self, kind: DocumentKind) -> None:
        self.kind = kind
        label = kind.label
        self.tick = QCheckBox(with_mnemonic(label, MNEMONIC_LETTERS.get(kind, "")))
        self.tick.setAccessibleName(f"Put the {label.lower()} in the pack")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setAccessibleName(f"About the {label.lower()}")
        self.why_not = QLabel()
        self.why_not.setWordWrap(True)
        self.why_not.setAccessibleName(f"Why the {label.lower()} cannot be made")
        self.why_not.setVisible(False)
        self.save_button = QPushButton("Save as PDF\u2026")
        self.save_button.setAccessibleName(f"Save the {label.lower()} as a PDF")
        self.available = True

    def show_choice(self, choice: PackChoice, wanted: bool) -> None:
        self.available = choice.available
        self.about.setText(choice.description)
        self.tick.blockSignals(True)
        self.tick.setChecked(choice.available and wanted)
        self.tick.blockSignals(False)
        self.tick.setEnabled(choice.available)
        self.save_button.setEnabled(choice.available)
        reason = "" if choice.available else choice.why_not
        self.why_not.setText(f"\u26a0 Cannot be made: {reason}" if reason else "")
        self.why_not.setVisible(bool(reason))
        self.save_button.setToolTip(reason)
        self.tick.setToolTip(reason)
        self.save_button.setAccessibleDescription(reason)
        self.tick.setAccessibleDescription(reason)


class PackSection(QGroupBox):
    """`save_requested(kind)` for one document; `pack_requested(kinds)` for the ticked ones,
    in print order; `ticks_changed(kinds)` when the user ticks or unticks one."""

    save_requested = Signal(object)
    pack_requested = Signal(object)
    ticks_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.wanted: set[DocumentKind] = set(PACK_KINDS)
        self.rows = {kind: DocumentRow(kind) for kind in PACK_KINDS}
        grid = QGridLayout()
        for number, row in enumerate(self.rows.values()):
            # Why it cannot be made goes on a line of its own under what it holds.
            grid.addWidget(row.tick, 2 * number, 0)
            grid.addWidget(row.about, 2 * number, 1)
            grid.addWidget(row.save_button, 2 * number, 2)
            grid.addWidget(row.why_not, 2 * number + 1, 1)
            row.tick.toggled.connect(lambda on, kind=row.kind: self._ticked(kind, on))
            row.save_button.clicked.connect(
                lambda _checked=False, kind=row.kind: self.save_requested.emit(kind)
            )
        grid.setColumnStretch(1, 1)
        self.pack_button = QPushButton("&Make the pack\u2026")
        self.pack_button.setAccessibleName("Make one PDF of the ticked documents")
        self.pack_about = QLabel(
            "The pack is one PDF of the ticked documents, with a cover, a contents page and "
            "bookmarks to each."
        )
        self.pack_about.setWordWrap(True)
        self.pack_reason = QLabel()
        self.pack_reason.setWordWrap(True)
        self.pack_reason.setAccessibleName("What the pack will hold")
        pack_row = QHBoxLayout()
        pack_row.addWidget(self.pack_button)
        pack_row.addWidget(self.pack_reason, 1)
        column = QVBoxLayout(self)
        column.addLayout(grid)
        column.addSpacing(6)
        column.addWidget(self.pack_about)
        column.addLayout(pack_row)
        self.pack_button.clicked.connect(self._make_pack)
        self._show_pack_button()

    def set_wanted(self, kinds: Iterable[DocumentKind]) -> None:
        """The documents the user wants in the pack (remembered between sessions)."""
        self.wanted = set(kinds)

    def show_choices(self, choices: Iterable[PackChoice]) -> None:
        for choice in choices:
            row = self.rows.get(choice.kind)
            if row is not None:
                row.show_choice(choice, choice.kind in self.wanted)
        self._show_pack_button()

    def ticked(self) -> tuple[DocumentKind, ...]:
        return tuple(kind for kind, row in self.rows.items() if row.tick.isChecked())

    def _ticked(self, kind: DocumentKind, on: bool) -> None:
        if on:
            self.wanted.add(kind)
        else:
            self.wanted.discard(kind)
        self._show_pack_button()
        self.ticks_changed.emit(frozenset(self.wanted))

    def _show_pack_button(self) -> None:
        ticked = self.ticked()
        self.pack_button.setEnabled(bool(ticked))
        reason = "" if ticked else NOTHING_TICKED
        self.pack_reason.setText(reason)
        self.pack_button.setToolTip(reason)
        self.pack_button.setAccessibleDescription(reason)
        if ticked:
            names = ", ".join(self.rows[kind].kind.label.lower() for kind in ticked)
            self.pack_reason.setText(f"It will hold: {names}.")

    def _make_pack(self) -> None:
        ticked = self.ticked()
        if ticked:
            self.pack_requested.emit(ticked)
