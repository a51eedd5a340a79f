"""The first administrator: a name and a password typed twice (first run, or protecting records)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from involve_desktop.domain.passwords import password_problem
from involve_desktop.ui.widgets.form_section import FormSection


def password_pair_errors(password: str, typed_again: str, about: tuple[str, ...]) -> dict[str, str]:
    """Messages for a new password typed twice: its strength first, then whether both match."""
    if problem := password_problem(password, about=about):
        return {"password": problem}
    if typed_again != password:
        return {"confirm": "The two passwords are not the same. Please type it again."}
    return {}


class AdminForm(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            "You will be Involve's first administrator: you can add the other staff later, "
            "in Settings. Your password protects the records of the people you serve, so "
            "choose one nobody could guess: a few ordinary words together work well."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(100)
        self.add_row("admin_name", "Your na&me:", self.name_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row("password", "&Password:", self.password_edit)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row("confirm", "Type it &again:", self.confirm_edit)

    @property
    def admin_name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def password(self) -> str:
        return self.password_edit.text()

    def problems(self, organisation_name: str = "") -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.admin_name:
            errors["admin_name"] = "Please type your name, as your colleagues know you."
        about = (*self.admin_name.split(), *organisation_name.split())
        errors.update(password_pair_errors(self.password, self.confirm_edit.text(), about))
        return errors
