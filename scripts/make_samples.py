"""Make samples/derived/ from the real Bến Tre plan (samples/seeds/002_*.txt and samples/*.docx).

Each derived file is the same public document in another shape a real input takes: Word
auto-numbering, legacy TCVN3/VNI encodings, UTF-16, Windows-1258, NFD, a saved web page, a
scanned PDF (no text layer) and an encrypted PDF. Run: python scripts/make_samples.py
(needs pypdf for the encrypted PDF; the outputs are committed, so tests never run this).
"""

from __future__ import annotations

import html
import io
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cchc_cli.legacy import _TCVN3_HIGH, from_vni  # noqa: E402

SAMPLES = ROOT / "samples"
OUT = SAMPLES / "derived"
SEED = SAMPLES / "seeds" / "002_5059744902de90ce.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


# -- encoders (the inverse of what cchc reads) ---------------------------------------------------


def _tcvn3_map(cp1252: bool) -> dict[str, str]:
    table: dict[str, str] = {}
    for byte, char in zip(range(0x80, 0x100), _TCVN3_HIGH, strict=True):
        if unicodedata.combining(char) or char in table:
            continue
        if cp1252:
            try:
                table[char] = bytes([byte]).decode("cp1252")
            except UnicodeDecodeError:
                continue
        else:
            table[char] = chr(byte)
    return table


def to_tcvn3(text: str, cp1252: bool) -> str:
    table = _tcvn3_map(cp1252)
    out = []
    for ch in text:
        if ch in table:
            out.append(table[ch])
        elif ch.lower() in table:  # a capital the font has no code for: the .VnTimeH way
            out.append(table[ch.lower()])
        elif ord(ch) > 0x7F:
            out.append("-")  # a symbol the 8-bit font cannot show ("•")
        else:
            out.append(ch)
    return "".join(out)


def _vni_map() -> dict[str, str]:
    marks = "ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË"
    singles = "ôöñæóòîíìÔÖÑÆÓÒÎÍÌ"
    table: dict[str, str] = {}
    for base in "aeiouyAEIOUY" + "ôöÔÖ":
        for mark in marks:
            decoded = from_vni(base + mark)
            if len(decoded) == 1 and decoded not in table and decoded.isalpha():
                table[decoded] = base + mark
    for single in singles:
        decoded = from_vni(single)
        table.setdefault(decoded, single)
    return table


def to_vni(text: str) -> str:
    table = _vni_map()
    return "".join(table.get(ch, ch) for ch in text)


def to_cp1258(text: str) -> bytes:
    # Windows-1258 has the base letters (â, ơ, đ...) but writes tones as combining marks.
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out.append(base + "".join(c for c in decomposed if c in TONES))
    return "".join(out).encode("cp1258")


# -- Word documents -----------------------------------------------------------------------------


def _rewrite_docx(source: Path, target: Path, edit) -> None:
    with zipfile.ZipFile(source) as zin:
        parts = {info.filename: zin.read(info.filename) for info in zin.infolist()}
    edit(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    target.write_bytes(buffer.getvalue())


_HEADING = re.compile(r"^(?:(?P<roman>[IVX]+)\.|(?P<arabic>\d{1,2})\.|(?P<letter>[a-zđ])\))\s+")


def autonum(parts: dict[str, bytes]) -> None:
    """Typed "I.", "1.", "a)" become Word multi-level numbering (as Word's heading lists)."""
    numbering = etree.fromstring(parts["word/numbering.xml"])
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
    abstract = etree.SubElement(numbering, W + "abstractNum", {W + "abstractNumId": "90"})
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = etree.SubElement(abstract, W + "lvl", {W + "ilvl": str(ilvl)})
        etree.SubElement(lvl, W + "start", {W + "val": "1"})
        etree.SubElement(lvl, W + "numFmt", {W + "val": fmt})
        etree.SubElement(lvl, W + "lvlText", {W + "val": text})
    # abstractNum elements must come before num elements
    first_num = numbering.find(W + "num")
    if first_num is not None:
        first_num.addprevious(abstract)
    num = etree.SubElement(numbering, W + "num", {W + "numId": "90"})
    etree.SubElement(num, W + "abstractNumId", {W + "val": "90"})
    parts["word/numbering.xml"] = etree.tostring(
        numbering, xml_declaration=True, encoding="UTF-8", standalone=True
    )

    document = etree.fromstring(parts["word/document.xml"])
    body = document.find(W + "body")
    for p in body.iterchildren(W + "p"):  # body paragraphs only, not table cells
        first_t = next(p.iter(W + "t"), None)
        if first_t is None or not first_t.text:
            continue
        m = _HEADING.match(first_t.text)
        if not m:
            continue
        ilvl = 0 if m.group("roman") else 1 if m.group("arabic") else 2
        first_t.text = first_t.text[m.end() :]
        ppr = p.find(W + "pPr")
        if ppr is None:
            ppr = etree.SubElement(p, W + "pPr")
            p.insert(0, ppr)
        num_pr = etree.Element(W + "numPr")
        etree.SubElement(num_pr, W + "ilvl", {W + "val": str(ilvl)})
        etree.SubElement(num_pr, W + "numId", {W + "val": "90"})
        ppr.insert(1 if ppr.find(W + "pStyle") is not None else 0, num_pr)
    parts["word/document.xml"] = etree.tostring(
        document, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def tcvn3_docx(parts: dict[str, bytes]) -> None:
    """Every run in the legacy .VnTime font, its text in TCVN3 as Word stores it (cp1252 view)."""
    for name in ("word/document.xml", "word/footnotes.xml"):
        root = etree.fromstring(parts[name])
        for t in root.iter(W + "t"):
            if t.text:
                t.text = to_tcvn3(t.text, cp1252=True)
        for rpr in root.iter(W + "rPr"):
            fonts = rpr.find(W + "rFonts")
            if fonts is None:
                fonts = etree.SubElement(rpr, W + "rFonts")
                rpr.insert(0, fonts)
            for attr in ("ascii", "hAnsi", "cs"):
                fonts.set(W + attr, ".VnTime")
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- a saved web page ---------------------------------------------------------------------------


def web_page(text: str) -> str:
    """The seed text (a legal-database copy) as the page it was copied from."""
    lines = text.splitlines()
    body: list[str] = []
    i = 0
    start = next(n for n, line in enumerate(lines) if line.strip() == "STT")
    end = next(n for n, line in enumerate(lines) if re.match(r"^1 Cải cách thể chế", line))
    for line in lines[:start]:
        if line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    cells = [line for line in lines[start:end] if line != ""]
    rows: list[list[str]] = [cells[:7]]
    i = 7
    while i < len(cells):
        token = cells[i].strip()
        if re.fullmatch(r"[IVX]+", token):
            rows.append([token, cells[i + 1]])
            i += 2
            while i < len(cells) and not cells[i].strip():
                i += 1
            continue
        rows.append(cells[i : i + 7])
        i += 7
    table = ["<table border='1'>"]
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        if len(row) == 2:
            table.append(
                f"<tr><td><b>{row[0]}</b></td><td colspan='6'><b>{html.escape(row[1])}</b></td></tr>"
            )
        else:
            table.append("<tr>" + "".join(f"<{tag}>{html.escape(c.strip())}</{tag}>" for c in row) + "</tr>")
    table.append("</table>")
    notes = [f"<p>{html.escape(line)}</p>" for line in lines[end:] if line.strip()]
    return (
        "<!DOCTYPE html>\n<html lang='vi'><head><meta charset='utf-8'>"
        "<title>Kế hoạch 8474/KH-UBND năm 2022 về công tác cải cách hành chính năm 2023</title>"
        "<style>body{font-family:serif} .menu li{display:inline}</style>"
        "<script>window.dataLayer=[];function track(){return 'Kế hoạch 100% giả';}</script></head><body>"
        "<nav class='menu'><ul><li>Trang chủ</li><li>Văn bản</li><li>Đăng nhập</li></ul></nav>"
        "<div id='content'>\n"
        + "\n".join(body)
        + "\n"
        + "\n".join(table)
        + "\n"
        + "\n".join(notes)
        + "\n</div><footer>Bản quyền thuộc về cổng thông tin. Hotline 1900 0000.</footer></body></html>\n"
    )


# -- PDFs that cannot be read -------------------------------------------------------------------

SCANNED_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
4 0 obj << /Length 44 >> stream
0.5 g 60 700 475 80 re f 60 560 300 40 re f
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def encrypted_pdf(source: Path, target: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="cchc-secret", owner_password="cchc-owner", algorithm="AES-128")
    with target.open("wb") as handle:
        writer.write(handle)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    _rewrite_docx(SAMPLES / "ben-tre-2023-lists.docx", OUT / "ben-tre-2023-autonum.docx", autonum)
    _rewrite_docx(SAMPLES / "ben-tre-2023.docx", OUT / "ben-tre-2023-tcvn3.docx", tcvn3_docx)
    (OUT / "ben-tre-2023-tcvn3.txt").write_bytes(to_tcvn3(text, cp1252=False).encode("latin-1"))
    (OUT / "ben-tre-2023-vni.txt").write_bytes(to_vni(text).encode("cp1252"))
    (OUT / "ben-tre-2023-utf16.txt").write_bytes(text.encode("utf-16"))
    (OUT / "ben-tre-2023-cp1258.txt").write_bytes(to_cp1258(text))
    (OUT / "ben-tre-2023-nfd.txt").write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    (OUT / "ben-tre-2023.html").write_text(web_page(text), encoding="utf-8")
    (OUT / "scanned.pdf").write_bytes(SCANNED_PDF)
    encrypted_pdf(SAMPLES / "ben-tre-2023.pdf", OUT / "ben-tre-2023-encrypted.pdf")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
