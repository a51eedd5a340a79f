"""What anonymising a person does to the rows, for `retention.anonymise_people`.

Removed: every personal and sensitive column of the person (`personal_columns()`, so a
column added later is covered by marking it), the words they are found by, their barriers
and interests, their training records, what their claims and claim lines say, their
receipts, their draft claims, and their name wherever free text names them: every column
marked free text (`free_text_columns()`: notes, titles, action plans, evaluations, feedback,
payment runs and more, other people's records included), found by the annual report's own
rule (`report_annual.name_keys`). A surname alone, or "Hughes, Nia", is not found: a person
checks notes themselves (the retention dialog says so).

Kept, so that past years' figures, evaluations and money totals stay true: their attendance,
level history, roles (the year's figures count people by role), joining and last-involved
dates, claims' amounts, dates and steps, and their places in budget groups, action plans and
evaluations, where they now show as "Anonymised person". The record is archived, so the
register shows them only in counts.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import (
    Activity,
    Base,
    Person,
    PersonBarrier,
    PersonOption,
    PersonSearchWords,
    TrainingRecord,
    free_text_columns,
    person_chosen_option,
    personal_columns,
)
from involve_desktop.db.money_models import Claim, ClaimLine, ClaimReceipt
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.people import OptionKind
from involve_desktop.domain.search_words import fold, searchable_text, without_apostrophes
from involve_desktop.services.report_annual import (
    LONGEST_NAME_WORDS,
    POSSESSIVE,
    folded_words,
    name_keys,
)

ANONYMISED_NAME = "Anonymised person"
NAME_REMOVED = "[name removed]"
BATCH = 500
# Personal columns left as they are, and why. A claim's payment method says only how it was
# paid ("bank transfer"), never who; payment runs and past years read it, and its check
# constraint allows no blank.
KEPT_PERSONAL = {("claim", "payment_method")}
# Whole rows that are nothing but personal detail, removed rather than blanked.
REMOVED_TABLES: tuple[Table, ...] = (
    PersonSearchWords.__table__,
    PersonBarrier.__table__,
    TrainingRecord.__table__,
)
_TOKEN = re.compile(r"[^\W_]+(?:['`\u2018\u2019][^\W_]+)*")


def blanked(table: Table) -> dict[str, object]:
    """The value each personal column of `table` is set to: nothing (None where the column
    allows it, else empty text); those in KEPT_PERSONAL are left out."""
    values: dict[str, object] = {}
    for name in personal_columns(table):
        if (table.name, name) in KEPT_PERSONAL:
            continue
        column = table.c[name]
        values[name] = None if column.nullable else ""
    return values


def anonymise_rows(session: Session, person_ids: list[int], today: date) -> None:
    """Remove who each of `person_ids` was, keeping what past years count (see above)."""
    names = name_keys_of(session, person_ids)
    for start in range(0, len(person_ids), BATCH):
        batch = person_ids[start : start + BATCH]
        _anonymise_batch(session, batch, today)
        remove_claim_details(session, batch)
    remove_names_from_free_text(session, names)


def name_keys_of(session: Session, person_ids: list[int]) -> set[str]:
    """Every way free text may name one of `person_ids` (`report_annual.name_keys`)."""
    keys: set[str] = set()
    for start in range(0, len(person_ids), BATCH):
        for first, last, preferred in session.execute(
            select(Person.first_name, Person.last_name, Person.preferred_name).where(
                Person.id.in_(person_ids[start : start + BATCH])
            )
        ):
            keys |= name_keys(first, last, preferred)
    return keys


def _anonymise_batch(session: Session, ids: list[int], today: date) -> None:
    person_values = blanked(Person.__table__) | {
        "first_name": ANONYMISED_NAME,
        "consent_to_contact": False,
        "consent_to_keep_support_needs": False,
        "consent_to_photos": False,
        "consent_to_quotes": False,
        "consent_recorded_how": "",
        "consent_review_on": None,
        "consent_withdrawn_on": None,
        "archived": True,
        "anonymised_on": today,
        "updated_at": datetime.now(),
    }
    session.execute(
        update(Person)
        .where(Person.id.in_(ids))
        .values(person_values)
        .execution_options(synchronize_session=False)
    )
    for table in REMOVED_TABLES:
        session.execute(delete(table).where(table.c.person_id.in_(ids)))
    interests = select(PersonOption.id).where(PersonOption.kind == OptionKind.INTEREST.value)
    session.execute(
        delete(person_chosen_option).where(
            person_chosen_option.c.person_id.in_(ids),
            person_chosen_option.c.option_id.in_(interests.scalar_subquery()),
        )
    )


def remove_claim_details(session: Session, ids: list[int]) -> None:
    """Delete the draft claims of `ids` (at most BATCH people) and their receipts, and blank
    what their other claims and lines say, keeping amounts, dates and steps."""
    # A draft was never a claim: it goes, with its lines and receipts (ON DELETE CASCADE).
    session.execute(
        delete(Claim).where(Claim.person_id.in_(ids), Claim.status == ClaimStatus.DRAFT.value)
    )
    claims = select(Claim.id).where(Claim.person_id.in_(ids)).scalar_subquery()
    lines = select(ClaimLine.id).where(ClaimLine.claim_id.in_(claims)).scalar_subquery()
    session.execute(delete(ClaimReceipt).where(ClaimReceipt.line_id.in_(lines)))
    session.execute(
        update(ClaimLine).where(ClaimLine.claim_id.in_(claims)).values(blanked(ClaimLine.__table__))
    )
    session.execute(
        update(Claim)
        .where(Claim.person_id.in_(ids))
        .values(blanked(Claim.__table__))
        .execution_options(synchronize_session=False)
    )


def remove_names_from_free_text(session: Session, keys: set[str]) -> None:
    """Replace every name in `keys` with NAME_REMOVED in every free-text column of every
    table (`free_text_columns()`), keeping the rest of the words."""
    if not keys:
        return
    for table in Base.metadata.sorted_tables:
        columns = [table.c[name] for name in free_text_columns(table)]
        if columns:
            _clean_table(session, table, columns, keys)


def _clean_table(session: Session, table: Table, columns: list, keys: set[str]) -> None:
    key_columns = list(table.primary_key.columns)
    # Every key ends in a surname: text without one of them, folded, names nobody. Looking
    # for them first is several times quicker than taking every text apart word by word.
    surnames = {key.split()[-1] for key in keys}
    changed: list[tuple[tuple, dict[str, str]]] = []
    for row in session.execute(select(*key_columns, *columns)):
        values = {}
        for column, text in zip(columns, row[len(key_columns) :], strict=True):
            if not text or not _mentions_any(text, surnames):
                continue
            cleaned = without_names(text, keys)
            if cleaned != text:
                # "[name removed]" can be longer than the name it replaces.
                values[column.name] = cleaned[: column.type.length or None]
        if values:
            changed.append((tuple(row[: len(key_columns)]), values))
    for key, values in changed:
        if table is Activity.__table__ and "title" in values:
            # The title's search words would still hold the name.
            values["title_words"] = searchable_text([values["title"]])
        where = [column == value for column, value in zip(key_columns, key, strict=True)]
        session.execute(update(table).where(*where).values(values))


def _mentions_any(text: str, surnames: set[str]) -> bool:
    folded = fold(without_apostrophes(text))
    return any(surname in folded for surname in surnames)


def without_names(text: str, keys: set[str]) -> str:
    """`text` with every run of words that is one of `keys` (`name_keys`) replaced by
    NAME_REMOVED, the rest exactly as it was."""
    if not text or not keys:
        return text
    tokens = [
        (match.start(), match.end(), folded_words(match.group())) for match in _TOKEN.finditer(text)
    ]
    pieces, position, index = [], 0, 0
    while index < len(tokens):
        size = _longest_name_at(tokens, index, keys)
        if size:
            pieces.append(text[position : tokens[index][0]] + NAME_REMOVED)
            last_start, position, _key = tokens[index + size - 1]
            # "Nia Hughes's idea" -> "[name removed]'s idea": the possessive is not the name.
            possessive = POSSESSIVE.search(text, last_start, position)
            position = possessive.start() if possessive else position
            index += size
        else:
            index += 1
    pieces.append(text[position:])
    return "".join(pieces)


def _longest_name_at(tokens: list[tuple[int, int, str]], index: int, keys: set[str]) -> int:
    for size in range(min(LONGEST_NAME_WORDS, len(tokens) - index), 1, -1):
        run = " ".join(token[2] for token in tokens[index : index + size])
        if run in keys:
            return size
    return 0
