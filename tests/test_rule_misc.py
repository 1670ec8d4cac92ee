"""The smaller rules: timelines, agency lists, references, headings, legacy encodings."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_cli.legacy import detect_legacy, from_tcvn3, from_vni
from cchc_cli.models import Location
from cchc_cli.parse.agencies import split_agencies
from cchc_cli.parse.references import extract_references
from cchc_cli.parse.sections import heading
from cchc_cli.parse.state import Passage
from cchc_cli.parse.timeline import parse_timeline
from cchc_cli.pipeline import parse_bytes


@pytest.mark.parametrize(
    ("text", "start", "end", "quarters", "months", "recurring"),
    [
        ("Tháng 12/2022", dt.date(2022, 12, 1), dt.date(2022, 12, 31), [], ["2022-12"], False),
        ("Quý I, IV năm 2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), ["2023-Q1", "2023-Q4"], [], False),
        ("Quý II, III/2023", dt.date(2023, 4, 1), dt.date(2023, 9, 30), ["2023-Q2", "2023-Q3"], [], False),
        ("Năm 2023 (Thường xuyên)", dt.date(2023, 1, 1), dt.date(2023, 12, 31), [], [], True),
        ("Thường xuyên trong năm", dt.date(2024, 1, 1), dt.date(2024, 12, 31), [], [], True),
        ("Trước ngày 30/6/2024", None, dt.date(2024, 6, 30), [], [], False),
        (
            "Từ tháng 3 đến tháng 5 năm 2024",
            dt.date(2024, 3, 1),
            dt.date(2024, 5, 31),
            [],
            ["2024-03", "2024-04", "2024-05"],
            False,
        ),
        ("Khi có quy định của Trung ương", None, None, [], [], False),
        ("Hằng quý", None, None, [], [], True),
    ],
)
def test_timeline(text, start, end, quarters, months, recurring) -> None:
    t = parse_timeline(text, 2024)
    assert (t.start, t.end, t.quarters, t.months, t.recurring) == (start, end, quarters, months, recurring)


@pytest.mark.parametrize(
    ("cell", "agencies"),
    [
        ("Sở Kế hoạch và Đầu tư", ["Sở Kế hoạch và Đầu tư"]),
        ("Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"]),
        ("Sở Nội vụ và các cơ quan có liên quan", ["Sở Nội vụ", "các cơ quan có liên quan"]),
        (
            "Các sở, ban, ngành và UBND các huyện, thành phố",
            ["Các sở, ban, ngành", "UBND các huyện, thành phố"],
        ),
        ("Báo Đồng Khởi, Đài PTTH tỉnh", ["Báo Đồng Khởi", "Đài PTTH tỉnh"]),
        ("Sở Y tế; các cơ quan có liên quan", ["Sở Y tế", "các cơ quan có liên quan"]),
        ("Các cơ quan, đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
        ("", []),
    ],
)
def test_agency_lists(cell: str, agencies: list[str]) -> None:
    assert split_agencies(cell) == agencies


def refs(text: str, own: str | None = None):
    return extract_references([Passage(text, Location(block=1))], own)


def test_references_with_number_date_issuer_title() -> None:
    found = refs(
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành "
        "chính nhà nước giai đoạn 2021 - 2030; Quyết định số 942/QĐ-TTg ngày 15 tháng 6 năm 2021 của Thủ tướng "
        "Chính phủ về việc phê duyệt Chiến lược phát triển Chính phủ điện tử; Chỉ thị 02/CT-TTg và Luật Đất đai."
    )
    got = [(r.kind, r.number, r.date, r.issuer) for r in found]
    assert ("Nghị quyết", "76/NQ-CP", dt.date(2021, 7, 15), "Chính phủ") in got
    assert ("Quyết định", "942/QĐ-TTg", dt.date(2021, 6, 15), "Thủ tướng Chính phủ") in got
    assert ("Chỉ thị", "02/CT-TTg", None, None) in got
    assert ("Luật", None, None, None) in got
    qd = next(r for r in found if r.number == "942/QĐ-TTg")
    assert qd.title == "phê duyệt Chiến lược phát triển Chính phủ điện tử"
    programme = next(r for r in found if r.kind == "Chương trình")
    assert programme.title == "tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030"


def test_reference_repeats_are_merged_and_the_plan_itself_is_not_one() -> None:
    found = refs(
        "Kế hoạch số 12/KH-UBND; theo Kế hoạch số 12/KH-UBND ngày 02/01/2024 và Kế hoạch số 99/KH-UBND.",
        own="99/KH-UBND",
    )
    assert [(r.number, r.date) for r in found] == [("12/KH-UBND", dt.date(2024, 1, 2))]


@pytest.mark.parametrize(
    ("text", "rank", "number"),
    [
        ("I. MỤC TIÊU", 10, "I"),
        ("II - NHIỆM VỤ", 10, "II"),
        ("1. Mục tiêu chung", 20, "1"),
        ("2.1. Cải cách thể chế", 30, "2.1"),
        ("đ) Sở Thông tin và Truyền thông", 60, "đ"),
        ("Chỉ tiêu chủ yếu năm 2024", 10, None),
        ("NHIỆM VỤ VÀ GIẢI PHÁP", 10, None),
    ],
)
def test_headings(text: str, rank: int, number: str | None) -> None:
    assert heading(text)[:2] == (rank, number)


@pytest.mark.parametrize(
    "text",
    ["100% văn bản được ký số.", "Ban hành kế hoạch kiểm tra.", "Vụ CCHC - BNV;", "2023 là năm bản lề."],
)
def test_not_headings(text: str) -> None:
    assert heading(text) is None


def test_sections_start_at_arabic_when_there_is_no_roman_level() -> None:
    plan = parse_bytes(
        "KẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH NĂM 2024\n1. Mục tiêu\n1.1. Cải cách thể chế\n- 100% văn bản được rà soát.\n"
        "1.2. Cải cách TTHC\n- 100% TTHC được công khai.\n2. Tổ chức thực hiện\na) Sở Nội vụ: theo dõi, tổng hợp.\n".encode(),
        "x.txt",
    )
    assert [(s.path, s.kind) for s in plan.sections] == [("1", "targets"), ("2", "organization")]
    assert [c.path for c in plan.sections[0].children] == ["1.1", "1.2"]
    assert [(t.section, t.area) for t in plan.targets] == [
        ("1.1", "institutional"),
        ("1.2", "administrative_procedures"),
    ]
    assert [(a.agency, a.duties) for a in plan.assignments] == [("Sở Nội vụ", ["theo dõi, tổng hợp."])]


def test_legacy_tcvn3_and_vni() -> None:
    assert from_tcvn3("KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2024") == "Kế hoạch cải cách hành chính năm 2024"
    assert from_tcvn3("Uû ban nh©n d©n tØnh BÕn Tre") == "Uỷ ban nhân dân tỉnh Bến Tre"
    assert from_tcvn3("KÕ HO¹CH") == "KẾ HOẠCH"  # .VnTimeH capitals
    assert from_vni("Keá hoaïch caûi caùch haønh chính naêm 2024") == "Kế hoạch cải cách hành chính năm 2024"
    assert from_vni("Ñaøi Phaùt thanh vaø Truyeàn hình") == "Đài Phát thanh và Truyền hình"
    assert detect_legacy("KÕ ho¹ch c¶i c¸ch hµnh chÝnh cña tØnh n¨m 2024 vµ c¸c nhiÖm vô") == "tcvn3"
    assert detect_legacy("Keá hoaïch caûi caùch haønh chính cuûa tænh naêm 2024 vaø caùc nhieäm vuï") == "vni"
    assert detect_legacy("Kế hoạch cải cách hành chính của tỉnh năm 2024 và các nhiệm vụ") is None
    assert detect_legacy("Plan for the reform of public administration in 2024") is None
