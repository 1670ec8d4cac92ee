"""The shared vocabulary of CCHC plans: reform areas, agencies, provinces, section kinds.

The words are data (``data/lexicon.yaml``, validated by ``vocab.py``); this module builds the
patterns the rules use from them, so that the vocabulary grows as plans from more provinces are
read without a regex edit. Matching is done on folded text
(lowercase, no diacritics), so spelling variants of the same word match alike.
"""

from __future__ import annotations

import re

from cchc_cli.models import Area, SectionKind
from cchc_cli.text import fold, rx
from cchc_cli.vocab import lexicon

_LEX = lexicon()

# Reform areas: ordered rules, first match wins; a rule's phrases are tried in their order.
AREA_RULES: list[tuple[Area, tuple[str, ...]]] = [
    (rule.area, tuple(rule.phrases))  # type: ignore[misc]
    for rule in _LEX.reform_areas
]
_AREA_PATTERNS = [
    (area, rx(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")) for area, words in AREA_RULES
]


def classify_area(text: str) -> Area | None:
    folded = fold(text)
    for area, pattern in _AREA_PATTERNS:
        if pattern.search(folded):
            return area
    return None


# Section kinds, by words in the heading; checked in this order.
SECTION_KINDS: list[tuple[SectionKind, re.Pattern[str]]] = [
    (
        rule.kind,
        rx(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r",?\s+") for p in rule.phrases) + r")\b"),
    )  # type: ignore[misc]
    for rule in _LEX.section_kinds
]


def section_kind(title: str) -> SectionKind:
    folded = fold(title)
    for kind, pattern in SECTION_KINDS:
        if pattern.search(folded):
            return kind
    return "other"


# Words an agency's name starts with (case matters: "ban" in "sở, ban, ngành" is not one).
AGENCY_HEAD = rx(rf"^(?:{'|'.join(map(re.escape, _LEX.agency_heads))})\b")

PROVINCES = tuple(_LEX.provinces)
# Centrally-run cities: "THÀNH PHỐ X" at province level.
CENTRAL_CITIES = frozenset(_LEX.central_cities)


_DASHES = rx(r"[\s\-]+")


def _province_key(name: str) -> str:
    return _DASHES.sub(" ", fold(name)).strip()


_PROVINCE_BY_KEY = {_province_key(p): p for p in PROVINCES}
_PROVINCE_BY_KEY.update(_LEX.province_spellings)  # spellings seen in real documents
_PROVINCE_ALTERNATION = "|".join(sorted((re.escape(k) for k in _PROVINCE_BY_KEY), key=len, reverse=True))
_PROVINCE_FIND = rx(rf"\b({_PROVINCE_ALTERNATION})\b")
_PROVINCE_IN_TEXT = rx(rf"\b(?:tinh|thanh pho|tp\.?)\s+({_PROVINCE_ALTERNATION})\b")


def province_name(text: str) -> str | None:
    """The canonical province name if ``text`` is (or starts with) one."""
    key = _province_key(text)
    if key in _PROVINCE_BY_KEY:
        return _PROVINCE_BY_KEY[key]
    m = _PROVINCE_FIND.match(key)
    return _PROVINCE_BY_KEY[m.group(1)] if m else None


def find_province(text: str) -> str | None:
    """The first "tỉnh X" / "thành phố X" naming a known province in running text."""
    key = _DASHES.sub(" ", fold(text))
    m = _PROVINCE_IN_TEXT.search(key)
    return _PROVINCE_BY_KEY[m.group(1)] if m else None


# Matched on the text itself (not folded: documents can be long and these words are fixed).
# Applied to the lowercased text with case-sensitive patterns (much faster than IGNORECASE).
INDICES: list[tuple[str, re.Pattern[str]]] = [
    (name, rx(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b"))
    for name, phrases in _LEX.indices.items()
]


def find_indices(text: str) -> list[str]:
    found = []
    lower = text.lower()
    for name, pattern in INDICES:
        m = pattern.search(lower)
        if m:
            found.append((m.start(), name))
    return [name for _, name in sorted(found)]
