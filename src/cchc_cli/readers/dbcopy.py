"""Text copied from a legal database's web page: the markdown-ish form most plans travel in.

What marks it: table cells written one per stretch of lines between lines holding a lone ``|``
(``|`` ``|`` on two lines ends a row and starts the next), emphasis as ``**bold**`` and
``*italic*`` spans that may cross line breaks, and paragraphs hard-wrapped at ~80 characters,
separated by blank lines (or, in some copies, by nothing at all).

This module turns such text into the blocks every other reader produces: paragraphs joined
back from their wrapped lines, and tables. Small tables (the header's two columns, the
signature) are layout, not data: like the Word reader, they become paragraphs column by
column, one per line of the cell, with an emphasis span that was wrapped joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_cli.readers.blocks import LIST_ITEM, Block, is_layout_table

_PIPE = "|"
_EMPHASIS = re.compile(r"\*+")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_ENDS_SENTENCE = (".", ";", ":", "!", "?", ".)", ";)", ".*", ";*", ":*")


_LONE_PIPE = re.compile(r"^ *\| *$", re.M)
_BOLD_START = re.compile(r"^ *\*\*", re.M)


def is_db_copy(text: str) -> bool:
    """Two or more lone-``|`` lines, or three lines opening a bold span: the legal-database copy
    form. Every text input passes here, so the scan stops at the first hits."""
    pipes = _LONE_PIPE.finditer(text) if "|" in text else iter(())  # a literal look first: fast
    if next(pipes, None) and next(pipes, None):
        return True
    if "**" not in text:
        return False
    bold = _BOLD_START.finditer(text)
    return all(next(bold, None) for _ in range(3))


@dataclass(slots=True)
class _Line:
    text: str  # as written, emphasis marks kept
    number: int  # 1-based line in the file


def read_db_copy(lines: list[tuple[int, str]]) -> list[Block]:
    """(line number, cleaned line) pairs -> blocks. Empty lines are given as ""."""
    blocks: list[Block] = []
    run: list[_Line] = []  # lines of the paragraph stretch being read
    i = 0
    n = len(lines)
    filled = sum(1 for _, text in lines if text.strip())
    # Copies that leave a blank line between paragraphs wrap every other line break away.
    blank_separated = n - filled >= 0.05 * filled
    while i < n:
        number, text = lines[i]
        if text.strip() == _PIPE:
            blocks.extend(_paragraphs(run, blank_separated))
            run = []
            i = _table(lines, i, blocks, blank_separated)
            continue
        run.append(_Line(text, number))
        i += 1
    blocks.extend(_paragraphs(run, blank_separated))
    return blocks


# -- tables --------------------------------------------------------------------------------------


def _table(lines: list[tuple[int, str]], i: int, out: list[Block], blank_separated: bool) -> int:
    """Read the table whose first ``|`` is line i; append its blocks; return the next line index.

    Cells are the stretches between ``|`` lines. A ``|`` right after a ``|`` ends a row (an empty
    cell would look the same: rows are mended against the header's width below). The table ends
    at a ``|`` followed by a blank line or the end of the file. Copies without blank lines run
    tables and text together: there a row as wide as the table, closed and followed by text,
    ends it too.
    """
    rows: list[list[list[_Line]]] = [[]]
    cell: list[_Line] | None = None
    n = len(lines)
    width = 0  # the widest row closed so far (in the current table, where tables run together)
    closed = 0  # rows closed in the current table
    offset = 0  # where the current table's cells begin in the row being read
    while i < n:
        number, text = lines[i]
        if text.strip() == _PIPE:
            if cell is not None:
                rows[-1].append(cell)
                first = _first_words(cell)
                if _STT_HEADER.match(first) or _APPENDIX_HEAD.match(first):
                    width, closed, offset = 0, 0, len(rows[-1]) - 1  # a new table starts here
            nxt = lines[i + 1][1].strip() if i + 1 < n else ""
            if nxt == _PIPE:
                if cell is None:
                    rows[-1].append([])  # "| |" with nothing open: an empty cell
                width = max(width, len(rows[-1]) - offset)
                closed, offset = closed + 1, 0
                rows.append([])
                cell = None
                i += 2 if i + 2 < n and lines[i + 2][1].strip() == _PIPE else 1
                continue
            if not nxt or (not blank_separated and closed and len(rows[-1]) - offset >= width):
                cell = None  # appended above: the table ends here
                i += 1
                break
            cell = []
            i += 1
            continue
        if cell is None:
            break
        if text.strip() or cell:
            cell.append(_Line(text, number))
        i += 1
    if cell:
        rows[-1].append(cell)  # the file ended inside a cell: its text is kept, not dropped
    for piece in _split_tables([row for row in rows if any(row)]):
        _emit(piece, out)
    return i


def _split_tables(grid: list[list[list[_Line]]]) -> list[list[list[list[_Line]]] | _Line]:
    """Where tables run together: an "STT" cell starts a new table (its header row), and a cell
    that opens an appendix ("PHỤ LỤC ...") is text between two tables."""
    pieces: list = []
    current: list[list[list[_Line]]] = []
    for row in grid:
        start = 0
        if current and any(_MOTTO.search(_unmark(line.text)) for cell in row for line in cell):
            pieces.append(current)  # a document's own header table after a database's box
            current = []
        for c, cell in enumerate(row):
            first = _first_words(cell)
            if c > start and _STT_HEADER.match(first):
                current.append(row[start:c])
                pieces.append(current)
                current, start = [], c
            elif _APPENDIX_HEAD.match(first):
                if row[start:c]:
                    current.append(row[start:c])
                if current:
                    pieces.append(current)
                pieces.extend(cell)
                current, start = [], c + 1
        if row[start:]:
            current.append(row[start:])
    if current:
        pieces.append(current)
    return pieces


def _first_words(cell: list[_Line]) -> str:
    """The cell's first line with words in it (a cell may open with an empty "** **")."""
    return next((text for text in (_unmark(line.text) for line in cell) if text), "")


_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI")
_STT_HEADER = re.compile(r"^(?:STT|TT|Số TT)$", re.I)
_APPENDIX_HEAD = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b")


def _emit(piece, out: list[Block]) -> None:
    if isinstance(piece, _Line):
        out.extend(_paragraphs([piece]))
        return
    grid = _mend_rows(piece)
    width = max(len(r) for r in grid)
    if is_layout_table(len(grid), width):
        for col in range(width):
            for row in grid:
                if col < len(row):
                    for text, number in _cell_lines(row[col]):
                        out.append(Block(kind="para", text=text, line=number))
        return
    texts = [[_cell_text(c) for c in row] for row in grid]
    table = Block(kind="table", rows=[r + [""] * (width - len(r)) for r in texts])
    table.row_lines = [next((c[0].number for c in row if c), None) for row in grid]
    table.line = next((n for n in table.row_lines if n), None)
    out.append(table)


def _mend_rows(grid: list[list[list[_Line]]]) -> list[list[list[_Line]]]:
    """A row cut short by an empty cell ("|" "|" read as a row break) joins the next piece.

    The header row gives the width; a piece whose first cell does not start a row (no number,
    no group mark) and that fits in what the row before lacks carries that row on.
    """
    width = len(grid[0])
    out: list[list[list[_Line]]] = [grid[0]]
    for row in grid[1:]:
        prev = out[-1]
        if len(out) > 1 and len(prev) < width and len(prev) + 1 + len(row) <= width and not _starts_row(row):
            out[-1] = [*prev, [], *row]
        else:
            out.append(row)
    return out


_ROW_START = re.compile(r"^\**\s*(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[A-ZĐ]|[a-zđ])\s*[.)]?\s*\**$")


def _starts_row(row: list[list[_Line]]) -> bool:
    first = _cell_text(row[0]) if row and row[0] else ""
    return bool(_ROW_START.match(first))


def _cell_text(cell: list[_Line]) -> str:
    """A data cell: its wrapped lines joined, list items kept apart by a line break.

    The copy wraps a cell's first line short, at any width: so inside a cell only a list item,
    a blank line, or a line ended by a full stop, semicolon or colon starts a new paragraph
    ("Thành phố Hồ" / "Chí Minh", "Sở Khoa học và" / "Công nghệ" are one agency)."""
    out: list[str] = []
    current: list[str] = []
    marks = 0
    for line in cell:
        text = line.text.strip()
        if not text:
            marks = 0
        elif (
            current
            and not marks
            and (
                LIST_ITEM.match(_unmark(text)) or current[-1].rstrip(" *").endswith((".", ";", ":", "!", "?"))
            )
        ):
            out.append(_unmark(" ".join(current)))
            current = []
        if text:
            current.append(text)
            marks ^= _emphasis_parity(text)
        elif current:
            out.append(_unmark(" ".join(current)))
            current = []
    if current:
        out.append(_unmark(" ".join(current)))
    return "\n".join(p for p in out if p and p.strip("* "))


def _cell_lines(cell: list[_Line]) -> list[tuple[str, int]]:
    """A layout cell: one paragraph per line, except where an emphasis span was wrapped."""
    out: list[tuple[str, int]] = []
    pending: list[_Line] = []
    marks = 0
    for line in cell:
        pending.append(line)
        marks ^= _emphasis_parity(line.text)
        if marks:
            continue
        text = _unmark(" ".join(p.text.strip() for p in pending))
        if text:
            out.append((text, pending[0].number))
        pending = []
    if pending:
        text = _unmark(" ".join(p.text.strip() for p in pending))
        if text:
            out.append((text, pending[0].number))
    return out


# -- paragraphs ----------------------------------------------------------------------------------


def _paragraphs(run: list[_Line], blank_separated: bool = False) -> list[Block]:
    return [Block(kind="para", text=text, line=number) for text, number in _joined(run, blank_separated)]


def _joined(run: list[_Line], blank_separated: bool = False) -> list[tuple[str, int]]:
    """Wrapped lines joined back into paragraphs; a blank line always ends one."""
    width = _width(run)
    out: list[tuple[str, int]] = []
    current: list[_Line] = []
    marks = 0  # emphasis parity of ``current``: non-zero while a span is open

    def flush() -> None:
        if current:
            text = _unmark(" ".join(c.text.strip() for c in current))
            if text and text.strip("* "):
                out.append((text, current[0].number))
            current.clear()

    for line in run:
        if not line.text.strip():
            flush()
            marks = 0
            continue
        if current and not _continues(current, marks, line, width, blank_separated):
            flush()
            marks = 0
        current.append(line)
        marks ^= _emphasis_parity(line.text)
    flush()
    return out


def _width(run: list[_Line]) -> int:
    lengths = sorted(len(line.text) for line in run if line.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _continues(current: list[_Line], marks: int, line: _Line, width: int, blank_separated: bool) -> bool:
    """Does ``line`` carry on the paragraph in ``current`` (a hard wrap) or start a new one?
    ``marks`` is the emphasis parity of ``current`` (see ``_emphasis_parity``)."""
    if marks:
        return True  # inside a "**...**" span that was wrapped
    previous = current[-1].text.rstrip()
    text = _unmark(line.text.strip())
    if not text:
        return True
    if LIST_ITEM.match(text) or _HEADING_MARK.match(line.text):
        return False
    if _whole_emphasis(current, marks) or _whole_emphasis([line], _emphasis_parity(line.text)):
        return text[0].islower()  # a bold or italic heading stands alone
    if text[0].islower() or text[0] in "(,;":
        return True
    if blank_separated and not _whole_emphasis([current[-1]], _emphasis_parity(current[-1].text)):
        return True  # only a blank line, a list item or a heading ends a paragraph here
    if previous.endswith(_ENDS_SENTENCE):
        return False
    # A capital after a line that stopped short of the width: a new paragraph, or a line break.
    return len(previous) >= 0.75 * width


def _emphasis_parity(text: str) -> int:
    """Bit 1: an odd number of "**" marks; bit 2: an odd number of single "*" runs. XOR-ing the
    parities of a paragraph's lines tells whether a span is still open, in constant time a line."""
    bold = text.count("**")
    single = len(_EMPHASIS.findall(text.replace("**", ""))) if "*" in text else 0
    return (bold & 1) | ((single & 1) << 1)


def _whole_emphasis(lines: list[_Line], marks: int) -> bool:
    """The lines are one emphasis span from end to end (a bold or italic heading)."""
    first, last = lines[0].text.strip(), lines[-1].text.strip()
    long_enough = len(lines) > 1 or len(first) > 4
    return long_enough and first.startswith("*") and last.endswith("*") and not marks


def _unmark(text: str) -> str:
    """Emphasis and heading marks dropped; the words stay."""
    text = _HEADING_MARK.sub("", text)
    if "*" in text:
        text = _EMPHASIS.sub("", text)
    return " ".join(text.split())
