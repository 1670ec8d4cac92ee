"""A target is looser than the same target in last year's plan (--previous).

Targets are paired across the years as `cchc diff` pairs them (by meaning, not position).
"""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule
from cchc_cli.text import commitment


@rule(
    "CT102",
    "lowered-vs-previous",
    "error",
    "keep last year's commitment or a stricter one",
    command="check-targets",
)
def check(ctx, options):
    if ctx.previous is None:
        return
    ids = {t.id: i for i, t in enumerate(ctx.plan.targets)}
    for change in ctx.changes.targets:
        if change.change == "lowered":
            old, new = change.old, change.new
            yield Problem(
                message=f"lowered against last year: '{new['metric']}' was {commitment(old)}, now {commitment(new)}",
                path=f"targets[{ids[new['id']]}].value",
                target=new["id"],
                location=ctx.plan.targets[ids[new["id"]]].location,
            )
