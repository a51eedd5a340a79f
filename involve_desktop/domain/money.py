"""Money as whole pence, and quantities (hours, sessions, miles) as hundredths.

Every amount in the app is an `int` of pence; this module is the one place that reads what
people type ("£1,234.50", "12.5", "50p") and writes it back, and the one rule for rounding a
quantity times a rate. Decimal does the arithmetic, so no binary fraction ever touches money.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HUNDREDTHS = 100
# A claim line above this is almost certainly a typing slip (an extra nought); a charity
# paying more in one line can split it.
MAX_LINE_PENCE = 10_000_00
MAX_QUANTITY_HUNDREDTHS = 10_000 * HUNDREDTHS

# Commas only between groups of three figures ("1,234.50"): "1,5" is a decimal comma, which
# would otherwise be read as fifteen.
_NUMBER = r"(?P<number>(\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)"
_MONEY_TEXT = re.compile(rf"^(?P<sign>[-\u2212])?£?{_NUMBER}(?P<pence>p)?$")
_NUMBER_TEXT = re.compile(rf"^(?P<sign>[-\u2212])?{_NUMBER}$")
_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}p?$|\d,\d{4,}")


class NotAnAmount(ValueError):
    """Text that is not an amount of money or a quantity; the message says why, plainly."""


def format_pence(pence: int) -> str:
    """'£1,234.50'; '-£12.00' for money going back."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def format_rate(pence: int) -> str:
    """A rate per unit: '45p' under a pound (as mileage rates are said), else '£25.00'."""
    return f"{pence}p" if 0 <= pence < 100 else format_pence(pence)


def parse_pence(text: str, *, negative_allowed: bool = False) -> int:
    """'£1,234.50', '1234.5', '12', '50p' → pence. Raises `NotAnAmount` with a plain message."""
    cleaned = "".join(text.split())
    match = _MONEY_TEXT.match(cleaned)
    if not cleaned:
        raise NotAnAmount("Please enter an amount, for example 12.50.")
    if match is None:
        _refuse_decimal_comma(cleaned)
        raise NotAnAmount(f"“{text.strip()}” is not an amount of money. Write it like 12.50.")
    number = _decimal(match["number"])
    if match["pence"]:
        if number != number.to_integral_value():
            raise NotAnAmount("Pence are whole numbers: write 12p or £0.12.")
        pence = int(number)
    else:
        if number.as_tuple().exponent < -2:  # type: ignore[operator]
            raise NotAnAmount("Amounts have at most two figures after the point, like 12.50.")
        pence = int(number * 100)
    if match["sign"]:
        if not negative_allowed:
            raise NotAnAmount("An amount cannot be less than nothing here.")
        pence = -pence
    return pence


def format_quantity(hundredths: int) -> str:
    """1.5 hours is stored as 150 and shown as '1.5'; 200 as '2'."""
    value = Decimal(hundredths) / HUNDREDTHS
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_quantity(text: str, *, places: int = 2, negative_allowed: bool = False) -> int:
    """'1.5' → 150 hundredths. `places` limits the figures after the point (miles: 1)."""
    cleaned = "".join(text.split())
    if not cleaned:
        raise NotAnAmount("Please enter how many, for example 1 or 2.5.")
    match = _NUMBER_TEXT.match(cleaned)
    if match is None:
        _refuse_decimal_comma(cleaned)
        raise NotAnAmount(f"“{text.strip()}” is not a number. Write it like 2.5.")
    number = _decimal(match["number"])
    if number.as_tuple().exponent < -places:  # type: ignore[operator]
        example = "12.3" if places == 1 else "2.25"
        raise NotAnAmount(
            f"Please use at most {places} figure{'s' if places > 1 else ''} after the point, "
            f"like {example}."
        )
    hundredths = int(number * HUNDREDTHS)
    if match["sign"]:
        if not negative_allowed:
            raise NotAnAmount("A quantity cannot be less than nothing.")
        hundredths = -hundredths
    return hundredths


def line_amount(quantity_hundredths: int, unit_pence: int) -> int:
    """Quantity times rate in whole pence, halves rounded away from zero (12.3 miles at 45p is
    553.5p, paid as 554p). The one rounding rule for every line in the app."""
    exact = Decimal(quantity_hundredths) * Decimal(unit_pence) / HUNDREDTHS
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _refuse_decimal_comma(cleaned: str) -> None:
    if _DECIMAL_COMMA.search(cleaned):
        raise NotAnAmount(f"“{cleaned}”: please write it with a point, not a comma, like 1.50.")


def _decimal(number: str) -> Decimal:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation as error:  # the patterns above make this unreachable in practice
        raise NotAnAmount(f"“{number}” is not a number.") from error
