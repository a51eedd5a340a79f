"""An amount of money typed the way people write it (12.50, £1,234.50, 50p), held as pence.

A plain line edit, like `DateField`: it reads what was typed, shows it back as £1,234.50 so a
misplaced point is seen at once, and says in words what it could not read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from involve_desktop.domain.money import NotAnAmount, format_pence, parse_pence


class MoneyField(QLineEdit):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        negative_allowed: bool = False,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.negative_allowed = negative_allowed
        self.setPlaceholderText("none" if optional else "£0.00")
        self.setToolTip("An amount in pounds and pence, for example 12.50 or £1,234.50.")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(20)
        self.editingFinished.connect(self._tidy)

    def set_pence(self, pence: int | None) -> None:
        self.setText("" if pence is None else format_pence(pence))

    def pence(self) -> int | None:
        """The amount typed; None when left empty (and allowed to be). Raises `NotAnAmount`."""
        if self.optional and not self.text().strip():
            return None
        return parse_pence(self.text(), negative_allowed=self.negative_allowed)

    def problem(self) -> str:
        """What is wrong with the text, or '' when it is an amount (or empty and optional)."""
        try:
            self.pence()
        except NotAnAmount as error:
            return str(error)
        return ""

    def _tidy(self) -> None:
        if not self.problem() and self.text().strip():
            self.set_pence(self.pence())
