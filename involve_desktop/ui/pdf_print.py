"""Print a saved PDF from the app: the system's print dialog, then each page drawn on the
printer as an image.

PySide6-Essentials has Qt's printer but no PDF reader, so pypdfium2 (the PDF engine Chrome
uses) draws each page, and the page is painted fitted to what the printer can print. Qt
allows painting on a QPrinter from a worker thread, so the pages are drawn there and the
window keeps going, with a bar that counts the pages, however long the document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from involve_desktop.errors import KnownError
from involve_desktop.ui import prompts
from involve_desktop.ui.progress import run_with_steps

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument, PdfPage

Progress = Callable[[int, int], None]
# Pages are drawn at the printer's resolution up to this: 300 dpi is sharp on paper, and a
# 1200 dpi A4 page would be over half a gigabyte of pixels.
MOST_DPI = 300
POINTS_PER_INCH = 72
# True while printing: pdfium may be used by one thread at a time, so a second print (a
# second click meanwhile) must not start.
_printing = False


def print_pdf(parent: QWidget | None, path: Path) -> bool:
    """Ask which printer and pages, then print. True if it was sent to the printer; a file
    that cannot be read or a printer that cannot start is said in plain words. While one
    print runs, another call does nothing and returns False."""
    global _printing
    if _printing:
        return False
    _printing = True
    try:
        return _print_pdf(parent, path)
    finally:
        _printing = False


def _print_pdf(parent: QWidget | None, path: Path) -> bool:
    try:
        page_count = _page_count(path)
    except KnownError as problem:
        prompts.show_problem(parent, "Nothing was printed", problem.message)
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.stem)
    if not prompts.choose_printer(parent, printer, page_count):
        return False
    try:
        run_with_steps(
            parent,
            "Printing",
            f"Printing \u201c{path.name}\u201d\u2026",
            lambda progress: paint_pdf(printer, path, progress),
            still="A PDF is still being printed.",
            bar_format="%v of %m pages printed",
        )
    except KnownError as problem:
        prompts.show_problem(parent, "Nothing was printed", problem.message)
        return False
    return True


def paint_pdf(printer: QPrinter, path: Path, progress: Progress | None = None) -> int:
    """Paint the pages of the PDF at `path` that `pages_to_print` lists, each fitted to the
    printable area, and return how many pages were painted. Safe to call from a worker
    thread; `progress(done, total)` counts pages painted."""
    import pypdfium2

    document = _open(path)
    try:
        order = pages_to_print(printer, len(document))
        if not order:
            raise KnownError("The pages chosen are not in this document.")
        if progress is not None:
            progress(0, len(order))
        dpi = min(printer.resolution(), MOST_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise KnownError("The printer could not be started. Check it is on and try again.")
        try:
            for done, index in enumerate(order):
                if done:
                    printer.newPage()
                page = document[index]
                try:
                    _paint_page(painter, printer, page, dpi)
                finally:
                    page.close()
                if progress is not None:
                    progress(done + 1, len(order))
        finally:
            painter.end()
    except pypdfium2.PdfiumError as error:
        raise KnownError("The PDF could not be read to print it.", detail=str(error)) from error
    finally:
        document.close()
    return len(order)


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """The pages to paint (0-based), in the order to paint them: the pages chosen (all when
    none were), last page first if asked, and the copies asked for where the printer cannot
    make them itself, collated (1 2 3, 1 2 3) or not (1 1, 2 2, 3 3) as asked. A printer that
    makes copies also collates them itself."""
    wanted = _pages_chosen(printer, page_count)
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        wanted.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if printer.collateCopies():
        return wanted * copies
    return [index for index in wanted for _copy in range(copies)]


def _pages_chosen(printer: QPrinter, page_count: int) -> list[int]:
    every = range(page_count)
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return list(every)
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        return [index for index in every if ranges.contains(index + 1)]
    first, last = printer.fromPage(), printer.toPage()
    if first == 0:
        return list(every)
    return [index for index in every if first <= index + 1 <= (last or page_count)]


def _paint_page(painter: QPainter, printer: QPrinter, page: PdfPage, dpi: int) -> None:
    image = _page_image(page, dpi)
    # The painter's origin is the printable area's corner; fit the page inside that area,
    # keeping its shape, centred.
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    fitted = QSizeF(image.size()).scaled(
        QSizeF(area.width(), area.height()), Qt.AspectRatioMode.KeepAspectRatio
    )
    target = QRectF(
        (area.width() - fitted.width()) / 2,
        (area.height() - fitted.height()) / 2,
        fitted.width(),
        fitted.height(),
    )
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)


def _page_image(page: PdfPage, dpi: int) -> QImage:
    bitmap = page.render(
        scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True, optimize_mode="print"
    )
    try:
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        )
        # The bytes above belong to this call: the copy owns its pixels.
        return image.copy()
    finally:
        bitmap.close()


def _open(path: Path) -> PdfDocument:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(path)
    except (pypdfium2.PdfiumError, OSError) as error:
        if not path.exists():
            message = f"\u201c{path.name}\u201d is no longer there: it may have been moved."
        else:
            message = f"\u201c{path.name}\u201d could not be read as a PDF."
        raise KnownError(message, detail=str(error)) from error


def _page_count(path: Path) -> int:
    document = _open(path)
    try:
        return len(document)
    finally:
        document.close()
