"""A task's timeline lies outside the plan year (work due before the year starts, or after it ends)."""

from __future__ import annotations

from cchc_cli.checks.rules import rule


@rule(
    "VA108",
    "deadline-outside-plan-year",
    "warning",
    "check the timeline against the plan year",
    command="validate",
)
def check(ctx):
    year = ctx.plan.metadata.plan_year
    if not year:
        return
    for index, task in enumerate(ctx.plan.tasks):
        timeline = task.timeline
        if timeline is None or (timeline.start is None and timeline.end is None):
            continue
        end = timeline.end or timeline.start
        start = timeline.start or timeline.end
        if end.year < year or start.year > year:
            yield {
                "message": f"task {task.id} runs '{timeline.text}', outside the plan year {year}",
                "path": f"tasks[{index}].timeline",
                "task": task.id,
                "location": task.location,
            }
