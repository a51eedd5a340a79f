"""The fonts PDFs are set in, registered with reportlab once and embedded in every file."""

from __future__ import annotations

from pathlib import Path

from involve_desktop.paths import resources_dir

BODY_FONT = "DejaVuSans"
_FILES = {BODY_FONT: "DejaVuSans.ttf"}


def font_file(name: str = BODY_FONT) -> Path:
    return resources_dir() / "fonts" / _FILES[name]


def body_font() -> str:
    """The name to draw text with; registers the shipped TrueType font on first use.

    A TrueType font is embedded (subset) in the PDF, so names like Siân, Łukasz and Małgorzata
    print the same on any printer; the built-in Helvetica knows only Latin-1.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if BODY_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BODY_FONT, str(font_file(BODY_FONT))))
    return BODY_FONT


def missing_characters(text: str, name: str = BODY_FONT) -> set[str]:
    """Characters the font has no glyph for (they would print as empty boxes)."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(body_font() if name == BODY_FONT else name).face
    return {ch for ch in text if not ch.isspace() and ord(ch) not in face.charToGlyph}
