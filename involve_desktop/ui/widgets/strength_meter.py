"""How hard a new passphrase would be to guess, said in words under a bar.

The bar fills and the words change together ("Strength: weak. Add another word or two."),
so nothing is said by colour alone. The verdict is zxcvbn's, as the service judges it:
"strong enough" here is exactly what `password_problem` accepts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from involve_desktop.domain.passwords import MIN_LENGTH, MIN_SCORE, password_problem

# zxcvbn's scores 0 to 4, in words a charity worker would use.
SCORE_WORDS = ("very weak", "weak", "fair", "strong", "very strong")


def strength(passphrase: str, about: tuple[str, ...] = ()) -> int:
    """zxcvbn's score (0 to 4), held below 'strong' for anything shorter than allowed."""
    if not passphrase:
        return 0
    from zxcvbn import zxcvbn

    score = int(zxcvbn(passphrase, user_inputs=[word for word in about if word])["score"])
    return min(score, MIN_SCORE - 1) if len(passphrase) < MIN_LENGTH else score


class StrengthMeter(QWidget):
    """A bar of four steps and a sentence; `judge(text)` updates both."""

    def __init__(self, about: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.about = about
        self.bar = QProgressBar()
        self.bar.setRange(0, len(SCORE_WORDS) - 1)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName("Passphrase strength")
        self.words = QLabel()
        self.words.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.words)
        self.judge("")

    def judge(self, passphrase: str) -> None:
        score = strength(passphrase, self.about)
        word = SCORE_WORDS[score]
        self.bar.setValue(score)
        self.bar.setFormat(f"Strength: {word}")
        if not passphrase:
            sentence = (
                f"Type at least {MIN_LENGTH} characters. A few ordinary words together are "
                "easy to remember and hard to guess."
            )
        else:
            problem = password_problem(passphrase, about=self.about)
            sentence = "Strong enough." if problem is None else f"Not strong enough yet. {problem}"
        self.words.setText(sentence)
        self.bar.setAccessibleDescription(f"{word.capitalize()}. {sentence}")
