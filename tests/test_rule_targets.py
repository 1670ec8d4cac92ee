"""Target rule on sentences phrased the ways real plans phrase them (see shared phrasings).

The sentences are written for these tests; each pins one pattern, not one document.
"""

from __future__ import annotations

import pytest

from cchc_cli.models import Location
from cchc_cli.parse.state import Passage
from cchc_cli.parse.targets import extract_targets

HERE = Location(block=1)


def targets(*paragraphs: str, year: int = 2024, section: str | None = "II"):
    units = [Passage(p, HERE, section=section, kind="targets") for p in paragraphs]
    return extract_targets(units, year)


def short(*paragraphs: str, year: int = 2024) -> list[tuple]:
    return [(t.comparator, t.value, t.unit) for t in targets(*paragraphs, year=year)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên.", (">=", 98, "%")),
        ("Mức độ hài lòng của tổ chức, cá nhân đạt tối thiểu 90%.", (">=", 90, "%")),
        ("Bảo đảm ít nhất 30% cuộc họp được tổ chức trực tuyến.", (">=", 30, "%")),
        ("Tỷ lệ thanh toán trực tuyến không thấp hơn 45%.", (">=", 45, "%")),
        ("Chỉ số hài lòng về dịch vụ y tế đạt trên 85%.", (">", 85, "%")),
        ("Có hơn 70% thủ tục được thực hiện tại Bộ phận Một cửa.", (">", 70, "%")),
        ("100% văn bản đi được ký số.", ("=", 100, "%")),
        ("Tỷ lệ số hóa kết quả giải quyết TTHC đạt 90%.", ("=", 90, "%")),
        ("Tỷ lệ hồ sơ trễ hạn không quá 2%.", ("<=", 2, "%")),
        ("Tỷ lệ hồ sơ phải bổ sung tối đa 5%.", ("<=", 5, "%")),
        ("Tỷ lệ hồ sơ quá hạn dưới 1,5%.", ("<", 1.5, "%")),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 71,36%.", ("=", 71.36, "%")),
        ("Phấn đấu 4,15 % hồ sơ được giải quyết qua dịch vụ bưu chính công ích.", ("=", 4.15, "%")),
        ("Chỉ số CCHC của tỉnh nằm trong nhóm 30 tỉnh, thành phố dẫn đầu.", ("<=", 30, "rank")),
        ("Phấn đấu Chỉ số PAPI thuộc nhóm 10 địa phương dẫn đầu cả nước.", ("<=", 10, "rank")),
        ("Đưa Chỉ số SIPAS của tỉnh vào top 3 khu vực.", ("<=", 3, "rank")),
        ("Tiếp nhận tối thiểu 1.000 hồ sơ trực tuyến mỗi tháng.", (">=", 1000, "count")),
        ("Tổ chức ít nhất 02 cuộc đối thoại với doanh nghiệp.", (">=", 2, "count")),
        ("Tăng 15- 25% số hồ sơ được tiếp nhận trực tuyến.", (">=", 15, "%")),
        ("Giảm tỷ lệ hồ sơ trễ hạn từ 12,40% xuống còn 2,05%.", ("<=", 2.05, "%")),
    ],
)
def test_one_commitment(sentence: str, expected: tuple) -> None:
    assert short(sentence) == [expected]


def test_two_targets_in_one_clause_get_their_own_metrics() -> None:
    found = targets(
        "Đơn giản hóa tối thiểu 20% số quy định và cắt giảm tối thiểu 20% chi phí tuân thủ quy định."
    )
    assert [(t.comparator, t.value) for t in found] == [(">=", 20), (">=", 20)]
    assert found[0].metric == "Đơn giản hóa số quy định"
    assert found[1].metric == "cắt giảm chi phí tuân thủ quy định"


def test_nested_sub_target_after_trong_do() -> None:
    found = targets(
        "100% TTHC đủ điều kiện được cung cấp trực tuyến toàn trình, trong đó tối thiểu 50% hồ sơ lĩnh vực đất đai "
        "được giải quyết trực tuyến."
    )
    assert [(t.comparator, t.value) for t in found] == [("=", 100), (">=", 50)]
    assert found[1].metric == "hồ sơ lĩnh vực đất đai được giải quyết trực tuyến"


def test_parenthesised_sub_target() -> None:
    found = targets("Mức độ hài lòng đạt tối thiểu 90% (Trong số đó, lĩnh vực xây dựng đạt tối thiểu 80%).")
    assert [(t.comparator, t.value) for t in found] == [(">=", 90), (">=", 80)]
    assert found[0].metric == "Mức độ hài lòng" and found[1].metric == "lĩnh vực xây dựng"


def test_threshold_before_metric_chained_by_semicolons() -> None:
    found = targets(
        "Đạt 85% trở lên mức độ hài lòng của người dân đối với dịch vụ y tế; từ 50% trở lên tỷ lệ hồ sơ được số hóa."
    )
    assert [(t.comparator, t.value, t.metric) for t in found] == [
        (">=", 85, "mức độ hài lòng của người dân đối với dịch vụ y tế"),
        (">=", 50, "tỷ lệ hồ sơ được số hóa"),
    ]


def test_values_split_by_administrative_level() -> None:
    found = targets("Tỷ lệ hồ sơ trực tuyến cấp tỉnh đạt 100%, cấp xã đạt 97%.")
    assert [(t.value, t.metric) for t in found] == [
        (100, "Tỷ lệ hồ sơ trực tuyến cấp tỉnh"),
        (97, "Tỷ lệ hồ sơ trực tuyến cấp xã"),
    ]
    levels = targets(
        "Mức độ hài lòng của người dân đạt 90% tại sở, ban, ngành; 85% tại cấp huyện; 80% tại cấp xã."
    )
    assert [(t.value, t.metric) for t in levels] == [
        (90, "Mức độ hài lòng của người dân tại sở, ban, ngành"),
        (85, "Mức độ hài lòng của người dân tại cấp huyện"),
        (80, "Mức độ hài lòng của người dân tại cấp xã"),
    ]


def test_result_beside_target_keeps_only_the_target() -> None:
    found = targets("Tỷ lệ hồ sơ trực tuyến năm qua đạt 61,2% (chỉ tiêu 70%).")
    assert [(t.comparator, t.value) for t in found] == [("=", 70)]
    assert found[0].metric == "Tỷ lệ hồ sơ trực tuyến"


@pytest.mark.parametrize(
    "sentence",
    [
        "Năm 2023, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.",
        "Toàn tỉnh đã có 95% hồ sơ được giải quyết đúng hạn.",
        "Kết quả năm 2023 đạt 88,5% so với kế hoạch.",
        "Số hồ sơ tiếp nhận tăng 12% so với cùng kỳ.",
        "Xếp loại tốt đối với cơ quan đạt từ 80% đến dưới 90% tổng số điểm.",
        "Cơ quan thuộc nhóm B (có chỉ số từ 80% đến dưới 90%).",
        "Thực hiện Quyết định số 76/NQ-CP ngày 15/7/2021 và mục 2.1 của Kế hoạch.",
        "Tỉnh có 7/11 huyện hoàn thành sắp xếp trong năm 2023.",
        "Phấn đấu nằm trong nhóm các tỉnh có kết quả khá.",
        "Chú trọng 07 nội dung CCHC trong năm.",
    ],
)
def test_not_a_target(sentence: str) -> None:
    assert targets(sentence) == []


def test_year_scope_from_phase_and_lead_in() -> None:
    phase = targets("Giai đoạn 2026 - 2027: 100% hồ sơ được số hóa; 100% kết quả được trả bản điện tử.")
    assert [t.year for t in phase] == [2027, 2027]
    led = targets("Mục tiêu đến năm 2025:", "- 80% hồ sơ được xử lý trực tuyến.", "- 100% cơ quan kết nối.")
    assert [t.year for t in led] == [2025, 2025]
    late = targets("Tỷ lệ người dân sử dụng dịch vụ công trực tuyến đạt trên 80% vào năm 2030.")
    assert [(t.comparator, t.value, t.year) for t in late] == [(">", 80, 2030)]
    plain = targets("100% văn bản được ký số.", year=2023)
    assert plain[0].year == 2023


def test_directional_aims() -> None:
    found = targets(
        "Duy trì và nâng cao điểm số, thứ hạng Chỉ số PAR INDEX của tỉnh.",
        "Số doanh nghiệp thành lập mới năm 2024 tăng so với năm 2023.",
        "Chi phí tuân thủ thủ tục giảm so với năm trước.",
        "Giữ vững thứ hạng Chỉ số PCI.",
    )
    assert [(t.comparator, t.value) for t in found] == [
        ("increase", None),
        ("increase", None),
        ("decrease", None),
        ("maintain", None),
    ]
    assert found[0].metric == "điểm số, thứ hạng Chỉ số PAR INDEX của tỉnh"
    assert found[1].metric == "Số doanh nghiệp thành lập mới"


def test_areas_follow_the_words() -> None:
    found = targets(
        "100% văn bản quy phạm pháp luật được rà soát.",
        "100% hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng.",
        "100% đơn vị sự nghiệp công lập được sắp xếp lại.",
        "100% công chức được bồi dưỡng theo vị trí việc làm.",
        "100% cơ quan công khai ngân sách đúng quy định.",
        "Giảm 30% thời gian giải quyết thủ tục hành chính.",
        "100% cơ quan được kiểm tra công tác CCHC.",
    )
    assert [t.area for t in found] == [
        "institutional",
        "digital_government",
        "apparatus",
        "civil_service",
        "public_finance",
        "administrative_procedures",
        "direction",
    ]


def test_duplicate_statements_are_kept_once() -> None:
    found = targets("100% văn bản được ký số.", "100% văn bản được ký số.")
    assert len(found) == 1


def test_a_run_on_clause_keeps_each_target_text_bounded() -> None:
    # A page-long "clause" with no full stop: every target keeps only its own stretch of text,
    # so the output grows with the input, not with its square.
    found = targets("Phấn đấu " + ", ".join(f"{n % 90 + 10}% hồ sơ loại {n}" for n in range(3000)))
    assert len(found) == 3000
    assert max(len(t.text) for t in found) < 100
    assert found[5].metric == "hồ sơ loại 5" and found[5].value == 15
