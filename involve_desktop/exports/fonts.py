"""The fonts PDFs are set in, registered with reportlab once and embedded in every file.

Text is set in DejaVu Sans (Latin with every accent, Greek, Cyrillic). Names in other scripts
print through `markup`: each run of characters the body font cannot print well is wrapped in
the first shipped font that has them — Noto Naskh Arabic for Urdu and Arabic, Droid Sans
Fallback for Chinese, Japanese and Korean. Arabic-script runs are joined (letters take their
initial, middle and final forms) and put in right-to-left order here, with arabic-reshaper and
python-bidi, because reportlab draws glyphs one by one, left to right: see
docs/decisions/009-pdfs.md. All the fonts are TrueType files in resources/fonts, licensed for
redistribution (their licence files sit beside them).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from involve_desktop.paths import resources_dir

BODY_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
ARABIC_FONT = "NotoNaskhArabic"
ARABIC_BOLD_FONT = "NotoNaskhArabic-Bold"
CJK_FONT = "DroidSansFallback"

_FILES = {
    BODY_FONT: "DejaVuSans.ttf",
    BOLD_FONT: "DejaVuSans-Bold.ttf",
    ARABIC_FONT: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD_FONT: "NotoNaskhArabic-Bold.ttf",
    CJK_FONT: "DroidSansFallback.ttf",
}
_BOLD_FACE = {BODY_FONT: BOLD_FONT, ARABIC_FONT: ARABIC_BOLD_FONT, CJK_FONT: CJK_FONT}
_FAMILY_OF = {BOLD_FONT: BODY_FONT, ARABIC_BOLD_FONT: ARABIC_FONT}
# Tried in this order for a character the body font lacks. The Arabic font comes first so a
# character both fallbacks have (a few punctuation marks) stays with the Arabic words around it.
FALLBACKS = (ARABIC_FONT, CJK_FONT)
# DejaVu has most Arabic letters but not all Urdu ones (no heh goal, U+06C1), and a name set
# half in one font and half in another looks broken: the whole run goes to the Arabic font.
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))  # fmt: skip


def font_file(name: str = BODY_FONT) -> Path:
    return resources_dir() / "fonts" / _FILES[name]


def register(name: str) -> str:
    """Register one shipped font family with reportlab (once) and return its name.

    <b> inside a paragraph then picks the family's bold face. There are no italic faces, so
    <i> stays upright: the body is meant to be read, and emphasis is bold.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    family = _FAMILY_OF.get(name, name)
    if family in pdfmetrics.getRegisteredFontNames():
        return name
    bold = _BOLD_FACE[family]
    for face in {family, bold}:
        # Shaping off: reportlab's own needs uharfbuzz, and Arabic runs are shaped in `markup`.
        pdfmetrics.registerFont(TTFont(face, str(font_file(face)), shapable=False))
    addMapping(family, 0, 0, family)
    addMapping(family, 1, 0, bold)
    addMapping(family, 0, 1, family)
    addMapping(family, 1, 1, bold)
    return name


def body_font() -> str:
    """The name to draw text with; registers the shipped TrueType fonts on first use.

    A TrueType font is embedded (subset) in the PDF, so names like Siân, Łukasz and Małgorzata
    print the same on any printer; the built-in Helvetica knows only Latin-1.
    """
    return register(BODY_FONT)


def bold_font() -> str:
    register(BODY_FONT)
    return BOLD_FONT


@cache
def _glyphs(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register(name)
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def missing_characters(text: str, name: str = BODY_FONT) -> set[str]:
    """Characters the font has no glyph for (they would print as empty boxes)."""
    if name == BODY_FONT:
        body_font()
    glyphs = _glyphs(name)
    return {ch for ch in text if not ch.isspace() and ord(ch) not in glyphs}


def is_arabic_script(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _ARABIC_BLOCKS)


def font_for(ch: str) -> str:
    """The shipped font a character is set in: the body font when it can, else a fallback."""
    if is_arabic_script(ch):
        return ARABIC_FONT
    if ch.isspace() or ord(ch) in _glyphs(BODY_FONT):
        return BODY_FONT
    for name in FALLBACKS:
        if ord(ch) in _glyphs(name):
            return name
    return BODY_FONT  # nothing has it: the body font's empty box at least shows a gap


def runs(text: str) -> list[tuple[str, str]]:
    """(font name, text) runs. Spaces and punctuation between two runs of the same fallback
    font stay inside it, so a two-word Urdu name is reordered as one; elsewhere they are set
    in the body font."""
    body_font()
    labels = [None if _neutral(ch) else font_for(ch) for ch in text]
    index = 0
    while index < len(labels):
        if labels[index] is not None:
            index += 1
            continue
        end = index
        while end < len(labels) and labels[end] is None:
            end += 1
        before = labels[index - 1] if index else None
        after = labels[end] if end < len(labels) else None
        fill = before if before is not None and before == after else BODY_FONT
        labels[index:end] = [fill] * (end - index)
        index = end
    found: list[tuple[str, str]] = []
    for ch, name in zip(text, labels, strict=True):
        if found and found[-1][0] == name:
            found[-1] = (name, found[-1][1] + ch)
        else:
            found.append((name or BODY_FONT, ch))
    return found


def _neutral(ch: str) -> bool:
    return ch.isspace() or (ord(ch) < 0x80 and not ch.isalpha())


# Naskh letters are small for their point size next to DejaVu's tall x-height: set them larger.
ARABIC_GROWTH = 1.2


def markup(text: str, *, bold: bool = False, points: float | None = None) -> str:
    """Paragraph markup for plain `text`: escaped, with runs the body font lacks set in a
    shipped font that has them, and Arabic-script runs joined and in right-to-left order.
    `bold` sets every run in its family's bold face; `points` is the paragraph's size, used
    to set Arabic a little larger so it reads as the same size. Line breaks become <br/>."""
    lines = text.splitlines() or [""]
    return "<br/>".join(_line_markup(line, bold, points) for line in lines)


def _line_markup(line: str, bold: bool, points: float | None) -> str:
    parts: list[str] = []
    for name, run in runs(line):
        if name == BODY_FONT:
            parts.append(f"<b>{escape(run)}</b>" if bold else escape(run))
            continue
        face = _BOLD_FACE[name] if bold else name
        register(face)
        if name != ARABIC_FONT:
            parts.append(f'<font name="{face}">{escape(run)}</font>')
            continue
        size = f' size="{points * ARABIC_GROWTH:.1f}"' if points else ""
        parts.append(f'<font name="{face}"{size}>{escape(visual_arabic(run))}</font>')
    return "".join(parts)


def text_width(text: str, points: float, *, bold: bool = False) -> float:
    """The width `text` takes on one line in points, set as `markup` sets it (each run in its
    own font, Arabic joined and a little larger)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = 0.0
    for name, run in runs(text):
        face = _BOLD_FACE[name] if bold else name
        register(face)
        if name == ARABIC_FONT:
            total += stringWidth(visual_arabic(run), face, points * ARABIC_GROWTH)
        else:
            total += stringWidth(run, face, points)
    return total


def visual_arabic(run: str) -> str:
    """An Arabic-script run as it is drawn: joined letter forms, right to left."""
    import arabic_reshaper
    from bidi import get_display

    shaped = arabic_reshaper.reshape(run.strip())
    lead = run[: len(run) - len(run.lstrip())]
    tail = run[len(run.rstrip()) :]
    return lead + get_display(shaped, base_dir="R") + tail
