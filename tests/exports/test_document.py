"""The page every printed document shares, read back from the PDF: the organisation on every
page, "Page n of m" with the date made, the PDF's title and author, bookmarks from headings,
a contents list, table headings repeated on the pages a table runs onto, large print, and
text escaped so a name like "O'Brien & <Okafor>" prints as written."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from involve_desktop.exports.document import (
    A4,
    MM,
    DocumentHeader,
    PdfOptions,
    bold,
    build_pdf,
    contents,
    heading,
    styles,
    table,
    text,
)
from tests.exports.pdf_checks import blank_pages

MADE_ON = date(2026, 11, 26)
HEADER = DocumentHeader("Riverside Voices", None, "1234567")
NAMES = ("王芳", "Łukasz Wiśniewski", "Siân ap Gwilym", "عائشہ قریشی")


def pages_text(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]


NORMAL = PdfOptions()


def make(story_for, options: PdfOptions = NORMAL, **keywords) -> tuple[bytes, int]:
    look = styles(options)
    out = BytesIO()
    pages = build_pdf(out, "Test document", story_for(look), HEADER, options, MADE_ON, **keywords)
    return out.getvalue(), pages


def long_table_story(look):
    rows = [
        (f"Person {number}", "Came to the planning day " * 3, f"£{number}.00")
        for number in range(90)
    ]
    return [
        heading("Who took part", 0, look),
        text("Everyone who came this year.", look.body),
        table(("Name", "What they did", "Paid"), rows, (2, 5, 1.2), look, numeric_columns=(2,)),
    ]


def test_every_page_has_the_organisation_page_n_of_m_and_the_date_made() -> None:
    data, pages = make(long_table_story)
    texts = pages_text(data)
    assert pages == len(texts) >= 3
    for number, page in enumerate(texts, start=1):
        assert "Riverside Voices" in page
        assert "Registered charity number 1234567" in page
        assert f"Page {number} of {pages} · Made on 26 November 2026" in page


def test_the_table_heading_is_repeated_on_the_next_page() -> None:
    data, _pages = make(long_table_story)
    second = pages_text(data)[1]
    assert "Name What they did Paid" in second
    assert "Person 89" in pages_text(data)[-1]


def test_the_pdf_knows_its_title_author_and_subject() -> None:
    data, _pages = make(long_table_story, subject="Who took part in 2026")
    info = PdfReader(BytesIO(data)).metadata
    assert info.title == "Test document"
    assert info.author == "Riverside Voices"
    assert info.subject == "Who took part in 2026"


def test_headings_become_bookmarks_pointing_at_their_pages() -> None:
    def story(look):
        return [
            heading("Strategy", 0, look),
            text("Why we involve people. " * 400, look.body),
            heading("Our aims", 1, look),
            text("Aims.", look.body),
            heading("Detail", 2, look),
            text("More.", look.body),
        ]

    data, _pages = make(story)
    reader = PdfReader(BytesIO(data))
    found: list[tuple[str, int]] = []

    def walk(entries) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.append((entry.title, reader.get_destination_page_number(entry)))

    walk(reader.outline)
    assert found[0] == ("Strategy", 0)
    assert found[1][0] == "Our aims" and found[1][1] >= 1
    assert found[2][0] == "Detail"
    assert isinstance(reader.outline[1], list), "'Our aims' sits under 'Strategy'"


def test_a_contents_list_gives_each_heading_its_page() -> None:
    def story(look):
        return [
            heading("First part", 0, look),
            text("Words. " * 700, look.body),
            heading("Second part", 0, look),
            text("More words.", look.body),
        ]

    data, pages = make(story, with_contents=True)
    texts = pages_text(data)
    assert pages == len(texts) >= 3
    assert "Contents" in texts[0]
    second_page = next(n for n, page in enumerate(texts, 1) if "Second part More words" in page)
    assert second_page >= 3
    listing = texts[0].split("Contents", 1)[1]
    assert "First part" in listing
    assert re.search(rf"Second part {second_page}\b", listing), listing


def test_a_contents_list_placed_by_hand_after_a_cover() -> None:
    from reportlab.platypus import PageBreak

    def story(look):
        return [
            text("Pack for the trustees", look.title),
            PageBreak(),
            *contents(look),
            PageBreak(),
            heading("Strategy", 0, look),
            text("Words.", look.body),
        ]

    data, _pages = make(story)
    texts = pages_text(data)
    assert "Pack for the trustees" in texts[0]
    assert "Contents" in texts[1] and "Strategy" in texts[1]
    assert "Strategy Words." in texts[2]


def test_text_is_escaped_and_bold_fragments_are_bold() -> None:
    def story(look):
        return [text(["Chair: ", bold("O'Brien & <Okafor>"), "\nsecond line"], look.body)]

    data, _pages = make(story)
    page = pages_text(data)[0]
    assert "Chair: O'Brien & <Okafor>" in page
    assert "second line" in page
    fonts = _font_names(data)
    assert any("DejaVuSans-Bold" in name for name in fonts)


def test_names_in_four_scripts_print_in_the_shipped_fonts() -> None:
    def story(look):
        return [
            text(f"Members: {', '.join(NAMES)}.", look.body),
            table(("Name",), [(name,) for name in NAMES], (1,), look),
        ]

    data, _pages = make(story)
    page = pages_text(data)[0]
    for name in ("王芳", "Łukasz Wiśniewski", "Siân ap Gwilym"):
        assert name in page
    fonts = _font_names(data)
    assert any("DroidSansFallback" in name for name in fonts), fonts
    assert any("NotoNaskhArabic" in name for name in fonts), fonts


def test_large_print_sets_the_body_at_16_points_or_more() -> None:
    normal = styles(PdfOptions())
    large = styles(PdfOptions(large_print=True))
    assert 10 <= normal.body.fontSize <= 11
    for style in (large.body, large.small, large.cell, large.cell_header, *large.headings):
        assert style.fontSize >= 16
    assert large.headings[0].fontSize > large.headings[1].fontSize > large.body.fontSize
    _data, normal_pages = make(long_table_story)
    _data, large_pages = make(long_table_story, PdfOptions(large_print=True))
    assert large_pages > normal_pages * 1.5


def test_progress_is_reported_and_ends_complete(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    look = styles(PdfOptions())
    pages = build_pdf(
        tmp_path / "out.pdf",
        "Test",
        long_table_story(look),
        HEADER,
        PdfOptions(),
        MADE_ON,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert pages >= 3
    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_a_logo_prints_and_a_damaged_one_is_left_out() -> None:
    pytest.importorskip("PIL")
    from PIL import Image

    picture = BytesIO()
    Image.new("RGB", (400, 100), (20, 90, 160)).save(picture, format="PNG")
    for logo in (picture.getvalue(), b"not an image"):
        look = styles(PdfOptions())
        out = BytesIO()
        header = DocumentHeader("Riverside Voices", logo)
        build_pdf(out, "Logo", [text("Hello", look.body)], header, PdfOptions(), MADE_ON)
        page = PdfReader(BytesIO(out.getvalue())).pages[0]
        images = list(page.images)
        assert len(images) == (1 if logo is picture.getvalue() else 0)


def _font_names(data: bytes) -> list[str]:
    names: list[str] = []
    for page in PdfReader(BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.append(str(font.get_object()["/BaseFont"]))
    return names


def test_every_page_of_a_document_with_every_feature_prints_something() -> None:
    """Rendered to pictures (as a printer would), no page is blank between header and foot."""
    pdfium = pytest.importorskip("pypdfium2")
    from involve_desktop.exports.charts import grouped_bars, pyramid

    def story(look):
        return [
            text("Everything at once", look.title),
            text(f"Names: {', '.join(NAMES)}.", look.body),
            *long_table_story(look),
            heading("Charts", 0, look),
            pyramid([("Observing", 40), ("Taking part", 12), ("Leading", 2)], look=look),
            grouped_bars(["Youth group"], [("Allocated", [5000]), ("Paid", [2500])],
                         title="Spend", look=look),
        ]  # fmt: skip

    for options in (PdfOptions(), PdfOptions(large_print=True)):
        data, pages = make(story, options, with_contents=True)
        assert len(pdfium.PdfDocument(data)) == pages
        assert blank_pages(data) == [], f"a blank page ({options})"


def test_a_long_contents_runs_onto_a_second_page_and_links_to_each_heading() -> None:
    def story(look):
        found = []
        for number in range(60):
            found.append(heading(f"Part {number}", 0 if number % 3 == 0 else 1, look))
            found.append(text("Words. " * 30, look.body))
        return found

    data, pages = make(story, PdfOptions(large_print=True), with_contents=True)
    texts = pages_text(data)
    start = next(index for index, page in enumerate(texts) if "Part 0 Words." in page)
    listed = " ".join(texts[:start])
    assert start >= 2, "the contents take more than one page"
    assert "Part 0" in texts[0] and "Part 59" in listed
    assert "Words." not in listed, "the contents pages hold only the contents"
    links = PdfReader(BytesIO(data)).pages[0]["/Annots"]
    assert len(links) >= 10
    assert pages == len(texts)


def _a_logo() -> bytes:
    pytest.importorskip("PIL")
    from PIL import Image

    picture = BytesIO()
    Image.new("RGB", (400, 100), (20, 90, 160)).save(picture, format="PNG")
    return picture.getvalue()


LONG_NAMES = (
    "Cymdeithas Gofalwyr Cymunedol Llanfair Pwllgwyngyll a'r Cylch — 社区照顾者协会 "
    "Partneriaeth Iechyd a Lles Gogledd Cymru ac Ynys Môn",
    "北京市朝阳区社区照顾者互助协会志愿者服务中心与居民参与委员会联合办公室" * 2,
)


@pytest.mark.parametrize("name", LONG_NAMES)
@pytest.mark.parametrize("large", [False, True])
def test_a_long_name_beside_a_logo_stays_clear_of_the_page_below_it(name, large) -> None:
    from tests.exports.pdf_checks import box_of, boxes

    options = PdfOptions(large_print=large)
    look = styles(options)
    story = [heading("Start of the story", 0, look), text("Words. " * 600, look.body)]
    out = BytesIO()
    header = DocumentHeader(name, _a_logo(), "1234567")
    pages = build_pdf(out, "Long name", story, header, options, MADE_ON)
    data = out.getvalue()
    assert pages >= 2
    for page in range(pages):
        printed = boxes(data, page)
        drawn = "".join(character for character, _box in printed)
        start = drawn.index("Start" if page == 0 else "Words")
        top_of_story = max(box[3] for _character, box in printed[start : start + 5])
        header = [box for _character, box in printed[:start]]
        assert min(box[1] for box in header) > top_of_story, f"the header runs into page {page + 1}"
        # Two lines of name at most, then the charity number: a longer name is cut.
        assert len(lines_of(header)) == 3
        logo_left = A4[0] - 18 * MM - 6 - 45 * MM
        assert all(box[2] <= logo_left for _character, box in printed[:start])
    assert "…" in pages_text(data)[0]
    number = box_of(data, "Registered charity number")
    name = box_of(data, name[:3])
    assert number[3] < name[1], "the charity number is under the name"


def lines_of(edges) -> list[float]:
    """The baselines (roughly: the lowest bottom) of the lines the character boxes sit on."""
    lines: list[float] = []
    for bottom in sorted((box[1] for box in edges), reverse=True):
        if not lines or lines[-1] - bottom > 6:
            lines.append(bottom)
        else:
            lines[-1] = bottom
    return lines


def test_headings_that_skip_a_level_are_bookmarked_as_siblings() -> None:
    def story(look):
        return [
            heading("Part", 0, look),
            heading("First question", 2, look),
            text("Answer.", look.body),
            heading("Second question", 2, look),
            heading("A section", 1, look),
            heading("Third question", 2, look),
            heading("Next part", 0, look),
        ]

    data, _pages = make(story)
    reader = PdfReader(BytesIO(data))
    assert [title for title, _depth in outline_depths(reader.outline)] == [
        "Part", "First question", "Second question", "A section", "Third question", "Next part",
    ]  # fmt: skip
    assert [depth for _title, depth in outline_depths(reader.outline)] == [0, 1, 1, 1, 2, 0]


def outline_depths(items, depth: int = 0) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for item in items:
        if isinstance(item, list):
            found += outline_depths(item, depth + 1)
        else:
            found.append((item.title, depth))
    return found


def test_the_foot_names_the_document_in_any_script() -> None:
    import unicodedata

    title = "Payment statement for 王芳 and عائشہ قریشی"
    for options in (PdfOptions(), PdfOptions(large_print=True)):
        look = styles(options)
        out = BytesIO()
        build_pdf(out, title, [text("Hello", look.body)], HEADER, options, MADE_ON)
        said = unicodedata.normalize("NFKC", PdfReader(out).pages[0].extract_text())
        assert "Payment statement for 王芳 and" in said
        assert "عائشہ قریشی" in said


def test_large_print_sets_the_foot_and_charity_number_at_16_points() -> None:
    options = PdfOptions(large_print=True)
    look = styles(options)
    out = BytesIO()
    build_pdf(out, "Sizes", [text("Hello", look.body)], HEADER, options, MADE_ON)
    sizes: dict[str, float] = {}

    def visit(words, _cm, matrix, _font, size):  # type: ignore[no-untyped-def]
        if words.strip():
            sizes[words.strip()] = size * matrix[0]

    PdfReader(out).pages[0].extract_text(visitor_text=visit)
    furniture = [size for words, size in sizes.items() if words.startswith(("Page 1", "Regist"))]
    assert len(furniture) == 2 and min(furniture) >= 16


def test_a_paragraph_never_leaves_its_last_line_alone_at_the_top_of_a_page() -> None:
    """However much comes before it, the five lines of the last paragraph split 3 and 2 or
    not at all, never 4 and 1."""
    ending = "\n".join(f"Closing line {number}" for number in range(1, 6))
    seen_split = False
    for fillers in range(40, 56):
        for options in (PdfOptions(), PdfOptions(large_print=True)):
            look = styles(options)
            story = [text(f"Filler {number}", look.body) for number in range(fillers)]
            story.append(text(ending, look.body))
            out = BytesIO()
            build_pdf(out, "Widows", story, HEADER, options, MADE_ON)
            on_last = pages_text(out.getvalue())[-1].count("Closing line")
            assert on_last != 1, f"a widow after {fillers} fillers ({options})"
            seen_split = seen_split or 1 < on_last < 5
    assert seen_split, "the paragraph was split at least once"


def test_a_tables_last_rows_stay_together_so_a_total_is_never_alone() -> None:
    seen_break = False
    for fillers in range(20, 40):
        look = styles(NORMAL)
        rows = [(f"Row {number}", f"£{number}.00") for number in range(1, 9)]
        rows.append(("Total", "£36.00"))
        story = [text(f"Filler {number}", look.body) for number in range(fillers)]
        story.append(table(("What", "Amount"), rows, (3, 1), look, keep_last_rows=3))
        out = BytesIO()
        build_pdf(out, "Totals", story, HEADER, NORMAL, MADE_ON)
        last = pages_text(out.getvalue())[-1]
        assert "Total £36.00" in last
        assert "Row 7 £7.00" in last and "Row 8 £8.00" in last, f"after {fillers} fillers"
        seen_break = seen_break or "Row 1 " not in last
    assert seen_break, "the table ran onto a second page at least once"
