"""The PDF layer on pdfium: words rebuilt from characters (cases as data in
tests/cases/pdf_words.yaml) and table cells found from ruling lines (pdf_tables)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from cchc_cli.readers.pdf import read_pdf
from cchc_cli.readers.pdf_layer import Char, Edge
from cchc_cli.readers.pdf_tables import cells, find_tables, merge, tables

ROOT = Path(__file__).resolve().parent.parent
WORD_CASES = yaml.safe_load((ROOT / "tests/cases/pdf_words.yaml").read_text(encoding="utf-8"))


@cache
def _paragraphs(file: str) -> tuple[str, ...]:
    document = read_pdf((ROOT / file).read_bytes())
    return tuple(b.text for b in document.blocks if b.kind == "para")


@pytest.mark.parametrize("case", WORD_CASES, ids=[c["name"] for c in WORD_CASES])
def test_pdf_word_case(case: dict) -> None:
    paragraphs = _paragraphs(case["file"])
    if "contains" in case:
        assert any(case["contains"] in p for p in paragraphs), case["contains"]
    if "paragraph" in case:
        assert case["paragraph"] in paragraphs


def _grid(xs: list[float], ys: list[float]) -> list[Edge]:
    """Ruling lines drawn as thin rectangles, as Word and LibreOffice draw table borders:
    each border is two lines 0.5 pt apart, which snap to one."""
    out = []
    for x in xs:
        out += [Edge(False, x, ys[0], ys[-1]), Edge(False, x + 0.5, ys[0], ys[-1])]
    for y in ys:
        out += [Edge(True, y, xs[0], xs[-1]), Edge(True, y + 0.5, xs[0], xs[-1])]
    return out


def _char(text: str, x: float, top: float) -> Char:
    return Char(text, x, x + 5, top, top + 10, 10.0)


def test_a_grid_gives_one_cell_per_rectangle_and_rows_of_text() -> None:
    edges = _grid([0, 50, 100, 150], [0, 20, 40])
    (table,) = find_tables(edges)
    assert len(table.cells) == 6
    chars = [_char("A", 10, 5), _char("B", 60, 5), _char("C", 110, 25), _char("x", 300, 5)]
    rows = [[" ".join(cell or []) for cell in row] for row in table.rows(chars)]
    assert rows == [["A", "B", ""], ["", "", "C"]]


def test_a_merged_cell_leaves_none_in_the_columns_it_covers() -> None:
    """A group row merged across the table (the appendix's "I. Cải cách thể chế")."""
    xs, ys = [0.0, 50.0, 100.0, 150.0], [0.0, 20.0, 40.0]
    edges = [e for e in _grid(xs, ys) if e.horizontal or e.at in (0.0, 0.5, 150.0, 150.5)]
    edges += [Edge(False, x, 20.0, 40.0) for x in (50.0, 100.0)]  # inner borders on row 2 only
    (table,) = find_tables(edges)
    rows = table.rows([_char("I", 5, 5), _char("1", 5, 25), _char("z", 120, 25)])
    assert rows == [[["I"], None, None], [["1"], [], ["z"]]]


def test_separate_grids_are_separate_tables_and_a_lone_box_is_none() -> None:
    edges = _grid([0, 50, 100], [0, 20]) + _grid([0, 50, 100], [200, 220]) + _grid([300, 350], [0, 20])
    found = tables(cells(merge(edges)))
    assert [len(t) for t in found] == [2, 2]
    assert [min(c[1] for c in t) for t in found] == [0.25, 200.25]  # each border snapped to its middle


def test_short_and_slanted_strokes_are_not_ruling_lines() -> None:
    merged = merge([Edge(True, 10, 0, 2), Edge(False, 5, 0, 100), Edge(False, 6.5, 50, 120)])
    assert merged == [Edge(False, 5.75, 0, 120)]


def test_a_bens_tre_appendix_row_reads_as_in_the_word_file() -> None:
    """The appendix of the Bến Tre PDF: its table cells come from the ruling lines alone."""
    document = read_pdf((ROOT / "samples/ben-tre-2023.pdf").read_bytes())
    (table, *_) = [b for b in document.blocks if b.kind == "table" and b.rows and len(b.rows[0]) >= 6]
    header = [cell.strip() for cell in table.rows[0]]
    assert header[:2] == ["STT", "Nội dung"]
    assert any(row[0].strip() == "1" and "Cải cách thể chế" not in row[1] for row in table.rows)


def test_pages_turned_by_rotate_read_as_the_upright_ones() -> None:
    """pdfium gives characters in the unrotated page space; the page's turned size put the
    tops elsewhere, and a table going on over a page break was no longer joined."""
    import dataclasses
    import io

    import pypdf

    data = (ROOT / "samples/ben-tre-2023.pdf").read_bytes()
    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        page.rotate(90)
        writer.add_page(page)
    turned = io.BytesIO()
    writer.write(turned)
    assert dataclasses.asdict(read_pdf(turned.getvalue())) == dataclasses.asdict(read_pdf(data))


def test_a_page_pdfium_cannot_load_is_a_damaged_pdf_not_an_internal_error() -> None:
    """Found by mutating the corpus PDFs: 11 of 300 ended in "internal error (PdfiumError)"."""
    import sys

    from cchc_cli.errors import CorruptFileError
    from cchc_cli.pipeline import parse_bytes

    sys.path.insert(0, str(ROOT / "scripts"))
    from bombs import TEXT, pdf

    not_a_page = pdf(TEXT).replace(b"/Kids [3 0 R]", b"/Kids [5 0 R]")  # the font, not a page
    with pytest.raises(CorruptFileError, match="page 1 cannot be read"):
        parse_bytes(not_a_page, "broken.pdf")
