"""Legacy Vietnamese encodings: TCVN3 (ABC) and VNI, detected and converted to Unicode.

Old plans were typed in .VnTime (TCVN3) or VNI-Times fonts. Their bytes reach us either raw
(a .txt file) or already "decoded" as Latin-1/cp1252 characters (a .docx whose runs use those
fonts): in both cases the text is made of Latin-1 characters that spell nonsense like
"KÕ ho¹ch". We convert by table and keep the result only if it reads as more Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata

from cchc_cli.text import LETTER

# TCVN 5712:1993 (VN3, the ".Vn" fonts): characters for bytes 0x80..0xFF (glibc's table).
_TCVN3_HIGH = (
    "\xc0\u1ea2\xc3\xc1\u1ea0\u1eb6\u1eac\xc8\u1eba\u1ebc\xc9\u1eb8\u1ec6\xcc\u1ec8\u0128"
    "\xcd\u1eca\xd2\u1ece\xd5\xd3\u1ecc\u1ed8\u1edc\u1ede\u1ee0\u1eda\u1ee2\xd9\u1ee6\u0168"
    "\xa0\u0102\xc2\xca\xd4\u01a0\u01af\u0110\u0103\xe2\xea\xf4\u01a1\u01b0\u0111\u1eb0"
    "\u0300\u0309\u0303\u0301\u0323\xe0\u1ea3\xe3\xe1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4"
    "\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\xe8\u1ec2\u1ebb\u1ebd"
    "\xe9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\xec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\xed\u1ecb\xf2"
    "\u1ed4\u1ecf\xf5\xf3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\xf9"
    "\u1ed6\u1ee7\u0169\xfa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\xfd\u1ef5\u1ed0"
)
assert len(_TCVN3_HIGH) == 128


def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for byte, char in zip(range(0x80, 0x100), _TCVN3_HIGH, strict=True):
        table[byte] = char
        # The same byte seen through cp1252 (how Word shows a .Vn font run) maps alike.
        try:
            alias = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        table.setdefault(ord(alias), char)
    return table


_TCVN3 = _tcvn3_table()

# VNI: a base letter followed by a mark character (as cp1252 shows the VNI font bytes).
_VNI_MARKS = {
    "ù": "\u0301",
    "ø": "\u0300",
    "û": "\u0309",
    "õ": "\u0303",
    "ï": "\u0323",
    "â": "\u0302",
    "á": "\u0302\u0301",
    "à": "\u0302\u0300",
    "å": "\u0302\u0309",
    "ã": "\u0302\u0303",
    "ä": "\u0302\u0323",
    "ê": "\u0306",
    "é": "\u0306\u0301",
    "è": "\u0306\u0300",
    "ú": "\u0306\u0309",
    "ü": "\u0306\u0303",
    "ë": "\u0306\u0323",
}
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
# Letters that stand alone in VNI (no base letter before them).
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "í": "í",
    "ì": "ì",
}
_VNI_SINGLE.update({k.upper(): v.upper() for k, v in list(_VNI_SINGLE.items())})
_VNI_BASES = set("aeouyAEOUY") | {"ơ", "ư", "Ơ", "Ư"}
_CIRCUMFLEX_OK = set("aeoAEO")
_BREVE_OK = set("aA")

_COMMON_WORDS = frozenset(
    [
        "của",
        "và",
        "các",
        "được",
        "trong",
        "người",
        "thực",
        "hiện",
        "hành",
        "chính",
        "năm",
        "cải",
        "cách",
        "những",
        "một",
        "có",
        "với",
        "đến",
        "đã",
        "theo",
        "để",
        "này",
        "tỉnh",
        "nhà",
        "nước",
        "công",
        "tác",
        "kế",
        "hoạch",
        "quản",
        "lý",
        "thủ",
        "tục",
        "cơ",
        "quan",
        "đơn",
        "vị",
        "việc",
        "cấp",
        "ban",
        "xã",
        "huyện",
        "đảm",
        "bảo",
        "nâng",
        "cao",
        "chất",
        "lượng",
        "dịch",
        "vụ",
        "số",
        "điện",
        "tử",
        "tổ",
        "chức",
        "bộ",
        "máy",
        "nhiệm",
        "vụ",
        "chỉ",
        "tiêu",
        "về",
        "trên",
    ]
)
_WORD = re.compile(LETTER + "+")
# Characters a Unicode Vietnamese text is full of, and a legacy one never has.
# (Latin-1 letters such as â, ê, ô, á are not here: VNI text is full of them.)
_VIETNAMESE_ONLY = re.compile(r"[ăđơưĩũĂĐƠƯĨŨ\u1ea0-\u1ef9]")


def vietnamese_score(text: str) -> float:
    """Share of words that are common Vietnamese words (0..1)."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(w in _COMMON_WORDS for w in words) / len(words)


def from_tcvn3(text: str) -> str:
    out = text.translate(_TCVN3)
    out = unicodedata.normalize("NFC", out)
    return _fix_capitals(out)


def from_vni(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        single = _VNI_SINGLE.get(ch)
        base = single if single and ch in "ôöÔÖ" else ch
        if base in _VNI_BASES and nxt in _VNI_MARKS:
            marks = _VNI_MARKS[nxt]
            shape_ok = ("\u0302" not in marks or base in _CIRCUMFLEX_OK) and (
                "\u0306" not in marks or base in _BREVE_OK
            )
            if shape_ok:
                out.append(unicodedata.normalize("NFC", base + marks))
                i += 2
                continue
        out.append(single or ch)
        i += 1
    return _fix_capitals("".join(out))


def _fix_capitals(text: str) -> str:
    """Legacy fonts have no codes for toned capitals: ".VnTimeH" headings use the small-letter
    codes, so "KÕ HO¹CH" decodes to "Kế HOạCH". A line whose plain letters are capitals is a
    capitals line; a word whose plain letters are all capitals is a capitals word."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        # Judge by real words (letters only, two plain letters at least), not by codes like KH-UBND.
        words = [w for w in line.split() if w.strip(",.;:()").isalpha()]
        plains = [[c for c in w if c.isascii() and c.isalpha()] for w in words]
        judged = [p for p in plains if len(p) >= 2]
        if judged and not any(c.islower() for p in plains for c in p):
            lines[n] = line.upper()
        else:
            lines[n] = _WORD.sub(_upper_word, line)
    return "\n".join(lines)


def _upper_word(m: re.Match[str]) -> str:
    word = m.group(0)
    plain = [c for c in word if c.isascii()]
    return word.upper() if len(plain) >= 2 and all(c.isupper() for c in plain) else word


CONVERTERS = {"tcvn3": from_tcvn3, "vni": from_vni}


def detect_legacy(text: str) -> str | None:
    """Name the legacy encoding ("tcvn3", "vni") a text is written in, or None."""
    text = unicodedata.normalize("NFC", text[:20000])  # NFD Unicode is Unicode, not a legacy code
    head = text[:3000]
    needed = len(head) // 50 + 1
    for count, _ in enumerate(_VIETNAMESE_ONLY.finditer(head), start=1):
        if count >= needed:
            return None  # already real Unicode Vietnamese
    sample = text[:20000]
    best_name, best_score = None, vietnamese_score(sample)
    for name, convert in CONVERTERS.items():
        score = vietnamese_score(convert(sample))
        if score > best_score + 0.05:
            best_name, best_score = name, score
    return best_name
