"""The evaluation report's three charts, readable when printed in black and white.

Each chart is a small table of rows: the name in words, a bar, and the figure in words. So
every bar is named and counted in print (never told apart by colour alone), names in any
script print through the body font's fallback, and the chart grows with large print like
the text around it. Bars are greys of clearly different darkness with a black outline.

- `participation_pyramid`: the four levels, the narrow top (leading) first, each bar
  centred so the whole reads as a pyramid;
- `power_chart`: activities at each step of power shared, from "we inform" up;
- `budget_chart`: each budget's allocation as an outlined bar, filled dark for what is
  paid and lighter for what is approved to be paid; spending over the allocation runs past
  the outline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from involve_desktop.domain.level_history import LEVELS
from involve_desktop.domain.money import format_pence
from involve_desktop.exports.document import Styles, bold, text
from involve_desktop.services.year_figures_share import Share

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from involve_desktop.services.budgets import BudgetFigures
    from involve_desktop.services.year_figures_work import PowerCount

BLACK = (0, 0, 0)
WHITE = (1, 1, 1)
# From the pyramid's top to its base: dark to light, each a clear step apart in grey.
LEVEL_GREYS = (0.25, 0.45, 0.65, 0.85)
POWER_GREYS = (0.85, 0.65, 0.45, 0.25)  # more power shared, darker
PAID_GREY = 0.3
COMMITTED_GREY = 0.72
OUTLINE = 0.6  # points
SHARES = (0.3, 0.48, 0.22)  # of the text width: name, bar, figure
BUDGET_KEY = (
    "Each outline is the amount allocated; the dark part is paid, the lighter part is "
    "approved and waiting to be paid. A bar past its outline is over budget."
)


def participation_pyramid(by_level: Sequence[int], look: Styles) -> Flowable:
    """How many took part at each level, top (leading) first, bars centred."""
    widest = max(by_level, default=0)
    rows = []
    for index in reversed(range(len(LEVELS))):
        count = by_level[index]
        rows.append(
            (
                LEVELS[index].label,
                _Bar(count / widest if widest else 0, LEVEL_GREYS[len(LEVELS) - 1 - index],
                     centred=True),
                f"{count:,}",
            )
        )  # fmt: skip
    return _chart("Took part, by level", rows, look)


def power_chart(by_power: Sequence[PowerCount], look: Styles) -> Flowable:
    """Activities at each step of power shared, least power first."""
    most = max((row.count for row in by_power), default=0)
    total = sum(row.count for row in by_power)
    rows = [
        (
            row.power.label,
            _Bar(row.count / most if most else 0, POWER_GREYS[row.power.step - 1]),
            Share(row.count, total).words("none"),
        )
        for row in by_power
    ]
    return _chart("Activities, by power shared", rows, look)


def budget_chart(budgets: Sequence[BudgetFigures], look: Styles) -> list[Flowable]:
    """Each budget: allocated (outline), paid (dark) and committed (lighter), to one scale."""
    scale = max(
        (max(b.allocated_pence, b.paid_pence + b.committed_pence) for b in budgets), default=0
    )
    rows = []
    for budget in budgets:
        used = budget.paid_pence + budget.committed_pence
        rows.append(
            (
                budget.name,
                _BudgetBar(budget.allocated_pence, budget.paid_pence, budget.committed_pence,
                           scale),
                f"{format_pence(used)} of {format_pence(budget.allocated_pence)}",
            )
        )  # fmt: skip
    return [_chart("Spending against each budget", rows, look), text(BUDGET_KEY, look.small)]


def _chart(name: str, rows: Sequence[tuple[str, Any, str]], look: Styles) -> Flowable:
    """The rows as a borderless table: name, bar, figure; kept on one page."""
    from reportlab.platypus import KeepTogether, Table, TableStyle

    widths = [look.width * share for share in SHARES]
    bar_height = look.cell.leading * 1.1
    data = [
        [
            text(label, look.cell),
            bar.drawing(widths[1] - 8 * look.scale, bar_height),
            text(figure, look.cell_figure),
        ]
        for label, bar, figure in rows
    ]
    chart = Table(data, colWidths=widths, hAlign="LEFT", spaceAfter=look.body_points * 0.6)
    chart.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * look.scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * look.scale),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * look.scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * look.scale),
            ]
        )
    )
    return KeepTogether([text([bold(name)], look.small), chart])


class _Bar:
    """A bar `fraction` of the room long, in one grey, from the left or centred."""

    def __init__(self, fraction: float, grey: float, *, centred: bool = False) -> None:
        self.fraction = max(0.0, min(1.0, fraction))
        self.grey = grey
        self.centred = centred

    def drawing(self, width: float, height: float) -> Flowable:
        from reportlab.graphics.shapes import Drawing, Line, Rect
        from reportlab.lib.colors import Color

        drawing = Drawing(width, height)
        length = width * self.fraction
        left = (width - length) / 2 if self.centred else 0
        if length > 0:
            drawing.add(
                Rect(left, 0, length, height, fillColor=Color(*(self.grey,) * 3),
                     strokeColor=Color(*BLACK), strokeWidth=OUTLINE)
            )  # fmt: skip
        else:
            # Nothing at this step: a short upright tick, so the row is seen to be empty.
            middle = width / 2 if self.centred else OUTLINE
            drawing.add(Line(middle, 0, middle, height, strokeColor=Color(*BLACK),
                             strokeWidth=OUTLINE))  # fmt: skip
        return drawing


class _BudgetBar:
    def __init__(self, allocated: int, paid: int, committed: int, scale: int) -> None:
        self.allocated, self.paid, self.committed, self.scale = allocated, paid, committed, scale

    def drawing(self, width: float, height: float) -> Flowable:
        from reportlab.graphics.shapes import Drawing, Rect
        from reportlab.lib.colors import Color

        drawing = Drawing(width, height)
        if self.scale <= 0:
            return drawing
        per_penny = width / self.scale
        fill_height = height * 0.6
        lift = (height - fill_height) / 2
        paid = self.paid * per_penny
        committed = self.committed * per_penny
        for left, length, grey in ((0, paid, PAID_GREY), (paid, committed, COMMITTED_GREY)):
            if length > 0:
                drawing.add(
                    Rect(left, lift, length, fill_height, fillColor=Color(*(grey,) * 3),
                         strokeColor=None)
                )  # fmt: skip
        drawing.add(
            Rect(0, 0, self.allocated * per_penny, height, fillColor=None,
                 strokeColor=Color(*BLACK), strokeWidth=OUTLINE * 1.5)
        )  # fmt: skip
        return drawing
