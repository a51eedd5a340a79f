"""Reports: every printed document in one place, for the financial year chosen at the top.

The documents for trustees and funders can each be saved on their own or ticked into one
pack (a PDF with a cover, contents and bookmarks); the documents about one person are made
for whoever is chosen. "Large print", ticked here, applies to every PDF the app makes, here
and from each screen's own button. Each document is also one click from the screen it
belongs to; this screen is for making several, or a pack.

What can be made depends on the records (no evaluation for a year, no strategy yet), so the
screen reads it again whenever the records change, and says why in words when it cannot.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.person_record import display_name
from involve_desktop.services.people_list import rows_for
from involve_desktop.services.report_documents import (
    PACK_KINDS,
    DocumentKind,
    DocumentRequest,
    pack_choices,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.person_pdfs import everything_warning
from involve_desktop.ui.pdf_save import choose_large_print, large_print_chosen, save_pdf
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.reports.pack_section import PackSection
from involve_desktop.ui.screens.reports.person_section import PersonSection
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown
from involve_desktop.ui.widgets.year_picker import YearPicker

TITLE = "Reports"
INTRO = (
    "Make the printed documents as PDFs to save, print or send; each is also one click from "
    "the screen it belongs to. The year chosen above is the one the annual report, the "
    "yearly evaluation, the pack and payment statements are for."
)
TICKS_KEY = "reports/pack"  # the documents last ticked for the pack, remembered


class ReportsScreen(Screen):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        # A day given here (by tests) is used throughout; otherwise the year list starts from
        # today, and each PDF is dated the day it is made.
        self.fixed_today = today
        self.today = today or date.today()
        self.settings = QSettings(str(ctx.paths.window_state), QSettings.Format.IniFormat)
        self.title = heading(TITLE)
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.year = YearPicker(self.today)
        self.year.setAccessibleName("Financial year")
        year_label_widget = QLabel("&Year:")
        year_label_widget.setBuddy(self.year)
        self.large_print = QCheckBox("&Large print (16 pt) for every PDF")
        self.large_print.setToolTip(
            "For every PDF Involve makes: on this screen and from every other screen's button"
        )
        self.large_print.setAccessibleDescription(self.large_print.toolTip())
        self.large_print.setChecked(large_print_chosen(ctx))
        self.pack = PackSection()
        self.pack.set_wanted(self._remembered_ticks())
        self.person = PersonSection(ctx)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(year_label_widget)
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.large_print)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.intro)
        column.addWidget(self.pack)
        column.addWidget(self.person)
        column.addStretch(1)
        # At a large font the sections are taller than the window: they scroll, never squash.
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self.year.period_changed.connect(self.refresh)
        self.large_print.toggled.connect(self._large_print_changed)
        self.pack.ticks_changed.connect(self._remember_ticks)
        self.pack.save_requested.connect(self.save_one)
        self.pack.pack_requested.connect(self.make_pack)
        self.person.statement_requested.connect(self.save_statement)
        self.person.record_requested.connect(self.save_person_record)
        self.refresher = RefreshWhenShown(self, self._records_changed, ignored=("audit",))
        ctx.events.data_changed.connect(self._data_changed)
        self.year.load_year_start(ctx)
        self._choose_last_whole_year()
        self.refresh()

    def _choose_last_whole_year(self) -> None:
        # Reports look back: the last whole year (the one its annual report and evaluation are
        # about) comes first, as `involve export` does; this year is one step up the list.
        self.year.blockSignals(True)
        self.year.setCurrentIndex(min(1, self.year.count() - 1))
        self.year.blockSignals(False)

    # --- what can be made ----------------------------------------------------------------

    def year_first(self) -> date:
        period = self.year.period()
        return period[0] if period else self.today

    def refresh(self) -> None:
        self.pack.show_choices(ops.query(self.ctx, pack_choices, self.year_first(), self.today))
        self.person.show_year(year_label(self.year_first()))

    def _data_changed(self, kind: str) -> None:
        if kind == "organisation":
            # The year's start and the word for people are the organisation's. A new year
            # start drops the year chosen (its dates are gone): back to the last whole year.
            chosen = self.year.period()
            self.year.load_year_start(self.ctx)
            if self.year.period() != chosen:
                self._choose_last_whole_year()
            self.person.show_terms()
        self.refresher.request(kind)

    def _records_changed(self) -> None:
        chosen = self.person.person
        if chosen is not None:
            found = ops.query(self.ctx, rows_for, [chosen[0]])
            if not found:
                self.person.show_person(None)  # deleted or merged away meanwhile
            else:
                row = found[0]  # renamed meanwhile, perhaps: the name as the record has it
                name = display_name(row.first_name, row.last_name, row.preferred_name)
                if name != chosen[1]:
                    self.person.show_person(row.id, name)
        self.refresh()

    # --- remembered choices --------------------------------------------------------------

    def _remembered_ticks(self) -> tuple[DocumentKind, ...]:
        saved = self.settings.value(TICKS_KEY)
        if saved is None:
            return PACK_KINDS  # the first time, everything that can be made
        names = set(str(saved).split(",")) if saved else set()
        return tuple(kind for kind in PACK_KINDS if kind.value in names)

    def _remember_ticks(self, kinds: frozenset[DocumentKind]) -> None:
        self.settings.setValue(
            TICKS_KEY, ",".join(kind.value for kind in PACK_KINDS if kind in kinds)
        )

    def _large_print_changed(self, on: bool) -> None:
        choose_large_print(self.ctx, on)

    # --- making documents ----------------------------------------------------------------

    def _save(self, request: DocumentRequest) -> None:
        save_pdf(self.ctx, self, request, today=self.fixed_today)

    def save_one(self, kind: DocumentKind) -> None:
        self._save(
            DocumentRequest(
                kind, year_first=self.year_first(), large_print=self.large_print.isChecked()
            )
        )

    def make_pack(self, kinds: tuple[DocumentKind, ...]) -> None:
        self._save(
            DocumentRequest(
                DocumentKind.PACK,
                year_first=self.year_first(),
                pack=kinds,
                large_print=self.large_print.isChecked(),
            )
        )

    def save_statement(self, person_id: int, _name: str) -> None:
        self._save(
            DocumentRequest(
                DocumentKind.STATEMENT,
                year_first=self.year_first(),
                person_id=person_id,
                large_print=self.large_print.isChecked(),
            )
        )

    def save_person_record(self, person_id: int, name: str) -> None:
        if not prompts.ask_yes_no(
            self,
            f"Everything we hold about {name}",
            everything_warning(name, unsaved=False),
            "Make the PDF",
        ):
            return
        self._save(
            DocumentRequest(
                DocumentKind.PERSON, person_id=person_id, large_print=self.large_print.isChecked()
            )
        )
