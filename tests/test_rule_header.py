"""Metadata rule on headers written the ways real copies of plans write them."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_cli.pipeline import parse_bytes

BODY = "\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao chất lượng cải cách hành chính.\n"


def meta(text: str):
    return parse_bytes(text.encode("utf-8"), "plan.txt").metadata


def test_wrapped_header_of_a_copied_page() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN TỈNH GIA\nLAI\n-------\nSố:\n1234/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nGia Lai, ngày\n05 tháng 01 năm 2021\nKẾ HOẠCH\nCẢI\nCÁCH HÀNH CHÍNH NĂM 2021"
        + BODY
    )
    assert (m.number, m.issuer, m.province, m.place) == (
        "1234/KH-UBND",
        "Ủy ban nhân dân tỉnh Gia Lai",
        "Gia Lai",
        "Gia Lai",
    )
    assert (m.issued_date, m.plan_year, m.title) == (
        dt.date(2021, 1, 5),
        2021,
        "CẢI CÁCH HÀNH CHÍNH NĂM 2021",
    )


def test_header_copied_with_bars() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH CÀ MAU | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 512/KH-UBND | Cà Mau, ngày 14 tháng 3 năm 2023\nKẾ HOẠCH\nCải cách hành chính năm 2023" + BODY
    )
    assert (m.number, m.issuer, m.place, m.issued_date) == (
        "512/KH-UBND",
        "Ủy ban nhân dân tỉnh Cà Mau",
        "Cà Mau",
        dt.date(2023, 3, 14),
    )


def test_legal_database_box_before_the_text() -> None:
    m = meta(
        "Từ khoá: cải cách hành chính\nĐăng nhập\n"
        "Số hiệu: 512/KH-UBND  Loại văn bản: Kế hoạch\nNơi ban hành: Tỉnh Quảng Nam  Người ký: Lê Văn Dũng\n"
        "Ngày ban hành: 14/03/2023\nKế hoạch cải cách hành chính năm 2023 của tỉnh Quảng Nam\n"
        "Thực hiện Nghị quyết số 76/NQ-CP, UBND tỉnh ban hành kế hoạch như sau:" + BODY
    )
    assert (m.number, m.doc_type, m.signer, m.province) == (
        "512/KH-UBND",
        "Kế hoạch",
        "Lê Văn Dũng",
        "Quảng Nam",
    )
    assert (m.issued_date, m.plan_year) == (dt.date(2023, 3, 14), 2023)


def test_plan_issued_inside_a_decision() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 3012/QĐ-UBND\nLong An, ngày 20 tháng 12 năm 2024\n"
        "QUYẾT ĐỊNH\nBan hành Kế hoạch cải cách hành chính năm 2025\nCăn cứ Luật Tổ chức chính quyền địa phương;"
        + BODY
    )
    # The document is the decision (gold conventions: its own type word and number), the plan is attached.
    assert (m.number, m.doc_type, m.plan_year, m.issued_date) == (
        "3012/QĐ-UBND",
        "Quyết định",
        2025,
        dt.date(2024, 12, 20),
    )


@pytest.mark.parametrize(
    ("number_line", "number"),
    [
        ("Số: 07 /KH-UBND", "07/KH-UBND"),
        ("Số: 118/KH-UBNDngày 12 tháng 3 năm 2024", "118/KH-UBND"),
        ("Số: 45/KH-SNV", "45/KH-SNV"),
    ],
)
def test_commune_typing_slips(number_line: str, number: str) -> None:
    m = meta(f"ỦY BAN NHÂN DÂN\nXÃ TÂN THÀNH\n{number_line}\nKẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH NĂM 2024" + BODY)
    assert m.number == number


@pytest.mark.parametrize(
    ("lines", "issuer", "level", "province"),
    [
        ("UBND HUYỆN CHỢ LÁCH", "Ủy ban nhân dân huyện Chợ Lách", "district", None),
        ("ỦY BAN NHÂN DÂN\nXÃ TÂN THÀNH", "Ủy ban nhân dân xã Tân Thành", "commune", None),
        ("UBND TỈNH BẾN TRE\nSỞ NỘI VỤ", "Sở Nội vụ tỉnh Bến Tre", "department", "Bến Tre"),
        ("BỘ NỘI VỤ", "Bộ Nội vụ", "ministry", None),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ", "central", None),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội", "province", "Hà Nội"),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BẾN TRE", "Ủy ban nhân dân thành phố Bến Tre", "district", None),
        ("UỶ BAN NHÂN DÂN\nTỈNH THANH HOÁ", "Ủy ban nhân dân tỉnh Thanh Hóa", "province", "Thanh Hóa"),
    ],
)
def test_issuer_levels(lines: str, issuer: str, level: str, province: str | None) -> None:
    m = meta(f"{lines}\n-------\nSố: 10/KH-UBND\nKẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH NĂM 2024" + BODY)
    assert (m.issuer, m.issuer_level) == (issuer, level)
    if province:
        assert m.province == province


def test_signature_with_deputy() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\nSố: 10/KH-UBND\nKẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH NĂM 2024"
        + BODY
        + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn Đức\n"
    )
    assert (m.signer, m.signer_title) == ("Nguyễn Văn Đức", "Phó Chủ tịch")


def test_header_columns_typed_on_one_line_with_tabs() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH ĐỒNG THÁP\t\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 88/KH-UBND\t\tĐồng Tháp, ngày 10 tháng 01 năm 2024\nKẾ HOẠCH\nCải cách hành chính năm 2024"
        + BODY
    )
    assert (m.issuer, m.province, m.number, m.place, m.issued_date) == (
        "Ủy ban nhân dân tỉnh Đồng Tháp",
        "Đồng Tháp",
        "88/KH-UBND",
        "Đồng Tháp",
        dt.date(2024, 1, 10),
    )
