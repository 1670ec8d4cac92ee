"""The Plan model: the public contract of cchc.

Field names are fixed: scripts, golden files and the JSON Schema in ``schemas/`` rely on them.
Models forbid unknown fields so that a typo in a hand-edited YAML plan is an error, not silence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

SCHEMA_VERSION = "1.0"

Area = Literal[
    "institutional",
    "administrative_procedures",
    "apparatus",
    "civil_service",
    "public_finance",
    "digital_government",
    "direction",
    "other",
]
Comparator = Literal[">=", ">", "=", "<=", "<", "increase", "decrease", "maintain"]
Unit = Literal["%", "rank", "count", "point"]
SectionKind = Literal["purpose", "targets", "tasks", "reporting", "organization", "other"]
IssuerLevel = Literal["province", "district", "commune", "department", "ministry", "central", "unknown"]
SourceFormat = Literal["txt", "html", "docx", "pdf"]


# No share, count, score or rank in a plan comes near this; a bigger number (4,000 digits in a
# hand-edited file) is refused with its field path instead of breaking exports downstream.
MAX_VALUE = 10**15


# pydantic reads each default factory's signature when it builds a model; a builtin's (``list``)
# is parsed from text, 0.3 ms each: 16 fields made that 5 ms of every parse.
def _empty_list() -> list:
    return []


def _empty_dict() -> dict:
    return {}


class _Model(BaseModel):
    # NaN and infinities are not numbers a plan can hold ("≥ nan%" is no check, and JSON has no NaN).
    model_config = ConfigDict(
        extra="forbid", validate_assignment=False, allow_inf_nan=False, defer_build=True
    )

    @classmethod
    def trusted(cls, **values: Any) -> Any:
        """Build from values the parser computed itself, skipping validation (a hot path).

        Every field must be given. What users load (YAML/JSON) always goes through validation.
        """
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj


class Location(_Model):
    """Where an item came from, so a user can check it against the source.

    ``block`` is the 1-based ordinal of the paragraph or table in reading order; ``line`` the
    1-based line of a text/HTML file (or the line on a PDF page); ``page`` the PDF page;
    ``row``/``cell`` the 1-based table row and column. Unknown parts are omitted when written.
    """

    block: int | None = Field(default=None, ge=1)
    line: int | None = Field(default=None, ge=1)
    page: int | None = Field(default=None, ge=1)
    row: int | None = Field(default=None, ge=1)
    cell: int | None = Field(default=None, ge=1)

    @model_serializer(mode="wrap")
    def _drop_unknown(self, handler: Any) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}

    def describe(self) -> str:
        parts = []
        if self.page:
            parts.append(f"page {self.page}")
        if self.line:
            parts.append(f"line {self.line}")
        if not parts and self.block:
            parts.append(f"block {self.block}")
        if self.row:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


class Source(_Model):
    path: str
    format: SourceFormat
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    encoding: str | None = Field(default=None, description="Text encoding detected (text/HTML inputs).")
    encoding_fixed: bool = Field(
        default=False, description="True when legacy TCVN3/VNI text was converted to Unicode."
    )


class Period(_Model):
    """The span a multi-year plan covers ("giai đoạn 2026 - 2030")."""

    start: int = Field(ge=1990, le=2100)
    end: int = Field(ge=1990, le=2100)


class Metadata(_Model):
    doc_type: str | None = Field(default=None, description='Document type, e.g. "Kế hoạch".')
    number: str | None = Field(default=None, description='Document number, e.g. "8474/KH-UBND".')
    issuer: str | None = Field(default=None, description='e.g. "Ủy ban nhân dân tỉnh Bến Tre".')
    issuer_level: IssuerLevel = "unknown"
    province: str | None = None
    place: str | None = Field(default=None, description="Place written before the date.")
    issued_date: dt.date | None = None
    plan_year: int | None = Field(
        default=None, ge=1990, le=2100, description="The one year the title names (yearly plans)."
    )
    period: Period | None = Field(default=None, description="The span the title names (multi-year plans).")
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None


class Paragraph(_Model):
    text: str
    location: Location


class Section(_Model):
    number: str | None = Field(description='The heading\'s own number: "II", "3", "a", "1.2".')
    path: str | None = Field(description='Number path from the top: "III.3", "VI.2.a".')
    title: str
    kind: SectionKind
    paragraphs: list[Paragraph] = Field(default_factory=_empty_list)
    children: list[Section] = Field(default_factory=_empty_list)
    location: Location


class Target(_Model):
    """A forward-looking commitment: a number with a comparator, or a direction (increase...)."""

    id: str
    text: str = Field(description="The clause the target came from.")
    metric: str = Field(description="What is measured, in the plan's words.")
    comparator: Comparator
    value: int | float | None = Field(default=None, ge=-MAX_VALUE, le=MAX_VALUE)
    unit: Unit | None = None
    area: Area
    year: int | None = None
    section: str | None = Field(default=None, description="Path of the enclosing section.")
    task: str | None = Field(default=None, description="Id of the appendix task it came from.")
    location: Location


class Result(_Model):
    """An achieved figure the document reports ("9 tháng đầu năm ... đạt 96,6%"): not a target,
    kept so that last year's targets can be compared with this year's results."""

    text: str = Field(description="The clause the figure came from.")
    metric: str
    value: int | float | None = Field(default=None, ge=-MAX_VALUE, le=MAX_VALUE)
    unit: Unit | None = None
    year: int | None = Field(default=None, description="The year the figure is for, where the text says it.")
    period: str | None = Field(
        default=None,
        description='The reporting period the text names, where it does: "9 tháng đầu năm", "trong quý I", "tính đến nay".',
    )
    section: str | None = None
    location: Location


class Timeline(_Model):
    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    quarters: list[str] = Field(default_factory=_empty_list, description='e.g. ["2023-Q1", "2023-Q2"].')
    months: list[str] = Field(default_factory=_empty_list, description='e.g. ["2022-12"].')
    recurring: bool = False


class Task(_Model):
    """One row of the appendix table of tasks."""

    id: str = Field(description='Group number and STT, e.g. "II.3".')
    group_number: str | None
    group: str | None = Field(description="The reform-area heading of the row's group.")
    area: Area
    stt: str
    content: str
    output: str | None = None
    timeline: Timeline | None = None
    lead: list[str] = Field(default_factory=_empty_list)
    partners: list[str] = Field(default_factory=_empty_list)
    note: str | None = None
    location: Location


class Reference(_Model):
    kind: str = Field(description='"Kế hoạch", "Quyết định", "Nghị quyết", "Luật"...')
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = Field(default=None, description="What it is about, or a law's name.")
    location: Location


class Assignment(_Model):
    agency: str
    duties: list[str]
    section: str | None = None
    location: Location


class Footnote(_Model):
    number: str
    text: str
    location: Location


class Plan(_Model):
    """A parsed plan. The single source of truth for every other command."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    metadata: Metadata
    indices: list[str] = Field(default_factory=_empty_list, description='e.g. ["PAR INDEX", "SIPAS"].')
    preamble: list[Paragraph] = Field(
        default_factory=_empty_list, description="Body text before the first heading (all of a news article)."
    )
    sections: list[Section] = Field(default_factory=_empty_list)
    targets: list[Target] = Field(default_factory=_empty_list)
    results: list[Result] = Field(
        default_factory=_empty_list, description="Achieved figures, not commitments."
    )
    tasks: list[Task] = Field(default_factory=_empty_list)
    references: list[Reference] = Field(default_factory=_empty_list)
    assignments: list[Assignment] = Field(default_factory=_empty_list)
    footnotes: list[Footnote] = Field(default_factory=_empty_list)
    warnings: list[str] = Field(default_factory=_empty_list, description="What the parser could not do.")
