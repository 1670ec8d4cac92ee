"""The accuracy bar on the real documents, stated independently of the golden files.

Each expectation here was checked by reading the source document.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import BEN_TRE_TEXT, parsed

# (comparator, value, unit, area, section, task) of every target in the Bến Tre plan, in order.
BEN_TRE_TARGETS = [
    ("=", 100, "%", "institutional", "II", None),
    ("=", 30, "%", "direction", "II", None),
    (">=", 98, "%", "administrative_procedures", "II", None),
    (">=", 90, "%", "administrative_procedures", "II", None),
    (">=", 85, "%", "administrative_procedures", "II", None),  # the "(Trong đó, ... đất đai ...)" sub-target
    ("=", 90, "%", "administrative_procedures", "II", None),
    ("=", 100, "%", "apparatus", "II", None),
    ("=", 100, "%", "civil_service", "II", None),
    ("=", 100, "%", "digital_government", "II", None),
    ("=", 100, "%", "public_finance", "II", None),
    ("=", 100, "%", "administrative_procedures", "III.3", None),
    ("=", 100, "%", "civil_service", "III.5", None),
    ("=", 100, "%", "institutional", None, "II.1"),
    ("=", 100, "%", "institutional", None, "II.1"),
    ("=", 100, "%", "institutional", None, "II.2"),
]

BEN_TRE_GROUPS = {
    "I": ("Công tác chỉ đạo, điều hành về CCHC", "direction", 9),
    "II": ("Cải cách thể chế", "institutional", 6),
    "III": ("Cải cách TTHC", "administrative_procedures", 4),
    "IV": ("Cải cách tổ chức bộ máy", "apparatus", 4),
    "V": ("Cải cách chế độ công vụ", "civil_service", 4),
    "VI": ("Cải cách tài chính công", "public_finance", 4),
    "VII": ("Xây dựng chính quyền điện tử, chính quyền số", "digital_government", 4),
}


def test_ben_tre_metadata() -> None:
    meta = parsed(BEN_TRE_TEXT).metadata
    assert meta.doc_type == "Kế hoạch"
    assert meta.number == "8474/KH-UBND"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Bến Tre"
    assert meta.issuer_level == "province"
    assert meta.province == "Bến Tre"
    assert meta.place == "Bến Tre"
    assert meta.issued_date == dt.date(2022, 12, 29)
    assert meta.plan_year == 2023
    assert meta.title == "CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    assert (meta.signer, meta.signer_title) == ("Trần Ngọc Tam", "Chủ tịch")


def test_ben_tre_targets() -> None:
    plan = parsed(BEN_TRE_TEXT)
    got = [(t.comparator, t.value, t.unit, t.area, t.section, t.task) for t in plan.targets]
    assert got == BEN_TRE_TARGETS
    assert all(t.year == 2023 for t in plan.targets)
    by_value = {t.metric: t for t in plan.targets}
    assert "số lượng TTHC được giải quyết đúng hạn của tỉnh" in by_value
    assert "mức độ hài lòng về giải quyết các TTHC lĩnh vực đất đai, xây dựng, đầu tư" in by_value
    sub = plan.targets[4]
    assert sub.text.startswith("Trong đó, mức độ hài lòng về giải quyết các TTHC lĩnh vực đất đai")


def test_ben_tre_tasks() -> None:
    plan = parsed(BEN_TRE_TEXT)
    assert len(plan.tasks) == 35
    for number, (group, area, count) in BEN_TRE_GROUPS.items():
        rows = [t for t in plan.tasks if t.group_number == number]
        assert len(rows) == count, number
        assert {t.group for t in rows} == {group}
        assert {t.area for t in rows} == {area}
        assert [t.stt for t in rows] == [str(i) for i in range(1, count + 1)]
    first = plan.tasks[0]
    assert first.id == "I.1"
    assert first.content == "Xây dựng và triển khai Kế hoạch CCHC năm 2023."
    assert first.output == "Kế hoạch"
    assert first.timeline.months == ["2022-12"]
    assert first.lead == ["Sở Nội vụ"]
    assert first.partners == ["Cơ quan hành chính nhà nước các cấp"]
    ivtask = next(t for t in plan.tasks if t.id == "IV.4")
    assert ivtask.lead == ["Các cơ quan, đơn vị có liên quan"] and ivtask.partners == ["Sở Nội vụ"]
    vi1 = next(t for t in plan.tasks if t.id == "VI.1")
    assert vi1.partners == [] and vi1.note is None
    v2 = next(t for t in plan.tasks if t.id == "V.2")
    assert v2.partners == ["Sở Y tế", "các cơ quan có liên quan"]
    vii3 = next(t for t in plan.tasks if t.id == "VII.3")
    assert vii3.lead == ["Các sở, ban, ngành tỉnh", "UBND cấp huyện", "UBND cấp xã"]
    ii1 = next(t for t in plan.tasks if t.id == "II.1")
    assert ii1.timeline.quarters == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]


def test_ben_tre_references_footnotes_assignments() -> None:
    plan = parsed(BEN_TRE_TEXT)
    refs = {(r.kind, r.number): r for r in plan.references}
    assert set(refs) == {
        ("Công văn", "6459/BNV-CCHC"),
        ("Đề án", "01-ĐA/TU"),
        ("Kế hoạch", "6600/KH-UBND"),
        ("Chương trình", None),
        ("Kế hoạch", "1564/KH-UBND"),
    }
    cv = refs[("Công văn", "6459/BNV-CCHC")]
    assert (cv.date, cv.issuer) == (dt.date(2020, 12, 7), "Bộ Nội vụ")
    assert refs[("Đề án", "01-ĐA/TU")].issuer == "Tỉnh ủy"
    assert refs[("Kế hoạch", "1564/KH-UBND")].date == dt.date(2018, 4, 11)  # cited in a footnote
    assert [f.number for f in plan.footnotes] == ["1", "2"]
    assert plan.footnotes[1].text == "Kế hoạch số 1564/KH-UBND ngày 11/4/2018 của Ủy ban nhân dân tỉnh."
    agencies = [a.agency for a in plan.assignments]
    assert agencies[:6] == [
        "Sở Nội vụ",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Kế hoạch và Đầu tư",
    ]
    assert plan.assignments[2].duties == ["Chủ trì, tham mưu công tác cải cách thể chế."]
    assert plan.indices == ["PAR INDEX", "SIPAS", "PAPI", "PCI"]


def test_ben_tre_sections_and_kinds() -> None:
    plan = parsed(BEN_TRE_TEXT)
    top = [(s.number, s.kind) for s in plan.sections]
    assert top == [
        ("I", "purpose"),
        ("II", "targets"),
        ("III", "tasks"),
        ("IV", "tasks"),
        ("V", "reporting"),
        ("VI", "organization"),
    ]
    iii = plan.sections[2]
    assert [c.path for c in iii.children] == [f"III.{i}" for i in range(1, 8)]
    assert len(plan.sections[1].paragraphs) == 9
    # footnote marks glued to words in the web copy are gone from the text
    text = " ".join(p.text for p in plan.sections[0].children[1].paragraphs)
    assert "giai đoạn 2021-2030." in text and "20301" not in text


@pytest.mark.parametrize(
    ("path", "issuer", "province", "year", "count"),
    [
        ("samples/seeds/000_45f2dcc9db8e5b56.txt", "Ủy ban nhân dân tỉnh Bình Phước", "Bình Phước", 2024, 20),
        ("samples/seeds/001_b23d1a26f0d3d168.txt", "Ủy ban nhân dân tỉnh Kon Tum", "Kon Tum", 2024, 1),
        ("samples/seeds/003_453a5dd02cf0c750.txt", "Ủy ban nhân dân tỉnh Thanh Hóa", "Thanh Hóa", 2024, 10),
        ("samples/seeds/004_693f115be85bb9c6.txt", "Ủy ban nhân dân tỉnh Phú Yên", "Phú Yên", 2023, 8),
    ],
)
def test_news_pages(path: str, issuer: str, province: str, year: int, count: int) -> None:
    plan = parsed(path)
    assert (plan.metadata.issuer, plan.metadata.province, plan.metadata.plan_year) == (issuer, province, year)
    assert len(plan.targets) == count
    assert plan.tasks == []


def test_binh_phuoc_targets_in_prose() -> None:
    plan = parsed("samples/seeds/000_45f2dcc9db8e5b56.txt")
    got = [(t.comparator, t.value, t.unit) for t in plan.targets]
    assert got.count(("=", 100, "%")) == 12
    assert (
        (">=", 30, "%") in got and (">", 98, "%") in got and (">=", 80, "%") in got and (">=", 50, "%") in got
    )
    assert ("<=", 30, "rank") in got  # "nằm trong nhóm 30 tỉnh, thành phố"
    rank = next(t for t in plan.targets if t.unit == "rank")
    assert rank.metric == "Giá trị thu ngân sách" and rank.area == "public_finance"
    aims = [t for t in plan.targets if t.value is None]
    assert [t.comparator for t in aims] == ["increase", "increase"]
    assert aims[0].metric == "Kết quả đánh giá Chỉ số PAR INDEX, SIPAS, PAPI, PCI, DTI"
    merged = next(t for t in plan.targets if "xếp loại Chỉ số CCHC" in t.metric)
    assert merged.metric.startswith("các cơ quan chuyên môn thuộc UBND tỉnh")
    assert plan.metadata.issued_date == dt.date(2023, 12, 29)


def test_thanh_hoa_and_phu_yen() -> None:
    th = parsed("samples/seeds/003_453a5dd02cf0c750.txt")
    assert th.metadata.signer == "Đỗ Minh Tuấn"
    assert [t.comparator for t in th.targets].count("increase") == 2
    assert ("=", 40, "%", "digital_government") in [
        (t.comparator, t.value, t.unit, t.area) for t in th.targets
    ]
    py = parsed("samples/seeds/004_693f115be85bb9c6.txt")
    last = py.targets[-1]
    assert (last.comparator, last.value) == (">", 85)
    assert "Chỉ số hài lòng của người dân" in last.metric


def test_kon_tum_references_and_assignments() -> None:
    plan = parsed("samples/seeds/001_b23d1a26f0d3d168.txt")
    numbers = [r.number for r in plan.references if r.number]
    assert numbers == ["3993/KH-UBND", "11-NQ/TU", "2359/CTr-UBND", "1029/QCPH-UBND-UBMT", "617/QĐ-UBND"]
    laws = [r.title for r in plan.references if r.kind == "Luật"]
    assert laws == [
        "thực hiện dân chủ ở cơ sở năm 2022",
        "Bầu cử đại biểu Hội đồng nhân dân các cấp",
        "Phòng, chống tham nhũng",
        "Đất đai",
        "Khiếu nại",
        "Tố cáo",
        "Tiếp công dân",
        "Tiếp cận thông tin",
    ]
    assert [a.agency for a in plan.assignments][:3] == [
        "Thủ trưởng các cơ quan chuyên môn thuộc tỉnh",
        "Chủ tịch Ủy ban nhân dân các huyện, thành phố",
        "Sở Nội vụ",
    ]
    assert plan.footnotes[0].text.startswith("Ban hành kèm theo Quyết định số 617/QĐ-UBND")
    assert plan.metadata.issued_date == dt.date(2024, 6, 20)
