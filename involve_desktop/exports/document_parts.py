"""A document as a part: its title, subject and story, made without being printed yet.

Every printed document is written as a function `part(data, look) -> DocumentPart`. Printed
alone, the part is handed to `build_pdf` (`writer` makes the `write_..._pdf` function each
document module offers); in a pack, several parts are set one after another in one PDF
(exports/pack_pdf.py), each starting on a new page under its own bookmark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from involve_desktop.exports.document import (
    DocumentHeader,
    PdfOptions,
    Styles,
    add_to_outline,
    build_pdf,
    new_outline_key,
    styles,
)
from involve_desktop.exports.fonts import markup

Data = TypeVar("Data")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DocumentPart:
    title: str  # on the PDF, at the foot of each page and as the document's bookmark in a pack
    subject: str
    story: list = field(default_factory=list)


PartMaker = Callable[[Any, Styles], DocumentPart]
Writer = Callable[..., int]


def writer(part_of: Callable[[Data, Styles], DocumentPart]) -> Writer:
    """The `write_..._pdf(data, target, header, options, made_on, progress=None) -> pages`
    function for a document whose part is made by `part_of`."""

    def write(
        data: Data,
        target: Path | BinaryIO,
        header: DocumentHeader,
        options: PdfOptions,
        made_on: date,
        progress: Progress | None = None,
    ) -> int:
        part = part_of(data, styles(options))
        return build_pdf(
            target,
            part.title,
            part.story,
            header,
            options,
            made_on,
            subject=part.subject,
            progress=progress,
        )

    write.__doc__ = f"Write the document `{part_of.__name__}` makes; return its page count."
    return write


def part_start(title: str, look: Styles) -> Any:
    """Where a part begins in a pack: a bookmark at the top level (listed in the contents)
    and the title printed at the foot of the part's pages. Takes no room on the page."""
    from reportlab.platypus import Flowable

    class PartStart(Flowable):
        outline_title = title
        outline_level = 0
        outline_key = new_outline_key()
        outline_markup = markup(title, bold=True, points=look.body_points)
        part_title = title

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            add_to_outline(self)

    return PartStart()
