"""Everyone's money in one financial year, as listed on the Claims screen's totals tab and
saved as a CSV for whoever prepares payments or talks with people about their benefits.

The list and the file use the same name search, so the file holds exactly the people the
tab showed. The file is written safely (`export_files.save_atomically`) and recorded in the
audit trail, saying what was saved and for how many, never who.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.roles import Permission
from involve_desktop.domain.search_words import query_words, searchable_text
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.export_files import save_atomically, write_csv
from involve_desktop.services.money_totals import PersonYearTotal, everyone_year_totals
from involve_desktop.services.payment_runs import plain_amount
from involve_desktop.services.permissions import Actor, require

log = logging.getLogger(__name__)

WATCH_WORDS = "Yes \u2014 watch"  # said in words, not only by colour
CSV_HEADER = (
    "Name",
    "Claims",
    "Fees (£)",
    "Mileage and expenses (£)",
    "Total (£)",
    "Payments may affect benefits",
)


def benefits_words(total: PersonYearTotal) -> str:
    """'Yes — watch' for someone who said payments may affect their benefits (or preferred
    not to say); nothing for everyone else."""
    return WATCH_WORDS if total.benefits_may_be_affected else ""


def matching(totals: Sequence[PersonYearTotal], typed: str) -> list[PersonYearTotal]:
    """Those whose name has a word starting with each word typed ("zoe ob" finds Zoë O'Brien)."""
    words = query_words(typed)
    if not words:
        return list(totals)
    return [
        total for total in totals if all(f" {word}" in name_words(total.name) for word in words)
    ]


@lru_cache(maxsize=65_536)
def name_words(name: str) -> str:
    """A name's searchable words, kept: the tab searches thousands of names at each key."""
    return searchable_text([name])


def person_totals_csv(
    session: Session,
    actor: Actor | None,
    year_first: date,
    path: Path,
    *,
    name_search: str = "",
) -> int:
    """Write everyone's totals for the financial year starting `year_first` (those whose
    name matches `name_search`) to a CSV at `path`; return how many people it holds."""
    if actor is not None:
        require(actor, Permission.SEE_SENSITIVE)  # the benefits answer is special-category
    totals = matching(everyone_year_totals(session, year_first), name_search)
    rows = [
        [
            total.name,
            total.claims,
            plain_amount(total.fees_pence),
            plain_amount(total.expenses_pence),
            plain_amount(total.fees_pence + total.expenses_pence),
            benefits_words(total),
        ]
        for total in totals
    ]
    save_atomically(path, lambda temporary: write_csv(temporary, CSV_HEADER, rows))
    people = "1 person" if len(rows) == 1 else f"{len(rows):,} people"
    what = f"money totals {year_label(year_first)} of {people}"
    audit.record(session, actor, AuditAction.EXPORTED_PEOPLE_LIST, what)
    log.info("Saved the %s", what)
    return len(rows)
