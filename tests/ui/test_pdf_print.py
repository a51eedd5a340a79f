"""Printing a saved PDF: its pages drawn on a real QPrinter (writing a PDF file, so the test
can read back what the printer was sent), the page range honoured, the window kept alive."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2
import pytest
from PIL import ImageStat
from pypdf import PdfReader
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter

from involve_desktop.errors import KnownError
from involve_desktop.ui import pdf_print, prompts
from involve_desktop.ui.pdf_print import pages_to_print, paint_pdf, print_pdf


def three_pages(path: Path) -> Path:
    """Page 1 black at the top, page 2 black at the bottom, page 3 only words."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    canvas = Canvas(str(path), pagesize=A4)
    for number in (1, 2, 3):
        canvas.setFont("Helvetica", 28)
        canvas.drawString(72, height / 2, f"Page {number} of the plan")
        if number == 1:
            canvas.rect(0, height * 0.75, width, height * 0.25, fill=1)
        if number == 2:
            canvas.rect(0, 0, width, height * 0.25, fill=1)
        canvas.showPage()
    canvas.save()
    return path


def pdf_printer(output: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    return printer


def darkness(path: Path, page: int) -> tuple[float, float]:
    """How dark the top and bottom quarters of a printed page are (0 white, 255 black)."""
    document = pypdfium2.PdfDocument(path)
    image = document[page].render(scale=0.5, grayscale=True).to_pil()
    width, height = image.size
    top = image.crop((0, 0, width, height // 5))
    bottom = image.crop((0, height * 4 // 5, width, height))
    document.close()

    def dark(part) -> float:
        return 255 - ImageStat.Stat(part).mean[0]

    return dark(top), dark(bottom)


def test_every_page_is_printed_and_not_blank(qapp, tmp_path):
    source = three_pages(tmp_path / "Plan.pdf")
    printed = tmp_path / "printed.pdf"
    counts = []
    assert (
        paint_pdf(pdf_printer(printed), source, lambda done, total: counts.append((done, total)))
        == 3
    )
    assert len(PdfReader(printed).pages) == 3
    assert counts == [(0, 3), (1, 3), (2, 3), (3, 3)], "the bar knows the count at once"
    top, bottom = darkness(printed, 0)
    assert top > 150 and bottom < 20, "page 1 is black at the top, as drawn"
    top, bottom = darkness(printed, 1)
    assert bottom > 150 and top < 20


def test_only_the_pages_chosen_are_printed(qapp, tmp_path):
    source = three_pages(tmp_path / "Plan.pdf")
    printed = tmp_path / "printed.pdf"
    printer = pdf_printer(printed)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("2-3"))
    assert paint_pdf(printer, source) == 2
    assert len(PdfReader(printed).pages) == 2
    top, bottom = darkness(printed, 0)
    assert bottom > 150 and top < 20, "the first page printed is page 2"


def test_a_from_to_range_and_no_range_are_understood(qapp, tmp_path):
    printer = pdf_printer(tmp_path / "x.pdf")
    assert pages_to_print(printer, 4) == [0, 1, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 4)
    assert pages_to_print(printer, 4) == [2, 3]
    printer.setPageRanges(QPageRanges.fromString("1,3"))
    assert pages_to_print(printer, 4) == [0, 2]


def test_a_range_outside_the_document_prints_nothing_and_says_so(qapp, tmp_path):
    printer = pdf_printer(tmp_path / "printed.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("7-9"))
    with pytest.raises(KnownError, match="not in this document"):
        paint_pdf(printer, three_pages(tmp_path / "Plan.pdf"))


def test_printing_from_the_app_runs_off_the_main_thread(qapp, tmp_path, monkeypatch, answers):
    source = three_pages(tmp_path / "Plan.pdf")
    printed = tmp_path / "printed.pdf"
    asked = []

    def choose(parent, printer, page_count) -> bool:
        asked.append(page_count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    threads = []
    real_paint = pdf_print.paint_pdf

    def paint(printer, path, progress=None):
        threads.append(threading.current_thread())
        return real_paint(printer, path, progress)

    monkeypatch.setattr(prompts, "choose_printer", choose)
    monkeypatch.setattr(pdf_print, "paint_pdf", paint)
    assert print_pdf(None, source) is True
    assert asked == [3], "the dialog is told how many pages there are"
    assert threads and threads[0] is not threading.main_thread()
    assert len(PdfReader(printed).pages) == 3
    assert answers.problems == []


def test_cancelling_the_print_dialog_prints_nothing(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(prompts, "choose_printer", lambda parent, printer, count: False)
    assert print_pdf(None, three_pages(tmp_path / "Plan.pdf")) is False


def test_a_file_that_has_gone_is_said_plainly(qapp, tmp_path, answers, monkeypatch):
    monkeypatch.setattr(prompts, "choose_printer", lambda parent, printer, count: True)
    assert print_pdf(None, tmp_path / "Moved.pdf") is False
    assert answers.problems == [
        ("Nothing was printed", "\u201cMoved.pdf\u201d is no longer there: it may have been moved.")
    ]
    (tmp_path / "Broken.pdf").write_bytes(b"not a pdf at all")
    assert print_pdf(None, tmp_path / "Broken.pdf") is False
    assert "could not be read as a PDF" in answers.problems[-1][1]


def test_copies_are_collated_or_not_and_the_last_page_can_come_first(qapp, tmp_path):
    # A printer writing a PDF cannot make copies itself, so they are painted here.
    printer = pdf_printer(tmp_path / "x.pdf")
    assert not printer.supportsMultipleCopies()
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert pages_to_print(printer, 3) == [0, 1, 2, 0, 1, 2]
    printer.setCollateCopies(False)
    assert pages_to_print(printer, 3) == [0, 0, 1, 1, 2, 2]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert pages_to_print(printer, 3) == [2, 2, 1, 1, 0, 0]
    printer.setCollateCopies(True)
    assert pages_to_print(printer, 3) == [2, 1, 0, 2, 1, 0]
    printer.setCopyCount(1)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("1-2"))
    assert pages_to_print(printer, 3) == [1, 0], "the pages chosen, last first"


def test_uncollated_copies_reach_the_printer_in_that_order(qapp, tmp_path):
    source = three_pages(tmp_path / "Plan.pdf")
    printed = tmp_path / "printed.pdf"
    printer = pdf_printer(printed)
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert paint_pdf(printer, source) == 6
    # Page 1 is black at the top, page 2 at the bottom: the last two printed are page 1.
    assert darkness(printed, 2)[1] > 150 and darkness(printed, 3)[1] > 150, "page 2 twice"
    assert darkness(printed, 4)[0] > 150 and darkness(printed, 5)[0] > 150, "then page 1 twice"
