"""Words and scales that describe a person's involvement."""

from __future__ import annotations

from enum import StrEnum


class ParticipationLevel(StrEnum):
    """The participation pyramid, from the broad base to the narrow top."""

    OBSERVING = "observing"
    CONTRIBUTING = "contributing"
    COLLABORATING = "collaborating"
    LEADING = "leading"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class TakingPart(StrEnum):
    """Whether a person takes part now; choosing not to is respected, never chased."""

    TAKING_PART = "taking_part"
    NOT_NOW = "not_now"
    DOES_NOT_WISH = "does_not_wish"

    @property
    def label(self) -> str:
        return {
            TakingPart.TAKING_PART: "Taking part",
            TakingPart.NOT_NOW: "Not at the moment",
            TakingPart.DOES_NOT_WISH: "Does not wish to take part",
        }[self]


class LabelledChoice(StrEnum):
    """A fixed choice stored by its value and shown by its label."""

    @property
    def label(self) -> str:
        return _CHOICE_LABELS[type(self).__name__][self.value]

    @classmethod
    def from_label_or_value(cls, text: str) -> LabelledChoice | None:
        """For imports: 'Bank transfer', 'bank_transfer' and 'BANK TRANSFER' all match."""
        wanted = " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
        for member in cls:
            if wanted in (member.label.casefold(), member.value.replace("_", " ")):
                return member
        return None


class Barrier(LabelledChoice):
    """What stands in the way of taking part, so staff can think about what would help."""

    ACCESS = "access"
    TIMING = "timing"
    TRANSPORT = "transport"
    LANGUAGE = "language"
    CARING = "caring"
    DIGITAL = "digital"
    CONFIDENCE = "confidence"
    OTHER = "other"


class ContactMethod(LabelledChoice):
    EMAIL = "email"
    PHONE = "phone"
    TEXT = "text"
    POST = "post"
    IN_PERSON = "in_person"


class ConsentRecorded(LabelledChoice):
    """How consent was given, so it can be shown later if asked."""

    SIGNED_FORM = "signed_form"
    ONLINE_FORM = "online_form"
    EMAIL = "email"
    VERBAL = "verbal"


class PaymentMethod(LabelledChoice):
    BANK_TRANSFER = "bank_transfer"
    CHEQUE = "cheque"
    VOUCHER = "voucher"
    DECLINES = "declines"


class EmploymentStatus(LabelledChoice):
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    NOT_WORKING = "not_working"
    STUDENT = "student"
    RETIRED = "retired"
    PREFERS_NOT_TO_SAY = "prefers_not_to_say"


class BenefitsAffected(LabelledChoice):
    """'Payments may affect my benefits' — the person's own answer; the app never advises."""

    YES = "yes"
    NO = "no"
    PREFERS_NOT_TO_SAY = "prefers_not_to_say"


class OptionKind(StrEnum):
    """The two lists a charity extends with its own words."""

    ROLE = "role"
    INTEREST = "interest"


DEFAULT_OPTIONS: dict[OptionKind, tuple[str, ...]] = {
    OptionKind.ROLE: (
        "Uses services",
        "Carer",
        "Member",
        "Volunteer",
        "Peer mentor",
        "Campaigner",
        "Trustee",
    ),
    OptionKind.INTEREST: (
        "Service design",
        "Recruitment and selection",
        "Teaching and learning",
        "Research",
        "Governance",
        "Assessment",
        "Events",
        "Campaigning",
        "Peer support",
    ),
}


# Labels live apart from the choices because the same stored value ("email") can mean
# different things in different choices.
_CHOICE_LABELS: dict[str, dict[str, str]] = {
    "Barrier": {
        Barrier.ACCESS.value: "Access",
        Barrier.TIMING.value: "Timing",
        Barrier.TRANSPORT.value: "Transport",
        Barrier.LANGUAGE.value: "Language",
        Barrier.CARING.value: "Caring responsibilities",
        Barrier.DIGITAL.value: "Digital",
        Barrier.CONFIDENCE.value: "Confidence",
        Barrier.OTHER.value: "Other",
    },
    "ContactMethod": {
        ContactMethod.EMAIL.value: "Email",
        ContactMethod.PHONE.value: "Phone call",
        ContactMethod.TEXT.value: "Text message",
        ContactMethod.POST.value: "Post",
        ContactMethod.IN_PERSON.value: "In person",
    },
    "ConsentRecorded": {
        ConsentRecorded.SIGNED_FORM.value: "Signed paper form",
        ConsentRecorded.ONLINE_FORM.value: "Online form",
        ConsentRecorded.EMAIL.value: "By email",
        ConsentRecorded.VERBAL.value: "Verbally (noted by staff)",
    },
    "PaymentMethod": {
        PaymentMethod.BANK_TRANSFER.value: "Bank transfer",
        PaymentMethod.CHEQUE.value: "Cheque",
        PaymentMethod.VOUCHER.value: "Voucher",
        PaymentMethod.DECLINES.value: "Declines payment",
    },
    "EmploymentStatus": {
        EmploymentStatus.EMPLOYED.value: "Employed",
        EmploymentStatus.SELF_EMPLOYED.value: "Self-employed",
        EmploymentStatus.NOT_WORKING.value: "Not working",
        EmploymentStatus.STUDENT.value: "Student",
        EmploymentStatus.RETIRED.value: "Retired",
        EmploymentStatus.PREFERS_NOT_TO_SAY.value: "Prefers not to say",
    },
    "BenefitsAffected": {
        BenefitsAffected.YES.value: "Yes",
        BenefitsAffected.NO.value: "No",
        BenefitsAffected.PREFERS_NOT_TO_SAY.value: "Prefers not to say",
    },
}
