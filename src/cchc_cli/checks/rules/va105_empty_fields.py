"""A field a plan should have is empty: number, issuer, plan year, title; a target's metric; a task's content."""

from __future__ import annotations

from cchc_cli.checks.rules import rule


@rule(
    "VA105", "empty-field", "warning", "fill the field in (a news page may not state it)", command="validate"
)
def check(ctx):
    meta = ctx.plan.metadata
    for field in ("number", "issuer", "plan_year", "title"):
        if getattr(meta, field) in (None, ""):
            yield {"message": f"metadata.{field} is empty", "path": f"metadata.{field}"}
    for index, target in enumerate(ctx.plan.targets):
        if not target.metric.strip():
            yield {
                "message": f"target {target.id} has no metric",
                "path": f"targets[{index}].metric",
                "target": target.id,
            }
    for index, task in enumerate(ctx.plan.tasks):
        if not task.content.strip():
            yield {
                "message": f"task {task.id} has no content",
                "path": f"tasks[{index}].content",
                "task": task.id,
            }
