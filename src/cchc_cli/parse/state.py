"""The shared state the parse rules work on: the document cut into regions.

Like markdown-it's line state: readers gave uniform blocks; here we decide once which blocks
are the header, the body, the closing (recipients and signature), the appendix and trailing
page chrome, so that each rule only looks where its construct lives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cchc_cli.models import Area, Location, SectionKind
from cchc_cli.readers.blocks import Block, Document
from cchc_cli.text import fold, rx
from cchc_cli.vocab import alternatives, lexicon, starts_pattern


def location(block: Block, row: int | None = None, cell: int | None = None) -> Location:
    line = block.line
    page = block.page
    if row is not None:
        if block.row_lines and row - 1 < len(block.row_lines):
            line = block.row_lines[row - 1] or line
        if block.row_pages and row - 1 < len(block.row_pages):
            page = block.row_pages[row - 1] or page
    # Built without validation: every value here is an int we computed (hot path).
    return Location.trusted(block=block.ordinal or None, line=line, page=page, row=row, cell=cell)


@dataclass
class Passage:
    """A piece of text with its context: what the target and reference rules scan.

    ``source`` is the block it came from (its Location is built only if a rule needs it:
    most units yield nothing) or an existing Location.
    """

    text: str
    source: Block | Location
    section: str | None = None
    kind: SectionKind = "other"
    area: Area | None = None
    heading: bool = False
    task: str | None = None

    @property
    def location(self) -> Location:
        if isinstance(self.source, Location):
            return self.source
        return location(self.source)


# Built from data/lexicon.yaml (page_parts); matched on folded text.
_PAGE = lexicon().page_parts
_TITLE = rx(rf"(?:{alternatives(_PAGE.titles)})$")
# The type word glued to its subject on one line ("QUYẾT ĐỊNH PHÊ DUYỆT ...": a PDF's centred
# title lines run together).
_TITLE_INLINE = rx(rf"(?:{alternatives(_PAGE.titles)})\s+\S")
_CLOSING = rx(starts_pattern(_PAGE.closing))
_APPENDIX = rx(rf"(?:{alternatives(_PAGE.appendix)})(\s+[ivxlc\d]+\.?)?(\s*[:.\-].*)?$")
# A legal database's metadata box or a portal's footer: not part of the plan (a line starting so).
_TRAILER = rx(starts_pattern(_PAGE.trailer_starts, whole_words=False))
# Page chrome before the article: dates, view counters, font-size widgets.
_CHROME = rx(
    rf"(?:(?:{starts_pattern(_PAGE.chrome_starts).removeprefix('^')}).*|"
    rf"(?:{alternatives(_PAGE.chrome_lines)})|[\d/: ]+)$"
)


@dataclass
class State:
    doc: Document
    header: list[Block] = field(default_factory=list)
    title: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    appendix: list[Block] = field(default_factory=list)
    trailer: list[Block] = field(default_factory=list)
    decision: list[Block] = field(default_factory=list)  # a decision the plan is issued with
    decision_title: str | None = None  # that decision's own title line ("QUYẾT ĐỊNH")

    @classmethod
    def split(cls, doc: Document) -> State:
        state = cls(doc)
        # Empty blocks (white-space lines) matter only in the appendix, where they are empty cells.
        blocks = list(doc.blocks)
        # Trailer: from the first footer marker after the body has begun.
        end = len(blocks)
        for i, b in enumerate(blocks):
            if i > 3 and b.kind == "para" and b.text and _TRAILER.match(fold(b.text)):
                end = i
                break
        state.trailer = blocks[end:]
        blocks = blocks[:end]
        start = _title_index(blocks)
        if start is not None:
            state.header = _unbar(blocks[:start])
            stop = start + 1
            while stop < len(blocks) and _is_title_line(blocks[stop], blocks[start], stop == start + 1):
                stop += 1
            state.title = blocks[start:stop]
            rest = blocks[stop:]
            attached = _attached_plan(rest) if fold(blocks[start].text).startswith("quyet dinh") else None
            if attached is not None:
                # A plan issued inside a decision: the decision (its grounds, articles, signature)
                # comes first, the plan itself follows under its own "KẾ HOẠCH" title.
                end_title = attached + 1
                while end_title < len(rest) and _is_title_line(
                    rest[end_title], rest[attached], end_title == attached + 1
                ):
                    end_title += 1
                state.decision = [b for b in rest[:attached] if b.kind == "table" or b.text]
                state.decision_title = blocks[start].text
                state.title = rest[attached:end_title]
                rest = rest[end_title:]
        else:
            lead = 0
            while (
                lead < len(blocks)
                and blocks[lead].kind == "para"
                and (not blocks[lead].text or _CHROME.match(fold(blocks[lead].text)))
            ):
                lead += 1
            state.header = blocks[:lead]
            rest = blocks[lead:]
        for i, b in enumerate(rest):
            if (
                b.kind == "para"
                and b.text
                and (_CLOSING.match(fold(b.text)) or _APPENDIX.match(fold(b.text)))
            ):
                state.body = rest[:i]
                tail = rest[i:]
                break
        else:
            state.body, tail = rest, []
        for i, b in enumerate(tail):
            if b.kind == "para" and b.text and _APPENDIX.match(fold(b.text)):
                state.closing, state.appendix = tail[:i], tail[i:]
                break
        else:
            state.closing = tail
        for name in ("header", "title", "body", "closing", "trailer"):
            setattr(state, name, [b for b in getattr(state, name) if b.kind == "table" or b.text])
        return state


# The national motto heads the right column of every header; where both columns share a line
# (typed with tabs, copied as text, or joined by "|") it marks where the right column starts.
_COLUMN_BREAK = rx(
    r"(?<!\s)\s+\|\s+|(?<!\s)\s*(?=(?i:cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam)\b)"
    r"|(?<!\s)\s*(?=(?i:độc lập)\s*-\s*(?i:tự do)\s*-\s*(?i:hạnh phúc))"
)


def _unbar(blocks: list[Block]) -> list[Block]:
    """Header lines holding both columns ("ỦY BAN NHÂN DÂN | CỘNG HÒA ...", or the same typed
    with tabs): one block per column, so each column's lines read as in a two-column table."""
    out: list[Block] = []
    for b in blocks:
        parts = [p.strip() for p in _COLUMN_BREAK.split(b.text)] if b.kind == "para" else []
        if len([p for p in parts if p]) > 1:
            out.extend(replace(b, text=part) for part in parts if part)
        else:
            out.append(b)
    return out


def _attached_plan(blocks: list[Block]) -> int | None:
    """Where the plan attached to a decision begins: its "KẾ HOẠCH" title after the signature."""
    signed = False
    for i, b in enumerate(blocks):
        if b.kind != "para" or not b.text:
            continue
        folded = fold(b.text)
        signed = signed or bool(_CLOSING.match(folded))
        if signed and b.text.isupper() and _TITLE.match(folded) and folded.startswith("ke hoach"):
            return i
    return None


def _title_index(blocks: list[Block]) -> int | None:
    for i, b in enumerate(blocks[:80]):
        if b.kind != "para" or not b.text:
            continue
        folded = fold(b.text)
        if _TITLE.match(folded) and b.text.isupper():
            return i
        if _TITLE_INLINE.match(folded) and b.text[:8].isupper() and len(b.text) < 200:
            return i
    return None


_HEADING_START = rx(r"^(?:[IVXLC]+|\d{1,2})\s*[.)]\s")


def _is_title_line(block: Block, first: Block, right_after: bool = False) -> bool:
    if block.kind != "para" or _HEADING_START.match(block.text):
        return False
    text = block.text
    if (
        right_after
        and _TITLE.match(fold(first.text))
        and len(text) < 250
        and not text.endswith((".", ":", ";"))
    ):
        return True  # the subject line under a bare "KẾ HOẠCH", in whatever case it is typed
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / max(1, len(letters))
    if fold(first.text).startswith("quyet dinh") and fold(text).startswith(("ban hanh", "ve viec")):
        return True
    return upper > 0.8 or (text.startswith("(") and text.endswith(")") and len(text) < 250)
