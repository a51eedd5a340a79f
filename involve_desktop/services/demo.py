"""A realistic, invented charity to try the app with, to train staff, and to measure speed.

Everything here is made up (Faker, seeded): the same seed and date give the same database.
Later areas add their own records (activities, claims, plans, evaluations) to `build_demo`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import insert
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.domain.financial_year import YearStart
from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.domain.people import ParticipationLevel, TakingPart
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.organisation import save_organisation

DEMO_ORGANISATION = OrganisationDetails(
    name="Riverside Voices (demo)",
    charity_number="1234567",
    address="Unit 4, The Old Library\n12 Mill Lane\nRiverside\nRV1 2AB",
    year_start=YearStart(month=4, day=1),
    evaluation_month=3,
    terms=PeopleTerms("member", "members"),
)

DEMO_ADMINISTRATOR = "Demo Administrator"

# Names that test printing and searching: accents, apostrophes, hyphens, other scripts.
NAMES_FROM_MANY_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("Siân", "ap Gwilym"),
    ("Zoë", "O'Brien"),
    ("Łukasz", "Wiśniewski"),
    ("Chidera", "Okafor-Smith"),
    ("芳", "王"),
    ("Ayesha", "Qureshi"),
    ("Dafydd", "Llywelyn"),
    ("Małgorzata", "Kowalczyk"),
)

# The participation pyramid is broad at the base: most people observe, a few lead.
LEVEL_WEIGHTS = {
    ParticipationLevel.OBSERVING: 55,
    ParticipationLevel.CONTRIBUTING: 28,
    ParticipationLevel.COLLABORATING: 12,
    ParticipationLevel.LEADING: 5,
}
TAKING_PART_WEIGHTS = {
    TakingPart.TAKING_PART: 82,
    TakingPart.NOT_NOW: 11,
    TakingPart.DOES_NOT_WISH: 7,
}
SUPPORT_NEEDS = (
    "Step-free access and an accessible toilet.",
    "Papers in large print, sent a week ahead.",
    "A quiet room to take breaks.",
    "British Sign Language interpreter.",
    "Needs to bring a support worker.",
    "Prefers meetings after 10am because of medication.",
    "Easy-read versions of documents.",
)
PRONOUNS = ("she/her", "he/him", "they/them")


@dataclass(frozen=True)
class DemoSummary:
    people: int


def build_demo(
    session: Session, *, people: int, seed: int = 2026, today: date | None = None
) -> DemoSummary:
    """Fill an empty database with an invented organisation and `people` people."""
    today = today or date.today()
    save_organisation(session, DEMO_ORGANISATION)
    rows = list(_invented_people(people, seed, today))
    for start in range(0, len(rows), 5000):
        session.execute(insert(Person), rows[start : start + 5000])
    return DemoSummary(people=len(rows))


def _invented_people(count: int, seed: int, today: date):  # type: ignore[no-untyped-def]
    chooser = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    levels, level_weights = zip(*LEVEL_WEIGHTS.items(), strict=True)
    statuses, status_weights = zip(*TAKING_PART_WEIGHTS.items(), strict=True)
    for number in range(count):
        if number % 97 == 0:
            first, last = NAMES_FROM_MANY_LANGUAGES[(number // 97) % len(NAMES_FROM_MANY_LANGUAGES)]
        else:
            first, last = fake.first_name(), fake.last_name()
        chance = chooser.random
        yield {
            "first_name": first,
            "last_name": last,
            "preferred_name": fake.first_name() if chance() < 0.1 else "",
            "pronouns": chooser.choice(PRONOUNS) if chance() < 0.3 else "",
            "date_of_birth": (
                today - timedelta(days=chooser.randint(16 * 365, 85 * 365))
                if chance() < 0.7
                else None
            ),
            "email": _email(first, last, number) if chance() < 0.7 else "",
            "phone": fake.phone_number() if chance() < 0.8 else "",
            "address": fake.address() if chance() < 0.6 else "",
            "participation_level": chooser.choices(levels, level_weights)[0].value,
            "taking_part": chooser.choices(statuses, status_weights)[0].value,
            "support_needs": chooser.choice(SUPPORT_NEEDS) if chance() < 0.2 else "",
            "notes": fake.sentence(nb_words=10) if chance() < 0.3 else "",
            "joined_on": today - timedelta(days=chooser.randint(0, 5 * 365)),
            "archived": chance() < 0.02,
        }


def _email(first: str, last: str, number: int) -> str:
    local = "".join(
        ch for ch in f"{first}.{last}".lower() if ch.isascii() and (ch.isalnum() or ch == ".")
    )
    return f"{local or 'member'}{number}@example.org"
