"""Words folded for searching, so "zoe" finds Zoë, "lukasz" finds Łukasz and "obrien" O'Brien.

Pure Python on purpose: the same folding runs when a person is saved and when the user
types, so search needs nothing special from the database and works the same on PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters that Unicode does not decompose into a base letter and an accent.
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "\u0131": "i"}
)
_WORD = re.compile(r"\w+")
# Chinese, Japanese and Korean names are written without spaces: each character is a word too.
_IDEOGRAPHS = "\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_IDEOGRAPH = re.compile(f"[{_IDEOGRAPHS}]")
_IDEOGRAPH_OR_REST = re.compile(f"[{_IDEOGRAPHS}]|[^{_IDEOGRAPHS}]+")
# Apostrophes inside a name join its parts, so O'Brien is also found as "obrien".
_APOSTROPHES = re.compile(r"(?<=\w)['`\u2018\u2019](?=\w)")


def fold(text: str) -> str:
    """Lower case, no accents, for comparing names typed by different people."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_EXTRA_FOLDS)


def without_apostrophes(text: str) -> str:
    """'O'Brien' → 'OBrien': apostrophes inside a name join its parts."""
    return _APOSTROPHES.sub("", text)


def query_words(typed: str) -> list[str]:
    """The folded words of what the user typed; each must start a word in the record.

    Chinese and Japanese characters are words one by one, so "王小明" finds 王 小明.
    """
    words = []
    for word in _WORD.findall(fold(without_apostrophes(typed))):
        words.extend(_IDEOGRAPH_OR_REST.findall(word))
    return words


def word_prefix_pattern(word: str) -> str:
    """A LIKE pattern (escape character '\\') for a folded word starting a stored word."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}%"


def searchable_text(parts: Iterable[str]) -> str:
    """Every word a record can be found by, each preceded by a space (see `query_words`).

    A name with an apostrophe is stored both split and joined ("o brien obrien").
    """
    words: list[str] = []
    for part in parts:
        folded = fold(part)
        words.extend(_WORD.findall(folded))
        words.extend(_WORD.findall(_APOSTROPHES.sub("", folded)))
        words.extend(_IDEOGRAPH.findall(folded))
    unique = dict.fromkeys(words)
    return "".join(f" {word}" for word in unique)


def sort_key(first_name: str, last_name: str) -> str:
    """The order people are listed in: by surname, then first name, accents and case aside."""
    return f"{fold(last_name).strip()}\x1f{fold(first_name).strip()}"
