"""The words the charity uses for the people it serves.

Every screen and document asks this module how to say "member" or "members", so a charity
that says "expert by experience" sees those words everywhere, and a new label needs no
thought about grammar.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TERM_LENGTH = 40


@dataclass(frozen=True)
class PeopleTerms:
    singular: str
    plural: str

    @property
    def singular_title(self) -> str:
        return _capitalise(self.singular)

    @property
    def plural_title(self) -> str:
        return _capitalise(self.plural)

    def count(self, number: int) -> str:
        """'1 member', '20,000 members'."""
        word = self.singular if number == 1 else self.plural
        return f"{number:,} {word}"

    def with_article(self) -> str:
        """'a member', 'an expert by experience', 'a user'."""
        word = self.singular.lower()
        # "u" sounds like "you" in user, union, unit, usual: those take "a".
        vowel_sound = word[:1] in ("a", "e", "i", "o", "u") and not word.startswith(
            ("uni", "use", "usu", "uti", "ura", "eu", "one")
        )
        return f"{'an' if vowel_sound else 'a'} {self.singular}"


# Offered in the first-run wizard; the charity may also type its own.
PRESET_TERMS: tuple[PeopleTerms, ...] = (
    PeopleTerms("member", "members"),
    PeopleTerms("expert by experience", "experts by experience"),
    PeopleTerms("service user", "service users"),
    PeopleTerms("young person", "young people"),
    PeopleTerms("participant", "participants"),
)

DEFAULT_TERMS = PRESET_TERMS[0]


def validate_terms(singular: str, plural: str) -> dict[str, str]:
    """Field errors for a pair of words; empty when they can be saved."""
    errors: dict[str, str] = {}
    for field, value, example in (
        ("term_singular", singular, "member"),
        ("term_plural", plural, "members"),
    ):
        text = value.strip()
        if not text:
            errors[field] = f"Please type the word you use, for example \u201c{example}\u201d."
        elif len(text) > MAX_TERM_LENGTH:
            errors[field] = f"Please keep this to {MAX_TERM_LENGTH} characters or fewer."
    return errors


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
