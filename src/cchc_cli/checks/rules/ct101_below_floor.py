"""A target is looser than the national (or your own) floor in force for the plan year.

Matched by meaning: the floor's area words must occur in the target's metric and the units
must agree; the floor in force is the latest one whose year has come by the plan year.
"""

from __future__ import annotations

from cchc_cli.checks.rules import Problem, rule
from cchc_cli.diff import strictness  # the same order of strictness as `cchc diff`
from cchc_cli.models import Target
from cchc_cli.text import COMPARATOR_SYMBOL


@rule(
    "CT101",
    "below-floor",
    "error",
    "raise the target to at least the floor, or exempt it with a reason",
    command="check-targets",
)
def check(ctx, options):
    for index, target in enumerate(ctx.plan.targets):
        for floor in ctx.floors:
            if target.value is None or floor.value is None or not floor.matches(target):
                continue
            as_floor = Target(
                id="floor",
                text=floor.metric,
                metric=floor.metric,
                comparator=floor.comparator,
                value=floor.value,
                unit=floor.unit,
                area=floor.area,
                location=target.location,
            )
            if strictness(as_floor, target) == -1:
                yield Problem(
                    message=f"below {floor.describe()}: plan has {_show(target)} for '{target.metric}'",
                    path=f"targets[{index}].value",
                    target=target.id,
                    location=target.location,
                    floor=floor.as_finding(),
                )


def _show(target: Target) -> str:
    symbol = COMPARATOR_SYMBOL.get(target.comparator, target.comparator)
    return f"{symbol} {target.value:g}{target.unit or ''}"
