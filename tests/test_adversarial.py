"""No pattern backtracks catastrophically, and hostile documents stay bounded.

Each compiled pattern of the parser is run over adversarial strings under a generous time
guard (the same per-document limit the CLI uses); a catastrophic pattern would trip it.
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import re
import sys
import time
import zipfile
from pathlib import Path

import pytest

import cchc_cli.parse
from cchc_cli.batch import time_limit
from cchc_cli.errors import CchcError, UnsafeFileError
from cchc_cli.pipeline import parse_bytes
from cchc_cli.text import Pattern

MODULES = [
    importlib.import_module(f"cchc_cli.parse.{m.name}") for m in pkgutil.iter_modules(cchc_cli.parse.__path__)
]
MODULES += [
    importlib.import_module(name)
    for name in (
        "cchc_cli.legacy",
        "cchc_cli.normalize",
        "cchc_cli.text",
        "cchc_cli.readers.blocks",
        "cchc_cli.readers.dbcopy",
        "cchc_cli.readers.pdf",
        "cchc_cli.readers.text",
        "cchc_cli.readers.html",
    )
]


def _built_on_first_use(value: object) -> object:
    """A pattern built from data/lexicon.yaml by a cached function with no arguments, or one
    compiled on first use (``text.rx``)."""
    if callable(value) and hasattr(value, "cache_info") and not inspect.signature(value).parameters:
        value = value()
    return value.compiled() if isinstance(value, Pattern) else value


PATTERNS = sorted(
    {
        (module.__name__, name): pattern
        for module in MODULES
        for name, value in vars(module).items()
        if isinstance(pattern := _built_on_first_use(value), re.Pattern)
    }.items()
)
ADVERSARIAL = [
    "a" * 20000,
    "1" * 20000,
    " " * 20000,
    "1 " * 10000,
    "1.0" * 6000,
    "1,1 " * 5000,
    "(1% " * 5000,
    "từ " * 6000 + "x",
    "tối thiểu " * 3000 + "x",
    "nhóm " * 5000,
    "Số: " * 5000,
    "Kế hoạch số 1/" * 3000,
    "ngày 1 tháng " * 3000,
    "Quý I, " * 4000,
    "- " * 10000,
    "I. " * 8000,
    "ĐĐĐ" * 6000,
    "%" * 20000,
    "Luật a, " * 4000,
    "so với " * 4000 + "năm",
    ".\n" * 10000,
    "a; " * 8000,
]


def test_the_pattern_list_is_not_empty() -> None:
    assert len(PATTERNS) > 100


def _scan_time(pattern: re.Pattern, text: str) -> float:
    candidate = text if isinstance(pattern.pattern, str) else text.encode()
    start = time.perf_counter()
    for _ in pattern.finditer(candidate):
        pass
    return time.perf_counter() - start


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[f"{m}.{n}" for (m, n), _ in PATTERNS])
def test_pattern_on_adversarial_input(where: tuple[str, str], pattern: re.Pattern) -> None:
    """Linear, proven without a clock limit: on 4x the input a pattern takes under 8x the time
    (a quadratic one takes 16x). Both sizes are measured in the same run, so a slower machine
    scales both; the small absolute allowance absorbs timer noise on inputs that take microseconds."""
    with time_limit(120):
        for text in ADVERSARIAL:
            small, large = text[: len(text) // 8], text[: len(text) // 2]
            t_small = min(_scan_time(pattern, small) for _ in range(3))
            t_large = min(_scan_time(pattern, large) for _ in range(2))
            assert t_large <= 8 * t_small + 0.02, f"{where[1]} grows faster than linearly on {text[:12]!r}..."


def test_very_long_lines_and_deeply_nested_tables_stay_bounded() -> None:
    with time_limit(60):
        plan = parse_bytes(("KẾ HOẠCH CCHC năm 2024\n" + "đạt 100% hồ sơ, " * 40000).encode(), "long.txt")
    assert len(plan.targets) == 1
    nested = "<table><tr><td>" * 300 + "Kế hoạch CCHC 100% hồ sơ" + "</td></tr></table>" * 300
    with time_limit(60):
        plan = parse_bytes(
            f"<html><body><p>KẾ HOẠCH CCHC năm 2024</p>{nested}</body></html>".encode(), "n.html"
        )
    assert plan.metadata.plan_year == 2024


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>")
    with pytest.raises(UnsafeFileError, match="zip bomb"):
        parse_bytes(buffer.getvalue(), "bomb.docx")


def test_a_pdf_with_too_many_pages_is_refused(tmp_path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    for _ in range(2001):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(CchcError, match="2001 pages"):
        parse_bytes(buffer.getvalue(), "many.pdf")


# -- bombs, small: the limits lowered so the tests stay quick -----------------------------------


# The hostile PDFs are built by the same code `make bombs` uses at full size.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from bombs import TEXT, grid  # noqa: E402
from bombs import pdf as _pdf  # noqa: E402


def test_a_pdf_stream_that_inflates_beyond_the_limit_is_refused(monkeypatch) -> None:
    from cchc_cli.readers import pdf

    monkeypatch.setattr(pdf, "MAX_INFLATED", 1024 * 1024)
    bomb = _pdf(TEXT + b" " * (4 * 1024 * 1024), deflate=True)
    assert len(bomb) < 20_000
    with pytest.raises(UnsafeFileError, match="inflate to more than 1 MB"):
        parse_bytes(bomb, "bomb.pdf")
    honest = pdf.read_pdf(_pdf(TEXT, deflate=True))  # an honest stream reads
    assert "KE HOACH CCHC" in honest.blocks[0].text


def test_a_page_of_megabytes_of_text_is_refused_before_pdfium_reads_it(monkeypatch) -> None:
    """pdfium's text of a page costs about 400 bytes a character: 20 MB of text took 3 GB."""
    from cchc_cli.readers import pdf

    monkeypatch.setattr(pdf, "MAX_CONTENT", 64 * 1024)
    words = b"BT /F1 1 Tf 72 700 Td " + (b"(" + b"a" * 1000 + b") Tj 0 -1 Td ") * 100 + b"ET"
    for deflate in (True, False):
        with pytest.raises(UnsafeFileError, match="content stream holds more than 64 KB"):
            parse_bytes(_pdf(TEXT + words, deflate=deflate), "text.pdf")
    # A font file of that size is not page content: the page reads.
    font = _pdf(TEXT).replace(
        b"/Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"/Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n9 0 obj\n<< /Length1 70000 /Length 70000 >>\nstream\n"
        + b"x" * 70000
        + b"\nendstream",
    )
    assert "KE HOACH CCHC" in pdf.read_pdf(font).blocks[0].text


def test_a_content_stream_is_capped_whatever_its_own_dictionary_says(monkeypatch) -> None:
    """pdfium reads a page's /Contents (and a form) whatever keys their dictionaries carry: a
    font's /Length1 or an image's /Subtype added to them no longer exempts them from the cap."""
    from cchc_cli.readers import pdf

    monkeypatch.setattr(pdf, "MAX_CONTENT", 64 * 1024)
    words = b"BT /F1 1 Tf 72 700 Td " + (b"(" + b"a" * 1000 + b") Tj 0 -1 Td ") * 100 + b"ET"
    page = _pdf(TEXT + words)
    for disguise in (b"/Length1 5 ", b"/Subtype /Image ", b"/Type /Metadata /Subtype /XML "):
        disguised = page.replace(b"4 0 obj\n<< /Length", b"4 0 obj\n<< " + disguise + b"/Length")
        assert disguised != page
        with pytest.raises(UnsafeFileError, match="content stream holds more than 64 KB"):
            parse_bytes(disguised, "disguised.pdf")
    # Named through an array object: still the page's content.
    listed = page.replace(b"/Contents 4 0 R", b"/Contents 6 0 R").replace(
        b"trailer", b"6 0 obj\n[4 0 R]\nendobj\ntrailer"
    )
    with pytest.raises(UnsafeFileError, match="content stream holds more than 64 KB"):
        pdf.check_bounds(listed.replace(b"4 0 obj\n<< ", b"4 0 obj\n<< /Length1 5 "))
    # A form with a font's key is still a form.
    form = b"9 0 obj\n<< /Type /XObject /Subtype /Form /Length1 5 /Length %d >>\nstream\n" % len(words)
    with pytest.raises(UnsafeFileError, match="content stream holds more than 64 KB"):
        pdf.check_bounds(_pdf(TEXT) + form + words + b"\nendstream\nendobj\n")


def test_a_page_named_inside_an_object_stream_has_its_content_capped(monkeypatch) -> None:
    """Page dictionaries packed in a compressed object stream (PDF 1.5) name their /Contents
    there: read while the object stream is inflated for its size."""
    import zlib

    from cchc_cli.readers import pdf

    monkeypatch.setattr(pdf, "MAX_CONTENT", 64 * 1024)
    packed = zlib.compress(b"3 0 << /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
    objects = b"7 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(
        packed
    )
    content = b"4 0 obj\n<< /Length1 5 /Length 70000 >>\nstream\n" + b"x" * 70000 + b"\nendstream\nendobj\n"
    with pytest.raises(UnsafeFileError, match="content stream holds more than 64 KB"):
        pdf.check_bounds(b"%PDF-1.5\n" + objects + packed + b"\nendstream\nendobj\n" + content)
    # The same stream, named by no page: a font's program, not content.
    unnamed = packed.replace(packed, zlib.compress(b"3 0 << /Type /Page /Parent 2 0 R /Contents 8 0 R >>"))
    objects = objects.replace(b"/Length %d" % len(packed), b"/Length %d" % len(unnamed))
    pdf.check_bounds(b"%PDF-1.5\n" + objects + unnamed + b"\nendstream\nendobj\n" + content)


def test_a_page_tree_claiming_too_many_pages_is_refused_before_parsing() -> None:
    with pytest.raises(UnsafeFileError, match="claims 200000 pages"):
        parse_bytes(_pdf(TEXT, count=200_000), "many.pdf")


def test_a_grid_of_ruling_lines_skips_table_finding_but_keeps_the_text() -> None:
    """N x N lines made the table finder take about N^4 (271 s at N = 300)."""
    from cchc_cli.readers import pdf

    document = pdf.read_pdf(grid(100))
    assert [b.kind for b in document.blocks] == ["para"]
    assert "KE HOACH CCHC" in document.blocks[0].text
    # A real appendix page (the Bến Tre plan's) still has its table found.
    from conftest import ROOT

    assert any(
        b.kind == "table" for b in pdf.read_pdf((ROOT / "samples/ben-tre-2023.pdf").read_bytes()).blocks
    )


def test_html_spans_are_bounded_and_their_text_kept() -> None:
    from cchc_cli.readers.html import MAX_COLUMNS, read_html

    row = "".join(f"<td colspan=100>c{i}</td>" for i in range(50))
    page = f"<html><body><p>KẾ HOẠCH CCHC 2024</p><table><tr>{row}</tr>{'<tr><td>a</td></tr>' * 50}</table></body></html>"
    (table,) = [b for b in read_html(page.encode()).blocks if b.kind == "table"]
    assert max(len(r) for r in table.rows) == MAX_COLUMNS
    assert "c49" in " ".join(table.rows[0])  # cells past the width join the last column
    spans = "<tr>" + "<td colspan=100 rowspan=100>x</td>" * 30 + "</tr>"
    (table,) = [
        b for b in read_html(f"<table>{spans}</table><p>KẾ HOẠCH</p>".encode()).blocks if b.kind == "table"
    ]
    assert len(table.rows[0]) <= MAX_COLUMNS


def test_stray_end_tags_are_linear() -> None:
    """'<b>' * n + '</i>' * n scanned the whole open-tag stack for every end tag: quadratic."""
    from cchc_cli.readers.html import read_html

    def took(n: int) -> float:
        page = ("<p>KẾ HOẠCH CCHC</p>" + "<b>" * n + "</i>" * n).encode()
        start = time.perf_counter()
        read_html(page)
        return time.perf_counter() - start

    small, large = min(took(5_000) for _ in range(2)), min(took(20_000) for _ in range(2))
    assert large <= 8 * small + 0.05  # 4x the input: linear is 4x, quadratic 16x


def _docx_with(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def test_a_docx_member_that_inflates_past_its_declared_size_stops_there() -> None:
    import struct

    data = bytearray(_docx_with(b"<w:document>" + b" " * (8 * 1024 * 1024) + b"</w:document>"))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        at = data.find(signature)
        data[at + offset : at + offset + 4] = struct.pack("<I", 4096)  # claims 4 KB
    with pytest.raises(CchcError, match=r"Bad CRC|inflates beyond"):
        parse_bytes(bytes(data), "liar.docx")


def test_a_dtd_is_refused_in_any_encoding_and_position() -> None:
    body = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY a "x">]>' + body).encode(
        "utf-16"
    )
    late = (
        '<?xml version="1.0"?><!--' + "x" * 70_000 + '--><!DOCTYPE w:document [<!ENTITY a "x">]>' + body
    ).encode()
    for xml in (utf16, late):
        with pytest.raises(UnsafeFileError, match="declares a DTD"):
            parse_bytes(_docx_with(xml), "dtd.docx")


def test_inputs_are_read_with_a_cap_and_devices_refused(tmp_path, monkeypatch) -> None:
    import os

    from cchc_cli import pipeline
    from cchc_cli.errors import EmptyInputError, UnreadableError

    monkeypatch.setattr(pipeline, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(UnsafeFileError, match="more than 1000 bytes"):
        pipeline._capped(io.BytesIO(b"x" * 5000), "<stdin>")
    if Path("/dev/zero").exists():
        with pytest.raises(UnreadableError, match="a device"):
            pipeline.read_input("/dev/zero")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "plan.txt"
        os.mkfifo(fifo)
        with time_limit(30):  # a FIFO with no writer used to wait forever
            data = pipeline.read_input(str(fifo))
        assert data == b""
        with pytest.raises(EmptyInputError):
            parse_bytes(data, str(fifo))


def test_a_docx_part_larger_than_a_plans_is_refused_before_parsing(monkeypatch) -> None:
    """A million stored paragraphs (58 MB of document.xml, no compression to trip the ratio)."""
    from cchc_cli.readers import docx

    monkeypatch.setattr(docx, "MAX_PART", 64 * 1024)
    paragraph = b"<w:p><w:r><w:t>KE HOACH</w:t></w:r></w:p>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(
            "word/document.xml", b"<w:document><w:body>" + paragraph * 5000 + b"</w:body></w:document>"
        )
    with pytest.raises(UnsafeFileError, match="MB of XML, more than a plan's"):
        parse_bytes(buffer.getvalue(), "many.docx")


def test_known_corruptions_are_named_not_internal_errors(tmp_path) -> None:
    """A bad deflate stream, compression method 99, an encrypted zip entry, a PDF page whose
    content is missing, 3,000-deep JSON, a 10,000-digit number, and a time limit firing inside
    pdfminer: each was "internal error" (or "a scan?")."""
    import struct

    from cchc_cli.errors import CorruptFileError, EncryptedError, TimeLimitError, UnsupportedFormatError
    from cchc_cli.loader import load_plan_data
    from conftest import ROOT

    packed = _docx_with(b"<w:document>" + b"x" * 5000 + b"</w:document>")

    def patched(offsets: list[tuple[bytes, int, bytes]], data: bytes = packed) -> bytes:
        out = bytearray(data)
        for signature, offset, value in offsets:
            at = out.find(signature)
            out[at + offset : at + offset + len(value)] = value
        return bytes(out)

    local = packed.find(b"PK\x03\x04")
    name_length, extra = struct.unpack("<HH", packed[local + 26 : local + 30])
    body = local + 30 + name_length + extra
    bad_deflate = packed[:body] + b"\xff" * 10 + packed[body + 10 :]
    with pytest.raises(CorruptFileError, match=r"damaged \.docx member"):
        parse_bytes(bad_deflate, "a.docx")
    method = struct.pack("<H", 99)
    with pytest.raises(UnsupportedFormatError, match="compression method"):
        parse_bytes(patched([(b"PK\x03\x04", 8, method), (b"PK\x01\x02", 10, method)]), "b.docx")
    flag = struct.pack("<H", 1)
    with pytest.raises(EncryptedError, match="encrypted"):
        parse_bytes(patched([(b"PK\x03\x04", 6, flag), (b"PK\x01\x02", 8, flag)]), "c.docx")
    with pytest.raises(CorruptFileError, match="content of page 1 is missing"):
        parse_bytes(_pdf(TEXT).replace(b"/Contents 4 0 R", b"/Contents 9 0 R"), "d.pdf")
    with pytest.raises(UnsafeFileError, match="nested too deeply"):
        load_plan_data(b"[" * 3000 + b"]" * 3000, "e.json")
    with pytest.raises(UnsafeFileError, match="number too large"):
        load_plan_data(b"schema_version: '1.0'\nx: " + b"9" * 10000 + b"\n", "f.yaml")
    with pytest.raises(TimeLimitError), time_limit(0.05):
        from cchc_cli.pipeline import _parse

        _parse((ROOT / "samples/ben-tre-2023.pdf").read_bytes(), "g.pdf")


def test_duplicate_keys_and_nan_are_refused_with_their_place() -> None:
    from cchc_cli.errors import CorruptFileError
    from cchc_cli.loader import load_plan_data

    with pytest.raises(CorruptFileError, match="duplicate key 'value' at line 4"):
        load_plan_data(b"schema_version: '1.0'\ntargets:\n  - value: 1\n    value: 2\n", "a.yaml")
    with pytest.raises(CorruptFileError, match="duplicate key 'x'"):
        load_plan_data(b'{"schema_version": "1.0", "x": 1, "x": 2}', "b.json")
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        with pytest.raises(CorruptFileError, match="not a number JSON allows"):
            load_plan_data(b'{"schema_version": "1.0", "v": ' + constant + b"}", "c.json")


def test_a_document_of_too_many_paragraphs_is_refused_before_parsing(monkeypatch) -> None:
    """9 MB of numbered lines (390,000 paragraphs) took 1 GB through the parse."""
    from cchc_cli import pipeline

    monkeypatch.setattr(pipeline, "MAX_PIECES", 1000)
    lines = "".join(f"{r}. Nội dung số {r}\n{r}.1. Mục một\n" for r in range(1, 600))
    with pytest.raises(UnsafeFileError, match="1,199 paragraphs and table rows, more than the 1,000"):
        parse_bytes(("KẾ HOẠCH CCHC năm 2024\n" + lines).encode(), "many.txt")
    parse_bytes(("KẾ HOẠCH CCHC năm 2024\n" + lines[: len(lines) // 2]).encode(), "fewer.txt")


def test_a_time_limit_swallowed_on_the_way_still_ends_the_block() -> None:
    """The limit fires wherever the program is; a finalizer, or a library catching every
    exception, can lose it. The block still ends in TimeLimitError when it finishes."""
    import time

    from cchc_cli.errors import TimeLimitError

    def library_that_catches_everything() -> None:
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                sum(range(1000))
            except Exception:
                return  # the limit's exception, lost here

    with pytest.raises(TimeLimitError, match=r"gave up after 0\.05 s"), time_limit(0.05):
        library_that_catches_everything()
