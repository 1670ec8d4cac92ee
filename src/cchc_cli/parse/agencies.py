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
    pos = 0
    current_start = 0
    for m in _SEPARATOR.finditer(text):
        after = text[m.end() :]
        hard = ";" in m.group(0) or "\n" in m.group(0)
        if hard or AGENCY_HEAD.match(after):
            pieces.append(text[current_start : m.start()])
            current_start = m.end()
        pos = m.end()
    del pos
    pieces.append(text[current_start:])
    return [p.strip(" .;,") for p in pieces if p.strip(" .;,")]
