"""Metadata rule: who issued the plan, its number, place and date, year, title and signer.

Three sources, best first: the document's own header block (issuer lines, "Số: ...", the
place-and-date line), a legal database's metadata box ("Số hiệu:", "Người ký:", anywhere in
the file), and for news pages the running prose ("Ngày 29/12/2023, UBND tỉnh ban hành ...").
"""

from __future__ import annotations

import re
from functools import cache

from cchc_cli.models import Metadata, Period
from cchc_cli.parse.dates import DATE, first_date, make_date, parse_date
from cchc_cli.parse.lexicon import CENTRAL_CITIES, find_province, province_name
from cchc_cli.parse.state import State
from cchc_cli.text import LETTER, LOWER, UPPER, fold, rx, squash, title_case
from cchc_cli.vocab import alternatives, lexicon

_HEADER = lexicon().header_words
_MOTTO = rx("^(?:" + alternatives(_HEADER.motto).replace(r"\s+\-\s+", r"\s*-\s*") + ")")
_RULE = rx(r"^[-_=*.\s]+$")
# A part of a number's code: capitals, then at most one small letter ("QĐ-TTg", "CTr"), so that
# "118/KH-UBNDngày" (words run together) stops at "UBND".
_CODE_PART = r"[A-ZĐ0-9][A-ZĐ0-9]*(?:[a-zđ](?![a-zđ]))?"
NUMBER = rx(
    rf"\b(?i:số)(?:\s*(?i:hiệu))?\s*:?\s*(\d[\dA-Za-z.]*)\s*/\s*({_CODE_PART}(?:\s*-\s*{_CODE_PART})*)"
)
_WORD = f"[{UPPER}][{LOWER}]+"  # a capitalised word of a place name
_PLACE_DATE = rx(
    rf"((?:TP\.\s*|Tp\.\s*|Thành phố\s+)?{_WORD}(?:\s+(?:-\s+)?{_WORD}){{0,4}}),"
    r"\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"
)
_DB_FIELD = rx(
    r"(Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành)\s*:\s*(.+?)(?=\s{2,}|\s+(?:Số hiệu|Loại văn bản|Nơi ban hành|Người ký|Ngày ban hành|Ngày công báo|Số công báo|Ngày hiệu lực|Tình trạng)\s*:|$)"
)
# "năm 2026" names the plan's year; "đến năm 2030", "tầm nhìn đến năm 2045" and the year of a
# cited document's date ("ngày 21 tháng 10 năm 2025") do not.
_YEAR_IN_TITLE = rx(
    r"(?<!đến\s)(?<!ĐẾN\s)(?<!tháng\s\d\s)(?<!tháng\s\d\d\s)(?<!THÁNG\s\d\s)(?<!THÁNG\s\d\d\s)\b(?i:năm)\s*(\d{4})\b"
)
_PERIOD = rx(rf"(?:{alternatives(_HEADER.period_words)})\s+(\d{{4}})\s*[-–]\s*(\d{{4}})", re.I)
_ISSUED_PROSE = rx(
    r"(?:ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm\s*\d{4}|/\d{1,2}/\d{4}))[^.]{0,80}?ban hành\s+(?:Kế hoạch|kế hoạch)",
    re.I,
)
_PLAN_YEAR_PROSE = rx(r"\bkế hoạch\b[^.]{0,160}?\bnăm\s*(\d{4})\b", re.I)
_NUMBER_PROSE = rx(r"ban hành\s+Kế hoạch\s+số\s+(\d+[\w.]*/[A-ZĐ][A-ZĐ0-9\-]*)", re.I)
_SIGNER_PROSE = rx(
    rf"((?:Phó\s+)?Chủ tịch\s+(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|xã)(?:\s+[{UPPER}]{LETTER}*)*?)\s+"
    rf"((?:[{UPPER}]{LETTER}*\s+){{1,4}})(?:đã\s+)?ký"
)
_ISSUER_PROSE = rx(
    r"\b(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố)\b(?=[^.]{0,60}ban hành)", re.I
)
_NAME = rx(rf"^(?:[{UPPER}][{LOWER}]*\s){{1,4}}[{UPPER}][{LOWER}]*$")

# The issuing body, read from the capitalised lines of the header.
_DEPARTMENT = rx(rf"^({alternatives(_HEADER.department_heads)})\s+(.+)$")
_MINISTRY = rx(rf"^({alternatives(_HEADER.ministry_heads)})\s+(.+)$")
_CENTRAL = rx(rf"^({alternatives(_HEADER.central_bodies)}|(?:{alternatives(_HEADER.central_heads)})\s.+)$")


# Patterns built from the word lists of data/lexicon.yaml, once, on first use.
@cache
def _sign_title() -> re.Pattern[str]:
    titles = alternatives(lexicon().signer_titles)
    return rx(rf"^(?:(?:KT|TM|TL|Q)\.?\s*)?({titles})\b")


@cache
def _local() -> re.Pattern[str]:
    units = alternatives(lexicon().administrative_units)
    return rx(rf"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+({units})\s+(.+)$")


@cache
def _issuing_bodies() -> dict[str, str]:
    return {fold(name): name for name in lexicon().issuing_bodies}


@cache
def _authority() -> re.Pattern[str]:
    return rx(rf"^({alternatives(lexicon().deciding_authorities)})\b")


def parse_metadata(state: State) -> Metadata:
    meta = Metadata()
    header_text = [b.text for b in state.header if b.kind == "para"]
    _issuer_from_header(meta, header_text)
    joined = " ".join(header_text + [b.text for b in state.title[:1]])
    m = NUMBER.search(joined)
    if m:
        meta.number = m.group(1) + "/" + re.sub(r"\s+", "", m.group(2))
    m = _PLACE_DATE.search(joined)
    if m:
        meta.place = squash(m.group(1))
        meta.issued_date = make_date(m.group(2), m.group(3), m.group(4))
    _title(meta, state)
    _legal_database_box(meta, state)
    _prose(meta, state)
    _signer(meta, state)
    if meta.issuer_level in ("central", "ministry"):
        meta.province = None  # a central body's place ("Hà Nội") is not its province
    elif meta.province is None:
        meta.province = (province_name(meta.place) if meta.place else None) or find_province(
            " ".join([meta.title or ""] + [b.text for b in state.body[:10] if b.kind == "para"])
        )
    return meta


def working_year(meta: Metadata) -> int | None:
    """The year a plan's undated targets and deadlines belong to: its own year, else the first
    year of its period, else (a yearly plan is issued late in the year before it, or early in
    its own year) the year after a date in October-December."""
    if meta.plan_year:
        return meta.plan_year
    if meta.period:
        return meta.period.start
    if meta.issued_date:
        return meta.issued_date.year + (1 if meta.issued_date.month >= 10 else 0)
    return None


def own_span(meta: Metadata) -> tuple[int, int] | None:
    """The years the plan itself covers: its period, else its working year alone. A year inside
    them dates a target; a year before them dates a result."""
    if meta.period:
        return meta.period.start, meta.period.end
    year = working_year(meta)
    return (year, year) if year else None


def _issuer_lines(lines: list[str]) -> list[str]:
    """The header's left column: where a database box or page chrome comes first, the lines
    just before the national motto (readers give the left column first, or split at the motto)."""
    motto = next((i for i, t in enumerate(lines) if _MOTTO.match(fold(t))), None)
    if motto is None:
        return lines[:12]
    start = motto
    while start > 0 and motto - start < 8:
        text = lines[start - 1]
        if not (_RULE.match(text) or text.startswith(("Số", "SỐ")) or _is_caps(text)):
            break
        start -= 1
    return lines[start:motto] + lines[motto : motto + 6]


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _issuer_from_header(meta: Metadata, lines: list[str]) -> None:
    caps = []
    for text in _issuer_lines(lines):
        folded = fold(text)
        if _MOTTO.match(folded) or _RULE.match(text) or text.startswith(("Số", "SỐ")) or DATE.search(text):
            continue
        if _is_caps(text):
            caps.append(text.strip())
    if not caps:
        return
    joined = " ".join(caps)
    # "UBND TỈNH BẾN TRE" / "SỞ NỘI VỤ" on lines of their own: a department below a province.
    split_at = next((i for i, line in enumerate(caps) if i > 0 and _DEPARTMENT.match(line)), None)
    dept = " ".join(caps[split_at:]) if split_at is not None else None
    local_part = " ".join(caps[:split_at]) if split_at is not None else joined
    m = _local().match(local_part)
    if m:
        unit = lexicon().administrative_units.get(m.group(1), m.group(1).lower())
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
    for folded, name in _issuing_bodies().items():
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
        own = fold(state.decision_title or first)
        meta.doc_type = next((name for key, name in lexicon().doc_types.items() if own.startswith(key)), None)
        if meta.doc_type is None:
            meta.doc_type = first.split(" ")[0].capitalize() if first else None
        rest = []
        for b in state.title[1:]:
            if _authority().match(fold(b.text)):
                break
            if not b.text.startswith("("):
                rest.append(b.text)
        key = next((k for k in lexicon().doc_types if fold(first).startswith(k)), None)
        if key and fold(first) != key and not rest:
            title = first  # "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024" on one line: the type word is part of it
        elif key:
            title = squash(
                " ".join([first[len(key) :].strip(), *rest])
            )  # the subject lines under the type word
        else:
            title = first
        meta.title = title or None
    else:
        for b in state.body[:6]:
            if b.kind == "para" and len(b.text.split()) >= 4:
                meta.title = b.text
                break
        if "ke hoach" in fold(" ".join(b.text for b in state.body[:8] if b.kind == "para")):
            meta.doc_type = "Kế hoạch"
    _years_of_title(meta, meta.title or "")


def _years_of_title(meta: Metadata, title: str) -> None:
    """plan_year when the title names one year; period when it names a span."""
    period = _PERIOD.search(title)
    if period:
        start, end = int(period.group(1)), int(period.group(2))
        if 1990 <= start < end <= 2100:
            meta.period = Period(start=start, end=end)
        return
    years = {int(y) for y in _YEAR_IN_TITLE.findall(title)}
    if len(years) == 1:
        meta.plan_year = years.pop()


def _legal_database_box(meta: Metadata, state: State) -> None:
    found: dict[str, str] = {}
    for b in state.trailer + state.header + state.body[:3]:
        if b.kind != "para":
            continue
        text = b.text.lstrip("-• ")
        for m in _DB_FIELD.finditer(text):
            found.setdefault(m.group(1), m.group(2).strip())
    if "Số hiệu" in found and not meta.number:
        meta.number = re.sub(r"\s+", "", found["Số hiệu"])
    if "Loại văn bản" in found and not meta.doc_type:
        meta.doc_type = found["Loại văn bản"]
    if "Ngày ban hành" in found and not meta.issued_date:
        meta.issued_date = first_date(found["Ngày ban hành"])
    if "Người ký" in found and not meta.signer:
        meta.signer = found["Người ký"]
    if "Nơi ban hành" in found and not meta.province:
        meta.province = province_name(re.sub(r"(?i)^(tỉnh|thành phố)\s+", "", found["Nơi ban hành"]))


def _prose(meta: Metadata, state: State) -> None:
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
    if meta.plan_year is None and meta.period is None and not state.title:
        m = _PLAN_YEAR_PROSE.search(head)
        if m:
            meta.plan_year = int(m.group(1))


def _signer(meta: Metadata, state: State) -> None:
    lines = [b.text for b in state.closing + state.decision if b.kind == "para"]
    for i, text in enumerate(lines):
        m = _sign_title().match(text)
        if not m:
            continue
        title = m.group(1)
        for later in lines[i + 1 : i + 6]:
            t = _sign_title().match(later)
            if t:
                title = t.group(1)
                continue
            if _NAME.match(later.strip()):
                meta.signer = later.strip()
                meta.signer_title = lexicon().signer_titles.get(title, title.capitalize())
                return
