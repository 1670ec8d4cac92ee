"""Plain text (a saved web page, a copy from a legal database, stdin): one block per line.

A line holding only white space is kept as an empty block: in text copied from a table each
cell sits on its own line, and such a line is an empty cell, not a paragraph break.
"""

from __future__ import annotations

import codecs

from cchc_cli.errors import EmptyInputError
from cchc_cli.legacy import CONVERTERS, detect_legacy
from cchc_cli.readers.blocks import LIST_ITEM, Block, Document
from cchc_cli.readers.dbcopy import is_db_copy, read_db_copy
from cchc_cli.text import clean, finish_line


def decode(data: bytes) -> tuple[str, str, bool]:
    """Bytes -> (text, encoding name, legacy converted?). Never fails: the last resort is cp1258."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16's
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text, encoding = data.decode(name, errors="replace"), name
            break
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    legacy = detect_legacy(text)
    if legacy:
        return CONVERTERS[legacy](text), legacy, True
    if encoding == "latin-1":  # not UTF-8 as a whole, and not a legacy font's bytes
        mixed = _mixed_lines(data)
        if mixed is not None:
            return mixed, "utf-8+cp1258", False
        return data.decode("cp1258", errors="replace"), "cp1258", False
    return text, encoding, False


def _mixed_lines(data: bytes) -> str | None:
    """A text pasted together from UTF-8 and Windows-1258 pieces: each line in the encoding it is
    in. None unless it really is a mix: as many non-ASCII lines valid as UTF-8 as lines that are
    not (a pure Windows-1258 file has no UTF-8 line beyond ASCII and stays "cp1258")."""
    out, utf8, foreign = [], 0, 0
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            out.append(line.decode("cp1258", errors="replace"))
            foreign += 1
    return "\n".join(out) if utf8 and utf8 >= foreign else None


def _hard_wrapped(blocks: list[Block]) -> bool:
    """Lines cut at a fixed width (a PDF-to-text copy), not one line per paragraph."""
    lengths = sorted(len(b.text) for b in blocks if b.text)
    if len(lengths) < 30:
        return False
    width = lengths[int(len(lengths) * 0.9)]
    near_width = sum(1 for n in lengths if n >= 0.8 * width)
    return 50 <= width <= 130 and near_width >= 0.3 * len(lengths) and lengths[-1] <= width * 1.3


def _reflow(blocks: list[Block]) -> list[Block]:
    """Join wrapped lines back into paragraphs: a line goes on from the one before if that one was
    full (this line's first word would not have fitted on it) and this one does not start a list
    item or, after a sentence end, a new sentence."""
    lengths = sorted(len(b.text) for b in blocks if b.text)
    width = lengths[int(len(lengths) * 0.9)]
    out: list[Block] = []
    previous: Block | None = None
    for block in blocks:
        text = block.text
        if (
            previous is not None
            and text
            and previous.text
            and not LIST_ITEM.match(text)
            and len(previous.text) + 1 + len(text.split(" ", 1)[0]) > width
            # a full line that ends a sentence, before a capital, most likely ends its paragraph
            and not (previous.text[-1] in ".;:!?" and text[0].isupper())
        ):
            out[-1].text = f"{out[-1].text} {text}"
        else:
            out.append(block)
        previous = block
    return out


def read_text(data: bytes) -> Document:
    text, encoding, fixed = decode(data)
    text = clean(text)  # once for the whole text: cheaper than per line
    lines = text.splitlines()
    if is_db_copy(text):
        blocks = read_db_copy([(n, finish_line(raw)) for n, raw in enumerate(lines, start=1)])
        if not any(b.text or b.rows for b in blocks):
            raise EmptyInputError("no text in the file")
        return Document(format="txt", blocks=blocks, encoding=encoding, encoding_fixed=fixed, cleaned=True)
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        if not raw:
            continue
        blocks.append(Block(kind="para", text=finish_line(raw), line=number))
    if not any(b.text for b in blocks):
        raise EmptyInputError("no text in the file")
    if _hard_wrapped(blocks):
        blocks = _reflow(blocks)
    return Document(format="txt", blocks=blocks, encoding=encoding, encoding_fixed=fixed, cleaned=True)
