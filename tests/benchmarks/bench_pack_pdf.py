"""The annual report and a whole pack, for a demo charity of 2,000 people and 5 years of records.

`pack_pdf` is the median time to make the pack a user gets from the Reports screen with every
document ticked (annual report, strategy, action plan, yearly evaluation, blank claim form),
through the app's own `make_document`: the records read, the PDF laid out with its cover,
contents and bookmarks, and saved. Its target is 3 s for a 40-page pack: when the pack has a
different number of pages, the time is scaled to 40 pages before it is compared.
`annual_report_pdf` is the annual report alone, the slowest single document.

Both are printed as ratios against reportlab building a plain 40-page document of paragraphs
in the same run (the floor any 40-page PDF costs on this machine).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from common import print_bench

from involve_desktop.db.engine import Database
from involve_desktop.db.startup import prepare_database
from involve_desktop.exports.make_document import make_document
from involve_desktop.services.demo import build_demo
from involve_desktop.services.report_documents import PACK_KINDS, DocumentKind, DocumentRequest

PEOPLE = 2_000
YEARS = 5
ACTIVITIES = 1_200  # about 240 a year, five a week, as a charity of this size may run
KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
RUNS = 5
TARGET_S = 3.0
TARGET_PAGES = 40


def plain_document(target: Path, pages: int) -> float:
    """Seconds reportlab takes to write `pages` pages of plain paragraphs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = getSampleStyleSheet()["BodyText"]
    words = "Members told us what mattered and we changed how the panel meets. " * 5
    story = [Paragraph(words, body) for _ in range(pages * 11)]
    started = time.perf_counter()
    SimpleDocTemplate(str(target), pagesize=A4).build(story)
    return time.perf_counter() - started


def main() -> None:
    import pypdf

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "involve.db"
        prepare_database(path, key=KEY)
        database = Database(path, key=KEY)
        with database.session_scope() as session:
            build_demo(session, people=PEOPLE, today=TODAY, activities=ACTIVITIES, years=YEARS)
        actor = None  # the documents in a pack need no signed-in staff member

        pack = DocumentRequest(DocumentKind.PACK, pack=PACK_KINDS)
        annual = DocumentRequest(DocumentKind.ANNUAL_REPORT)

        def timed(request: DocumentRequest, name: str) -> tuple[float, int]:
            times, pages = [], 0
            for run in range(RUNS):
                target = Path(folder) / f"{name}-{run}.pdf"
                started = time.perf_counter()
                pages = make_document(database, actor, request, target, TODAY)
                times.append(time.perf_counter() - started)
            assert len(pypdf.PdfReader(target).pages) == pages
            return statistics.median(times), pages

        make_document(database, actor, annual, Path(folder) / "warm.pdf", TODAY)
        plain = statistics.median(
            plain_document(Path(folder) / f"plain-{run}.pdf", TARGET_PAGES) for run in range(RUNS)
        )
        pack_seconds, pack_pages = timed(pack, "pack")
        annual_seconds, annual_pages = timed(annual, "annual")
        database.close()

    per_forty = pack_seconds * TARGET_PAGES / pack_pages
    print(f"# pack: {pack_pages} pages; annual report: {annual_pages} pages; plain 40 pages: "
          f"{plain * 1000:.0f} ms")  # fmt: skip
    print_bench(
        "pack_pdf",
        per_forty,
        "s",
        per_forty / plain,
        f"<={TARGET_S:.0f}s/{TARGET_PAGES}pages",
        per_forty <= TARGET_S,
    )
    print_bench(
        "annual_report_pdf",
        annual_seconds,
        "s",
        annual_seconds / plain,
        f"<={TARGET_S:.0f}s",
        annual_seconds <= TARGET_S,
    )


if __name__ == "__main__":
    main()
