"""The first-run wizard: the organisation, its year, the words it uses for people, and the
first administrator with the recovery key.

Nothing is saved until Finish, which hands the answers to `finish` (the bootstrap creates the
encrypted records from them); every answer but the password can be changed later in Settings.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from involve_desktop.domain.evaluation_rules import evaluation_date_text
from involve_desktop.domain.organisation import OrganisationDetails, validate_organisation
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.paths import AppPaths
from involve_desktop.ui import prompts
from involve_desktop.ui.dialogs.security_pages import AdminPage, RecoveryPage
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.organisation_form import OrganisationForm
from involve_desktop.ui.widgets.terms_form import TermsForm
from involve_desktop.ui.widgets.year_form import YearForm


class FormPage(QWizardPage):
    """A wizard page holding one form; Next checks that form's fields."""

    def __init__(self, title: str, subtitle: str, form: FormSection) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form_section = form
        layout = QVBoxLayout(self)
        layout.addWidget(form)

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        errors = validate_organisation(wizard.details())
        return not self.form_section.show_errors(errors)


# details, administrator's name, password, recovery key → whatever the caller makes of them
Finish = Callable[[OrganisationDetails, str, str, str], object]


class FirstRunWizard(QWizard):
    def __init__(self, paths: AppPaths, finish: Finish, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.finish = finish
        self.result_of_finish: object = None
        # True when the records came from a backup instead: the caller asks who signs in.
        self.restored = False
        self.restore_dialog: QDialog | None = None
        self.setWindowTitle("Set up Involve")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)

        self.organisation_form = OrganisationForm()
        self.year_form = YearForm()
        self.terms_form = TermsForm()
        self.forms: tuple[OrganisationForm | YearForm | TermsForm, ...] = (
            self.organisation_form,
            self.year_form,
            self.terms_form,
        )
        for form in self.forms:
            form.load(OrganisationDetails(name=""))  # sensible defaults: a year from 1 April
        self.addPage(self._welcome_page())
        self.organisation_page = FormPage(
            "Your organisation",
            "Its name, number and address go on every document Involve prints.",
            self.organisation_form,
        )
        self.year_page = FormPage(
            "Your year",
            "Involve counts money and activity by your financial year.",
            self.year_form,
        )
        self.terms_page = FormPage(
            "The people you serve",
            "Use the words your organisation and its people choose.",
            self.terms_form,
        )
        self.admin_page = AdminPage(lambda: self.organisation_form.name_edit.text())
        self.recovery_page = RecoveryPage()
        for page in (
            self.organisation_page,
            self.year_page,
            self.terms_page,
            self.admin_page,
            self.recovery_page,
        ):
            self.addPage(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.addPage(self._summary_page())
        self.currentIdChanged.connect(self._page_changed)
        self.resize(640, 520)

    def details(self) -> OrganisationDetails:
        details = OrganisationDetails(name="")
        for form in self.forms:
            details = form.apply_to(details)
        return details

    def accept(self) -> None:
        form = self.admin_page.admin_form
        try:
            self.result_of_finish = self.finish(
                self.details(),
                form.admin_name,
                form.password,
                self.recovery_page.panel.recovery_key,
            )
        except ValidationFailed as problem:
            self._return_to_problem(problem.errors)
            return
        except KnownError as problem:
            prompts.show_problem(self, "Involve could not save your answers", problem.message)
            return
        super().accept()

    def reject(self) -> None:
        if prompts.ask_yes_no(
            self,
            "Leave set-up?",
            "Involve needs these details before it can start. Nothing has been saved yet. "
            "Do you want to close Involve?",
            "Close Involve",
        ):
            super().reject()

    def _return_to_problem(self, errors: dict[str, str]) -> None:
        for page in (self.organisation_page, self.year_page, self.terms_page):
            if page.form_section.show_errors(errors):
                while self.currentPage() is not page:
                    self.back()
                return

    def _welcome_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("Welcome to Involve")
        text = QLabel(
            "<p>Involve helps you run the involvement of the people your organisation serves: "
            "who they are, what they take part in, what changed because of it, and paying "
            "them fairly.</p>"
            "<p>First, a few questions about your organisation. It takes about two minutes, "
            "and you can change every answer later in <b>Settings</b>.</p>"
            f"<p>Your records are kept on this computer, in "
            f"<b>{escape(str(self.paths.data_dir))}</b>, encrypted so that only the staff "
            "you choose can read them.</p>"
        )
        text.setWordWrap(True)
        restoring = QLabel(
            "<p>Moving to a new computer, or starting again after a computer failed? "
            "Restore your records from an Involve backup file instead of setting up anew.</p>"
        )
        restoring.setWordWrap(True)
        self.restore_button = QPushButton("&Restore from a backup file\u2026")
        self.restore_button.setAutoDefault(False)  # Return still means Next
        self.restore_button.clicked.connect(self.restore_from_backup)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addSpacing(text.fontMetrics().lineSpacing())
        layout.addWidget(restoring)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def restore_from_backup(self) -> None:
        """Choose a backup file, see what it holds, restore it into this data folder, and
        go on to sign in with the password from the computer it came from."""
        from involve_desktop.ui.save_folder import documents_folder
        from involve_desktop.ui.screens.backup.restore_flow import (
            FILE_FILTER,
            open_restore_dialog,
        )

        file = prompts.choose_open_file(
            self, "Choose the backup to restore", FILE_FILTER, documents_folder()
        )
        if file is not None:
            self.restore_dialog = open_restore_dialog(self, file, self.paths, self._restore)

    def _restore(self, request: object) -> None:
        from involve_desktop.ui.screens.backup.restore_flow import restore_now

        if restore_now(self.paths, request, self) is not None:  # type: ignore[arg-type]
            self.restored = True
            # Not accept(): that saves the wizard's answers as new records.
            self.done(QDialog.DialogCode.Accepted)

    def _summary_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("Ready to start")
        page.setSubTitle("Check your answers, then press Finish to save them.")
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        return page

    def _page_changed(self, page_id: int) -> None:
        if self.page(page_id) is not None and page_id == self.pageIds()[-1]:
            administrator = self.admin_page.admin_form.admin_name
            self.summary_label.setText(summary_html(self.details(), administrator))


def summary_html(details: OrganisationDetails, administrator: str = "") -> str:
    rows = [
        ("Organisation", details.name),
        ("Charity number", details.charity_number or "none"),
        ("Address", details.address or "none"),
        ("Logo", "chosen" if details.logo else "none"),
        ("Financial year starts", str(details.year_start)),
        (
            "Yearly evaluation",
            evaluation_date_text(details.evaluation_month, details.evaluation_day),
        ),
        ("The people you serve", f"{details.terms.singular} / {details.terms.plural}"),
        ("First administrator", administrator or "not chosen yet"),
    ]
    cells = "".join(
        f"<tr><td><b>{escape(label)}</b>&nbsp;&nbsp;</td>"
        f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
        for label, value in rows
    )
    return f"<table>{cells}</table>"
