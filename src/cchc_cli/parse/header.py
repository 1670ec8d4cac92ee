"""Metadata rule: who issued the plan, its number, place and date, year, title and signer.

Three sources, best first: the document's own header block (issuer lines, "Số: ...", the
place-and-date line), a legal database's metadata box ("Số hiệu:", "Người ký:", anywhere in
the file), and for news pages the running prose ("Ngày 29/12/2023, UBND tỉnh ban hành ...").
"""

from __future__ import annotations

import regex

from cchc_cli.models import Metadata
from cchc_cli.parse.dates import DATE, first_date, make_date, parse_date
from cchc_cli.parse.lexicon import CENTRAL_CITIES, find_province, province_name
from cchc_cli.parse.state import State
from cchc_cli.parse.text import fold, rx, squash, title_case

_MOTTO = rx(r"^(cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc)")
_RULE = rx(r"^[-_=*.\s]+$")
# A part of a number's code: capitals, then at most one small letter ("QĐ-TTg", "CTr"), so that
# "118/KH-UBNDngày" (words run together) stops at "UBND".
_CODE_PART = r"[A-ZĐ0-9][A-ZĐ0-9]*(?:[a-zđ](?![a-zđ]))?"
NUMBER = rx(
    rf"\b(?i:số)(?:\s*(?i:hiệu))?\s*:?\s*(\d[\dA-Za-z.]*)\s*/\s*({_CODE_PART}(?:\s*-\s*{_CODE_PART})*)"
)
_PLACE_DATE = rx(
    r"((?:TP\.\s*|Tp\.\s*)?\p{Lu}\p{Ll}+(?:\s+(?:-\s+)?\p{Lu}\p{Ll}+){0,4}),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"
)
_DB_FIELD = rx(
    r"(Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành)\s*:\s*(.+?)(?=\s{2,}|\s+(?:Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành|Ngày công báo|Số công báo|Ngày hiệu lực|Tình trạng)\s*:|$)"
)
_YEAR_IN_TITLE = rx(r"năm\s*(\d{4})", regex.I)
_PERIOD = rx(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", regex.I)
_ISSUED_PROSE = rx(
    r"(?:ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm\s*\d{4}|/\d{1,2}/\d{4}))[^.]{0,80}?ban hành\s+(?:Kế hoạch|kế hoạch)",
    regex.I,
)
_PLAN_YEAR_PROSE = rx(r"\bkế hoạch\b[^.]{0,160}?\bnăm\s*(\d{4})\b", regex.I)
_NUMBER_PROSE = rx(r"ban hành\s+Kế hoạch\s+số\s+(\d+[\w.]*/[A-ZĐ][A-ZĐ0-9\-]*)", regex.I)
_SIGNER_PROSE = rx(
    r"((?:Phó\s+)?Chủ tịch\s+(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|xã)(?:\s+\p{Lu}\p{L}*)*?)\s+"
    r"((?:\p{Lu}\p{L}*\s+){1,4})(?:đã\s+)?ký"
)
_ISSUER_PROSE = rx(
    r"\b(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố)\b(?=[^.]{0,60}ban hành)", regex.I
)
_SIGN_TITLE = rx(
    r"^(?:(?:KT|TM|TL|Q)\.?\s*)?(PHÓ CHỦ TỊCH|CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)\b"
)
_NAME = rx(r"^(?:\p{Lu}\p{Ll}*\s){1,4}\p{Lu}\p{Ll}*$")

# The issuing body, read from the capitalised lines of the header.
_UNIT = r"(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)"
_LOCAL = rx(rf"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+{_UNIT}\s+(.+)$")
_DEPARTMENT = rx(r"^(SỞ|BAN|VĂN PHÒNG|THANH TRA|CHI CỤC|CỤC)\s+(.+)$")
_MINISTRY = rx(r"^(BỘ|ỦY BAN|UỶ BAN)\s+(.+)$")
_CENTRAL = rx(r"^(THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|BAN CHỈ ĐẠO .+)$")
_UNIT_WORD = {
    "TỈNH": "tỉnh",
    "THÀNH PHỐ": "thành phố",
    "TP": "thành phố",
    "TP.": "thành phố",
    "HUYỆN": "huyện",
    "QUẬN": "quận",
    "THỊ XÃ": "thị xã",
    "XÃ": "xã",
    "PHƯỜNG": "phường",
    "THỊ TRẤN": "thị trấn",
    "ĐẶC KHU": "đặc khu",
}
_DEPARTMENT_NAMES = {
    fold(n): n
    for n in (
        "Sở Nội vụ",
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Kế hoạch và Đầu tư",
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Xây dựng",
        "Sở Công Thương",
        "Sở Tài nguyên và Môi trường",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Nông nghiệp và Môi trường",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Giao thông vận tải",
        "Sở Dân tộc và Tôn giáo",
        "Văn phòng Ủy ban nhân dân",
        "Thanh tra tỉnh",
        "Bộ Nội vụ",
        "Bộ Tư pháp",
        "Bộ Tài chính",
        "Bộ Khoa học và Công nghệ",
        "Bộ Công an",
    )
}


def parse_metadata(state: State, all_text: str) -> Metadata:
    meta = Metadata()
    header_text = [b.text for b in state.header if b.kind == "para"]
    _issuer_from_header(meta, header_text)
    joined = " ".join(header_text + [b.text for b in state.title[:1]])
    m = NUMBER.search(joined)
    if m:
        meta.number = m.group(1) + "/" + regex.sub(r"\s+", "", m.group(2))
    m = _PLACE_DATE.search(joined)
    if m:
        meta.place = squash(m.group(1))
        meta.issued_date = make_date(m.group(2), m.group(3), m.group(4))
    _title(meta, state)
    _legal_database_box(meta, state)
    _prose(meta, state, all_text)
    _signer(meta, state)
    if meta.province is None:
        meta.province = (province_name(meta.place) if meta.place else None) or find_province(
            " ".join([meta.title or ""] + [b.text for b in state.body[:10] if b.kind == "para"])
        )
    if meta.plan_year is None and meta.issued_date:
        # A yearly plan is issued late in the year before it, or early in its own year.
        meta.plan_year = meta.issued_date.year + (1 if meta.issued_date.month >= 10 else 0)
    return meta


def _issuer_from_header(meta: Metadata, lines: list[str]) -> None:
    caps = []
    for text in lines[:12]:
        folded = fold(text)
        if _MOTTO.match(folded) or _RULE.match(text) or text.startswith(("Số", "SỐ")) or DATE.search(text):
            continue
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.9:
            caps.append(text.strip())
    if not caps:
        return
    joined = " ".join(caps)
    # "UBND TỈNH BẾN TRE" / "SỞ NỘI VỤ" on lines of their own: a department below a province.
    split_at = next((i for i, line in enumerate(caps) if i > 0 and _DEPARTMENT.match(line)), None)
    dept = " ".join(caps[split_at:]) if split_at is not None else None
    local_part = " ".join(caps[:split_at]) if split_at is not None else joined
    m = _LOCAL.match(local_part)
    if m:
        unit = _UNIT_WORD.get(m.group(1), m.group(1).lower())
        name = squash(m.group(2))
        known = province_name(name)
        place = known or title_case(name)
        meta.issuer = f"Ủy ban nhân dân {unit} {place}"
        if unit == "tỉnh" or (unit == "thành phố" and known in CENTRAL_CITIES):
            meta.issuer_level, meta.province = "province", known or place
        elif unit in ("huyện", "quận", "thị xã", "thành phố"):
            meta.issuer_level = "district"
        else:
            meta.issuer_level = "commune"
        if dept:
            meta.issuer = f"{_department(dept)} {unit} {place}"
            meta.issuer_level = "department"
        return
    if _DEPARTMENT.match(joined):
        meta.issuer, meta.issuer_level = _department(joined), "department"
        return
    if _CENTRAL.match(joined):
        meta.issuer, meta.issuer_level = joined.capitalize().replace("chính phủ", "Chính phủ"), "central"
        return
    m = _MINISTRY.match(joined)
    if m:
        meta.issuer, meta.issuer_level = _department(joined), "ministry"


def _department(caps: str) -> str:
    key = fold(caps)
    for folded, name in _DEPARTMENT_NAMES.items():
        if key.startswith(folded):
            return name
    words = caps.split()
    return " ".join(
        [words[0].capitalize()]
        + ([words[1].capitalize()] if len(words) > 1 else [])
        + [w.lower() for w in words[2:]]
    )


def _title(meta: Metadata, state: State) -> None:
    if state.title:
        first = state.title[0].text
        meta.doc_type = (
            "Kế hoạch"
            if fold(first).startswith("ke hoach") or "ke hoach" in fold(" ".join(b.text for b in state.title))
            else first.capitalize()
        )
        rest = [b.text for b in state.title[1:] if not b.text.startswith("(")]
        title = squash(" ".join(rest)) if fold(first) in ("ke hoach", "quyet dinh", "chuong trinh") else first
        meta.title = title or None
    else:
        for b in state.body[:6]:
            if b.kind == "para" and len(b.text.split()) >= 4:
                meta.title = b.text
                break
        if "ke hoach" in fold(" ".join(b.text for b in state.body[:8] if b.kind == "para")):
            meta.doc_type = "Kế hoạch"
    years = [int(y) for y in _YEAR_IN_TITLE.findall(meta.title or "")]
    if years:
        meta.plan_year = years[-1]
    elif meta.title and _PERIOD.search(meta.title):
        meta.plan_year = None


def _legal_database_box(meta: Metadata, state: State) -> None:
    found: dict[str, str] = {}
    for b in state.trailer + state.header + state.body[:3]:
        if b.kind != "para":
            continue
        text = b.text.lstrip("-• ")
        for m in _DB_FIELD.finditer(text):
            found.setdefault(m.group(1), m.group(2).strip())
    if "Số hiệu" in found and not meta.number:
        meta.number = regex.sub(r"\s+", "", found["Số hiệu"])
    if "Loại văn bản" in found and not meta.doc_type:
        meta.doc_type = found["Loại văn bản"]
    if "Ngày ban hành" in found and not meta.issued_date:
        meta.issued_date = first_date(found["Ngày ban hành"])
    if "Người ký" in found and not meta.signer:
        meta.signer = found["Người ký"]
    if "Nơi ban hành" in found and not meta.province:
        meta.province = province_name(regex.sub(r"(?i)^(tỉnh|thành phố)\s+", "", found["Nơi ban hành"]))


def _prose(meta: Metadata, state: State, all_text: str) -> None:
    head = " ".join(b.text for b in state.body[:12] if b.kind == "para")
    if meta.issued_date is None:
        m = _ISSUED_PROSE.search(head)
        if m:
            d = DATE.search(m.group(0))
            meta.issued_date = parse_date(d) if d else None
    if meta.number is None:
        m = _NUMBER_PROSE.search(head)
        if m:
            meta.number = m.group(1)
    if meta.signer is None:
        m = _SIGNER_PROSE.search(head)
        if m:
            meta.signer, meta.signer_title = squash(m.group(2)), squash(m.group(1))
    if meta.issuer is None:
        m = _ISSUER_PROSE.search(head)
        province = find_province(" ".join([meta.title or "", head]))
        if m and province:
            unit = m.group(2).lower()
            meta.issuer, meta.issuer_level, meta.province = (
                f"Ủy ban nhân dân {unit} {province}",
                "province",
                province,
            )
    if meta.doc_type is None and "ke hoach" in fold(head):
        meta.doc_type = "Kế hoạch"
    if meta.plan_year is None:
        m = _PLAN_YEAR_PROSE.search(head)
        if m:
            meta.plan_year = int(m.group(1))


def _signer(meta: Metadata, state: State) -> None:
    lines = [b.text for b in state.closing + state.decision if b.kind == "para"]
    for i, text in enumerate(lines):
        m = _SIGN_TITLE.match(text)
        if not m:
            continue
        title = m.group(1)
        for later in lines[i + 1 : i + 6]:
            t = _SIGN_TITLE.match(later)
            if t:
                title = t.group(1)
                continue
            if _NAME.match(later.strip()):
                meta.signer = later.strip()
                meta.signer_title = (
                    title.capitalize().replace("chủ tịch", "Chủ tịch").replace("Phó chủ tịch", "Phó Chủ tịch")
                )
                return
