"""Shows the recovery key once, and will not let the user go on until they have kept it."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from involve_desktop.domain.recovery_key import new_recovery_key
from involve_desktop.ui.text_size import set_relative_size


class RecoveryKeyPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = new_recovery_key()
        intro = QLabel(
            "<p>This is your <b>recovery key</b>. If every password is ever forgotten, it is the "
            "only way back into your records: nobody else, not even Involve's makers, can open "
            "them without it.</p><p>Write it down or print this page, and keep it somewhere "
            "safe and locked, away from this computer.</p>"
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(self.recovery_key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        set_relative_size(self.key_label, 1.6)
        self.key_label.setAccessibleName("Recovery key")
        self.kept_box = QCheckBox("I have written down the recovery key and will keep it safe")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(self.kept_box)
        layout.addStretch(1)
