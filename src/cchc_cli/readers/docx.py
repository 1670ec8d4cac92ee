"""Word documents (.docx) read straight from their XML, in body order.

What a plan typed in Word needs and python-docx's paragraph API does not give directly:
auto-numbering rebuilt from numbering.xml (the "I.", "1.", "a)" and bullets are not in the
text), real footnotes, merged cells expanded, and the borderless layout tables of the header
and signature flattened into paragraphs. The zip is checked before anything is inflated.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from cchc_cli.errors import (
    CorruptFileError,
    EmptyInputError,
    EncryptedError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from cchc_cli.readers.blocks import Block, Document, RawFootnote, is_layout_table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all members together
MAX_RATIO = 200  # a zip bomb inflates far beyond what XML text compresses to
# One XML part (document.xml, numbering.xml...): a 100-page plan's document.xml is 1-3 MB; a
# million stored paragraphs (58 MB) took 3 GB and 100 s to read.
MAX_PART = 32 * 1024 * 1024
_SKIP = {
    W + "del",
    W + "delText",
    W + "instrText",
    MC_FALLBACK,
    W + "rPr",
    W + "pPr",
    W + "tblPr",
    W + "sectPr",
}

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFileError(f"not a valid .docx (zip): {exc}") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise UnsafeFileError(f"refusing to inflate: {total} bytes from {packed} (zip bomb?)")
    return archive


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, inflated in small steps and never past what it declares (nor past
    MAX_UNCOMPRESSED): a member that claims 4 KB and inflates to 1.5 GB stops at 4 KB, where the
    zip's own check names it damaged, instead of inflating whole first."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART:
        raise UnsafeFileError(
            f"{name} holds {info.file_size // (1024 * 1024)} MB of XML, more than a plan's "
            f"({MAX_PART // (1024 * 1024)} MB; a plan's is about 1 MB)"
        )
    limit = min(info.file_size, MAX_UNCOMPRESSED)
    parts, size = [], 0
    with archive.open(info) as member:
        while True:
            chunk = member.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise UnsafeFileError(
                    f"{name} inflates beyond the {info.file_size} bytes it declares (zip bomb?)"
                )
            parts.append(chunk)
    return b"".join(parts)


def _xml(archive: zipfile.ZipFile, name: str, required: bool = False) -> etree._Element | None:
    try:
        data = _read_member(archive, name)
    except KeyError:
        if required:
            raise CorruptFileError(f"not a Word document: {name} is missing") from None
        return None
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile, zlib.error) as exc:
        raise CorruptFileError(f"damaged .docx member {name}: {exc}") from None
    except NotImplementedError:
        raise UnsupportedFormatError(f"{name} is packed with a compression method Word never uses") from None
    except RuntimeError as exc:
        if "encrypted" in str(exc):
            raise EncryptedError(f"{name} is encrypted: save an unprotected copy") from None
        raise
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise UnsafeFileError(f"{name} declares a DTD or entities (Word never does; entity bomb?)")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "entity" in str(exc).lower():  # libxml2 stopped an entity expansion (a DTD in UTF-16...)
            raise UnsafeFileError(
                f"{name} declares a DTD or entities (Word never does; entity bomb?)"
            ) from None
        raise CorruptFileError(f"damaged XML in {name}: {exc}") from None
    # Parsed without loading the DTD or resolving entities; a DOCTYPE anywhere, in any encoding
    # (UTF-16 hides it from a byte search), is still refused: Word never writes one.
    if root.getroottree().docinfo.doctype:
        raise UnsafeFileError(f"{name} declares a DTD or entities (Word never does; entity bomb?)")
    return root


# -- numbering --------------------------------------------------------------------------------

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# Bounds on what a numbering definition may ask for (a 1.6 KB file with start=2000000000 and
# lowerLetter asked for 77 million letters; ilvl=2000000000 looped for minutes; a lvlText of
# 100,000 "%1" grew to gigabytes). Word itself has 9 levels and short label texts.
MAX_LEVEL = 8
MAX_COLUMNS = 256  # cells in one table row; plans' tables have under 15
MAX_LEVEL_TEXT = 64
_SPELLED_UP_TO = 26 * 10  # letters ("aa", "bbb") and Roman numerals beyond this: plain digits


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman", "upperLetter", "lowerLetter") and not 0 < n <= _SPELLED_UP_TO:
        return str(n)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, root: etree._Element | None) -> _Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for absn in root.iter(W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in absn.iter(W + "lvl"):
                level = _Level()
                for child, attr in (("numFmt", "fmt"), ("lvlText", "text")):
                    node = lvl.find(W + child)
                    if node is not None:
                        setattr(level, attr, (node.get(W + "val") or "")[:MAX_LEVEL_TEXT])
                start = lvl.find(W + "start")
                if start is not None:
                    level.start = _to_int(start.get(W + "val"), 1)
                ilvl = _to_int(lvl.get(W + "ilvl"), 0)
                if 0 <= ilvl <= MAX_LEVEL:
                    levels[ilvl] = level
            numbering.abstract[absn.get(W + "abstractNumId") or ""] = levels
        for num in root.iter(W + "num"):
            abs_id = num.find(W + "abstractNumId")
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    overrides[_to_int(ov.get(W + "ilvl"), 0)] = _to_int(so.get(W + "val"), 1)
            numbering.nums[num.get(W + "numId") or ""] = (
                abs_id.get(W + "val") if abs_id is not None else "",
                overrides,
            )
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label Word would show for the next paragraph of this list level."""
        if num_id not in self.nums:
            return None
        abs_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abs_id, {})
        level = levels.get(ilvl) if 0 <= ilvl <= MAX_LEVEL else None
        if level is None:
            return None
        if level.fmt == "bullet":
            return "-"
        counters = self.counters.setdefault(abs_id, {})
        if num_id not in self.started and overrides:
            for lv, start in overrides.items():
                counters[lv] = start - 1
            self.started.add(num_id)
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for lv in range(ilvl + 1):
            lv_level = levels.get(lv, _Level())
            value = counters.get(lv, lv_level.start)
            text = text.replace(f"%{lv + 1}", _format(value, lv_level.fmt))
        return text.strip() or None


def _to_int(value: str | None, default: int) -> int:
    """An attribute's integer, bounded: Word's values are small, a hostile file's need not be."""
    try:
        number = int((value or str(default))[:12])
    except ValueError:
        return default
    return max(-(10**9), min(number, 10**9))


def _style_numbering(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that carry numbering (e.g. headings numbered I., II.)."""
    if styles is None:
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(W + "style"):
        sid = style.get(W + "styleId") or ""
        base = style.find(W + "basedOn")
        if base is not None:
            based[sid] = base.get(W + "val") or ""
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            nid, ilvl = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
            own[sid] = (
                nid.get(W + "val") if nid is not None else None,
                _to_int(ilvl.get(W + "val"), 0) if ilvl is not None else None,
            )
    resolved: dict[str, tuple[str, int]] = {}
    for sid in set(own) | set(based):
        num_id, ilvl, cur, seen = None, None, sid, set()
        while cur and cur not in seen:
            seen.add(cur)
            n, lv = own.get(cur, (None, None))
            num_id = num_id if num_id is not None else n
            ilvl = ilvl if ilvl is not None else lv
            cur = based.get(cur, "")
        if num_id and num_id != "0":
            resolved[sid] = (num_id, ilvl or 0)
    return resolved


# -- text -------------------------------------------------------------------------------------


def _text(node: etree._Element, refs: list[str]) -> str:
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "footnoteReference":
                refs.append(child.get(W + "id") or "")
            else:
                walk(child)

    walk(node)
    return "".join(parts)


class _Reader:
    def __init__(self, archive: zipfile.ZipFile):
        self.numbering = _Numbering.load(_xml(archive, "word/numbering.xml"))
        self.style_numbering = _style_numbering(_xml(archive, "word/styles.xml"))
        self.footnote_order: list[str] = []
        self.footnote_block: dict[str, int] = {}
        self.blocks: list[Block] = []

    def paragraph(self, p: etree._Element) -> tuple[str, str | None]:
        """(raw text, list label). Text is cleaned later, after any legacy-encoding fix."""
        refs: list[str] = []
        text = _text(p, refs)
        for ref in refs:
            if ref not in self.footnote_order:
                self.footnote_order.append(ref)
                self.footnote_block[ref] = len(self.blocks) + 1  # the block about to be added
        label = self._label(p) if text.strip() else None
        return text, label

    def _label(self, p: etree._Element) -> str | None:
        ppr = p.find(W + "pPr")
        num_id, ilvl = None, 0
        if ppr is not None:
            num_pr = ppr.find(W + "numPr")
            if num_pr is not None:
                nid, lv = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
                num_id = nid.get(W + "val") if nid is not None else None
                ilvl = _to_int(lv.get(W + "val"), 0) if lv is not None else 0
            style = ppr.find(W + "pStyle")
            if num_id is None and style is not None:
                num_id, ilvl = self.style_numbering.get(style.get(W + "val") or "", (None, 0))
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl)

    def table(self, tbl: etree._Element) -> None:
        grid: list[list[str]] = []
        merged_from: dict[int, str] = {}  # column -> text of the cell a vMerge continues
        for tr in tbl.iterchildren(W + "tr"):
            row: list[str] = []
            for tc in tr.iterchildren(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span, vmerge = 1, None
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    span = max(1, min(_to_int(gs.get(W + "val") if gs is not None else None, 1), 64))
                    vm = tcpr.find(W + "vMerge")
                    vmerge = (vm.get(W + "val") or "continue") if vm is not None else None
                col = len(row)
                if vmerge == "continue":
                    text = merged_from.get(col, "")
                else:
                    text = "\n".join(t for t in (self._cell_text(tc),) if t)
                    if vmerge == "restart":
                        merged_from[col] = text
                    else:
                        merged_from.pop(col, None)
                row.extend([text] + [""] * (span - 1))
                if len(row) > MAX_COLUMNS:
                    raise UnsafeFileError(
                        f"a table row of more than {MAX_COLUMNS} cells: not a plan's table (a crafted file?)"
                    )
            if any(row):
                grid.append(row)
        if not grid:
            return
        width = max(len(r) for r in grid)
        grid = [r + [""] * (width - len(r)) for r in grid]
        if is_layout_table(len(grid), width):
            for col in range(width):
                for r in grid:
                    for line in r[col].split("\n"):
                        if line.strip():
                            self.blocks.append(Block(kind="para", text=line))
            return
        self.blocks.append(Block(kind="table", rows=grid))

    def _cell_text(self, tc: etree._Element) -> str:
        lines = []
        for child in tc:
            if child.tag == W + "p":
                text, label = self.paragraph(child)
                if text.strip():
                    lines.append(f"{label} {text}" if label and label != "-" else text)
            elif child.tag == W + "tbl":  # nested table: its text joins the cell
                nested = _text(child, [])
                if nested.strip():
                    lines.append(nested)
        return "\n".join(lines)

    def body(self, body: etree._Element) -> None:
        for child in body:
            if child.tag == W + "p":
                text, label = self.paragraph(child)
                if text.strip():
                    self.blocks.append(Block(kind="para", text=text, label=label))
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag == W + "sdt":  # content controls wrap ordinary paragraphs
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content)


def _footnotes(root: etree._Element | None, order: list[str], where: dict[str, int]) -> list[RawFootnote]:
    if root is None:
        return []
    texts: dict[str, str] = {}
    for note in root.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = [_text(p, []).strip() for p in note.iter(W + "p")]
        texts[note.get(W + "id") or ""] = " ".join(t for t in paras if t)
    return [
        RawFootnote(number=str(i), text=texts[ref], block=where.get(ref))
        for i, ref in enumerate(order, start=1)
        if texts.get(ref)
    ]


def read_docx(data: bytes) -> Document:
    archive = _open_zip(data)
    root = _xml(archive, "word/document.xml", required=True)
    body = root.find(W + "body") if root is not None else None
    if body is None:
        raise CorruptFileError("word/document.xml has no body")
    reader = _Reader(archive)
    reader.body(body)
    footnotes = _footnotes(_xml(archive, "word/footnotes.xml"), reader.footnote_order, reader.footnote_block)
    blocks = reader.blocks
    if not blocks:
        raise EmptyInputError("the document has no text")
    return Document(format="docx", blocks=blocks, footnotes=footnotes)
