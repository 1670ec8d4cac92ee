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
import time
import zipfile

import pytest
import regex

import cchc_cli.parse
from cchc_cli.batch import time_limit
from cchc_cli.errors import CchcError, UnsafeFileError
from cchc_cli.pipeline import parse_bytes

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
    """A pattern built from data/lexicon.yaml by a cached function with no arguments."""
    if callable(value) and hasattr(value, "cache_info") and not inspect.signature(value).parameters:
        return value()
    return value


PATTERNS = sorted(
    {
        (module.__name__, name): pattern
        for module in MODULES
        for name, value in vars(module).items()
        if isinstance(pattern := _built_on_first_use(value), re.Pattern | regex.Pattern)
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
