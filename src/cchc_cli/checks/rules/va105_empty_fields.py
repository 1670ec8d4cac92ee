"""A field a plan should have is empty: number, issuer, plan year, title; a target's metric; a task's content."""

from __future__ import annotations

from typing import Literal

from cchc_cli.checks.rules import Option, Problem, rule

FIELD = Literal[
    "doc_type",
    "number",
    "issuer",
    "province",
    "place",
    "issued_date",
    "plan_year",
    "title",
    "signer",
    "signer_title",
]


@rule(
    "VA105",
    "empty-field",
    "warning",
    "fill the field in (a news page may not state it)",
    command="validate",
    options={
        "fields": Option(
            ["number", "issuer", "plan_year", "title"],
            "metadata fields that must not be empty",
            list[FIELD],
            "list of metadata fields",
        )
    },
)
def check(ctx, options):
    meta = ctx.plan.metadata
    for field in options.fields:
        if getattr(meta, field) in (None, ""):
            yield Problem(message=f"metadata.{field} is empty", path=f"metadata.{field}")
    for index, target in enumerate(ctx.plan.targets):
        if not target.metric.strip():
            yield Problem(
                message=f"target {target.id} has no metric",
                path=f"targets[{index}].metric",
                target=target.id,
            )
    for index, task in enumerate(ctx.plan.tasks):
        if not task.content.strip():
            yield Problem(
                message=f"task {task.id} has no content",
                path=f"tasks[{index}].content",
                task=task.id,
            )
