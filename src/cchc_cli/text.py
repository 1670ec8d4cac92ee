"""Small text helpers shared by the parse rules."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The standard library's engine: `regex` (for \p{Lu} and variable look-behinds) cost 25 ms of
# every start to import and compile with. What it gave, the classes below give for the text of
# plans.

# A letter of any script (\p{L}): a word character that is not a digit or "_", nor one of the
# other numbers Unicode counts as alphanumeric: super- and subscripts ("²" is a footnote mark),
# fractions, number forms, circled numbers.
LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f\u2460-\u24ff\u2776-\u2793]"
# Combining marks left by NFD (\p{Mn} of the Latin, Greek and Cyrillic scripts).
_MARKS = re.compile(r"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SPACE = re.compile(r"\s+")


# Vietnamese writes its letters with these marks over or under a Latin base letter (grave, acute,
# tilde, hook, dot below; circumflex, breve, horn).
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _vietnamese_letters(test) -> str:
    """A character-class body (runs as ranges) of the letters of Vietnamese (and English) that
    pass ``test``: A-Z, Đ, and the letters made of one of them and Vietnamese marks, in NFC.
    What \\p{Lu} or \\p{Ll} gave for a plan's text; a class of every script's capitals is
    ten times longer and compiled ten times slower, in a dozen patterns of every start."""
    points = [
        c
        for low, high in ((0x41, 0x1B0), (0x1EA0, 0x1EF9))
        for c in range(low, high + 1)
        if test(chr(c)) and _is_vietnamese(chr(c))
    ]
    ranges: list[list[int]] = []
    for c in points:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


def _is_vietnamese(letter: str) -> bool:
    base, *marks = unicodedata.normalize("NFD", letter)
    return letter in "đĐ" or (base.isascii() and base.isalpha() and set(marks) <= _VIETNAMESE_MARKS)


UPPER = _vietnamese_letters(str.isupper)  # capitals, to be put in brackets: rf"[{UPPER}]"
LOWER = _vietnamese_letters(str.islower)  # small letters


@lru_cache(maxsize=1 << 16)  # a diff of two big plans folds every text, then each pair
def fold(text: str) -> str:
    """Lowercase without diacritics ("Ủy ban" -> "uy ban"): for matching vocabulary, never for output.

    Folding makes "Thanh Hoá"/"Thanh Hóa" and "Uỷ"/"Ủy" (old and new tone placement) equal.
    """
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return _SPACE.sub(" ", _MARKS.sub("", text)).strip()


def search_folded(pattern, text: str, window: int = 1 << 16, overlap: int = 4096) -> bool:
    """Whether ``pattern`` occurs in ``fold(text)``, folding window by window and stopping at the
    first hit: a plan names itself in its first lines, and folding a 3 MB text whole took 0.2 s.
    Folding is local to each character and each run of spaces, so a match shorter than the
    overlap (in the original text) lies whole in some window."""
    step = window - overlap
    for start in range(0, max(1, len(text)), step):
        if pattern.search(fold(text[start : start + window])):
            return True
    return False


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def strip_punct(text: str) -> str:
    return text.strip(" \t,;:.–-").strip()


ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


def is_roman(token: str) -> bool:
    return bool(token) and bool(ROMAN.match(token))


def printable_name(name: str) -> str:
    """A file name that is not UTF-8 (kept by Python as lone surrogates) with \\x escapes, so it
    can be written into YAML, JSON and terminals ("k\\xe9-ho\\xe1ch.txt")."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def small_number(text: str) -> int | None:
    """ "12" -> 12; None for anything else: superscripts ("²" is a digit to str.isdigit but not to
    int), other scripts' digits, and numbers too long to be a list item's (a bounded int)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


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


def rx(pattern: str, flags: int = 0) -> Pattern:
    """A pattern of the parse rules, compiled when first used (a text parse uses about three
    quarters of them: compiling the rest cost 9 ms of every start)."""
    lazy = Pattern(pattern, flags)
    ALL_PATTERNS.append(lazy)
    return lazy


class Pattern:
    """A compiled pattern's stand-in: the first use of a method compiles the pattern and keeps
    the compiled method on this object, so later uses cost what they cost on the compiled one.
    ``pattern`` (the source) is there without compiling."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # only for what is not yet on the object
        value = getattr(self.compiled(), name)
        setattr(self, name, value)
        return value

    def compiled(self) -> re.Pattern[str]:
        found = self.__dict__.get("_compiled")
        if found is None:
            found = self._compiled = re.compile(self.pattern, self._flags)
        return found


ALL_PATTERNS: list[Pattern] = []  # for the test that compiles every one


# -- clean-up shared by every reader (normalize.py runs it over a whole document) ----------

# Spaces that look like spaces become spaces; characters that are not there at all go.
_MULTISPACE = re.compile(r" {2,}")
_BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u00b7\uf0b7\uf0a7\uf0d8\u27a2\u2013\u2014]\s*")


_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


def clean(text: str) -> str:
    """NFC, one kind of space, no invisible characters. Keeps line breaks."""
    if not text.isascii():
        text = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "  " in text:
        text = _MULTISPACE.sub(" ", text)
    return text.strip(" ")


def clean_line(text: str) -> str:
    """``clean`` for one paragraph: line breaks become spaces, list bullets become '- '."""
    return finish_line(clean(text.replace("\r", " ").replace("\n", " ").replace("\v", " ")))


def finish_line(text: str) -> str:
    """The per-line part of ``clean_line``, for a line of text already cleaned as a whole."""
    text = text.strip(" ")
    return _BULLET.sub("- ", text) if text and not text[0].isalnum() and _BULLET.match(text) else text


# -- how a commitment is written for people ------------------------------------------------

COMPARATOR_SYMBOL = {
    ">=": "≥",
    "<=": "≤",
    ">": ">",
    "<": "<",
    "=": "=",
    "increase": "↑",
    "decrease": "↓",
    "maintain": "=",
}


def commitment(target: dict | None) -> str:
    """A target (as a dict) as people write it: "≥ 80%", "= 100%", "↑"."""
    if not target:
        return ""
    value = target.get("value")
    unit = target.get("unit") or ""
    shown = f"{value:g}" if isinstance(value, float) else ("" if value is None else str(value))
    unit_text = unit if unit == "%" else (f" {unit}" if unit and shown else "")
    return f"{COMPARATOR_SYMBOL.get(target['comparator'], target['comparator'])} {shown}{unit_text}".strip()
