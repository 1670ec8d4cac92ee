"""A PDF page's text layer and ruling lines, read through pdfium (pypdfium2).

pdfium gives each character with its box, baseline and font size in a few milliseconds a page;
pdfminer (under pdfplumber) took about 60 ms a page building its character objects, 87% of a PDF
parse. Words are built from the characters by pdfplumber's rules (a new word at a space, at a gap
of more than 3 pt, on a new line, and, where asked, at a change of font size), so the layout code
in ``pdf.py`` reads the same words as before.

Coordinates are pdfplumber's: points from the page's top-left corner; a character's box runs from
its baseline up by its font size.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
from collections.abc import Iterable
from operator import attrgetter, itemgetter
from typing import NamedTuple

import pypdfium2_raw as raw

from cchc_cli.errors import CorruptFileError, EncryptedPdfError, UnsafeFileError

X_TOLERANCE = 3.0  # pdfplumber's: a wider gap between characters starts a new word
Y_TOLERANCE = 3.0  # and tops further apart are different lines
# A gap wider than this share of the font size, where a space stood in the content, is a space
# pdfium dropped (a space is about a quarter of the size; letters of a word sit under a tenth apart).
SPACE_LEFT = 0.12
MAX_CHARS = 1_000_000  # characters in one document (plans: about 2,000 a page; 500 pages' worth)
MAX_OBJECTS = 200_000  # drawing objects on one page, forms included
MAX_FORM_DEPTH = 8
# Ligatures as pdfplumber expands them.
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # A space stood before it in the content (pdfium may have dropped that space, see page_chars).
    spaced: bool = False


class Edge(NamedTuple):
    """An axis-aligned stretch of a drawn line: ``at`` is its y (horizontal) or x (vertical),
    ``start``-``end`` its extent along the other axis."""

    horizontal: bool
    at: float
    start: float
    end: float


class PdfiumError(Exception):
    """pdfium could not load a document, page or text page."""


# pdfium through its raw bindings only: pypdfium2's helper classes (with logging and object
# tracking) cost 15 ms of every PDF parse to import, and five calls are all they gave here.
# The library is set up as pypdfium2 sets it up; pdfium ignores a second set-up, so importing
# pypdfium2 as well does no harm.
raw.FPDF_InitLibraryWithConfig(
    raw.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
)
_ERRORS = {
    raw.FPDF_ERR_UNKNOWN: "Unknown error",
    raw.FPDF_ERR_FILE: "File access error",
    raw.FPDF_ERR_FORMAT: "Data format error",
    raw.FPDF_ERR_PASSWORD: "Incorrect password error",
    raw.FPDF_ERR_SECURITY: "Unsupported security scheme error",
    raw.FPDF_ERR_PAGE: "Page not found or content error",
}


class Document:
    """An open PDF; ``close`` frees it. The bytes pdfium reads from are kept alive with it."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self.handle = raw.FPDF_LoadMemDocument64(data, len(data), None)
        if raw.FPDF_GetPageCount(self.handle) < 1:  # as pypdfium2: a document of no page is none
            code = raw.FPDF_GetLastError()
            self.close()
            raise PdfiumError(f"Failed to load document (PDFium: {_ERRORS.get(code, f'error {code}')}).")

    def __len__(self) -> int:
        return raw.FPDF_GetPageCount(self.handle)

    def page(self, index: int) -> Page:
        handle = raw.FPDF_LoadPage(self.handle, index)
        if not handle:
            raise PdfiumError("Failed to load page.")
        return Page(handle)

    def close(self) -> None:
        if self.handle:
            raw.FPDF_CloseDocument(self.handle)
            self.handle = None


class Page:
    def __init__(self, handle) -> None:
        self.handle = handle
        self._box: tuple[float, float, float, float] | None = None

    def box(self) -> tuple[float, float, float, float]:
        """The page's crop box (left, bottom, right, top), else its media box, else Letter (as
        pypdfium2 falls back), in the unrotated space characters and lines are given in: a
        page turned by /Rotate reports its turned size elsewhere. Read once: the characters,
        the lines and the page's size all need it."""
        if self._box is None:
            self._box = self._read_box()
        return self._box

    def _read_box(self) -> tuple[float, float, float, float]:
        sides = [ctypes.c_float() for _ in range(4)]
        for get in (raw.FPDFPage_GetCropBox, raw.FPDFPage_GetMediaBox):
            if get(self.handle, *map(ctypes.byref, sides)):
                return tuple(side.value for side in sides)  # type: ignore[return-value]
        return (0.0, 0.0, 612.0, 792.0)

    def close(self) -> None:
        if self.handle:
            raw.FPDF_ClosePage(self.handle)
            self.handle = None


def open_document(data: bytes) -> Document:
    try:
        return Document(data)
    except PdfiumError as exc:
        # pdfium names a locked file "Incorrect password error".
        if "password" in str(exc).lower() or b"/Encrypt" in data:
            raise EncryptedPdfError(
                "the PDF is encrypted and needs a password: save an unprotected copy"
            ) from None
        raise CorruptFileError(f"damaged PDF: {exc}") from None


class CharBudget:
    """Characters read so far across a document, refused beyond MAX_CHARS (a stream of text
    that inflates to hundreds of MB would otherwise become millions of Python objects)."""

    def __init__(self) -> None:
        self.used = 0

    def take(self, count: int) -> None:
        self.used += count
        if self.used > MAX_CHARS:
            raise UnsafeFileError(f"more than {MAX_CHARS:,} characters of text, more than a plan has")


def page_chars(page: Page, budget: CharBudget) -> list[Char]:
    """The page's characters in content order, with the spaces pdfium lost put back. A
    character starts at its origin, as in pdfplumber.

    LibreOffice writes a line's Vietnamese letters outside its font's first subset (ệ, ở, ư …)
    in a second pass over the line, leaving gaps in the first. pdfium's text then differs from
    the content: of two spaces that follow each other in the content it keeps one ("c ␣[ở]␣ n"),
    and it marks some real spaces as its own, inserted ones. So an inserted space is kept where
    no letter starts at its place and it does not just follow the character before it (there it
    only marks a gap the second pass fills, or the line's end), and each
    letter notes whether a space came before it in the content after a gap (``spaced``)."""
    textpage = raw.FPDFText_LoadPage(page.handle)
    if not textpage:
        raise PdfiumError("Failed to load text page.")
    try:
        entries = _entries(textpage, page.box()[3], budget)
    finally:
        raw.FPDFText_ClosePage(textpage)
    starts: dict[int, list[float]] = {}
    for e in entries:
        if not e[1]:
            starts.setdefault(round(e[4]), []).append(e[2])
    for xs in starts.values():
        xs.sort()
    out: list[Char] = []
    space_since = False  # a space came after the last letter
    last_size = 0.0
    previous_right = None
    before: Char | None = None  # the last letter
    new = tuple.__new__  # a Char without its Python-level constructor: tens of thousands a file
    for code, inserted, left, right, bottom, size in entries:
        if inserted:
            space_since = True
            xs = starts.get(round(bottom), [])
            at = bisect.bisect_left(xs, left - 0.3)
            if (at < len(xs) and xs[at] <= left + 0.3) or (
                previous_right is not None and abs(left - previous_right) < 0.3
            ):
                # It marks where a letter of the second pass goes, or a line's end.
                previous_right = right
                continue
            size = last_size or size  # the inserted space's own size (1) would cut the run
        previous_right = right
        text = chr(code)
        if code == 0x20:
            space_since = True
            out.append(new(Char, (text, left, right, bottom - size, bottom, size, False)))
            continue
        spaced = (
            space_since and before is not None and abs(before.bottom - bottom) < 1 and left - before.x1 > 0.5
        )
        space_since = False
        last_size = size
        before = new(Char, (_LIGATURES.get(text, text), left, right, bottom - size, bottom, size, spaced))
        out.append(before)
    return out


_Entry = tuple[int, bool, float, float, float, float]  # code, inserted by pdfium, left, right, bottom, size


def _entries(handle, height: float, budget: CharBudget) -> list[_Entry]:
    """Each character pdfium reports: spaces (its own ones flagged) and printable characters;
    line breaks and other controls left out, surrogate halves joined."""
    count = raw.FPDFText_CountChars(handle)
    budget.take(max(0, count))
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    out: list[_Entry] = []
    pending_high = 0
    # A character costs three or four calls into pdfium: bound once, and without prototypes.
    get_unicode, is_generated, font_size, loose_box, origin = _CALLS
    box_at, x_at, y_at = ctypes.byref(box), ctypes.byref(ox), ctypes.byref(oy)
    codes = _all_codes(handle, count)
    for index in range(count):
        code = codes[index] if codes is not None else get_unicode(handle, index)
        if code == 0xFFFE:  # the text call's mark for a hyphen at a line end (0x02 one by one)
            code = 0x02
        if code < 0x21:  # pdfium inserts only spaces and line breaks: ask only for those
            inserted = is_generated(handle, index) == 1
            if inserted and code != 0x20:
                continue
        else:
            inserted = False
        if 0xD800 <= code < 0xDC00:  # a character outside the BMP comes as two halves
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000:
            if not pending_high:
                continue
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code < 0x20:
            if code != 0x02:  # pdfium's mark for a hyphen at a line end
                continue
            code = 0x2D
        loose_box(handle, index, box_at)
        origin(handle, index, x_at, y_at)
        out.append((code, inserted, ox.value, box.right, height - oy.value, font_size(handle, index)))
    # A letter ends where the next one in its run starts, if sooner than its box says (a box
    # can be wider than the letter's advance; pdfplumber's boxes are the advance).
    for n in range(len(out) - 1):
        here, after = out[n], out[n + 1]
        if after[4] == here[4] and here[2] < after[2] < here[3]:
            out[n] = (*here[:3], after[2], *here[4:])
    return out


def _unprototyped(function, restype):
    """The same C function without its argument prototype. ctypes then passes a call's
    pointers and ints as they are, where a prototype sends each through a conversion: a call
    costs half as much (0.23 µs against 0.45), and a page makes thousands. Callers pass the
    exact C types (a handle, an int index, ``byref`` pointers)."""
    fast = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    fast.restype = restype
    return fast


_CALLS = (
    _unprototyped(raw.FPDFText_GetUnicode, ctypes.c_uint),
    _unprototyped(raw.FPDFText_IsGenerated, ctypes.c_int),
    _unprototyped(raw.FPDFText_GetFontSize, ctypes.c_double),
    _unprototyped(raw.FPDFText_GetLooseCharBox, ctypes.c_int),
    _unprototyped(raw.FPDFText_GetCharOrigin, ctypes.c_int),
)


def _all_codes(handle, count: int) -> list[int] | None:
    """The page's characters in one call (one fewer call a character), or None where a
    character outside the BMP would take two UTF-16 units and shift the indices."""
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buffer)
    codes = list(buffer[:count])
    if written != count + 1 or any(0xD800 <= c < 0xE000 for c in codes):
        return None
    return codes


def _clusters(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Each value's cluster number: sorted values chained while each is within ``tolerance`` of
    the one before (pdfplumber's cluster_list)."""
    out: dict[float, int] = {}
    group, last = -1, None
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            group += 1
        out[value] = group
        last = value
    return out


def _by_line(items: list, top, left) -> list[list]:
    """Items (characters or words) grouped into lines by ``top`` (pdfplumber's clustering within
    Y_TOLERANCE), lines top to bottom, each left to right by ``left``."""
    tops = list(map(top, items))
    index = _clusters(tops, Y_TOLERANCE)
    lines: dict[int, list] = {}
    for item, at in zip(items, tops, strict=True):
        lines.setdefault(index[at], []).append(item)
    return [sorted(lines[n], key=left) for n in sorted(lines)]


def lines_of(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by their tops, each line left to right."""
    return _by_line(chars, attrgetter("top"), attrgetter("x0"))


def _line_words(line: list[Char], out: list[dict]) -> None:
    """The line's words, appended to ``out``: characters run together into a word until a
    space, a gap of more than X_TOLERANCE, a step back or a new line; a gap left where the
    content had a space that pdfium dropped ends a word too. ``spaced``: a space stood before."""
    parts: list[str] = []
    spaced = False
    x0 = x1 = top = bottom = size = 0.0
    last_x0 = last_x1 = last_top = 0.0
    for text, c_x0, c_x1, c_top, c_bottom, c_size, space_before in line:
        if text.isspace():
            if parts:
                out.append(_word(parts, x0, x1, top, bottom, size, spaced))
            parts, spaced = [], True
            continue
        if parts:
            dropped_space = space_before and c_x0 - last_x1 > SPACE_LEFT * c_size
            if (
                dropped_space
                or c_x0 < last_x0
                or c_x0 > last_x1 + X_TOLERANCE
                or abs(c_top - last_top) > Y_TOLERANCE
            ):
                out.append(_word(parts, x0, x1, top, bottom, size, spaced))
                parts, spaced = [], dropped_space
        if parts:
            x1, top, bottom = max(x1, c_x1), min(top, c_top), max(bottom, c_bottom)
        else:  # a line is sorted by x0: the first character starts the word
            x0, x1, top, bottom, size = c_x0, c_x1, c_top, c_bottom, c_size
        parts.append(text)
        last_x0, last_x1, last_top = c_x0, c_x1, c_top
    if parts:
        out.append(_word(parts, x0, x1, top, bottom, size, spaced))


def _word(parts: list[str], x0, x1, top, bottom, size, spaced: bool) -> dict:
    return {
        "text": "".join(parts),
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "size": size,
        "spaced": spaced,
    }


def words(chars: list[Char], by_size: bool = True) -> list[dict]:
    """Words as pdfplumber's ``extract_words(extra_attrs=["size"])`` gives them: runs of
    characters of one size (in content order), each run cut into lines and the lines into
    words; ``spaced`` says a space stood before the word."""
    runs = itertools.groupby(chars, key=attrgetter("size")) if by_size else [(None, iter(chars))]
    out: list[dict] = []
    for _, run in runs:
        for line in lines_of(list(run)):
            _line_words(line, out)
    return out


def text_lines(chars: list[Char]) -> list[str]:
    """A table cell's text, line by line, words joined by a space."""
    lines = _by_line(words(chars, by_size=False), itemgetter("top"), itemgetter("x0"))
    return [" ".join(w["text"] for w in line) for line in lines]


# -- ruling lines -------------------------------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def edges(page: Page) -> list[Edge]:
    """Every axis-aligned straight stretch of every filled or stroked path on the page (the
    sides of rectangles included), inside forms too, in top-left page coordinates; pieces
    shorter than 1 pt left out (pdfplumber's prefilter)."""
    height = page.box()[3]
    out: list[Edge] = []
    seen = 0
    matrix = raw.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()

    def walk(count: int, get, parent, outer: _Matrix, depth: int) -> None:
        nonlocal seen
        for i in range(count):
            seen += 1
            if seen > MAX_OBJECTS:
                raise UnsafeFileError(
                    f"a page draws more than {MAX_OBJECTS:,} objects, more than a plan's page"
                )
            obj = get(parent, i)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            if not raw.FPDFPageObj_GetMatrix(obj, matrix):
                continue
            own = _times((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                if depth < MAX_FORM_DEPTH:
                    walk(raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject, obj, own, depth + 1)
                continue
            if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not (fill.value or stroke.value):
                continue
            _path_edges(obj, own, height, out, x, y)

    walk(raw.FPDFPage_CountObjects(page.handle), raw.FPDFPage_GetObject, page.handle, _IDENTITY, 0)
    return out


def _path_edges(
    obj, m: _Matrix, height: float, out: list[Edge], x: ctypes.c_float, y: ctypes.c_float
) -> None:
    a, b, c, d, e, f = m

    def point(segment) -> tuple[float, float]:
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = x.value, y.value
        return a * px + c * py + e, height - (b * px + d * py + f)

    start = current = None
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        here = point(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = current = here
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
            _add_edge(current, here, out)
        current = here
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_edge(current, start, out)
            current = start


def _add_edge(p: tuple[float, float], q: tuple[float, float], out: list[Edge]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.01 and abs(x1 - x0) >= 1:
        out.append(Edge(True, y0, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 0.01 and abs(y1 - y0) >= 1:
        out.append(Edge(False, x0, min(y0, y1), max(y0, y1)))
