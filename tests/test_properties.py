"""Property tests: any input gives a Plan or a one-line CchcError, never another exception."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_cli.errors import CchcError
from cchc_cli.parse.targets import find_in_clause
from cchc_cli.pipeline import parse_bytes
from cchc_cli.render import to_yaml

WORDS = [
    "Kế hoạch",
    "KẾ HOẠCH",
    "CCHC",
    "100%",
    "đạt",
    "tối thiểu",
    "từ",
    "trở lên",
    "trên",
    "dưới",
    "không quá",
    "nhóm",
    "30",
    "tỉnh",
    "I.",
    "II.",
    "1.",
    "a)",
    "-",
    "STT",
    "Nội dung",
    "Quý I/2023",
    "năm 2024",
    "Số:",
    "8474/KH-UBND",
    "ngày 29 tháng 12 năm 2022",
    "(",
    ")",
    ";",
    ":",
    ",",
    ".",
    "\n",
    "\n\n",
    "\u00a0",
    "Sở Nội vụ",
    "trong đó",
    "so với",
    "tăng",
    "giảm",
    "Luật",
    "Quyết định số",
    "Nơi nhận:",
    "PHỤ LỤC",
    "1,5",
    "1.000",
    "[1]",
]

EXAMPLES = 20000 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 150

vietnamese_text = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_text)
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        plan = parse_bytes(text.encode("utf-8"), "fuzz.txt")
    except CchcError:
        return
    to_yaml(plan)  # and it can be written


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_parse_or_fail_cleanly(data: bytes) -> None:
    for name in ("fuzz.txt", "fuzz.docx", "fuzz.pdf", "fuzz.html"):
        with contextlib.suppress(CchcError):
            parse_bytes(data, name)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(vietnamese_text)
def test_targets_have_sane_values(text: str) -> None:
    for found in find_in_clause(text):
        assert found.comparator in {">=", ">", "=", "<=", "<", "increase", "decrease", "maintain"}
        assert (found.value is None) == (found.comparator in {"increase", "decrease", "maintain"})
        assert found.metric == found.metric.strip()
