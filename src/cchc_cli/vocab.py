"""The shared vocabulary, loaded from ``data/lexicon.yaml`` and validated once.

A low module: parse rules, checks and renderers import it; it imports nothing of theirs.
Patterns are built here, in one place, from the phrase lists, so that a new phrasing is a
data edit. Phrases are folded text (see ``text.fold``) and match as whole words.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Strict):
    """One appendix column: the header phrases that name it."""

    field: str = Field(pattern=r"^(stt|ignore|timeline|partners|lead|output|note|content)$")
    phrases: list[str] = Field(min_length=1)
    whole_cell: bool = False

    @field_validator("phrases")
    @classmethod
    def _folded(cls, phrases: list[str]) -> list[str]:
        for p in phrases:
            if p != p.lower() or not p.isascii():
                raise ValueError(f"phrase {p!r} is not folded (lowercase, no diacritics)")
        return phrases


class Lexicon(_Strict):
    table_columns: list[Column]


@cache
def lexicon() -> Lexicon:
    import yaml

    text = resources.files("cchc_cli.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return Lexicon.model_validate(yaml.safe_load(text))


def phrases_pattern(phrases: list[str], whole: bool = False) -> re.Pattern[str]:
    """Folded phrases -> one pattern matching any of them as whole words (or as the whole text)."""
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"^(?:{body})$" if whole else rf"\b(?:{body})\b")


@cache
def column_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(c.field, phrases_pattern(c.phrases, c.whole_cell)) for c in lexicon().table_columns]
