"""Plain text (a saved web page, a copy from a legal database, stdin): one block per line.

A line holding only white space is kept as an empty block: in text copied from a table each
cell sits on its own line, and such a line is an empty cell, not a paragraph break.
"""

from __future__ import annotations

import codecs

from cchc_cli.errors import EmptyInputError
from cchc_cli.legacy import CONVERTERS, detect_legacy
from cchc_cli.normalize import clean, finish_line
from cchc_cli.readers.blocks import Block, Document


def decode(data: bytes) -> tuple[str, str, bool]:
    """Bytes -> (text, encoding name, legacy converted?). Never fails: the last resort is cp1258."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
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
    if encoding == "latin-1":
        return data.decode("cp1258", errors="replace"), "cp1258", False
    return text, encoding, False


def read_text(data: bytes) -> Document:
    text, encoding, fixed = decode(data)
    text = clean(text)  # once for the whole text: cheaper than per line
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw:
            continue
        blocks.append(Block(kind="para", text=finish_line(raw), line=number))
    if not any(b.text for b in blocks):
        raise EmptyInputError("no text in the file")
    return Document(format="txt", blocks=blocks, encoding=encoding, encoding_fixed=fixed, cleaned=True)
