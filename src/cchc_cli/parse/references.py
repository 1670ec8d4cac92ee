"""Reference rule: every document the plan cites, with number, date and issuer where stated.

"Công văn số 6459/BNV-CCHC ngày 07 tháng 12 năm 2020 của Bộ Nội vụ về việc hướng dẫn ...",
"Nghị quyết 76/NQ-CP", "Luật Phòng, chống tham nhũng", "Chương trình tổng thể CCHC ... 2021-2030".
The plan's own number (cited in its appendix heading) is not a reference.
"""

from __future__ import annotations

import re

from cchc_cli.models import Reference
from cchc_cli.parse.dates import DATE, parse_date
from cchc_cli.parse.state import Passage
from cchc_cli.text import LETTER, UPPER, rx, strip_punct
from cchc_cli.vocab import alternatives, lexicon

_WORDS = lexicon().references
_KINDS = alternatives(_WORDS.kinds)
_NUMBERED = rx(
    rf"(?P<kind>(?i:{_KINDS}))\s+(?:(?i:số)\s*:?\s*)?(?P<number>\d+[\w.]*(?:\s*[/-]\s*[{UPPER}\d][\w.]*)+)"
)
_HAS_NUMBER = rx(rf"(?<![\w.])\d[\w.]*\s*[/-]\s*[{UPPER}]")  # cheap first look for "76/NQ-CP", "01-ĐA/TU"
_AFTER_DATE = rx(rf"^\s*(?:,\s*)?(?:ngày\s*)?(?={DATE.pattern})", re.I)
_ISSUER = rx(
    rf"^\s*(?:,\s*)?của\s+(?P<issuer>.{{2,80}}?)(?=\s+(?:{alternatives(_WORDS.issuer_ends)})\b|\s*[,;.)\[]|$)"
)
_ABOUT = rx(
    rf"^\s*(?:,\s*)?(?:về\s+việc|về|V/v)\s+(?P<title>[^;.\[]{{3,200}}?)(?=\s*[;.\[]|,\s*[{UPPER}]|\s+và\s+[{UPPER}]|$)"
)
_LAW = rx(
    rf"\bLuật\s+(?P<name>{LETTER}[^;.…()\[\]]*?)(?=\s*[;.…()\[\]]|,\s*Luật\b|\s+và\s+các\b|\s+và\s+Luật\b|$)"
)
_PROGRAMME = rx(
    r"\b(?P<kind>Chương trình)\s+(?P<title>tổng thể[^;.]{0,100}?giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4})"
    r"(?:\s+của\s+(?P<issuer>Chính phủ|Thủ tướng Chính phủ))?"
)
_NUMBER_KIND = _WORDS.number_kinds
_CODE = rx(rf"[/-]({LETTER}+)")  # "123/UBND-VP" -> "UBND"


def _clean_number(number: str) -> str:
    return "".join(number.split()).rstrip(".")


def extract_references(units: list[Passage], own_number: str | None) -> list[Reference]:
    refs: list[Reference] = []
    index: dict[tuple[str, str], Reference] = {}

    def add(ref: Reference, key: tuple[str, str]) -> None:
        known = index.get(key)
        if known is None:
            index[key] = ref
            refs.append(ref)
            return
        for field in ("date", "issuer", "title"):
            if getattr(known, field) is None and getattr(ref, field) is not None:
                setattr(known, field, getattr(ref, field))

    own = _clean_number(own_number) if own_number else None
    for unit in units:
        text = unit.text
        numbered = _NUMBERED.finditer(text) if _HAS_NUMBER.search(text) else ()
        for m in numbered:
            number = _clean_number(m.group("number"))
            if number == own or not any(c.isalpha() for c in number):
                continue
            kind = m.group("kind")
            kind = kind[0].upper() + kind[1:]
            if kind == "Văn bản":
                code = _CODE.search(number)
                kind = _NUMBER_KIND.get(code.group(1), kind) if code else kind
            rest = text[m.end() :]
            date = None
            d = _AFTER_DATE.match(rest)
            if d:
                dm = DATE.match(rest, d.end())
                if dm:
                    date = parse_date(dm)
                    rest = rest[dm.end() :]
            issuer = title = None
            im = _ISSUER.match(rest)
            if im:
                issuer = strip_punct(im.group("issuer"))
                rest = rest[im.end() :]
            am = _ABOUT.match(rest)
            if am:
                title = strip_punct(am.group("title"))
            add(
                Reference(
                    kind=kind, number=number, date=date, issuer=issuer, title=title, location=unit.location
                ),
                (kind, number),
            )
        for m in _LAW.finditer(text) if "Luật" in text else ():
            name = strip_punct(m.group("name"))
            if len(name.split()) > 12 or not name:
                continue
            add(Reference(kind="Luật", title=name, location=unit.location), ("Luật", name.lower()))
        for m in _PROGRAMME.finditer(text) if "Chương trình" in text else ():
            title = strip_punct(m.group("title"))
            add(
                Reference(
                    kind=m.group("kind"), title=title, issuer=m.group("issuer"), location=unit.location
                ),
                (m.group("kind"), re.sub(r"\s+", " ", title.lower())),
            )
    return refs
