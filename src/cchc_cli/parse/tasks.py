"""Task rule: the appendix table (STT | Nội dung | Kết quả | Thời gian | Chủ trì | Phối hợp | Ghi chú).

Two shapes: a real table (docx, PDF, HTML), and text copied from a web page where every cell
sits on its own line (an empty cell is a blank-looking line). Columns are found by their
header words, so tables with other orders or fewer columns work too. Group rows (Roman STT)
name the reform area of the rows under them.
"""

from __future__ import annotations

import re

from cchc_cli.models import Area, Task
from cchc_cli.parse.agencies import split_agencies
from cchc_cli.parse.lexicon import classify_area
from cchc_cli.parse.state import State, location
from cchc_cli.parse.timeline import parse_timeline
from cchc_cli.readers.blocks import Block
from cchc_cli.text import fold, is_roman, rx
from cchc_cli.vocab import column_patterns

_STT = rx(r"^(?:\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.)]?$")
_GROUP_MARK = rx(r"^(?:[IVXLC]+|[A-ZĐ])\s*[.)]?$")
_FOOTNOTE_MARK = rx(r"\[\d{1,2}\]|\(\d{1,2}\)$")


def column_of(text: str) -> str | None:
    """The field a header cell names (see ``table_columns`` in data/lexicon.yaml), or None."""
    folded = _FOOTNOTE_MARK.sub("", fold(text)).strip(" *:")
    if not folded or len(folded) > 45:
        return None
    for name, pattern in column_patterns():
        if pattern.search(folded):
            return name
    return None


class _Builder:
    def __init__(self, plan_year: int | None):
        self.plan_year = plan_year
        self.tasks: list[Task] = []
        self.taken: set[str] = set()
        self.suffix: dict[str, int] = {}  # the next suffix to try for a repeated id
        self.group_number: str | None = None
        self.group: str | None = None
        self.area: Area | None = None

    def _unique(self, task_id: str) -> str:
        """Ids stay unique when a table repeats a number ("II.1", then "II.1-2"). The search
        for a free suffix resumes where it last stopped (from 2 each time, a number repeated
        n times cost n^2)."""
        candidate = task_id
        if candidate in self.taken:
            n = self.suffix.get(task_id, 2)
            while f"{task_id}-{n}" in self.taken:
                n += 1
            candidate, self.suffix[task_id] = f"{task_id}-{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def start_group(self, number: str, title: str) -> None:
        self.group_number, self.group = number, title.strip() or None
        self.area = classify_area(title) if title else None

    def add(self, stt: str, values: dict[str, str], block: Block, row: int | None) -> None:
        stt = stt.rstrip(".")
        content = values.get("content", "").strip()
        if not content:
            return
        timeline_text = values.get("timeline", "").strip()
        # "1.1" under group "1" already names its group.
        nested = self.group_number and stt.startswith(f"{self.group_number}.")
        task_id = f"{self.group_number}.{stt}" if self.group_number and not nested else stt
        self.tasks.append(
            Task(
                id=self._unique(task_id),
                group_number=self.group_number,
                group=self.group,
                area=self.area or classify_area(content) or "other",
                stt=stt,
                content=content,
                output=values.get("output", "").strip() or None,
                timeline=parse_timeline(timeline_text, self.plan_year) if timeline_text else None,
                lead=split_agencies(values.get("lead")),
                partners=split_agencies(values.get("partners")),
                note=values.get("note", "").strip() or None,
                location=location(block, row=row),
            )
        )


def parse_tasks(state: State, plan_year: int | None) -> list[Task]:
    """Rows of every table with a task and a lead column, wherever it stands (an appendix, a
    decision's annex, the body); a table with no header row carries on the one before it."""
    builder = _Builder(plan_year)
    columns: dict[int, str] | None = None
    for block in state.doc.blocks:
        if block.kind == "table" and block.rows:
            columns = _from_table(block, builder, columns)
    if not builder.tasks:
        _from_lines([b for b in state.appendix if b.kind == "para"], builder)
    return builder.tasks


def is_task_table(block: Block) -> bool:
    return bool(block.rows) and _find_header(block.rows) is not None


def _header(cells: list[str]) -> dict[int, str] | None:
    columns: dict[int, str] = {}
    for i, cell in enumerate(cells):
        name = column_of(cell)
        if name and name != "ignore" and name not in columns.values():
            columns[i] = name
    names = set(columns.values())
    return columns if {"content", "lead"} <= names and len(names) >= 3 else None


def _find_header(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    for r, row in enumerate(rows[:4]):
        columns = _header(row)
        if columns:
            filled = len([c for c in row if c.strip()])
            widths = [len([c for c in later if c.strip()]) for later in rows[r + 1 : r + 6]]
            shift = max(widths, default=filled) - filled
            if shift > 0 and "stt" not in columns.values() and min(columns) == 0:
                # The STT cell was merged from the row above and is missing: data rows are wider.
                columns = {i + shift: name for i, name in columns.items()}
                columns[0] = "stt"
            return r, columns
    return None


def _from_table(block: Block, builder: _Builder, previous: dict[int, str] | None) -> dict[int, str] | None:
    """Read one table's rows; return its columns (for a continuation table after it)."""
    assert block.rows is not None
    rows = block.rows
    found = _find_header(rows)
    if found is not None:
        head, columns = found
        for r, row in enumerate(rows[:head], start=1):
            _row(row, columns, builder, block, r, heading_only=True)
        body = range(head + 1, len(rows))
    elif previous is not None and max(previous) < len(rows[0]) and _looks_continued(rows, previous):
        columns, body = previous, range(len(rows))
    else:
        return None
    for r in body:
        _row(rows[r], columns, builder, block, r + 1)
    return columns


def _looks_continued(rows: list[list[str]], columns: dict[int, str]) -> bool:
    """A table with no header whose rows are task rows in the same columns (a page break)."""
    lead = next(i for i, name in columns.items() if name == "lead")
    content = next(i for i, name in columns.items() if name == "content")
    rows_with_tasks = [
        r for r in rows if len(r) > max(lead, content) and r[content].strip() and r[lead].strip()
    ]
    return len(rows_with_tasks) >= max(1, len(rows) // 2)


def _row(
    row: list[str],
    columns: dict[int, str],
    builder: _Builder,
    block: Block,
    r: int,
    heading_only: bool = False,
) -> None:
    if all(re.fullmatch(r"\(?\d{1,2}\)?", c.strip()) for c in row if c.strip()):
        return  # a row numbering the columns: (1) (2) (3)...
    values = {name: row[i] for i, name in columns.items() if i < len(row)}
    stt = values.get("stt", row[0]).strip().strip("*")
    filled = [c for c in row if c.strip()]
    agencies = any(values.get(k, "").strip() for k in ("lead", "partners", "timeline"))
    # Above the header row only a marked group ("A", "I") counts: a title row there is not one.
    if _GROUP_MARK.match(stt) or (stt and not _STT.match(stt) and len(filled) <= 2 and not heading_only):
        title = next((c for c in row if c.strip() and c.strip().strip("*") != stt), "")
        builder.start_group(stt.rstrip("."), title)
    elif heading_only:
        return
    elif _STT.match(stt) and not agencies and len(filled) <= 2:
        # "1 | Nhóm nhiệm vụ ..." with no agency: a heading over rows "1.1", "1.2"...
        builder.start_group(stt.rstrip(".)"), values.get("content", ""))
    elif _STT.match(stt):
        builder.add(stt.rstrip(".)"), values, block, r)
    elif not stt and builder.tasks and filled and _header(row) is None:
        # (a row naming the columns again, its STT cell merged away, is a repeated header)
        _continue_row(builder, values)


def _continue_row(builder: _Builder, values: dict[str, str]) -> None:
    """A row with no STT carries on the task above (a merged or split row)."""
    task = builder.tasks[-1]
    extra = values.get("content", "").strip()
    if extra:
        task.content = f"{task.content} {extra}"
    task.lead += [a for a in split_agencies(values.get("lead")) if a not in task.lead]
    task.partners += [a for a in split_agencies(values.get("partners")) if a not in task.partners]


def _from_lines(blocks: list[Block], builder: _Builder) -> None:
    """Cells one per line: "STT", header cells, then rows of that many cells."""
    start = next((i for i, b in enumerate(blocks) if column_of(b.text) == "stt"), None)
    if start is None:
        return
    names = ["stt"]
    i = start + 1
    while (
        i < len(blocks)
        and blocks[i].text
        and column_of(blocks[i].text)
        and column_of(blocks[i].text) not in names
    ):
        names.append(column_of(blocks[i].text) or "")
        i += 1
    if "content" not in names:
        return
    width = len(names)
    while i < len(blocks):
        text = blocks[i].text.strip()
        if not text:
            i += 1
            continue
        token = text.rstrip(".")
        if is_roman(token) and len(token) <= 6:
            j = i + 1
            while j < len(blocks) and not blocks[j].text.strip():
                j += 1
            builder.start_group(token, blocks[j].text if j < len(blocks) else "")
            i = j + 1
            continue
        if not _STT.match(text):
            break  # the table is over
        cells: list[str] = []
        j = i + 1
        while j < len(blocks) and len(cells) < width - 1:
            nxt = blocks[j].text.strip()
            if (
                len(cells) >= 4
                and (_STT.match(nxt) or is_roman(nxt.rstrip(".")))
                and _next_row_starts(blocks, j)
            ):
                break
            cells.append(blocks[j].text)
            j += 1
        builder.add(text, dict(zip(names[1:], cells, strict=False)), blocks[i], None)
        i = j


def _next_row_starts(blocks: list[Block], j: int) -> bool:
    """A number-only line is a new row, not a cell, if a content-like cell follows it."""
    k = j + 1
    while k < len(blocks) and not blocks[k].text.strip():
        k += 1
    return k < len(blocks) and len(blocks[k].text.split()) >= 2
