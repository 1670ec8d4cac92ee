"""Small text helpers shared by the parse rules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

_MARKS = regex.compile(r"\p{Mn}+")
_SPACE = regex.compile(r"\s+")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase without diacritics ("Ủy ban" -> "uy ban"): for matching vocabulary, never for output.

    Folding makes "Thanh Hoá"/"Thanh Hóa" and "Uỷ"/"Ủy" (old and new tone placement) equal.
    """
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return _SPACE.sub(" ", _MARKS.sub("", text)).strip()


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def strip_punct(text: str) -> str:
    return text.strip(" \t,;:.–-").strip()


ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


def is_roman(token: str) -> bool:
    return bool(token) and bool(ROMAN.match(token))


def roman_value(token: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(token, token[1:] + " ", strict=False):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def title_case(text: str) -> str:
    """ "BẾN TRE" -> "Bến Tre" (for place names written in capitals)."""
    return " ".join(w[:1].upper() + w[1:].lower() if w.isalpha() else w for w in text.split())


def rx(pattern: str, flags: int = 0) -> re.Pattern[str] | regex.Pattern[str]:
    """Compile with the standard library's engine when the pattern allows it, else with `regex`.

    `regex` is needed for Unicode properties (\\p{Lu}) and variable-width look-behinds; most of
    our patterns need neither, and `re` compiles them about three times faster, which is most
    of a text parse's start-up time. Where both compile a pattern, they match alike.
    """
    try:
        return re.compile(pattern, flags)
    except re.error:
        return regex.compile(pattern, flags)
