"""Readers on real content: each format's own difficulties."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import docx
import pytest

from cchc_cli.pipeline import read_document
from cchc_cli.readers import sniff
from conftest import BEN_TRE_TEXT, ROOT, parsed


def read(path: str):
    return read_document((ROOT / path).read_bytes(), path)


def test_text_reader_keeps_empty_cells_and_line_numbers() -> None:
    doc = read(BEN_TRE_TEXT)
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert doc.blocks[0].text == "Hệ thống pháp luật" and doc.blocks[0].line == 1
    # an appendix cell holding only a no-break space is an empty block, not a lost line
    assert any(b.text == "" for b in doc.blocks)


def test_docx_header_table_is_flattened_and_footnotes_are_real() -> None:
    doc = read("samples/ben-tre-2023.docx")
    texts = [b.text for b in doc.blocks[:8]]
    assert texts[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE", "Số: 8474/KH-UBND"]
    assert [f.number for f in doc.footnotes] == ["1", "2"]
    assert doc.footnotes[1].text.startswith("Kế hoạch số 1564/KH-UBND")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows[1][:2] == ["I", "Công tác chỉ đạo, điều hành về CCHC"]  # merged group row
    assert all(len(r) == 7 for r in table.rows)


def test_docx_word_numbering_is_rebuilt() -> None:
    doc = read("samples/derived/ben-tre-2023-autonum.docx")
    texts = [b.text for b in doc.blocks if b.kind == "para"]
    assert "I. MỤC ĐÍCH - YÊU CẦU" in texts and "II. CÁC CHỈ TIÊU CHỦ YẾU" in texts
    assert "VI. TỔ CHỨC THỰC HIỆN" in texts and "2. Phân công, tổ chức thực hiện" in texts
    assert (
        "a) Sở Nội vụ" in texts
        and "g) Đài Phát thanh và truyền hình tỉnh, Báo Đồng Khởi, các Cổng thông tin điện tử của các sở, ban, ngành tỉnh, UBND các huyện, thành phố"
        in texts
    )
    assert any(t.startswith("- Tiếp tục đẩy mạnh CCHC") for t in texts)  # Word bullets


def _merged_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    table = document.add_table(rows=5, cols=5)
    header = ["STT", "Nội dung", "Thời gian", "Cơ quan chủ trì", "Cơ quan phối hợp"]
    for i, text in enumerate(header):
        table.cell(0, i).text = text
    group = table.cell(1, 1).merge(table.cell(1, 4))
    table.cell(1, 0).text = "I"
    group.text = "Cải cách thủ tục hành chính"
    for r, (stt, content) in enumerate([("1", "Rà soát 100% TTHC nội bộ."), ("2", "Số hóa hồ sơ.")], start=2):
        table.cell(r, 0).text, table.cell(r, 1).text, table.cell(r, 2).text = stt, content, "Quý II/2024"
    lead = table.cell(2, 3).merge(table.cell(3, 3))  # one lead for both rows (vMerge)
    lead.text = "Văn phòng UBND tỉnh"
    table.cell(2, 4).text = "Sở Tư pháp; Sở Nội vụ"
    table.cell(4, 0).text = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_merged_cells_feed_the_task_rows() -> None:
    from cchc_cli.pipeline import parse_bytes

    plan = parse_bytes(_merged_docx(), "merged.docx")
    assert [(t.id, t.group, t.lead) for t in plan.tasks] == [
        ("I.1", "Cải cách thủ tục hành chính", ["Văn phòng UBND tỉnh"]),
        ("I.2", "Cải cách thủ tục hành chính", ["Văn phòng UBND tỉnh"]),
    ]
    assert plan.tasks[0].partners == ["Sở Tư pháp", "Sở Nội vụ"]
    assert plan.tasks[0].timeline.quarters == ["2024-Q2"]
    assert [(t.value, t.task) for t in plan.targets] == [(100, "I.1")]


def test_pdf_reader_rebuilds_paragraphs_footnotes_and_tables() -> None:
    doc = read("samples/ben-tre-2023.pdf")
    paragraphs = [b.text for b in doc.blocks if b.kind == "para"]
    assert "Bến Tre, ngày 29 tháng 12 năm 2022" in paragraphs  # the right column of the header
    assert any(p.endswith("giai đoạn 2021-2030.") for p in paragraphs)  # marker "1" dropped, no space left
    assert not any(p.startswith("cách tổ chức bộ máy") for p in paragraphs)  # page break joined
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and len(tables[0].rows) == 43  # five pages, one table, split rows rejoined
    assert [f.page for f in doc.footnotes] == [2, 4]


def test_html_reader_drops_chrome_and_keeps_tables() -> None:
    doc = read("samples/derived/ben-tre-2023.html")
    texts = " ".join(b.text for b in doc.blocks if b.kind == "para")
    assert "Trang chủ" not in texts and "dataLayer" not in texts and "Bản quyền" not in texts
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows[1] == ["I", "Công tác chỉ đạo, điều hành về CCHC", "", "", "", "", ""]
    assert table.row_lines and table.row_lines[0] is not None


def test_html_rowspan_and_entities() -> None:
    page = (
        "<html><body><p>Kế hoạch CCHC năm 2024 &ndash; tỉnh A</p><table>"
        "<tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th></tr>"
        "<tr><td>1</td><td>Việc một</td><td rowspan='2'>Sở Nội vụ</td></tr>"
        "<tr><td>2</td><td>Việc hai</td></tr></table></body></html>"
    )
    doc = read_document(page.encode(), "p.html")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == [
        ["STT", "Nội dung", "Cơ quan chủ trì"],
        ["1", "Việc một", "Sở Nội vụ"],
        ["2", "Việc hai", "Sở Nội vụ"],
    ]
    assert doc.blocks[0].text == "Kế hoạch CCHC năm 2024 – tỉnh A"


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"PK\x03\x04rest", "docx"),
        (b"<!DOCTYPE html><html>", "html"),
        ("Kế hoạch".encode("utf-16"), "txt"),
        ("Kế hoạch".encode(), "txt"),
    ],
)
def test_format_is_sniffed_from_content(data: bytes, fmt: str) -> None:
    assert sniff(data, "misnamed.bin") == fmt


def test_unicode_clean_up() -> None:
    text = "Ke\u0302\u0301 hoa\u0323ch\u00a0CCHC\u200b na\u0306m 2024\u00ad: 100\u00a0% TTHC\n"
    doc = read_document(("KẾ HOẠCH\n" + text).encode(), "x.txt")
    assert doc.blocks[1].text == "Kế hoạch CCHC năm 2024: 100 % TTHC"


def test_location_lines_point_at_the_source(tmp_path: Path) -> None:
    plan = parsed(BEN_TRE_TEXT)
    lines = (ROOT / BEN_TRE_TEXT).read_text(encoding="utf-8").splitlines()
    for target in plan.targets[:10]:
        source_line = lines[target.location.line - 1]
        assert f"{target.value}%" in source_line.replace(" ", "")


def test_database_copy_keeps_a_cell_left_open_at_the_end() -> None:
    """A copy cut off inside a table (no closing "|") keeps the text of its last cell."""
    from cchc_cli.readers.dbcopy import read_db_copy

    lines = list(enumerate(["|", "|", "|", "**Sở Nội vụ**", "chủ trì", ""], start=1))
    assert [(b.kind, b.text) for b in read_db_copy(lines)] == [("para", "Sở Nội vụ"), ("para", "chủ trì")]


def test_database_copy_gives_the_last_cell_of_a_table_once() -> None:
    """A table closed by "|" and a blank line: its last cell is read once, not twice."""
    from cchc_cli.readers.dbcopy import read_db_copy

    raw = [
        "|",
        "ỦY BAN NHÂN DÂN",
        "|",
        "CỘNG HÒA",
        "|",
        "|",
        "Số: 1/KH-UBND",
        "|",
        "*Huế, ngày 2",
        "tháng 1 năm 2025*",
        "|",
        "",
        "KẾ HOẠCH",
    ]
    texts = [b.text for b in read_db_copy(list(enumerate(raw, start=1)))]
    assert texts == [
        "ỦY BAN NHÂN DÂN",
        "Số: 1/KH-UBND",
        "CỘNG HÒA",
        "Huế, ngày 2 tháng 1 năm 2025",
        "KẾ HOẠCH",
    ]


def test_utf32_and_mixed_encodings_are_decoded() -> None:
    """UTF-32 with a BOM was read as UTF-16 ("not a plan"); a text mostly UTF-8 with one
    Windows-1258 line was read entirely as cp1258 (every Vietnamese letter of the rest broken)."""
    text = "KẾ HOẠCH\nCải cách hành chính năm 2024\nTỷ lệ hồ sơ đúng hạn đạt tối thiểu 98%.\n"
    doc = read_document(codecs.BOM_UTF32_LE + text.encode("utf-32-le"), "plan.txt")
    assert doc.blocks[0].text == "KẾ HOẠCH" and doc.encoding == "utf-32"
    mixed = text.encode("utf-8") + "Ghi chú: ban hành\n".encode("cp1258")
    doc = read_document(mixed, "plan.txt")
    assert [b.text for b in doc.blocks][:3] == [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2024",
        "Tỷ lệ hồ sơ đúng hạn đạt tối thiểu 98%.",
    ]
    assert doc.blocks[3].text.startswith("Ghi ch")
