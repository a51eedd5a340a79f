"""Add or edit one involvement activity: its details, who took part, and its impact.

The details and who took part are saved together when the user presses Save, in one unit of
work, so Cancel leaves the activity exactly as it was. Impact records are kept by their own
panel, each saved as it is made, and need a saved activity. Saving a past activity whose
people are all still "invited" asks first whether to record who attended.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.activities import ActivityList
from involve_desktop.domain.activity_record import ActivityDetails
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.activities import activity_options, load_activity
from involve_desktop.services.attendance import attendees, save_activity_and_attendance
from involve_desktop.services.staff import list_staff
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.record_dialog import RecordDialog, not_saved_message
from involve_desktop.ui.widgets.activity_details import ActivityDetailsSection
from involve_desktop.ui.widgets.attendee_picker import AttendeePicker

DETAILS_TAB, PEOPLE_TAB, IMPACT_TAB = range(3)
WARNING_MARK = "\u26a0 "
TAB_TITLES = ("&Details", "&Who took part", "Impa&ct")


class ActivityEditor(RecordDialog):
    """`saved(activity_id)` follows each save."""

    saved = Signal(int)
    what_is_edited = "this activity"

    def __init__(
        self,
        ctx: AppContext,
        activity_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        self.today = today or date.today()
        self.impact_panel: QWidget | None = None
        self.details = ActivityDetailsSection()
        self.people = AttendeePicker(ctx)
        self._build()
        self._load()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.details)
        self.impact_page = QWidget()
        self.impact_layout = QVBoxLayout(self.impact_page)
        self.tabs = QTabWidget()
        for page, title in zip((scroller, self.people, self.impact_page), TAB_TITLES, strict=True):
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self.button_bar())
        self.details.changed.connect(self._mark_dirty)
        self.people.changed.connect(self._mark_dirty)
        self.resize(900, 680)

    # --- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        original = None
        if self.activity_id is not None:
            original = ops.query(self.ctx, load_activity, self.activity_id)
        lead = original.lead_staff_id if original else self._signed_in_staff()
        self.details.set_choices(
            ops.query(self.ctx, activity_options, ActivityList.KIND),
            ops.query(self.ctx, activity_options, ActivityList.AREA),
            ops.query(self.ctx, list_staff),
            lead,
        )
        self.details.load(original, lead)
        listed = (
            [] if self.activity_id is None else ops.query(self.ctx, attendees, self.activity_id)
        )
        self.people.load(listed)
        self._show_title(original)
        self._show_impact()
        self.tabs.setCurrentIndex(DETAILS_TAB)
        self.details.title.setFocus()
        self.set_dirty(False)

    def _signed_in_staff(self) -> int | None:
        return self.ctx.actor.staff_id if self.ctx.actor is not None else None

    def _show_title(self, details: ActivityDetails | None) -> None:
        self.set_title(f"{details.title} \u2014 activity" if details else "New activity")

    def _show_impact(self) -> None:
        while self.impact_layout.count():
            old = self.impact_layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        if self.activity_id is None:
            note = QLabel(
                "Impact (what people said and what changed because of it) is recorded for a "
                "saved activity. Save the activity first: it stays open so you can go on here."
            )
            note.setWordWrap(True)
            save_here = QPushButton("Save the activity &now")
            save_here.clicked.connect(lambda: self.save(close=False))
            self.impact_layout.addWidget(note)
            self.impact_layout.addWidget(save_here, 0, Qt.AlignmentFlag.AlignLeft)
            self.impact_layout.addStretch(1)
            return
        from involve_desktop.ui.widgets.impact_panel import ImpactPanel

        self.impact_panel = ImpactPanel(self.ctx, self.activity_id)
        self.impact_layout.addWidget(self.impact_panel)

    # --- saving --------------------------------------------------------------------------

    def save(self, close: bool = True) -> bool:
        """Save (and close, unless asked not to); False, with the problems shown, if not."""
        errors = self.details.problems()
        if errors:
            self.show_problems(errors)
            return False
        details = self.details.details()
        if details.held_on < self.today and self.people.all_still_invited() and self._go_record():
            return False
        try:
            saved_id = ops.change(
                self.ctx,
                "activities",
                save_activity_and_attendance,
                self.ctx.actor,
                details,
                self.activity_id,
                self.people.changes(),
                today=self.today,
            )
        except ValidationFailed as problem:
            self.show_problems(problem.errors)
            return False
        was_new = self.activity_id is None
        self.activity_id = saved_id
        self.set_dirty(False)
        self.saved.emit(saved_id)
        if close:
            self.accept()
        else:
            self._after_staying_open(details, was_new)
        return True

    def _go_record(self) -> bool:
        """Ask to record who attended a past activity; True takes the user there instead."""
        recording = prompts.ask_yes_no(
            self,
            "Record who attended",
            "This activity has happened: record who attended now?\n\nEveryone listed is "
            "still marked as invited, so it will not count as anyone's involvement.",
            "Record attendance",
        )
        if recording:
            self.tabs.setCurrentIndex(PEOPLE_TAB)
            self.people.ask_for_attendance()
            self.state_label.setText("Not saved yet: mark who attended, then Save.")
        return recording

    def _after_staying_open(self, details: ActivityDetails, was_new: bool) -> None:
        self.people.load(ops.query(self.ctx, attendees, self.activity_id))
        self._show_title(details)
        if was_new:
            self._show_impact()
        self.state_label.setText("Saved.")

    def show_problems(self, errors: dict[str, str]) -> None:
        self.tabs.setTabText(DETAILS_TAB, WARNING_MARK + TAB_TITLES[DETAILS_TAB])
        self.tabs.setCurrentIndex(DETAILS_TAB)
        self.details.show_errors(errors)  # after the tab is shown, so the field takes focus
        self.state_label.setText(not_saved_message(len(errors)))

    def _mark_dirty(self) -> None:
        self.set_dirty(True)

    def set_dirty(self, dirty: bool) -> None:
        super().set_dirty(dirty)
        if not dirty:
            self.tabs.setTabText(DETAILS_TAB, TAB_TITLES[DETAILS_TAB])
