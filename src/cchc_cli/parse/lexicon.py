"""The shared vocabulary of CCHC plans: reform areas, agencies, provinces, section kinds.

Keeping words here (not scattered through regexes) lets the rules stay short and lets the
vocabulary grow as plans from more provinces are read. Matching is done on folded text
(lowercase, no diacritics), so spelling variants of the same word match alike.
"""

from __future__ import annotations

import regex

from cchc_cli.models import Area, SectionKind
from cchc_cli.text import fold, rx

# Reform areas: ordered rules, first match wins. Specific phrases come before generic ones
# ("kiểm tra CCHC" is direction even though it names TTHC; "môi trường mạng" is digital even
# when it speaks of "chỉ đạo, điều hành").
AREA_RULES: list[tuple[Area, tuple[str, ...]]] = [
    (
        "direction",
        (
            "kiem tra cchc",
            "kiem tra cong tac cchc",
            "kiem tra cong tac cai cach hanh chinh",
            "kiem tra cai cach hanh chinh",
            "nhiem vu cua ke hoach cchc",
            "chi so cchc",
            "chi so cai cach hanh chinh",
            "par index",
            "chi so par",
            "cong tac chi dao",
            "chi so thanh phan",
        ),
    ),
    (
        "digital_government",
        (
            "moi truong mang",
            "moi truong dien tu",
            "chinh quyen dien tu",
            "chinh quyen so",
            "chinh phu dien tu",
            "chinh phu so",
            "chuyen doi so",
            "ky so",
            "van ban dien tu",
            "ho so cong viec",
            "phong hop khong giay",
            "hop truc tuyen",
            "nen tang so",
            "du lieu dung chung",
            "du lieu mo",
            "cong nghe thong tin",
            "he thong quan ly van ban",
            "hoat dong kiem tra",
            "tro ly ao",
            "dien toan dam may",
            "an toan thong tin",
        ),
    ),
    (
        "administrative_procedures",
        (
            "thu tuc hanh chinh",
            "tthc",
            "dich vu cong",
            "dvctt",
            "mot cua",
            "ho so",
            "dung han",
            "thanh toan truc tuyen",
            "hai long",
            "phan anh, kien nghi",
            "phan anh kien nghi",
            "quy dinh lien quan den hoat dong kinh doanh",
            "dieu kien dau tu kinh doanh",
            "chi phi tuan thu",
            "quy dinh kinh doanh",
            "dia gioi hanh chinh",
        ),
    ),
    (
        "institutional",
        (
            "van ban quy pham phap luat",
            "vbqppl",
            "the che",
            "phap luat",
            "phap che",
            "quy pham",
            "van ban cua trung uong",
        ),
    ),
    (
        "public_finance",
        (
            "ngan sach",
            "tai chinh cong",
            "kinh phi",
            "tai san cong",
            "nha dat",
            "tu chu tai chinh",
            "giai ngan",
            "von dau tu",
            "thu hut dau tu",
            "tai chinh",
            "tu chu",
        ),
    ),
    (
        "apparatus",
        (
            "to chuc bo may",
            "sap xep",
            "kien toan",
            "don vi su nghiep cong lap",
            "bien che",
            "co cau to chuc",
            "chuc nang, nhiem vu",
            "phan cap",
            "don vi hanh chinh",
            "tinh gian",
        ),
    ),
    (
        "civil_service",
        (
            "cong chuc",
            "vien chuc",
            "can bo",
            "cbccvc",
            "vi tri viec lam",
            "tuyen dung",
            "dao tao",
            "boi duong",
            "ky luat",
            "ky cuong",
            "cong vu",
            "nang ngach",
            "thang hang",
            "dao duc",
        ),
    ),
    (
        "direction",
        (
            "chi dao",
            "dieu hanh",
            "tuyen truyen",
            "ke hoach cchc",
            "ke hoach cai cach",
            "sipas",
            "papi",
            "chi so",
            "thi dua",
            "cai cach hanh chinh",
            "cchc",
        ),
    ),
]
_AREA_PATTERNS = [
    (area, rx(r"\b(?:" + "|".join(map(regex.escape, words)) + r")\b")) for area, words in AREA_RULES
]


def classify_area(text: str) -> Area | None:
    folded = fold(text)
    for area, pattern in _AREA_PATTERNS:
        if pattern.search(folded):
            return area
    return None


# Section kinds, by words in the heading; checked in this order.
SECTION_KINDS: list[tuple[SectionKind, regex.Pattern[str]]] = [
    (
        "organization",
        rx(r"\b(to chuc thuc hien|phan cong|trach nhiem thuc hien|kinh phi thuc hien)\b"),
    ),
    ("reporting", rx(r"\b(che do bao cao|thong tin,? bao cao|bao cao)\b")),
    ("targets", rx(r"\b(chi tieu|muc tieu)\b")),
    ("tasks", rx(r"\b(nhiem vu|giai phap|noi dung)\b")),
    ("purpose", rx(r"\b(muc dich|yeu cau|quan diem)\b")),
]


def section_kind(title: str) -> SectionKind:
    folded = fold(title)
    for kind, pattern in SECTION_KINDS:
        if pattern.search(folded):
            return kind
    return "other"


# Words an agency's name starts with (case matters: "ban" in "sở, ban, ngành" is not one).
AGENCY_HEAD = rx(
    r"^(?:Sở|Văn phòng|VP|Ủy ban|Uỷ ban|UBND|Ban|Thanh tra|Đài|Báo|Công an|Bộ|Các|các|Cơ quan|Hội|"
    r"Hiệp hội|Trung tâm|Kho bạc|Cục|Chi cục|Phòng|Thủ trưởng|Chủ tịch|Liên đoàn|Tỉnh đoàn|"
    r"Đoàn|Viện|Trường|Bưu điện|Ngân hàng|Bảo hiểm|Quỹ|Tòa án|Viện kiểm sát|Hội đồng|HĐND|"
    r"Mặt trận|Ủy ban Mặt trận|Đề nghị|Người đứng đầu|Lãnh đạo|Công ty|Tổng công ty|Tập đoàn|Chi nhánh)\b"
)

PROVINCES = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cần Thơ",
    "Cao Bằng",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Huế",
)
# Centrally-run cities: "THÀNH PHỐ X" at province level.
CENTRAL_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})


_DASHES = rx(r"[\s\-]+")


def _province_key(name: str) -> str:
    return _DASHES.sub(" ", fold(name)).strip()


_PROVINCE_BY_KEY = {_province_key(p): p for p in PROVINCES}
# Spellings seen in real documents.
_PROVINCE_BY_KEY.update(
    {
        "dac lac": "Đắk Lắk",
        "dak lak": "Đắk Lắk",
        "dac nong": "Đắk Nông",
        "ba ria vung tau": "Bà Rịa - Vũng Tàu",
        "thua thien hue": "Thừa Thiên Huế",
        "tp ho chi minh": "Hồ Chí Minh",
        "ho chi minh": "Hồ Chí Minh",
        "bac can": "Bắc Kạn",
        "kontum": "Kon Tum",
    }
)
_PROVINCE_ALTERNATION = "|".join(sorted((regex.escape(k) for k in _PROVINCE_BY_KEY), key=len, reverse=True))
_PROVINCE_FIND = rx(rf"\b({_PROVINCE_ALTERNATION})\b")
_PROVINCE_IN_TEXT = rx(rf"\b(?:tinh|thanh pho|tp\.?)\s+({_PROVINCE_ALTERNATION})\b")


def province_name(text: str) -> str | None:
    """The canonical province name if ``text`` is (or starts with) one."""
    key = _province_key(text)
    if key in _PROVINCE_BY_KEY:
        return _PROVINCE_BY_KEY[key]
    m = _PROVINCE_FIND.match(key)
    return _PROVINCE_BY_KEY[m.group(1)] if m else None


def find_province(text: str) -> str | None:
    """The first "tỉnh X" / "thành phố X" naming a known province in running text."""
    key = _DASHES.sub(" ", fold(text))
    m = _PROVINCE_IN_TEXT.search(key)
    return _PROVINCE_BY_KEY[m.group(1)] if m else None


# Matched on the text itself (not folded: documents can be long and these words are fixed).
# Applied to the lowercased text with case-sensitive patterns (much faster than IGNORECASE).
INDICES: list[tuple[str, regex.Pattern[str]]] = [
    ("PAR INDEX", rx(r"\bpar[\s-]*index\b|\bchỉ số (?:cchc|cải cách hành chính)\b")),
    ("SIPAS", rx(r"\bsipas\b|\bchỉ số hài lòng\b")),
    ("PAPI", rx(r"\bpapi\b|\bchỉ số hiệu quả quản trị\b")),
    ("PCI", rx(r"\bpci\b|\bchỉ số năng lực cạnh tranh\b")),
    ("DTI", rx(r"\bdti\b|\bchỉ số chuyển đổi số\b")),
]


def find_indices(text: str) -> list[str]:
    found = []
    lower = text.lower()
    for name, pattern in INDICES:
        m = pattern.search(lower)
        if m:
            found.append((m.start(), name))
    return [name for _, name in sorted(found)]
