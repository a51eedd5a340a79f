"""Invented activities for the demo charity: who took part, and what changed because of it.

Spread over the last two years (or as many as asked) and the coming three months, with the
gaps a real charity has (a few past activities with no attendance recorded, impact not yet
reported back), so every prompt and chart has something to show.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import (
    Activity,
    ActivityOption,
    AttendanceRecord,
    ImpactRecord,
    Person,
)
from involve_desktop.domain.activities import ATTENDEE_ROLES, Attendance, PowerShared
from involve_desktop.domain.search_words import searchable_text
from involve_desktop.services.attendance import refresh_last_involved

# (kind, area, title, purpose, power shared)
TEMPLATES: tuple[tuple[str, str, str, str, PowerShared], ...] = (
    (
        "Interview panel",
        "Recruitment and selection",
        "Interview panel: service manager",
        "So that the people the service is for choose who runs it.",
        PowerShared.DECIDE_TOGETHER,
    ),
    (
        "Feedback",
        "Service design",
        "Feedback café",
        "To hear what works and what does not at the drop-in, and change what we can.",
        PowerShared.CONSULT,
    ),
    (
        "Steering group",
        "Governance",
        "Steering group meeting",
        "Members steer the year's plan and check that it is being done.",
        PowerShared.DECIDE_TOGETHER,
    ),
    (
        "Teaching session",
        "Teaching and learning",
        "Teaching session for student social workers",
        "Students learn from lived experience before they practise.",
        PowerShared.YOU_LEAD,
    ),
    (
        "Co-design workshop",
        "Service design",
        "Co-design workshop: the new website",
        "To design the website with the people who will use it, not for them.",
        PowerShared.DECIDE_TOGETHER,
    ),
    (
        "Peer research",
        "Research",
        "Peer research interviews",
        "Members interview members about access to services; the findings shape next year.",
        PowerShared.YOU_LEAD,
    ),
    (
        "Peer support",
        "Service design",
        "Peer support group",
        "People support each other; the charity provides the room and the tea.",
        PowerShared.YOU_LEAD,
    ),
    (
        "Consultation",
        "Service design",
        "Consultation on opening hours",
        "To decide the new opening hours with the people who come.",
        PowerShared.CONSULT,
    ),
    (
        "Event",
        "Governance",
        "Open meeting: the year ahead",
        "To tell everyone what is planned and invite them into it.",
        PowerShared.INFORM,
    ),
    (
        "Mentoring",
        "Teaching and learning",
        "Mentoring meet-up",
        "Experienced members mentor people new to involvement.",
        PowerShared.YOU_LEAD,
    ),
)
PLACES = (
    "The Old Library, Room 2",
    "Riverside Community Centre",
    "Online (video call)",
    "St Mary's Church Hall",
)
SAID = (
    "The forms are too long and use words nobody understands.",
    "Evening meetings are hard for people with caring responsibilities.",
    "People want to know what happened after they gave their views.",
    "The waiting room feels unwelcoming.",
    "Interview questions should ask about listening, not just experience.",
)
CHANGED = (
    "Forms rewritten in plain English with members; now two pages.",
    "Meetings moved to late mornings, with travel paid.",
    "A 'you said, we did' page added to every newsletter.",
    "Waiting room repainted and a noticeboard run by members.",
    "Two new interview questions written by the panel.",
)
BATCH = 5000


def add_demo_activities(
    session: Session, *, count: int, seed: int, today: date, years: int = 2
) -> int:
    """Add `count` activities with their attendance and impact; return how many were added."""
    chooser = random.Random(seed + 2)
    options = {
        (kind, name): option_id
        for option_id, kind, name in session.execute(
            select(ActivityOption.id, ActivityOption.list, ActivityOption.name)
        )
    }
    people = session.scalars(
        select(Person.id).where(Person.archived.is_(False), Person.taking_part != "does_not_wish")
    ).all()
    if not people:
        return 0
    first_id = (session.scalar(select(Activity.id).order_by(Activity.id.desc())) or 0) + 1
    activities, attendance, impact = [], [], []
    for number in range(count):
        kind, area, title, purpose, power = chooser.choice(TEMPLATES)
        held_on = today + timedelta(days=chooser.randint(-365 * years, 90))
        activity_id = first_id + number
        activities.append(
            {
                "id": activity_id,
                "title": title,
                "title_words": searchable_text([title]),
                "kind_id": options.get(("kind", kind)),
                "area_id": options.get(("area", area)),
                "purpose": purpose,
                "power_shared": power.value,
                "held_on": held_on,
                "starts_at": time(chooser.choice((10, 11, 13, 14, 18)), chooser.choice((0, 30))),
                "duration_minutes": chooser.choice((60, 90, 120, 180)),
                "place": chooser.choice(PLACES),
                "place_accessible": chooser.choice(("yes", "yes", "yes", "")),
                "paid": power is not PowerShared.INFORM,
                "pay_note": "",
                "notes": "",
            }
        )
        past = held_on < today
        recorded = past and chooser.random() > 0.05
        for person_id in chooser.sample(people, min(len(people), chooser.randint(3, 14))):
            attendance.append(
                {
                    "activity_id": activity_id,
                    "person_id": person_id,
                    "role": chooser.choice(ATTENDEE_ROLES) if chooser.random() < 0.4 else "",
                    "status": _attendance(chooser) if recorded else Attendance.INVITED.value,
                }
            )
        if past and held_on < today - timedelta(weeks=6) and chooser.random() < 0.6:
            told = chooser.random() < 0.7
            changed_on = held_on + timedelta(days=chooser.randint(14, 60))
            impact.append(
                {
                    "activity_id": activity_id,
                    "source": "",
                    "said": chooser.choice(SAID),
                    "decided": "Agreed at the next team meeting.",
                    "changed": chooser.choice(CHANGED),
                    "changed_on": changed_on if changed_on < today else None,
                    "told_people": told,
                    "told_on": min(changed_on + timedelta(days=14), today) if told else None,
                    "recorded_on": min(held_on + timedelta(days=7), today),
                }
            )
    for table, rows in (
        (Activity, activities),
        (AttendanceRecord, attendance),
        (ImpactRecord, impact),
    ):
        for start in range(0, len(rows), BATCH):
            session.execute(insert(table), rows[start : start + BATCH])
    refresh_last_involved(session, list({row["person_id"] for row in attendance}), today=today)
    return len(activities)


def _attendance(chooser: random.Random) -> str:
    roll = chooser.random()
    if roll < 0.78:
        return Attendance.ATTENDED.value
    if roll < 0.9:
        return Attendance.APOLOGIES.value
    return Attendance.DID_NOT_ATTEND.value
