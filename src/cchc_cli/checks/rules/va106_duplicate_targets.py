"""The same target appears twice (same metric, comparator, value, unit and year)."""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule
from cchc_cli.text import fold


@rule("VA106", "duplicate-target", "warning", "keep one of the two", command="validate")
def check(ctx, options):
    seen: dict[tuple, str] = {}
    for index, target in enumerate(ctx.plan.targets):
        key = (fold(target.metric), target.comparator, target.value, target.unit, target.year, target.task)
        if key in seen:
            yield Problem(
                message=f"target {target.id} repeats {seen[key]}",
                path=f"targets[{index}]",
                target=target.id,
                location=target.location,
            )
        else:
            seen[key] = target.id
