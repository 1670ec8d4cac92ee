"""An appendix task has no lead agency (cơ quan chủ trì)."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule


@rule("VA107", "task-without-lead", "warning", "name the agency that leads the task", command="validate")
def check(ctx, options):
    for index, task in enumerate(ctx.plan.tasks):
        if not task.lead:
            yield Problem(
                message=f"task {task.id} has no lead agency",
                path=f"tasks[{index}].lead",
                task=task.id,
                location=task.location,
            )
