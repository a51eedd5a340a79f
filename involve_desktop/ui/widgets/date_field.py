"""A date the user may leave empty, typed the UK way (25/12/1980, 25 Dec 1980).

Qt's date editor cannot be empty and steers people through day/month/year spinners; most
dates in a person's record are optional and copied from paper, so this is a plain line edit
that reads what was typed and says in words what it could not read.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from involve_desktop.domain.dates import DATE_HINT, NotADate, parse_date, short_date


class DateField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setToolTip(DATE_HINT)
        self.setMaxLength(30)
        self.editingFinished.connect(self._tidy)

    def set_date(self, value: date | None) -> None:
        self.setText(short_date(value))

    def date(self) -> date | None:
        """The date typed, None when empty; raises NotADate with a plain message."""
        return parse_date(self.text())

    def problem(self) -> str:
        """What is wrong with the text, or '' when it is a date or empty."""
        try:
            self.date()
        except NotADate as error:
            return str(error)
        return ""

    def _tidy(self) -> None:
        # Show the date as it was understood ("1/2/80" becomes "01/02/1980"), so a
        # day-month mix-up is visible at once.
        if not self.problem() and self.text().strip():
            self.set_date(self.date())
