"""The shipped fonts: each loads in reportlab (TrueType, not CFF), each has its licence beside
it, and text is split into runs so Welsh, Polish, Chinese and Urdu names each print in a font
that has their letters, with Urdu joined and set right to left."""

from __future__ import annotations

import unicodedata
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from involve_desktop.exports import fonts
from involve_desktop.exports.fonts import (
    ARABIC_FONT,
    BODY_FONT,
    CJK_FONT,
    font_file,
    markup,
    missing_characters,
    runs,
    visual_arabic,
)
from involve_desktop.paths import resources_dir

URDU = "عائشہ قریشی"
LICENCES = {
    "DejaVuSans.ttf": "DejaVuSans-LICENSE.txt",
    "DejaVuSans-Bold.ttf": "DejaVuSans-LICENSE.txt",
    "NotoNaskhArabic-Regular.ttf": "NotoNaskhArabic-LICENSE.txt",
    "NotoNaskhArabic-Bold.ttf": "NotoNaskhArabic-LICENSE.txt",
    "DroidSansFallback.ttf": "DroidSansFallback-LICENSE.txt",
}


@pytest.mark.parametrize("name", sorted(fonts._FILES))
def test_each_shipped_font_loads_as_truetype_with_its_licence(name: str) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    path = font_file(name)
    TTFont(f"check-{name}", str(path))  # raises for CFF outlines or a damaged file
    licence = resources_dir() / "fonts" / LICENCES[path.name]
    assert licence.stat().st_size > 1000


def test_the_fonts_together_stay_a_sensible_size() -> None:
    total = sum(path.stat().st_size for path in (resources_dir() / "fonts").glob("*.ttf"))
    assert total < 6 * 1024 * 1024


def test_names_in_each_script_get_a_font_that_has_their_letters() -> None:
    assert runs("Siân ap Gwilym") == [(BODY_FONT, "Siân ap Gwilym")]
    assert runs("Łukasz Wiśniewski") == [(BODY_FONT, "Łukasz Wiśniewski")]
    assert runs("王芳") == [(CJK_FONT, "王芳")]
    # The space stays inside the Urdu run, so the two words are ordered together.
    assert runs(URDU) == [(ARABIC_FONT, URDU)]
    assert runs(f"With 王芳 and {URDU}.") == [
        (BODY_FONT, "With "),
        (CJK_FONT, "王芳"),
        (BODY_FONT, " and "),
        (ARABIC_FONT, URDU),
        (BODY_FONT, "."),
    ]
    for name, run in runs(f"王芳 {URDU} Łukasz"):
        assert not missing_characters(visual_arabic(run) if name == ARABIC_FONT else run, name)


def test_urdu_is_joined_and_set_right_to_left() -> None:
    shown = visual_arabic(URDU)
    # Joined: every letter is one of its initial, middle or final forms.
    assert all(0xFB50 <= ord(ch) <= 0xFEFF for ch in shown if not ch.isspace())
    # Right to left: the last letter of the name is drawn first, at the left.
    assert unicodedata.normalize("NFKC", shown[0]) == "ی"
    assert unicodedata.normalize("NFKC", shown[::-1]) == URDU


def test_markup_escapes_and_wraps_fallback_runs() -> None:
    assert markup("O'Brien & <Okafor>") == "O'Brien &amp; &lt;Okafor&gt;"
    assert markup("王芳") == f'<font name="{CJK_FONT}">王芳</font>'
    assert markup("a\nb") == "a<br/>b"
    assert markup("Siân", bold=True) == "<b>Siân</b>"
    assert 'name="NotoNaskhArabic-Bold"' in markup(URDU, bold=True)
    assert 'size="12.0"' in markup(URDU, points=10)


def test_a_pdf_with_the_four_names_reads_back_with_them() -> None:
    from involve_desktop.exports.document import (
        DocumentHeader,
        PdfOptions,
        build_pdf,
        styles,
        text,
    )

    look = styles(PdfOptions())
    names = ["王芳", "Łukasz Wiśniewski", "Siân ap Gwilym", URDU]
    out = BytesIO()
    story = [text(name, look.body) for name in names]
    build_pdf(out, "Names", story, DocumentHeader("Org"), PdfOptions(), date(2026, 11, 26))
    page = unicodedata.normalize("NFKC", PdfReader(BytesIO(out.getvalue())).pages[0].extract_text())
    for name in names:
        assert name in page
