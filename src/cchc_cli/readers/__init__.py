"""Readers: a file's bytes -> a Document of blocks. The format is sniffed from the content."""

from __future__ import annotations

import re

from cchc_cli.errors import CorruptFileError, EmptyInputError, UnsupportedFormatError
from cchc_cli.readers.blocks import Block, Document, RawFootnote

__all__ = ["Block", "Document", "RawFootnote", "read_bytes", "sniff"]

_HTML = re.compile(
    rb"(?i)^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table|title)\b", re.S
)
_CONTROL = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x1B)) + bytes(range(0x1C, 0x20))


def sniff(data: bytes, name: str = "") -> str:
    """Name the format: "docx", "pdf", "html" or "txt". Raises for empty or binary junk."""
    if not data.strip():
        raise EmptyInputError("the file is empty")
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    lower = name.lower()
    if lower.endswith(".docx"):
        raise CorruptFileError("not a valid .docx: the content is not a zip archive")
    if lower.endswith(".pdf"):
        raise CorruptFileError("not a valid PDF: no %PDF header")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError("this is an old binary Word .doc: save it as .docx or PDF first")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "txt"  # UTF-16 text with a BOM
    if _HTML.match(head.lstrip(b"\xef\xbb\xbf")) or (
        name.lower().endswith((".html", ".htm")) and b"<" in head
    ):
        return "html"
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > max(8, len(sample) // 200):
        raise UnsupportedFormatError("binary data, not a text, HTML, .docx or PDF document")
    return "txt"


def read_bytes(data: bytes, name: str = "") -> Document:
    """The reader for the content's format: raw blocks (``pipeline.read_document`` normalizes them)."""
    fmt = sniff(data, name)
    if fmt == "pdf":
        from cchc_cli.readers.pdf import read_pdf  # heavy: imported only when needed

        return read_pdf(data)
    if fmt == "docx":
        from cchc_cli.readers.docx import read_docx

        return read_docx(data)
    if fmt == "html":
        from cchc_cli.readers.html import read_html

        return read_html(data)
    from cchc_cli.readers.text import read_text

    return read_text(data)
