"""A task's timeline lies outside the plan year (work due well before the year starts, or after it ends).

Preparing and issuing a yearly plan falls in the last months before its year: a task that ends
within `months_before` months of the year's start is that preparation, not a slip.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from cchc_cli.checks.rules import Option, Problem, rule

MONTHS = Annotated[int, Field(ge=0, le=24)]


def _month_start(year: int, month: int) -> dt.date:
    """The first day of a month counted from January of `year` (0 or less: months before it)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1)


@rule(
    "VA108",
    "deadline-outside-plan-year",
    "warning",
    "check the timeline against the plan year",
    command="validate",
    options={
        "months_before": Option(
            3, "months before the plan year in which tasks (preparing the plan) may fall", MONTHS
        ),
        "months_after": Option(0, "months after the plan year in which tasks may still start", MONTHS),
    },
)
def check(ctx, options):
    year = ctx.plan.metadata.plan_year
    if not year:
        return
    earliest = _month_start(year, 1 - options.months_before)
    latest = _month_start(year, 13 + options.months_after)  # the day after the last allowed
    for index, task in enumerate(ctx.plan.tasks):
        timeline = task.timeline
        if timeline is None or (timeline.start is None and timeline.end is None):
            continue
        end = timeline.end or timeline.start
        start = timeline.start or timeline.end
        if end < earliest or start >= latest:
            yield Problem(
                message=f"task {task.id} runs '{timeline.text}', outside the plan year {year}",
                path=f"tasks[{index}].timeline",
                task=task.id,
                location=task.location,
            )
