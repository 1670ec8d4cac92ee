"""Text clean-up shared by every reader: one place, so all formats give the same text."""

from __future__ import annotations

from cchc_cli.legacy import CONVERTERS, detect_legacy
from cchc_cli.readers.blocks import Document
from cchc_cli.text import clean_line


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
