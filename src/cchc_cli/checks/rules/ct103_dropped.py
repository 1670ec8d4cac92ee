"""A target of last year's plan (--previous) has no counterpart this year."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule
from cchc_cli.text import commitment


@rule(
    "CT103",
    "dropped-vs-previous",
    "warning",
    "carry the target over, or say in the plan why it ended",
    command="check-targets",
)
def check(ctx, options):
    if ctx.previous is None:
        return
    for change in ctx.changes.targets:
        if change.change == "removed":
            old = change.old
            yield Problem(
                message=f"dropped since last year: '{old['metric']}' ({commitment(old)}, last year's {old['id']})",
                path="targets",
            )
