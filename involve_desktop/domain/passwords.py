"""Whether a password is strong enough to guard a register of vulnerable people.

Strength is judged by zxcvbn (a well-kept estimator of how guessable a password is), which
also explains its verdict in plain words.
"""

from __future__ import annotations

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn's 0-4 scale: 3 is "safely unguessable" for an offline attack on a slow hash


def password_problem(password: str, *, about: tuple[str, ...] = ()) -> str | None:
    """A plain message saying why `password` is refused; None when it is strong enough.

    `about` holds words the password must not lean on, such as the person's and the
    organisation's names.
    """
    if len(password) < MIN_LENGTH:
        return (
            f"Please use at least {MIN_LENGTH} characters. A few ordinary words together, "
            "such as \u201ckettle garden bicycle\u201d, are easy to remember and hard to guess."
        )
    from zxcvbn import zxcvbn

    verdict = zxcvbn(password, user_inputs=[word for word in about if word])
    if verdict["score"] >= MIN_SCORE:
        return None
    feedback = verdict["feedback"]
    reason = feedback.get("warning") or "This password would be too easy to guess."
    hints = " ".join(feedback.get("suggestions") or [])
    return f"{reason} {hints}".strip()
