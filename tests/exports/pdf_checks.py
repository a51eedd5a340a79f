"""Checks on a PDF as it prints: pages rendered by PDFium (as the app's print dialog draws
them) and where words land on the page, so a test can tell a blank page or text printed
over the header, which reading the text back cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

# A rule is a row of the rendered page dark across most of its width: the header's rule is
# the first one from the top, the foot's the last one from the bottom.
RULE_SHARE = 0.7


def _document(pdf: bytes | Path):  # type: ignore[no-untyped-def]
    pdfium = pytest.importorskip("pypdfium2")
    return pdfium.PdfDocument(pdf.read_bytes() if isinstance(pdf, Path) else pdf)


def blank_pages(pdf: bytes | Path) -> list[int]:
    """The pages (from 1) with nothing printed between the header's rule and the foot's."""
    document = _document(pdf)
    found = []
    for index in range(len(document)):
        picture = document[index].render(scale=1).to_pil().convert("L")
        top, bottom = _rules(picture)
        width, _height = picture.size
        body = picture.crop((0, top + 2, width, bottom - 1))
        darkest, _lightest = body.getextrema()
        if darkest >= 100:
            found.append(index + 1)
    document.close()
    return found


def _rules(picture) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    from PIL import Image

    _width, height = picture.size
    dark = picture.point(lambda value: 255 if value < 200 else 0)
    # Squeezed to one pixel wide, each row's grey is the share of it that is dark.
    shares = list(dark.resize((1, height), Image.Resampling.BOX).tobytes())
    rules = [row for row, share in enumerate(shares) if share > 255 * RULE_SHARE * 0.8]
    above = [row for row in rules if row < height * 0.35]
    below = [row for row in rules if row > height * 0.65]
    assert above and below, "a page without the header's or the foot's rule"
    return above[0], below[-1]


def boxes(pdf: bytes | Path, page: int = 0) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each printed character of a page with its box (left, bottom, right, top) in points,
    in the order they were drawn (the header first, the foot last)."""
    document = _document(pdf)
    text_page = document[page].get_textpage()
    found = []
    for index in range(text_page.count_chars()):
        character = text_page.get_text_range(index, 1)
        if character.strip():
            found.append((character, text_page.get_charbox(index)))
    document.close()
    return found


def box_of(pdf: bytes | Path, words: str, page: int = 0) -> tuple[float, float, float, float]:
    """The box around the first place `words` are printed on the page."""
    document = _document(pdf)
    text_page = document[page].get_textpage()
    found = text_page.search(words).get_next()
    assert found is not None, f"{words!r} is not on page {page + 1}"
    start, count = found
    edges = [text_page.get_charbox(index) for index in range(start, start + count)]
    document.close()
    return (
        min(edge[0] for edge in edges),
        min(edge[1] for edge in edges),
        max(edge[2] for edge in edges),
        max(edge[3] for edge in edges),
    )
