"""Whole-document shapes beyond the samples: a plan inside a decision, hard-wrapped text, target tables."""

from __future__ import annotations

import datetime as dt
import textwrap

from cchc_cli.pipeline import parse_bytes
from conftest import BEN_TRE_TEXT, ROOT, parsed

DECISION = """ỦY BAN NHÂN DÂN
TỈNH LONG AN
Số: 3012/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Long An, ngày 20 tháng 12 năm 2024
QUYẾT ĐỊNH
Ban hành Kế hoạch cải cách hành chính năm 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LONG AN
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Út
KẾ HOẠCH
Cải cách hành chính năm 2025
(Ban hành kèm theo Quyết định số 3012/QĐ-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh)
I. MỤC TIÊU
1. Chỉ tiêu
- 100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình.
- Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 60%.
II. NHIỆM VỤ
1. Cải cách thể chế
- Rà soát 100% văn bản quy phạm pháp luật do tỉnh ban hành.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ: theo dõi, đôn đốc, tổng hợp.
"""


def test_plan_issued_inside_a_decision_keeps_the_plan_body() -> None:
    plan = parse_bytes(DECISION.encode(), "qd.txt")
    meta = plan.metadata
    assert (meta.number, meta.plan_year, meta.issued_date) == ("3012/QĐ-UBND", 2025, dt.date(2024, 12, 20))
    assert (meta.signer, meta.signer_title) == ("Nguyễn Văn Út", "Chủ tịch")
    assert [s.kind for s in plan.sections] == ["targets", "tasks", "organization"]
    assert [(t.comparator, t.value, t.section) for t in plan.targets] == [
        ("=", 100, "I.1"),
        (">=", 60, "I.1"),
        ("=", 100, "II.1"),
    ]
    assert [a.agency for a in plan.assignments] == ["Sở Nội vụ"]
    assert ("Nghị quyết", "76/NQ-CP") in [(r.kind, r.number) for r in plan.references]
    assert "3012/QĐ-UBND" not in [r.number for r in plan.references]  # the decision itself


def _hard_wrapped(text: str, width: int = 78) -> str:
    """The seed as a PDF-to-text tool writes it: paragraphs wrapped, no blank line between them."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            if line:
                out.append(line)  # an empty table cell stays a line of its own
            continue
        out.extend(textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out) + "\n"


def test_hard_wrapped_text_is_reflowed() -> None:
    wrapped = _hard_wrapped((ROOT / BEN_TRE_TEXT).read_text(encoding="utf-8"))
    plan = parse_bytes(wrapped.encode(), "wrapped.txt")
    base = parsed(BEN_TRE_TEXT)
    assert [(t.metric, t.comparator, t.value, t.area) for t in plan.targets] == [
        (t.metric, t.comparator, t.value, t.area) for t in base.targets
    ]
    assert [(t.id, t.content, t.lead) for t in plan.tasks] == [(t.id, t.content, t.lead) for t in base.tasks]
    assert plan.metadata == base.metadata


def test_targets_in_a_table_of_indicators() -> None:
    page = (
        "<html><body><p>KẾ HOẠCH</p><p>CẢI CÁCH HÀNH CHÍNH NĂM 2024</p><p>I. CHỈ TIÊU</p><table>"
        "<tr><th>STT</th><th>Chỉ tiêu</th><th>Đơn vị</th><th>Năm 2024</th></tr>"
        "<tr><td>1</td><td>Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình</td><td>%</td><td>tối thiểu 50%</td></tr>"
        "<tr><td>2</td><td>Mức độ hài lòng của người dân</td><td>%</td><td>trên 90%</td></tr>"
        "</table></body></html>"
    )
    plan = parse_bytes(page.encode(), "t.html")
    assert [(t.comparator, t.value, t.metric, t.location.row) for t in plan.targets] == [
        (">=", 50, "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", 2),
        (">", 90, "Mức độ hài lòng của người dân", 3),
    ]
