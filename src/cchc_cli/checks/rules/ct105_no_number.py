"""A target has no number (an aim such as "nâng cao") where the floor for it has one."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule


@rule(
    "CT105",
    "no-number-where-floor-has-one",
    "warning",
    "state the target as a number at least the floor",
    command="check-targets",
)
def check(ctx, options):
    for index, target in enumerate(ctx.plan.targets):
        if target.value is not None:
            continue
        for floor in ctx.floors:
            if floor.value is not None and floor.matches(target):
                yield Problem(
                    message=f"'{target.metric}' has no number; {floor.describe()}",
                    path=f"targets[{index}]",
                    target=target.id,
                    location=target.location,
                    floor=floor.as_finding(),
                )
                break
