"""Importing people from a spreadsheet the charity already keeps.

Four steps: choose the file; match its columns to Involve's fields (guessed from the
headings); check a preview that explains every row that cannot be imported; import. Nothing
is saved before the preview's "Import N people" button, and then all at once or not at all
(`services/people_import.py`). The pages are in `import_people_pages.py`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from involve_desktop.app import AppContext
from involve_desktop.services.people_import import ImportPreview, ImportSummary
from involve_desktop.services.spreadsheet_files import Sheet
from involve_desktop.ui.dialogs.import_people_pages import (
    DonePage,
    FilePage,
    MappingPage,
    PreviewPage,
)


class ImportPeopleWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sheet: Sheet | None = None
        self.preview: ImportPreview | None = None
        self.summary: ImportSummary | None = None
        self.included_duplicates = False
        self.setWindowTitle(f"Import {ctx.terms.plural} from a spreadsheet")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(ctx.terms.singular)
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.done_page = DonePage()
        for page in (self.file_page, self.mapping_page, self.preview_page, self.done_page):
            self.addPage(page)
        self.resize(780, 620)

    def use_sheet(self, sheet: Sheet) -> None:
        """A newly read file: the mapping is guessed afresh and any old preview is dropped."""
        self.sheet = sheet
        self.preview = None
