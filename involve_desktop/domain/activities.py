"""Words and scales for involvement activities: power shared, attendance, the charity's lists."""

from __future__ import annotations

from enum import StrEnum

from involve_desktop.domain.people import ParticipationLevel


class PowerShared(StrEnum):
    """How much power the people involved hold in an activity, read at a glance."""

    INFORM = "inform"
    CONSULT = "consult"
    DECIDE_TOGETHER = "decide_together"
    YOU_LEAD = "you_lead"

    @property
    def label(self) -> str:
        return _POWER_LABELS[self][0]

    @property
    def step(self) -> int:
        """1 to 4, so the scale can be drawn and said as 'step 2 of 4'."""
        return list(PowerShared).index(self) + 1

    @property
    def meaning(self) -> str:
        return _POWER_LABELS[self][1]

    @property
    def level_offered(self) -> ParticipationLevel:
        """The participation level this activity offers a way in at."""
        return list(ParticipationLevel)[self.step - 1]


_POWER_LABELS = {
    PowerShared.INFORM: ("We inform", "we tell people what is happening"),
    PowerShared.CONSULT: ("We consult", "we ask for views and decide ourselves"),
    PowerShared.DECIDE_TOGETHER: ("We decide together", "people share the decisions with us"),
    PowerShared.YOU_LEAD: ("You lead", "people lead and we support them"),
}


class Attendance(StrEnum):
    INVITED = "invited"
    ATTENDED = "attended"
    APOLOGIES = "apologies"
    DID_NOT_ATTEND = "did_not_attend"

    @property
    def label(self) -> str:
        return {
            Attendance.INVITED: "Invited",
            Attendance.ATTENDED: "Attended",
            Attendance.APOLOGIES: "Sent apologies",
            Attendance.DID_NOT_ATTEND: "Did not attend",
        }[self]


class PlaceAccess(StrEnum):
    ACCESSIBLE = "yes"
    NOT_ACCESSIBLE = "no"

    @property
    def label(self) -> str:
        return "Accessible" if self is PlaceAccess.ACCESSIBLE else "Not accessible"


class ActivityList(StrEnum):
    """The two lists of words for activities that a charity extends."""

    KIND = "kind"
    AREA = "area"


DEFAULT_ACTIVITY_OPTIONS: dict[ActivityList, tuple[str, ...]] = {
    ActivityList.KIND: (
        "Consultation",
        "Feedback",
        "Steering group",
        "Interview panel",
        "Teaching session",
        "Co-design workshop",
        "Peer research",
        "Peer support",
        "Mentoring",
        "Event",
    ),
    ActivityList.AREA: (
        "Service design",
        "Recruitment and selection",
        "Teaching and learning",
        "Research",
        "Governance",
        "Assessment",
    ),
}

ATTENDEE_ROLES = (
    "Participant",
    "Panel member",
    "Co-facilitator",
    "Chair",
    "Speaker",
    "Peer researcher",
    "Mentor",
)
