"""Add or edit one person: every section of their record in one window.

Sections are listed on the left; a problem anywhere marks its section and shows the message
at the field. Sensitive sections stay closed until asked for (and that is audited). Closing
with unsaved changes asks first; a new person who looks like someone already in the
register is pointed out before they are added.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.people import Barrier, OptionKind, TakingPart
from involve_desktop.domain.person_record import PersonDetails, SensitiveDetails
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.attendance import participation_history
from involve_desktop.services.people import (
    PersonNotFound,
    level_history,
    load_person,
    open_sensitive,
    save_person,
)
from involve_desktop.services.permissions import NotAllowed
from involve_desktop.services.person_lists import list_options
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.person_pdfs import PersonPdfs
from involve_desktop.ui.dialogs.record_dialog import RecordDialog, not_saved_message
from involve_desktop.ui.widgets.benefits_watch_panel import BenefitsWatchPanel
from involve_desktop.ui.widgets.person_form_parts import SENSITIVE_MARK, PersonSection
from involve_desktop.ui.widgets.person_money_panel import PersonMoneyPanel
from involve_desktop.ui.widgets.person_sections import (
    AboutSection,
    ContactSection,
    InvolvementSection,
    NotesSection,
    RolesSection,
)
from involve_desktop.ui.widgets.person_sections_care import (
    ConsentSection,
    PaymentSection,
    SensitiveSection,
    SupportSection,
    TakingPartSection,
    TrainingSection,
)

WARNING_MARK = "\u26a0 "


def status_summary(details: PersonDetails, today: date) -> str:
    """A calm line at the top of a record about taking part and consent, when it matters."""
    since = f" since {long_date(details.taking_part_since)}" if details.taking_part_since else ""
    lines = []
    if details.taking_part is TakingPart.DOES_NOT_WISH:
        lines.append(
            f"Has chosen not to take part{since}. That choice is respected: they are not "
            "suggested for opportunities and not flagged as not involved."
        )
    elif details.taking_part is TakingPart.NOT_NOW:
        barriers = ", ".join(b.label.lower() for b in Barrier if b in details.barriers)
        lines.append(
            f"Not taking part at the moment{since}."
            + (f" What gets in the way: {barriers}." if barriers else "")
        )
    withdrawn = details.consent.withdrawn_on
    if withdrawn is not None and withdrawn <= today:
        lines.append(
            f"Consent withdrawn on {long_date(withdrawn)}: they are left out of contact lists."
        )
    return "\n".join(lines)


class PersonEditor(RecordDialog):
    """`saved(person_id, before)` follows a save; `before` is None for a new person.
    `open_instead(person_id)` asks the caller to open an existing record instead."""

    saved = Signal(int, object)
    open_instead = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        person_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.what_is_edited = f"this {ctx.terms.singular}'s record"
        self.person_id = person_id
        self.fixed_today = today  # tests fix the day; a PDF is otherwise dated at the click
        self.today = today or date.today()
        self.dirty = False
        self.about = AboutSection()
        self.contact = ContactSection()
        self.roles = RolesSection()
        self.involvement = InvolvementSection()
        self.taking_part = TakingPartSection()
        self.support = SupportSection()
        self.consent = ConsentSection()
        self.payment = PaymentSection()
        self.money = PersonMoneyPanel(ctx)
        # The benefits figures reveal the person's benefits answer, so they are shown only
        # once the sensitive sections are opened (and that opening is audited).
        self.benefits_watch = BenefitsWatchPanel(ctx)
        money_box = QWidget()
        money_column = QVBoxLayout(money_box)
        money_column.setContentsMargins(0, 0, 0, 0)
        money_column.addWidget(self.money)
        money_column.addWidget(self.benefits_watch)
        self.payment.add_money(money_box)
        self.training = TrainingSection()
        self.notes = NotesSection()
        self.sections: tuple[PersonSection, ...] = (
            self.about,
            self.contact,
            self.roles,
            self.involvement,
            self.taking_part,
            self.support,
            self.consent,
            self.payment,
            self.training,
            self.notes,
        )
        self._build()
        self._load()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.status_banner = QLabel()
        self.status_banner.setWordWrap(True)
        self.status_banner.setAccessibleName("About taking part and consent")
        self.section_list = QListWidget()
        self.section_list.setAccessibleName("Sections of the record")
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        for section in self.sections:
            self.section_list.addItem(self._section_label(section))
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setWidget(section)
            self.pages.addWidget(scroller)
            section.changed.connect(lambda: self.set_dirty(True))
            if isinstance(section, SensitiveSection):
                section.gate.open_requested.connect(self.open_sensitive_sections)
        self.section_list.setSpacing(3)
        self.section_list.setFixedWidth(self.section_list.sizeHintForColumn(0) + 24)
        self.section_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        body = QHBoxLayout()
        body.addWidget(self.section_list)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.status_banner)
        layout.addLayout(body, 1)
        bar = self.button_bar()
        self.pdfs = PersonPdfs(self)
        bar.insertWidget(1, self.pdfs.button)
        layout.addLayout(bar)
        self.resize(860, 620)

    @staticmethod
    def _section_label(section: PersonSection) -> str:
        return f"{section.title} ({SENSITIVE_MARK.lower()})" if section.sensitive else section.title

    # --- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        terms = self.ctx.terms
        self.roles.set_options(
            ops.query(self.ctx, list_options, OptionKind.ROLE),
            ops.query(self.ctx, list_options, OptionKind.INTEREST),
        )
        if self.person_id is None:
            self.original = PersonDetails(first_name="", joined_on=self.today)
            self.sensitive_before: SensitiveDetails | None = SensitiveDetails()
            history: list = []
            self.involvement.show_activities([])
            self.set_title(f"New {terms.singular}")
        else:
            self.original = ops.query(self.ctx, load_person, self.person_id)
            self.sensitive_before = None
            history = ops.query(self.ctx, level_history, self.person_id)
            self.involvement.show_activities(
                ops.query(self.ctx, participation_history, self.person_id)
            )
            self.set_title(f"{self.original.display_name} \u2014 {terms.singular}")
        for section in self.sections:
            section.load(self.original)
        self.involvement.show_history(history)
        self.money.set_person(self.person_id)
        self.status_banner.setText(status_summary(self.original, self.today))
        self.status_banner.setVisible(bool(self.status_banner.text()))
        if self.person_id is None:
            self._reveal_sensitive(SensitiveDetails())  # nothing held yet, nothing to audit
        self.section_list.setCurrentRow(0)
        self.about.first_name.setFocus()
        self.set_dirty(False)

    def open_sensitive_sections(self) -> None:
        if self.person_id is None or self.sensitive_before is not None:
            return
        try:
            sensitive = ops.change(
                self.ctx, "audit", open_sensitive, self.ctx.actor, self.person_id
            )
        except NotAllowed as refusal:
            for section in self._sensitive_sections():
                section.gate.refuse(refusal.message)
            return
        self.sensitive_before = sensitive
        was_dirty = self.dirty
        self._reveal_sensitive(sensitive)
        self.benefits_watch.set_person(self.person_id, self.today)
        self.set_dirty(was_dirty)

    def _reveal_sensitive(self, sensitive: SensitiveDetails) -> None:
        for section in self._sensitive_sections():
            section.load_sensitive(sensitive)
            section.gate.reveal()

    def _sensitive_sections(self) -> list[SensitiveSection]:
        return [section for section in self.sections if isinstance(section, SensitiveSection)]

    # --- saving --------------------------------------------------------------------------

    def edited_details(self) -> PersonDetails:
        details = self.original
        for section in self.sections:
            details = section.apply_to(details)
        sensitive = None
        if self.sensitive_before is not None:
            sensitive = self.sensitive_before
            for section in self._sensitive_sections():
                sensitive = section.apply_sensitive(sensitive)
            if self.person_id is None and sensitive == SensitiveDetails():
                sensitive = None  # nothing sensitive typed: nothing to save, nothing to check
        return replace(details, sensitive=sensitive)

    def save(self) -> bool:
        """Save and close; False (and the problems shown) when it cannot be saved."""
        date_problems: dict[str, str] = {}
        for section in self.sections:
            date_problems.update(section.date_problems())
        if date_problems:
            self.show_problems(date_problems)
            return False
        details = self.edited_details()
        if self.person_id is None and not self._confirm_new(details):
            return False
        try:
            saved_id = ops.change(
                self.ctx,
                "people",
                save_person,
                self.ctx.actor,
                details,
                self.person_id,
                today=self.today,
            )
        except ValidationFailed as problem:
            self.show_problems(problem.errors)
            return False
        except PersonNotFound as gone:
            # Deleted or merged away (perhaps on another screen) while open here.
            prompts.show_problem(self, "Not saved", gone.message)
            self.ctx.events.data_changed.emit("people")
            self.set_dirty(False)
            self.reject()
            return False
        before = None
        if self.person_id is not None:
            before = replace(self.original, sensitive=self.sensitive_before)
        self.set_dirty(False)
        self.saved.emit(saved_id, before)
        self.accept()
        return True

    def _confirm_new(self, details: PersonDetails) -> bool:
        """Point out someone who may already be in the register; True to go on adding."""
        from involve_desktop.services.people_duplicates import find_likely_duplicates
        from involve_desktop.ui.dialogs.possible_duplicates_dialog import DuplicateAction

        if not details.first_name.strip():
            return True  # the missing name is the problem to show first
        matches = ops.query(self.ctx, find_likely_duplicates, details)
        if not matches:
            return True
        answer = prompts.ask_about_duplicates(self, matches, self.ctx.terms.singular)
        if answer.action is DuplicateAction.OPEN_EXISTING and answer.person_id is not None:
            self.set_dirty(False)
            self.open_instead.emit(answer.person_id)
            self.reject()
            return False
        return answer.action is DuplicateAction.SAVE_ANYWAY

    def show_problems(self, errors: dict[str, str]) -> None:
        first_row = None
        for row, section in enumerate(self.sections):
            has_problem = any(name in errors for name in section.errors)
            self.section_list.item(row).setText(
                (WARNING_MARK if has_problem else "") + self._section_label(section)
            )
            if has_problem and first_row is None:
                first_row = row
            section.show_errors({name: errors.get(name, "") for name in section.errors})
        if first_row is not None:
            self.section_list.setCurrentRow(first_row)
            self.sections[first_row].show_errors(errors)  # focus the field on the shown page
        self.state_label.setText(not_saved_message(len(errors)))
