"""A realistic, invented charity to try the app with, to train staff, and to measure speed.

Everything here is made up (Faker, seeded): the same seed and date give the same database.
Later areas add their own records (activities, claims, plans, evaluations) to `build_demo`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import (
    LevelChange,
    Person,
    PersonOption,
    PersonSearchWords,
    person_chosen_option,
)
from involve_desktop.domain.financial_year import YearStart
from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.domain.people import (
    BenefitsAffected,
    ConsentRecorded,
    ContactMethod,
    OptionKind,
    ParticipationLevel,
    PaymentMethod,
    TakingPart,
)
from involve_desktop.domain.search_words import searchable_text, sort_key
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.demo_activities import add_demo_activities
from involve_desktop.services.demo_claims import add_demo_money
from involve_desktop.services.demo_cycle import add_demo_cycle
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
    activities: int = 0
    claims: int = 0


def build_demo(
    session: Session,
    *,
    people: int,
    seed: int = 2026,
    today: date | None = None,
    activities: int | None = None,
    years: int = 2,
) -> DemoSummary:
    """Fill an empty database with an invented organisation, `people` people, their
    activities (by default one for every ten people, at least twelve), the money (fee
    rates, budgets, and claims from the paid activities people came to) and the learning
    cycle (strategies, the action plan, two signed-off yearly evaluations). Activities are
    spread over the last `years` years."""
    today = today or date.today()
    save_organisation(session, DEMO_ORGANISATION)
    rows = list(_invented_people(people, seed, today))
    for row in rows:
        row["involved_before_records_on"] = row["last_involved_on"]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(Person), rows[start : start + BATCH])
    _add_roles_interests_and_history(session, rows, seed)
    if activities is None:
        activities = max(12, people // 10) if people else 0
    added = add_demo_activities(session, count=activities, seed=seed, today=today, years=years)
    claims = add_demo_money(session, seed=seed, today=today)
    add_demo_cycle(session, seed=seed, today=today)
    return DemoSummary(people=len(rows), activities=added, claims=claims)


BATCH = 5000


def _add_roles_interests_and_history(session: Session, rows: list[dict], seed: int) -> None:
    """Most people hold one role and a couple of interests; some hold several roles.
    Each person's level history starts the day they joined."""
    chooser = random.Random(seed + 1)
    options = {kind: [] for kind in OptionKind}  # type: dict[OptionKind, list[tuple[int, str]]]
    for option_id, kind, name in session.execute(
        select(PersonOption.id, PersonOption.kind, PersonOption.name)
    ):
        options[OptionKind(kind)].append((option_id, name))
    ids = session.scalars(select(Person.id).order_by(Person.id)).all()
    links, words, levels = [], [], []
    for person_id, row in zip(ids, rows, strict=True):
        chosen = chooser.sample(options[OptionKind.ROLE], chooser.choice((1, 1, 1, 2, 3)))
        chosen += chooser.sample(options[OptionKind.INTEREST], chooser.randint(0, 3))
        links += [{"person_id": person_id, "option_id": option_id} for option_id, _ in chosen]
        names = [row["first_name"], row["last_name"], row["preferred_name"]]
        words.append(
            {"person_id": person_id, "words": searchable_text(names + [n for _, n in chosen])}
        )
        levels.append(
            {
                "person_id": person_id,
                "changed_on": row["joined_on"],
                "from_level": "",
                "to_level": row["participation_level"],
            }
        )
    for start in range(0, len(links), BATCH):
        session.execute(insert(person_chosen_option), links[start : start + BATCH])
    for table, rows_to_add in ((PersonSearchWords, words), (LevelChange, levels)):
        for start in range(0, len(rows_to_add), BATCH):
            session.execute(insert(table), rows_to_add[start : start + BATCH])


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
        joined = today - timedelta(days=chooser.randint(0, 5 * 365))
        consent_given = joined if chance() < 0.85 else None
        yield {
            "first_name": first,
            "last_name": last,
            "sort_key": sort_key(first, last),
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
            "joined_on": joined,
            "last_involved_on": (
                joined + timedelta(days=chooser.randint(0, (today - joined).days))
                if chance() < 0.8
                else None
            ),
            "contact_method": chooser.choice(list(ContactMethod)).value,
            "consent_given_on": consent_given,
            "consent_to_contact": consent_given is not None,
            "consent_to_keep_support_needs": consent_given is not None and chance() < 0.8,
            "consent_to_photos": consent_given is not None and chance() < 0.5,
            "consent_to_quotes": consent_given is not None and chance() < 0.6,
            "consent_recorded_how": (
                chooser.choice(list(ConsentRecorded)).value if consent_given else ""
            ),
            "consent_review_on": (
                consent_given + timedelta(days=2 * 365) if consent_given else None
            ),
            "payment_method": chooser.choice(list(PaymentMethod)).value if chance() < 0.6 else "",
            "benefits_affected": (
                chooser.choice(list(BenefitsAffected)).value if chance() < 0.5 else ""
            ),
            "archived": chance() < 0.02,
        }


def _email(first: str, last: str, number: int) -> str:
    local = "".join(
        ch for ch in f"{first}.{last}".lower() if ch.isascii() and (ch.isalnum() or ch == ".")
    )
    return f"{local or 'member'}{number}@example.org"
