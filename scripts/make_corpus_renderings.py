"""Word and PDF renderings of the corpus plans (samples/corpus/NNN.txt -> NNN.docx, NNN.pdf).

Users hold these public plans as the issuing body's Word file or its PDF, not as the legal
database's text copy. The renderings rebuild that form from the copy, the way the issuer's file is
laid out: the header as a two-column borderless table (issuer | motto, number | place and date),
the signature as a borderless table, appendix tables as real bordered tables whose group rows
("I", "A", "1" with a title only) are one cell merged across the row, and bold and italic spans
as runs. The database's own box and login text around the document are left out.

The table structure comes from cchc's copy reader (``readers/dbcopy.py``) with its layout rule
switched off, so the renderings hold the same words as the text copies: the accuracy of the three
forms can then be compared against one gold file. PDFs are printed by LibreOffice.

Run: python scripts/make_corpus_renderings.py [NNN ...]  (needs ``soffice`` for the PDFs;
the outputs are committed, so tests never run this).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cchc_cli.parse.tasks import column_of  # noqa: E402
from cchc_cli.readers import dbcopy  # noqa: E402
from cchc_cli.readers.blocks import Block, is_layout_table  # noqa: E402
from cchc_cli.text import clean, finish_line  # noqa: E402

CORPUS = ROOT / "samples" / "corpus"
_SPAN = re.compile(r"\*\*(.+?)\*\*|(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", re.S)
_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI")
_DATABASE_TAIL = re.compile(
    r"Quý khách Đăng nhập|Bản dịch này thuộc quyền|THƯ VIỆN PHÁP LUẬT|NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN"
)


# -- the structure of the copy ------------------------------------------------------------------


def _emit_all(piece, out: list[Block]) -> None:
    """dbcopy._emit without the layout rule: small tables stay tables, marked as layout, and
    every row keeps its own length (a short row is a group row, merged across in Word)."""
    if isinstance(piece, dbcopy._Line):
        out.extend(dbcopy._paragraphs([piece]))
        return
    grid = dbcopy._mend_rows(piece)
    width = max(len(r) for r in grid)
    if is_layout_table(len(grid), width):
        rows = [[[text for text, _ in dbcopy._cell_lines(cell)] for cell in row] for row in grid]
        out.append(Block(kind="table", rows=rows, label="layout"))
    else:
        out.append(Block(kind="table", rows=[[dbcopy._cell_text(c) for c in row] for row in grid]))


def blocks_of(text: str) -> list[Block]:
    original = dbcopy._emit
    dbcopy._emit = _emit_all
    try:
        lines = clean(text).splitlines()
        return dbcopy.read_db_copy([(n, finish_line(raw)) for n, raw in enumerate(lines, start=1)])
    finally:
        dbcopy._emit = original


def document_blocks(blocks: list[Block]) -> list[Block]:
    """From the document's own header table (the motto's) to its end, database text left out."""
    start = next((i for i, b in enumerate(blocks) if b.kind == "table" and _MOTTO.search(str(b.rows))), 0)
    kept = []
    for block in blocks[start:]:
        if _DATABASE_TAIL.search(block.text if block.kind == "para" else str(block.rows)):
            break
        kept.append(block)
    return kept


def emphasis(raw: str) -> tuple[set[str], set[str]]:
    """The bold and the italic phrases of the copy, with its line breaks joined."""
    bold, italic = set(), set()
    for m in _SPAN.finditer(raw):
        words = " ".join((m.group(1) or m.group(2) or "").replace("*", "").split())
        if len(words) > 1:
            (bold if m.group(1) else italic).add(words)
    return bold, italic


# -- Word ---------------------------------------------------------------------------------------


def _runs(paragraph, text: str, bold: set[str], italic: set[str], size: float = 13) -> None:
    """Text as runs, the copy's bold and italic phrases as bold and italic runs."""
    marks = [(text.find(p), len(p), "b") for p in bold if p in text] + [
        (text.find(p), len(p), "i") for p in italic if p in text
    ]
    marks.sort(key=lambda m: (m[0], -m[1]))
    at = 0
    for start, length, kind in marks:
        if start < at:
            continue  # inside a longer span already written
        if start > at:
            paragraph.add_run(text[at:start]).font.size = Pt(size)
        run = paragraph.add_run(text[start : start + length])
        run.font.size = Pt(size)
        run.bold, run.italic = kind == "b", kind == "i"
        at = start + length
    if at < len(text):
        paragraph.add_run(text[at:]).font.size = Pt(size)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _layout_table(doc, block: Block, bold: set[str], italic: set[str]) -> None:
    rows = block.rows or []
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    _no_borders(table)
    table.autofit = False
    if width == 2:  # as the national form sets them: a narrow issuer column, a wide motto column
        for column, size in zip(table.columns, (Cm(6.5), Cm(9.5)), strict=True):
            column.width = size
            for cell in column.cells:
                cell.width = size
    for r, row in enumerate(rows):
        for c, lines in enumerate(row):
            cell = table.cell(r, c)
            for n, line in enumerate(lines):
                p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _runs(p, line, bold, italic, size=12)


def _regular(rows: list[list[str]]) -> tuple[list[list[str]], int]:
    """The copy's rows on the table's grid (its most common width): a row with a title only is
    a group row; a header row short of its first cell (an STT merged down from above) is
    right-aligned; other short rows end in empty cells, as the copy reader pads them."""
    width = Counter(len(r) for r in rows if len(r) > 2).most_common(1)[0][0]
    out = []
    for row in rows:
        filled = [c for c in row if c.strip()]
        if len(filled) <= 2 and len(row) > 2:
            row = filled if len(filled) == 2 or not row[0].strip() else [row[0], *filled[1:]]
        while len(row) > width and not row[-1].strip():
            row = row[:-1]
        if 2 < len(row) < width and sum(1 for c in row if column_of(c)) >= 3:
            row = [""] * (width - len(row)) + row  # a header row whose STT cell was merged away
        out.append(row[:width] if len(row) <= width else [*row[: width - 1], " ".join(row[width - 1 :])])
    return out, width


def _data_table(doc, block: Block, bold: set[str], italic: set[str]) -> None:
    rows, width = _regular(block.rows or [])
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        if 1 < len(row) < width:  # a group row: its title spans the rest of the row
            table.cell(r, len(row) - 1).merge(table.cell(r, width - 1))
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            for n, part in enumerate(text.split("\n")):
                p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                _runs(p, part, bold, italic, size=11)
                if r == 0:
                    for run in p.runs:
                        run.bold = True
    # The header row repeats on every page, as appendix tables are set up.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _landscape(doc) -> None:
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _appendix_start(blocks: list[Block]) -> int | None:
    """Where the landscape pages begin: at the headings ("PHỤ LỤC", its title, "(Kèm theo ...)")
    just before the first wide table."""
    for n, block in enumerate(blocks):
        if block.kind == "table" and block.label != "layout" and max(map(len, block.rows or [[]])) >= 5:
            start = n
            while start > 0 and n - start < 4 and blocks[start - 1].kind == "para":
                text = blocks[start - 1].text
                if not (text.isupper() or text.startswith("(")):
                    break
                start -= 1
            return start
    return None


def to_docx(raw: str, target: Path) -> None:
    bold, italic = emphasis(raw)
    doc = WordDocument()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    blocks = document_blocks(blocks_of(raw))
    switch = _appendix_start(blocks)
    for n, block in enumerate(blocks):
        if n == switch:
            _landscape(doc)  # the appendix pages, as plans print them
        if block.kind == "para":
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(4)
            _runs(p, block.text, bold, italic)
            if block.text.isupper() and len(block.text) < 200:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.label == "layout":
            _layout_table(doc, block, bold, italic)
        else:
            _data_table(doc, block, bold, italic)
    doc.core_properties.title = target.stem
    doc.save(str(target))


def to_pdf(sources: list[Path]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: PDFs not made", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(CORPUS),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
        )


def main() -> None:
    wanted = set(sys.argv[1:])
    made = []
    for source in sorted(CORPUS.glob("*.txt")):
        if wanted and source.stem not in wanted:
            continue
        raw = source.read_text(encoding="utf-8")
        if not _MOTTO.search(" ".join(raw.split())):
            continue  # not an administrative document (a saved article): nothing to render
        target = source.with_suffix(".docx")
        to_docx(raw, target)
        made.append(target)
    to_pdf(made)
    print(f"{len(made)} documents rendered as .docx and .pdf in {CORPUS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
