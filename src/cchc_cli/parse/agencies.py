"""Split a cell of agencies into names: "Sở Y tế; các cơ quan có liên quan" -> two agencies.

A comma or "và" separates two agencies only when the next words start an agency's name
("Sở Kế hoạch và Đầu tư" stays whole; "Các sở, ban, ngành" stays whole).
"""

from __future__ import annotations

from cchc_cli.parse.lexicon import AGENCY_HEAD
from cchc_cli.text import rx

# A match starts only where no space stands before it: starting inside a run of spaces again
# and again is quadratic.
_SEPARATOR = rx(r"(?<!\s)\s*(?:;|,|\bvà\b|\n)\s*")


def split_agencies(text: str | None) -> list[str]:
    if not text or not text.strip():
        return []
    pieces: list[str] = []
    current_start = 0
    for m in _SEPARATOR.finditer(text):
        hard = ";" in m.group(0) or "\n" in m.group(0)
        # Matched in place (no slice of the rest of the text: linear on long cells).
        at = m.end()
        if not hard and text[at : at + 1] in _BULLETS:
            at = _BULLET_AT.match(text, at).end()  # type: ignore[union-attr]
        if hard or _HEAD_AT.match(text, at):
            pieces.append(text[current_start : m.start()])
            current_start = m.end()
    pieces.append(text[current_start:])
    names = ((_BULLET.sub("", p) if p.lstrip()[:1] in _BULLETS else p).strip(" .;,") for p in pieces)
    return [name for name in names if name]


# A list mark in front of an agency ("- Bộ Xây dựng;", "+ Sở Y tế") is not part of its name.
_BULLET = rx(r"^\s*[-+•]\s*")
_BULLETS = ("-", "+", "•")
_BULLET_AT = rx(r"[-+•]\s*")
_HEAD_AT = rx(AGENCY_HEAD.pattern.removeprefix("^"))  # matched at a position, where "^" would fail
