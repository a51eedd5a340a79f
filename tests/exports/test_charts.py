"""Charts in printed documents: each bar's label and number can be read back from the PDF
(a chart never stands without its figures), series are told apart without colour, and large
print makes the chart larger."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from pypdf import PdfReader

from involve_desktop.exports.charts import SWATCHES, bar_chart, grouped_bars, pyramid
from involve_desktop.exports.document import DocumentHeader, PdfOptions, build_pdf, styles

LEVELS = [("Observing", 120), ("Taking part", 45), ("Shaping", 12), ("Leading", 3)]
GROUPS = ["Youth group", "Carers' circle", "王芳's project"]
SPEND = [("Allocated", [250000, 120000, 50000]), ("Paid", [180050, 130000, 0])]


def chart_text(*charts_for) -> str:
    options = PdfOptions()
    look = styles(options)
    out = BytesIO()
    story = [make(look) for make in charts_for]
    build_pdf(out, "Charts", story, DocumentHeader("Org"), options, date(2026, 11, 26))
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(out.getvalue())).pages)
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Without spaces: a label drawn in two fonts reads back in two pieces."""
    return "".join(text.split())


def test_a_bar_chart_prints_every_label_and_value() -> None:
    page = chart_text(
        lambda look: bar_chart(
            ["Meetings", "Surveys", "Co-design days"],
            [12, 4, 0],
            title="Activities by power shared",
            look=look,
        )
    )
    for words in ("Activities by power shared", "Meetings", "Surveys", "Co-design days", "12"):
        assert words in page
    assert "Surveys 4 Co-design days 0" in page


def test_the_pyramid_has_observing_at_the_bottom_and_every_count() -> None:
    look = styles(PdfOptions())
    drawing = pyramid(LEVELS, look=look, title="Who takes part how")
    labels = {shape.text: shape.y for shape in drawing.contents if hasattr(shape, "text")}
    assert labels["Observing"] < labels["Taking part"] < labels["Shaping"] < labels["Leading"]
    page = chart_text(lambda look: pyramid(LEVELS, look=look))
    for label, count in LEVELS:
        assert label in page and str(count) in page


def test_spend_against_budget_shows_pounds_and_a_legend() -> None:
    page = chart_text(
        lambda look: grouped_bars(GROUPS, SPEND, title="Spend against budget", look=look)
    )
    for words in ("Allocated", "Paid", "Youth group", "王芳's project", "£2,500.00", "£1,800.50"):
        assert squeezed(words) in squeezed(page)
    assert "£0.00" in page


def test_series_differ_in_grey_and_hatching_not_colour() -> None:
    from reportlab.graphics.shapes import Line, Rect

    assert len({(swatch.grey, swatch.hatched) for swatch in SWATCHES}) == len(SWATCHES)
    look = styles(PdfOptions())
    three = [*SPEND, ("Promised", [1000, 2000, 3000])]
    drawing = grouped_bars(GROUPS, three, title="Three", look=look)
    fills = {
        (shape.fillColor.red, shape.fillColor.green, shape.fillColor.blue)
        for shape in drawing.contents
        if isinstance(shape, Rect)
    }
    assert all(red == green == blue for red, green, blue in fills), "greys only"
    hatch_lines = [shape for shape in drawing.contents if isinstance(shape, Line)]
    assert len(hatch_lines) > 10, "the third series is hatched"


def test_large_print_makes_charts_larger() -> None:
    normal = pyramid(LEVELS, look=styles(PdfOptions()))
    large = pyramid(LEVELS, look=styles(PdfOptions(large_print=True)))
    assert large.height > normal.height * 1.5
    sizes = {shape.fontSize for shape in large.contents if hasattr(shape, "fontSize")}
    assert min(sizes) >= 16
