"""Text clean-up shared by every reader: one place, so all formats give the same text."""

from __future__ import annotations

import unicodedata

import regex

from cchc_cli.legacy import CONVERTERS, detect_legacy

# Spaces that look like spaces, and characters that are not there at all.
_SPACES = regex.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_MULTISPACE = regex.compile(r" {2,}")
_BULLET = regex.compile(r"^[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u00b7\uf0b7\uf0a7\uf0d8\u27a2\u2013\u2014]\s*")


def clean(text: str) -> str:
    """NFC, one kind of space, no invisible characters, bullets as '-'. Keeps line breaks."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _MULTISPACE.sub(" ", text)
    return text.strip(" ")


def clean_line(text: str) -> str:
    """``clean`` for one paragraph: line breaks become spaces, list bullets become '- '."""
    text = clean(text.replace("\r", " ").replace("\n", " ").replace("\v", " "))
    text = _MULTISPACE.sub(" ", text)
    return _BULLET.sub("- ", text) if _BULLET.match(text) else text


def fix_legacy(texts: list[str]) -> tuple[list[str], str | None]:
    """Convert a whole document from TCVN3/VNI when it is written in one (decided once)."""
    name = detect_legacy("\n".join(texts))
    if name is None:
        return texts, None
    convert = CONVERTERS[name]
    return [convert(t) for t in texts], name
