"""Text clean-up shared by every reader: one place, so all formats give the same text."""

from __future__ import annotations

import unicodedata

import regex

from cchc_cli.legacy import CONVERTERS, detect_legacy

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


def fix_legacy(texts: list[str]) -> tuple[list[str], str | None]:
    """Convert a whole document from TCVN3/VNI when it is written in one (decided once)."""
    name = detect_legacy("\n".join(texts))
    if name is None:
        return texts, None
    convert = CONVERTERS[name]
    return [convert(t) for t in texts], name
