"""Appendix rows are out of sequence: STT within a group, or the groups' Roman numbers."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule
from cchc_cli.text import is_roman, roman_value, small_number


@rule(
    "VA102",
    "appendix-sequence",
    "warning",
    "number the rows 1, 2, 3... within each group",
    command="validate",
)
def check(ctx, options):
    expected: dict[str | None, int] = {}
    last_group, last_name = 0, "none"
    for index, task in enumerate(ctx.plan.tasks):
        group = task.group_number
        if group not in expected and group and is_roman(group):
            if roman_value(group) != last_group + 1:
                yield Problem(
                    message=f"appendix group {group} follows group {last_name}",
                    path=f"tasks[{index}].group_number",
                    task=task.id,
                    location=task.location,
                )
            last_group, last_name = roman_value(group), group
        want = expected.get(group, 0) + 1
        stt = small_number(task.stt)
        if stt is not None:
            if stt != want:
                yield Problem(
                    message=f"row {task.id}: STT {task.stt} where {want} was expected",
                    path=f"tasks[{index}].stt",
                    task=task.id,
                    location=task.location,
                )
            expected[group] = stt
