"""Plans -> flat tables (targets, tasks, references, metadata): what CSV, Excel and Markdown show.

Several plans make one table each, with a `source` column, so a folder of plans from many
provinces becomes one comparable table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from contextlib import suppress
from typing import Any

from cchc_cli.models import Metadata, Plan
from cchc_cli.vocab import Speaker

AGENCY_JOIN = "; "

COLUMNS: dict[str, list[str]] = {
    "targets": [
        "source",
        "id",
        "section",
        "area",
        "metric",
        "comparator",
        "value",
        "unit",
        "year",
        "task",
        "text",
        "location",
    ],
    "tasks": [
        "source",
        "id",
        "group",
        "stt",
        "content",
        "output",
        "timeline",
        "start",
        "end",
        "lead",
        "partners",
        "note",
        "location",
    ],
    "references": ["source", "kind", "number", "date", "issuer", "title", "location"],
    "metadata": ["source", *Metadata.model_fields, "targets", "tasks"],
}


def rows(plans: list[Plan], what: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for plan in plans:
        source = plan.source.path
        if what == "targets":
            out += [
                {
                    "source": source,
                    "id": t.id,
                    "section": t.section,
                    "area": t.area,
                    "metric": t.metric,
                    "comparator": t.comparator,
                    "value": t.value,
                    "unit": t.unit,
                    "year": t.year,
                    "task": t.task,
                    "text": t.text,
                    "location": t.location.describe(),
                }
                for t in plan.targets
            ]
        elif what == "tasks":
            out += [
                {
                    "source": source,
                    "id": t.id,
                    "group": t.group,
                    "stt": t.stt,
                    "content": t.content,
                    "output": t.output,
                    "timeline": t.timeline.text if t.timeline else None,
                    "start": t.timeline.start.isoformat() if t.timeline and t.timeline.start else None,
                    "end": t.timeline.end.isoformat() if t.timeline and t.timeline.end else None,
                    "lead": AGENCY_JOIN.join(t.lead),
                    "partners": AGENCY_JOIN.join(t.partners),
                    "note": t.note,
                    "location": t.location.describe(),
                }
                for t in plan.tasks
            ]
        elif what == "references":
            out += [
                {
                    "source": source,
                    "kind": r.kind,
                    "number": r.number,
                    "date": r.date.isoformat() if r.date else None,
                    "issuer": r.issuer,
                    "title": r.title,
                    "location": r.location.describe(),
                }
                for r in plan.references
            ]
        elif what == "metadata":
            meta = plan.metadata.model_dump(mode="json")
            out.append({"source": source, **meta, "targets": len(plan.targets), "tasks": len(plan.tasks)})
    return out


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK, =cmd|...,
# DDE): such text from a plan is written with a leading apostrophe, as OWASP advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def neutral(value: Any) -> Any:
    """Plan text made inert for a spreadsheet: control characters (NUL, ESC...) dropped, and a
    leading formula sign escaped; numbers and other values as they are."""
    if not isinstance(value, str):
        return value
    value = value.translate(_CONTROLS)
    if len(value) > 1 and value.startswith(_FORMULA_START):  # "=" alone: a comparator
        return "'" + value
    return value


def to_csv(plans: list[Plan], what: str, raw: bool = False) -> str:
    """UTF-8 with a BOM, so Excel shows Vietnamese correctly. Text cells that a spreadsheet would
    run as a formula get a leading apostrophe, unless ``raw``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[what], lineterminator="\r\n")
    writer.writeheader()
    for row in rows(plans, what):
        writer.writerow({k: "" if v is None else (v if raw else neutral(v)) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()


_MARKDOWN_SPECIAL = str.maketrans(
    {"|": "\\|", "\n": " ", "\r": " ", "<": "&lt;", ">": "&gt;", "&": "&amp;", "[": "\\[", "]": "\\]"}
)


def _cell(value: Any) -> str:
    """Plan text as inert Markdown: no HTML, no links, no row or cell breaks."""
    text = "" if value is None else str(value)
    return text.translate(_MARKDOWN_SPECIAL)


DATE_COLUMNS = {"start", "end", "date", "issued_date"}


def shown(row: dict[str, Any], speaker: Speaker, dates_as_dates: bool = False) -> dict[str, Any]:
    """A row as people read it: area names, "≥", units and levels in the speaker's language,
    a period as "2021–2025", and (for Excel) dates as real dates."""
    out = dict(row)
    for key, say in (
        ("area", speaker.area),
        ("comparator", speaker.comparator),
        ("unit", speaker.unit),
        ("issuer_level", speaker.issuer_level),
    ):
        if key in out:
            out[key] = say(out[key])
    period = out.get("period")
    if isinstance(period, dict):
        out["period"] = f"{period.get('start')}–{period.get('end')}"
    if dates_as_dates:
        for key in DATE_COLUMNS & out.keys():
            if isinstance(out[key], str):
                with suppress(ValueError):
                    out[key] = dt.date.fromisoformat(out[key])
    return out


def to_markdown(plans: list[Plan], whats: list[str], lang: str = "vi") -> str:
    speaker = Speaker(lang)
    parts = []
    for what in whats:
        parts.append(f"## {speaker.sheet(what)} ({what})\n")
        columns = COLUMNS[what] if len(plans) > 1 else [c for c in COLUMNS[what] if c != "source"]
        parts.append("| " + " | ".join(_cell(speaker.column(c)) for c in columns) + " |")
        parts.append("|" + "---|" * len(columns))
        for row in rows(plans, what):
            row = shown(row, speaker)
            parts.append("| " + " | ".join(_cell(row.get(c)) for c in columns) + " |")
        parts.append("")
    return "\n".join(parts)


WIDTHS = {
    "metric": 60,
    "text": 60,
    "content": 60,
    "title": 50,
    "issuer": 30,
    "lead": 30,
    "partners": 30,
    "output": 25,
    "timeline": 22,
    "group": 30,
    "source": 28,
    "location": 16,
}


XLSX_CELL_LIMIT = 32767  # characters Excel holds in one cell
_CUT_NOTE = " … [cut at Excel's 32,767 characters: the CSV and YAML exports hold the whole text]"


def _xlsx_value(value: Any) -> Any:
    """A cell Excel can hold: control characters (which openpyxl refuses) removed, text past
    Excel's cell limit cut with a visible note (never silently)."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > XLSX_CELL_LIMIT:
        value = value[: XLSX_CELL_LIMIT - len(_CUT_NOTE)] + _CUT_NOTE
    return value


def to_xlsx(plans: list[Plan], whats: list[str], lang: str = "vi") -> bytes:
    """One sheet per table plus the plans' metadata: labels in the language asked for, header
    frozen, filters on, text wrapped, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    speaker = Speaker(lang)
    book = Workbook()
    book.remove(book.active)
    for what in ["metadata", *[w for w in whats if w != "metadata"]]:
        sheet = book.create_sheet(speaker.sheet(what))
        columns = COLUMNS[what]
        sheet.append([speaker.column(c) for c in columns])
        for row in rows(plans, what):
            row = shown(row, speaker, dates_as_dates=True)
            sheet.append([_xlsx_value(row.get(c)) for c in columns])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # plan text that starts with "=": a string, never a formula
                    cell.data_type = "s"
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = WIDTHS.get(column, 12)
            header = sheet.cell(row=1, column=index)
            header.font = Font(bold=True)
            header.fill = PatternFill("solid", fgColor="DDEBF7")
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
