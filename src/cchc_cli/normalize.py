"""Text clean-up shared by every reader: one place, so all formats give the same text."""

from __future__ import annotations

import unicodedata

import regex

from cchc_cli.legacy import CONVERTERS, detect_legacy
from cchc_cli.readers.blocks import Document

# Spaces that look like spaces become spaces; characters that are not there at all go.
_MULTISPACE = regex.compile(r" {2,}")
_BULLET = regex.compile(
    r"^[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u00b7\uf0b7\uf0a7\uf0d8\u27a2\u2013\u2014]\s*"
)


_SPACES = regex.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


def clean(text: str) -> str:
    """NFC, one kind of space, no invisible characters. Keeps line breaks."""
    if not text.isascii():
        text = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "  " in text:
        text = _MULTISPACE.sub(" ", text)
    return text.strip(" ")


def clean_line(text: str) -> str:
    """``clean`` for one paragraph: line breaks become spaces, list bullets become '- '."""
    return finish_line(clean(text.replace("\r", " ").replace("\n", " ").replace("\v", " ")))


def finish_line(text: str) -> str:
    """The per-line part of ``clean_line``, for a line of text already cleaned as a whole."""
    text = text.strip(" ")
    return _BULLET.sub("- ", text) if text and not text[0].isalnum() and _BULLET.match(text) else text


def normalize_document(doc: Document) -> Document:
    """The normalize step of the pipeline, for every reader's raw text.

    Legacy TCVN3/VNI text is converted first (it must be: byte 0xAD is "ư" there, a soft
    hyphen elsewhere), then every paragraph, cell and footnote is cleaned.
    """
    if doc.cleaned:
        return doc
    if not doc.encoding_fixed:
        texts = [b.text for b in doc.blocks if b.kind == "para"]
        texts += [c for b in doc.blocks if b.rows for row in b.rows for c in row]
        name = detect_legacy("\n".join(texts + [f.text for f in doc.footnotes]))
        if name:
            convert = CONVERTERS[name]
            for b in doc.blocks:
                b.text = convert(b.text)
                if b.rows:
                    b.rows = [[convert(c) for c in row] for row in b.rows]
            for f in doc.footnotes:
                f.text = convert(f.text)
            doc.encoding, doc.encoding_fixed = name, True
    for b in doc.blocks:
        b.text = clean_line(b.text)
        if b.label and b.text:
            b.text = f"- {b.text}" if b.label == "-" else f"{b.label} {b.text}"
        if b.rows:
            b.rows = [[clean_line(c) for c in row] for row in b.rows]
    for f in doc.footnotes:
        f.text = clean_line(f.text)
    doc.cleaned = True
    return doc
