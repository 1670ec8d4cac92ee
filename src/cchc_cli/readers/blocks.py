"""What every reader produces: uniform blocks that remember where they came from.

Readers know nothing about plans. A block is a paragraph (``text``) or a table (``rows``),
with its place in the source. The parser only ever sees these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from cchc_cli.text import UPPER

# A line that starts a list item or a numbered heading, so it never continues the line above when
# wrapped lines are joined back into paragraphs (PDF, hard-wrapped text). A bullet needs a capital
# after it: "- kế toán" at a line start is a wrapped "tài chính - kế toán".
LIST_ITEM = re.compile(
    rf"^(?:[-+•]\s(?=[{UPPER}\d])|[IVXLC]+\.\s|\d+(?:\.\d+)*\.?\s|[a-zđ]\)\s|\(\d+\)\s|\d+\)\s)"
)


def is_layout_table(rows: int, width: int) -> bool:
    """A table of at most 3 x 3 cells is layout (the header's two columns, the signature), not
    data: readers give its cells as paragraphs, column by column, as a reader's eye takes them."""
    return rows <= 3 and width <= 3


@dataclass(slots=True)
class Block:
    kind: Literal["para", "table"]
    text: str = ""
    rows: list[list[str]] | None = None
    line: int | None = None  # 1-based line in a text/HTML file, or line on a PDF page
    page: int | None = None  # 1-based PDF page
    # Table cells keep their own lines where the format tells them (HTML, PDF page of each row).
    row_lines: list[int | None] | None = None
    row_pages: list[int | None] | None = None
    label: str | None = None  # list label rebuilt from Word numbering ("I.", "1.", "a)", "-")
    ordinal: int = 0  # 1-based position in reading order, set by Document


@dataclass(slots=True)
class RawFootnote:
    number: str
    text: str
    line: int | None = None
    page: int | None = None
    block: int | None = None  # ordinal of the block that refers to it, where known


@dataclass(slots=True)
class Document:
    format: Literal["txt", "html", "docx", "pdf"]
    blocks: list[Block]
    footnotes: list[RawFootnote] = field(default_factory=list)
    encoding: str | None = None
    encoding_fixed: bool = False
    cleaned: bool = False  # the reader already produced clean text (see normalize.normalize_document)

    def __post_init__(self) -> None:
        for i, block in enumerate(self.blocks, start=1):
            block.ordinal = i
