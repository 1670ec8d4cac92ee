"""Footnotes: real ones from .docx/PDF, and the "1 text" lines a web copy puts at the end.

In a copied page the reference mark is glued to the word before it ("giai đoạn 2021-20301.",
"theo lộ trình2.", "năm 2024[1]"): once the notes are found, the marks are taken out of the
text so that every format gives the same sentences.
"""

from __future__ import annotations

from functools import cache

from cchc_cli.models import Footnote, Location
from cchc_cli.parse.state import State, location
from cchc_cli.readers.blocks import Block
from cchc_cli.text import LETTER, LOWER, UPPER, Pattern, rx

_BYLINE = rx(rf"^(?:[{UPPER}][{LOWER}]*\.?\s?){{1,4}}$")
_NOTE_LINE = rx(r"^(?:\[(\d{1,3})\]|(\d{1,3}))\s*(\S.*)$")


@cache  # a note number's pattern is built once, not on every document
def _mark(number: str) -> Pattern:
    # "[1]" anywhere; a bare digit only glued to a word or to a year, before punctuation or a space.
    return rx(rf"\[{number}\]|(?:(?<={LETTER})|(?<=(?<!\d)(?:19|20)\d\d)){number}(?=[.,;:)\s]|$)")


def extract(state: State) -> list[Footnote]:
    notes = [
        Footnote(number=f.number, text=f.text, location=Location(block=f.block, page=f.page, line=f.line))
        for f in state.doc.footnotes
    ]
    if notes:
        return notes  # the reader already kept the marks out of the text
    notes = _trailing_notes(state)
    for note in notes:
        _strip_mark(state, note.number)
    return notes


def _trailing_notes(state: State) -> list[Footnote]:
    region = [b for b in (state.appendix or state.closing or state.body) if b.kind != "para" or b.text]
    found: list[tuple[Block, str, str]] = []
    blocks = list(reversed(region))
    # A byline may follow the notes on a news page ("Hồng Nhung"): step over a few short lines.
    skip = 0
    while skip < min(3, len(blocks)) and _BYLINE.match(blocks[skip].text or "0"):
        skip += 1
    for block in blocks[skip:]:
        m = _NOTE_LINE.match(block.text) if block.kind == "para" else None
        if not m:
            break
        found.append((block, m.group(1) or m.group(2), m.group(3)))
    found.reverse()
    if not found or [int(n) for _, n, _ in found] != list(range(1, len(found) + 1)):
        return []
    note_ids = {id(b) for b, _, _ in found}
    text = "\n".join(
        b.text for b in state.body + state.appendix if b.kind == "para" and id(b) not in note_ids
    )
    if not any(_mark(n).search(text) for _, n, _ in found):
        return []  # a numbered list, not notes: nothing in the text refers to them
    for name in ("appendix", "closing", "body"):
        setattr(state, name, [b for b in getattr(state, name) if id(b) not in note_ids])
    return [Footnote(number=n, text=t, location=location(b)) for b, n, t in found]


def _strip_mark(state: State, number: str) -> None:
    pattern = _mark(number)
    for block in state.body + state.appendix + state.closing:
        if block.kind == "para" and pattern.search(block.text):
            block.text = pattern.sub("", block.text, count=1)
            return
