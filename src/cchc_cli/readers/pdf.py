"""PDF with a text layer: paragraphs rebuilt from lines, tables kept as tables, in reading order.

``pdf_layer`` gives words with positions and sizes (through pdfium) and ``pdf_tables`` the cells
the ruling lines draw. From them we rebuild what the PDF lost:
paragraphs (a line starting with a list marker, after a wider gap, or after a short line
starts a new one), the columns of a borderless header (a wide gap splits a line), footnotes
(small type at the foot of a page) and their markers (small raised digits, dropped from the
text), and appendix tables split across pages (continued, with a split row joined again).
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import zlib
from collections import Counter
from dataclasses import dataclass

from cchc_cli.errors import CorruptFileError, ScannedPdfError, UnsafeFileError
from cchc_cli.readers import pdf_layer
from cchc_cli.readers.blocks import LIST_ITEM, Block, Document, RawFootnote
from cchc_cli.readers.pdf_layer import Char
from cchc_cli.readers.pdf_tables import Table, find_tables

MAX_PAGES = 2000
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    column: int = 0  # 1 or 2 in a two-column layout zone (header, signature)


MAX_INFLATED = 256 * 1024 * 1024  # all Flate streams together, inflated (a plan's are a few MB)
MAX_CONTENT = 1024 * 1024  # one content stream: a page's or a form's (a plan's pages: 10-20 KB)
# Where no page names its content (its dictionary hidden, e.g. encrypted), streams that are not
# page content by their own dictionary (fonts, images, object and xref streams, metadata, files).
_NOT_CONTENT = re.compile(
    rb"/Length[123]\b|/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType|XML)\b"
    rb"|/Type\s*/(?:ObjStm|XRef|Metadata|EmbeddedFile)\b"
)
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_PAGE_COUNT = re.compile(rb"/Count\s+(\d{1,12})")
_OBJECT = re.compile(rb"(?<!\d)(\d{1,10})\s+\d{1,5}\s+obj\b")
_CONTENTS = re.compile(rb"/Contents\s*(\d{1,10}\s+\d{1,5}\s+R|\[[^\]]{0,65536}\])")
_REFERENCE = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+R")
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")


@dataclass
class _Stream:
    number: int | None  # the object it is, where its "N G obj" is found
    head: bytes  # its dictionary (and what stands before it in the object)
    size: int  # its bytes, inflated


def check_bounds(data: bytes) -> None:
    """Refuse, before any parsing, a PDF whose page tree claims more pages than a plan has,
    whose compressed streams inflate beyond MAX_INFLATED (1 MB can hold 1 GB of spaces), or with
    a content stream beyond MAX_CONTENT (pdfium's text of a page costs about 400 bytes a
    character: 20 MB of text took 3 GB before any limit could act).

    A content stream is one a page names as its /Contents (read in the file and in its object
    streams), or a form: what its dictionary says of itself does not count, since pdfium reads
    a page's content whatever that says. The streams are inflated in bounded chunks and thrown
    away: memory stays small."""
    counts = [int(m.group(1)) for m in _PAGE_COUNT.finditer(data)]
    if counts and max(counts) > MAX_PAGES:
        raise UnsafeFileError(
            f"the page tree claims {max(counts)} pages, more than the {MAX_PAGES} a plan can have"
        )
    named: set[int] = set()  # objects a page names as its content
    streams = _streams(data, named)
    _contents_named(data, named)
    # Where some page's content is out of sight (no /Contents read, or an array we cannot
    # find), a stream not named is judged by its own dictionary.
    hidden = not _arrays_named(data, named, {s.number for s in streams})
    for stream in streams:
        if stream.number in named or _FORM.search(stream.head):
            content = True
        else:
            content = hidden and _NOT_CONTENT.search(stream.head) is None
        if content and stream.size > MAX_CONTENT:
            raise UnsafeFileError(
                f"a page's content stream holds more than {MAX_CONTENT // 1024} KB "
                "(a plan's pages hold about 20 KB; a bomb of text?)"
            )


def _streams(data: bytes, named: set[int]) -> list[_Stream]:
    """Every stream with its inflated size (all together bounded by MAX_INFLATED); the
    /Contents an object stream holds are added to ``named`` on the way."""
    out: list[_Stream] = []
    total = 0
    position = 0
    while True:
        m = _STREAM.search(data, position)
        if m is None:
            return out
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            return out
        position = end + 9
        opening = data.rfind(b" obj", max(0, m.start() - 4096), m.start())
        head = data[opening if opening >= 0 else max(0, m.start() - 400) : m.start()]
        numbers = list(
            _OBJECT.finditer(data, max(0, (opening if opening >= 0 else m.start()) - 24), m.start())
        )
        number = int(numbers[-1].group(1)) if numbers else None
        scan = named if _OBJECT_STREAM.search(head) else None
        if b"FlateDecode" not in head:
            size = end - start
            if scan is not None:
                _contents_named(data[start:end], scan)
        else:
            size = _inflated_size(data[start:end], MAX_INFLATED - total, scan)
            total += size
        out.append(_Stream(number, head, size))


def _contents_named(text: bytes, named: set[int]) -> None:
    for m in _CONTENTS.finditer(text):
        named.update(int(r) for r in _REFERENCE.findall(m.group(1)))


def _arrays_named(data: bytes, named: set[int], streams: set[int | None]) -> bool:
    """Add what each named array object lists (a /Contents may name an array of streams);
    whether every name was found, as a stream or as an array in the file's plain text."""
    arrays = {n for n in named if n not in streams}
    if not arrays:
        return bool(named)
    found = {int(m.group(1)): m.end() for m in _OBJECT.finditer(data) if int(m.group(1)) in arrays}
    for at in found.values():
        body = data[at : at + 65536].lstrip()
        if body.startswith(b"["):
            named.update(int(r) for r in _REFERENCE.findall(body[: body.find(b"]") + 1]))
    return bool(named) and arrays <= set(found)


def _inflated_size(chunk: bytes, allowance: int, named: set[int] | None = None) -> int:
    """Bytes a Flate stream inflates to, counted in 1 MB steps; beyond ``allowance`` refused.
    With ``named``, the /Contents in what it inflates to are added (an object stream's)."""
    inflater = zlib.decompressobj()
    size = 0
    carry = b""  # the end of the step before: a /Contents split by a step is still read
    try:
        while chunk:
            out = inflater.decompress(chunk, 1 << 20)
            size += len(out)
            if size > allowance:
                raise UnsafeFileError(
                    f"its streams inflate to more than {MAX_INFLATED // (1024 * 1024)} MB (a compression bomb?)"
                )
            if named is not None:
                _contents_named(carry + out, named)
                carry = out[-70000:]
            chunk = inflater.unconsumed_tail
            if not out:
                break
    except zlib.error:
        pass  # pdfium judges a damaged stream itself
    return size


def _lines(
    words: list[dict], body_size: float, first_page: bool = False, width: tuple[float, float] = (0.0, 0.0)
) -> tuple[list[_Line], list[_Line]]:
    """Words -> (text lines, footnote lines); small raised words (footnote markers) dropped.
    ``width`` is the page's text area (left, right), for the layout zones."""

    def group(items: list[dict]) -> list[list[dict]]:
        rows: list[list[dict]] = []
        for w in sorted(items, key=lambda w: (round(w["bottom"]), w["x0"])):
            if rows and abs(rows[-1][0]["bottom"] - w["bottom"]) <= 2.5:
                rows[-1].append(w)
            else:
                rows.append([w])
        return rows

    small = body_size * 0.85
    rows = group([w for w in words if w["size"] >= small])
    loose = []
    for w in (w for w in words if w["size"] < small):
        host = next(
            (
                r
                for r in rows
                if r[0]["top"] - 3 <= w["top"]
                and w["bottom"] <= r[0]["bottom"] + 1
                and r[0]["x0"] <= w["x0"] <= max(x["x1"] for x in r) + 1
            ),
            None,
        )
        if host is not None:
            host.append({**w, "sup": True})  # a raised marker beside full-size text: a footnote reference
        else:
            loose.append(w)
    rows = sorted(rows + group(loose), key=lambda r: r[0]["top"])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    sizes = [_row_size(row) for row in rows]
    zones = _layout_zones(rows, sizes, first_page, width)
    body: list[_Line] = []
    notes: list[_Line] = []
    n = 0
    while n < len(rows):
        zone = next((z for z in zones if z[0] == n), None)
        if zone is None:
            for segment in _segments(rows[n], sizes[n] * 3.0):  # a wide gap: two columns
                _emit(segment, sizes[n], body_size, body, notes)
            n += 1
            continue
        start, end, boundary = zone
        columns: tuple[list[_Line], list[_Line]] = ([], [])
        for k in range(start, end):
            for segment in _segments(rows[k], sizes[k] * _CELL_GAP):
                centre = (segment[0]["x0"] + segment[-1]["x1"]) / 2
                column = 1 if centre < boundary else 2
                _emit(segment, sizes[k], body_size, columns[column - 1], notes, column)
        body += columns[0] + columns[1]  # column by column, as the Word reader reads the table
        n = end
    return body, notes


# Two columns of a borderless layout table (the header's issuer | motto, the signature's
# recipients | signer) sit closer than the wide gap that splits other lines: inside such a zone
# a gap of a little more than one character splits a line.
_CELL_GAP = 1.2
_HEADER_ROWS = 8  # the header table is within the first rows of the first page
_RECIPIENTS = re.compile(r"^(?:Nơi nhận|Nơi gửi)\s*:?", re.I)


def _row_size(row: list[dict]) -> float:
    full = [w["size"] for w in row if not w.get("sup")]
    return statistics.median(full) if full else row[0]["size"]


def _segments(row: list[dict], gap_limit: float) -> list[list[dict]]:
    out: list[list[dict]] = [[row[0]]]
    for prev, word in itertools.pairwise(row):
        if word["x0"] - prev["x1"] > gap_limit:
            out.append([])
        out[-1].append(word)
    return out


def _layout_zones(
    rows: list[list[dict]], sizes: list[float], first_page: bool, width: tuple[float, float]
) -> list[tuple[int, int, float]]:
    """(first row, end row, column boundary) of each two-column layout zone on the page: the
    header at the top of the first page, and a signature block that starts with "Nơi nhận"."""
    seeds = []
    if first_page and rows:
        seeds.append(0)
    seeds += [
        n
        for n, row in enumerate(rows)
        if _RECIPIENTS.match(row[0]["text"] + " " + (row[1]["text"] if len(row) > 1 else ""))
    ]
    zones: list[tuple[int, int, float]] = []
    for seed in seeds:
        if zones and seed < zones[-1][1]:
            continue
        window = range(seed, min(len(rows), seed + _HEADER_ROWS))
        gaps = []
        for k in window:
            parts = _segments(rows[k], sizes[k] * _CELL_GAP)
            if len(parts) == 2:
                gaps.append((parts[0][-1]["x1"] + parts[1][0]["x0"]) / 2)
        if not gaps:
            continue
        boundary = statistics.median(gaps)
        end = seed
        while end < len(rows) and _in_zone(rows[end], sizes[end], boundary, width):
            end += 1
        if end > seed:
            zones.append((seed, end, boundary))
    return zones


def _in_zone(row: list[dict], size: float, boundary: float, width: tuple[float, float]) -> bool:
    """A row of the layout: split in two at the boundary, or on one side of it and not centred
    on the page (the title below the header is centred)."""
    parts = _segments(row, size * _CELL_GAP)
    if len(parts) == 2 and parts[0][-1]["x1"] < boundary < parts[1][0]["x0"]:
        return True
    if len(parts) > 2:
        return False
    x0, x1 = row[0]["x0"], row[-1]["x1"]
    centred = abs((x0 + x1) / 2 - (width[0] + width[1]) / 2) < 2 * size
    return (x1 < boundary or x0 > boundary) and not centred


def _emit(
    segment: list[dict], size: float, body_size: float, body: list[_Line], notes: list[_Line], column: int = 0
) -> None:
    text, last_x1 = "", None
    for word in segment:
        if not word.get("sup"):
            # Words split only by a change of size (a dropped marker) touch: no space between them.
            # A space in the content always separates (a letter's box can overhang the gap).
            close = word["x0"] - last_x1 < size * 0.1 if last_x1 is not None else True
            glue = "" if last_x1 is None or (close and not word.get("spaced")) else " "
            text += glue + word["text"]
        last_x1 = word["x1"]
    segment = [w for w in segment if not w.get("sup")] or segment
    line = _Line(
        text,
        segment[0]["x0"],
        segment[-1]["x1"],
        min(w["top"] for w in segment),
        max(w["bottom"] for w in segment),
        size,
        column,
    )
    (notes if size < body_size * 0.85 else body).append(line)


def _join(a: str, b: str) -> str:
    if a.endswith("-") and len(a) > 1 and not a[-2].isspace():
        return a + b  # a word or code broken at its hyphen ("VNPT-" + "iOffice")
    return f"{a} {b}"


def _ended_short(prev: _Line, line: _Line, right: float) -> bool:
    """The previous line stopped short: the next line's first word would have fitted on it."""
    first_word = line.text.split(" ", 1)[0]
    char_width = (line.x1 - line.x0) / max(1, len(line.text))
    return right - prev.x1 > (len(first_word) + 1.5) * char_width


def _paragraphs(lines: list[_Line], left: float, right: float) -> list[tuple[str, _Line]]:
    out: list[tuple[str, _Line]] = []
    prev: _Line | None = None
    pitch = statistics.median([b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top] or [20])
    middle = (left + right) / 2
    for line in lines:
        centred = abs((line.x0 + line.x1) / 2 - middle) < line.size and line.x0 > left + 2 * line.size
        close = prev is not None and line.top - prev.top <= pitch * 1.1
        if line.column or (prev is not None and prev.column):
            # A layout cell: a line is a paragraph, unless it carries on the one above in its
            # column ("Nghệ An, ngày 26 tháng 11" / "năm 2025", "- Các sở, ngành" / "tỉnh;").
            carries_on = prev is not None and prev.column == line.column and line.text[:1].islower()
            new = not (
                carries_on or (prev is not None and prev.column == line.column and line.text[:1] == "(")
            )
        else:
            new = (
                prev is None
                or LIST_ITEM.match(line.text) is not None
                or line.top - prev.top > pitch * 1.25  # paragraph spacing
                or (_ended_short(prev, line, right) and not (centred and close))
                or (line.x0 > prev.x0 + 2 * line.size and not (centred and close))  # indented further
            )
        if new:
            out.append((line.text, line))
        else:
            text, first = out[-1]
            out[-1] = (_join(text, line.text), first)
        prev = line
    return out


def _table_rows(table: Table, chars: list[Char]) -> list[list[str]]:
    rows = []
    for row in table.rows(chars):
        cells = []
        for lines in row:
            text = ""
            for part in lines or []:
                text = _join(text, part) if text else part
            cells.append(text)
        rows.append(cells)
    return rows


def _no_missing_contents(data: bytes) -> None:
    """A PDF with no text is a scan, unless a page's content stream is missing or broken: then it
    is damaged, and OCR would not help. (pdfium does not tell the two apart; pdfminer, loaded
    only on this path, does.)"""
    import logging

    import pdfplumber
    from pdfminer.pdftypes import PDFStream, resolve1

    quiet = logging.getLogger("pdfminer")
    if quiet.level == logging.NOTSET:  # its warnings are noise, unless --debug set a level
        quiet.setLevel(logging.ERROR)

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception:
        return
    with pdf:
        for number, page in enumerate(pages, start=1):
            attrs = page.page_obj.attrs
            if "Contents" not in attrs:
                continue
            try:
                contents = resolve1(attrs["Contents"])
            except Exception:
                contents = None
            parts = contents if isinstance(contents, list) else [contents]
            if not parts or any(not isinstance(resolve1(part), PDFStream) for part in parts):
                raise CorruptFileError(f"damaged PDF: the content of page {number} is missing or broken")


@dataclass
class _Page:
    width: float
    height: float
    words: list[dict]
    chars: list[Char]
    tables: list[Table]


def _pages(data: bytes) -> list[_Page]:
    """Each page's words, characters and tables, read through pdfium."""
    check_bounds(data)
    document = pdf_layer.open_document(data)
    try:
        if len(document) > MAX_PAGES:
            raise UnsafeFileError(f"{len(document)} pages is more than the {MAX_PAGES} a plan can have")
        budget = pdf_layer.CharBudget()
        pages = []
        for index in range(len(document)):
            try:
                page = document.page(index)
            except pdf_layer.PdfiumError as exc:
                raise CorruptFileError(f"damaged PDF: page {index + 1} cannot be read ({exc})") from None
            try:
                chars = pdf_layer.page_chars(page, budget)
                tables = find_tables(pdf_layer.edges(page))
                # Characters are kept only where table cells need them (memory on long files).
                kept = chars if tables else []
                left, bottom, right, top = page.box()
                pages.append(_Page(right - left, top - bottom, pdf_layer.words(chars), kept, tables))
            except pdf_layer.PdfiumError as exc:
                raise CorruptFileError(f"damaged PDF: page {index + 1} cannot be read ({exc})") from None
            finally:
                page.close()
        return pages
    finally:
        document.close()


def read_pdf(data: bytes) -> Document:
    pages = _pages(data)
    sizes: Counter[float] = Counter()
    for page in pages:
        for w in page.words:  # the body size is the size most characters have
            sizes[round(w["size"], 1)] += len(w["text"])
    if not sizes:
        _no_missing_contents(data)
        raise ScannedPdfError(
            "the PDF has no text layer (a scan?): run OCR on it first, e.g. ocrmypdf -l vie"
        )
    body_size = sizes.most_common(1)[0][0]
    blocks: list[Block] = []
    footnotes: list[RawFootnote] = []
    last_full, last_x0 = False, 0.0
    for number, page in enumerate(pages, start=1):
        words, tables = page.words, page.tables
        boxes = [t.bbox for t in tables]

        def outside(w: dict, boxes: list = boxes) -> bool:
            cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
            return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

        kept = [w for w in words if outside(w)]
        area = (min((w["x0"] for w in kept), default=0.0), max((w["x1"] for w in kept), default=page.width))
        lines, notes = _lines(kept, body_size, number == 1, area)
        lines = [
            ln
            for ln in lines
            if not (_PAGE_NUMBER.match(ln.text) and (ln.top < 60 or ln.bottom > page.height - 60))
        ]
        left = min((ln.x0 for ln in lines), default=0)
        right = max((ln.x1 for ln in lines), default=page.width)
        items: list[tuple[float, Block]] = []
        at = 0.0  # paragraphs keep their reading order (a layout's second column comes after the first)
        for order, (text, first) in enumerate(_paragraphs(lines, left, right), start=1):
            at = max(at, first.top)
            items.append((at, Block(kind="para", text=text, page=number, line=order)))
        for table in tables:
            rows = _table_rows(table, page.chars)
            if rows:
                items.append(
                    (
                        table.bbox[1],
                        Block(kind="table", rows=rows, page=number, row_pages=[number] * len(rows)),
                    )
                )
        items.sort(key=lambda item: item[0])
        if (
            items
            and items[0][1].kind == "para"
            and blocks
            and blocks[-1].kind == "para"
            and lines
            and last_full
            and not LIST_ITEM.match(items[0][1].text)
            and lines[0].x0 <= max(left, last_x0) + lines[0].size  # not indented further
        ):
            blocks[-1].text = _join(
                blocks[-1].text, items.pop(0)[1].text
            )  # a paragraph split by the page break
        last_full = bool(lines) and lines[-1].x1 >= right - 3 * lines[-1].size
        last_x0 = lines[-1].x0 if lines else 0.0
        for top, block in items:
            prev = blocks[-1] if blocks else None
            if (
                block.kind == "table"
                and prev is not None
                and prev.kind == "table"
                and prev.rows
                and block.rows
                and len(block.rows[0]) == len(prev.rows[0])
                and top < 120
            ):
                _continue_table(prev, block)
            else:
                blocks.append(block)
        _collect_notes(notes, number, footnotes)
    return Document(format="pdf", blocks=blocks, footnotes=footnotes)


def _continue_table(prev: Block, block: Block) -> None:
    """A table going on from the previous page; a first row without STT is the split row's tail."""
    assert prev.rows is not None and block.rows is not None and prev.row_pages is not None
    rows = list(block.rows)
    if rows and prev.rows and [c.strip() for c in rows[0]] == [c.strip() for c in prev.rows[0]]:
        rows.pop(0)  # the header row, repeated at the top of the page
    if rows and not rows[0][0] and prev.rows:
        tail = rows.pop(0)
        prev.rows[-1] = [
            _join(a, b) if a and b else a or b for a, b in zip(prev.rows[-1], tail, strict=False)
        ]
    prev.rows.extend(rows)
    prev.row_pages.extend([block.page] * len(rows))


def _collect_notes(notes: list[_Line], page: int, footnotes: list[RawFootnote]) -> None:
    for line in notes:
        m = _FOOTNOTE_START.match(line.text)
        if m:
            footnotes.append(RawFootnote(number=m.group(1), text=m.group(2), page=page))
        elif footnotes:
            footnotes[-1].text = _join(footnotes[-1].text, line.text)
