"""The lines of a claim as a table edited like a spreadsheet: what each line is for, how many,
at what rate, and its receipts.

Fee and mileage rates come from the payment policy in force on the line's date and are never
typed over; an expense is typed as the amount spent. What cannot be read is refused with a
plain message in the line's own "Check" cell, so a cell never silently holds something else
than what is shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import IntEnum

from PySide6.QtCore import QModelIndex, Qt, Signal

from involve_desktop.domain.claims import (
    EARLIEST_LINE_DATE,
    LATEST_LINE_DATE,
    ClaimLine,
    FeeUnit,
    LineKind,
    PolicyDetails,
    Receipt,
    expense_problem,
)
from involve_desktop.domain.dates import NotADate, parse_date, short_date
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import (
    NotAnAmount,
    format_pence,
    format_quantity,
    format_rate,
    parse_pence,
    parse_quantity,
)
from involve_desktop.ui.widgets.records_model import Column, Index, RecordsTableModel

EDIT = Qt.ItemDataRole.EditRole
WARNING = "\u26a0 "
ONE = 100  # an expense is one of itself: the amount typed is the whole line
POLICY_PLACE = "Settings \u2192 Payment policy"
LINE_PREFIX = re.compile(r"^Line \d+: ")


class Col(IntEnum):
    KIND = 0
    DATE = 1
    ACTIVITY = 2
    WHAT = 3
    QUANTITY = 4
    RATE = 5
    AMOUNT = 6
    RECEIPTS = 7
    CHECK = 8


# Which cell a problem from the services belongs to ('line 2 quantity' → the quantity cell).
FIELD_COLUMNS = {
    "kind": Col.KIND,
    "date": Col.DATE,
    "activity": Col.ACTIVITY,
    "rate": Col.WHAT,
    "quantity": Col.QUANTITY,
    "amount": Col.AMOUNT,
    "receipt": Col.RECEIPTS,
}
# The problems an edit of a cell puts right (or makes worth checking again).
CLEARED_BY = {
    Col.KIND: ("kind", "rate", "quantity", "amount"),
    Col.DATE: ("date", "rate"),
    Col.ACTIVITY: ("activity", "date", "rate"),
    Col.WHAT: ("rate",),
    Col.QUANTITY: ("quantity", "amount"),
    Col.AMOUNT: ("quantity", "amount", "receipt"),
}
NO_ACTIVITY = 0  # activity ids start at 1; a list's "none" needs a value it can find again
UNIT_WORDS = {
    FeeUnit.HOUR.value: ("hour", "hours"),
    FeeUnit.HALF_DAY.value: ("half day", "half days"),
    FeeUnit.DAY.value: ("day", "days"),
    FeeUnit.SESSION.value: ("session", "sessions"),
}
MILES = ("mile", "miles")
PER_UNIT = {unit.value: ("an " if unit is FeeUnit.HOUR else "a ") + unit.value for unit in FeeUnit}


@dataclass(frozen=True)
class ActivityChoice:
    activity_id: int
    title: str
    held_on: date

    @property
    def label(self) -> str:
        return f"{self.title} ({short_date(self.held_on)})"


@dataclass
class LineRow:
    """One line as the editor holds it, with what is wrong with it in words, by field."""

    line: ClaimLine
    problems: dict[str, str] = field(default_factory=dict)


class PolicyBook:
    """The payment policy's versions, each read once, the first time a line's date needs it."""

    def __init__(
        self, versions: Sequence[tuple[int, date]], load: Callable[[int], PolicyDetails]
    ) -> None:
        self._load = load
        self.refresh(versions)

    def refresh(self, versions: Sequence[tuple[int, date]]) -> None:
        """Forget what was read: a version may have been added or changed since."""
        self.versions = sorted(versions, key=lambda version: version[1], reverse=True)
        self._read: dict[int, PolicyDetails] = {}

    def on(self, day: date) -> PolicyDetails | None:
        for policy_id, starts in self.versions:
            if starts <= day:
                if policy_id not in self._read:
                    self._read[policy_id] = self._load(policy_id)
                return self._read[policy_id]
        return None


def what_label(claim_line: ClaimLine) -> str:
    if claim_line.kind is LineKind.FEE and claim_line.rate_name in UNIT_WORDS:
        return FeeUnit(claim_line.rate_name).label
    return claim_line.rate_name


def per_unit(claim_line: ClaimLine) -> str:
    """'an hour', 'a mile', or 'for “Interview panel”' for a rate the charity named."""
    if claim_line.kind is LineKind.MILEAGE:
        return "a mile"
    return PER_UNIT.get(claim_line.rate_name, f"for \u201c{claim_line.rate_name}\u201d")


def quantity_text(claim_line: ClaimLine) -> str:
    if claim_line.kind is LineKind.EXPENSE:
        return "1"
    if not claim_line.quantity_hundredths:
        return ""
    words = MILES if claim_line.kind is LineKind.MILEAGE else UNIT_WORDS.get(claim_line.rate_name)
    number = format_quantity(claim_line.quantity_hundredths)
    if words is None:
        return number
    one = abs(claim_line.quantity_hundredths) == ONE  # "-1 hour" on a correction too
    return f"{number} {words[0] if one else words[1]}"


class ClaimLinesModel(RecordsTableModel[LineRow]):
    """`edited` follows every change the user makes to the lines."""

    edited = Signal()

    def __init__(self, policies: PolicyBook) -> None:
        super().__init__(
            (
                Column("Kind", lambda row: row.line.kind.label),
                Column("Date", lambda row: short_date(row.line.line_date)),
                Column("Activity", self._activity_text),
                Column("What", lambda row: what_label(row.line)),
                Column("How many", lambda row: quantity_text(row.line), figure=True),
                Column("Rate", self._rate_text, figure=True),
                Column("Amount", lambda row: format_pence(row.line.amount_pence), figure=True),
                Column("Receipts", lambda row: str(len(row.line.receipts) or "None")),
                Column("Check", self.note, self.notes),
            )
        )
        self.policies = policies
        self.activities: dict[int, ActivityChoice] = {}
        self.default_date = date.today()
        self.default_activity_id: int | None = None
        self.adjusting = False
        self.read_only = False

    # --- the lines -----------------------------------------------------------------------

    def set_lines(self, lines: Sequence[ClaimLine]) -> None:
        self.set_records([LineRow(claim_line) for claim_line in lines])

    def lines(self) -> tuple[ClaimLine, ...]:
        return tuple(row.line for row in self.records)

    def set_activities(self, choices: Sequence[ActivityChoice]) -> None:
        self.activities = {choice.activity_id: choice for choice in choices}
        if self.records:
            self._changed_rows(0, len(self.records) - 1)

    def follow_corrected(self, corrected: Sequence[ClaimLine], today: date) -> None:
        """A correction's new lines take the corrected claim's work date (so its rates and its
        week's benefits figures) and its activity when all its lines share one."""
        self.default_date = min((line.line_date for line in corrected), default=today)
        activities = {line.activity_id for line in corrected}
        self.default_activity_id = activities.pop() if len(activities) == 1 else None

    def add_line(self, after: int | None = None) -> int:
        """A new line below `after` (or at the end), like the line above it; returns its row."""
        row = len(self.records) if after is None else min(after + 1, len(self.records))
        above = self.record_at(row - 1)
        if above is not None:
            kind, day, activity_id = above.line.kind, above.line.line_date, above.line.activity_id
        else:
            day, activity_id = self.default_date, self.default_activity_id
            policy = self.policies.on(day)
            kind = LineKind.FEE if policy and policy.rates_of(LineKind.FEE) else LineKind.EXPENSE
        new_line = self._fresh(ClaimLine(kind, "", 0, 0, day, activity_id=activity_id))
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.insert(row, LineRow(new_line))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_rows(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.records):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.records[row]
                self.endRemoveRows()
                self.edited.emit()

    def add_receipt(self, row: int, receipt: Receipt) -> None:
        record = self.records[row]
        record.line = replace(record.line, receipts=(*record.line.receipts, receipt))
        record.problems.pop("receipt", None)
        self._changed_rows(row, row)
        self.edited.emit()

    def remove_receipt(self, row: int, position: int) -> None:
        record = self.records[row]
        receipts = list(record.line.receipts)
        del receipts[position]
        record.line = replace(record.line, receipts=tuple(receipts))
        self._changed_rows(row, row)
        self.edited.emit()

    def bring_rates_up_to_date(self) -> list[str]:
        """Fee and mileage lines take the rate the policy now has for their date (a version
        added later for an earlier date changes what a draft should pay); says what changed,
        as 'line 2 was £25.00 an hour, now £30.00'. A rate the policy no longer has is left
        for the line's Check cell to point out."""
        changed = []
        for number, row in enumerate(self.records, start=1):
            if row.line.kind is LineKind.EXPENSE:
                continue
            policy = self.policies.on(row.line.line_date)
            rate = policy.rate(row.line.kind, row.line.rate_name) if policy else None
            if rate is None or rate.unit_pence is None or rate.unit_pence == row.line.unit_pence:
                continue
            changed.append(
                f"line {number} was {format_rate(row.line.unit_pence)} {per_unit(row.line)}, "
                f"now {format_rate(rate.unit_pence)}"
            )
            row.line = replace(row.line, unit_pence=rate.unit_pence)
        if changed:
            self._changed_rows(0, len(self.records) - 1)
        return changed

    def totals(self) -> dict[LineKind, int]:
        """Pence by kind of line."""
        sums = dict.fromkeys(LineKind, 0)
        for row in self.records:
            sums[row.line.kind] += row.line.amount_pence
        return sums

    # --- problems ------------------------------------------------------------------------

    def show_problems(self, errors: dict[str, str]) -> list[tuple[int, int]]:
        """Put the services' 'line 2 quantity' messages on their lines; (row, column) of each."""
        for row in self.records:
            row.problems = {k: v for k, v in row.problems.items() if k == "typed"}
        places = []
        for key, message in errors.items():
            words = key.split()
            if len(words) == 3 and words[0] == "line" and words[1].isdigit():
                row = int(words[1]) - 1
                if 0 <= row < len(self.records):
                    self.records[row].problems[words[2]] = message
                    places.append((row, FIELD_COLUMNS.get(words[2], Col.CHECK)))
        if self.records:
            self._changed_rows(0, len(self.records) - 1)
        return places

    def typing_problems(self) -> list[str]:
        """Cells the user typed that could not be read (and so were not taken)."""
        return [row.problems["typed"] for row in self.records if "typed" in row.problems]

    def problem_texts(self) -> list[str]:
        """What needs putting right, line by line, in full (the cells can only show the start)."""
        found = []
        for number, row in enumerate(self.records, start=1):
            found += list(row.problems.values())
            rate = self.rate_note(row.line)
            if rate:
                found.append(f"Line {number}: {rate}")
        return found

    def notes(self, row: LineRow) -> str:
        """Everything to say about a line, for its tooltip and screen readers."""
        found = list(row.problems.values())
        rate = self.rate_note(row.line)
        if rate:
            found.append(rate)
        return "\n".join(found)

    def note(self, row: LineRow) -> str:
        """The one thing to say first in the line's Check cell."""
        if row.problems:
            said = next(iter(row.problems.values()))
            said = LINE_PREFIX.sub("", said)  # the row itself says which line
            return WARNING + said[:1].upper() + said[1:]
        rate = self.rate_note(row.line)
        if rate:
            return WARNING + rate
        return self.receipt_note(row.line)

    def rate_note(self, claim_line: ClaimLine) -> str:
        if claim_line.kind is LineKind.EXPENSE:
            return ""
        policy = self.policies.on(claim_line.line_date)
        day = long_date(claim_line.line_date)
        if policy is None:
            return f"No payment policy is in force on {day}. Add one in {POLICY_PLACE}."
        if not policy.rates_of(claim_line.kind):
            kind = "fee" if claim_line.kind is LineKind.FEE else "mileage"
            return f"The policy in force on {day} has no {kind} rates. Add them in {POLICY_PLACE}."
        rate = policy.rate(claim_line.kind, claim_line.rate_name)
        if rate is None or rate.unit_pence is None:
            return (
                f"The policy in force on {day} has no rate for \u201c{what_label(claim_line)}"
                f"\u201d. Choose another, or add it in {POLICY_PLACE}."
            )
        return ""

    def receipt_note(self, claim_line: ClaimLine) -> str:
        """The policy's rule for this expense (a receipt, the most per line) it does not meet."""
        return expense_problem(claim_line, self.policies.on(claim_line.line_date), short=True)

    # --- choices for the cells -----------------------------------------------------------

    def choices(self, index: Index) -> list[tuple[str, object]]:
        """(shown, value) for a cell chosen from a list."""
        record = self.records[index.row()]
        if index.column() == Col.KIND:
            return [(kind.label, kind.value) for kind in LineKind]
        if index.column() == Col.ACTIVITY:
            listed = sorted(self.activities.values(), key=lambda a: a.held_on, reverse=True)
            return [("No activity", NO_ACTIVITY)] + [(a.label, a.activity_id) for a in listed]
        return [
            (what_label(replace(record.line, rate_name=name)), name)
            for name in self._names(record.line)
        ]

    def _names(self, claim_line: ClaimLine) -> list[str]:
        policy = self.policies.on(claim_line.line_date)
        names = [rate.name for rate in policy.rates_of(claim_line.kind)] if policy else []
        if claim_line.rate_name and claim_line.rate_name not in names:
            names.insert(0, claim_line.rate_name)
        return names

    # --- Qt ------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        expense = record.line.kind is LineKind.EXPENSE
        editable = {Col.KIND, Col.DATE, Col.ACTIVITY, Col.WHAT}
        editable.add(Col.AMOUNT if expense else Col.QUANTITY)
        if index.column() in editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is not None and role == EDIT:
            return self._edit_value(record.line, index.column())
        if record is not None and role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.notes(record)
        return super().data(index, role)

    def setData(self, index: Index, value: object, role: int = EDIT) -> bool:
        if role != EDIT or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        record = self.records[index.row()]
        number = f"Line {index.row() + 1}"
        try:
            changed = self._edited_line(record.line, Col(index.column()), value)
        except (NotAnAmount, NotADate) as problem:
            record.problems["typed"] = f"{number}: {problem}{self._negative_hint(value)}"
            self._changed_rows(index.row(), index.row())
            return False
        record.problems.pop("typed", None)
        for name in CLEARED_BY[Col(index.column())]:
            record.problems.pop(name, None)
        if changed != record.line:
            record.line = changed
            self.edited.emit()
        self._changed_rows(index.row(), index.row())
        return True

    # --- editing one cell ----------------------------------------------------------------

    def _edit_value(self, claim_line: ClaimLine, column: int) -> object:
        if column == Col.KIND:
            return claim_line.kind.value
        if column == Col.DATE:
            return short_date(claim_line.line_date)
        if column == Col.ACTIVITY:
            return claim_line.activity_id or NO_ACTIVITY
        if column == Col.WHAT:
            return claim_line.rate_name
        if column == Col.QUANTITY:
            quantity = claim_line.quantity_hundredths
            return format_quantity(quantity) if quantity else ""
        if column == Col.AMOUNT:
            return format_pence(claim_line.amount_pence) if claim_line.amount_pence else ""
        return None

    def _edited_line(self, claim_line: ClaimLine, column: Col, value: object) -> ClaimLine:
        text = "" if value is None else str(value)
        if column == Col.KIND:
            kind = LineKind(text)
            if kind is claim_line.kind:
                return claim_line
            quantity = ONE if kind is LineKind.EXPENSE else 0
            fresh = replace(claim_line, kind=kind, rate_name="", quantity_hundredths=quantity)
            return self._fresh(replace(fresh, unit_pence=0))
        if column == Col.DATE:
            day = parse_date(text)
            if day is None:
                raise NotADate("Please give the date of the work or the cost.")
            if not EARLIEST_LINE_DATE <= day <= LATEST_LINE_DATE:
                # Refused here as the domain refuses it at save: a year like 9999 has no
                # financial year or week after it to count in.
                raise NotADate(
                    f"Please check the date: claims are for work from "
                    f"{EARLIEST_LINE_DATE.year} to {LATEST_LINE_DATE.year}."
                )
            return self._with_policy_rate(replace(claim_line, line_date=day))
        if column == Col.ACTIVITY:
            chosen = self.activities.get(int(text or NO_ACTIVITY))
            if chosen is None:
                return replace(claim_line, activity_id=None)
            moved = replace(claim_line, activity_id=chosen.activity_id, line_date=chosen.held_on)
            return self._with_policy_rate(moved)
        if column == Col.WHAT:
            return self._with_policy_rate(replace(claim_line, rate_name=text))
        if column == Col.QUANTITY:
            places = 1 if claim_line.kind is LineKind.MILEAGE else 2
            quantity = parse_quantity(text, places=places, negative_allowed=self.adjusting)
            return replace(claim_line, quantity_hundredths=quantity)
        pence = parse_pence(text, negative_allowed=self.adjusting)
        return replace(claim_line, quantity_hundredths=ONE, unit_pence=pence)

    def _fresh(self, claim_line: ClaimLine) -> ClaimLine:
        """A line of its kind with the policy's first choice, at the policy's rate."""
        names = self._names(claim_line)
        return self._with_policy_rate(replace(claim_line, rate_name=names[0] if names else ""))

    def _with_policy_rate(self, claim_line: ClaimLine) -> ClaimLine:
        if claim_line.kind is LineKind.EXPENSE:
            return claim_line
        policy = self.policies.on(claim_line.line_date)
        rate = policy.rate(claim_line.kind, claim_line.rate_name) if policy else None
        unit = rate.unit_pence if rate is not None and rate.unit_pence is not None else 0
        return replace(claim_line, unit_pence=unit)

    def _negative_hint(self, value: object) -> str:
        typed = str(value or "").strip()
        if not self.adjusting and typed.startswith(("-", "\u2212")):
            return " To take money back from a paid claim, make an adjusting claim."
        return ""

    def _activity_text(self, row: LineRow) -> str:
        if row.line.activity_id is None:
            return ""
        chosen = self.activities.get(row.line.activity_id)
        return chosen.title if chosen else "An activity since deleted"  # its date is beside it

    def _rate_text(self, row: LineRow) -> str:
        if row.line.kind is LineKind.EXPENSE:
            return "as spent"
        if not row.line.unit_pence and self.rate_note(row.line):
            return "no rate"
        return format_rate(row.line.unit_pence)

    def _changed_rows(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
