"""Why each number of a document was or was not taken as a target: ``cchc parse --explain``.

One line a number, in reading order, so it can be grepped::

    plan.txt:120: 96,6 % -> result: an achieved figure: “9 tháng đầu năm” before it | 9 tháng đầu năm …
    plan.txt:141: 70 % -> target T003: a commitment: “tối thiểu” | Mức độ hài lòng … đạt tối thiểu 70%
"""

from __future__ import annotations

from cchc_cli.models import Location
from cchc_cli.parse.targets import Verdict

_CLAUSE_WIDTH = 90


def where(location: Location | None) -> str:
    """ "120" (a text line), "p3:12" (line 12 of PDF page 3), "b45" (the 45th block), with ", row 4"."""
    if location is None:
        return "?"
    if location.page:
        place = f"p{location.page}" + (f":{location.line}" if location.line else "")
    elif location.line:
        place = str(location.line)
    else:
        place = f"b{location.block}" if location.block else "?"
    return place + (f", row {location.row}" if location.row else "")


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",")  # as the plans write it


def explain_lines(path: str, verdicts: list[Verdict]) -> list[str]:
    lines = []
    for v in verdicts:
        unit = {"%": " %", "count": "", "point": " điểm", "rank": " (hạng)"}.get(v.unit or "", f" {v.unit}")
        verdict = f"target {v.target}" if v.verdict == "target" and v.target else v.verdict
        clause = " ".join(v.clause.split())
        if len(clause) > _CLAUSE_WIDTH:
            clause = clause[: _CLAUSE_WIDTH - 1] + "…"
        lines.append(
            f"{path}:{where(v.location)}: {_number(v.value)}{unit} -> {verdict}: {v.reason} | {clause}"
        )
    return lines
