"""The words the charity uses for the people it serves: a preset, or its own."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QButtonGroup, QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.domain.terms import MAX_TERM_LENGTH, PRESET_TERMS, PeopleTerms
from involve_desktop.ui.widgets.form_section import FormSection

OWN_WORDS = len(PRESET_TERMS)


class TermsForm(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            "Which words does your organisation use for the people it serves? "
            "Involve will use them on every screen and in every document."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)

        self.choices = QButtonGroup(self)
        choice_box = QWidget()
        column = QVBoxLayout(choice_box)
        column.setContentsMargins(0, 0, 0, 0)
        for index, terms in enumerate(PRESET_TERMS):
            button = QRadioButton(f"{terms.singular_title} / {terms.plural}")
            self.choices.addButton(button, index)
            column.addWidget(button)
        own = QRadioButton("&Our own words")
        self.choices.addButton(own, OWN_WORDS)
        column.addWidget(own)
        self.form.addRow("We say:", choice_box)
        choice_box.setAccessibleName("Words for the people we serve")

        self.singular_edit = QLineEdit()
        self.singular_edit.setMaxLength(MAX_TERM_LENGTH)
        self.add_row("term_singular", "One &person is a:", self.singular_edit)
        self.plural_edit = QLineEdit()
        self.plural_edit.setMaxLength(MAX_TERM_LENGTH)
        self.add_row("term_plural", "Se&veral people are:", self.plural_edit)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.form.addRow("You will see:", self.preview)

        self.choices.idToggled.connect(self._choice_toggled)
        self.singular_edit.textChanged.connect(self._words_edited)
        self.plural_edit.textChanged.connect(self._words_edited)
        self.choices.button(0).setChecked(True)

    @property
    def terms(self) -> PeopleTerms:
        return PeopleTerms(self.singular_edit.text().strip(), self.plural_edit.text().strip())

    def load(self, details: OrganisationDetails) -> None:
        self.loading = True
        try:
            preset = next(
                (i for i, terms in enumerate(PRESET_TERMS) if terms == details.terms), OWN_WORDS
            )
            self.choices.button(preset).setChecked(True)
            self.singular_edit.setText(details.terms.singular)
            self.plural_edit.setText(details.terms.plural)
            self._enable_own_words(preset == OWN_WORDS)
        finally:
            self.loading = False

    def apply_to(self, details: OrganisationDetails) -> OrganisationDetails:
        return replace(details, terms=self.terms)

    def _choice_toggled(self, choice: int, checked: bool) -> None:
        if not checked:
            return
        own_words = choice == OWN_WORDS
        self._enable_own_words(own_words)
        if own_words:
            if not self.loading:
                self.singular_edit.setFocus()
        else:
            preset = PRESET_TERMS[choice]
            self.singular_edit.setText(preset.singular)
            self.plural_edit.setText(preset.plural)
        self.notify_changed()

    def _enable_own_words(self, enabled: bool) -> None:
        self.singular_edit.setEnabled(enabled)
        self.plural_edit.setEnabled(enabled)

    def _words_edited(self) -> None:
        terms = self.terms
        if terms.singular and terms.plural:
            examples = (
                f"Add {terms.with_article()}",
                terms.count(1),
                terms.count(1234),
                f"{terms.plural_title} involved this year",
            )
            self.preview.setText(", ".join(f"\u201c{example}\u201d" for example in examples))
        else:
            self.preview.setText("")
        self.notify_changed()
