"""Column widths for `document.table`: the shares a document asks for, widened where a figure
or a heading word would otherwise be broken across lines ("£1,014.50" must never print as
"£1,014.5" over "0") or a word of text would be broken inside it ("Administrat" over "or"
in large print), with the room taken from the columns that have text to spare."""

from __future__ import annotations

from collections.abc import Sequence

from involve_desktop.exports.fonts import BOLD_FONT, text_width


def fitted_widths(
    shares: Sequence[float],
    room: float,
    needed: Sequence[float],
) -> list[float]:
    """Widths in points that add up to `room`, close to `shares`, with each column at least
    its `needed` width where the others can give it up (they keep their own `needed`). When
    the columns need more than the room together, each gets its share of the room in
    proportion to its need (a word may then break, but nothing runs off the page)."""
    # Layout points, not money: shares of the page's width.
    if sum(needed) >= room:
        return [room * need / sum(needed) for need in needed]
    all_shares = sum(shares) or 1
    widths = [room * share / all_shares for share in shares]
    short = sum(max(0.0, need - width) for need, width in zip(needed, widths, strict=True))
    if short <= 0:
        return widths
    spare = [max(0.0, width - need) for need, width in zip(needed, widths, strict=True)]
    available = sum(spare)
    if available <= 0:
        return widths
    give = min(1.0, short / available)
    return [
        max(width, need) if width < need else width - spare_here * give
        for width, need, spare_here in zip(widths, needed, spare, strict=True)
    ]


def needed_width(
    texts: Sequence[str], font: str, points: float, *, whole: bool, padding: float
) -> float:
    """The width a column needs: its longest text when `whole` (figures never wrap), else
    its longest word (text wraps between words only)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = set(texts) if whole else {word for text in texts for word in text.split()}
    heavy = font == BOLD_FONT

    def width(piece: str) -> float:
        # Plain ASCII is measured directly (most cells, and fast); anything else as it is
        # printed, each run in the font that has its letters.
        if piece.isascii():
            return stringWidth(piece, font, points)
        return text_width(piece, points, bold=heavy)

    widest = max((width(piece) for piece in pieces), default=0.0)
    return widest + 2 * padding + 1
