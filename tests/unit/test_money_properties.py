"""Money always adds up exactly, for any amounts, rates and quantities (hypothesis).

The rounding rule is checked against plain integer arithmetic written here, not against the
code's own Decimal: a line is quantity (hundredths) times rate (pence) / 100, halves away from
zero.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from involve_desktop.domain.claims import ClaimDetails, ClaimLine, LineKind
from involve_desktop.domain.money import (
    MAX_QUANTITY_HUNDREDTHS,
    format_pence,
    format_quantity,
    format_rate,
    line_amount,
    parse_pence,
    parse_quantity,
)
from involve_desktop.services.payment_runs import plain_amount

PENCE = st.integers(min_value=-(10**12), max_value=10**12)
RATES = st.integers(min_value=0, max_value=10_000_00)
QUANTITIES = st.integers(min_value=0, max_value=MAX_QUANTITY_HUNDREDTHS)
TENTHS_OF_A_MILE = st.integers(min_value=1, max_value=MAX_QUANTITY_HUNDREDTHS // 10).map(
    lambda tenths: tenths * 10
)


def half_away_from_zero(quantity_hundredths: int, unit_pence: int) -> int:
    """quantity times rate / 100 rounded to whole pence, halves away from zero, in integers."""
    exact_hundredths = quantity_hundredths * unit_pence
    whole = (abs(exact_hundredths) + 50) // 100
    return whole if exact_hundredths >= 0 else -whole


@given(PENCE)
def test_any_amount_reads_back_as_it_was_written(pence):
    assert parse_pence(format_pence(pence), negative_allowed=True) == pence


@given(st.integers(min_value=0, max_value=10**9))
def test_any_rate_reads_back_whether_written_in_pence_or_pounds(pence):
    assert parse_pence(format_rate(pence)) == pence


@given(PENCE)
def test_plain_amounts_in_files_are_the_same_pence(pence):
    assert Decimal(plain_amount(pence)) * 100 == pence


@given(QUANTITIES)
def test_any_quantity_reads_back_as_it_was_written(hundredths):
    assert parse_quantity(format_quantity(hundredths)) == hundredths


@given(TENTHS_OF_A_MILE)
def test_miles_in_tenths_read_back_with_one_figure_after_the_point(hundredths):
    assert parse_quantity(format_quantity(hundredths), places=1) == hundredths


@given(
    st.integers(min_value=-MAX_QUANTITY_HUNDREDTHS, max_value=MAX_QUANTITY_HUNDREDTHS),
    st.integers(min_value=-10_000_00, max_value=10_000_00),
)
def test_a_line_is_the_exact_product_rounded_half_away_from_zero(quantity, rate):
    amount = line_amount(quantity, rate)
    assert amount == half_away_from_zero(quantity, rate)
    assert abs(amount * 100 - quantity * rate) <= 50  # never more than half a penny out
    assert line_amount(-quantity, rate) == -amount  # money back mirrors money paid


@given(TENTHS_OF_A_MILE, st.integers(min_value=1, max_value=100))
def test_mileage_in_tenths_of_a_mile_rounds_the_same_way(hundredths, pence_per_mile):
    assert line_amount(hundredths, pence_per_mile) == half_away_from_zero(
        hundredths, pence_per_mile
    )


def test_the_rounding_examples_people_will_check_by_hand():
    assert line_amount(1230, 45) == 554  # 12.3 miles at 45p is 553.5p
    assert line_amount(-1230, 45) == -554
    assert line_amount(150, 25_00) == 37_50
    assert line_amount(167, 25_00) == 41_75  # 100 minutes is 1.67 hours


@st.composite
def claim_lines(draw) -> ClaimLine:
    kind = draw(st.sampled_from(LineKind))
    sign = draw(st.sampled_from((1, 1, 1, -1)))  # some lines of adjusting claims go back
    if kind is LineKind.MILEAGE:
        quantity = draw(TENTHS_OF_A_MILE)
    elif kind is LineKind.EXPENSE:
        quantity = 100
    else:
        quantity = draw(QUANTITIES)
    day = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 900)))
    return ClaimLine(kind, kind.value, sign * quantity, draw(RATES), day)


@given(st.lists(claim_lines(), max_size=12))
def test_a_claims_fees_and_costs_make_its_total_and_its_lines_add_up_to_it(lines):
    details = ClaimDetails(1, "bank_transfer", tuple(lines))
    amounts = [half_away_from_zero(line.quantity_hundredths, line.unit_pence) for line in lines]
    fees = sum(a for a, line in zip(amounts, lines, strict=True) if line.kind is LineKind.FEE)
    assert details.fees_pence == fees
    assert details.expenses_pence == sum(amounts) - fees
    assert details.fees_pence + details.expenses_pence == details.total_pence == sum(amounts)
    assert details.work_date == min((line.line_date for line in lines), default=None)
