"""Merge two records of the same person: see both side by side, choose which to keep, and
read what will happen before anything changes."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError
from involve_desktop.services.people_merge import (
    MergeSide,
    describe_merge,
    merge_people,
    merge_sides,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.widgets.heading import heading

PLACES = ("left", "right")
NOT_RECORDED = "\u2014"  # an em dash: shown, and read out, as "not recorded"


class MergePeopleDialog(QDialog):
    """After a merge, `kept_id` names the record that stayed (None if nothing was merged)."""

    def __init__(
        self, ctx: AppContext, first_id: int, second_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kept_id: int | None = None
        # The older record comes first, and is the one offered to keep.
        self.sides = ops.query(ctx, merge_sides, first_id, second_id)
        terms = ctx.terms
        self.setWindowTitle(f"Merge two records of one {terms.singular}")

        intro = QLabel(
            f"Choose the record to keep. Everything in the other one moves to it, then the "
            f"other record is removed. The older record is chosen for you; choose the other "
            f"if it is the one this {terms.singular} is known by."
        )
        intro.setWordWrap(True)
        self.keep_buttons = QButtonGroup(self)
        columns = QHBoxLayout()
        for index, side in enumerate(self.sides):
            columns.addWidget(self._column(index, side))
        self.keep_buttons.button(0).setChecked(True)

        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setAccessibleName("What will happen")
        self.permission_label = QLabel()
        self.permission_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.setAccessibleName("Merge the two records")
        self.merge_button.clicked.connect(self.merge)
        self.cancel_button.clicked.connect(self.reject)
        # Enter must never start removing a record: the safe button is the default.
        self.merge_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Merge two records of one {terms.singular}"))
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addWidget(QLabel("<b>What will happen</b>"))
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.permission_label)
        layout.addWidget(buttons)
        self._allow_if_permitted()
        self.keep_buttons.idToggled.connect(lambda _id, checked: checked and self.show_outcome())
        self.show_outcome()
        self.keep_buttons.button(0).setFocus()

    def kept_and_removed(self) -> tuple[MergeSide, MergeSide]:
        keep = self.keep_buttons.checkedId()
        return self.sides[keep], self.sides[1 - keep]

    def record_names(self) -> tuple[str, str]:
        """How to name the kept and the removed record: by name, or by place when the two
        names are the same (the usual case for a duplicate)."""
        keep = self.keep_buttons.checkedId()
        kept, removed = self.sides[keep], self.sides[1 - keep]
        if kept.name.casefold() == removed.name.casefold():
            return f"the record on the {PLACES[keep]}", f"the record on the {PLACES[1 - keep]}"
        return f"{kept.name}\u2019s record", f"{removed.name}\u2019s record"

    def show_outcome(self) -> None:
        kept, removed = self.kept_and_removed()
        preview = ops.query(self.ctx, describe_merge, kept.person_id, removed.person_id)
        sentences = preview.sentences(*self.record_names())
        items = "".join(f"<li>{escape(sentence)}</li>" for sentence in sentences)
        self.outcome_label.setText(f"<ul style='margin-left: -20px'>{items}</ul>")
        self._fit_height()

    def merge(self) -> None:
        kept, removed = self.kept_and_removed()
        kept_words, removed_words = self.record_names()
        if not prompts.ask_yes_no(
            self,
            "Merge these records?",
            f"{removed_words[:1].upper()}{removed_words[1:]} will be removed once everything "
            f"in it has moved to {kept_words}. This cannot be undone.",
            "Merge",
        ):
            return
        try:
            ops.change(
                self.ctx,
                "people",
                merge_people,
                self.ctx.actor,
                keep_id=kept.person_id,
                merge_id=removed.person_id,
            )
        except KnownError as problem:  # not allowed, or changed in another window meanwhile
            prompts.show_problem(self, "Merge two records", problem.message)
            return
        self.kept_id = kept.person_id
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # Wrapped words need more height at a given width than the layout's minimum says;
        # without this the columns are squeezed and their last rows cut off.
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if self.isVisible() and self.height() < needed:
            self.resize(self.width(), needed)

    def _column(self, index: int, side: MergeSide) -> QGroupBox:
        box = QGroupBox(side.name)
        keep = QRadioButton(f"Keep the record on the &{PLACES[index]}")
        added = long_date(side.added_on)
        keep.setAccessibleName(f"Keep {side.name}\u2019s record, added on {added}")
        self.keep_buttons.addButton(keep, index)
        form = QFormLayout()
        # One item a line: word-wrapped labels in a form get clipped when the box is narrow.
        roles = "\n".join(side.roles)
        linked = "\n".join(f"{item.count:,} {item.label}" for item in side.linked)
        for label, value in (
            ("Date of birth", long_date(side.date_of_birth) if side.date_of_birth else ""),
            ("Email", side.email),
            ("Phone", side.phone),
            ("Roles", roles),
            ("Participation level", side.level.label),
            ("Joined", long_date(side.joined_on)),
            ("Last involved", long_date(side.last_involved_on) if side.last_involved_on else ""),
            ("Added to the register", added + (" (archived)" if side.archived else "")),
            ("Linked records", linked or "None"),
        ):
            shown = QLabel(value or NOT_RECORDED)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setAccessibleName(f"{label}: {value or 'not recorded'}")
            form.addRow(f"{label}:", shown)
        column = QVBoxLayout(box)
        column.addWidget(keep)
        column.addLayout(form)
        return box

    def _allow_if_permitted(self) -> None:
        actor = self.ctx.actor
        allowed = actor is not None and can(actor.role, Permission.DELETE_PEOPLE)
        self.merge_button.setEnabled(allowed)
        self.permission_label.setVisible(not allowed)
        if not allowed:
            role = actor.role.label.lower() if actor is not None else "unknown"
            self.permission_label.setText(
                f"\u26a0 Your role ({role}) does not allow merging, because merging removes "
                "a record. Please ask an administrator."
            )
