"""Saved web pages: text blocks and tables in page order, without scripts, styles and site chrome."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from cchc_cli.errors import EmptyInputError
from cchc_cli.readers.blocks import Block, Document
from cchc_cli.readers.text import decode

_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "option",
        "iframe",
        "svg",
        "canvas",
        "head",
    ]
)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "caption",
        "header",
        "table",
        "tr",
        "body",
        "center",
    ]
)
_CHROME = re.compile(
    r"(?i)\b(menu|navbar|nav|breadcrumb|sidebar|footer|share|social|comment|banner|login|search)\b"
)
_CHARSET = re.compile(rb"""(?i)<meta[^>]+charset\s*=\s*["']?([\w-]+)""")


class _Cell:
    __slots__ = ("colspan", "parts", "rowspan")

    def __init__(self, colspan: int, rowspan: int):
        self.parts: list[str] = []
        self.colspan, self.rowspan = colspan, rowspan


class _Table:
    def __init__(self, line: int):
        self.line = line
        self.rows: list[list[_Cell]] = []
        self.row_lines: list[int] = []


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._buffer_line: int | None = None
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []  # (tag, opened a skipped region)
        self._tables: list[_Table] = []
        self._cell: list[_Cell | None] = []
        self._open: Counter[str] = Counter()  # tags on the stack: an end tag is checked in O(1)

    # -- text paragraphs -------------------------------------------------
    def _flush(self) -> None:
        text = "".join(self._buffer)
        if text.strip():
            self.blocks.append(Block(kind="para", text=text, line=self._buffer_line))
        self._buffer, self._buffer_line = [], None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        skip = tag in _SKIP_TAGS or bool(
            _CHROME.search(f"{attr.get('class') or ''} {attr.get('id') or ''} {attr.get('role') or ''}")
        )
        if tag in _VOID:
            if tag == "br" and not self._skip_depth:
                self._text_break()
            return
        self._stack.append((tag, skip))
        self._open[tag] += 1
        if skip:
            self._skip_depth += 1
        if self._skip_depth:
            return
        if tag == "table":
            self._end_paragraph()
            self._tables.append(_Table(self.getpos()[0]))
        elif tag == "tr" and self._tables:
            self._tables[-1].rows.append([])
            self._tables[-1].row_lines.append(self.getpos()[0])
        elif tag in ("td", "th") and self._tables and self._tables[-1].rows:
            cell = _Cell(_int(attr.get("colspan")), _int(attr.get("rowspan")))
            self._tables[-1].rows[-1].append(cell)
            self._cell.append(cell)
        elif tag in _BLOCK_TAGS:
            self._text_break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self._open[tag]:
            return  # a stray end tag ("</i>" with no <i> open): was a scan of the whole stack
        while self._stack:
            open_tag, skip = self._stack.pop()
            self._open[open_tag] -= 1
            if skip:
                self._skip_depth -= 1
            elif not self._skip_depth:
                self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell:
            self._cell.pop()
        elif tag == "table" and self._tables:
            table = self._tables.pop()
            rows, lines = _grid(table)
            if self._tables and self._cell:  # a table inside a cell: its text joins the cell
                self._cell[-1].parts.append(" ".join(" ".join(r) for r in rows))
            elif rows:
                self.blocks.append(Block(kind="table", rows=rows, line=table.line, row_lines=lines))
        elif tag in _BLOCK_TAGS:
            self._text_break()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._cell and self._cell[-1] is not None:
            self._cell[-1].parts.append(data)
            return
        if self._tables:
            return  # stray text between cells
        if self._buffer_line is None and data.strip():
            self._buffer_line = self.getpos()[0]
        self._buffer.append(data)

    def _text_break(self) -> None:
        if self._cell and self._cell[-1] is not None:
            self._cell[-1].parts.append("\n")
        elif not self._tables:
            self._flush()

    def _end_paragraph(self) -> None:
        if not self._tables:
            self._flush()

    def close(self) -> None:
        super().close()
        self._flush()


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


MAX_COLUMNS = 256  # columns of one table row after spans (as for Word); plans' tables have under 15


def _grid(table: _Table) -> tuple[list[list[str]], list[int | None]]:
    """Expand colspan/rowspan so every row has one string per column.

    A row is at most MAX_COLUMNS wide: the text of cells past it joins the last column (kept,
    not dropped), and spans stop there, so a crafted colspan cannot make the grid huge."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) -> text carried down by rowspan
    for r, cells in enumerate(table.rows):
        row: list[str] = []
        col = 0
        for cell in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text = " ".join("".join(cell.parts).split())
            if col >= MAX_COLUMNS:
                if text:
                    row[-1] = f"{row[-1]} {text}".strip()
                continue
            for span in range(min(cell.colspan, MAX_COLUMNS - col)):
                row.append(text if span == 0 else "")
                for down in range(1, cell.rowspan):
                    pending[(r + down, col)] = text if span == 0 else ""
                col += 1
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    rows = [r + [""] * (width - len(r)) for r in grid if any(c for c in r)]
    lines = [line for r, line in zip(grid, table.row_lines, strict=False) if any(c for c in r)]
    return rows, list(lines)


def read_html(data: bytes) -> Document:
    declared = _CHARSET.search(data[:4096])
    text = None
    if declared:
        try:
            text, encoding, fixed = (
                data.decode(declared.group(1).decode("ascii")),
                declared.group(1).decode().lower(),
                False,
            )
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, encoding, fixed = decode(data)
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    blocks = parser.blocks
    if not blocks:
        raise EmptyInputError("no text in the page")
    return Document(format="html", blocks=blocks, encoding=encoding, encoding_fixed=fixed)
