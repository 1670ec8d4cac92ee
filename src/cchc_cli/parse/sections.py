"""Section rule: numbered headings ("I.", "1.", "1.1.", "a)") and short unnumbered ones into a tree.

A heading's level comes from its numbering style, not its position: Roman above Arabic above
dotted above letters, so a plan that starts at "1." works as well as one that starts at "I.".
Everything else in the body is a paragraph of the innermost open section (or the preamble).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_cli.models import Area, Paragraph, Section, SectionKind
from cchc_cli.parse.lexicon import classify_area, section_kind
from cchc_cli.parse.state import Passage, State, location
from cchc_cli.parse.tasks import is_task_table
from cchc_cli.readers.blocks import Block
from cchc_cli.text import UPPER, fold, is_roman, rx
from cchc_cli.vocab import alternatives, lexicon

_ROMAN_H = rx(r"^([IVXLC]{1,6})\s*[.)\-–]\s*(\S.*)$")
_DOTTED_H = rx(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
_ARABIC_H = rx(r"^(\d{1,2})\s*[.)]\s+(\S.*)$")
_LETTER_H = rx(r"^([a-zđ])\s*\)\s*(\S.*)$")
_SECTION_WORDS = lexicon().section_words
_SENTENCE_END = rx(rf"(?<=[.!?])\s+(?=[{UPPER}])")
_LEAD_IN = rx(rf"({alternatives(_SECTION_WORDS.lead_in)})[^.]{{0,40}}:$")


@dataclass
class _Open:
    rank: int
    section: Section
    area: Area | None


@dataclass
class SectionResult:
    sections: list[Section] = field(default_factory=list)
    preamble: list[Paragraph] = field(default_factory=list)
    units: list[Passage] = field(default_factory=list)


def heading(text: str) -> tuple[int, str | None, str] | None:
    """(rank, number, rest) when ``text`` is a heading; lower rank is higher up."""
    first = text[:1]
    if first in "IVXLC":
        m = _ROMAN_H.match(text)
        if m and is_roman(m.group(1)):
            return 10, m.group(1), m.group(2)
    elif first.isdigit():
        m = _DOTTED_H.match(text)
        if m:
            return 20 + 10 * m.group(1).count("."), m.group(1), m.group(2)
        m = _ARABIC_H.match(text)
        if m:
            return 20, m.group(1), m.group(2)
    elif first.islower() and ")" in text[1:3]:
        m = _LETTER_H.match(text)
        if m:
            return 60, m.group(1), m.group(2)
    words = text.split()
    if len(text) <= 80 and not text.endswith((".", ";", ",", ":", "!", "?")) and 1 < len(words) <= 10:
        letters = [c for c in text if c.isalpha()]
        mostly_caps = sum(c.isupper() for c in letters) / max(1, len(letters)) > 0.8
        if mostly_caps or section_kind(text) != "other":
            return 10, None, text
    return None


def _split_title(rest: str) -> tuple[str, str | None]:
    """A heading may carry its first paragraph: "Sở Tư pháp: Chủ trì, tham mưu ..."."""
    head, sep, tail = rest.partition(": ")
    if sep and len(head) <= 100 and tail.strip():
        return head.strip(), tail.strip()
    if len(rest) > 160:
        m = _SENTENCE_END.search(rest)
        if m and m.start() < len(rest) - 1:
            return rest[: m.start()].strip(), rest[m.end() :].strip()
    return rest.strip(), None


def parse_sections(state: State) -> SectionResult:
    result = SectionResult()
    stack: list[_Open] = []
    pending_kind: SectionKind | None = None
    for block in state.body:
        if block.kind == "table":
            if not is_task_table(block):
                _table_rows(result, stack, block)
            continue
        text = block.text
        found = heading(text)
        if found is None or (found[1] is None and stack and stack[0].section.number is not None):
            _paragraph(result, stack, block, text)
            if _LEAD_IN.search(fold(text)):
                pending_kind = "organization"
            continue
        rank, number, rest = found
        while stack and stack[-1].rank >= rank:
            stack.pop()
        title, first_paragraph = _split_title(rest)
        parent = stack[-1] if stack else None
        if parent is not None and parent.section.kind != "other":
            kind = parent.section.kind
        else:
            kind = section_kind(title) if len(title.split()) <= 14 else "other"
            if kind == "other" and pending_kind:
                kind = pending_kind
        if parent is None and kind != "organization":
            pending_kind = None
        own_area = classify_area(title) if len(title.split()) <= 14 else None
        area = own_area or (parent.area if parent else None)
        parent_path = parent.section.path if parent else None
        if number and parent_path and number.startswith(parent_path + "."):
            path = number  # "1.1" under "1" is already a full path
        else:
            path = ".".join(p for p in [parent_path, number] if p) or None
        section = Section(number=number, path=path, title=title, kind=kind, location=location(block))
        (parent.section.children if parent else result.sections).append(section)
        stack.append(_Open(rank, section, area))
        result.units.append(Passage(text, section.location, path, kind, area, heading=True))
        if first_paragraph:
            section.paragraphs.append(Paragraph(text=first_paragraph, location=location(block)))
    return result


_UNIT_CELL = rx(rf"^(?:{alternatives(_SECTION_WORDS.unit_cells)})$")


def _table_rows(result: SectionResult, stack: list[_Open], block: Block) -> None:
    """A table in the body (indicators, a list of targets): each row is a piece of text to read."""
    top = stack[-1] if stack else None
    for r, row in enumerate(block.rows or [], start=1):
        cells = [c for c in row if c.strip()]
        if cells and re.fullmatch(r"[\dIVXLC]{1,4}\.?", cells[0]):
            cells = cells[1:]  # the STT column
        text = " ".join(c for c in cells if not _UNIT_CELL.match(fold(c.strip())))
        if text:
            unit = Passage(
                text,
                location(block, row=r),
                top.section.path if top else None,
                top.section.kind if top else "other",
                top.area if top else None,
            )
            result.units.append(unit)


def _paragraph(result: SectionResult, stack: list[_Open], block: Block, text: str) -> None:
    para = Paragraph.trusted(text=text, location=location(block))
    if stack:
        top = stack[-1]
        top.section.paragraphs.append(para)
        result.units.append(Passage(text, para.location, top.section.path, top.section.kind, top.area))
    else:
        result.preamble.append(para)
        result.units.append(Passage(text, para.location))
